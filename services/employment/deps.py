"""The employment service's own dependency aliases (the shared ones are in shared/deps.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from services.employment.settings import EmploymentSettings
from shared.deps import service_settings

Settings = Annotated[EmploymentSettings, Depends(service_settings)]
