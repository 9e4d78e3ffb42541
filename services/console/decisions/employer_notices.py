"""单位决定书 on the employer page (R-NOTICE-1): a contribution assessment, a settlement with its
late fees and a fine, each with its delivery (or the form that records it) and the PDF passed
through byte for byte. The registration service decides who may (roles of the contribution routes,
a service point its own district's employers) and answers with the appeal deadlines the delivery
starts (R-APPEAL-1)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from services.console.deps import Api, CsrfChecked, SignedIn, is_htmx, render

router = APIRouter(tags=["决定"])


@router.get("/employer-decision-notices/{notice_id}.pdf")
async def employer_notice_pdf(notice_id: uuid.UUID, session: SignedIn, api: Api) -> Response:
    """The service's PDF as issued (its SHA-256 is in the list); the console neither logs nor keeps it."""
    answer = await api.call("registration", "GET", f"/employer-decision-notices/{notice_id}.pdf")
    disposition = (answer.headers.get("content-disposition")
                   or f'attachment; filename="employer-decision-notice-{notice_id}.pdf"')
    return Response(answer.content, media_type="application/pdf", headers={"Content-Disposition": disposition})


@router.post("/employer-decision-notices/{notice_id}/delivery", response_class=HTMLResponse)
async def record_employer_notice_delivery(
    request: Request, notice_id: uuid.UUID, api: Api, session: CsrfChecked,
    channel: Annotated[str, Form(max_length=20)], delivered_on: Annotated[str, Form(max_length=10)],
) -> HTMLResponse:
    notice = await api.post("registration", f"/employer-decision-notices/{notice_id}/delivery",
                            {"channel": channel.strip(), "delivered_on": delivered_on.strip()})
    if is_htmx(request):
        return render(request, "partials/notice_delivery.html", {"n": notice}, session=session)
    message = f"已登记送达。申请行政复议期限至 {notice['appeal_deadline']}，提起行政诉讼期限至 {notice['litigation_deadline']}。"
    return render(request, "decided.html", {"message": message, "link": f"/employers/{notice['employer_id']}",
                                            "link_text": "返回单位"}, session=session)
