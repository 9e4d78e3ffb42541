"""The registration approvals' shapes are the shared ones (shared/four_eyes_schemas.py)."""

from __future__ import annotations

from shared.four_eyes_schemas import ApprovalRead, DecisionKind, FourEyesPolicyCreate, FourEyesPolicyRead

__all__ = ["ApprovalRead", "DecisionKind", "FourEyesPolicyCreate", "FourEyesPolicyRead"]
