"""Four-eyes control (R-CTRL-1) of accepting a refusal stop proposal (R-STOP-1: a stop), through
the employment API: prepared (202, the proposal still open, the journey not told), refused to the
same person and to the wrong role, carried out by a second case manager (the journey told once),
decided once; a rejection of the proposal stays one step; a province's policy row without
claim_stop makes the acceptance one step again."""

from __future__ import annotations

import asyncpg
import httpx

from tests.factories import auth
from tests.four_eyes import SECOND, approve, second_auth
from tests.services.employment.factories import new_seeker, new_vacancy, profile
from tests.services.employment.test_referrals_routes import refer, refuse, signals

CM = auth("case_manager")
ACCEPT = {"accepted": True, "note": "两次无正当理由拒绝"}


async def open_proposal(client: httpx.AsyncClient) -> tuple[dict, str]:
    seeker = await new_seeker(client, **profile())
    for _ in range(2):
        refused = await refuse(client, await refer(client, seeker, await new_vacancy(client)), good_reason=False)
    proposal_id = refused.json()["stop_proposal_id"]
    assert proposal_id is not None
    return seeker, proposal_id


def stops_told(payloads: list[dict]) -> int:
    return sum(1 for p in payloads if p["signal"] == "stop_decided")


async def test_accepting_a_stop_proposal_waits_for_a_second_case_manager(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    seeker, proposal_id = await open_proposal(client)
    prepared = await client.post(f"/stop-proposals/{proposal_id}/decision", json=ACCEPT, headers=CM)
    assert prepared.status_code == 202, prepared.text
    approval = prepared.json()
    assert (approval["kind"], approval["subject_id"], approval["status"]) == ("claim_stop", proposal_id, "prepared")
    assert (await client.get(f"/stop-proposals/{proposal_id}", headers=CM)).json()["status"] == "open"
    assert stops_told(await signals(conn, seeker)) == 0
    listed = await client.get("/approvals?status=prepared&not_mine=true", headers=second_auth())
    assert approval["id"] in [a["id"] for a in listed.json()]

    same = await approve(client, approval["id"], subject=approval["prepared_by"])
    assert (same.status_code, same.json()["code"]) == (403, "four_eyes_same_person")
    assert "同一人" in same.json()["message"]
    wrong = await approve(client, approval["id"], role="operations")
    assert wrong.status_code == 403
    approved = await approve(client, approval["id"], reason="核实无误")
    assert approved.status_code == 200, approved.text
    body = approved.json()
    assert (body["status"], body["prepared_by"], body["decided_by"]) == ("approved", "test-case_manager", SECOND)
    assert (body["result"]["status"], body["result"]["decided_by"]) == ("accepted", "test-case_manager")
    assert stops_told(await signals(conn, seeker)) == 1
    again = await approve(client, approval["id"], subject="test-third")
    assert (again.status_code, again.json()["code"]) == (409, "approval_already_decided")


async def test_rejecting_a_proposal_is_one_step(client: httpx.AsyncClient) -> None:
    _, proposal_id = await open_proposal(client)
    rejected = await client.post(
        f"/stop-proposals/{proposal_id}/decision", json={"accepted": False, "note": "有正当理由"}, headers=CM
    )
    assert (rejected.status_code, rejected.json()["status"]) == (200, "rejected")


async def test_a_policy_row_without_claim_stop_makes_the_acceptance_one_step(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    added = await client.post("/policy/four-eyes", json={
        "area_code": "430000", "effective_from": "2020-01-01", "decisions": ["claim_approval"], "source": "测试: 省文件",
    }, headers=auth("operations"))
    assert added.status_code == 201, added.text
    seeker, proposal_id = await open_proposal(client)
    decided = await client.post(f"/stop-proposals/{proposal_id}/decision", json=ACCEPT, headers=CM)
    assert (decided.status_code, decided.json()["status"]) == (200, "accepted")
    assert stops_told(await signals(conn, seeker)) == 1
