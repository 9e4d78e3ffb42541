"""Business workflow IDs. Internal IDs only: never an ID number, a name or a bank account."""

from __future__ import annotations

import uuid

CLAIMANT_JOURNEY_PREFIX = "claimant-journey-"


def claimant_journey_id(registration_id: uuid.UUID | str) -> str:
    """One journey per unemployment registration (R-UREG-1)."""
    return f"{CLAIMANT_JOURNEY_PREFIX}{uuid.UUID(str(registration_id))}"
