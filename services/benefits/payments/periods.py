"""Benefit-month periods and the stop-month share (R-START, R-STOP-1). No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from services.benefits.policy.service import to_fen
from contracts.calendar import benefit_month_start


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # exclusive: the next benefit month's first day

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def benefit_start(claim: asyncpg.Record) -> dt.date:
    return claim["benefit_start_date"] or claim["registration_date"]


def period_of(claim: asyncpg.Record, month: int) -> Period:
    start = benefit_start(claim)
    return Period(benefit_month_start(start, month), benefit_month_start(start, month + 1))


def kept_share(amount: Decimal, period: Period, stop_date: dt.date | None, option: str) -> tuple[Decimal, int]:
    """R-STOP-1: the part of a month's amount the person keeps when stopped on ``stop_date``, and
    the days after the stop. ``by_day`` keeps the days before the stop; ``whole_month_kept`` keeps
    the stop month whole."""
    if stop_date is None or stop_date >= period.end:
        return amount, 0
    if stop_date <= period.start:
        return Decimal("0.00"), period.days
    days_after = (period.end - stop_date).days
    if option == "whole_month_kept":
        return amount, days_after
    return to_fen(amount * (stop_date - period.start).days / period.days), days_after
