"""Who may register an employer's changes (form 2-3) and read its change history."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import DESK, STAFF
from shared.auth import Principal
from shared.auth.deps import require_roles

ChangeRegistrar = Annotated[Principal, Depends(require_roles(*DESK))]
ChangeReader = Annotated[Principal, Depends(require_roles(*STAFF))]
