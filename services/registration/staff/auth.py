"""The desks enrol and separate insured staff (R-REG-3, R-EMP-1); staff and the worker read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, STAFF_AND_SYSTEM
from shared.auth import Principal
from shared.auth.deps import require_roles

StaffReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_SYSTEM))]
StaffWriter = Annotated[Principal, Depends(require_roles(*DESK))]
