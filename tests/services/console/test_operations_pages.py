"""运行监控 (issue 11, item 6): journeys counted by stage × district, reviews due within 7 China
days (R-REV-1, R-REG-1), overdue reviews, the outbox per service, failing activities and the
Schedules, with links into the Temporal UI; no name or ID number anywhere (PIPL art. 28). The
services are stood in for by answers built from their own response schemas."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup

from contracts.journey import CLAIMANT_JOURNEY_PREFIX
from services.benefits.claims.schemas import ClaimRead
from services.console.main import create_app
from services.console.settings import ConsoleSettings
from services.registration.journey.schemas import JourneyCountRead, JourneySummaryRead
from services.registration.operations.schemas import FailingActivityRead, FailingWorkflowsRead, ScheduleRead
from shared.outbox_routes import OutboxItemRead, OutboxStatusRead
from tests.clock import TestClock
from tests.factories import id_number

# 01:30 on 2 December in China, still 1 December in UTC: China days are counted (R-TIME-1).
NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)
TEMPORAL_UI = "http://temporal-ui.test"
NAMESPACE = "uis-ops-test"
# What the pages must never show, put where a careless page would pick it up.
NAME = "欧阳秀英"
ID_NUMBER = id_number()
EMPLOYER_NAME = "长沙测试机械有限公司"
LEGAL_REPRESENTATIVE = "司马大伟"
FORBIDDEN = "当前角色无权执行此操作"
Handler = Callable[[httpx.Request], httpx.Response]


def json_of(model: Any) -> Any:
    return model.model_dump(mode="json")


def china_end_of(day: dt.date) -> str:
    """23:59:59 of a China day, as the benefits service writes review_due_at (UTC)."""
    return (dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.timezone(dt.timedelta(hours=8)))
            .astimezone(dt.UTC).isoformat())


def claim(due_in_days: int, district: str = "430102") -> dict[str, Any]:
    today = dt.date(2026, 12, 2)
    model = ClaimRead(
        id=uuid.uuid4(), registration_id=uuid.uuid4(), person_id=uuid.uuid4(), district=district,
        registration_date=today, separation_date=today - dt.timedelta(days=20), separation_reason="contract_expired",
        claim_date=today, status="pending_review", opened_at=NOW, review_due_at=china_end_of(today + dt.timedelta(days=due_in_days)),
        review_overdue=due_in_days < 0, evidence=None, eligibility=None, benefit_start_date=None, base_months=None,
        carried_over_months=None, previous_claim_id=None, entitlement_months=None, entitlement_basis=None,
        monthly_amount=None, calculation=None, decided_by=None, decided_at=None, decision_reason=None,
        decision_rules=None, stop_reason=None, stop_effective_date=None, stop_evidence_ref=None, stopped_by=None,
    )
    # Not fields of ClaimRead: had a service added them, the page must still not show them.
    return json_of(model) | {"applicant_name": NAME, "id_number": ID_NUMBER}


def employer(due_on: dt.date) -> dict[str, Any]:
    """The fields of registration's EmployerRead the page could pick up (names among them)."""
    return {"id": str(uuid.uuid4()), "uscc": "91430102MA4L000072", "name": EMPLOYER_NAME, "district": "430103",
            "legal_representative": LEGAL_REPRESENTATIVE, "contacts": [{"name": NAME, "phone": "13800000000"}],
            "status": "under_review", "accepted_on": "2026-11-25", "review_due_on": due_on.isoformat(),
            "review_overdue": False}


def workflow_id(registration_id: uuid.UUID) -> str:
    return f"{CLAIMANT_JOURNEY_PREFIX}{registration_id}"


OVERDUE_REGISTRATION = uuid.uuid4()
FAILING_REGISTRATION = uuid.uuid4()


def outbox(failing: bool) -> dict[str, Any]:
    items = [OutboxItemRead(id=7, command="signal", workflow_id=workflow_id(FAILING_REGISTRATION), attempts=4,
                            last_error="temporal unavailable", created_at=NOW - dt.timedelta(minutes=5),
                            next_attempt_at=NOW + dt.timedelta(seconds=30))] if failing else []
    return json_of(OutboxStatusRead(unsent=len(items) + 2, failing=len(items), oldest_unsent_at=NOW - dt.timedelta(minutes=5),
                                    oldest_unsent_age_seconds=300.0, items=items))


