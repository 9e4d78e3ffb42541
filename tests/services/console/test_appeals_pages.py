"""行政复议与诉讼 (R-APPEAL-1) in the console, against a MockTransport answering with the benefits
service's own schemas: the form beside each notice on the journey page, recording an appeal with
the CSRF token, the appeal's page with its reply deadline and outcome form, the outcome posted, the
工作台 worklist 复议答复期限 with the close ones escalated, and the service's refusal shown."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
from bs4 import BeautifulSoup

from services.benefits.appeals.schemas import AppealRead, RevokedStopRead
from services.console.main import create_app
from services.console.sessions import SESSION_COOKIE
from services.console.settings import ConsoleSettings
from tests.clock import TestClock
from tests.services.console.test_notices import APPROVED, Services

NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)  # 2 December in China
APPEAL_ID, NOTICE_ID, CLAIM_ID = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())


def appeal(**overrides: Any) -> dict[str, Any]:
    read = AppealRead(
        id=APPEAL_ID, notice_id=NOTICE_ID, notice_kind="claim_rejected", claim_id=CLAIM_ID,
        registration_id=uuid.uuid4(), person_id=uuid.uuid4(), district="430102", kind="reconsideration",
        lodged_on="2026-11-20", received_on="2026-11-24", body="长沙市人民政府", case_number="长政复〔2026〕17号",
        recorded_by="sp-1", recorded_at="2026-11-24T02:00:00+00:00", reply_due_on="2026-12-04", reply_filed_on=None,
        reply_filed_by=None, status="open", days_left=2, escalated=True, outcome=None, outcome_decided_on=None,
        outcome_reference=None, outcome_received_on=None, outcome_recorded_by=None, outcome_recorded_at=None,
    )
    return read.model_dump(mode="json") | overrides


class Benefits:
    """The benefits service's appeal endpoints as they answer."""

    def __init__(self) -> None:
        self.appeals = [appeal(), appeal(id=str(uuid.uuid4()), case_number="长政复〔2026〕18号", reply_due_on="2026-12-10",
                                         days_left=8, escalated=False)]
        self.posted: list[tuple[str, dict]] = []
        self.revoked_stops: list[dict] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path == "/appeals":
            return httpx.Response(200, json=self.appeals if request.url.params.get("status") == "open" else [])
        if request.method == "GET" and path == "/appeals/revoked-stops":
            return httpx.Response(200, json=self.revoked_stops)
        if request.method == "GET" and path == f"/appeals/{APPEAL_ID}":
            return httpx.Response(200, json=self.appeals[0])
        if request.method == "POST":
            body = json.loads(request.content)
            self.posted.append((path, body))
            if path == "/appeals" and body["lodged_on"] > "2026-11-30":
                return httpx.Response(409, json={"code": "appeal_window_passed", "field": "lodged_on",
                                                 "message": "行政复议期限已于2026-11-30届满, 不能登记"})
            if path == "/appeals":
                return httpx.Response(201, json=appeal(body=body["body"], case_number=body["case_number"]))
            if path == f"/appeals/{APPEAL_ID}/outcome":
                return httpx.Response(200, json=appeal(notice_kind=self.appeals[0]["notice_kind"],
                                                       status="decided", outcome=body["outcome"],
                                                       outcome_reference=body["reference"], days_left=None))
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


async def console(benefits: Benefits, role: str = "case_manager") -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    clock = TestClock()
    clock.at = NOW
    app = create_app(ConsoleSettings(), clock=clock, transport=httpx.MockTransport(benefits))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": "王经办", "district": "430102"})
            yield client, app.state.sessions.get(client.cookies.get(SESSION_COOKIE)).csrf_token


