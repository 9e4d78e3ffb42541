"""四眼复核 (R-CTRL-1) in the console: a prepared decision with what was prepared (the payload as
the service shows it, bank details masked), by whom and when, and the second person's approve or
reject (with a reason). The forms post to the service with the person's token; its answer, or its
Chinese refusal (e.g. 同一人不能复核), replaces the panel (htmx)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from services.console import labels
from services.console.api import ServiceApi, ServiceError
from services.console.approvals import shown
from services.console.deps import Api, CsrfChecked, SignedIn, is_htmx, render

router = APIRouter(tags=["四眼复核"])
NOT_FOUND = ServiceError(404, "approval_not_found", "未找到该待复核事项")
Service = Annotated[str, Query(max_length=20)]


def _service(service: str) -> str:
    if service not in shown.SERVICES:
        raise NOT_FOUND
    return service


async def find(api: ServiceApi, approval_id: str, service: str = "") -> tuple[str, dict[str, Any]]:
    """The approval and the service that holds it (asked of each when the link does not say)."""
    if service:
        return _service(service), await api.get(service, f"/approvals/{approval_id}")

    async def one(name: str) -> Any:
        try:
            return await api.get_or_none(name, f"/approvals/{approval_id}")
        except ServiceError as exc:
            if exc.status in (403, 405):
                return None
            raise

    answers = await asyncio.gather(*(one(name) for name in shown.SERVICES))
    for name, answer in zip(shown.SERVICES, answers, strict=True):
        if answer is not None:
            return name, answer
    raise NOT_FOUND


@router.get("/approvals/{approval_id}", response_class=HTMLResponse)
async def approval_page(
    request: Request, approval_id: str, api: Api, session: SignedIn, service: Service = ""
) -> HTMLResponse:
    service, approval = await find(api, approval_id, service)
    return render(request, "approvals/approval.html", {
        "nav": "home", "approval": approval, "service": service,
        "kind": shown.KINDS.get(approval["kind"], approval["kind"]),
        "status": shown.STATUS.get(approval["status"], approval["status"]),
        "role": labels.ROLES.get(approval["prepared_role"], approval["prepared_role"]),
        "decided_role": labels.ROLES.get(approval.get("decided_role") or "", approval.get("decided_role")),
        "rows": shown.payload_rows(approval.get("payload") or {}),
        "subject": shown.subject_link(service, approval),
        "mine": approval["prepared_by"] == session.staff.subject,
        "may_check": shown.may_check(approval["kind"], session.staff.role),
    }, session=session)


def _done(request: Request, session: Any, message: str, link: tuple[str, str] | None) -> HTMLResponse:
    template = "partials/decided.html" if is_htmx(request) else "decided.html"
    href, text = link or (None, "")
    response = render(request, template, {"message": message, "link": href, "link_text": text}, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response


@router.post("/approvals/{approval_id}/approve", response_class=HTMLResponse)
async def approve(
    request: Request, approval_id: str, api: Api, session: CsrfChecked,
    service: Annotated[str, Form(max_length=20)], reason: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    body = {"reason": reason.strip()} if reason.strip() else {}
    approval = await api.post(_service(service), f"/approvals/{approval_id}/approve", body)
    kind = shown.KINDS.get(approval["kind"], approval["kind"])
    return _done(request, session, f"已复核通过：{kind}已生效，经办人与复核人及时间已记录。",
                 shown.subject_link(service, approval))


@router.post("/approvals/{approval_id}/reject", response_class=HTMLResponse)
async def reject(
    request: Request, approval_id: str, api: Api, session: CsrfChecked,
    service: Annotated[str, Form(max_length=20)], reason: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    if not reason.strip():
        raise ServiceError(422, "reason_required", "复核退回须填写理由", "reason")
    approval = await api.post(_service(service), f"/approvals/{approval_id}/reject", {"reason": reason.strip()})
    kind = shown.KINDS.get(approval["kind"], approval["kind"])
    return _done(request, session, f"已退回：{kind}未生效，经办人可修改后重新提交。", shown.subject_link(service, approval))
