"""Who may run the pre-expiry notices (R-STOP-2), read a written decision's PDF and record its
delivery (R-NOTICE-1); readers of the lists: ``services.benefits.auth.ClaimReader``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# Operations, or the worker's scheduled run.
NoticeRunner = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.SYSTEM))]
# R-NOTICE-1: a written decision's PDF, for those who hand it over or check it (a service point
# its own district's only).
DecisionNoticeReader = Annotated[
    Principal, Depends(require_roles(Role.CASE_MANAGER, Role.SERVICE_POINT, Role.AUDITOR))
]
# Who records that the person received it (in person at the desk, by post, online).
DeliveryRecorder = Annotated[Principal, Depends(require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER))]
