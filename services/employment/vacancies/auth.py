"""Who may register vacancies, match them with job seekers, and read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import DESK, READERS
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

VacancyReader = Annotated[Principal, Depends(require_roles(*READERS))]
VacancyWriter = Annotated[Principal, Depends(require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS))]
# Matching reads job seekers' profiles: the desk that serves them.
Matcher = Annotated[Principal, Depends(require_roles(*DESK))]
