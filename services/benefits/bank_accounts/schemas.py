from __future__ import annotations

import datetime as dt
import enum
import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.inputs import Text

# ASCII digits only (\d takes any script's digits), and \Z: "$" also matches before a newline.
ACCOUNT_RE = re.compile(r"^[0-9]{12,30}\Z")


def mask_account(number: str) -> str:
    """``6222021234567890123`` → ``6222***********0123`` (personal data, PIPL art. 28)."""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_holder_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1) if name else name


class Holder(str, enum.Enum):
    CLAIMANT = "claimant"
    SURVIVOR = "survivor"  # R-DEATH-1: the named recipient of the death grants


class BankAccountCreate(BaseModel):
    """A (corrected) bank account; the previous one for the same holder is superseded, not changed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    holder: Holder = Holder.CLAIMANT
    bank_code: Text = Field(pattern=r"^[0-9A-Z]{3,12}$", description="开户行代码")
    account_number: Text
    account_name: Text = Field(min_length=1, max_length=60)

    @field_validator("account_number")
    @classmethod
    def _account(cls, value: str) -> str:
        compact = value.replace(" ", "")
        if not ACCOUNT_RE.match(compact):
            raise ValueError("invalid_account_number: 银行账号应为12至30位数字")
        return compact


class BankAccountRead(BaseModel):
    """Always masked: no role reads a full account number through the API."""

    id: int
    holder: Holder
    bank_code: str
    account_number_masked: str
    account_name_masked: str
    created_by: str
    created_at: dt.datetime
    superseded_at: dt.datetime | None
