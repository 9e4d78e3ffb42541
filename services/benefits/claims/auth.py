"""Who may open, complete, decide and stop a claim (readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# The journey opens the claim of an unemployment registration.
ClaimOpener = Annotated[Principal, Depends(require_roles(Role.SYSTEM))]
# The journey or a case manager attaches the insurance-history evidence.
EvidenceProvider = Annotated[Principal, Depends(require_roles(Role.SYSTEM, Role.CASE_MANAGER))]
# R-REV-1: a case manager decides.
ClaimDecider = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
# R-STOP-1: the journey (a hire, a missed report) or a case manager stops the benefit.
ClaimStopper = Annotated[Principal, Depends(require_roles(Role.SYSTEM, Role.CASE_MANAGER))]
