"""Every service's /docs and OpenAPI document answer without a token (what `make run` prints)."""

from __future__ import annotations

import httpx
import pytest

from services.benefits.main import create_app as benefits_app
from services.employment.main import create_app as employment_app
from services.registration.main import create_app as registration_app


@pytest.mark.parametrize("create_app", [registration_app, benefits_app, employment_app])
async def test_docs_and_openapi_are_served(create_app) -> None:  # noqa: ANN001
    app = create_app()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        docs = await client.get("/docs")
        spec = await client.get("/openapi.json")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/health" in paths and "/operations/outbox" in paths
    # Every other operation requires the bearer token.
    secured = [op for path, ops in paths.items() if not path.startswith("/health") for op in ops.values()]
    assert secured and all(op.get("security") for op in secured)
