"""决定书 on the 一条龙 page (R-NOTICE-1): the claim's notices are read in the same parallel round as
its record, each with its kind, issue date and delivery (or the form that records it, with the
CSRF token, and the appeal deadlines the service answers, R-APPEAL-1); the PDF passes through
byte for byte. The services are a MockTransport answering with the benefits service's own
schemas (and a PDF from its own renderer)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup

from services.benefits.notices.render import Letterhead, NoticeDocument, render_pdf
from services.benefits.notices.schemas import DecisionNoticeRead
from services.console.main import create_app
from services.console.sessions import SESSION_COOKIE
from services.console.settings import ConsoleSettings

CLAIM_ID = str(uuid.uuid4())
APPROVED, STOPPED = str(uuid.uuid4()), str(uuid.uuid4())
DELIVERY = {"channel": "post", "delivered_on": "2026-12-03", "recorded_by": "sp-1", "recorded_at": "2026-12-03T02:00:00+00:00"}


def notice(notice_id: str, kind: str, issued_at: str, delivery: dict[str, Any] | None = None) -> dict[str, Any]:
    deadlines = ("2027-02-01", "2027-06-03") if delivery else (None, None)
    read = DecisionNoticeRead(
        id=notice_id, claim_id=CLAIM_ID, kind=kind, decision_ref=CLAIM_ID, issued_at=issued_at, sha256="0" * 64,
        appeal_rights_included=True, delivery=delivery, appeal_deadline=deadlines[0], litigation_deadline=deadlines[1],
    )
    return read.model_dump(mode="json")


class Services:
    """Answers as the registration and benefits services do; the employment service has nothing."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        document = NoticeDocument("claim_approved", APPROVED, CLAIM_ID, "430102", dt.date(2026, 11, 28),
                                  [("享受待遇月数", "12 个月")], "核准。", ["R-REV-1"])
        self.pdf = render_pdf(document, Letterhead("长沙市失业保险经办机构", "长沙市人民政府")).pdf

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        host, path = request.url.host, request.url.path
        if (host, path) == ("registration", "/unemployment-registrations/r1/journey"):
            return httpx.Response(200, json=journey())
        if (host, path) == ("benefits", f"/claims/{CLAIM_ID}/record"):
            return httpx.Response(200, json={"claim": claim(), "payments": [], "subsidies": []})
        if (host, path) == ("benefits", f"/claims/{CLAIM_ID}/decision-notices"):
            return httpx.Response(200, json=[
                notice(APPROVED, "claim_approved", "2026-11-28T02:00:00+00:00"),
                notice(STOPPED, "benefit_stopped", "2026-12-01T17:30:00+00:00", DELIVERY),
            ])
        if (host, path) == ("benefits", f"/decision-notices/{APPROVED}.pdf"):
            return httpx.Response(200, content=self.pdf, headers={
                "content-type": "application/pdf",
                "content-disposition": f'attachment; filename="decision-notice-{APPROVED}.pdf"'})
        if (host, path, request.method) == ("benefits", f"/decision-notices/{APPROVED}/delivery", "POST"):
            body = json.loads(request.read())
            delivery = body | {"recorded_by": "sp-1", "recorded_at": "2026-12-03T02:00:00+00:00"}
            return httpx.Response(201, json=notice(APPROVED, "claim_approved", "2026-11-28T02:00:00+00:00", delivery))
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


def journey() -> dict[str, Any]:
    registration = {"id": "r1", "registration_date": "2026-11-27", "district": "430102", "basis": "insured_separation",
                    "separation_reason": "contract_expired", "ended_on": None, "person_id": "p", "name_masked": "张*"}
    return {"stage": "on_benefit", "status": "RUNNING", "months_paid": 0, "entitlement_months": 12,
            "reported_months": [], "stop_proposed": False, "steps": [], "claim_id": CLAIM_ID, "job_seeker_id": None,
            "registration": registration}


