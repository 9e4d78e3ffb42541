"""Who may read, check and set the four-eyes control (R-CTRL-1) of the benefits decisions; each
kind's own approving role is in ``kinds.py`` (shared/four_eyes.py refuses the others)."""

from __future__ import annotations

from shared.auth import Role
from shared.auth.deps import require_roles

# Every staff role sees the worklist (a service point its own district's: it prepares account
# changes there).
approval_reader = require_roles(
    Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.FINANCE, Role.AUDITOR
)
# The union of the kinds' approving roles: case managers (claims, stops, overpayments, accounts)
# and finance (a payroll run's release).
approval_decider = require_roles(Role.CASE_MANAGER, Role.FINANCE)
# As the other benefit policy families (services/benefits/policy/auth.py).
four_eyes_policy_writer = require_roles(Role.OPERATIONS, Role.FINANCE)
