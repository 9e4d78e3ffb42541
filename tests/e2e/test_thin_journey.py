"""The thin journey a)–f) end to end, over HTTP, against the services and worker as processes,
the real PostgreSQL and the Temporal dev server."""

from __future__ import annotations

import asyncio
import base64
import re
from decimal import Decimal

import httpx
import pytest
from temporalio.client import WorkflowExecutionStatus, WorkflowHistory
from temporalio.common import SearchAttributeKey

from shared.clock import china_today
from shared import db
from tests.conftest import database_url
from tests.people import insured_person
from tests.e2e.conftest import Stack, eventually
from tests.factories import auth, registration_payload
from tests.four_eyes import approve_as_second
from contracts.calendar import add_months
from workflows.journey import ClaimantJourney
from contracts.journey import SA_DISTRICT, SA_JOURNEY_STAGE, Stage

pytestmark = pytest.mark.e2e

SERVICE_POINT = auth("service_point", "430102")
CASE_MANAGER = auth("case_manager")


async def test_thin_journey_end_to_end(stack: Stack) -> None:
    reg_url, ben_url, emp_url = (stack.urls[n] for n in ("registration", "benefits", "employment"))
    async with httpx.AsyncClient(timeout=10) as http:
        # A person insured for 13 paid months, whose employer filed the separation.
        person = await insured_person(http, reg_url, paid_months=13)
        payload = registration_payload(
            id_number=person.id_number,
            name=person.name,
            district="430102",
            separation_date=person.separated_on.isoformat(),
            separation_reason="contract_expired",
        )
        # a) 失业登记 at a service point starts one journey; the same request again starts none.
        created = await http.post(f"{reg_url}/unemployment-registrations", json=payload, headers=SERVICE_POINT)
        repeated = await http.post(f"{reg_url}/unemployment-registrations", json=payload, headers=SERVICE_POINT)
        assert (created.status_code, repeated.status_code) == (201, 200), created.text
        registration = created.json()
        assert repeated.json()["id"] == registration["id"]
        journey_url = f"{reg_url}/unemployment-registrations/{registration['id']}/journey"

        async def journey() -> dict:
            response = await http.get(journey_url, headers=CASE_MANAGER)
            assert response.status_code == 200, response.text
            return response.json()

        # b) the workflow opens the claim with the insurance history as evidence; the case
        # manager approves it through the benefits API, which computes the entitlement.
        in_review = await eventually(journey, lambda j: j["stage"] == Stage.CLAIM_REVIEW.value)
        claim_id = in_review["claim_id"]
        claim = (await http.get(f"{ben_url}/claims/{claim_id}", headers=CASE_MANAGER)).json()
        assert claim["evidence"]["contribution_months"] == 13
        decided = await http.post(
            f"{ben_url}/claims/{claim_id}/decision", json={"approved": True}, headers=CASE_MANAGER
        )
        # R-CTRL-1: the approval is prepared (202) and carried out when a second case manager approves.
        assert decided.status_code == 202, decided.text
        decided = await approve_as_second(http, decided, base_url=ben_url)
        assert decided.status_code == 200, decided.text
        assert decided.json()["entitlement_months"] == 12  # R-DUR-1: 1 to <5 years → 12 months

        # c) month 1 is paid and d) the person is registered as a job seeker.
        on_benefit = await eventually(journey, lambda j: j["job_seeker_id"] is not None)
        assert on_benefit["stage"] == Stage.ON_BENEFIT.value and on_benefit["months_paid"] == 1
        job_seeker_id = on_benefit["job_seeker_id"]

        # R-MON-1: the monthly job-search report at the service point reaches the journey once,
        # even when the request is repeated.
        report = {"channel": "service_point", "applications_made": 3, "guidance_attended": True}
        reports_url = f"{emp_url}/job-seekers/{job_seeker_id}/job-search-reports"
        first_report = await http.post(reports_url, json=report, headers=SERVICE_POINT)
        repeated_report = await http.post(reports_url, json=report, headers=SERVICE_POINT)
        assert (first_report.status_code, repeated_report.status_code) == (201, 200), first_report.text
        month = first_report.json()["report_month"]
        reported = await eventually(journey, lambda j: month in j["reported_months"])
        assert [s["event"] for s in reported["steps"]].count("job_search_reported") == 1

        # e) a placement at the employment service reaches the workflow; benefit stops.
        hired = china_today()
        placed = await http.post(
            f"{emp_url}/job-seekers/{job_seeker_id}/placements",
            json={"employer_name": "长沙某制造有限公司", "start_date": hired.isoformat()},
            headers=SERVICE_POINT,
        )
        assert placed.status_code == 201, placed.text
        handle = stack.temporal.get_workflow_handle_for(ClaimantJourney.run, registration["journey_workflow_id"])
        result = await asyncio.wait_for(handle.result(), timeout=30)
        assert result.stage is Stage.REEMPLOYED and result.months_paid == 1

        # f) the case manager reads the journey's stage and its history of steps.
        final = await journey()
        assert final["status"] == "COMPLETED" and final["stage"] == Stage.REEMPLOYED.value
        assert [s["event"] for s in final["steps"]] == [
            "journey_started", "claim_opened", "claim_approved", "payment_recorded",
            "medical_premium_recorded", "job_seeker_registered", "job_search_reported",
            "placement_recorded", "benefit_stopped", "registration_closed",
        ]
        # R-SPELL-1: the spell ended on the hire date; the person may register again.
        assert (final["registration_status"], final["registration_ended_on"], final["registration_end_reason"]) == (
            "closed", hired.isoformat(), "re_employed",
        )
        # The journey carries its 失业登记 as GET /unemployment-registrations/{id} answers it.
        record = await http.get(f"{reg_url}/unemployment-registrations/{registration['id']}", headers=CASE_MANAGER)
        assert final["registration"] == record.json()

        # A retried payment call pays nothing twice.
        again = await http.post(
            f"{ben_url}/claims/{claim_id}/payments", json={"benefit_month": 1}, headers=auth("system")
        )
        assert again.status_code == 200

    # The database rows of all three services.
    registration_db, benefits_db, employment_db = [
        await db.connect(database_url(n)) for n in ("registration", "benefits", "employment")
    ]
    try:
        assert await registration_db.fetchval(
            "SELECT count(*) FROM unemployment_registrations r JOIN persons p ON p.id = r.person_id"
            " WHERE p.id_number = $1", payload["id_number"]
        ) == 1
        claim = await benefits_db.fetchrow("SELECT * FROM claims WHERE id = $1::uuid", claim_id)
        assert (claim["status"], claim["stop_reason"], claim["stop_effective_date"]) == ("stopped", "re_employment", hired)
        payments = await benefits_db.fetch(
            "SELECT p.benefit_month, p.kind, p.amount, p.original_amount, p.period_start, pp.amount AS premium"
            " FROM payments p"
            " LEFT JOIN policy_parameters pp ON pp.id = p.policy_parameter_id"
            " WHERE p.claim_id = $1::uuid ORDER BY p.benefit_month, p.kind",
            claim_id,
        )
        # Month 1's benefit (R-PAY-1) and medical-insurance premium (R-MED-1), each once.
        assert [(p["benefit_month"], p["kind"]) for p in payments] == [(1, "benefit"), (1, "medical_premium")]
        # R-STOP-1: hired inside month 1, whose instruction no run had paid yet: it is cut to the
        # days before the hire (by_day), not paid whole and recovered.
        kept_days = (hired - payments[0]["period_start"]).days
        month_days = (add_months(payments[0]["period_start"], 1) - payments[0]["period_start"]).days
        assert payments[0]["original_amount"] == claim["monthly_amount"]
        assert payments[0]["amount"] == (claim["monthly_amount"] * kept_days / month_days).quantize(Decimal("0.01"))
        assert payments[1]["original_amount"] == payments[1]["premium"]
        seeker = await employment_db.fetchrow("SELECT * FROM job_seekers WHERE id = $1::uuid", job_seeker_id)
        assert seeker["status"] == "placed"
        for conn, workflow_id in ((registration_db, registration["journey_workflow_id"]),
                                  (benefits_db, registration["journey_workflow_id"]),
                                  (employment_db, registration["journey_workflow_id"])):
            unsent = await conn.fetchval(
                "SELECT count(*) FROM outbox WHERE workflow_id = $1 AND sent_at IS NULL", workflow_id
            )
            assert unsent == 0
    finally:
        for conn in (registration_db, benefits_db, employment_db):
            await conn.close()

    # The workflow's final state in Temporal: one execution, searchable, with no personal data.
    description = await handle.describe()
    assert description.status == WorkflowExecutionStatus.COMPLETED
    attributes = description.typed_search_attributes
    assert attributes.get(SearchAttributeKey.for_keyword(SA_JOURNEY_STAGE)) == Stage.REEMPLOYED.value
    assert attributes.get(SearchAttributeKey.for_keyword(SA_DISTRICT)) == "430102"
    executions = [e async for e in stack.temporal.list_workflows(f'WorkflowId = "{handle.id}"')]
    assert len(executions) == 1
    history = await handle.fetch_history()
    scheduled = {
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in history.events
        if e.HasField("activity_task_scheduled_event_attributes")
    }
    assert scheduled == {"open_claim", "record_payment", "register_job_seeker", "stop_benefit", "close_registration"}
    text = history_text(history)
    assert registration["id"] in text  # the check looks where the IDs are…
    for personal in (payload["id_number"], payload["name"]):
        assert personal not in text  # …and finds no personal data there.


def history_text(history: WorkflowHistory) -> str:
    """The history as JSON plus every payload decoded (payload data is base64 in proto JSON)."""
    as_json = history.to_json()
    decoded = [
        base64.b64decode(m.group(1)).decode("utf-8", "replace")
        for m in re.finditer(r'"data":\s*"([A-Za-z0-9+/=]+)"', as_json)
    ]
    return as_json + "\n".join(decoded)
