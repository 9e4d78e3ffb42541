"""Who may register job seekers, change their records, and read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import DESK, READERS
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# The journey registers people on benefit; a service point, people of its district at the desk.
JobSeekerRegistrar = Annotated[Principal, Depends(require_roles(Role.SYSTEM, Role.SERVICE_POINT))]
JobSeekerReader = Annotated[Principal, Depends(require_roles(*READERS))]
JobSeekerWriter = Annotated[Principal, Depends(require_roles(*DESK))]
# What only the journey tells (the end of benefit).
JourneyCaller = Annotated[Principal, Depends(require_roles(Role.SYSTEM))]
