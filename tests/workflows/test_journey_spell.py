"""R-SPELL-1 in the journey: however it ends, the 失业登记 is closed once with the right date and
reason; a residence registration (no insured separation) goes to employment services, no claim."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.workflows.fakes import FakeServices
from contracts.calendar import add_months, calendar_month
from shared.clock import china_date
from contracts.journey import claimant_journey_id
from workflows.journey import ClaimantJourney
from contracts.journey import (
    ClaimDecided,
    ClaimStopped,
    ClaimantJourneyInput,
    JobSearchReported,
    PlacementRecorded,
    RegistrationEnded,
    Stage,
)

pytestmark = pytest.mark.timeskipping


@contextlib.asynccontextmanager
async def journey(
    env: WorkflowEnvironment, fake: FakeServices, *, insured_separation: bool = True
) -> AsyncIterator[tuple[WorkflowHandle, dt.date, str]]:
    task_queue = f"spell-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=task_queue, workflows=[ClaimantJourney], activities=fake.all()):
        registration_id = str(uuid.uuid4())
        today = china_date(await env.get_current_time())
        handle = await env.client.start_workflow(
            ClaimantJourney.run,
            ClaimantJourneyInput(registration_id, "430102", today, insured_separation=insured_separation),
            id=claimant_journey_id(registration_id),
            task_queue=task_queue,
        )
        yield handle, today, registration_id


def closed(fake: FakeServices) -> list[tuple[dt.date, str]]:
    return [(c.ended_on, c.reason) for c in fake.closed_registrations]


async def test_a_placement_closes_the_registration_on_the_hire_date(time_skipping_env: WorkflowEnvironment) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake) as (handle, start, registration_id):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        hired = start + dt.timedelta(days=12)
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-7", hired))
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)
    assert result.stage is Stage.REEMPLOYED
    assert closed(fake) == [(hired, "re_employed")]
    assert fake.closed_registrations[0].registration_id == registration_id
    assert fake.closed_registrations[0].evidence_ref == "placement:placement-7"
    assert (state.registration_ended_on, state.registration_end_reason) == (hired, "re_employed")
    assert state.steps[-1].event == "registration_closed"


async def test_a_rejection_closes_the_registration_on_the_decision_day(time_skipping_env: WorkflowEnvironment) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake) as (handle, start, _):
        decided_at = dt.datetime.combine(start + dt.timedelta(days=3), dt.time(17, 30), tzinfo=dt.UTC)
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, False, decided_at=decided_at))
        await handle.result()
    # 17:30 UTC is 01:30 the next day in China (R-TIME-1).
    assert closed(fake) == [(start + dt.timedelta(days=4), "claim_rejected")]


async def test_a_death_closes_the_registration_on_the_date_of_death(time_skipping_env: WorkflowEnvironment) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake) as (handle, start, _):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        died = start + dt.timedelta(days=9)
        stop = ClaimStopped(fake.claim_id, "death", add_months(start, 1), event_date=died)
        await handle.signal(ClaimantJourney.claim_stopped, stop)
        await handle.result()
    assert closed(fake) == [(died, "died")]


async def test_a_used_up_entitlement_closes_the_registration_on_its_last_day(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake) as (handle, start, _):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        for month in range(11):
            day = add_months(start, month)
            report = JobSearchReported(f"report-{month}", calendar_month(day), day)
            await handle.signal(ClaimantJourney.job_search_reported, report)
        result = await handle.result()
    assert (result.stage, result.months_paid) == (Stage.ENTITLEMENT_EXHAUSTED, 12)
    assert closed(fake) == [(add_months(start, 12) - dt.timedelta(days=1), "entitlement_exhausted")]


async def test_a_residence_registration_gets_employment_services_and_no_claim(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake, insured_separation=False) as (handle, start, registration_id):
        hired = start + dt.timedelta(days=40)
        await time_skipping_env.sleep(dt.timedelta(days=30))  # no claim, no review deadline
        state = await handle.query(ClaimantJourney.state)
        assert (state.stage, state.claim_id) == (Stage.EMPLOYMENT_SERVICES, None)
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-1", hired))
        result = await handle.result()
    assert (result.stage, result.claim_id, result.months_paid) == (Stage.REEMPLOYED, None, 0)
    assert fake.payments == [] and fake.stops == []
    assert fake.job_seekers == [registration_id] and fake.job_seeker_on_benefit == [False]
    assert closed(fake) == [(hired, "re_employed")]
    assert "no_claim" in [s.event for s in state.steps]


async def test_a_residence_registration_ended_at_the_desk_ends_the_journey(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake, insured_separation=False) as (handle, start, registration_id):
        ended = RegistrationEnded(registration_id, start + dt.timedelta(days=2), "no_longer_seeking")
        await handle.signal(ClaimantJourney.registration_ended, ended)
        await handle.signal(ClaimantJourney.registration_ended, ended)
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)
    assert result.stage is Stage.REGISTRATION_ENDED
    assert fake.closed_registrations == []  # already closed by the service point
    assert (state.registration_ended_on, state.registration_end_reason) == (ended.ended_on, "no_longer_seeking")


async def test_a_hire_dated_before_the_registration_ends_the_spell_on_the_registration_day(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    fake = FakeServices()
    async with journey(time_skipping_env, fake) as (handle, start, _):
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("p-0", start - dt.timedelta(days=9)))
        await handle.result()
    assert closed(fake) == [(start, "re_employed")]
