"""Operations enters the employer-registration policy rows; staff read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.auth import STAFF
from shared.auth import Principal, Role
from shared.auth.deps import require_roles

RegistrationPolicyReader = Annotated[Principal, Depends(require_roles(*STAFF))]
RegistrationPolicyWriter = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
