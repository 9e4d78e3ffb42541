"""Who may ask for the missing documents, record their receipt, and close a claim as incomplete
(R-RFI-1; readers: ``services.benefits.auth.ClaimReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# R-RFI-1: the case manager reviewing the claim tells the applicant, once, of everything missing.
DocumentRequester = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER))]
# The documents are handed in at the service point (一站式) or to the case manager.
ReceiptRecorder = Annotated[Principal, Depends(require_roles(Role.CASE_MANAGER, Role.SERVICE_POINT))]
# Past the supply deadline, the journey closes the claim (its durable timer, not a person).
IncompleteCloser = Annotated[Principal, Depends(require_roles(Role.SYSTEM))]
