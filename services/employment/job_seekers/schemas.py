from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, field_validator

from shared.ids import validate_district


class JobSeekerCreate(BaseModel):
    """求职登记 for a person with an unemployment registration (internal IDs only)."""

    model_config = ConfigDict(extra="forbid")

    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: str

    @field_validator("district")
    @classmethod
    def _district(cls, value: str) -> str:
        return validate_district(value)


class JobSeekerRead(BaseModel):
    id: uuid.UUID
    registration_id: uuid.UUID
    person_id: uuid.UUID
    district: str
    status: str
    created_at: dt.datetime
