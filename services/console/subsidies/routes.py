"""不予发放补贴 in the console (R-SUB-1, R-NOTICE-1): the subsidies refused on their merits, newest
first, a page at a time, for finance and case managers; each links to the person's 一条龙 page
(where its 决定书 is listed with its delivery) and, for a case manager, to the notice's PDF. The
benefits service scopes the list (a service point's own district)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.console.deps import Api, render, roles
from shared.auth.principal import Role

router = APIRouter(tags=["补贴"])
RefusalReader = roles(Role.FINANCE, Role.CASE_MANAGER)
PAGE = 50


@router.get("/subsidy-refusals", response_class=HTMLResponse)
async def refusals_page(
    request: Request, session: RefusalReader, api: Api,
    district: Annotated[str, Query(max_length=6, pattern=r"^([1-8][0-9]{5})?$")] = "",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    # One more than the page: whether there is a next page, without a count.
    rows = await api.get("benefits", "/subsidy-refusals", district=district or None, limit=PAGE + 1, offset=offset)
    return render(request, "subsidies/refusals.html", {
        "nav": "subsidies", "refusals": rows[:PAGE], "district": district, "offset": offset, "page": PAGE,
        "more": len(rows) > PAGE,
    }, session=session)
