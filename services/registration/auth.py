"""Role groups several registration domains share; each domain's ``auth.py`` builds its
``Annotated`` role aliases from them (``require_roles`` ignores the order of the roles)."""

from __future__ import annotations

from shared.auth import Role

# The desks that take people's and employers' forms: service points and case managers.
DESK: tuple[Role, ...] = (Role.SERVICE_POINT, Role.CASE_MANAGER)
# The agency's staff who read registration files (finance reads the money side, below).
STAFF: tuple[Role, ...] = (*DESK, Role.OPERATIONS, Role.AUDITOR)
# Staff, and the journey's worker calling on its behalf.
STAFF_AND_SYSTEM: tuple[Role, ...] = (*STAFF, Role.SYSTEM)
# Staff and finance: whoever reads contributions, payments and employers' accounts.
STAFF_AND_FINANCE: tuple[Role, ...] = (*STAFF, Role.FINANCE)
# Every role, the worker included.
EVERY_ROLE: tuple[Role, ...] = (*STAFF_AND_FINANCE, Role.SYSTEM)
