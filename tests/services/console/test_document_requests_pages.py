"""一次性告知补正材料 (R-RFI-1) in the console, against a MockTransport answering with the benefits
service's own schemas: the claim-review form that ticks every missing document in one submit, the
service's refusal of a second request shown in Chinese, the paused review clock shown instead of
the countdown, 材料已补齐 recorded with the CSRF token, and the 工作台 line 等待补正."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
from bs4 import BeautifulSoup

from services.benefits.claims.schemas import ClaimRead
from services.benefits.document_requests.schemas import DocumentRequestRead
from services.console.decisions.document_requests import requested_documents
from services.console.main import create_app
from services.console.settings import ConsoleSettings
from tests.clock import TestClock

NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)  # 2 December in China
CLAIM_ID, REQUEST_ID, REGISTRATION_ID = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())


def claim(**overrides: Any) -> dict[str, Any]:
    fields = {name: None for name in ClaimRead.model_fields}
    fields |= {
        "id": CLAIM_ID, "registration_id": REGISTRATION_ID, "person_id": str(uuid.uuid4()), "district": "430102",
        "registration_date": "2026-11-25", "separation_date": "2026-11-20", "separation_reason": "contract_expired",
        "claim_date": "2026-11-25", "status": "pending_review", "opened_at": "2026-11-25T02:00:00Z",
        "review_due_at": "2026-12-05T02:00:00Z", "review_overdue": False,
    }
    return ClaimRead.model_validate(fields | overrides).model_dump(mode="json")


def document_request(**overrides: Any) -> dict[str, Any]:
    read = DocumentRequestRead(
        id=REQUEST_ID, claim_id=CLAIM_ID, district="430102", status="awaiting",
        documents=[{"kind": "separation_proof", "description": "原单位出具的终止劳动合同证明"},
                   {"kind": "bank_account", "description": "本人银行账户（社会保障卡金融账户）信息"}],
        requested_by="test-case_manager", requested_at="2026-12-01T17:30:00Z", requested_on="2026-12-02",
        due_on="2027-01-01", supply_days=30, supply_policy_id=1, paused_review_due_at="2026-12-05T02:00:00Z",
        review_due_at="2026-12-05T02:00:00Z", received_by=None, received_at=None, closed_by=None, closed_at=None,
    )
    return read.model_dump(mode="json") | overrides


class Benefits:
    """The benefits (and registration) endpoints the claim-review page and its forms call."""

    def __init__(self, *, requested: bool = False) -> None:
        paused = {"review_paused_since": "2026-12-01T17:30:00Z", "documents_due_on": "2027-01-01"} if requested else {}
        self.claim = claim(**paused)
        self.requests = [document_request()] if requested else []
        self.posted: list[tuple[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path != "/entitlement-previews":  # the preview is a read
            body = json.loads(request.content) if request.content else None
            self.posted.append((path, body))
            return self._post(path, body)
        answers = {
            f"/claims/{CLAIM_ID}": self.claim,
            f"/claims/{CLAIM_ID}/document-requests": self.requests,
            "/claims": [self.claim],
            "/approvals": [],
            f"/unemployment-registrations/{REGISTRATION_ID}": {"id": REGISTRATION_ID, "name_masked": "张*"},
        }
        if path in answers:
            return httpx.Response(200, json=answers[path])
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})

    def _post(self, path: str, body: Any) -> httpx.Response:
        if path == f"/claims/{CLAIM_ID}/document-requests":
            if self.requests:
                return httpx.Response(409, json={"code": "documents_already_requested", "field": "claim_id",
                                                 "message": "该申领已一次性告知过需补正的全部材料, 不能再次要求补正 (一次性告知, R-RFI-1)"})
            self.requests = [document_request(documents=body["documents"])]
            return httpx.Response(201, json=self.requests[0])
        if path == f"/claims/{CLAIM_ID}/document-requests/{REQUEST_ID}/receipt":
            received = document_request(status="received", received_by="test-case_manager",
                                        received_at="2026-12-01T17:30:00Z", review_due_at="2026-12-11T17:30:00Z")
            return httpx.Response(200, json=received)
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def console(benefits: Benefits) -> AsyncIterator[tuple[httpx.AsyncClient, BeautifulSoup]]:
    clock = TestClock()
    clock.at = NOW
    app = create_app(ConsoleSettings(), clock=clock, transport=httpx.MockTransport(benefits))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": "case_manager", "name": "王经办", "district": ""})
            page = await client.get(f"/claims/{CLAIM_ID}/review")
            assert page.status_code == 200, page.text
            yield client, BeautifulSoup(page.text, "html.parser")


def csrf(page: BeautifulSoup) -> str:
    return page.select_one('input[name="csrf_token"]')["value"]


async def test_every_missing_document_is_asked_for_in_one_submit() -> None:
    benefits = Benefits()
    async for client, page in console(benefits):
        form = page.select_one(f'form[hx-post="/claims/{CLAIM_ID}/document-requests"]')
        kinds = [box["value"] for box in form.select('input[name="kinds"]')]
        token = csrf(page)
        answer = await client.post(
            f"/claims/{CLAIM_ID}/document-requests", headers={"HX-Request": "true", "X-CSRF-Token": token},
            data={"csrf_token": token, "kinds": ["separation_proof", "id_document"],
                  "description_separation_proof": "原单位出具的终止劳动合同证明", "description_id_document": " "},
        )

    assert kinds == ["id_document", "separation_proof", "contribution_proof", "bank_account", "residence_proof", "other"]
    assert answer.status_code == 200, answer.text
    assert "已一次性告知补正材料 2 项，补正期限至 2027年01月01日" in answer.text
    assert benefits.posted == [(f"/claims/{CLAIM_ID}/document-requests", {"documents": [
        {"kind": "separation_proof", "description": "原单位出具的终止劳动合同证明"},
        {"kind": "id_document", "description": "居民身份证或社会保障卡"},  # left empty: the kind's name
    ]})]


async def test_nothing_ticked_reaches_no_service_and_a_second_request_shows_the_refusal() -> None:
    benefits = Benefits()
    async for client, page in console(benefits):
        token, headers = csrf(page), {"HX-Request": "true", "X-CSRF-Token": csrf(page)}
        empty = await client.post(f"/claims/{CLAIM_ID}/document-requests", headers=headers, data={"csrf_token": token})
        benefits.requests = [document_request()]
        again = await client.post(f"/claims/{CLAIM_ID}/document-requests", headers=headers,
                                  data={"csrf_token": token, "kinds": ["other"]})

    assert "请勾选需要补正的全部材料" in empty.text
    assert "一次性告知" in again.text and "不能再次要求补正" in again.text
    assert [path for path, _ in benefits.posted] == [f"/claims/{CLAIM_ID}/document-requests"]


async def test_a_paused_review_shows_its_deadline_the_documents_and_the_receipt() -> None:
    benefits = Benefits(requested=True)
    async for client, page in console(benefits):
        paused = page.select_one('[data-field="review-paused"]').get_text(" ", strip=True)
        listed = [li.get_text(strip=True) for li in page.select('[data-field="requested-documents"] li')]
        request_form = page.select_one(f'form[hx-post="/claims/{CLAIM_ID}/document-requests"]')
        token = csrf(page)
        received = await client.post(f"/claims/{CLAIM_ID}/document-requests/{REQUEST_ID}/receipt",
                                     headers={"HX-Request": "true", "X-CSRF-Token": token}, data={"csrf_token": token})
        forged = await client.post(f"/claims/{CLAIM_ID}/document-requests/{REQUEST_ID}/receipt",
                                   data={"csrf_token": "forged"})

    assert "已暂停" in paused and "2027年01月01日" in paused and "已超期" not in page.get_text()
    assert listed == ["解除或者终止劳动关系的证明：原单位出具的终止劳动合同证明",
                      "本人银行账户（社会保障卡金融账户）信息：本人银行账户（社会保障卡金融账户）信息"]
    assert request_form is None  # asked once: no second form (R-RFI-1)
    assert page.select_one('[data-field="documents-status"]').get_text(strip=True) == "等待补正"
    assert received.status_code == 200 and "审核期限至 2026年12月12日" in received.text
    assert forged.status_code in (400, 403)
    assert benefits.posted == [(f"/claims/{CLAIM_ID}/document-requests/{REQUEST_ID}/receipt", {})]


async def test_the_worklist_shows_a_paused_claim_as_awaiting_documents() -> None:
    async for client, _ in console(Benefits(requested=True)):
        page = await client.get("/worklists/claims", headers={"HX-Request": "true"})

    soup = BeautifulSoup(page.text, "html.parser")
    [row] = [tr for tr in soup.select("tbody tr") if tr.select_one(f'a[href="/claims/{CLAIM_ID}/review"]')]
    cells = [td.get_text(strip=True) for td in row.select("td")]
    assert "等待补正" in cells and "补正期限至 2027年01月01日" in cells
    assert not any("已超期" in c or "天" in c for c in cells)


def test_the_ticked_kinds_keep_their_order_once_each() -> None:
    form = {"description_other": "  近三个月的居住证明  "}
    assert requested_documents(["other", "bank_account", "other"], form) == [
        {"kind": "other", "description": "近三个月的居住证明"},
        {"kind": "bank_account", "description": "本人银行账户（社会保障卡金融账户）信息"},
    ]
