"""Who may run the audit cross-match and review its items (R-FRAUD-1)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# Operations, or the worker's scheduled run.
CrossMatchRunner = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.SYSTEM))]
ReviewItemReader = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER, Role.AUDITOR, Role.OPERATIONS))]
# A case manager confirms or dismisses an item; the system never stops or recovers on its own.
ReviewDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
