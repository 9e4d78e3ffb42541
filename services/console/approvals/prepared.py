"""A decision form's answer when the service prepared the decision instead of carrying it out
(R-CTRL-1: 202 with the prepared approval): the panel says it waits for a second person and links
to the approval. The forms of the claim review, the overpayment, the stop proposal and the payroll
run's release post through ``post_decision``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from services.console.api import ServiceApi
from services.console.deps import is_htmx, render

WAITING = "已提交复核, 等待第二人审批（R-CTRL-1）：须由另一名有权人员复核通过后生效。"


@dataclass(frozen=True)
class Answer:
    body: dict[str, Any]
    prepared: bool  # True: the service answered 202, nothing is decided yet


async def post_decision(api: ServiceApi, service: str, path: str, body: Any = None) -> Answer:
    """POST the decision; the service's refusal is raised as for any call (ServiceError)."""
    response = await api.call(service, "POST", path, json=body)
    return Answer(response.json(), response.status_code == 202)


def approval_link(service: str, approval: dict[str, Any]) -> str:
    return f"/approvals/{approval['id']}?service={service}"


def waiting_panel(request: Request, session: Any, service: str, approval: dict[str, Any]) -> HTMLResponse:
    template = "approvals/_waiting.html" if is_htmx(request) else "approvals/waiting.html"
    response = render(request, template, {
        "message": WAITING, "link": approval_link(service, approval), "approval": approval,
    }, session=session)
    response.headers["HX-Trigger"] = "decided"
    return response
