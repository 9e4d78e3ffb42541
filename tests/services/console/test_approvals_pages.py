"""四眼复核 (R-CTRL-1) in the console, against a MockTransport answering as the services do: the
待复核 worklist joins the services' prepared approvals (not the person's own), the approval page
shows the payload as the service masked it, approve / reject post with the CSRF token (a
rejection needs a reason), the service's refusal of the same person is shown, and the decision
forms answer 已提交复核 when the service prepared the decision (202)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from bs4 import BeautifulSoup

from services.console.main import create_app
from services.console.settings import ConsoleSettings
from tests.clock import TestClock

NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)
CLAIM = "8d1f6a52-4d7e-4a4e-9a53-5b0f1f1b7a01"
ME = "dev:case_manager:王经办"


def approval(approval_id: str, kind: str, subject_id: str, payload: dict[str, Any], prepared_by: str = "dev:case_manager:李复核") -> dict[str, Any]:
    return {
        "id": approval_id, "kind": kind, "subject_id": subject_id, "status": "prepared", "district": "430102",
        "payload": payload, "prepared_by": prepared_by, "prepared_role": "case_manager",
        "prepared_at": "2026-12-01T09:00:00Z", "reason": None, "decided_by": None, "decided_role": None,
        "decided_at": None, "decision_reason": None, "result": None,
    }


ACCOUNT = approval("a1", "bank_account_change", f"{CLAIM}:claimant", {"claim_id": CLAIM, "account": {
    "holder": "claimant", "bank_code": "ICBC", "account_number_masked": "6222***********0123", "account_name_masked": "张*"}})
RELEASE = approval("a2", "payroll_release", "31", {"run_id": 31}, prepared_by="dev:finance:钱会计")
OVERRIDE = approval("r1", "uscc_override", "91430102MA4L000071", {"uscc": "91430102MA4L000071", "district": "430102", "reason": "营业执照核实"})


class Services:
    """The benefits and registration services' /approvals as they answer (not_mine leaves out the
    caller's; the same person approving is 403 four_eyes_same_person)."""

    def __init__(self) -> None:
        self.approvals = {"benefits": {a["id"]: dict(a) for a in (ACCOUNT, RELEASE)}, "registration": {"r1": dict(OVERRIDE)}}
        self.posted: list[tuple[str, str, dict]] = []
        self.answers: dict[str, httpx.Response] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        service, path = request.url.host, request.url.path
        if f"{request.method} {path}" in self.answers:
            return self.answers[f"{request.method} {path}"]
        items = self.approvals.get(service, {})
        if request.method == "GET" and path == "/approvals":
            mine = request.url.params.get("not_mine") == "true"
            return httpx.Response(200, json=[a for a in items.values() if not (mine and a["prepared_by"] == ME)])
        if path.startswith("/approvals/"):
            approval_id, *action = path.removeprefix("/approvals/").split("/")
            if approval_id not in items:
                return httpx.Response(404, json={"code": "approval_not_found", "message": "未找到该待复核事项", "field": "approval_id"})
            if request.method == "GET":
                return httpx.Response(200, json=items[approval_id])
            body = json.loads(request.content or b"{}")
            self.posted.append((service, action[0], body))
            if items[approval_id]["prepared_by"] == ME:
                return httpx.Response(403, json={"code": "four_eyes_same_person", "message": "四眼复核: 复核人不能与经办人为同一人", "field": None})
            status = {"approve": "approved", "reject": "rejected"}[action[0]]
            items[approval_id] |= {"status": status, "decided_by": ME, "decision_reason": body.get("reason")}
            return httpx.Response(200, json=items[approval_id])
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def console(services: Services, role: str = "case_manager", name: str = "王经办") -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    clock = TestClock()
    clock.at = NOW
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")
    app = create_app(settings, clock=clock, transport=httpx.MockTransport(services))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": name, "district": ""})
            page = BeautifulSoup((await client.get("/")).text, "html.parser")
            yield client, page.select_one('input[name="csrf_token"]')["value"]


def htmx(token: str) -> dict[str, str]:
    return {"HX-Request": "true", "X-CSRF-Token": token}


async def test_the_case_managers_worklist_joins_the_services_and_leaves_out_releases_and_their_own() -> None:
    services = Services()
    services.approvals["benefits"]["a3"] = approval("a3", "claim_approval", CLAIM, {"approved": True}, prepared_by=ME)
    async for client, _ in console(services):
        soup = BeautifulSoup((await client.get("/worklists/approvals", headers={"HX-Request": "true"})).text, "html.parser")
        links = {a["href"] for a in soup.select("a[href^='/approvals/']")}
        assert links == {"/approvals/a1?service=benefits", "/approvals/r1?service=registration"}
        assert "变更收款银行账户" in soup.get_text() and "统一社会信用代码校验例外" in soup.get_text()
    async for client, _ in console(Services(), role="finance", name="孙出纳"):
        page = await client.get("/worklists/approvals-release", headers={"HX-Request": "true"})
        assert BeautifulSoup(page.text, "html.parser").find("a", href="/approvals/a2?service=benefits") is not None
        assert (await client.get("/worklists/approvals")).status_code == 403


