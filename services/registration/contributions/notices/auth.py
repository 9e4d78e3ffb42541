"""Who reads an employer's written decisions (R-NOTICE-1) and records their delivery: the roles of
the contribution routes (contributions/auth.py). Employer data is not personal, but a service
point still sees its own district's employers only (``service.visible_employer``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, STAFF_AND_FINANCE
from shared.auth import Principal
from shared.auth.deps import require_roles

EmployerNoticeReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_FINANCE))]
# The desks that hand the notice over or post it (service points and case managers).
EmployerNoticeDeliverer = Annotated[Principal, Depends(require_roles(*DESK))]
