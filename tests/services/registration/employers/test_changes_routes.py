"""变更登记 over the API: the nine items, history (old/new/who/when/why), certificate reissue."""

from __future__ import annotations


import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.factories import auth
from tests.services.registration.factories import approved_employer, submitted_employer, uscc

TODAY = china_today().isoformat()


def change(key: str, *items: dict, reason: str = "工商变更登记") -> dict:
    return {"request_key": key, "reason": reason, "effective_on": TODAY, "items": list(items)}


@pytest.fixture
async def employer(client: httpx.AsyncClient) -> dict:
    return await approved_employer(client, staff=[])


async def test_each_of_the_nine_items_is_kept_as_history(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    items = [
        {"item": "name", "new_value": "长沙某智能科技有限公司"},
        {"item": "address", "new_value": "长沙市芙蓉区韶山北路2号"},
        {"item": "legal_representative", "new_value": "钱八"},
        {"item": "unit_type", "new_value": "private_non_enterprise"},
        {"item": "organisation_code", "new_value": uscc()},
        {"item": "supervising_department", "new_value": "芙蓉区科技局"},
        {"item": "affiliation", "new_value": "市属"},
        {"item": "bank_account", "new_value": {"bank_name": "中国银行", "bank_account": "6216610100001234"}},
        {"item": "other", "other_item": "邮政编码", "new_value": "410011"},
    ]
    response = await client.post(
        f"/employers/{employer['id']}/changes", json=change("BG-1", *items), headers=auth("case_manager")
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert {c["item"] for c in body["changes"]} == {i["item"] for i in items}
    name_change = next(c for c in body["changes"] if c["item"] == "name")
    assert name_change["old_value"] == "长沙某科技有限公司"
    assert name_change["new_value"] == "长沙某智能科技有限公司"
    assert name_change["changed_by"] == "test-case_manager" and name_change["reason"] == "工商变更登记"
    assert body["employer"]["name"] == "长沙某智能科技有限公司"
    assert body["employer"]["other_items"] == {"邮政编码": "410011"}
    assert body["employer"]["bank_account"] == "6216610100001234"


async def test_a_certificate_item_withdraws_the_old_certificate_and_issues_a_new_number(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    old_number = employer["certificate_number"]
    response = await client.post(
        f"/employers/{employer['id']}/changes",
        json=change("BG-2", {"item": "address", "new_value": "长沙市芙蓉区八一路3号"}),
        headers=auth("service_point", "430102"),
    )

    body = response.json()
    assert response.status_code == 201 and body["certificate_reissued"] is True
    assert body["certificate_number"] not in (None, old_number)
    rows = await conn.fetch(
        "SELECT number, status, end_reason FROM employer_certificates WHERE employer_id = $1 ORDER BY created_at",
        employer["id"],
    )
    assert [(r["number"], r["status"], r["end_reason"]) for r in rows] == [
        (old_number, "withdrawn", "change"),
        (body["certificate_number"], "valid", None),
    ]


async def test_a_change_not_on_the_certificate_keeps_it(
    client: httpx.AsyncClient, employer: dict
) -> None:
    response = await client.post(
        f"/employers/{employer['id']}/changes",
        json=change("BG-3", {"item": "affiliation", "new_value": "省属"}),
        headers=auth("case_manager"),
    )
    assert response.json()["certificate_reissued"] is False
    assert response.json()["certificate_number"] == employer["certificate_number"]


async def test_repeated_request_key_is_idempotent_and_reuse_conflicts(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    url = f"/employers/{employer['id']}/changes"
    body = change("BG-4", {"item": "name", "new_value": "新名称有限公司"})
    first = await client.post(url, json=body, headers=auth("case_manager"))
    again = await client.post(url, json=body, headers=auth("case_manager"))
    reused = await client.post(
        url, json=change("BG-4", {"item": "name", "new_value": "又一个名称"}), headers=auth("case_manager")
    )
    assert (first.status_code, again.status_code, reused.status_code) == (201, 200, 409)
    assert again.json()["certificate_number"] == first.json()["certificate_number"]
    assert await conn.fetchval(
        "SELECT count(*) FROM employer_certificates WHERE employer_id = $1", employer["id"]
    ) == 2


async def test_bad_change_input_gets_a_field_and_nothing_is_written(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    url = f"/employers/{employer['id']}/changes"
    bad_code = await client.post(
        url,
        json=change("BG-5", {"item": "name", "new_value": "好名字"},
                    {"item": "organisation_code", "new_value": "91430102MA4L00000"}),
        headers=auth("case_manager"),
    )
    assert bad_code.status_code == 422 and bad_code.json()["field"] == "items.1.new_value"
    bad_bank = await client.post(
        url, json=change("BG-6", {"item": "bank_account", "new_value": "123"}), headers=auth("case_manager")
    )
    assert bad_bank.status_code == 422 and bad_bank.json()["code"] == "invalid_new_value"
    same = await client.post(
        url, json=change("BG-7", {"item": "name", "new_value": employer["name"]}), headers=auth("case_manager")
    )
    assert same.status_code == 422 and same.json()["code"] == "nothing_changed"
    assert await conn.fetchval("SELECT name FROM employers WHERE id = $1", employer["id"]) == employer["name"]
    assert await conn.fetchval("SELECT count(*) FROM employer_changes WHERE employer_id = $1", employer["id"]) == 0


async def test_history_masks_personal_values_for_operations(
    client: httpx.AsyncClient, employer: dict
) -> None:
    await client.post(
        f"/employers/{employer['id']}/changes",
        json=change("BG-8", {"item": "legal_representative", "new_value": "钱八"},
                    {"item": "bank_account", "new_value": {"bank_name": "中国银行", "bank_account": "6216610100001234"}}),
        headers=auth("case_manager"),
    )
    url = f"/employers/{employer['id']}/changes"
    ops = {c["item"]: c for c in (await client.get(url, headers=auth("operations"))).json()}
    auditor = {c["item"]: c for c in (await client.get(url, headers=auth("auditor"))).json()}
    assert ops["legal_representative"]["new_value"] == "钱*"
    assert ops["bank_account"]["new_value"]["bank_account"] == "6216********1234"
    assert auditor["legal_representative"]["new_value"] == "钱八"


async def test_changes_need_an_approved_employer(client: httpx.AsyncClient) -> None:
    employer = await submitted_employer(client)
    response = await client.post(
        f"/employers/{employer['id']}/changes",
        json=change("BG-9", {"item": "name", "new_value": "X公司"}),
        headers=auth("case_manager"),
    )
    assert response.status_code == 409 and response.json()["code"] == "employer_not_approved"


async def test_overlong_values_are_refused_with_their_field(client: httpx.AsyncClient, employer: dict) -> None:
    response = await client.post(
        f"/employers/{employer['id']}/changes",
        json=change("BG-10", {"item": "address", "new_value": "长" * 301}),
        headers=auth("case_manager"),
    )
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("invalid_new_value_length", "items.0.new_value")
