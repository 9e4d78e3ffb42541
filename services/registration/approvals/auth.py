"""Who may read, check and set the four-eyes control (R-CTRL-1) of the registration decisions."""

from __future__ import annotations

from services.registration.auth import STAFF
from shared.auth import Role
from shared.auth.deps import require_roles

approval_reader = require_roles(*STAFF)
# A USCC override is a case manager's, checked by another case manager.
approval_decider = require_roles(Role.CASE_MANAGER)
# As the employer-registration policy rows (services/registration/employers/policies/auth.py).
four_eyes_policy_writer = require_roles(Role.OPERATIONS)
