"""Pure parts of the entitlement arithmetic (R-START counting, R-DUR-2 restart)."""

from __future__ import annotations

import datetime as dt

from services.benefits.entitlement.assessment import months_started_before
from services.benefits.entitlement.rules import contribution_months_since
from services.benefits.entitlement.schemas import ClaimEvidence, ContributionSpell


def test_months_drawn_are_the_benefit_months_begun_before_the_end() -> None:
    start = dt.date(2023, 1, 10)
    assert months_started_before(start, 12, dt.date(2023, 6, 10)) == 5  # stopped on month 6's first day
    assert months_started_before(start, 12, dt.date(2023, 6, 11)) == 6
    assert months_started_before(start, 12, dt.date(2030, 1, 1)) == 12
    assert months_started_before(start, 12, start) == 0


def test_contribution_time_restarts_after_the_previous_spell() -> None:
    """R-DUR-2: only months from the end of the previous benefit spell on count."""
    history = ClaimEvidence(
        as_of=dt.date(2025, 7, 1),
        contribution_months=60,
        spells=[
            ContributionSpell(first_month="2020-01", last_month="2022-12", months=36),
            ContributionSpell(first_month="2023-06", last_month="2025-05", months=24),
        ],
    )
    assert contribution_months_since(history, dt.date(2023, 6, 10)) == 24
    # A spell straddling the cut counts only its part after the cut.
    assert contribution_months_since(history, dt.date(2022, 7, 1)) == 6 + 24
