"""FastAPI dependencies: ``require_roles(...)`` authenticates and authorises a request."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.auth.principal import Principal, Role
from shared.auth.tokens import TokenError, decode_token
from shared.errors import Forbidden, Unauthorized

_bearer = HTTPBearer(auto_error=False, description="JWT issued by `uis-token`")


async def current_principal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized()
    try:
        # The service's verification key only (shared/app.py).
        return decode_token(credentials.credentials, request.app.state.token_keys)
    except TokenError:
        raise Unauthorized("invalid_token", "访问令牌无效或已过期") from None


def require_roles(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    allowed = frozenset(roles)

    async def dependency(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role not in allowed:
            raise Forbidden()
        return principal

    return dependency
