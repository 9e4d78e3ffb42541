from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel


class AuditEntryRead(BaseModel):
    """One change: who (actor, role), when, what (before/after) and why."""

    id: int
    entity_type: str
    entity_id: str
    action: str
    actor: str
    actor_role: str
    at: dt.datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
