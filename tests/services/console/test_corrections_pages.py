"""自行纠错 (R-CORR-1) in the console, against a MockTransport answering as the benefits service
does: the claim's corrections with each month recomputed, the form that prepares one (the reason
required, the CSRF token checked) and the 202 prepared approval shown as waiting for a second
case manager (R-CTRL-1); the service's Chinese refusal shown in the panel."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator

import httpx
from bs4 import BeautifulSoup

from services.console.main import create_app
from services.console.settings import ConsoleSettings
from tests.clock import TestClock

NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)
CLAIM_ID = "8d1f6a52-4d7e-4a4e-9a53-5b0f1f1b7a01"
CLAIM = {"id": CLAIM_ID, "registration_id": "2b7c8f0e-1111-4a4e-9a53-5b0f1f1b7a02", "status": "approved",
         "district": "430102", "benefit_start_date": "2025-01-10", "entitlement_months": 12, "monthly_amount": "1737.00"}
APPLIED = {
    "id": "5c2a0f1e-2222-4a4e-9a53-5b0f1f1b7a03", "claim_id": CLAIM_ID, "district": "430102", "reason": "误用旧标准",
    "source": "agency", "source_ref": None, "approval_id": "6d3b1a2f-3333-4a4e-9a53-5b0f1f1b7a04",
    "approval_status": "approved", "monthly_amount": "1887.00", "entitlement_months": None, "benefit_start_date": None,
    "prepared_by": "test-case_manager", "prepared_at": "2026-12-01T02:00:00Z", "decided_by": "test-reviewer",
    "decided_at": "2026-12-01T03:00:00Z", "decision_reason": None, "applied_at": "2026-12-01T03:00:00Z",
    "original_monthly_amount": "1737.00", "original_entitlement_months": 12, "original_benefit_start_date": "2025-01-10",
    "underpaid_amount": "300.00", "overpaid_amount": "0.00", "arrears_payment_id": "7e4c2b3a-4444-4a4e-9a53-5b0f1f1b7a05",
    "months": [
        {"benefit_month": 1, "kind": "benefit", "payment_id": "7e4c2b3a-5555-4a4e-9a53-5b0f1f1b7a06",
         "period_start": "2025-01-10", "paid": "1737.00", "due": "1887.00", "difference": "150.00"},
        {"benefit_month": 1, "kind": "medical_premium", "payment_id": "7e4c2b3a-6666-4a4e-9a53-5b0f1f1b7a07",
         "period_start": "2025-01-10", "paid": "300.00", "due": "300.00", "difference": "0.00"},
    ],
}


class Benefits:
    """The claim and corrections endpoints as the benefits service answers them."""

    def __init__(self) -> None:
        self.posted: list[dict] = []
        self.refuse: dict | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path == f"/claims/{CLAIM_ID}":
            return httpx.Response(200, json=CLAIM)
        if request.method == "GET" and path == f"/claims/{CLAIM_ID}/corrections":
            return httpx.Response(200, json=[APPLIED])
        if request.method == "POST" and path == f"/claims/{CLAIM_ID}/corrections":
            self.posted.append(json.loads(request.content))
            if self.refuse:
                return httpx.Response(409, json=self.refuse)
            return httpx.Response(202, json={"id": "9f5d3c4b-7777-4a4e-9a53-5b0f1f1b7a08", "kind": "decision_correction",
                                             "status": "prepared", "subject_id": CLAIM_ID})
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def console(benefits: Benefits, role: str = "case_manager") -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    clock = TestClock()
    clock.at = NOW
    app = create_app(ConsoleSettings(), clock=clock, transport=httpx.MockTransport(benefits))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            district = "430102" if role == "service_point" else ""
            await client.post("/signin/dev", data={"role": role, "name": "王经办", "district": district})
            page = BeautifulSoup((await client.get(f"/claims/{CLAIM_ID}/corrections")).text, "html.parser")
            token = page.select_one('input[name="csrf_token"]')
            yield client, token["value"] if token else ""


async def test_the_page_shows_each_month_recomputed_and_the_result() -> None:
    async for client, _ in console(Benefits()):
        page = await client.get(f"/claims/{CLAIM_ID}/corrections")
        assert page.status_code == 200, page.text
        soup = BeautifulSoup(page.text, "html.parser")
        correction = soup.select_one(f'[data-correction="{APPLIED["id"]}"]')
        assert correction.select_one('[data-field="status"]').get_text(strip=True) == "已生效"
        assert correction.select_one('[data-field="underpaid"]').get_text(strip=True) == "¥300.00"
        row = [td.get_text(strip=True) for td in correction.select('[data-month="1-benefit"] td')]
        assert row == ["第 1 个月", "失业保险金", "2025-01-10", "¥1,737.00", "¥1,887.00", "¥150.00"]
        assert correction.select_one('[data-month="1-medical_premium"]') is not None
        assert soup.select_one(f'form[hx-post="/claims/{CLAIM_ID}/corrections"]') is not None


async def test_a_case_manager_prepares_a_correction_for_a_second_person() -> None:
    benefits = Benefits()
    async for client, token in console(benefits):
        answer = await client.post(
            f"/claims/{CLAIM_ID}/corrections", headers={"HX-Request": "true", "X-CSRF-Token": token},
            data={"reason": "误用旧标准", "monthly_amount": "1887.00", "entitlement_months": "", "csrf_token": token},
        )
        assert answer.status_code == 200, answer.text
        assert "已提交复核" in answer.text and "/approvals/9f5d3c4b-7777-4a4e-9a53-5b0f1f1b7a08" in answer.text
        assert benefits.posted == [{"reason": "误用旧标准", "monthly_amount": "1887.00"}]


async def test_no_reason_no_call_and_the_services_refusal_is_shown() -> None:
    benefits = Benefits()
    async for client, token in console(benefits):
        headers = {"HX-Request": "true", "X-CSRF-Token": token}
        no_reason = await client.post(f"/claims/{CLAIM_ID}/corrections", headers=headers,
                                      data={"reason": " ", "entitlement_months": "6", "csrf_token": token})
        not_a_number = await client.post(f"/claims/{CLAIM_ID}/corrections", headers=headers,
                                         data={"reason": "x", "entitlement_months": "六", "csrf_token": token})
        forged = await client.post(f"/claims/{CLAIM_ID}/corrections",
                                   data={"reason": "x", "entitlement_months": "6", "csrf_token": "forged"})
        assert "自行纠错须填写理由" in no_reason.text and "享受待遇月数须为整数" in not_a_number.text
        assert forged.status_code in (400, 403)
        assert benefits.posted == []
        benefits.refuse = {"code": "correction_changes_nothing", "message": "更正内容与现行决定相同, 无需纠错", "field": "reason"}
        refused = await client.post(f"/claims/{CLAIM_ID}/corrections", headers=headers,
                                    data={"reason": "x", "entitlement_months": "12", "csrf_token": token})
        assert "更正内容与现行决定相同" in refused.text
        assert benefits.posted == [{"reason": "x", "entitlement_months": 12}]


async def test_a_service_point_sees_the_result_but_no_form() -> None:
    async for client, _ in console(Benefits(), role="service_point"):
        soup = BeautifulSoup((await client.get(f"/claims/{CLAIM_ID}/corrections")).text, "html.parser")
        assert soup.select_one(f'[data-correction="{APPLIED["id"]}"]') is not None
        assert soup.select_one("form[hx-post]") is None
