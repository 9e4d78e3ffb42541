"""Bearer-token authentication and role/district authorisation for every API."""

from shared.auth.principal import Principal, Role
from shared.auth.tokens import TokenError, decode_token, issue_token

__all__ = ["Principal", "Role", "TokenError", "decode_token", "issue_token"]
