"""Activities of the claimant journey: each one is one idempotent call to a service's API.

They are retried by Temporal, so every call must be safe to repeat: the services key their
writes by the registration (claims, job seekers) or by (claim, benefit month, kind) (payments).
Nothing personal is passed in or returned: only internal IDs, dates and amounts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from temporalio import activity

from workflows.clients import ServiceClients
from workflows.service_calls import answer
from workflows.messages import (
    AwardSubsidyInput,
    AwardSubsidyResult,
    CloseIncompleteClaimInput,
    CloseIncompleteClaimResult,
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



class JourneyActivities:
    def __init__(self, clients: ServiceClients) -> None:
        self._clients = clients

    async def _registration(self, registration_id: str) -> dict[str, Any]:
        return answer(
            await self._clients.registration.get(f"/unemployment-registrations/{registration_id}")
        )

    @activity.defn
    async def open_claim(self, input: OpenClaimInput) -> OpenClaimResult:
        reg = await self._registration(input.registration_id)
        # R-ELIG-1 / R-DUR-1: the insurance history as of the registration date is the claim's
        # evidence snapshot (contribution months and spells; internal IDs only).
        history = answer(
            await self._clients.registration.get(
                f"/persons/{reg['person_id']}/insurance-history",
                params={"as_of": reg["registration_date"]},
            )
        )
        claim = answer(
            await self._clients.benefits.post(
                "/claims",
                json={
                    "registration_id": reg["id"],
                    "person_id": reg["person_id"],
                    "district": reg["district"],
                    "registration_date": reg["registration_date"],
                    "separation_date": reg["separation_date"],
                    "separation_reason": reg["separation_reason"],
                    "evidence": {
                        "as_of": history["as_of"],
                        "contribution_months": history["contribution_months"],
                        "spells": history["spells"],
                        "last_employer_id": history.get("last_employer_id"),
                        "source": "registration-service",
                    },
                },
            )
        )
        return OpenClaimResult(
            claim_id=claim["id"], review_due_at=dt.datetime.fromisoformat(claim["review_due_at"])
        )

    @activity.defn
    async def record_payment(self, input: RecordPaymentInput) -> RecordPaymentResult:
        response = await self._clients.benefits.post(
            f"/claims/{input.claim_id}/payments",
            json={"benefit_month": input.benefit_month, "kind": input.kind},
        )
        payment = answer(response)
        return RecordPaymentResult(
            payment_id=payment["id"],
            amount=Decimal(payment["amount"]),
            created=response.status_code == 201,
        )

    @activity.defn
    async def register_job_seeker(self, input: RegisterJobSeekerInput) -> RegisterJobSeekerResult:
        reg = await self._registration(input.registration_id)
        body = {"registration_id": reg["id"], "person_id": reg["person_id"], "district": reg["district"]}
        if not input.on_benefit:
            body["on_benefit"] = False  # a residence registration: employment services only
        seeker = answer(await self._clients.employment.post("/job-seekers", json=body))
        return RegisterJobSeekerResult(job_seeker_id=seeker["id"])

    @activity.defn
    async def close_registration(self, input: CloseRegistrationInput) -> None:
        """注销失业登记 (R-SPELL-1); the service keeps the first end, so a retry changes nothing."""
        answer(
            await self._clients.registration.post(
                f"/unemployment-registrations/{input.registration_id}/end",
                json={
                    "ended_on": input.ended_on.isoformat(),
                    "reason": input.reason,
                    "evidence_ref": input.evidence_ref,
                },
            )
        )

    @activity.defn
    async def stop_benefit(self, input: StopBenefitInput) -> StopBenefitResult:
        claim = answer(
            await self._clients.benefits.post(
                f"/claims/{input.claim_id}/stop",
                json={
                    "reason": input.reason,
                    "effective_date": input.effective_date.isoformat(),
                    "evidence_ref": input.evidence_ref,
                },
            )
        )
        return StopBenefitResult(claim_id=claim["id"], status=claim["status"])

    @activity.defn
    async def missed_report_rule(self, input: MissedReportRuleInput) -> MissedReportRuleResult:
        policy = answer(
            await self._clients.benefits.get(
                "/policy/in-force", params={"district": input.district, "on": input.on.isoformat()}
            )
        )
        rule = policy["parameters"].get("missed_report_termination_months")
        return MissedReportRuleResult(termination_months=rule["count"] if rule else None)

    @activity.defn
    async def record_benefit_end(self, input: RecordBenefitEndInput) -> None:
        answer(
            await self._clients.employment.post(
                f"/job-seekers/{input.job_seeker_id}/benefit-end",
                json={"ended_on": input.ended_on.isoformat(), "reason": input.reason},
            )
        )

    @activity.defn
    async def award_subsidy(self, input: AwardSubsidyInput) -> AwardSubsidyResult:
        award = answer(
            await self._clients.benefits.post(
                f"/claims/{input.claim_id}/subsidies",
                json={
                    "kind": input.kind,
                    "event_ref": input.event_ref,
                    "requested_amount": str(input.requested_amount),
                    "occupation": input.occupation,
                    "certificate_level": input.certificate_level,
                },
            )
        )
        return AwardSubsidyResult(subsidy_id=award["id"], amount=Decimal(award["amount"]))

    @activity.defn
    async def close_incomplete_claim(self, input: CloseIncompleteClaimInput) -> CloseIncompleteClaimResult:
        """R-RFI-1: the documents did not come by the deadline; a repeat answers the same closure."""
        request = answer(
            await self._clients.benefits.post(f"/claims/{input.claim_id}/document-requests/{input.request_id}/closure")
        )
        return CloseIncompleteClaimResult(claim_id=request["claim_id"], status=request["status"])

    def all(self) -> list[Any]:
        return [
            self.open_claim,
            self.record_payment,
            self.register_job_seeker,
            self.stop_benefit,
            self.award_subsidy,
            self.missed_report_rule,
            self.record_benefit_end,
            self.close_registration,
            self.close_incomplete_claim,
        ]
