from __future__ import annotations

import datetime as dt
import enum
import uuid

from pydantic import BaseModel

from shared.notices.delivery import DeliveryRead


class EmployerNoticeKind(str, enum.Enum):
    """R-NOTICE-1: the employer's decisions given in writing."""

    CONTRIBUTION_ASSESSED = "contribution_assessed"  # 核定 (R-DECL-1)
    CONTRIBUTION_SETTLED = "contribution_settled"  # 结算 and its late fees (R-DECL-1, R-LATE-1)
    CONTRIBUTION_FINE = "contribution_fine"  # 罚款 (R-LATE-1)


class EmployerDecisionNoticeRead(BaseModel):
    """An employer's written decision (R-NOTICE-1); its PDF is at GET
    /employer-decision-notices/{id}.pdf. The deadlines count from the delivery (R-APPEAL-1): none
    until it is recorded."""

    id: uuid.UUID
    employer_id: uuid.UUID
    kind: EmployerNoticeKind
    # The declaration assessed or settled, or the fine.
    decision_ref: str
    issued_at: dt.datetime
    # None until the PDF is first made (at the first download), then its SHA-256 for good.
    sha256: str | None
    appeal_rights_included: bool
    delivery: DeliveryRead | None
    appeal_deadline: dt.date | None
    litigation_deadline: dt.date | None
