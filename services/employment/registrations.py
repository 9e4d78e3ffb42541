"""The registration service over HTTP, asked as the caller (their own bearer token): is this
失业登记 real, open, and theirs to act on? A service point of another district gets the
registration service's 404, exactly as for one that does not exist."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
from fastapi import Depends, Request

from services.employment.deps import Settings
from shared.errors import Conflict, DomainError, InvalidInput, NotFound

UNAVAILABLE = DomainError(
    "registration_service_unavailable", "登记服务暂时不可用, 请稍后重试", status_code=503
)


class RegistrationRecords:
    def __init__(self, http: httpx.AsyncClient, authorization: str) -> None:
        self._http = http
        self._authorization = authorization

    async def get(self, registration_id: uuid.UUID) -> dict[str, Any] | None:
        try:
            response = await self._http.get(
                f"/unemployment-registrations/{registration_id}", headers={"Authorization": self._authorization}
            )
        except httpx.HTTPError:
            raise UNAVAILABLE from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise UNAVAILABLE
        return response.json()

    async def check_open(self, registration_id: uuid.UUID, person_id: uuid.UUID, district: str) -> dict[str, Any]:
        """The registration the request names, refused unless it is open and is the person's, in
        the district given (R-UREG-1, R-SPELL-1)."""
        registration = await self.get(registration_id)
        if registration is None:
            raise NotFound("registration_not_found", "未找到该失业登记", "registration_id")
        if registration["person_id"] != str(person_id):
            raise InvalidInput("registration_mismatch", "该失业登记不是所填人员的", "person_id")
        if registration["district"] != district:
            raise InvalidInput("registration_mismatch", "该失业登记不属于所填辖区", "district")
        if registration["status"] != "open":
            raise Conflict("registration_closed", "该失业登记已注销, 不能办理此业务", "registration_id")
        return registration


async def registration_records(request: Request, settings: Settings) -> AsyncIterator[RegistrationRecords]:
    """FastAPI dependency; tests and the harness replace it (``app.dependency_overrides``)."""
    async with httpx.AsyncClient(base_url=settings.registration_url, timeout=5) as http:
        yield RegistrationRecords(http, request.headers.get("authorization", ""))


Registrations = Annotated[RegistrationRecords, Depends(registration_records)]
