"""Who may read the audit trail: auditors, operations and case managers; only an auditor asks for
one entity's personal data in full (a disclosure, itself audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

AuditReader = Annotated[
    Principal, Depends(require_roles(Role.AUDITOR, Role.OPERATIONS, Role.CASE_MANAGER))
]
AuditDiscloser = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]
