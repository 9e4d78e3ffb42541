"""Stand-ins for the journey's activities, at the edge the workflow tests do not test (the
services' HTTP APIs, which have their own tests, the harness and the end-to-end test). They fail
the way the real activities do: an HTTP answer goes through the same ``answer()`` mapping, so a
refusal is a final ``ServiceRejected`` with the service's code and an outage is retried."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import httpx
from temporalio import activity

from workflows.service_calls import answer
from workflows.messages import (
    AwardSubsidyInput,
    AwardSubsidyResult,
    CloseRegistrationInput,
    MissedReportRuleInput,
    MissedReportRuleResult,
    OpenClaimInput,
    OpenClaimResult,
    RecordBenefitEndInput,
    RecordPaymentInput,
    RecordPaymentResult,
    RegisterJobSeekerInput,
    RegisterJobSeekerResult,
    StopBenefitInput,
    StopBenefitResult,
)


def service_answer(status: int, code: str, path: str = "/fake") -> None:
    """Raise what the real activity raises when a service answers ``status`` with ``code``."""
    request = httpx.Request("POST", f"http://service{path}")
    answer(httpx.Response(status, json={"code": code, "message": "", "field": None}, request=request))


class FakeServices:
    def __init__(self, review_days: int = 10) -> None:
        self.claim_id = str(uuid.uuid4())
        self.review_days = review_days
        self.paid_months: list[int] = []  # benefit payments only
        self.payments: list[tuple[int, str]] = []  # (benefit month, kind), every kind
        self.paid_at: list[dt.datetime] = []
        self.job_seekers: list[str] = []
        self.job_seeker_on_benefit: list[bool] = []
        self.stops: list[StopBenefitInput] = []
        self.subsidies: list[AwardSubsidyInput] = []
        self.subsidy_cap = Decimal("2000.00")
        self.termination_months: int | None = None  # R-MON-1 province option
        self.benefit_ends: list[tuple] = []
        self.closed_registrations: list[CloseRegistrationInput] = []
        # As the services answer: a refusal from this benefit month on, an outage's first calls.
        self.payments_refused_from: int | None = None
        self.outage_calls = 0
        self.calls = 0
        self.stop_refused_with: str | None = None

    @activity.defn(name="open_claim")
    async def open_claim(self, input: OpenClaimInput) -> OpenClaimResult:
        now = activity.info().current_attempt_scheduled_time
        return OpenClaimResult(self.claim_id, now + dt.timedelta(days=self.review_days))

    @activity.defn(name="record_payment")
    async def record_payment(self, input: RecordPaymentInput) -> RecordPaymentResult:
        self.calls += 1
        if self.calls <= self.outage_calls:
            service_answer(503, "database_unavailable")  # retried by Temporal
        if self.payments_refused_from is not None and input.benefit_month >= self.payments_refused_from:
            service_answer(409, "claim_stopped", f"/claims/{input.claim_id}/payments")
        key = (input.benefit_month, input.kind)
        created = key not in self.payments
        if created:
            self.payments.append(key)
            if input.kind == "benefit":
                self.paid_months.append(input.benefit_month)
                self.paid_at.append(activity.info().current_attempt_scheduled_time)
        return RecordPaymentResult(f"pay-{input.benefit_month}-{input.kind}", Decimal("1700.00"), created)

    @activity.defn(name="register_job_seeker")
    async def register_job_seeker(self, input: RegisterJobSeekerInput) -> RegisterJobSeekerResult:
        self.job_seekers.append(input.registration_id)
        self.job_seeker_on_benefit.append(input.on_benefit)
        return RegisterJobSeekerResult("seeker-1")

    @activity.defn(name="stop_benefit")
    async def stop_benefit(self, input: StopBenefitInput) -> StopBenefitResult:
        if self.stop_refused_with:
            service_answer(409, self.stop_refused_with, f"/claims/{input.claim_id}/stop")
        self.stops.append(input)
        return StopBenefitResult(input.claim_id, "stopped")

    @activity.defn(name="award_subsidy")
    async def award_subsidy(self, input: AwardSubsidyInput) -> AwardSubsidyResult:
        # As the benefits service: capped by the policy (R-SUB-1); one of a kind per benefit month
        # (the fake's journeys award within one month), a second is refused.
        if any(s.kind == input.kind for s in self.subsidies):
            service_answer(409, "subsidy_month_taken", f"/claims/{input.claim_id}/subsidies")
        self.subsidies.append(input)
        return AwardSubsidyResult(f"subsidy-{input.event_ref}", min(input.requested_amount, self.subsidy_cap))

    @activity.defn(name="missed_report_rule")
    async def missed_report_rule(self, input: MissedReportRuleInput) -> MissedReportRuleResult:
        return MissedReportRuleResult(self.termination_months)

    @activity.defn(name="record_benefit_end")
    async def record_benefit_end(self, input: RecordBenefitEndInput) -> None:
        self.benefit_ends.append((input.ended_on, input.reason))

    @activity.defn(name="close_registration")
    async def close_registration(self, input: CloseRegistrationInput) -> None:
        self.closed_registrations.append(input)

    def all(self) -> list:
        return [
            self.open_claim,
            self.record_payment,
            self.register_job_seeker,
            self.stop_benefit,
            self.award_subsidy,
            self.missed_report_rule,
            self.record_benefit_end,
            self.close_registration,
        ]
