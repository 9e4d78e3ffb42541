"""决定书 on the journey page (R-NOTICE-1): the PDF passed through byte for byte, and the delivery
recorded at the desk (the benefits service decides who may, and answers with the appeal deadlines
the delivery starts, R-APPEAL-1)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from services.console.deps import Api, CsrfChecked, SignedIn, is_htmx, render

router = APIRouter(tags=["一条龙"])


@router.get("/decision-notices/{notice_id}.pdf")
async def notice_pdf(notice_id: uuid.UUID, session: SignedIn, api: Api) -> Response:
    """The service's PDF as issued (its SHA-256 is in the list); the console neither logs nor keeps it."""
    answer = await api.call("benefits", "GET", f"/decision-notices/{notice_id}.pdf")
    disposition = answer.headers.get("content-disposition") or f'attachment; filename="decision-notice-{notice_id}.pdf"'
    return Response(answer.content, media_type="application/pdf", headers={"Content-Disposition": disposition})


@router.post("/decision-notices/{notice_id}/delivery", response_class=HTMLResponse)
async def record_delivery(
    request: Request, notice_id: uuid.UUID, api: Api, session: CsrfChecked,
    channel: Annotated[str, Form(max_length=20)], delivered_on: Annotated[str, Form(max_length=10)],
) -> HTMLResponse:
    notice = await api.post("benefits", f"/decision-notices/{notice_id}/delivery",
                            {"channel": channel.strip(), "delivered_on": delivered_on.strip()})
    if is_htmx(request):
        return render(request, "partials/notice_delivery.html", {"n": notice}, session=session)
    message = f"已登记送达。申请行政复议期限至 {notice['appeal_deadline']}，提起行政诉讼期限至 {notice['litigation_deadline']}。"
    return render(request, "decided.html", {"message": message, "link": None, "link_text": ""}, session=session)
