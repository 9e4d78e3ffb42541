"""The desks register 失业登记 (R-UREG-1); the journey (system) or the desks end it (R-SPELL-1);
staff and the worker read it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, STAFF_AND_SYSTEM
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

UnemploymentReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_SYSTEM))]
UnemploymentRegistrar = Annotated[Principal, Depends(require_roles(*DESK))]
UnemploymentEnder = Annotated[Principal, Depends(require_roles(Role.SYSTEM, *DESK))]
