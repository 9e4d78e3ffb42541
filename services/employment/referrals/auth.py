"""Who may refer job seekers, record outcomes, and read referrals."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import DESK, READERS
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

ReferralReader = Annotated[Principal, Depends(require_roles(*READERS))]
ReferralWriter = Annotated[Principal, Depends(require_roles(*DESK))]
# The sweep of referrals past their response deadline: scheduled, or run by operations.
NoResponseSweeper = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.SYSTEM))]
