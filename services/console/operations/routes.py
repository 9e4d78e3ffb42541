"""运行监控: the page is a frame of sections, each loaded and refreshed by htmx from its own
partial (every 15 s), so a service that is down blanks only its own section."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.console.deps import Api, Now, is_htmx, render, roles
from services.console.operations.sections import BY_KEY, SECTIONS, Reading, Temporal
from shared.auth.principal import Role

router = APIRouter(tags=["运行监控"])
Watcher = roles(Role.OPERATIONS, Role.AUDITOR, Role.CASE_MANAGER)
REFRESH_SECONDS = 15


def _temporal(request: Request) -> Temporal:
    settings = request.app.state.settings
    return Temporal(settings.temporal_ui_url.rstrip("/"), settings.temporal_namespace)


@router.get("/operations", response_class=HTMLResponse)
async def operations_page(request: Request, session: Watcher) -> HTMLResponse:
    return render(request, "operations/page.html", {
        "nav": "operations", "sections": SECTIONS, "temporal": _temporal(request), "refresh": REFRESH_SECONDS,
    }, session=session)


@router.get("/operations/sections/{key}", response_class=HTMLResponse)
async def operations_section(request: Request, key: str, session: Watcher, api: Api, now: Now) -> HTMLResponse:
    section = BY_KEY.get(key)
    if section is None:
        return render(request, "error.html", {"title": "未找到", "message": "没有这个监控项。"},
                      session=session, status_code=404)
    context = await section.load(Reading(api, now, _temporal(request)))
    context |= {"nav": "operations", "section": section, "now": now, "today": now.today}
    # htmx swaps the fragment into its section; opened directly (no script), the same on a page.
    template = f"operations/{key}.html" if is_htmx(request) else "operations/section_page.html"
    return render(request, template, context, session=session)