def answers(**overrides: httpx.Response) -> dict[tuple[str, str], httpx.Response]:
    today = dt.date(2026, 12, 2)
    routes = {
        ("registration", "/journeys/counts"): httpx.Response(200, json=[json_of(c) for c in (
            JourneyCountRead(stage="on_benefit", district="430102", count=3),
            JourneyCountRead(stage="claim_review", district="430103", count=2),
            JourneyCountRead(stage="on_benefit", district="430103", count=1),
            JourneyCountRead(stage=None, district="430102", count=1),
        )]),
        ("benefits", "/claims"): httpx.Response(200, json=[claim(3), claim(0, "430103"), claim(9), claim(-1)]),
        ("registration", "/employers"): httpx.Response(200, json=[employer(today + dt.timedelta(days=5)),
                                                                 employer(today + dt.timedelta(days=20))]),
        ("registration", "/journeys"): httpx.Response(200, json=[json_of(JourneySummaryRead(
            registration_id=OVERDUE_REGISTRATION, workflow_id=workflow_id(OVERDUE_REGISTRATION), status="RUNNING",
            stage="claim_review", district="430102", review_overdue=True, started_at=NOW - dt.timedelta(days=12)))]),
        ("registration", "/operations/outbox"): httpx.Response(200, json=outbox(False)),
        ("benefits", "/operations/outbox"): httpx.Response(200, json=outbox(True)),
        ("employment", "/operations/outbox"): httpx.Response(
            503, json={"code": "database_unavailable", "message": "数据库暂时不可用", "field": None}),
        ("registration", "/operations/workflows/failing"): httpx.Response(200, json=json_of(FailingWorkflowsRead(
            described=5, more_running=False, items=[FailingActivityRead(
                workflow_id=workflow_id(FAILING_REGISTRATION), registration_id=FAILING_REGISTRATION, stage="on_benefit",
                district="430102", activity_id="3", activity_type="record_payment", state="SCHEDULED", attempt=6,
                maximum_attempts=None, last_failure="benefits service answered 503", last_attempt_at=NOW,
                next_attempt_at=NOW + dt.timedelta(minutes=1))]))),
        ("registration", "/operations/schedules"): httpx.Response(200, json=[json_of(ScheduleRead(
            schedule_id="employer-review-sweep", workflow_type="EmployerReviewSweep",
            next_action_times=[dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)], last_action_at=None, paused=False))]),
    }
    return routes | {tuple(k.split(":", 1)): v for k, v in overrides.items()}  # type: ignore[misc]


class Services:
    """The three services on one mock transport; it notes who asked for what."""

    def __init__(self, routes: dict[tuple[str, str], httpx.Response]) -> None:
        self.routes = routes
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        response = self.routes.get((request.url.host, request.url.path))
        if response is None:
            return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})
        return response


def settings() -> ConsoleSettings:
    return ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                           employment_url="http://employment", temporal_ui_url=TEMPORAL_UI + "/",
                           UIS_TEMPORAL_NAMESPACE=NAMESPACE)


async def signed_in(services: Services, role: str = "operations") -> AsyncIterator[httpx.AsyncClient]:
    clock = TestClock()
    clock.at = NOW
    app = create_app(settings(), clock=clock, transport=httpx.MockTransport(services))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            district = "430102" if role == "service_point" else ""
            signed = await client.post("/signin/dev", data={"role": role, "name": "赵运维", "district": district})
            assert signed.status_code == 303
            yield client


async def section(client: httpx.AsyncClient, key: str) -> BeautifulSoup:
    response = await client.get(f"/operations/sections/{key}", headers={"HX-Request": "true"})
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def services() -> Services:
    return Services(answers())


async def test_the_page_loads_each_section_with_htmx_and_refreshes_it_every_15_seconds(services: Services) -> None:
    async for client in signed_in(services):
        soup = BeautifulSoup((await client.get("/operations")).text, "html.parser")
        loaded = {s["hx-get"]: s["hx-trigger"] for s in soup.select("section[hx-get]")}
        assert loaded == {f"/operations/sections/{key}": "load, every 15s"
                          for key in ("journeys", "deadlines", "overdue", "outbox", "failing", "schedules")}
        assert soup.find("a", href=f"{TEMPORAL_UI}/namespaces/{NAMESPACE}/workflows") is not None


async def test_open_journeys_land_in_their_stage_and_district_cell(services: Services) -> None:
    async for client in signed_in(services):
        soup = await section(client, "journeys")
        table = soup.select_one("#journey-counts")
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        assert headers[:3] == ["区县", "已失业登记", "待审核"] and headers[-2:] == ["阶段未定", "合计"]

        def cell(district: str, stage: str) -> str:
            return table.select_one(f'td[data-district="{district}"][data-stage="{stage}"]').get_text(strip=True)

        assert cell("430102", "on_benefit") == "3"
        assert cell("430103", "on_benefit") == "1"
        assert cell("430103", "claim_review") == "2"
        assert cell("430102", "claim_review") == "0"
        assert cell("430102", "") == "1"  # a journey that has not set its stage yet
        assert [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")] == ["430102", "430103"]
        assert table.select_one("tfoot").select("td")[-1].get_text(strip=True) == "7"


async def test_reviews_due_within_7_china_days_are_counted_by_district_and_listed(services: Services) -> None:
    async for client in signed_in(services):
        soup = await section(client, "deadlines")
        claims = soup.select_one('table[data-list="claims"]')
        rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in claims.select("tbody tr")]
        # Due today and in 3 days; not the one 9 days out, nor the overdue one (its own section).
        assert [r[:3] for r in rows] == [["430103", "2026年12月02日", "今天到期"], ["430102", "2026年12月05日", "剩余 3 天"]]
        assert all(a["href"].startswith("/claims/") and a["href"].endswith("/review") for a in claims.select("a"))
        by_district = soup.select_one('[data-list="claims-by-district"]')
        assert [[c.get_text(strip=True) for c in pair.select("dt, dd")] for pair in by_district.select("div")] == [
            ["430102", "1 件"], ["430103", "1 件"]]
        employers = soup.select_one('table[data-list="employers"]')
        assert [[td.get_text(strip=True) for td in tr.select("td")][:3] for tr in employers.select("tbody tr")] == [
            ["430103", "2026年12月07日", "剩余 5 天"]]
    assert any(r.url.host == "benefits" and r.url.params["status"] == "pending_review" for r in services.seen)


