"""暂停发放 (R-HOLD-1) in the console, against a MockTransport answering as the benefits service
does: the 工作台 worklist with the reasons in Chinese, the hold's page, release and cancel with a
reason and the CSRF token, and the service's Chinese 409 shown in the panel."""

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
HOLD = {
    "id": 7, "claim_id": "8d1f6a52-4d7e-4a4e-9a53-5b0f1f1b7a01", "payment_id": "1b0d2c1e-39a4-4a1f-8f0c-2c5d1e3f4a5b",
    "district": "430102", "benefit_month": 2, "kind": "benefit", "amount": "1737.00",
    "reasons": ["account_changed", "first_payment_to_account"], "held_at": "2026-12-01T02:00:00Z", "held_in_run": 31,
    "status": "held", "decided_by": None, "decided_at": None, "decision_reason": None, "payment_status": "payable",
}


class Benefits:
    """The benefits service's payment-hold endpoints as they answer (a contrary decision is 409)."""

    def __init__(self) -> None:
        self.hold = dict(HOLD)
        self.posted: list[tuple[str, dict]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path == "/payment-holds":
            return httpx.Response(200, json=[self.hold] if request.url.params.get("status") == self.hold["status"] else [])
        if request.method == "GET" and path == "/payment-holds/7":
            return httpx.Response(200, json=self.hold)
        if request.method == "POST" and path.startswith("/payment-holds/7/"):
            action, body = path.rsplit("/", 1)[1], json.loads(request.content)
            self.posted.append((action, body))
            target = {"release": "released", "cancel": "cancelled"}[action]
            if self.hold["status"] not in ("held", target):
                return httpx.Response(409, json={"code": f"payment_hold_already_{self.hold['status']}",
                                                 "message": "该支付指令的暂停发放已放行, 不能再取消", "field": "hold_id"})
            if self.hold["status"] == "held":
                self.hold |= {"status": target, "decided_by": "test-case_manager", "decision_reason": body["reason"],
                              "decided_at": "2026-12-01T17:30:00Z"}
            return httpx.Response(200, json=self.hold)
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def console(benefits: Benefits, role: str = "case_manager") -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    clock = TestClock()
    clock.at = NOW
    app = create_app(ConsoleSettings(), clock=clock, transport=httpx.MockTransport(benefits))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": "王经办", "district": ""})
            page = BeautifulSoup((await client.get("/payment-holds/7")).text, "html.parser")
            token = page.select_one('input[name="csrf_token"]')
            yield client, token["value"] if token else ""


async def test_the_worklist_lists_held_instructions_with_their_reasons_in_chinese() -> None:
    for role in ("case_manager", "finance"):
        async for client, _ in console(Benefits(), role):
            page = await client.get("/worklists/payment-holds", headers={"HX-Request": "true"})
            assert page.status_code == 200, page.text
            soup = BeautifulSoup(page.text, "html.parser")
            assert "收款账户或户名自上次成功发放后已变更；首次向该账户发放" in soup.get_text()
            assert soup.find("a", href="/payment-holds/7") is not None


async def test_a_case_manager_releases_a_hold_with_a_reason() -> None:
    benefits = Benefits()
    async for client, token in console(benefits):
        page = BeautifulSoup((await client.get("/payment-holds/7")).text, "html.parser")
        assert page.select_one('[data-field="reasons"]').get_text(strip=True).startswith("收款账户或户名")
        assert page.select_one('form[hx-post="/payment-holds/7/decision"]') is not None

        answer = await client.post("/payment-holds/7/decision", headers={"HX-Request": "true", "X-CSRF-Token": token},
                                   data={"action": "release", "reason": "已电话核实新账户", "csrf_token": token})

        assert answer.status_code == 200, answer.text
        assert "已放行" in answer.text and answer.headers["HX-Trigger"] == "decided"
        assert benefits.posted == [("release", {"reason": "已电话核实新账户"})]


async def test_a_contrary_decision_shows_the_services_chinese_refusal_and_no_token_no_call() -> None:
    benefits = Benefits()
    benefits.hold["status"] = "released"
    async for client, _ in console(benefits):
        benefits.hold["status"] = "held"
        token = BeautifulSoup((await client.get("/payment-holds/7")).text, "html.parser").select_one(
            'input[name="csrf_token"]')["value"]
        benefits.hold["status"] = "released"
        refused = await client.post("/payment-holds/7/decision", headers={"HX-Request": "true", "X-CSRF-Token": token},
                                    data={"action": "cancel", "reason": "账户非本人", "csrf_token": token})
        forged = await client.post("/payment-holds/7/decision",
                                   data={"action": "cancel", "reason": "x", "csrf_token": "forged"})

        assert "已放行, 不能再取消" in refused.text
        assert forged.status_code in (400, 403)
        assert [a for a, _ in benefits.posted] == ["cancel"]  # the forged form reached no service
