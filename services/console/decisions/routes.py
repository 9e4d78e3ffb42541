"""Decisions in the console: claims, stop proposals, overpayments, audit items, employer
registrations. Each form posts to the service with the person's token; the answer (or the
service's Chinese refusal) replaces the form's panel without a full reload (htmx)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceError, attempt
from services.console.approvals.prepared import post_decision, waiting_panel
from services.console.decisions import document_requests, employer_notices
from services.console.decisions.claims import decided_computation, document_request, open_approval, preview_computation
from services.console.deps import Api, CsrfChecked, Now, SignedIn, is_htmx, render

router = APIRouter(tags=["决定"])
router.include_router(employer_notices.router)  # 单位决定书 (R-NOTICE-1)
router.include_router(document_requests.router)  # 一次性告知补正材料 (R-RFI-1)


def _done(request: Request, session: Any, message: str, *, link: str | None = None, link_text: str = "") -> HTMLResponse:
    template = "partials/decided.html" if is_htmx(request) else "decided.html"
    response = render(request, template, {"message": message, "link": link, "link_text": link_text}, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response


def _one_of(items: list[dict[str, Any]], item_id: str, missing: ServiceError) -> dict[str, Any]:
    """One line of a list the service answers (it has no read of a single overpayment or audit
    item): the list it lets this person see, so another district's item is not there either."""
    item = next((i for i in items if i["id"] == item_id), None)
    if item is None:
        raise missing
    return item


@router.get("/claims/{claim_id}/review", response_class=HTMLResponse)
async def claim_review(request: Request, claim_id: str, api: Api, now: Now, session: SignedIn) -> HTMLResponse:
    claim = await api.get("benefits", f"/claims/{claim_id}")
    registration_call = api.get_or_none("registration", f"/unemployment-registrations/{claim['registration_id']}")
    if claim["status"] == "pending_review":
        registration, computation, waiting, documents = await asyncio.gather(
            registration_call, preview_computation(api, claim), open_approval(api, claim_id),
            document_request(api, claim_id))
    else:
        registration, computation, waiting = await registration_call, decided_computation(claim), None
        documents = await document_request(api, claim_id)
    return render(request, "decisions/claim.html", {
        "nav": "home", "claim": claim, "registration": registration, "computation": computation, "today": now.today,
        "waiting": waiting, "documents": documents,
    }, session=session)


