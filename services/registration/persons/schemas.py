from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.registration.unemployment.schemas import UnemploymentRegistrationRead
from shared.ids import validate_id_number
from shared.inputs import Text


class PersonLookup(BaseModel):
    """查询人员 by the ID number on the card at the desk. Sent in the body (POST), so the number
    never appears in a URL, an access log or a trace."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id_number: Text = Field(description="公民身份号码 (GB 11643-1999)")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str) -> str:
        return validate_id_number(value)


class PersonLookupRead(BaseModel):
    person_id: uuid.UUID
    id_number_masked: str
    name_masked: str
    # The person's open 失业登记 (with its journey), if any.
    open_registration: UnemploymentRegistrationRead | None
