"""How a journey's end becomes the end of the 失业登记 (R-SPELL-1): pure, deterministic."""

from __future__ import annotations

# A benefits stop ground (R-STOP-1) → the reason the spell ends.
SPELL_END_BY_STOP_REASON = {
    "re_employment": "re_employed",
    "death": "died",
    "transfer": "transferred_out",
    "pension": "pension",
    "enlistment": "enlisted",
    "emigration": "emigrated",
    "imprisonment": "imprisoned",
    "refused_offers": "refused_services",
    "expiry": "entitlement_exhausted",
}


def spell_end_for_stop(stop_reason: str) -> str:
    """Any other statutory ground ends the spell as "benefit_stopped"."""
    return SPELL_END_BY_STOP_REASON.get(stop_reason, "benefit_stopped")
