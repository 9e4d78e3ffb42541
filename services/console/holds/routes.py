"""暂停发放 (R-HOLD-1) in the console: a held payment instruction with its reasons in Chinese, and
the case manager's release or cancel with a reason. The form posts to the benefits service with the
person's token; the answer (or the service's Chinese refusal) replaces the panel (htmx)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceError
from services.console.deps import Api, CsrfChecked, SignedIn, is_htmx, render

router = APIRouter(tags=["暂停发放"])

REASONS = {
    "account_changed": "收款账户或户名自上次成功发放后已变更",
    "first_payment_to_account": "首次向该账户发放",
    "amount_differs": "金额与月发放标准相差超过容差",
    "open_audit_review": "本人有未处理的稽核疑点",
}
ACTIONS = {"release": "已放行：下一发放批次将发放该笔支付。", "cancel": "已取消：该笔支付不再发放。"}


def reasons_text(reasons: list[str]) -> str:
    return "；".join(REASONS.get(r, r) for r in reasons)


@router.get("/payment-holds/{hold_id}", response_class=HTMLResponse)
async def hold_page(request: Request, hold_id: int, api: Api, session: SignedIn) -> HTMLResponse:
    hold = await api.get("benefits", f"/payment-holds/{hold_id}")
    return render(request, "holds/hold.html", {"nav": "home", "hold": hold, "reasons": reasons_text(hold["reasons"])},
                  session=session)


@router.post("/payment-holds/{hold_id}/decision", response_class=HTMLResponse)
async def decide_hold(
    request: Request, hold_id: int, api: Api, session: CsrfChecked,
    action: Annotated[str, Form()], reason: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    if action not in ACTIONS:
        raise ServiceError(422, "invalid_action", "请选择放行或取消", "action")
    if not reason.strip():
        raise ServiceError(422, "reason_required", "放行或取消须填写理由", "reason")
    await api.post("benefits", f"/payment-holds/{hold_id}/{action}", {"reason": reason.strip()})
    template = "partials/decided.html" if is_htmx(request) else "decided.html"
    response = render(request, template, {"message": ACTIONS[action], "link": None, "link_text": ""}, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response
