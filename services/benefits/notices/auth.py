"""Who may run the pre-expiry notices (R-STOP-2; readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# Operations, or the worker's scheduled run.
NoticeRunner = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.SYSTEM))]
