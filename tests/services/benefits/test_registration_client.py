"""The audit cross-match asks the registration service with the caller's own token: the benefits
service holds the public key only and mints no token (issue 9, item 4.2)."""

from __future__ import annotations

from types import SimpleNamespace

from starlette.requests import Request

from services.benefits.audit.registration_client import registration_client
from services.benefits.settings import BenefitsSettings
from tests.factories import token


async def test_the_callers_token_is_forwarded() -> None:
    caller = token("operations")
    app = SimpleNamespace(state=SimpleNamespace(settings=BenefitsSettings(outbox_relay=False)))
    request = Request(
        {"type": "http", "app": app, "headers": [(b"authorization", f"Bearer {caller}".encode())]}
    )
    async for client in registration_client(request):
        assert client._token == caller
