"""The monthly Schedule (system) or operations produce the tax authority's report; operations,
auditors, case managers and the worker read it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

TaxReportReader = Annotated[
    Principal, Depends(require_roles(Role.OPERATIONS, Role.AUDITOR, Role.CASE_MANAGER, Role.SYSTEM))
]
TaxReportProducer = Annotated[Principal, Depends(require_roles(Role.SYSTEM, Role.OPERATIONS))]
