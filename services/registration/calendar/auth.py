"""Operations enters each year's holidays; staff and the worker read the calendar."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import STAFF_AND_SYSTEM
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

CalendarWriter = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
CalendarReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_SYSTEM))]
