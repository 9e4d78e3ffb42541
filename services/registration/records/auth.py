"""Who reads individual contribution records (R-REC-1), who corrects them, and who polls the
hires after a registration (R-STOP-1, R-FRAUD-1)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import EVERY_ROLE
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

RecordReader = Annotated[Principal, Depends(require_roles(*EVERY_ROLE))]
RecordCorrector = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
HireWatcher = Annotated[
    Principal, Depends(require_roles(Role.SYSTEM, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR))
]
