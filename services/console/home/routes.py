from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.console.deps import Api, Now, NotPermitted, SignedIn, is_htmx, render
from services.console.home.worklists import BY_KEY, fill, for_role

router = APIRouter(tags=["工作台"])


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, session: SignedIn) -> HTMLResponse:
    worklists = for_role(session.staff.role)
    return render(request, "home.html", {"nav": "home", "worklists": worklists}, session=session)


@router.get("/worklists/{key}", response_class=HTMLResponse)
async def worklist(request: Request, key: str, session: SignedIn, api: Api, now: Now) -> HTMLResponse:
    definition = BY_KEY.get(key)
    if definition is None or session.staff.role not in definition.roles:
        raise NotPermitted
    filled = await fill(api, definition, now.today)
    template = "partials/worklist.html" if is_htmx(request) else "worklist.html"
    return render(request, template, {"nav": "home", "filled": filled, "worklist": definition,
                                      "compact": is_htmx(request)}, session=session)


@router.get("/job-seekers/{job_seeker_id}")
async def job_seeker(job_seeker_id: str, api: Api) -> RedirectResponse:
    """From an employment-service line to the person's journey."""
    seeker = await api.get("employment", f"/job-seekers/{job_seeker_id}")
    return RedirectResponse(f"/journeys/{seeker['registration_id']}", status_code=303)
