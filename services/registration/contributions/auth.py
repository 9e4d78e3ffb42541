"""Who may declare, assess, settle and pay contributions (R-DECL-1, R-LATE-1), and who reads them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, STAFF_AND_FINANCE
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

ContributionReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_FINANCE))]
# Declarations, and the late declarations that settle an assessed month.
ContributionDeclarer = Annotated[Principal, Depends(require_roles(*DESK))]
ContributionAssessor = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
PaymentRecorder = Annotated[Principal, Depends(require_roles(Role.FINANCE, Role.CASE_MANAGER))]
FineRecorder = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