async def test_the_approval_page_shows_what_was_prepared_masked_by_whom_and_when() -> None:
    async for client, _ in console(Services()):
        # Without the service in the link, the console asks each service.
        page = await client.get("/approvals/a1")
        assert page.status_code == 200, page.text
        soup = BeautifulSoup(page.text, "html.parser")
        payload = soup.select_one('[data-field="payload"]').get_text(" ", strip=True)
        assert "6222***********0123" in payload and "张*" in payload and "6222021234567890123" not in page.text
        assert "dev:case_manager:李复核" in soup.select_one('[data-field="prepared_by"]').get_text()
        assert soup.select_one('[data-field="prepared_at"]').get_text(strip=True) == "2026年12月01日 17:00"  # China time
        assert soup.find("a", href=f"/claims/{CLAIM}/review") is not None
        missing = await client.get("/approvals/nope")
        assert missing.status_code == 404 and "未找到该待复核事项" in missing.text


async def test_approve_and_reject_post_to_the_service_and_a_rejection_needs_a_reason() -> None:
    services = Services()
    async for client, token in console(services):
        no_reason = await client.post("/approvals/r1/reject", data={"service": "registration"}, headers=htmx(token))
        assert "复核退回须填写理由" in no_reason.text and services.posted == []
        rejected = await client.post("/approvals/r1/reject", data={"service": "registration", "reason": "执照不符"},
                                     headers=htmx(token))
        assert "已退回" in rejected.text
        approved = await client.post("/approvals/a1/approve", data={"service": "benefits", "reason": "核对无误"},
                                     headers=htmx(token))
        assert "已复核通过：变更收款银行账户已生效" in approved.text
        assert services.posted == [("registration", "reject", {"reason": "执照不符"}),
                                   ("benefits", "approve", {"reason": "核对无误"})]
        forged = await client.post("/approvals/a1/approve", data={"service": "benefits", "csrf_token": "forged"})
        assert forged.status_code == 403 and len(services.posted) == 2


async def test_the_same_person_is_shown_the_services_refusal() -> None:
    services = Services()
    services.approvals["benefits"]["a3"] = approval("a3", "claim_approval", CLAIM, {"approved": True}, prepared_by=ME)
    async for client, token in console(services):
        page = BeautifulSoup((await client.get("/approvals/a3?service=benefits")).text, "html.parser")
        assert "同一人不能复核" in page.select_one('[data-field="mine"]').get_text()
        refused = await client.post("/approvals/a3/approve", data={"service": "benefits"}, headers=htmx(token))
        alert = BeautifulSoup(refused.text, "html.parser").select_one('[role="alert"]').get_text(strip=True)
        assert "复核人不能与经办人为同一人" in alert
        assert services.approvals["benefits"]["a3"]["status"] == "prepared"


async def test_decision_forms_answer_that_the_decision_waits_for_a_second_person() -> None:
    services = Services()
    prepared = approval("a9", "claim_approval", CLAIM, {"approved": True}, prepared_by=ME)
    services.answers = {
        f"POST /claims/{CLAIM}/decision": httpx.Response(202, json=prepared),
        f"POST /claims/{CLAIM}/overpayments/o1/decision": httpx.Response(202, json=prepared | {"id": "a10"}),
        "POST /stop-proposals/p1/decision": httpx.Response(202, json=prepared | {"id": "e1"}),
    }
    async for client, token in console(services):
        for path, data, link in (
            (f"/claims/{CLAIM}/decision", {"decision": "approve"}, "/approvals/a9?service=benefits"),
            (f"/claims/{CLAIM}/overpayments/o1/decision", {"outcome": "recover", "note": "多发"}, "/approvals/a10?service=benefits"),
            ("/stop-proposals/p1/decision", {"decision": "accept"}, "/approvals/e1?service=employment"),
        ):
            answer = await client.post(path, data=data, headers=htmx(token))
            soup = BeautifulSoup(answer.text, "html.parser")
            waiting = soup.select_one('[data-field="approval-waiting"]')
            assert waiting is not None and "已提交复核, 等待第二人审批" in waiting.get_text(), answer.text
            assert waiting.find("a")["href"] == link
            assert "办理完成" not in answer.text
