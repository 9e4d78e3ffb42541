"""不予发放补贴 in the console (R-SUB-1, R-NOTICE-1): the benefits service's refusals, newest first as
it answers them, a page at a time (one more asked than shown, for the next page's link), each with
its 一条龙 link and, for a case manager, its 决定书 PDF; finance reads it too, a service point not.
The benefits service is a MockTransport answering with its own schema."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup

from services.benefits.subsidies.schemas import SubsidyRefusalRead
from services.console.main import create_app
from services.console.settings import ConsoleSettings
from services.console.subsidies.routes import PAGE


def refusal(n: int) -> dict[str, Any]:
    return SubsidyRefusalRead(
        id=uuid.uuid4(), claim_id=uuid.uuid4(), registration_id=uuid.uuid4(), district="430102",
        kind="training_subsidy", event_ref=f"train-{n}", requested_amount="800.00", requested_on="2026-11-20",
        occupation=None, certificate_level=None, code="claim_not_on_benefit", message="申领未核准, 不能发放补贴",
        refused_by="cm-1", refused_at=f"2026-11-{20 - n % 20:02d}T02:00:00+00:00", notice_id=uuid.uuid4(),
    ).model_dump(mode="json")


class Services:
    def __init__(self, count: int) -> None:
        self.refusals = [refusal(n) for n in range(count)]
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if (request.url.host, request.url.path) == ("benefits", "/subsidy-refusals"):
            offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
            return httpx.Response(200, json=self.refusals[offset:offset + limit])
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


@pytest.fixture
def services() -> Services:
    return Services(PAGE + 3)


async def signed_in(services: Services, role: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")
    app = create_app(settings, transport=httpx.MockTransport(services.handler))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            await client.post("/signin/dev", data={"role": role, "name": "王审核", "district": "430102"})
            yield client


async def test_the_refusals_are_shown_a_page_at_a_time_with_their_links(services: Services) -> None:
    async for client in signed_in(services, "case_manager"):
        first = await client.get("/subsidy-refusals")
        second = await client.get("/subsidy-refusals", params={"district": "430102", "offset": PAGE})
    assert first.status_code == 200, first.text
    page = BeautifulSoup(first.text, "html.parser")
    rows = page.select("tbody tr")
    assert len(rows) == PAGE
    cells = [td.get_text(strip=True) for td in rows[0].select("td")]
    assert cells[:6] == ["2026年11月20日", "职业培训补贴", "train-0", "¥800.00", "430102", "申领未核准, 不能发放补贴"]
    links = [a["href"] for a in rows[0].select("a")]
    top = services.refusals[0]
    assert links == [f"/journeys/{top['registration_id']}", f"/decision-notices/{top['notice_id']}.pdf"]
    assert [a.get_text() for a in page.select("nav.pager a")] == ["下一页"]
    later = BeautifulSoup(second.text, "html.parser")
    assert [r.select("td")[2].get_text(strip=True) for r in later.select("tbody tr")] == [
        f"train-{n}" for n in range(PAGE, PAGE + 3)]
    assert [a.get_text() for a in later.select("nav.pager a")] == ["上一页"]
    asked = [dict(r.url.params) for r in services.requests if r.url.path == "/subsidy-refusals"]
    assert asked == [{"limit": str(PAGE + 1), "offset": "0"},
                     {"district": "430102", "limit": str(PAGE + 1), "offset": str(PAGE)}]


async def test_finance_reads_the_list_without_the_pdf_and_a_service_point_may_not(services: Services) -> None:
    async for client in signed_in(services, "finance"):
        finance = await client.get("/subsidy-refusals")
    async for client in signed_in(services, "service_point"):
        desk = await client.get("/subsidy-refusals")
    rows = BeautifulSoup(finance.text, "html.parser").select("tbody tr")
    assert finance.status_code == 200 and len(rows) == PAGE
    assert [a.get_text() for a in rows[0].select("a")] == ["一条龙服务"]
    assert desk.status_code == 403
