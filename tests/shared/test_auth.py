import datetime as dt

import jwt
import pytest

from shared.clock import utc_now
from shared.auth import Principal, Role, TokenError, decode_token, issue_token
from shared.auth.cli import main as token_cli

SECRET = "s" * 40


def test_token_round_trip_carries_role_and_district() -> None:
    token = issue_token(secret=SECRET, issuer="uis", subject="sp-1", role=Role.SERVICE_POINT, district="430102")
    assert decode_token(token, secret=SECRET, issuer="uis") == Principal("sp-1", Role.SERVICE_POINT, "430102")


def test_expired_token_is_refused() -> None:
    past = utc_now() - dt.timedelta(hours=2)
    token = issue_token(
        secret=SECRET, issuer="uis", subject="x", role=Role.AUDITOR, ttl=dt.timedelta(hours=1), now=past
    )
    with pytest.raises(TokenError, match="ExpiredSignatureError"):
        decode_token(token, secret=SECRET, issuer="uis")


def test_token_signed_with_another_key_is_refused() -> None:
    token = issue_token(secret="o" * 40, issuer="uis", subject="x", role=Role.OPERATIONS)
    with pytest.raises(TokenError):
        decode_token(token, secret=SECRET, issuer="uis")


def test_unsigned_token_is_refused() -> None:
    token = jwt.encode({"sub": "x", "role": "operations"}, key=None, algorithm="none")
    with pytest.raises(TokenError):
        decode_token(token, secret=SECRET, issuer="uis")


def test_unknown_role_is_refused() -> None:
    now = utc_now()
    token = jwt.encode(
        {"sub": "x", "role": "admin", "iss": "uis", "aud": "uis-api", "iat": now, "exp": now + dt.timedelta(hours=1)},
        SECRET,
        algorithm="HS256",
    )
    with pytest.raises(TokenError, match="unknown role"):
        decode_token(token, secret=SECRET, issuer="uis")


def test_service_point_needs_a_district() -> None:
    with pytest.raises(TokenError):
        issue_token(secret=SECRET, issuer="uis", subject="x", role=Role.SERVICE_POINT)


def test_principal_district_scope() -> None:
    assert Principal("a", Role.SERVICE_POINT, "430102").sees_district("430102")
    assert not Principal("a", Role.SERVICE_POINT, "430102").sees_district("430103")
    assert Principal("b", Role.CASE_MANAGER).sees_district("430103")


def test_cli_prints_a_token_the_services_accept(capsys: pytest.CaptureFixture[str]) -> None:
    from shared.settings import CommonSettings

    assert token_cli(["--role", "service_point", "--district", "430102", "--sub", "芙蓉区服务点"]) == 0
    token = capsys.readouterr().out.strip()
    settings = CommonSettings()
    principal = decode_token(token, secret=settings.jwt_secret, issuer=settings.jwt_issuer)
    assert principal.role is Role.SERVICE_POINT and principal.district == "430102"


def test_cli_refuses_service_point_without_district(capsys: pytest.CaptureFixture[str]) -> None:
    assert token_cli(["--role", "service_point"]) == 2
