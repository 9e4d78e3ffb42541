"""The benefits service's own dependency aliases (the shared ones are in shared/deps.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.benefits.settings import BenefitsSettings
from shared.deps import service_settings

Settings = Annotated[BenefitsSettings, Depends(service_settings)]
