"""The registration service's own dependency aliases (the shared ones are in shared/deps.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.registration.settings import RegistrationSettings
from shared.deps import service_settings

Settings = Annotated[RegistrationSettings, Depends(service_settings)]
