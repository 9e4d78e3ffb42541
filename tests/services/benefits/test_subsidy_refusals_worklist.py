"""GET /subsidy-refusals (R-SUB-1, R-NOTICE-1): the refusals on the merits across claims, newest
first, paged, each with its written decision; a service point sees its own district's only."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

import httpx

from tests.clock import TestClock
from tests.factories import auth
from tests.services.benefits.factories import open_claim

CM = auth("case_manager")


def _district() -> str:
    """A district of the test's own, so refusals other tests committed are not in its list."""
    return f"4{random.randrange(1, 9)}{random.randrange(0, 10000):04d}"


async def refused(client: httpx.AsyncClient, district: str) -> dict[str, Any]:
    """A claim still under review asks for a training subsidy: refused (claim_not_on_benefit)."""
    claim = await open_claim(client, district=district)
    body = {"kind": "training_subsidy", "event_ref": f"train-{uuid.uuid4()}", "requested_amount": "800.00"}
    response = await client.post(f"/claims/{claim['id']}/subsidies", json=body, headers=CM)
    assert (response.status_code, response.json()["code"]) == (409, "claim_not_on_benefit"), response.text
    return {"claim": claim, "event_ref": body["event_ref"]}


async def test_the_refusals_are_listed_newest_first_with_their_notice_and_paged(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    district = _district()
    clock.at = dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC)
    older = await refused(client, district)
    clock.shift(hours=1)
    newer = await refused(client, district)

    response = await client.get("/subsidy-refusals", params={"district": district}, headers=CM)
    page = await client.get("/subsidy-refusals", params={"district": district, "limit": 1, "offset": 1}, headers=CM)

    assert response.status_code == 200, response.text
    listed = response.json()
    assert [r["event_ref"] for r in listed] == [newer["event_ref"], older["event_ref"]]
    first = listed[0]
    assert (first["claim_id"], first["registration_id"], first["district"]) == (
        newer["claim"]["id"], newer["claim"]["registration_id"], district)
    assert (first["kind"], first["code"], first["requested_amount"]) == (
        "training_subsidy", "claim_not_on_benefit", "800.00")
    notices = (await client.get(f"/claims/{first['claim_id']}/decision-notices", headers=CM)).json()
    assert [n["id"] for n in notices if n["kind"] == "subsidy_refused"] == [first["notice_id"]]
    assert [r["event_ref"] for r in page.json()] == [older["event_ref"]]


async def test_a_service_point_sees_its_own_districts_refusals_whatever_it_asks(client: httpx.AsyncClient) -> None:
    mine, theirs = _district(), _district()
    own = await refused(client, mine)
    await refused(client, theirs)

    asked = await client.get("/subsidy-refusals", params={"district": theirs}, headers=auth("service_point", mine))
    finance = await client.get("/subsidy-refusals", params={"district": theirs}, headers=auth("finance"))
    unknown = await client.get("/subsidy-refusals", params={"person_id": "x"}, headers=CM)

    assert asked.status_code == 200
    assert {r["district"] for r in asked.json()} == {mine}
    assert own["event_ref"] in {r["event_ref"] for r in asked.json()}
    assert {r["district"] for r in finance.json()} == {theirs}
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_query_parameter")
