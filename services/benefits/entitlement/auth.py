"""Who may preview an entitlement (待遇试算): every staff role that meets claimants, and the journey."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

EntitlementPreviewer = Annotated[
    Principal,
    Depends(require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.SYSTEM)),
]
