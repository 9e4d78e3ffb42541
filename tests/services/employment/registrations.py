"""A stand-in for the registration service's `GET /unemployment-registrations/{id}`, as the
employment service calls it (with the caller's token): it knows the registrations the factories
made, and answers a service point of another district 404, as the real service does. The real
service stands behind it in the harness (tests/journeys) and the end-to-end tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
from fastapi import Request

from services.employment.registrations import RegistrationRecords

KNOWN: dict[str, dict[str, Any]] = {}


def known_registration(registration_id: str, person_id: str, district: str, status: str = "open") -> None:
    KNOWN[registration_id] = {"id": registration_id, "person_id": person_id, "district": district, "status": status}


def _answer(request: httpx.Request) -> httpx.Response:
    registration_id = request.url.path.rsplit("/", 1)[1]
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    try:
        # Who is asking (the real service verifies the signature; this one only reads the claims).
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return httpx.Response(401, json={"code": "unauthorized", "message": "", "field": None})
    registration = KNOWN.get(registration_id)
    foreign = claims.get("role") == "service_point" and registration and registration["district"] != claims.get("district")
    if registration is None or foreign:
        return httpx.Response(404, json={"code": "registration_not_found", "message": "", "field": "registration_id"})
    return httpx.Response(200, json=registration)


async def fake_registration_records(request: Request) -> AsyncIterator[RegistrationRecords]:
    async with httpx.AsyncClient(transport=httpx.MockTransport(_answer), base_url="http://registration") as http:
        yield RegistrationRecords(http, request.headers.get("authorization", ""))