def claim() -> dict[str, Any]:
    return {"id": CLAIM_ID, "status": "approved", "opened_at": "2026-11-27T02:00:00+00:00", "claim_date": "2026-11-27",
            "decided_at": "2026-11-28T02:00:00+00:00", "entitlement_months": 12, "monthly_amount": "1700.00",
            "benefit_start_date": "2026-11-27", "review_due_at": "2026-12-07T15:59:59+00:00",
            "review_overdue": False, "stop_effective_date": None}


@pytest.fixture
def services() -> Services:
    return Services()


async def signed_in(services: Services, role: str) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")
    app = create_app(settings, transport=httpx.MockTransport(services.handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": "李窗口", "district": "430102"})
            yield client, app.state.sessions.get(client.cookies.get(SESSION_COOKIE)).csrf_token


async def test_the_journey_page_lists_the_notices_with_their_delivery_or_its_form(services: Services) -> None:
    async for client, csrf in signed_in(services, "service_point"):
        page = await client.get("/journeys/r1")
        assert page.status_code == 200, page.text
        section = BeautifulSoup(page.text, "html.parser").select_one('section[aria-labelledby="notices-heading"]')
        rows = section.select("tbody tr")
        assert [r.select("td")[0].get_text(strip=True) for r in rows] == ["失业保险金核准决定书", "停止发放失业保险待遇决定书"]
        # Issue dates in China: 17:30 UTC on 1 December is 2 December.
        assert [r.select("td")[1].get_text(strip=True) for r in rows] == ["2026年11月28日", "2026年12月02日"]
        form = rows[0].select_one("form")
        assert form["hx-post"] == f"/decision-notices/{APPROVED}/delivery"
        assert form.select_one('input[name="csrf_token"]')["value"] == csrf
        delivered = rows[1].select("td")[2].get_text(" ", strip=True)
        assert "邮寄送达" in delivered and "2027年02月01日" in delivered and "2027年06月03日" in delivered
        assert rows[0].select_one("a")["href"] == f"/decision-notices/{APPROVED}.pdf"
    asked = [(r.url.host, r.url.path) for r in services.requests]
    assert ("benefits", f"/claims/{CLAIM_ID}/decision-notices") in asked
    # No call waits for another of the claim's: the record and the notices are asked together.
    assert asked.index(("benefits", f"/claims/{CLAIM_ID}/record")) + 1 == asked.index(
        ("benefits", f"/claims/{CLAIM_ID}/decision-notices"))


async def test_the_pdf_passes_through_byte_for_byte(services: Services) -> None:
    async for client, _ in signed_in(services, "auditor"):
        answer = await client.get(f"/decision-notices/{APPROVED}.pdf")
        missing = await client.get(f"/decision-notices/{uuid.uuid4()}.pdf")
    assert answer.status_code == 200 and answer.content == services.pdf
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == f'attachment; filename="decision-notice-{APPROVED}.pdf"'
    assert missing.status_code == 404


async def test_a_delivery_is_recorded_with_the_csrf_token_and_shows_the_deadlines(services: Services) -> None:
    async for client, csrf in signed_in(services, "service_point"):
        refused = await client.post(f"/decision-notices/{APPROVED}/delivery",
                                    data={"channel": "in_person", "delivered_on": "2026-12-03"}, headers={"HX-Request": "true"})
        recorded = await client.post(f"/decision-notices/{APPROVED}/delivery",
                                     data={"csrf_token": csrf, "channel": "in_person", "delivered_on": "2026-12-03"},
                                     headers={"HX-Request": "true"})
    assert refused.status_code == 403
    cell = BeautifulSoup(recorded.text, "html.parser").select_one("td")
    assert cell["id"] == f"delivery-{APPROVED}"
    assert "窗口直接送达" in cell.get_text() and "2027年02月01日" in cell.get_text()
    [post] = [r for r in services.requests if r.method == "POST"]
    assert json.loads(post.read()) == {"channel": "in_person", "delivered_on": "2026-12-03"}
