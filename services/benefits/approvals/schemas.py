"""The benefits approvals' shapes: the shared approval and policy schemas (one copy,
shared/four_eyes_schemas.py), and how a bank account change's payload is shown (masked)."""

from __future__ import annotations

from typing import Any

from services.benefits.bank_accounts.schemas import mask_account, mask_holder_name
from shared.four_eyes_schemas import ApprovalRead, DecisionKind, FourEyesPolicyCreate, FourEyesPolicyRead

__all__ = ["ApprovalRead", "DecisionKind", "FourEyesPolicyCreate", "FourEyesPolicyRead", "masked_account"]


def masked_account(payload: dict[str, Any]) -> dict[str, Any]:
    """A bank account change as answered and shown: masked as the bank_accounts module masks."""
    shown = {k: v for k, v in payload.items() if k not in ("account_number", "account_name")}
    if "account_number" in payload:
        shown["account_number_masked"] = mask_account(payload["account_number"])
    if "account_name" in payload:
        shown["account_name_masked"] = mask_holder_name(payload["account_name"])
    return shown
