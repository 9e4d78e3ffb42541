"""FastAPI dependency aliases every service's routes share."""

from __future__ import annotations

from typing import Annotated

import asyncpg
from fastapi import Depends

from shared.clock import Moment
from shared.db import get_conn
from shared.request_clock import read_clock

# The request's reading of the service's clock (R-TIME-1): ``now.today`` is China's date.
Now = Annotated[Moment, Depends(read_clock)]
Conn = Annotated[asyncpg.Connection, Depends(get_conn)]
