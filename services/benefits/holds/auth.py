"""Who decides a held payment (R-HOLD-1; readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# R-HOLD-1: a case manager releases or cancels each held instruction.
HoldDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
