"""Who may read stop proposals, and decide them (R-STOP-1: a case manager, never automatic)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import STAFF
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

StopProposalReader = Annotated[Principal, Depends(require_roles(*STAFF))]
StopProposalDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
