"""JWT (HS256, PyJWT) carrying a role and, for service points, a 6-digit district code."""

from __future__ import annotations

import datetime as dt
import uuid

import jwt

from shared.auth.principal import Principal, Role
from shared.clock import utc_now
from shared.ids import DISTRICT_RE

AUDIENCE = "uis-api"
ALGORITHM = "HS256"


class TokenError(Exception):
    pass


def issue_token(
    *,
    secret: str,
    issuer: str,
    subject: str,
    role: Role,
    district: str | None = None,
    ttl: dt.timedelta = dt.timedelta(hours=8),
    now: dt.datetime | None = None,
) -> str:
    if role is Role.SERVICE_POINT and (district is None or not DISTRICT_RE.match(district)):
        raise TokenError("a service_point token needs a 6-digit district code")
    now = now or utc_now()
    claims = {
        "iss": issuer,
        "aud": AUDIENCE,
        "sub": subject,
        "role": role.value,
        "iat": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    }
    if district is not None:
        claims["district"] = district
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(token: str, *, secret: str, issuer: str) -> Principal:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=issuer,
            options={"require": ["exp", "iat", "sub", "role", "iss", "aud"]},
        )
    except jwt.PyJWTError as exc:
        raise TokenError(type(exc).__name__) from None
    try:
        role = Role(claims["role"])
    except ValueError:
        raise TokenError("unknown role") from None
    district = claims.get("district")
    if role is Role.SERVICE_POINT and (not isinstance(district, str) or not DISTRICT_RE.match(district)):
        raise TokenError("service_point token without a valid district")
    return Principal(subject=str(claims["sub"]), role=role, district=district)
