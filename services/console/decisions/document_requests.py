"""一次性告知补正材料 on the claim-review page (R-RFI-1): the case manager ticks every missing
document (each with what exactly is missing) and sends them in one request; the benefits service
refuses a second one (一次性告知) and answers the supply deadline; the review clock (R-REV-1) is
paused until 材料已补齐 is recorded, which restarts its 10 days. The service decides who may
(a case manager asks; a service point of the claim's district may record the receipt)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from contracts.benefit_labels import DOCUMENT_KINDS
from services.console.api import ServiceError
from services.console.deps import Api, CsrfChecked, is_htmx, render
from services.console.format import china_day, china_time

router = APIRouter(tags=["决定"])


def _answer(request: Request, session: Any, message: str, claim_id: str) -> HTMLResponse:
    template = "partials/decided.html" if is_htmx(request) else "decided.html"
    context = {"message": message, "link": f"/claims/{claim_id}/review", "link_text": "刷新审核页面"}
    response = render(request, template, context, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response


def requested_documents(kinds: list[str], form: dict[str, str]) -> list[dict[str, str]]:
    """The ticked kinds in the page's order, each with its description (the kind's name when left
    empty); unknown kinds and over-long descriptions are the service's to refuse."""
    documents = []
    for kind in dict.fromkeys(kinds):
        description = (form.get(f"description_{kind}") or "").strip() or DOCUMENT_KINDS.get(kind, kind)
        documents.append({"kind": kind, "description": description})
    return documents


@router.post("/claims/{claim_id}/document-requests", response_class=HTMLResponse)
async def request_documents(
    request: Request, claim_id: str, api: Api, session: CsrfChecked,
    kinds: Annotated[list[str] | None, Form()] = None,
) -> HTMLResponse:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    documents = requested_documents(kinds or [], form)
    if not documents:
        raise ServiceError(422, "documents_required", "请勾选需要补正的全部材料（一次性告知）", "kinds")
    answer = await api.post("benefits", f"/claims/{claim_id}/document-requests", {"documents": documents})
    message = (f"已一次性告知补正材料 {len(answer['documents'])} 项，补正期限至 {china_day(answer['due_on'])}；"
               "审核期限暂停计算，收到齐全材料后重新计算 10 日。告知书已生成。")
    return _answer(request, session, message, claim_id)


@router.post("/claims/{claim_id}/document-requests/{request_id}/receipt", response_class=HTMLResponse)
async def record_receipt(request: Request, claim_id: str, request_id: str, api: Api, session: CsrfChecked) -> HTMLResponse:
    answer = await api.post("benefits", f"/claims/{claim_id}/document-requests/{request_id}/receipt", {})
    message = (f"已登记材料补齐（{china_time(answer['received_at'])}）。审核期限至 {china_day(answer['review_due_at'])}"
               "（自收到齐全材料之日起 10 日，R-REV-1）。")
    return _answer(request, session, message, claim_id)
