"""Who watches the workflows (运行监控): operations, and auditors who may read everything; the
Schedules are operations' alone."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# As the outbox view (shared/outbox_routes.py): operations watch, auditors may see.
FailingWorkflowReader = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.AUDITOR))]
ScheduleReader = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
