"""Who may record and read job-search reports (R-MON-1)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import READERS
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# The online channel reaches the service through the system role (the portal's back end).
ReportRecorder = Annotated[Principal, Depends(require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.SYSTEM))]
ReportReader = Annotated[Principal, Depends(require_roles(*READERS))]