async def test_overdue_reviews_and_failing_activities_link_into_the_temporal_ui(services: Services) -> None:
    async for client in signed_in(services):
        overdue = await section(client, "overdue")
        link = f"{TEMPORAL_UI}/namespaces/{NAMESPACE}/workflows/{workflow_id(OVERDUE_REGISTRATION)}"
        assert overdue.find("a", href=link) is not None
        assert str(OVERDUE_REGISTRATION) in overdue.get_text() and "待审核" in overdue.get_text()
        failing = await section(client, "failing")
        row = failing.select_one("tbody tr")
        assert row.select_one("a")["href"].endswith(f"/workflows/{workflow_id(FAILING_REGISTRATION)}")
        text = row.get_text(" ", strip=True)
        assert "record_payment" in text and "6" in text and "benefits service answered 503" in text
        assert "领取失业保险金" in text


async def test_the_outbox_shows_each_service_and_a_service_that_is_down_says_so_alone(services: Services) -> None:
    async for client in signed_in(services):
        soup = await section(client, "outbox")
        assert soup.select_one('[data-outbox="registration"]').get_text(" ", strip=True).startswith("未送达 2 条")
        benefits = soup.select_one('[data-outbox="benefits"]')
        assert "未送达 3 条" in benefits.get_text(" ", strip=True) and "5 分 0 秒" in benefits.get_text()
        failing_row = benefits.find_next("table").select_one("tbody tr").get_text(" ", strip=True)
        assert "temporal unavailable" in failing_row and " 4 " in f" {failing_row} " and "5 分 0 秒" in failing_row
        assert soup.select_one('[data-outbox="employment"]') is None
        assert "暂时无法获取：数据库暂时不可用" in soup.get_text()


async def test_schedules_show_their_next_run_in_china_time(services: Services) -> None:
    async for client in signed_in(services):
        soup = await section(client, "schedules")
        row = soup.select_one("tbody tr").get_text(" ", strip=True)
        assert "employer-review-sweep" in row and "2026年12月02日 09:00" in row and "运行中" in row
        assert soup.find("a", href=f"{TEMPORAL_UI}/namespaces/{NAMESPACE}/schedules/employer-review-sweep")


async def test_no_name_or_id_number_appears_anywhere_on_the_operations_pages(services: Services) -> None:
    async for client in signed_in(services):
        pages = [(await client.get("/operations")).text]
        for key in ("journeys", "deadlines", "overdue", "outbox", "failing", "schedules"):
            pages.append((await client.get(f"/operations/sections/{key}", headers={"HX-Request": "true"})).text)
            pages.append((await client.get(f"/operations/sections/{key}")).text)  # opened without htmx
        everything = "\n".join(pages)
        for secret in (NAME, ID_NUMBER, EMPLOYER_NAME, LEGAL_REPRESENTATIVE):
            assert secret not in everything
        assert "赵运维" in pages[0]  # the signed-in staff member's own name is in the top bar, nothing else


async def test_a_section_the_service_refuses_to_this_role_shows_its_message_and_the_rest_still_shows() -> None:
    refused = httpx.Response(403, json={"code": "forbidden", "message": FORBIDDEN, "field": None})
    services = Services(answers(**{"registration:/operations/schedules": refused}))
    async for client in signed_in(services, role="case_manager"):
        schedules = await section(client, "schedules")
        assert schedules.select_one('[role="alert"]').get_text(strip=True) == f"暂时无法获取：{FORBIDDEN}"
        journeys = await section(client, "journeys")
        assert journeys.select_one("#journey-counts") is not None


async def test_a_service_that_cannot_be_reached_blanks_only_its_section() -> None:
    def unreachable(request: httpx.Request) -> httpx.Response:
        if request.url.host == "registration":
            raise httpx.ConnectError("refused", request=request)
        return Services(answers())(request)

    clock = TestClock()
    clock.at = NOW
    app = create_app(settings(), clock=clock, transport=httpx.MockTransport(unreachable))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": "operations", "name": "赵运维"})
            journeys = await section(client, "journeys")
            assert "服务暂时不可用，请稍后重试" in journeys.get_text()
            deadlines = await section(client, "deadlines")
            assert deadlines.select_one('table[data-list="claims"]') is not None  # benefits still answers


async def test_operations_is_not_for_a_service_point_or_finance(services: Services) -> None:
    for role in ("service_point", "finance"):
        async for client in signed_in(services, role=role):
            assert (await client.get("/operations")).status_code == 403
            assert (await client.get("/operations/sections/journeys", headers={"HX-Request": "true"})).status_code == 403
