"""Who records, reads and decides an appeal (R-APPEAL-1)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# Case managers record appeals; a service point records the papers it receives (its own
# district's claims only, Principal.sees_district).
AppealRecorder = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER, Role.SERVICE_POINT))]
# Case managers file the reply and record the body's outcome, which the service carries out.
AppealDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
# Readers: those who record or decide, and auditors (read-only).
AppealReader = Annotated[
    Principal, Depends(require_roles(Role.CASE_MANAGER, Role.SERVICE_POINT, Role.AUDITOR))
]
