"""Staff read a claimant's journey and the journeys' worklist."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import STAFF
from shared.auth import Principal
from shared.auth.deps import require_roles

JourneyReader = Annotated[Principal, Depends(require_roles(*STAFF))]
