"""Who may record a claim's bank account (readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

BankAccountWriter = Annotated[Principal, Depends(require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER))]
