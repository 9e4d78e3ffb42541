"""Stand-ins for the journey's activities, at the edge the workflow tests do not test (the
services' HTTP APIs, which have their own tests and the end-to-end test)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from temporalio import activity
from temporalio.exceptions import ApplicationError

from workflows.messages import (
    AwardSubsidyInput,
    AwardSubsidyResult,
    CloseRegistrationInput,
    MissedReportRuleInput,
    MissedReportRuleResult,
    OpenClaimInput,
    RecordBenefitEndInput,
    OpenClaimResult,
    RecordPaymentInput,
    RecordPaymentResult,
    RegisterJobSeekerInput,
    RegisterJobSeekerResult,
    StopBenefitInput,
    StopBenefitResult,
)


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

    @activity.defn(name="open_claim")
    async def open_claim(self, input: OpenClaimInput) -> OpenClaimResult:
        now = activity.info().current_attempt_scheduled_time
        return OpenClaimResult(self.claim_id, now + dt.timedelta(days=self.review_days))

    @activity.defn(name="record_payment")
    async def record_payment(self, input: RecordPaymentInput) -> RecordPaymentResult:
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
        self.stops.append(input)
        return StopBenefitResult(input.claim_id, "stopped")

    @activity.defn(name="award_subsidy")
    async def award_subsidy(self, input: AwardSubsidyInput) -> AwardSubsidyResult:
        if input.requested_amount > self.subsidy_cap:
            raise ApplicationError("cap exceeded", type="ServiceRejected", non_retryable=True)
        self.subsidies.append(input)
        return AwardSubsidyResult(f"subsidy-{input.event_ref}", input.requested_amount)

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
