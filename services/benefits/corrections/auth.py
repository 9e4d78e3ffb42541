"""Who may prepare and check a correction of the agency's own decision (R-CORR-1; readers:
``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# R-CORR-1 / R-CTRL-1: a case manager prepares it, another case manager approves (复核) it.
CorrectionPreparer = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
CorrectionChecker = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
CHECKER_ROLES = frozenset({Role.CASE_MANAGER})
