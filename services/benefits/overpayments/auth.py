"""Who may decide and record the recovery of an overpayment (readers:
``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# R-FRAUD-1: the system proposes, a case manager decides to recover or to waive.
OverpaymentDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
# Finance records the money that came back.
RecoveryRecorder = Annotated[Principal, Depends(require_roles(Role.FINANCE))]
