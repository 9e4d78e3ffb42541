"""The registration service over HTTP: a person's insurance history (contract item 3). The
benefits service calls it with the caller's own bearer token (operations, or the worker's
``system``): a service holds no signing key (issue 9). Only internal IDs travel."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
from fastapi import Depends, Request

from services.benefits.settings import BenefitsSettings
from shared.deps import service_settings


class RegistrationUnavailable(Exception):
    pass


class RegistrationClient:
    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http = http
        self._token = token

    async def insurance_history(self, person_id: uuid.UUID, as_of: dt.date) -> dict[str, Any] | None:
        """The history, or None for a person the registration service does not know."""
        return await self._get(f"/persons/{person_id}/insurance-history", {"as_of": as_of.isoformat()})

    async def employments(self, person_id: uuid.UUID) -> list[dict[str, Any]] | None:
        """The person's insured employments across employers (参保就业登记), or None if unknown."""
        return await self._get(f"/persons/{person_id}/employments", None)

    async def _get(self, path: str, params: dict[str, str] | None) -> Any:
        try:
            response = await self._http.get(
                path, params=params, headers={"Authorization": f"Bearer {self._token}"}
            )
        except httpx.HTTPError as error:
            raise RegistrationUnavailable(type(error).__name__) from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise RegistrationUnavailable(str(response.status_code))
        return response.json()


async def registration_client(request: Request) -> AsyncIterator[RegistrationClient]:
    """FastAPI dependency, one HTTP client per run; tests replace it (``app.dependency_overrides``).
    The route has authenticated the caller already, so the header holds a valid bearer token."""
    settings: BenefitsSettings = service_settings(request)
    token = request.headers["authorization"].partition(" ")[2]
    async with httpx.AsyncClient(base_url=settings.registration_url, timeout=10) as http:
        yield RegistrationClient(http, token)


Registration = Annotated[RegistrationClient, Depends(registration_client)]
