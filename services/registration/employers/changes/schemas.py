from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from services.registration.employers.schemas import Document, EmployerRead
from shared.inputs import Date, Text


class ChangeItem(str, enum.Enum):
    """The nine kinds of item of 变更登记 (seed chapter 2, form 2-3)."""

    NAME = "name"  # 单位名称
    ADDRESS = "address"  # 住所或地址
    LEGAL_REPRESENTATIVE = "legal_representative"  # 法定代表人或负责人
    UNIT_TYPE = "unit_type"  # 单位类型
    ORGANISATION_CODE = "organisation_code"  # 组织机构统一代码 (the USCC)
    SUPERVISING_DEPARTMENT = "supervising_department"  # 主管部门
    AFFILIATION = "affiliation"  # 隶属关系
    BANK_ACCOUNT = "bank_account"  # 开户银行账号
    OTHER = "other"  # 经办机构规定的其他事项


# Items printed on the 社会保险登记证: changing one withdraws the certificate and issues a new one.
CERTIFICATE_ITEMS = frozenset(
    {
        ChangeItem.NAME,
        ChangeItem.ADDRESS,
        ChangeItem.LEGAL_REPRESENTATIVE,
        ChangeItem.UNIT_TYPE,
        ChangeItem.ORGANISATION_CODE,
    }
)


class BankAccountValue(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    bank_name: Text = Field(min_length=1, max_length=200)
    bank_account: Text


class ItemChange(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    item: ChangeItem
    other_item: Text | None = Field(
        default=None, max_length=50, description="the item's name when item is 'other'"
    )
    new_value: Text | BankAccountValue | None = Field(
        description="a string; {bank_name, bank_account} for bank_account; null clears an optional item"
    )

    @model_validator(mode="after")
    def _shape(self) -> ItemChange:
        if (self.item is ChangeItem.OTHER) != (self.other_item is not None):
            raise ValueError("other_item_mismatch: 仅“其他事项”须填写事项名称 (other_item)")
        if (self.item is ChangeItem.BANK_ACCOUNT) != isinstance(self.new_value, BankAccountValue):
            raise ValueError("invalid_new_value: 开户银行账号的新值须为 {bank_name, bank_account}")
        nullable = {ChangeItem.SUPERVISING_DEPARTMENT, ChangeItem.AFFILIATION, ChangeItem.OTHER}
        if self.new_value is None and self.item not in nullable:
            raise ValueError("invalid_new_value: 该事项不能变更为空")
        return self


class ChangeRegistrationCreate(BaseModel):
    """变更登记 (form 2-3): one or more items changed for one stated reason."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "request_key": "BG-2026-0001",
                    "reason": "工商变更登记: 单位更名",
                    "effective_on": "2026-11-20",
                    "items": [
                        {"item": "name", "new_value": "长沙某智能科技有限公司"},
                        {"item": "bank_account",
                         "new_value": {"bank_name": "中国银行长沙分行", "bank_account": "6216610100001234"}},
                    ],
                    "documents": [
                        {"kind": "business_change_record", "title": "工商变更登记表",
                         "received_on": "2026-11-20"}
                    ],
                }
            ]
        },
    )

    request_key: Text = Field(
        min_length=1, max_length=64, description="the application's own number: repeating it is safe"
    )
    reason: Text = Field(min_length=1, max_length=500)
    effective_on: Date
    items: list[ItemChange] = Field(min_length=1, max_length=9)
    documents: list[Document] = Field(default_factory=list, max_length=30)

    @field_validator("items")
    @classmethod
    def _distinct(cls, value: list[ItemChange]) -> list[ItemChange]:
        keys = [(i.item, i.other_item) for i in value]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate_change_item: 同一事项不能在一次变更中出现两次")
        return value


class ChangeRead(BaseModel):
    """One changed item: old value, new value, who, when, why (personal data masked by role)."""

    id: uuid.UUID
    request_key: str
    item: ChangeItem
    other_item: str | None
    old_value: Any
    new_value: Any
    reason: str
    effective_on: dt.date
    certificate_reissued: bool
    changed_by: str
    changed_role: str
    changed_at: dt.datetime


class ChangeRegistrationRead(BaseModel):
    employer: EmployerRead
    changes: list[ChangeRead]
    certificate_reissued: bool
    certificate_number: str | None
