"""Activities of the employer review deadline: one idempotent call to the registration service.

Nothing personal crosses: the employer's internal ID, a level and a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from temporalio import activity

from workflows.service_calls import answer
from workflows.clients import ServiceClients


@dataclass
class ReviewEscalation:
    employer_id: str
    level: str  # "warning" (nearing the deadline) or "overdue" (past it: escalated)
    due_on: dt.date


@dataclass
class EscalationResult:
    # The registration's status at the service: a decision whose signal was lost (sent before the
    # workflow had started) shows here, and the workflow ends instead of waiting for it.
    status: str


class EmployerReviewActivities:
    def __init__(self, clients: ServiceClients) -> None:
        self._clients = clients

    @activity.defn
    async def escalate_employer_review(self, input: ReviewEscalation) -> EscalationResult:
        """Record the warning / overdue escalation at the service (repeating it changes nothing)."""
        employer = answer(
            await self._clients.registration.post(
                f"/employers/{input.employer_id}/review-escalations",
                json={"level": input.level, "due_on": input.due_on.isoformat()},
            )
        )
        return EscalationResult(status=str(employer["status"]))

    def all(self) -> list:
        return [self.escalate_employer_review]


@dataclass
class TaxReportRequest:
    month: str  # "YYYY-MM", a finished month


class TaxReportActivities:
    def __init__(self, clients: ServiceClients) -> None:
        self._clients = clients

    @activity.defn
    async def produce_tax_report(self, input: TaxReportRequest) -> int:
        """Have the registration service produce and keep the month's report; returns its rows.
        The service keeps one report per month, so a retry or a second run changes nothing."""
        report = answer(await self._clients.registration.post("/tax-reports", json={"month": input.month}))
        return int(report["row_count"])

    def all(self) -> list:
        return [self.produce_tax_report]
