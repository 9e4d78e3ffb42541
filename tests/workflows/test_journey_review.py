"""The claim review with a one-time notice of missing documents (R-RFI-1) on the time-skipping
server: the request pauses the 10-day review timer (R-REV-1: no overdue flag while the documents
are awaited), their receipt moves the review deadline to the receipt + 10 days, and the supply
deadline passing has the benefits service close the claim and ends the journey like a rejection
(R-SPELL-1: the 失业登记 closes). Signals may arrive twice."""

from __future__ import annotations

import datetime as dt

import pytest
from temporalio import activity
from temporalio.testing import WorkflowEnvironment

from contracts.claim_review import DocumentsReceived, DocumentsRequested
from contracts.journey import ClaimDecided, PlacementRecorded, Stage
from shared.clock import start_of_china_day
from tests.workflows.fakes import FakeServices, service_answer
from tests.workflows.test_claimant_journey import running_journey
from workflows.journey import ClaimantJourney
from workflows.messages import CloseIncompleteClaimInput, CloseIncompleteClaimResult

pytestmark = pytest.mark.timeskipping
REQUEST_ID = "00000000-0000-4000-8000-00000000d0c1"


class FakeReviewServices(FakeServices):
    """The fake services, and the benefits service's closure of an incomplete claim."""

    def __init__(self) -> None:
        super().__init__()
        self.closures: list[tuple[CloseIncompleteClaimInput, dt.datetime]] = []
        self.closure_refusals: list[str] = []  # codes to answer, first call first

    @activity.defn(name="close_incomplete_claim")
    async def close_incomplete_claim(self, input: CloseIncompleteClaimInput) -> CloseIncompleteClaimResult:
        if self.closure_refusals:
            service_answer(409, self.closure_refusals.pop(0), f"/claims/{input.claim_id}/document-requests")
        self.closures.append((input, activity.info().current_attempt_scheduled_time))
        return CloseIncompleteClaimResult(input.claim_id, "closed_incomplete")

    def all(self) -> list:
        return [*super().all(), self.close_incomplete_claim]


async def now(env: WorkflowEnvironment) -> dt.datetime:
    return await env.get_current_time()


def requested(at: dt.datetime, due_on: dt.date, request_id: str = REQUEST_ID) -> DocumentsRequested:
    return DocumentsRequested("claim", request_id, at, due_on)


