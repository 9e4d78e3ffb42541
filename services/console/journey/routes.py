"""一条龙 journey view: the journey's query (with its 失业登记), then the claim's record, its
决定书 (R-NOTICE-1) and the job seeker's record in parallel: four service calls for the page."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceApi, ServiceError
from services.console.deps import Api, Now, SignedIn, is_htmx, render
from services.console.journey import corrections
from services.console.journey import notices as decision_notices
from services.console.journey.timeline import JourneyRecords, build

router = APIRouter(tags=["一条龙"])
router.include_router(decision_notices.router)
router.include_router(corrections.router)  # 自行纠错 (R-CORR-1)
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
    # The journey answers with its 失业登记; then one call per service for what hangs off the claim
    # and off the job seeker (each read in one snapshot there): three requests for the page.
    journey = await api.get("registration", f"/unemployment-registrations/{registration_id}/journey")
    records = JourneyRecords(journey=journey, registration=journey["registration"])
    claim_id, seeker_id = journey.get("claim_id"), journey.get("job_seeker_id")
    claim_record, notices, seeker_record = await asyncio.gather(
        _optional(api.get("benefits", f"/claims/{claim_id}/record"), None) if claim_id else _none(),
        _optional(api.get("benefits", f"/claims/{claim_id}/decision-notices"), None) if claim_id else _none(),
        _optional(api.get("employment", f"/job-seekers/{seeker_id}/record"), None) if seeker_id else _none(),
    )
    records.notices = notices or []
    if claim_record:
        records.claim = claim_record["claim"]
        records.payments = claim_record["payments"]
        records.subsidies = claim_record["subsidies"]
    if seeker_record:
        records.seeker = seeker_record["job_seeker"]
        records.guidance = seeker_record["guidance_sessions"]
        records.enrolments = seeker_record["enrolments"]
        records.referrals = seeker_record["referrals"]
        records.placement = seeker_record["placement"]
        records.reports = seeker_record["job_search_reports"]
    return records


async def _none() -> None:
    return None


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
                                      "registration_id": registration_id, "today": now.today}, session=session)
