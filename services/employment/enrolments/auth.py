"""Who may read and write enrolments, attendance and completions."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import DESK, READERS
from shared.auth import Principal
from shared.auth.deps import require_roles

EnrolmentReader = Annotated[Principal, Depends(require_roles(*READERS))]
EnrolmentWriter = Annotated[Principal, Depends(require_roles(*DESK))]
