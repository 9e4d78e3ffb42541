"""A subsidy refused on its merits (R-SUB-1) is answered as before (409 and its code), and is now
recorded once per claim, kind and event with its written decision (R-NOTICE-1: the reason and the
appeal rights, R-APPEAL-1), committed although the answer is an error."""

from __future__ import annotations

import uuid

import asyncpg
import httpx

from services.benefits.main import create_app
from services.benefits.settings import BenefitsSettings
from shared import db
from tests.conftest import database_url
from tests.factories import auth
from tests.four_eyes import approve_as_second
from tests.services.benefits.test_decision_notices_routes import APPEAL_SENTENCE, notices_of, pdf_of, pdf_text
from tests.services.benefits.test_subsidies_routes import on_benefit, skill

CM = auth("case_manager")


async def refusals_of(conn: asyncpg.Connection, claim_id: str) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, kind, event_ref, code, message, refused_by FROM subsidy_refusals WHERE claim_id = $1::uuid",
        claim_id,
    )


async def test_a_subsidy_refused_after_the_stop_is_recorded_once_with_its_notice(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await on_benefit(client)
    stop = {"reason": "re_employment", "effective_date": "2025-02-01", "evidence_ref": "p-1"}
    assert (await approve_as_second(client, await client.post(f"/claims/{claim['id']}/stop", json=stop, headers=CM))).status_code == 200
    body = skill("5", event_ref="cert-refused-1")

    first = await client.post(f"/claims/{claim['id']}/subsidies", json=body, headers=CM)
    again = await client.post(f"/claims/{claim['id']}/subsidies", json=body, headers=CM)

    for response in (first, again):
        assert (response.status_code, response.json()["code"], response.json()["field"]) == (
            409, "not_on_benefit", "awarded_on"
        )
    assert first.json() == again.json()
    [refusal] = await refusals_of(conn, claim["id"])
    assert (refusal["kind"], refusal["event_ref"], refusal["code"]) == ("skill_upgrade_subsidy", "cert-refused-1", "not_on_benefit")
    assert (refusal["message"], refusal["refused_by"]) == (first.json()["message"], "test-case_manager")
    [notice] = [n for n in await notices_of(client, claim["id"]) if n["kind"] == "subsidy_refused"]
    assert (notice["decision_ref"], notice["appeal_rights_included"]) == (str(refusal["id"]), True)
    text = pdf_text((await pdf_of(client, notice["id"])).content)
    assert "不予发放补贴决定书" in text and "技能提升补贴" in text and "cert-refused-1" in text
    assert "".join(first.json()["message"].split()) in text
    assert APPEAL_SENTENCE in text and "R-SUB-1" in text and "第十条" in text


async def test_a_second_skill_upgrade_subsidy_for_the_same_level_is_refused_in_writing(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    claim = await on_benefit(client, person_id=str(uuid.uuid4()))
    first = await client.post(f"/claims/{claim['id']}/subsidies", json=skill("4"), headers=CM)
    same_level = await client.post(
        f"/claims/{claim['id']}/subsidies", json=skill("4", event_ref="cert-again", awarded_on="2025-03-15"), headers=CM
    )

    assert first.status_code == 201
    assert (same_level.status_code, same_level.json()["code"]) == (409, "skill_subsidy_already_paid")
    [refusal] = await refusals_of(conn, claim["id"])
    assert (refusal["event_ref"], refusal["code"]) == ("cert-again", "skill_subsidy_already_paid")
    [notice] = [n for n in await notices_of(client, claim["id"]) if n["kind"] == "subsidy_refused"]
    text = pdf_text((await pdf_of(client, notice["id"])).content)
    assert "同一职业(工种)同一等级的技能提升补贴只能领取一次" in text and "电工，4级" in text
    assert APPEAL_SENTENCE in text
    # The award stands; only the refused event is refused.
    [award] = (await client.get(f"/claims/{claim['id']}/subsidies", headers=CM)).json()
    assert award["id"] == first.json()["id"]


async def test_refusals_not_on_the_merits_record_nothing_and_issue_no_notice(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """A missing policy row is the agency's to fix; a month that has its subsidy of the kind takes
    the award in the next month; a changed request for an awarded event is a bad request."""
    claim = await on_benefit(client)
    training = {"kind": "training_subsidy", "event_ref": f"enrol-{uuid.uuid4()}", "requested_amount": "800.00",
                "awarded_on": "2025-02-15"}
    awarded = await client.post(f"/claims/{claim['id']}/subsidies", json=training, headers=CM)
    month_taken = await client.post(
        f"/claims/{claim['id']}/subsidies", json={**training, "event_ref": "enrol-other"}, headers=CM
    )
    changed = await client.post(
        f"/claims/{claim['id']}/subsidies", json={**training, "requested_amount": "900.00"}, headers=CM
    )
    no_policy = await client.post(f"/claims/{claim['id']}/subsidies", json=skill("2"), headers=CM)

    assert awarded.status_code == 201
    assert [(r.status_code, r.json()["code"]) for r in (month_taken, changed, no_policy)] == [
        (409, "subsidy_month_taken"), (409, "subsidy_event_exists"), (409, "policy_missing")
    ]
    assert await refusals_of(conn, claim["id"]) == []
    assert [n["kind"] for n in await notices_of(client, claim["id"])] == ["claim_approved"]


async def test_the_refusal_and_its_notice_are_committed_although_the_answer_is_an_error(migrated: None) -> None:
    """Real pool, no test transaction around the request: what the refusal wrote is seen from
    another connection. The claim is seeded committed and removed afterwards with what the
    request wrote (the notices' immutability trigger is lifted for the clean-up only)."""
    claim_id = uuid.uuid4()
    seed = await db.connect(database_url("benefits"))
    try:
        await seed.execute(
            "INSERT INTO claims (id, registration_id, person_id, district, registration_date, separation_date,"
            " separation_reason, status, review_due_at, entitlement_months, monthly_amount, benefit_start_date)"
            " VALUES ($1, $2, $3, '430102', DATE '2025-01-10', DATE '2025-01-05', 'contract_expired', 'approved',"
            " now(), 12, 1700, DATE '2025-01-10')",
            claim_id, uuid.uuid4(), uuid.uuid4(),
        )
        app = create_app(BenefitsSettings(outbox_relay=False, notice_warm_up=False))
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
                # Before the benefit start (2025-01-10): not on benefit (R-SUB-1).
                body = skill("5", event_ref=f"cert-{claim_id}", awarded_on="2025-01-05")
                response = await client.post(f"/claims/{claim_id}/subsidies", json=body, headers=CM)
        assert (response.status_code, response.json()["code"]) == (409, "not_on_benefit")
        assert await seed.fetchval("SELECT count(*) FROM subsidy_refusals WHERE claim_id = $1", claim_id) == 1
        assert await seed.fetchval(
            "SELECT count(*) FROM decision_notices WHERE claim_id = $1 AND kind = 'subsidy_refused'", claim_id
        ) == 1
    finally:
        async with seed.transaction():
            await seed.execute("DELETE FROM subsidy_refusals WHERE claim_id = $1", claim_id)
            await seed.execute("ALTER TABLE decision_notices DISABLE TRIGGER decision_notices_no_change")
            await seed.execute("DELETE FROM decision_notices WHERE claim_id = $1", claim_id)
            await seed.execute("ALTER TABLE decision_notices ENABLE TRIGGER decision_notices_no_change")
            await seed.execute("DELETE FROM claims WHERE id = $1", claim_id)
        await seed.close()