async def test_the_journey_page_has_an_appeal_form_beside_each_notice() -> None:
    services = Services()
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")
    app = create_app(settings, transport=httpx.MockTransport(services.handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            for role, shown in (("service_point", True), ("auditor", False)):
                await client.post("/signin/dev", data={"role": role, "name": "李窗口", "district": "430102"})
                page = BeautifulSoup((await client.get("/journeys/r1")).text, "html.parser")
                rows = page.select('section[aria-labelledby="notices-heading"] tbody tr')
                forms = [r.select_one('form[hx-post$="/appeals"]') for r in rows]
                assert [f is not None for f in forms] == [shown, shown]
    assert forms == [None, None]


async def test_an_appeal_is_recorded_from_a_notice_with_the_csrf_token() -> None:
    benefits = Benefits()
    async for client, csrf in console(benefits, "service_point"):
        form = {"kind": "reconsideration", "lodged_on": "2026-11-20", "received_on": "2026-12-02",
                "body": "长沙市人民政府", "case_number": "长政复〔2026〕21号"}
        without = await client.post(f"/decision-notices/{APPROVED}/appeals", data=form, headers={"HX-Request": "true"})
        recorded = await client.post(f"/decision-notices/{APPROVED}/appeals", data=form | {"csrf_token": csrf},
                                     headers={"HX-Request": "true"})
        late = await client.post(f"/decision-notices/{APPROVED}/appeals", headers={"HX-Request": "true"},
                                 data=form | {"csrf_token": csrf, "lodged_on": "2026-12-01"})

    assert without.status_code == 403
    assert recorded.status_code == 200 and "已登记行政复议" in recorded.text and "2026-12-04" in recorded.text
    assert BeautifulSoup(recorded.text, "html.parser").find("a", href=f"/appeals/{APPEAL_ID}") is not None
    assert benefits.posted[0] == ("/appeals", {**{k: v for k, v in form.items()}, "notice_id": APPROVED})
    # The service's Chinese refusal, in the panel.
    assert "期限已于2026-11-30届满" in late.text


async def test_the_appeal_page_shows_the_reply_deadline_and_posts_the_outcome() -> None:
    benefits = Benefits()
    async for client, csrf in console(benefits):
        page = BeautifulSoup((await client.get(f"/appeals/{APPEAL_ID}")).text, "html.parser")
        due = page.select_one('[data-field="reply-due"]').get_text(" ", strip=True)
        form = page.select_one(f'form[hx-post="/appeals/{APPEAL_ID}/outcome"]')
        answer = await client.post(f"/appeals/{APPEAL_ID}/outcome", headers={"HX-Request": "true", "X-CSRF-Token": csrf},
                                   data={"outcome": "revoked", "decided_on": "2026-11-30", "received_on": "2026-12-02",
                                         "reference": "长政复决〔2026〕9号"})

    assert "2026年12月04日" in due and "剩余 2 天" in due and "即将到期" in due
    assert form is not None and {o["value"] for o in form.select("option")} == {
        "upheld", "revoked", "changed", "declared_unlawful", "redecide"}
    assert answer.status_code == 200 and "撤销原决定" in answer.text and "补发" in answer.text
    assert benefits.posted == [(f"/appeals/{APPEAL_ID}/outcome", {
        "outcome": "revoked", "decided_on": "2026-11-30", "received_on": "2026-12-02", "reference": "长政复决〔2026〕9号"})]


async def test_the_worklist_lists_open_appeals_most_urgent_first_and_marks_the_escalated() -> None:
    for role in ("case_manager", "service_point", "auditor"):
        async for client, _ in console(Benefits(), role):
            page = await client.get("/worklists/appeals", headers={"HX-Request": "true"})
            assert page.status_code == 200, page.text
            soup = BeautifulSoup(page.text, "html.parser")
            rows = soup.select("tbody tr")
            assert [r.select("td")[2].get_text(strip=True) for r in rows] == ["长政复〔2026〕17号", "长政复〔2026〕18号"]
            assert "剩余 2 天" in rows[0].get_text() and "剩余 8 天" in rows[1].get_text()
            assert soup.find("a", href=f"/appeals/{APPEAL_ID}") is not None
            assert "overdue" in " ".join(rows[0].get("class", [])) and "overdue" not in " ".join(rows[1].get("class", []))
    async for client, _ in console(Benefits(), "finance"):
        assert (await client.get("/worklists/appeals")).status_code == 403


async def test_the_changed_outcome_posts_the_terms_the_body_set_and_only_for_changed() -> None:
    """R-APPEAL-1 with R-CORR-1: 变更 carries the new monthly amount / months / start date
    (OutcomeCreate.changed_terms); the fields are for 变更 only and at least one is needed."""
    benefits = Benefits()
    headers = {"HX-Request": "true"}
    base = {"decided_on": "2026-11-30", "received_on": "2026-12-02", "reference": "长政复决〔2026〕9号"}
    async for client, csrf in console(benefits):
        page = BeautifulSoup((await client.get(f"/appeals/{APPEAL_ID}")).text, "html.parser")
        terms = page.select_one(f'form[hx-post="/appeals/{APPEAL_ID}/outcome"] fieldset[data-for-outcome="changed"]')
        url, form = f"/appeals/{APPEAL_ID}/outcome", base | {"csrf_token": csrf}
        changed = await client.post(url, headers=headers, data=form | {
            "outcome": "changed", "monthly_amount": " 1850.00 ", "entitlement_months": "10", "benefit_start_date": ""})
        upheld = await client.post(url, headers=headers, data=form | {"outcome": "upheld", "monthly_amount": "1850.00"})
        benefits.appeals[0] = appeal(notice_kind="claim_closed_incomplete")
        revoked_closure = await client.post(url, headers=headers, data=form | {"outcome": "revoked"})
        empty = await client.post(url, headers=headers, data=form | {"outcome": "changed"})
        bad_months = await client.post(url, headers=headers, data=form | {"outcome": "changed", "entitlement_months": "十"})

    assert terms is not None
    assert [i["name"] for i in terms.select("input")] == ["monthly_amount", "entitlement_months", "benefit_start_date"]
    assert changed.status_code == 200 and "变更原决定" in changed.text and "重新核算" in changed.text
    assert upheld.status_code == 200 and "维持原决定" in upheld.text
    assert [body for _, body in benefits.posted] == [
        {"outcome": "changed", **base, "changed_terms": {"monthly_amount": "1850.00", "entitlement_months": 10}},
        {"outcome": "upheld", **base},
        {"outcome": "revoked", **base},
    ]
    # R-RFI-1: a closure as incomplete revoked goes back to review (nothing is paid by it).
    assert "原终止办理决定撤销" in revoked_closure.text and "补发" not in revoked_closure.text
    assert "至少填写一项变更后的待遇" in empty.text and "享受月数须为整数" in bad_months.text


REGISTRATION_ID = str(uuid.uuid4())


def revoked_stop(**overrides: Any) -> dict[str, Any]:
    read = RevokedStopRead(
        appeal_id=APPEAL_ID, claim_id=CLAIM_ID, registration_id=REGISTRATION_ID, person_id=uuid.uuid4(),
        district="430102", kind="reconsideration", body="长沙市人民政府", case_number="长政复〔2026〕41号",
        outcome_reference="长政复决〔2026〕41号", outcome_decided_on="2026-11-28", outcome_received_on="2026-11-30",
        outcome_recorded_at="2026-11-30T02:00:00+00:00", stop_reason="re_employment", stop_effective_date="2026-09-24",
        entitlement_months=12, months_drawn=3, months_left=9, stop_overpayments_proposed=2,
        stop_overpayments_total="1234.50", new_claim_id=None,
    )
    return read.model_dump(mode="json") | overrides


async def test_a_revoked_stop_says_nothing_resumes_and_is_on_the_re_registration_worklist() -> None:
    """R-APPEAL-1 with R-STOP-1: the stop had ended the spell; the case manager registers the
    person again from the 工作台 list (the journey page), the stop's proposed overpayments shown."""
    benefits = Benefits()
    benefits.appeals[0] = appeal(notice_kind="benefit_stopped")
    benefits.revoked_stops = [revoked_stop()]
    form = {"outcome": "revoked", "decided_on": "2026-11-28", "received_on": "2026-11-30", "reference": "长政复决〔2026〕41号"}
    async for client, csrf in console(benefits):
        answer = await client.post(f"/appeals/{APPEAL_ID}/outcome", headers={"HX-Request": "true"},
                                   data=form | {"csrf_token": csrf})
        page = await client.get("/worklists/revoked-stops", headers={"HX-Request": "true"})
    async for client, _ in console(benefits, "auditor"):
        by_auditor = await client.get("/worklists/revoked-stops")

    assert answer.status_code == 200 and "原停发决定撤销" in answer.text and "重新办理失业登记" in answer.text
    assert "补发" not in answer.text
    [row] = BeautifulSoup(page.text, "html.parser").select("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[:4] == ["长政复〔2026〕41号", "重新就业", "2026年09月24日", "3 / 9"]
    assert "2 笔" in cells[4] and "1,234.50" in cells[4]
    assert row.find("a", href=f"/journeys/{REGISTRATION_ID}") is not None
    assert by_auditor.status_code == 403
