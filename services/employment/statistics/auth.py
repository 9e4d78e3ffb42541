"""Who may read the re-employment statistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.auth import STAFF
from shared.auth import Principal
from shared.auth.deps import require_roles

StatisticsReader = Annotated[Principal, Depends(require_roles(*STAFF))]
