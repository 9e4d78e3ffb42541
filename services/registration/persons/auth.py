"""Who reads a person's insurance history, employments and spells (staff, and the benefits
service as the system role), who looks a person up by ID number or opens the person page (staff
only), and who searches people by name (the desks: service points and case managers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, STAFF, STAFF_AND_SYSTEM
from shared.auth import Principal
from shared.auth.deps import require_roles

PersonHistoryReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_SYSTEM))]
PersonFinder = Annotated[Principal, Depends(require_roles(*STAFF))]
PersonSearcher = Annotated[Principal, Depends(require_roles(*DESK))]
