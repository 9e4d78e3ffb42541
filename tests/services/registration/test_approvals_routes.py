"""Four-eyes control (R-CTRL-1) of a USCC override, through the registration API: prepared (202,
no employer registered), refused to the same case manager and to another role, approved by a
second case manager, after which the same submission goes through; a province's policy row
without ``uscc_override`` makes it one step."""

from __future__ import annotations

import httpx

from tests.factories import auth
from tests.four_eyes import SECOND, approve
from tests.services.registration.factories import employer_payload, uscc, with_wrong_uscc_check

URL = "/employers"
REASON = "营业执照原件核对无误"


async def test_a_uscc_override_needs_a_second_case_manager(client: httpx.AsyncClient) -> None:
    code = with_wrong_uscc_check(uscc())
    payload = employer_payload(uscc=code, uscc_check_override_reason=REASON)
    prepared = await client.post(URL, json=payload, headers=auth("case_manager"))
    assert prepared.status_code == 202, prepared.text
    approval = prepared.json()
    assert (approval["kind"], approval["subject_id"], approval["status"]) == ("uscc_override", code, "prepared")
    # Nothing registered, and no names or ID numbers in the prepared request.
    assert (await client.get(f"{URL}?uscc={code}", headers=auth("case_manager"))).json() == []
    assert set(approval["payload"]) == {"uscc", "district", "reason"}

    same = await approve(client, approval["id"], subject=approval["prepared_by"])
    assert (same.status_code, same.json()["code"]) == (403, "four_eyes_same_person")
    assert "同一人" in same.json()["message"]
    wrong = await client.post(f"/approvals/{approval['id']}/approve", json={}, headers=auth("operations"))
    assert wrong.status_code == 403
    approved = await approve(client, approval["id"])
    assert (approved.status_code, approved.json()["decided_by"]) == (200, SECOND)
    again = await approve(client, approval["id"], subject="test-third")
    assert (again.status_code, again.json()["code"]) == (409, "approval_already_decided")

    registered = await client.post(URL, json=payload, headers=auth("case_manager"))
    assert registered.status_code == 201, registered.text
    assert registered.json()["uscc_check_overridden"] is True


async def test_without_uscc_override_in_the_policy_the_override_is_one_step(client: httpx.AsyncClient) -> None:
    policy = {"area_code": "430000", "effective_from": "2020-01-01", "decisions": [], "source": "测试: 内控规程"}
    created = await client.post("/policy/four-eyes", json=policy, headers=auth("operations"))
    assert created.status_code == 201, created.text
    code = with_wrong_uscc_check(uscc())
    response = await client.post(
        URL, json=employer_payload(uscc=code, uscc_check_override_reason=REASON), headers=auth("case_manager")
    )
    assert response.status_code == 201, response.text
    assert (await client.get("/approvals?kind=uscc_override", headers=auth("case_manager"))).json() == []
