from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.inputs import Text


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


class DisclosureCreate(BaseModel):
    """稽核调阅: one entity's audit entries with personal data in full, for a stated need. The
    request itself is recorded in the trail (who, when, why)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    entity_type: Text = Field(min_length=1, max_length=50, examples=["employment"])
    entity_id: Text = Field(min_length=1, max_length=100, description="the entity's internal ID")
    reason: Text = Field(
        min_length=4, max_length=500, description="why the full values are needed, e.g. the audit case number",
        examples=["稽核案件 2026-017: 核对参保人员身份"],
    )
