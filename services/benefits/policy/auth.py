"""Who may read and write the benefit policy tables (R-POL-1): operations and finance set them;
every staff role and the journey read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

PolicyWriter = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.FINANCE))]
PolicyReader = Annotated[
    Principal,
    Depends(require_roles(
        Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR, Role.SYSTEM
    )),
]
