"""Role groups several benefits domains share (each domain's own aliases are in its ``auth.py``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

# A claim and what hangs off it (payments, bank accounts, overpayments, subsidies, the death
# report, notices, the transfer out): every staff role and the journey; a service point sees its
# own district's claims only (Principal.sees_district).
ClaimReader = Annotated[
    Principal,
    Depends(require_roles(
        Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR, Role.SYSTEM
    )),
]
# The fund's money (R-FUND-1): the ledger, its reports and the payroll runs.
FundReader = Annotated[Principal, Depends(require_roles(Role.FINANCE, Role.AUDITOR, Role.OPERATIONS))]
