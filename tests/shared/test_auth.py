import datetime as dt

import jwt
import pytest

from shared.clock import utc_now
from shared.auth import Principal, Role, TokenError, decode_token, issue_token
from shared.auth.cli import main as token_cli
from shared.auth.keys import TokenKeys, generate_key_pair

_PRIVATE, _PUBLIC = generate_key_pair()
KEYS = TokenKeys.from_pem("uis", private_pem=_PRIVATE, public_pem=_PUBLIC)


def test_token_round_trip_carries_role_and_district() -> None:
    token = issue_token(KEYS, subject="sp-1", role=Role.SERVICE_POINT, district="430102")
    assert decode_token(token, KEYS) == Principal("sp-1", Role.SERVICE_POINT, "430102")


def test_expired_token_is_refused() -> None:
    past = utc_now() - dt.timedelta(hours=2)
    token = issue_token(KEYS, subject="x", role=Role.AUDITOR, ttl=dt.timedelta(hours=1), now=past)
    with pytest.raises(TokenError, match="ExpiredSignatureError"):
        decode_token(token, KEYS)


def test_token_signed_with_another_key_is_refused() -> None:
    other_private, other_public = generate_key_pair()
    other = TokenKeys.from_pem("uis", private_pem=other_private, public_pem=other_public)
    token = issue_token(other, subject="x", role=Role.OPERATIONS)
    with pytest.raises(TokenError):
        decode_token(token, KEYS)


def test_token_of_another_issuer_is_refused() -> None:
    token = issue_token(TokenKeys.from_pem("elsewhere", private_pem=_PRIVATE), subject="x", role=Role.OPERATIONS)
    with pytest.raises(TokenError):
        decode_token(token, KEYS)


def test_unsigned_token_is_refused() -> None:
    token = jwt.encode({"sub": "x", "role": "operations"}, key=None, algorithm="none")
    with pytest.raises(TokenError):
        decode_token(token, KEYS)


def test_unknown_role_is_refused() -> None:
    now = utc_now()
    token = jwt.encode(
        {"sub": "x", "role": "admin", "iss": "uis", "aud": "uis-api", "iat": now, "exp": now + dt.timedelta(hours=1)},
        KEYS.signing_key,
        algorithm=KEYS.algorithm,
    )
    with pytest.raises(TokenError, match="unknown role"):
        decode_token(token, KEYS)


def test_service_point_needs_a_district() -> None:
    with pytest.raises(TokenError):
        issue_token(KEYS, subject="x", role=Role.SERVICE_POINT)


def test_principal_district_scope() -> None:
    assert Principal("a", Role.SERVICE_POINT, "430102").sees_district("430102")
    assert not Principal("a", Role.SERVICE_POINT, "430102").sees_district("430103")
    assert Principal("b", Role.CASE_MANAGER).sees_district("430103")


def test_cli_prints_a_token_the_services_accept(capsys: pytest.CaptureFixture[str]) -> None:
    from services.registration.settings import RegistrationSettings

    assert token_cli(["--role", "service_point", "--district", "430102", "--sub", "芙蓉区服务点"]) == 0
    token = capsys.readouterr().out.strip()
    # The service holds the verification key only.
    principal = decode_token(token, RegistrationSettings().token_keys().verify_only())
    assert principal.role is Role.SERVICE_POINT and principal.district == "430102"


def test_cli_refuses_service_point_without_district(capsys: pytest.CaptureFixture[str]) -> None:
    assert token_cli(["--role", "service_point"]) == 2
