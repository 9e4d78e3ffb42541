"""A stop (R-STOP-1) revoked on appeal (R-APPEAL-1) through the benefits API: the outcome is
recorded and the claim's stop is left as it is — the journey ended with the stop and closed the
失业登记 (R-SPELL-1), so nothing would pay a lifted stop — and the case is put on a case manager's
worklist (GET /appeals/revoked-stops) to register the person again, with the months drawn and left
(R-DUR-2) and the stop's proposed overpayments to waive (R-FRAUD-1), until the person's next claim."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from tests.clock import TestClock
from tests.factories import auth
from tests.services.benefits.factories import open_claim
from tests.services.benefits.test_appeals_routes import signals
from tests.services.benefits.test_overpayments_routes import stopped_mid_month_2

CM, SP = auth("case_manager"), auth("service_point", "430102")
WORKLIST = "/appeals/revoked-stops"


async def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


async def stop_appealed(client: httpx.AsyncClient, clock: TestClock) -> tuple[dict, dict]:
    """A claim stopped from 2025-02-24 (re-employment), its stop notice handed over today and a
    reconsideration lodged against it; returns the claim and the appeal."""
    claim, _ = await stopped_mid_month_2(client)
    notices = await ok(await client.get(f"/claims/{claim['id']}/decision-notices", headers=CM))
    [notice] = [n for n in notices if n["kind"] == "benefit_stopped"]
    today = clock.today().isoformat()
    delivery = {"channel": "in_person", "delivered_on": today}
    await ok(await client.post(f"/decision-notices/{notice['id']}/delivery", json=delivery, headers=SP), 201)
    appeal = await ok(await client.post("/appeals", json={
        "notice_id": notice["id"], "kind": "reconsideration", "lodged_on": today, "received_on": today,
        "body": "长沙市人民政府", "case_number": "长政复〔2026〕41号",
    }, headers=CM), 201)
    return claim, appeal


def outcome(clock: TestClock, kind: str) -> dict[str, str]:
    today = clock.today().isoformat()
    return {"outcome": kind, "decided_on": today, "reference": "长政复决〔2026〕41号", "received_on": today}


async def test_a_revoked_stop_is_recorded_and_put_on_the_re_registration_worklist(
    client: httpx.AsyncClient, clock: TestClock, conn: asyncpg.Connection
) -> None:
    claim, appeal = await stop_appealed(client, clock)

    revoked = await ok(await client.post(f"/appeals/{appeal['id']}/outcome", json=outcome(clock, "revoked"), headers=CM))
    after = await ok(await client.get(f"/claims/{claim['id']}", headers=CM))
    [told] = await signals(conn, claim, "appeal_decided")
    [item] = await ok(await client.get(WORKLIST, headers=CM))
    overpayments = await ok(await client.get(f"/claims/{claim['id']}/overpayments", headers=CM))

    assert (revoked["status"], revoked["outcome"]) == ("decided", "revoked")
    # Nothing pretends to resume: the claim keeps its stop; the journey is told (it has ended).
    assert (after["status"], after["stop_effective_date"]) == ("stopped", "2025-02-24")
    assert (told["notice_kind"], told["outcome"]) == ("benefit_stopped", "revoked")
    assert (item["appeal_id"], item["claim_id"], item["registration_id"], item["new_claim_id"]) == (
        appeal["id"], claim["id"], claim["registration_id"], None
    )
    assert (item["stop_reason"], item["stop_effective_date"], item["outcome_reference"]) == (
        "re_employment", "2025-02-24", "长政复决〔2026〕41号"
    )
    # R-DUR-2: months 1-3 were paid (month 4, in the fund, was cancelled by the stop).
    assert (item["months_drawn"], item["months_left"]) == (3, after["entitlement_months"] - 3)
    proposed = [o for o in overpayments if o["recovery_status"] == "proposed"]
    assert item["stop_overpayments_proposed"] == len(proposed) == 2
    assert Decimal(item["stop_overpayments_total"]) == sum(Decimal(o["amount"]) for o in proposed)


async def test_the_item_leaves_the_worklist_with_the_persons_next_claim_and_is_district_scoped(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    claim, appeal = await stop_appealed(client, clock)
    await ok(await client.post(f"/appeals/{appeal['id']}/outcome", json=outcome(clock, "revoked"), headers=CM))
    other_point = await ok(await client.get(WORKLIST, headers=auth("service_point", "430103")))
    own_point = await ok(await client.get(WORKLIST, headers=SP))
    by_finance = await client.get(WORKLIST, headers=auth("finance"))

    clock.shift(days=1)  # the person registers again (a new spell) and claims
    again = await open_claim(client, person_id=claim["person_id"])
    open_items = await ok(await client.get(WORKLIST, headers=CM))
    [done] = await ok(await client.get(WORKLIST, params={"open_only": "false"}, headers=CM))

    assert other_point == [] and [i["appeal_id"] for i in own_point] == [appeal["id"]]
    assert by_finance.status_code == 403
    assert open_items == [] and done["new_claim_id"] == again["id"]


async def test_an_order_to_decide_a_stop_again_is_still_refused_and_records_nothing(
    client: httpx.AsyncClient, clock: TestClock
) -> None:
    _, appeal = await stop_appealed(client, clock)
    redecide = await client.post(f"/appeals/{appeal['id']}/outcome", json=outcome(clock, "redecide"), headers=CM)

    assert (redecide.status_code, redecide.json()["code"]) == (409, "appeal_outcome_not_supported")
    assert (await ok(await client.get(f"/appeals/{appeal['id']}", headers=CM)))["outcome"] is None
    assert await ok(await client.get(WORKLIST, headers=CM)) == []
