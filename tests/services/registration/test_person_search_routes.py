"""按姓名查找人员 and the person page: the name in the body (never a URL), exact or prefix matches,
masked answers (as POST /persons/lookup: name and ID number masked, no audit entry for a read),
and the district scope (a service point finds only people registered in its district; another
district's person answers 404 exactly like a missing one)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

import httpx

from shared.clock import china_today
from tests.factories import auth, registration_payload

_rng = random.Random()
# Unusual characters, so no other test's (committed) people share the name.
_SYLLABLES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"


def unique_family() -> str:
    return "试" + "".join(_rng.choice(_SYLLABLES) for _ in range(6))


async def registered(client: httpx.AsyncClient, name: str, district: str = "430102", **overrides: Any) -> dict:
    payload = registration_payload(name=name, district=district, **overrides)
    response = await client.post(
        "/unemployment-registrations", json=payload, headers=auth("service_point", district)
    )
    assert response.status_code == 201, response.text
    return response.json() | {"id_number": payload["id_number"]}


async def search(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> httpx.Response:
    return await client.post("/persons/search", json=body, headers=headers)


async def test_exact_and_prefix_matches_exact_first_and_masked(client: httpx.AsyncClient) -> None:
    family = unique_family()
    longer = await registered(client, family + "丰")
    exact = await registered(client, family)
    await registered(client, unique_family())  # another name: not found

    response = await search(client, auth("service_point"), name=family)

    assert response.status_code == 200, response.text
    rows = response.json()
    assert [r["person_id"] for r in rows] == [exact["person_id"], longer["person_id"]]
    assert [r["name_matches_exactly"] for r in rows] == [True, False]
    assert rows[0] == {
        "person_id": exact["person_id"],
        "name_masked": family[0] + "*" * (len(family) - 1),
        "name_matches_exactly": True,
        "id_number_masked": exact["id_number_masked"],
        "registration": {
            "id": exact["id"],
            "district": "430102",
            "registration_date": exact["registration_date"],
            "status": "open",
        },
    }
    assert family not in response.text and exact["id_number"] not in response.text
    # A name that merely contains the text is no prefix match.
    assert (await search(client, auth("case_manager"), name=family[1:])).json() == []


async def test_a_service_point_searches_its_own_district_whatever_it_asks(client: httpx.AsyncClient) -> None:
    family = unique_family()
    here = await registered(client, family + "一", "430102")
    there = await registered(client, family + "二", "430103")

    own = await search(client, auth("service_point", "430102"), name=family)
    asked_for_other = await search(client, auth("service_point", "430102"), name=family, district="430103")
    other_point = await search(client, auth("service_point", "430103"), name=family)

    assert [r["person_id"] for r in own.json()] == [here["person_id"]]
    assert [r["person_id"] for r in asked_for_other.json()] == [here["person_id"]]  # forced to its own
    assert [r["person_id"] for r in other_point.json()] == [there["person_id"]]


async def test_a_case_manager_filters_by_district_or_searches_all(client: httpx.AsyncClient) -> None:
    family = unique_family()
    here = await registered(client, family + "一", "430102")
    there = await registered(client, family + "二", "430103")

    everywhere = await search(client, auth("case_manager"), name=family)
    one_district = await search(client, auth("case_manager"), name=family, district="430103")

    assert {r["person_id"] for r in everywhere.json()} == {here["person_id"], there["person_id"]}
    assert [(r["person_id"], r["registration"]["district"]) for r in one_district.json()] == [
        (there["person_id"], "430103")
    ]


async def test_the_latest_registration_in_the_district_is_shown(client: httpx.AsyncClient) -> None:
    """A person whose earlier spell was in 430103 and current one in 430102: each district's
    search shows its own spell, never the other district's."""
    family, today = unique_family(), china_today()
    earlier = await registered(
        client, family, "430103",
        separation_date=(today - dt.timedelta(days=60)).isoformat(),
        registration_date=(today - dt.timedelta(days=50)).isoformat(),
    )
    ended = await client.post(
        f"/unemployment-registrations/{earlier['id']}/end",
        json={"ended_on": (today - dt.timedelta(days=30)).isoformat(), "reason": "re_employed", "evidence_ref": "p:1"},
        headers=auth("system"),
    )
    assert ended.status_code == 200, ended.text
    again = await client.post(
        "/unemployment-registrations",
        json=registration_payload(name=family, id_number=earlier["id_number"]),
        headers=auth("case_manager"),
    )
    assert again.status_code == 201, again.text
    current = again.json()

    cm = await search(client, auth("case_manager"), name=family)
    point_here = await search(client, auth("service_point", "430102"), name=family)
    point_there = await search(client, auth("service_point", "430103"), name=family)

    assert [r["registration"]["id"] for r in cm.json()] == [current["id"]]
    assert [r["registration"]["id"] for r in point_here.json()] == [current["id"]]
    assert [(r["registration"]["id"], r["registration"]["status"]) for r in point_there.json()] == [
        (earlier["id"], "closed")
    ]


async def test_like_wildcards_match_only_themselves_and_limit_holds(client: httpx.AsyncClient) -> None:
    family = unique_family()
    for suffix in "一二三":
        await registered(client, family + suffix)
    assert (await search(client, auth("case_manager"), name="%")).json() == []
    assert (await search(client, auth("case_manager"), name=family[:2] + "_")).json() == []
    limited = await search(client, auth("case_manager"), name=family, limit=2)
    assert len(limited.json()) == 2


async def test_bad_bodies_are_422_and_other_roles_403(client: httpx.AsyncClient) -> None:
    cm = auth("case_manager")
    cases = [
        ({"name": ""}, "name"),
        ({"name": "张" * 51}, "name"),
        ({"name": "张\u202e三"}, "name"),
        ({"name": "张", "district": "43' OR 1=1"}, "district"),
        ({"name": "张", "limit": 0}, "limit"),
        ({"name": "张", "limit": True}, "limit"),
        ({"name": "张", "id_number": "x"}, "id_number"),
    ]
    for body, field in cases:
        response = await client.post("/persons/search", json=body, headers=cm)
        assert (response.status_code, response.json()["field"]) == (422, field), body
    for role in ("operations", "auditor", "finance", "system"):
        assert (await search(client, auth(role), name="张")).status_code == 403, role


async def test_person_page_masked_and_scoped(client: httpx.AsyncClient) -> None:
    family = unique_family()
    person = await registered(client, family, "430102")
    url = f"/persons/{person['person_id']}"

    own = await client.get(url, headers=auth("service_point", "430102"))
    other = await client.get(url, headers=auth("service_point", "430103"))
    unknown = await client.get(f"/persons/{uuid.uuid4()}", headers=auth("service_point", "430103"))

    assert own.status_code == 200, own.text
    assert own.json() == {
        "person_id": person["person_id"],
        "name_masked": family[0] + "*" * (len(family) - 1),
        "id_number_masked": person["id_number_masked"],
    }
    assert (other.status_code, unknown.status_code) == (404, 404)
    assert other.json() == unknown.json() and other.json()["code"] == "person_not_found"
    for role in ("case_manager", "operations", "auditor"):
        assert (await client.get(url, headers=auth(role))).status_code == 200, role
    assert (await client.get(url, headers=auth("finance"))).status_code == 403
