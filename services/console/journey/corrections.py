"""自行纠错 (R-CORR-1) in the console: a claim's corrections with each month recomputed (old and new
amount, the difference, the arrears paid and the overpayment proposed), and the case manager's
form that prepares one with a reason. The benefits service answers 202 with the prepared
approval: a second case manager approves it on the 待复核 worklist (R-CTRL-1); the panel says so."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceError
from services.console.deps import Api, CsrfChecked, SignedIn, is_htmx, render
from services.console.labels import PAYMENT_KINDS

router = APIRouter(tags=["一条龙"])

APPROVAL_STATUS = {"prepared": "待复核", "approved": "已复核生效", "rejected": "复核退回", "withdrawn": "已撤回"}
SOURCES = {"agency": "自行纠错", "appeal": "复议/诉讼变更决定"}


@router.get("/claims/{claim_id}/corrections", response_class=HTMLResponse)
async def corrections_page(request: Request, claim_id: uuid.UUID, api: Api, session: SignedIn) -> HTMLResponse:
    claim = await api.get("benefits", f"/claims/{claim_id}")
    corrections = await api.get("benefits", f"/claims/{claim_id}/corrections")
    return render(request, "corrections/claim.html", {
        "nav": "persons", "claim": claim, "corrections": corrections, "kinds": PAYMENT_KINDS,
        "statuses": APPROVAL_STATUS, "sources": SOURCES,
        "correctable": claim["status"] in ("approved", "stopped"),
    }, session=session)


def correction_body(reason: str, monthly_amount: str, entitlement_months: str, benefit_start_date: str) -> dict[str, Any]:
    """The form as the service's request: the terms filled in, the reason required."""
    if not reason.strip():
        raise ServiceError(422, "reason_required", "自行纠错须填写理由", "reason")
    body: dict[str, Any] = {"reason": reason.strip()}
    if monthly_amount.strip():
        body["monthly_amount"] = monthly_amount.strip()
    if entitlement_months.strip():
        if not entitlement_months.strip().isascii() or not entitlement_months.strip().isdigit():
            raise ServiceError(422, "invalid_entitlement_months", "享受待遇月数须为整数", "entitlement_months")
        body["entitlement_months"] = int(entitlement_months.strip())
    if benefit_start_date.strip():
        body["benefit_start_date"] = benefit_start_date.strip()
    return body


@router.post("/claims/{claim_id}/corrections", response_class=HTMLResponse)
async def prepare_correction(
    request: Request, claim_id: uuid.UUID, api: Api, session: CsrfChecked,
    reason: Annotated[str, Form(max_length=500)] = "",
    monthly_amount: Annotated[str, Form(max_length=20)] = "",
    entitlement_months: Annotated[str, Form(max_length=4)] = "",
    benefit_start_date: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    body = correction_body(reason, monthly_amount, entitlement_months, benefit_start_date)
    approval = await api.post("benefits", f"/claims/{claim_id}/corrections", body)
    message = "已提交复核：须由另一名经办人员复核通过后生效（R-CTRL-1），生效后重新核算已发放月份并出具更正决定书。"
    template = "partials/decided.html" if is_htmx(request) else "decided.html"
    response = render(request, template, {"message": message, "link": f"/approvals/{approval['id']}",
                                          "link_text": "查看待复核事项"}, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response
