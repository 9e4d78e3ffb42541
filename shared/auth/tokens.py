"""JWT (PyJWT) carrying a role and, for service points, a 6-digit district code. Signed with the
process's private key (EdDSA, or ES256) and checked with the public key; HS256 only where a
shared secret is configured instead (shared/auth/keys.py)."""

from __future__ import annotations

import datetime as dt
import uuid

import jwt

from shared.auth.keys import TokenKeys
from shared.auth.principal import Principal, Role
from shared.clock import utc_now
from shared.ids import DISTRICT_RE

AUDIENCE = "uis-api"


class TokenError(Exception):
    pass


def issue_token(
    keys: TokenKeys,
    *,
    subject: str,
    role: Role,
    district: str | None = None,
    ttl: dt.timedelta = dt.timedelta(hours=8),
    now: dt.datetime | None = None,
) -> str:
    if not keys.can_sign:
        raise TokenError(
            "this process holds no signing key: set UIS_JWT_PRIVATE_KEY or UIS_JWT_PRIVATE_KEY_FILE"
        )
    if role is Role.SERVICE_POINT and (district is None or not DISTRICT_RE.match(district)):
        raise TokenError("a service_point token needs a 6-digit district code")
    now = now or utc_now()
    claims = {
        "iss": keys.issuer,
        "aud": AUDIENCE,
        "sub": subject,
        "role": role.value,
        "iat": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    }
    if district is not None:
        claims["district"] = district
    return jwt.encode(claims, keys.signing_key, algorithm=keys.algorithm)


def decode_token(token: str, keys: TokenKeys) -> Principal:
    try:
        claims = jwt.decode(
            token,
            keys.verification_key,
            # The one algorithm of the configured key: a token cannot choose (no "none", and no
            # HMAC keyed with the public key).
            algorithms=[keys.algorithm],
            audience=AUDIENCE,
            issuer=keys.issuer,
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
