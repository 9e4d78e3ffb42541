"""行政复议与诉讼 (R-APPEAL-1) in the console: an appeal recorded from the journey page's notice
list (the papers received at the desk or by the case manager), the appeal's page with the agency's
reply deadline (10 days from receiving the copy) and the body's outcome, which the benefits
service carries out. Each form posts with the person's token; the answer (or the service's Chinese
refusal) replaces the panel (htmx)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceError
from services.console.deps import Api, CsrfChecked, Now, SignedIn, is_htmx, render
from services.console.format import countdown

router = APIRouter(tags=["行政复议与诉讼"])

KINDS = {"reconsideration": "行政复议", "litigation": "行政诉讼"}
OUTCOMES = {
    "upheld": "维持原决定",
    "revoked": "撤销原决定",
    "changed": "变更原决定",
    "declared_unlawful": "确认原决定违法",
    "redecide": "责令重新作出决定",
}
CARRIED_OUT = {
    "revoked": "已执行：原不予核准决定撤销，申领自原待遇起始日期起核准，已到期的月份一次补发。",
    # R-RFI-1: a closure as incomplete revoked returns the claim to review (the service's outcome.py).
    "revoked_closure": "已执行：原终止办理决定撤销，申领退回待审核，须在 10 日内作出决定。",
    # R-STOP-1: the stop ended the spell; nothing resumes by itself (benefits appeals/outcome.py).
    "revoked_stop": "已登记：原停发决定撤销。停发时失业登记已注销，待遇不会自动恢复：请为其重新办理失业登记，"
                    "并处理停发时拟追回的款项（见工作台“撤销停发待重新登记”）。",
    "redecide": "已执行：申领退回待审核，须在 10 日内重新作出决定。",
    "changed": "已执行：按变更后的决定重新核算已发放月份。",
}


def _text(value: str, field: str, what: str) -> str:
    if not value.strip():
        raise ServiceError(422, f"{field}_required", f"请填写{what}", field)
    return value.strip()


def _changed_terms(monthly_amount: str, entitlement_months: str, benefit_start_date: str) -> dict[str, Any]:
    """变更 (R-APPEAL-1 with R-CORR-1): the terms the body's decision sets, those filled in only;
    the benefits service checks the amount and the date (OutcomeCreate.changed_terms)."""
    terms: dict[str, Any] = {}
    if monthly_amount.strip():
        terms["monthly_amount"] = monthly_amount.strip()
    if entitlement_months.strip():
        if not entitlement_months.strip().isdigit():
            raise ServiceError(422, "invalid_entitlement_months", "享受月数须为整数", "entitlement_months")
        terms["entitlement_months"] = int(entitlement_months.strip())
    if benefit_start_date.strip():
        terms["benefit_start_date"] = benefit_start_date.strip()
    if not terms:
        raise ServiceError(
            422, "changed_terms_required", "变更决定请至少填写一项变更后的待遇（每月金额、享受月数或起始日期）", "changed_terms"
        )
    return terms


def _done(request: Request, session: Any, message: str, appeal: dict[str, Any]) -> HTMLResponse:
    template = "partials/decided.html" if is_htmx(request) else "decided.html"
    context = {"message": message, "link": f"/appeals/{appeal['id']}", "link_text": "查看复议/诉讼"}
    response = render(request, template, context, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response


@router.post("/decision-notices/{notice_id}/appeals", response_class=HTMLResponse)
async def record_appeal(
    request: Request, notice_id: uuid.UUID, api: Api, session: CsrfChecked,
    kind: Annotated[str, Form(max_length=20)], lodged_on: Annotated[str, Form(max_length=10)],
    received_on: Annotated[str, Form(max_length=10)], body: Annotated[str, Form(max_length=100)] = "",
    case_number: Annotated[str, Form(max_length=60)] = "",
) -> HTMLResponse:
    if kind not in KINDS:
        raise ServiceError(422, "invalid_kind", "请选择行政复议或行政诉讼", "kind")
    appeal = await api.post("benefits", "/appeals", {
        "notice_id": str(notice_id), "kind": kind, "lodged_on": lodged_on.strip(), "received_on": received_on.strip(),
        "body": _text(body, "body", "复议机关或人民法院"), "case_number": _text(case_number, "case_number", "案号"),
    })
    message = f"已登记{KINDS[kind]}（{appeal['body']} {appeal['case_number']}）。书面答复和证据须于 {appeal['reply_due_on']} 前提交。"
    return _done(request, session, message, appeal)


@router.get("/appeals/{appeal_id}", response_class=HTMLResponse)
async def appeal_page(request: Request, appeal_id: uuid.UUID, api: Api, session: SignedIn, now: Now) -> HTMLResponse:
    appeal = await api.get("benefits", f"/appeals/{appeal_id}")
    context = {
        "nav": "home", "appeal": appeal, "kinds": KINDS, "outcomes": OUTCOMES, "today": now.today,
        "countdown": countdown(appeal["reply_due_on"], now.today) if appeal["days_left"] is not None else "已提交答复",
    }
    return render(request, "appeals/appeal.html", context, session=session)


@router.post("/appeals/{appeal_id}/reply-filed", response_class=HTMLResponse)
async def reply_filed(
    request: Request, appeal_id: uuid.UUID, api: Api, session: CsrfChecked, filed_on: Annotated[str, Form(max_length=10)],
) -> HTMLResponse:
    appeal = await api.post("benefits", f"/appeals/{appeal_id}/reply-filed", {"filed_on": filed_on.strip()})
    return _done(request, session, f"已登记于 {appeal['reply_filed_on']} 提交书面答复和证据。", appeal)


@router.post("/appeals/{appeal_id}/outcome", response_class=HTMLResponse)
async def record_outcome(
    request: Request, appeal_id: uuid.UUID, api: Api, session: CsrfChecked,
    outcome: Annotated[str, Form(max_length=20)], decided_on: Annotated[str, Form(max_length=10)],
    received_on: Annotated[str, Form(max_length=10)], reference: Annotated[str, Form(max_length=60)] = "",
    monthly_amount: Annotated[str, Form(max_length=20)] = "", entitlement_months: Annotated[str, Form(max_length=3)] = "",
    benefit_start_date: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    if outcome not in OUTCOMES:
        raise ServiceError(422, "invalid_outcome", "请选择复议决定或裁判结果", "outcome")
    body: dict[str, Any] = {
        "outcome": outcome, "decided_on": decided_on.strip(), "received_on": received_on.strip(),
        "reference": _text(reference, "reference", "决定书或判决书文号"),
    }
    if outcome == "changed":  # the terms are the changed outcome's only (ignored for the others)
        body["changed_terms"] = _changed_terms(monthly_amount, entitlement_months, benefit_start_date)
    appeal = await api.post("benefits", f"/appeals/{appeal_id}/outcome", body)
    revoked_kind = {"claim_closed_incomplete": "revoked_closure", "benefit_stopped": "revoked_stop"}
    carried = revoked_kind.get(appeal["notice_kind"], outcome) if outcome == "revoked" else outcome
    message = f"已登记结果：{OUTCOMES[outcome]}（{appeal['outcome_reference']}）。" + CARRIED_OUT.get(carried, "")
    return _done(request, session, message, appeal)
