from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.registration.unemployment.schemas import UnemploymentRegistrationRead
from shared.ids import validate_id_number
from shared.inputs import District, StrictInt, Text


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


class PersonSearch(BaseModel):
    """按姓名查找人员 within a district. The name is sent in the body (POST), never in a URL."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text = Field(min_length=1, max_length=50, description="姓名: 完全一致或以此开头")
    district: District | None = Field(
        None, description="行政区划代码; 服务网点只查本辖区 (此项对服务网点不起作用)"
    )
    limit: StrictInt = Field(20, ge=1, le=50)


class RegistrationBriefRead(BaseModel):
    """The person's latest 失业登记 in the district searched (R-SPELL-1: open or closed)."""

    id: uuid.UUID
    district: str
    registration_date: dt.date
    status: str  # open | closed


class PersonMatchRead(BaseModel):
    person_id: uuid.UUID
    # Masked as everywhere (PIPL art. 28): the family name and the name's length only.
    name_masked: str
    # The stored name is the name searched for (not only one beginning with it).
    name_matches_exactly: bool
    id_number_masked: str
    registration: RegistrationBriefRead


class PersonRead(BaseModel):
    """A person for the person page: masked name and ID number. Gender and birth date are not
    stored (they are only inside the ID number, which stays masked)."""

    person_id: uuid.UUID
    name_masked: str
    id_number_masked: str
