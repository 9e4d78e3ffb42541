"""单位决定书 on the console's employer page (R-NOTICE-1): the employer's notices are read with the
employer, each with its kind, issue date and delivery (or the form that records it, with the CSRF
token, and the appeal deadlines the service answers, R-APPEAL-1); the PDF passes through byte for
byte; a role the service refuses the notices sees its message and the rest of the page. The
registration service is a MockTransport answering with its own schemas (and a PDF from its own
renderer)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup

from services.console.main import create_app
from services.console.sessions import SESSION_COOKIE
from services.console.settings import ConsoleSettings
from services.registration.contributions.notices import documents
from services.registration.contributions.notices.render import render_html
from services.registration.contributions.notices.schemas import EmployerDecisionNoticeRead
from shared.notices.render import Letterhead, pdf_of_html

EMPLOYER_ID = str(uuid.uuid4())
ASSESSED, FINED = str(uuid.uuid4()), str(uuid.uuid4())
DELIVERY = {"channel": "in_person", "delivered_on": "2026-12-03", "recorded_by": "sp-1",
            "recorded_at": "2026-12-03T02:00:00+00:00"}


def notice(notice_id: str, kind: str, issued_at: str, delivery: dict[str, Any] | None = None) -> dict[str, Any]:
    deadlines = ("2027-02-01", "2027-06-03") if delivery else (None, None)
    return EmployerDecisionNoticeRead(
        id=notice_id, employer_id=EMPLOYER_ID, kind=kind, decision_ref=str(uuid.uuid4()), issued_at=issued_at,
        sha256=None, appeal_rights_included=True, delivery=delivery, appeal_deadline=deadlines[0],
        litigation_deadline=deadlines[1],
    ).model_dump(mode="json")


def employer() -> dict[str, Any]:
    return {"id": EMPLOYER_ID, "name": "长沙某科技有限公司", "uscc": "91430100MA4L00000X", "district": "430102",
            "status": "approved", "accepted_on": "2026-10-08", "review_due_on": "2026-10-22", "review_overdue": False,
            "staff_listed": 12, "documents": []}


class Services:
    """Answers as the registration service does; a role other than the desks' is refused the notices."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        row = {"employer_id": EMPLOYER_ID, "employer_name": "长沙某科技有限公司", "uscc": "91430100MA4L00000X",
               "district": "430102", "decision_reference": "湘人社罚〔2026〕7号", "decided_on": dt.date(2026, 12, 1),
               "amount": Decimal("900.00"), "reason": "逾期仍不缴纳"}
        document = documents.contribution_fine(FINED, row, Decimal("630.00"), dt.date(2026, 12, 2))
        self.pdf = pdf_of_html(render_html(document, Letterhead("长沙市失业保险经办机构", "长沙市人民政府"))).pdf

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path, method = request.url.path, request.method
        if path == f"/employers/{EMPLOYER_ID}":
            return httpx.Response(200, json=employer())
        if path == f"/employers/{EMPLOYER_ID}/decision-notices":
            if "operations" in request.headers.get("x-test-role", ""):
                return httpx.Response(403, json={"code": "forbidden", "message": "当前角色无权查看", "field": None})
            return httpx.Response(200, json=[
                notice(ASSESSED, "contribution_assessed", "2026-11-28T02:00:00+00:00"),
                notice(FINED, "contribution_fine", "2026-12-01T17:30:00+00:00", DELIVERY),
            ])
        if path == f"/employer-decision-notices/{FINED}.pdf":
            return httpx.Response(200, content=self.pdf, headers={
                "content-type": "application/pdf",
                "content-disposition": f'attachment; filename="employer-decision-notice-{FINED}.pdf"'})
        if (path, method) == (f"/employer-decision-notices/{ASSESSED}/delivery", "POST"):
            delivery = json.loads(request.read()) | {"recorded_by": "sp-1", "recorded_at": "2026-12-03T02:00:00+00:00"}
            return httpx.Response(201, json=notice(ASSESSED, "contribution_assessed", "2026-11-28T02:00:00+00:00",
                                                   delivery))
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


@pytest.fixture
def services() -> Services:
    return Services()


async def signed_in(services: Services, role: str) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")

    def handler(request: httpx.Request) -> httpx.Response:
        request.headers["x-test-role"] = role  # the token stands for the role; the mock reads it plainly
        return services.handler(request)

    app = create_app(settings, transport=httpx.MockTransport(handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": "李窗口", "district": "430102"})
            yield client, app.state.sessions.get(client.cookies.get(SESSION_COOKIE)).csrf_token


def notices_section(html: str) -> Any:
    return BeautifulSoup(html, "html.parser").select_one('section[aria-labelledby="employer-notices-heading"]')


async def test_the_employer_page_lists_its_notices_with_their_delivery_or_its_form(services: Services) -> None:
    async for client, csrf in signed_in(services, "service_point"):
        page = await client.get(f"/employers/{EMPLOYER_ID}")
        assert page.status_code == 200, page.text
        rows = notices_section(page.text).select("tbody tr")
        assert [r.select("td")[0].get_text(strip=True) for r in rows] == ["失业保险费核定决定书", "失业保险费罚款决定书"]
        # Issue dates in China: 17:30 UTC on 1 December is 2 December.
        assert [r.select("td")[1].get_text(strip=True) for r in rows] == ["2026年11月28日", "2026年12月02日"]
        form = rows[0].select_one("form")
        assert form["hx-post"] == f"/employer-decision-notices/{ASSESSED}/delivery"
        assert form.select_one('input[name="csrf_token"]')["value"] == csrf
        delivered = rows[1].select("td")[2].get_text(" ", strip=True)
        assert "窗口直接送达" in delivered and "2027年02月01日" in delivered and "2027年06月03日" in delivered
        assert rows[1].select_one("a")["href"] == f"/employer-decision-notices/{FINED}.pdf"


async def test_the_pdf_passes_through_and_the_delivery_is_recorded(services: Services) -> None:
    async for client, csrf in signed_in(services, "case_manager"):
        pdf = await client.get(f"/employer-decision-notices/{FINED}.pdf")
        delivered = await client.post(f"/employer-decision-notices/{ASSESSED}/delivery",
                                      data={"csrf_token": csrf, "channel": "post", "delivered_on": "2026-12-03"},
                                      headers={"HX-Request": "true"})
        refused = await client.post(f"/employer-decision-notices/{ASSESSED}/delivery",
                                    data={"channel": "post", "delivered_on": "2026-12-03"})
    assert (pdf.status_code, pdf.content) == (200, services.pdf)
    assert pdf.headers["content-disposition"] == f'attachment; filename="employer-decision-notice-{FINED}.pdf"'
    assert delivered.status_code == 200
    cell = BeautifulSoup(delivered.text, "html.parser").select_one(f"td#delivery-{ASSESSED}")
    assert "邮寄送达" in cell.get_text(" ", strip=True) and "2027年02月01日" in cell.get_text(" ", strip=True)
    posted = [r for r in services.requests if r.method == "POST"]
    assert [json.loads(r.content) for r in posted] == [{"channel": "post", "delivered_on": "2026-12-03"}]
    assert refused.status_code == 403  # no CSRF token: nothing posted to the service


async def test_a_role_refused_the_notices_sees_why_and_the_employer(services: Services) -> None:
    async for client, _ in signed_in(services, "operations"):
        page = await client.get(f"/employers/{EMPLOYER_ID}")
    assert page.status_code == 200
    section = notices_section(page.text)
    assert section.select_one('[role="alert"]').get_text(strip=True) == "当前角色无权查看"
    assert "长沙某科技有限公司" in page.text
