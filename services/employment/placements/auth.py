"""Who may record placements (再就业) and read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import DESK, READERS
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

PlacementReader = Annotated[Principal, Depends(require_roles(*READERS))]
PlacementRecorder = Annotated[Principal, Depends(require_roles(*DESK))]
# Hires found in contribution records: the system's match, or a case manager or operations.
ContributionPlacementRecorder = Annotated[
    Principal, Depends(require_roles(Role.SYSTEM, Role.CASE_MANAGER, Role.OPERATIONS))
]
