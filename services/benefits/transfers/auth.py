"""Who may transfer a claim out (R-XFER-1; readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

TransferDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
