from __future__ import annotations

import enum
import uuid


from shared.notices.delivery import WrittenDecisionRead


class EmployerNoticeKind(str, enum.Enum):
    """R-NOTICE-1: the employer's decisions given in writing."""

    CONTRIBUTION_ASSESSED = "contribution_assessed"  # 核定 (R-DECL-1)
    CONTRIBUTION_SETTLED = "contribution_settled"  # 结算 and its late fees (R-DECL-1, R-LATE-1)
    CONTRIBUTION_FINE = "contribution_fine"  # 罚款 (R-LATE-1)


class EmployerDecisionNoticeRead(WrittenDecisionRead):
    """An employer's written decision (R-NOTICE-1); its PDF is at GET
    /employer-decision-notices/{id}.pdf. The deadlines count from the delivery (R-APPEAL-1): none
    until it is recorded. ``decision_ref``: the declaration assessed or settled, or the fine."""

    employer_id: uuid.UUID
    kind: EmployerNoticeKind
