from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.inputs import StrictInt, Text
from shared.policies import EffectiveDatedCreate, EffectiveDatedRead


class DocumentKind(str, enum.Enum):
    """R-RFI-1: what may be missing (labels: contracts/benefit_labels.DOCUMENT_KINDS)."""

    ID_DOCUMENT = "id_document"
    SEPARATION_PROOF = "separation_proof"
    CONTRIBUTION_PROOF = "contribution_proof"
    BANK_ACCOUNT = "bank_account"
    RESIDENCE_PROOF = "residence_proof"
    OTHER = "other"


class RequestStatus(str, enum.Enum):
    AWAITING = "awaiting"  # 等待补正: the review clock is paused
    RECEIVED = "received"  # 材料已补齐: the review counts from the receipt (R-REV-1)
    CLOSED_INCOMPLETE = "closed_incomplete"  # 逾期未补正: the claim is closed


class RequestedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: DocumentKind
    description: Text = Field(min_length=1, max_length=200, description="需补正材料的具体说明")


class DocumentRequestCreate(BaseModel):
    """R-RFI-1 一次性告知: every missing document at once (a claim gets one request)."""

    model_config = ConfigDict(extra="forbid")

    documents: list[RequestedDocument] = Field(min_length=1, max_length=20)

    @field_validator("documents")
    @classmethod
    def _each_once(cls, documents: list[RequestedDocument]) -> list[RequestedDocument]:
        keys = [(d.kind, d.description) for d in documents]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate_document: 同一材料不能列出两次")
        return documents


class DocumentRequestRead(BaseModel):
    id: uuid.UUID
    claim_id: uuid.UUID
    district: str
    status: RequestStatus
    documents: list[RequestedDocument]
    requested_by: str
    requested_at: dt.datetime
    requested_on: dt.date
    # The supply deadline (inclusive): the request date + the province's days (R-RFI-1).
    due_on: dt.date
    supply_days: int
    supply_policy_id: int
    # R-REV-1: the review deadline the request paused, and the claim's deadline now.
    paused_review_due_at: dt.datetime
    review_due_at: dt.datetime
    received_by: str | None
    received_at: dt.datetime | None
    closed_by: str | None
    closed_at: dt.datetime | None


class DocumentSupplyPolicyCreate(EffectiveDatedCreate):
    """R-RFI-1: the days after the request within which the documents are to be supplied."""

    supply_days: StrictInt = Field(ge=1, le=365)


class DocumentSupplyPolicyRead(EffectiveDatedRead):
    supply_days: int
    created_by: str
    created_at: dt.datetime
    first_used_at: dt.datetime | None
