"""Who may read, check and set the four-eyes control (R-CTRL-1) of the employment service's
decision: the acceptance of a refusal stop proposal (R-STOP-1)."""

from __future__ import annotations

from services.employment.auth import STAFF
from shared.auth import Role
from shared.auth.deps import require_roles

approval_reader = require_roles(*STAFF)
# A stop proposal is accepted by a case manager and checked by another (kinds.py).
approval_decider = require_roles(Role.CASE_MANAGER)
# As the other policy families (operations).
four_eyes_policy_writer = require_roles(Role.OPERATIONS)
