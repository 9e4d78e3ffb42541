"""Who may register training providers and courses, read them, and read the work list of first
training offers due (staff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import READERS, STAFF
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

TrainingReader = Annotated[Principal, Depends(require_roles(*READERS))]
TrainingManager = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER, Role.OPERATIONS))]
FirstTrainingOffersReader = Annotated[Principal, Depends(require_roles(*STAFF))]
