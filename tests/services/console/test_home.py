"""工作台 worklists: counts, R-REV-1 countdowns in China days, overdue lines marked; a list the
service refuses to this role is left out, a service that is down says so (in Chinese)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from bs4 import BeautifulSoup

from services.console.main import create_app
from services.console.settings import ConsoleSettings
from tests.clock import TestClock

TODAY_INSTANT = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)  # 01:30 on 2 December in China
Handler = Callable[[httpx.Request], httpx.Response]


def claim(claim_id: str, due: str, overdue: bool = False) -> dict:
    return {"id": claim_id, "registration_id": f"r-{claim_id}", "district": "430102", "claim_date": "2026-11-30",
            "review_due_at": due, "review_overdue": overdue, "status": "pending_review"}


def services(routes: dict[str, httpx.Response]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        for path, response in routes.items():
            if request.url.path == path:
                return response
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})
    return handler


async def signed_in(handler: Handler, role: str = "case_manager", district: str = "") -> AsyncIterator[httpx.AsyncClient]:
    clock = TestClock()
    clock.at = TODAY_INSTANT
    app = create_app(ConsoleSettings(), clock=clock, transport=httpx.MockTransport(handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": "王经办", "district": district})
            yield client


@pytest.fixture
def claims_handler() -> Handler:
    return services({
        "/claims": httpx.Response(200, json=[
            claim("a", "2026-12-11T15:59:59+00:00"),  # 23:59 on 11 December in China: 9 days left
            claim("b", "2026-11-30T15:59:59+00:00", overdue=True),
        ]),
        "/unemployment-registrations/r-a": httpx.Response(200, json={"name_masked": "张*"}),
        "/unemployment-registrations/r-b": httpx.Response(200, json={"name_masked": "李*"}),
    })


async def test_claims_awaiting_decision_count_down_in_china_days(claims_handler: Handler) -> None:
    async for client in signed_in(claims_handler):
        page = await client.get("/worklists/claims", headers={"HX-Request": "true"})
        soup = BeautifulSoup(page.text, "html.parser")
        assert soup.select_one(".badge.info").get_text(strip=True) == "2"
        assert "超期 1" in soup.get_text()
        rows = soup.select("tbody tr")
        # The most urgent first, whatever order the service answered in.
        assert [r.select("td")[0].get_text() for r in rows] == ["李*", "张*"]
        assert "已超期 2 天" in rows[0].get_text() and "overdue-row" in rows[0]["class"]
        assert "剩余 9 天" in rows[1].get_text() and "overdue-row" not in rows[1].get("class", [])
        assert rows[1].select_one("a")["href"] == "/claims/a/review"


async def test_home_shows_the_roles_worklists_only(claims_handler: Handler) -> None:
    async for client in signed_in(claims_handler, role="finance"):
        soup = BeautifulSoup((await client.get("/")).text, "html.parser")
        ids = {s["id"] for s in soup.select("section[id^=worklist-]")}
        # R-HOLD-1: finance sees the holds too; R-CTRL-1: the payroll releases others prepared.
        assert ids == {"worklist-withheld", "worklist-payment-holds", "worklist-approvals-release"}
        assert (await client.get("/worklists/claims")).status_code == 403


async def test_a_refused_list_is_left_out_and_an_unreachable_one_says_so() -> None:
    handler = services({
        "/stop-proposals": httpx.Response(403, json={"code": "forbidden", "message": "当前角色无权执行此操作", "field": None}),
        "/audit/review-items": httpx.Response(503, json={"code": "database_unavailable", "message": "数据库暂时不可用", "field": None}),
    })
    async for client in signed_in(handler):
        refused = await client.get("/worklists/stop-proposals", headers={"HX-Request": "true"})
        assert "当前角色不查看此清单" in refused.text
        down = await client.get("/worklists/audit", headers={"HX-Request": "true"})
        assert "暂时无法获取：数据库暂时不可用" in down.text
