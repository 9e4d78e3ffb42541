"""The registration decision under four-eyes control (R-CTRL-1): a USCC override (accepting a
code whose GB 32100-2015 check character fails). Its payload is the code, the district and the
reason only, never the registration's names and ID numbers: approving it grants the override,
and the case manager's submission with the override reason then goes through
(``services/registration/approvals/service.py``)."""

from __future__ import annotations

from typing import Any

import asyncpg

from shared.auth import Role
from shared.four_eyes import Kind, Prepared, Registry
from shared.four_eyes_schemas import DecisionKind


def approval_context() -> None:
    """The override's carry-out needs nothing of the request."""
    return None


async def _uscc_override(conn: asyncpg.Connection, prepared: Prepared, ctx: Any) -> dict[str, Any]:
    return {"uscc": prepared.subject_id, "override": "approved", "submit_again": "POST /employers"}


REGISTRY = Registry([Kind(DecisionKind.USCC_OVERRIDE, frozenset({Role.CASE_MANAGER}), _uscc_override)])
