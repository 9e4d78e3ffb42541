"""Who may register employers (forms 2-1 / 2-2), review them (R-REG-1) and read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, EVERY_ROLE
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

EmployerReader = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
EmployerRegistrar = Annotated[Principal, Depends(require_roles(*DESK))]
# 受理 and 审核.
EmployerReviewer = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
# The review-deadline workflow's warning and overdue escalations.
ReviewEscalator = Annotated[Principal, Depends(require_roles(Role.SYSTEM))]
ReviewWatcher = Annotated[
    Principal, Depends(require_roles(Role.OPERATIONS, Role.CASE_MANAGER, Role.AUDITOR))
]
