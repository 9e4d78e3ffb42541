"""The employment service's four-eyes routes (R-CTRL-1): /approvals and /policy/four-eyes, built
on the shared block with this service's kind and roles."""

from __future__ import annotations

from services.employment.approvals.auth import approval_decider, approval_reader, four_eyes_policy_writer
from services.employment.approvals.kinds import REGISTRY, approval_context
from shared.four_eyes_routes import approvals_router

router = approvals_router(
    REGISTRY,
    reader=approval_reader,
    decider=approval_decider,
    policy_writer=four_eyes_policy_writer,
    context=approval_context,
)
