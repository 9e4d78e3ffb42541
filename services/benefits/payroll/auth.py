"""Who may run payroll, fetch bank files, import bank returns and re-issue payments (R-PAY-1;
readers: ``services.benefits.auth.FundReader``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.auth.deps import require_roles

PayrollOperator = Annotated[Principal, Depends(require_roles(Role.FINANCE))]
