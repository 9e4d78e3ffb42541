"""Who may register training providers and courses, and read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import READERS
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

TrainingReader = Annotated[Principal, Depends(require_roles(*READERS))]
TrainingManager = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER, Role.OPERATIONS))]
