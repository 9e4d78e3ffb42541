"""The claim review with a one-time notice of missing documents (R-RFI-1) on the time-skipping
server: the request pauses the 10-day review timer (R-REV-1: no overdue flag while the documents
are awaited), their receipt moves the review deadline to the receipt + 10 days, and the supply
deadline passing has the benefits service close the claim; like a rejection, the journey then
waits through the closure notice's appeal window (R-APPEAL-1, moved by its delivery) before the
失业登记 closes (R-SPELL-1), and a revoked closure returns the claim to review. Signals may arrive
twice."""

from __future__ import annotations

import datetime as dt

import pytest
from temporalio import activity
from temporalio.testing import WorkflowEnvironment

from contracts.appeals import AppealDecided, AppealLodged, RejectionDelivered
from contracts.calendar import add_months
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
    # R-APPEAL-1: with no delivery recorded the closure's window is a year from the closure.
    assert [s.event for s in state.steps][-4:] == [
        "claim_closed_incomplete", "appeal_window_open", "appeal_window_passed", "registration_closed"
    ]
    [window] = [s.detail for s in state.steps if s.event == "appeal_window_open"]
    assert window == {"ends_on": add_months(due_on + dt.timedelta(days=1), 12).isoformat()}


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


async def closed_incomplete(env: WorkflowEnvironment, fake: FakeReviewServices, handle, start: dt.date) -> dt.date:  # noqa: ANN001
    """The documents asked for on the registration day and due 5 days later; returns the China
    date the journey had the claim closed (the day after the deadline)."""
    due_on = start + dt.timedelta(days=5)
    await handle.signal(ClaimantJourney.documents_requested, requested(await now(env), due_on))
    await env.sleep(start_of_china_day(due_on + dt.timedelta(days=1)) + dt.timedelta(hours=9) - await now(env))
    assert len(fake.closures) == 1
    return due_on + dt.timedelta(days=1)


def closure_delivered(fake: FakeReviewServices, on: dt.date) -> RejectionDelivered:
    return RejectionDelivered(fake.claim_id, "notice-closure", on, True, "claim_closed_incomplete")


async def test_a_closure_keeps_the_registration_open_through_its_notices_appeal_window(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeReviewServices()
    async with running_journey(env, fake) as (handle, start):
        closed_on = await closed_incomplete(env, fake, handle, start)
        await handle.signal(ClaimantJourney.rejection_delivered, closure_delivered(fake, closed_on))
        window_end = add_months(closed_on, 6)  # the later of 60 days and 6 months (R-APPEAL-1)
        await env.sleep(start_of_china_day(window_end) + dt.timedelta(hours=23) - await now(env))
        before = await handle.query(ClaimantJourney.state)
        registrations_before = list(fake.closed_registrations)
        result = await handle.result()
        after = await handle.query(ClaimantJourney.state)

    assert (before.stage, before.registration_ended_on, registrations_before) == (Stage.CLAIM_CLOSED_INCOMPLETE, None, [])
    # The delivery moved the window from a year after the closure to 6 months after the delivery.
    assert [s.detail["ends_on"] for s in before.steps if s.event == "appeal_window_open"] == [
        add_months(closed_on, 12).isoformat(), window_end.isoformat()
    ]
    assert "rejection_delivered" not in [s.event for s in before.steps]
    assert result.stage is Stage.CLAIM_CLOSED_INCOMPLETE
    [closed] = fake.closed_registrations
    assert (closed.reason, closed.ended_on) == ("claim_incomplete", closed_on)
    assert after.registration_end_reason == "claim_incomplete"


async def test_a_revoked_closure_returns_the_claim_to_review_and_an_approval_pays(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env, fake = time_skipping_env, FakeReviewServices()
    async with running_journey(env, fake) as (handle, start):
        closed_on = await closed_incomplete(env, fake, handle, start)
        lodged = AppealLodged("appeal-c", fake.claim_id, "notice-closure", "claim_closed_incomplete", "reconsideration", closed_on)
        await handle.signal(ClaimantJourney.appeal_lodged, lodged)
        revoked_on = closed_on + dt.timedelta(days=30)
        await env.sleep(start_of_china_day(revoked_on) + dt.timedelta(hours=9) - await now(env))
        due = start_of_china_day(revoked_on) + dt.timedelta(days=10)
        decided = AppealDecided(
            "appeal-c", fake.claim_id, "claim_closed_incomplete", "revoked", revoked_on, revoked_on, review_due_at=due
        )
        await handle.signal(ClaimantJourney.appeal_decided, decided)
        await env.sleep(dt.timedelta(days=2))
        review = await handle.query(ClaimantJourney.state)
        approved = ClaimDecided(fake.claim_id, True, 12, decided_at=await now(env), benefit_start_date=start)
        await handle.signal(ClaimantJourney.claim_decided, approved)
        await env.sleep(dt.timedelta(hours=2))
        state = await handle.query(ClaimantJourney.state)
        await handle.terminate("test done")

    assert review.stage is Stage.CLAIM_REVIEW and fake.closed_registrations == []
    assert [s.detail for s in review.steps if s.event == "closure_set_aside"] == [
        {"appeal_id": "appeal-c", "outcome": "revoked"}
    ]
    # From R-START: months 1 and 2 had begun (paid at once, month 2 without a report, R-MON-1).
    assert state.stage is Stage.ON_BENEFIT and fake.paid_months == [1, 2]
    assert state.registration_ended_on is None
