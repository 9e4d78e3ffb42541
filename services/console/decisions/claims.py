"""What a case manager reads before deciding a claim: each eligibility condition with its
evidence, and how the entitlement is computed (the rules, the policy table rows, month by month)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from contracts.calendar import benefit_month_start, calendar_month
from services.console.api import ServiceApi, ServiceError


@dataclass(frozen=True)
class MonthRow:
    month: int
    begins: dt.date
    calendar_month: str
    amount: Decimal | None


@dataclass
class Computation:
    entitlement_months: int | None
    monthly_amount: Decimal | None
    benefit_start_date: dt.date | None
    rules: list[str]
    explanation: list[str]
    policy_rows: dict[str, Any]
    months: list[MonthRow]
    preview: bool  # True: computed now for the review, not yet decided


def schedule(start: dt.date | None, months: int | None, amount: Decimal | None) -> list[MonthRow]:
    if start is None or not months:
        return []
    return [MonthRow(m, benefit_month_start(start, m), calendar_month(benefit_month_start(start, m)), amount)
            for m in range(1, months + 1)]


def _decimal(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def decided_computation(claim: dict[str, Any]) -> Computation:
    calculation = claim.get("calculation") or {}
    start, months, amount = _day(claim.get("benefit_start_date")), claim.get("entitlement_months"), _decimal(claim.get("monthly_amount"))
    return Computation(months, amount, start, calculation.get("rules", []), calculation.get("explanation", []),
                       calculation.get("policy_rows", {}), schedule(start, months, amount), preview=False)


async def preview_computation(api: ServiceApi, claim: dict[str, Any]) -> Computation | None:
    """For a claim still under review: the benefits service's own preview of the same assessment."""
    evidence = claim.get("evidence") or {}
    body = {
        "district": claim["district"], "person_id": claim["person_id"],
        "separation_date": claim["separation_date"], "separation_reason": claim["separation_reason"],
        "registration_date": claim["registration_date"], "claim_date": claim["claim_date"],
        "contribution_months": evidence.get("contribution_months", 0), "spells": evidence.get("spells", []),
    }
    try:
        preview = await api.post("benefits", "/entitlement-previews", body)
    except ServiceError:
        return None
    start, months, amount = _day(preview.get("benefit_start_date")), preview.get("entitlement_months"), _decimal(preview.get("monthly_amount"))
    return Computation(months, amount, start, preview.get("rules", []), preview.get("explanation", []), {},
                       schedule(start, months, amount), preview=True)


async def open_approval(api: ServiceApi, claim_id: str) -> dict[str, Any] | None:
    """R-CTRL-1: the claim's approval already prepared and waiting for a second case manager, if
    any (the page then says so, with a link to it); None also when the list cannot be read."""
    try:
        waiting = await api.get("benefits", "/approvals", status="prepared", kind="claim_approval", subject_id=claim_id)
    except ServiceError:
        return None
    return waiting[0] if waiting else None


async def document_request(api: ServiceApi, claim_id: str) -> dict[str, Any] | None:
    """R-RFI-1: the claim's one request for missing documents (一次性告知), if any; None also when
    the list cannot be read (the page then offers no receipt)."""
    try:
        requests = await api.get("benefits", f"/claims/{claim_id}/document-requests")
    except ServiceError:
        return None
    return requests[0] if requests else None
