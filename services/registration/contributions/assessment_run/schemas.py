from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.registration.contributions.schemas import ContributionMonth
from shared.ids import validate_district
from shared.inputs import Text


class AssessmentRunCreate(BaseModel):
    """核定 run for a month (R-DECL-1): every approved employer that has not declared it by its
    due date is assessed at 110% of its previous month. Running it again assesses only those
    still undeclared."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"contribution_month": "2026-10", "district": None}]}
    )

    contribution_month: ContributionMonth
    district: Text | None = Field(default=None, description="limit the run to one district")

    @field_validator("district")
    @classmethod
    def _district(cls, value: str | None) -> str | None:
        return None if value is None else validate_district(value)


class AssessedEmployerRead(BaseModel):
    declaration_id: uuid.UUID
    employer_id: uuid.UUID
    assessed_from_id: uuid.UUID
    due_date: dt.date
    headcount: int
    total_amount: Decimal


class AssessmentRunRead(BaseModel):
    contribution_month: ContributionMonth
    run_on: dt.date
    assessed: list[AssessedEmployerRead]
