"""Who may schedule career guidance, record its outcome, and read it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import DESK, READERS, STAFF
from shared.auth import Principal
from shared.auth.deps import require_roles

GuidanceReader = Annotated[Principal, Depends(require_roles(*READERS))]
GuidanceWriter = Annotated[Principal, Depends(require_roles(*DESK))]
# The work list of first guidance offers due is for staff.
FirstOffersReader = Annotated[Principal, Depends(require_roles(*STAFF))]