@router.post("/claims/{claim_id}/decision", response_class=HTMLResponse)
async def decide_claim(
    request: Request, claim_id: str, api: Api, session: CsrfChecked,
    decision: Annotated[str, Form()], reason: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    approved = decision == "approve"
    if not approved and not reason.strip():
        raise ServiceError(422, "reason_required", "不予核准须填写理由", "reason")
    body: dict[str, Any] = {"approved": approved}
    if reason.strip():
        body["reason"] = reason.strip()
    answer = await post_decision(api, "benefits", f"/claims/{claim_id}/decision", body)
    if answer.prepared:  # R-CTRL-1: an approval waits for a second case manager
        return waiting_panel(request, session, "benefits", answer.body)
    claim = answer.body
    message = (f"已核准：领取 {claim['entitlement_months']} 个月。第 1 个月将由系统发放。" if approved
               else "已作出不予核准的决定，将向申请人送达决定书。")
    return _done(request, session, message, link=f"/journeys/{claim['registration_id']}", link_text="查看一条龙服务进度")


@router.get("/stop-proposals/{proposal_id}", response_class=HTMLResponse)
async def stop_proposal(request: Request, proposal_id: str, api: Api, session: SignedIn) -> HTMLResponse:
    proposal = await api.get("employment", f"/stop-proposals/{proposal_id}")
    return render(request, "decisions/stop_proposal.html", {"nav": "home", "proposal": proposal}, session=session)


@router.post("/stop-proposals/{proposal_id}/decision", response_class=HTMLResponse)
async def decide_stop(
    request: Request, proposal_id: str, api: Api, session: CsrfChecked,
    decision: Annotated[str, Form()], note: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    accepted = decision == "accept"
    answer = await post_decision(api, "employment", f"/stop-proposals/{proposal_id}/decision",
                                 {"accepted": accepted, "note": note.strip()})
    if answer.prepared:  # R-CTRL-1: accepting the stop waits for a second case manager
        return waiting_panel(request, session, "employment", answer.body)
    return _done(request, session, "已确认停发：系统将停止发放失业保险金。" if accepted else "已驳回停发建议，继续发放。")


@router.get("/claims/{claim_id}/overpayments/{overpayment_id}", response_class=HTMLResponse)
async def overpayment(request: Request, claim_id: str, overpayment_id: str, api: Api, session: SignedIn) -> HTMLResponse:
    items = await api.get("benefits", f"/claims/{claim_id}/overpayments")
    item = _one_of(items, overpayment_id, ServiceError(404, "overpayment_not_found", "未找到该多发待遇记录"))
    return render(request, "decisions/overpayment.html", {"nav": "home", "item": item}, session=session)


@router.post("/claims/{claim_id}/overpayments/{overpayment_id}/decision", response_class=HTMLResponse)
async def decide_overpayment(
    request: Request, claim_id: str, overpayment_id: str, api: Api, session: CsrfChecked,
    outcome: Annotated[str, Form()], note: Annotated[str, Form(max_length=500)] = "",
    fraud_fine_amount: Annotated[str, Form(max_length=20)] = "",
) -> HTMLResponse:
    body: dict[str, Any] = {"outcome": outcome, "note": note.strip()}
    if fraud_fine_amount.strip():
        body["fraud_fine_amount"] = fraud_fine_amount.strip()
    answer = await post_decision(api, "benefits", f"/claims/{claim_id}/overpayments/{overpayment_id}/decision", body)
    if answer.prepared:  # R-CTRL-1: recovering, waiving or fining waits for a second case manager
        return waiting_panel(request, session, "benefits", answer.body)
    return _done(request, session, "已决定追回多发待遇。" if outcome == "recover" else "已决定免于追回。")


@router.get("/audit/review-items/{item_id}", response_class=HTMLResponse)
async def audit_item(request: Request, item_id: str, api: Api, session: SignedIn) -> HTMLResponse:
    items = await api.get("benefits", "/audit/review-items")
    item = _one_of(items, item_id, ServiceError(404, "review_item_not_found", "未找到该稽核疑点"))
    return render(request, "decisions/audit_item.html", {"nav": "home", "item": item}, session=session)


@router.post("/audit/review-items/{item_id}/decision", response_class=HTMLResponse)
async def decide_audit_item(
    request: Request, item_id: str, api: Api, session: CsrfChecked,
    outcome: Annotated[str, Form()], note: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    await api.post("benefits", f"/audit/review-items/{item_id}/decision", {"outcome": outcome, "note": note.strip()})
    return _done(request, session, "已确认疑点：将核定多发待遇。" if outcome == "confirmed" else "已排除疑点。")


@router.get("/employers/{employer_id}", response_class=HTMLResponse)
async def employer(request: Request, employer_id: str, api: Api, now: Now, session: SignedIn) -> HTMLResponse:
    # The employer and its 决定书 (R-NOTICE-1) together; a role that may not read the notices sees why.
    record, (notices, notices_error) = await asyncio.gather(
        api.get("registration", f"/employers/{employer_id}"),
        attempt(api.get("registration", f"/employers/{employer_id}/decision-notices")),
    )
    return render(request, "decisions/employer.html", {
        "nav": "home", "employer": record, "today": now.today, "notices": notices or [], "notices_error": notices_error,
    }, session=session)


@router.post("/employers/{employer_id}/acceptance", response_class=HTMLResponse)
async def accept_employer(request: Request, employer_id: str, api: Api, session: CsrfChecked) -> HTMLResponse:
    await api.call("registration", "POST", f"/employers/{employer_id}/acceptance")
    return _done(request, session, "已受理登记申请，审核期限开始计算。", link=f"/employers/{employer_id}", link_text="刷新")


@router.post("/employers/{employer_id}/decision", response_class=HTMLResponse)
async def decide_employer(
    request: Request, employer_id: str, api: Api, session: CsrfChecked,
    decision: Annotated[str, Form()], reasons: Annotated[str, Form(max_length=1000)] = "",
) -> HTMLResponse:
    approved = decision == "approve"
    lines = [line.strip() for line in reasons.splitlines() if line.strip()]
    await api.post("registration", f"/employers/{employer_id}/decision", {"approved": approved, "reasons": lines})
    return _done(request, session, "已准予登记，发放登记证。" if approved else "已作出不予登记的决定。")
