"""Who may run the 核定 of every undeclared month (R-DECL-1): case managers and operations."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

AssessmentRunner = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER, Role.OPERATIONS))]
