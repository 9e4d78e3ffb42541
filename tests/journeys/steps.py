"""What people do during a journey, as API calls on the harness's services (service point, case
manager, the claimant at the desk), and the waits that follow each step."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from tests.four_eyes import approve_as_second
from tests.factories import auth, registration_payload
from tests.journeys.harness import Harness
from tests.people import InsuredPerson, insured_person, ok
from contracts.calendar import benefit_month_start, calendar_month
from shared.clock import start_of_china_day as start_of_day
from workflows.operations import PreExpiryNoticesDaily

SERVICE_POINT = auth("service_point", "430102")
CASE_MANAGER = auth("case_manager")
# Well inside the China day a timer fired at 00:00: the month's payment is in by then.
INTO_THE_DAY = dt.timedelta(hours=9)


@dataclass
class Claimant:
    person: InsuredPerson
    registration: dict[str, Any]

    @property
    def registration_id(self) -> str:
        return self.registration["id"]


async def registered_claimant(h: Harness, *, paid_months: int = 13, person: InsuredPerson | None = None) -> Claimant:
    """An insured person (13 paid months: 12 months of benefit, R-DUR-1) registers today."""
    today = await h.today()
    person = person or await insured_person(h.registration, paid_months=paid_months, today=today)
    payload = registration_payload(
        id_number=person.id_number,
        name=person.name,
        separation_date=person.separated_on.isoformat(),
        separation_reason="contract_expired",
        registration_date=today.isoformat(),
    )
    registration = await ok(await h.registration.post("/unemployment-registrations", json=payload, headers=SERVICE_POINT))
    return Claimant(person, registration)


async def approved(h: Harness, claimant: Claimant) -> dict[str, Any]:
    """The case manager approves the claim the journey opened; month 1 is paid and the person is
    registered as a job seeker. Returns the journey."""
    in_review = await h.journey_until(claimant.registration_id, lambda j: j["stage"] == "claim_review")
    decided = await h.benefits.post(f"/claims/{in_review['claim_id']}/decision", json={"approved": True}, headers=CASE_MANAGER)
    decided = await approve_as_second(h.benefits, decided)  # R-CTRL-1: a second case manager
    assert decided.status_code == 200, decided.text
    return await h.journey_until(
        claimant.registration_id, lambda j: j["job_seeker_id"] is not None and j["months_paid"] == 1
    )


async def claim(h: Harness, claim_id: str) -> dict[str, Any]:
    return await ok(await h.benefits.get(f"/claims/{claim_id}", headers=CASE_MANAGER))


async def benefit_start(h: Harness, journey: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat((await claim(h, journey["claim_id"]))["benefit_start_date"])


async def payments(h: Harness, claim_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    rows = await ok(await h.benefits.get(f"/claims/{claim_id}/payments", headers=CASE_MANAGER))
    return [p for p in rows if kind is None or p["kind"] == kind]


async def report(h: Harness, job_seeker_id: str, month: str) -> dict[str, Any]:
    """R-MON-1: the monthly job-search report, made at the service point."""
    body = {"channel": "service_point", "report_month": month, "applications_made": 2, "guidance_attended": True}
    url = f"/job-seekers/{job_seeker_id}/job-search-reports"
    return await ok(await h.employment.post(url, json=body, headers=SERVICE_POINT))


async def report_for_month(h: Harness, journey: dict[str, Any], start: dt.date, month: int) -> None:
    """The report month ``month`` + 1 is paid on: the calendar month in which ``month`` began."""
    await report(h, journey["job_seeker_id"], calendar_month(benefit_month_start(start, month)))


async def into_month(h: Harness, start: dt.date, month: int) -> None:
    """Skip to the first day of benefit month ``month`` (its timer fires at 00:00 China time)."""
    await h.advance_to(start_of_day(benefit_month_start(start, month)) + INTO_THE_DAY)


async def paid_through(h: Harness, claimant: Claimant, journey: dict[str, Any], start: dt.date, last: int) -> dict:
    """Every month up to ``last`` reported and paid."""
    for month in range(journey["months_paid"] + 1, last + 1):
        await report_for_month(h, journey, start, month - 1)
        await into_month(h, start, month)
        journey = await h.journey_until(claimant.registration_id, lambda j, m=month: j["months_paid"] == m)
    return journey


async def pre_expiry_notices_run(h: Harness) -> int:
    """R-STOP-2's daily run, started by the harness (the test server has no Schedules). Waited for
    without unlocking time, so no journey timer fires meanwhile."""
    handle = await h.env.client.start_workflow(
        PreExpiryNoticesDaily.run, id=f"pre-expiry-{uuid.uuid4()}", task_queue=h.task_queue
    )
    with h.env.auto_time_skipping_disabled():
        return await handle.result()


async def registration(h: Harness, registration_id: str) -> dict[str, Any]:
    return await ok(await h.registration.get(f"/unemployment-registrations/{registration_id}", headers=CASE_MANAGER))


async def looking_for(h: Harness, job_seeker_id: str, occupation: str) -> None:
    """The 求职登记表 filled in at the desk: what the person is looking for."""
    body = {
        "education": "secondary_vocational", "skills": [], "preferred_occupations": [occupation],
        "preferred_districts": ["430102"], "available_from": (await h.today()).isoformat(), "working_time": "full_time",
    }
    await ok(await h.employment.put(f"/job-seekers/{job_seeker_id}/profile", json=body, headers=SERVICE_POINT))


async def refused_without_good_reason(h: Harness, job_seeker_id: str, posting_ref: str) -> dict[str, Any]:
    """A suitable vacancy offered (职业介绍) and refused without good reason (R-STOP-1)."""
    today = await h.today()
    await looking_for(h, job_seeker_id, "仓储管理员")
    vacancy = await ok(await h.employment.post("/vacancies", json={
        "employer_name": "长沙某物流有限公司", "posting_ref": posting_ref, "occupation": "仓储管理员",
        "district": "430102", "wage_min": "3000", "wage_max": "4500", "openings": 2,
    }, headers=SERVICE_POINT))
    referral = await ok(await h.employment.post(
        "/referrals", json={"vacancy_id": vacancy["id"], "job_seeker_id": job_seeker_id}, headers=SERVICE_POINT
    ))
    outcome = {"outcome": "refused", "outcome_on": today.isoformat(), "refusal_reason": "不愿意", "good_reason": False}
    return await ok(await h.employment.post(f"/referrals/{referral['id']}/outcome", json=outcome, headers=CASE_MANAGER))


async def placed(h: Harness, job_seeker_id: str, start_date: dt.date) -> dict[str, Any]:
    body = {"employer_name": "长沙某新科技有限公司", "start_date": start_date.isoformat()}
    url = f"/job-seekers/{job_seeker_id}/placements"
    return await ok(await h.employment.post(url, json=body, headers=SERVICE_POINT))
