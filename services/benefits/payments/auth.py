"""Who may record a month's payment instruction (readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# R-PAY-1: the journey issues each month's instruction.
PaymentRecorder = Annotated[Principal, Depends(require_roles(Role.SYSTEM))]
