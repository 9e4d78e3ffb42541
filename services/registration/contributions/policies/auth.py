"""Operations enters the contribution policy rows (R-RATE-1/2, R-LATE-1); whoever reads
contributions reads them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import STAFF_AND_FINANCE
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

ContributionPolicyReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_FINANCE))]
ContributionPolicyWriter = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
