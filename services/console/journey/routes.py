"""一条龙 journey view: the journey's query and the services' records, in two rounds of parallel
calls (what the journey names, then what hangs off the claim and the job seeker)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceApi, ServiceError
from services.console.deps import Api, Now, SignedIn, is_htmx, render
from services.console.journey.timeline import JourneyRecords, build

router = APIRouter(tags=["一条龙"])
T = TypeVar("T")


async def _optional(call: Awaitable[T], empty: T) -> T:
    """What this role may not see, or what is not there yet, is left out of the view."""
    try:
        return await call
    except ServiceError as exc:
        if exc.status in (403, 404):
            return empty
        raise


async def load_records(api: ServiceApi, registration_id: str) -> JourneyRecords:
    journey, registration = await asyncio.gather(
        api.get("registration", f"/unemployment-registrations/{registration_id}/journey"),
        api.get("registration", f"/unemployment-registrations/{registration_id}"),
    )
    records = JourneyRecords(journey=journey, registration=registration)
    calls: dict[str, Awaitable[Any]] = {}
    if claim_id := journey.get("claim_id"):
        calls |= {
            "claim": _optional(api.get("benefits", f"/claims/{claim_id}"), None),
            "payments": _optional(api.get("benefits", f"/claims/{claim_id}/payments"), []),
            "subsidies": _optional(api.get("benefits", f"/claims/{claim_id}/subsidies"), []),
        }
    if seeker_id := journey.get("job_seeker_id"):
        base = f"/job-seekers/{seeker_id}"
        calls |= {
            "seeker": _optional(api.get("employment", base), None),
            "guidance": _optional(api.get("employment", f"{base}/guidance-sessions"), []),
            "enrolments": _optional(api.get("employment", f"{base}/enrolments"), []),
            "referrals": _optional(api.get("employment", f"{base}/referrals"), []),
            "placement": _optional(api.get("employment", f"{base}/placement"), None),
            "reports": _optional(api.get("employment", f"{base}/job-search-reports"), []),
        }
    for name, value in zip(calls, await asyncio.gather(*calls.values()), strict=True):
        setattr(records, name, value)
    return records


@router.get("/journeys/{registration_id}", response_class=HTMLResponse)
async def journey_page(request: Request, registration_id: str, api: Api, now: Now, session: SignedIn) -> HTMLResponse:
    try:
        records = await load_records(api, registration_id)
    except ServiceError as exc:
        if exc.not_found or exc.forbidden:
            return render(request, "error.html", {"title": "未找到", "message": "未找到该失业登记，或不在您的辖区。"},
                          session=session, status_code=404)
        raise
    view = build(records, now.today)
    template = "partials/journey_body.html" if is_htmx(request) else "journey.html"
    return render(request, template, {"nav": "persons", "records": records, "view": view,
                                      "registration_id": registration_id}, session=session)