async def test_a_paused_review_is_not_flagged_and_the_receipt_moves_its_deadline(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeReviewServices()
    async with running_journey(env, fake) as (handle, start):
        await env.sleep(dt.timedelta(days=2))
        request = requested(await now(env), start + dt.timedelta(days=30))
        await handle.signal(ClaimantJourney.documents_requested, request)
        await handle.signal(ClaimantJourney.documents_requested, requested(await now(env), start + dt.timedelta(days=3)))

        await env.sleep(dt.timedelta(days=18))  # day 20: past the original 10 days
        paused = await handle.query(ClaimantJourney.state)
        received_at = await now(env)
        received = DocumentsReceived("claim", REQUEST_ID, received_at, received_at + dt.timedelta(days=10))
        await handle.signal(ClaimantJourney.documents_received, received)
        await handle.signal(ClaimantJourney.documents_received, DocumentsReceived("claim", REQUEST_ID, received_at, received_at))
        await env.sleep(dt.timedelta(days=9, hours=23))
        resumed = await handle.query(ClaimantJourney.state)
        await env.sleep(dt.timedelta(hours=2))
        overdue = await handle.query(ClaimantJourney.state)
        await handle.signal(ClaimantJourney.claim_decided, ClaimDecided(fake.claim_id, True, 12))
        await handle.signal(ClaimantJourney.placement_recorded, PlacementRecorded("placement-1", start + dt.timedelta(days=40)))
        result = await handle.result()

    assert (paused.stage, paused.review_overdue) == (Stage.CLAIM_REVIEW, False)
    assert [s.detail for s in paused.steps if s.event == "documents_requested"] == [
        {"request_id": REQUEST_ID, "documents_due_on": (start + dt.timedelta(days=30)).isoformat()}
    ]
    assert resumed.review_overdue is False and fake.closures == []
    assert overdue.review_overdue is True
    [flagged] = [s for s in overdue.steps if s.event == "review_overdue"]
    assert flagged.detail == {"due_at": (received_at + dt.timedelta(days=10)).isoformat()}
    assert [s.event for s in overdue.steps].count("documents_received") == 1
    # Decided after the receipt: paid as any approved claim.
    assert result.stage is Stage.REEMPLOYED and fake.paid_months[0] == 1


async def test_a_request_after_the_ten_days_lowers_the_overdue_flag(time_skipping_env: WorkflowEnvironment) -> None:
    env, fake = time_skipping_env, FakeReviewServices()
    async with running_journey(env, fake) as (handle, start):
        await env.sleep(dt.timedelta(days=11))
        flagged = await handle.query(ClaimantJourney.state)
        await handle.signal(ClaimantJourney.documents_requested, requested(await now(env), start + dt.timedelta(days=41)))
        await env.sleep(dt.timedelta(days=5))
        paused = await handle.query(ClaimantJourney.state)
        await handle.terminate("test done")

    assert flagged.review_overdue is True and paused.review_overdue is False
    assert paused.stage is Stage.CLAIM_REVIEW


async def test_the_supply_deadline_passing_closes_the_claim_and_the_registration(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeReviewServices()
    async with running_journey(env, fake) as (handle, start):
        due_on = start + dt.timedelta(days=31)
        await handle.signal(ClaimantJourney.documents_requested, requested(await now(env), due_on))
        await env.sleep(start_of_china_day(due_on) + dt.timedelta(hours=23) - await now(env))
        on_the_last_day = list(fake.closures)
        result = await handle.result()
        state = await handle.query(ClaimantJourney.state)

    assert on_the_last_day == []  # the documents may still come on their due date
    [(closure, at)] = fake.closures
    assert (closure.claim_id, closure.request_id) == (fake.claim_id, REQUEST_ID)
    assert at >= start_of_china_day(due_on + dt.timedelta(days=1))
    assert result.stage is Stage.CLAIM_CLOSED_INCOMPLETE and fake.paid_months == []
    [closed] = fake.closed_registrations
    assert (closed.reason, closed.ended_on, closed.evidence_ref) == (
        "claim_incomplete", due_on + dt.timedelta(days=1), f"document-request:{REQUEST_ID}"
    )
    assert (state.registration_end_reason, state.review_overdue) == ("claim_incomplete", False)
    assert [s.event for s in state.steps][-2:] == ["claim_closed_incomplete", "registration_closed"]


async def test_a_closure_refused_because_the_documents_came_waits_for_their_receipt(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeReviewServices()
    fake.closure_refusals = ["documents_received"]
    async with running_journey(env, fake) as (handle, start):
        due_on = start + dt.timedelta(days=5)
        await handle.signal(ClaimantJourney.documents_requested, requested(await now(env), due_on))
        await env.sleep(start_of_china_day(due_on + dt.timedelta(days=1)) + dt.timedelta(minutes=30) - await now(env))
        refused = await handle.query(ClaimantJourney.state)
        received_at = await now(env)
        receipt = DocumentsReceived("claim", REQUEST_ID, received_at, received_at + dt.timedelta(days=10))
        await handle.signal(ClaimantJourney.documents_received, receipt)
        await env.sleep(dt.timedelta(days=3))
        waiting = await handle.query(ClaimantJourney.state)
        await handle.terminate("test done")

    assert [s.detail for s in refused.steps if s.event == "claim_not_closed"] == [
        {"code": "documents_received", "request_id": REQUEST_ID}
    ]
    assert fake.closures == [] and fake.closed_registrations == []
    assert (waiting.stage, waiting.review_overdue) == (Stage.CLAIM_REVIEW, False)
