"""The role groups the employment service's domains share; each domain's ``auth.py`` names its
aliases for what they allow (a service point sees its own district's people only, which the
services check, not the roles)."""

from __future__ import annotations

from shared.auth import Role

# Everyone who may read a job seeker's records: every staff role, and the system role (the
# journey and the online channel's back end).
READERS = (Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.SYSTEM)
# Staff only: work lists and figures for people, not for the journey.
STAFF = (Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR)
# The desk: who serves the job seeker in person.
DESK = (Role.SERVICE_POINT, Role.CASE_MANAGER)
