"""FastAPI dependency aliases every service's routes share (each service adds its ``Settings``
alias in ``services/<name>/deps.py``, each domain its role aliases in its ``auth.py``)."""

from __future__ import annotations

from typing import Annotated

import asyncpg
from fastapi import Depends, Request

from shared.clock import Moment
from shared.db import get_conn
from shared.request_clock import read_clock
from shared.settings import ServiceSettings

# The request's reading of the service's clock (R-TIME-1): ``now.today`` is China's date.
Now = Annotated[Moment, Depends(read_clock)]
Conn = Annotated[asyncpg.Connection, Depends(get_conn)]


def service_settings(request: Request) -> ServiceSettings:
    """The settings the app was created with (validated at start-up, shared/app.py)."""
    return request.app.state.settings
