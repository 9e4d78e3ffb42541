"""Case managers deregister (form 2-4), verify (form 2-5) and reissue certificates; staff and
finance read the verification report and the certificates."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import STAFF_AND_FINANCE
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

LifecycleReader = Annotated[Principal, Depends(require_roles(*STAFF_AND_FINANCE))]
LifecycleWriter = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
