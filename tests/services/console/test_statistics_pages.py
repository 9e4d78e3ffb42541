"""统计 (issue 11, item 8): the re-employment rate of people who drew benefit, the numbers trained
and placed (employment service), subsidy spending (R-SUB-1, the benefits fund report), as chart
data beside their tables, and CSV downloads (UTF-8 with a BOM; numbers stay numbers). Months are
China months (R-TIME-1). The services are stood in for by answers built from their schemas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup

from services.benefits.ledger.schemas import FundReportLine, FundReportRead
from services.console.main import create_app
from services.console.settings import ConsoleSettings
from services.employment.statistics.schemas import ReemploymentFigures
from services.employment.statistics.service import to_csv
from tests.clock import TestClock

# 01:30 on 2 December in China, still 1 December in UTC: this China month is 2026-12.
NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)
FORBIDDEN = {"code": "forbidden", "message": "当前角色无权执行此操作", "field": None}


def figures(district: str, period: str, drew: int, reemployed: int, trained: int = 0, referral: int = 0) -> ReemploymentFigures:
    rate = (Decimal(reemployed) * 100 / drew).quantize(Decimal("0.1")) if drew else None
    return ReemploymentFigures(district=district, period=period, drew_benefit=drew, reemployed=reemployed,
                               reemployment_rate=rate, placements=reemployed + 1, placed_through_referral=referral,
                               trained=trained)


MONTHLY = [
    figures("430102", "2026-11", 10, 4, trained=2, referral=1),
    figures("430103", "2026-11", 5, 2, trained=1),
    figures("430102", "2026-12", 8, 3, trained=3, referral=2),
]
YEARLY = [figures("430102", "2026", 20, 9, trained=5), figures("430103", "2026", 6, 2)]
SUBSIDY_LINES = {
    "2026-11": [("430100", "training_subsidy", "1000.00"), ("430100", "benefit", "99999.00"),
                ("430200", "training_subsidy", "700.00")],
    "2026-12": [("430100", "referral_subsidy", "300.00"), ("430100", "skill_upgrade_subsidy", "-12.50")],
}


def report(month: str) -> dict[str, Any]:
    lines = [FundReportLine(city=c, kind=k, outflow=max(Decimal(n), Decimal(0)), reversed=max(-Decimal(n), Decimal(0)),
                            net=Decimal(n), entries=1) for c, k, n in SUBSIDY_LINES.get(month, [])]
    return FundReportRead(month=month, lines=lines, total_net=sum((x.net for x in lines), Decimal(0))).model_dump(mode="json")


class Services:
    def __init__(self, *, employment: int = 200, benefits: int = 200) -> None:
        self.employment, self.benefits = employment, benefits
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        host, path, params = request.url.host, request.url.path, request.url.params
        if host == "employment" and self.employment != 200:
            return httpx.Response(self.employment, json=FORBIDDEN)
        if host == "benefits" and self.benefits != 200:
            return httpx.Response(self.benefits, json=FORBIDDEN)
        if (host, path) == ("employment", "/statistics/reemployment"):
            if params.get("format") == "csv":
                return httpx.Response(200, content=("\ufeff" + to_csv(MONTHLY)).encode(), headers={
                    "content-type": "text/csv; charset=utf-8",
                    "content-disposition": 'attachment; filename="reemployment_2026-11_2026-12.csv"'})
            return httpx.Response(200, json=[f.model_dump(mode="json") for f in MONTHLY])
        if (host, path) == ("employment", "/statistics/reemployment/yearly"):
            return httpx.Response(200, json=[f.model_dump(mode="json") for f in YEARLY])
        if (host, path) == ("benefits", "/fund-ledger/report"):
            return httpx.Response(200, json=report(params["month"]))
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})

    def asked(self, host: str, path: str) -> list[httpx.Request]:
        return [r for r in self.seen if r.url.host == host and r.url.path == path]


async def signed_in(services: Services, role: str = "operations") -> AsyncIterator[httpx.AsyncClient]:
    clock = TestClock()
    clock.at = NOW
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")
    app = create_app(settings, clock=clock, transport=httpx.MockTransport(services))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console.test") as client:
            district = "430102" if role == "service_point" else ""
            assert (await client.post("/signin/dev", data={"role": role, "name": "周统计", "district": district})).status_code == 303
            yield client


def cells(row: Any) -> list[str]:
    return [c.get_text(strip=True) for c in row.select("th, td")]


@pytest.fixture
def services() -> Services:
    return Services()


async def test_the_default_view_is_the_last_six_china_months_and_this_year(services: Services) -> None:
    async for client in signed_in(services):
        soup = BeautifulSoup((await client.get("/statistics")).text, "html.parser")
        asked = services.asked("employment", "/statistics/reemployment")[0].url.params
        assert (asked["from_month"], asked["to_month"]) == ("2026-07", "2026-12")
        assert services.asked("employment", "/statistics/reemployment/yearly")[0].url.params["year"] == "2026"
        assert sorted(r.url.params["month"] for r in services.asked("benefits", "/fund-ledger/report")) == [
            f"2026-{m:02d}" for m in range(7, 13)]
        assert soup.select_one("#from-month")["value"] == "2026-07" and soup.select_one("#to-month")["value"] == "2026-12"
        for control in soup.select("input:not([type=hidden]), select"):
            assert soup.select_one(f'label[for="{control["id"]}"]') is not None, control


async def test_monthly_figures_are_summed_over_districts_with_the_rate_recomputed(services: Services) -> None:
    async for client in signed_in(services):
        soup = BeautifulSoup((await client.get("/statistics?from_month=2026-11&to_month=2026-12")).text, "html.parser")
        rows = {r["data-period"]: cells(r) for r in soup.select("#monthly-totals tbody tr")}
        # 2026-11: 6 of 15 re-employed = 40.0%; 2026-12: 3 of 8 = 37.5%.
        assert rows["2026-11"] == ["2026-11", "15", "6", "40.0%", "3", "8", "1"]
        assert rows["2026-12"] == ["2026-12", "8", "3", "37.5%", "3", "4", "2"]
        assert all(th["scope"] == "col" for th in soup.select("#monthly-totals thead th"))
        rate = json.loads(soup.select_one("#chart-rate").string)
        assert rate["type"] == "line" and rate["categories"] == ["2026-11", "2026-12"]
        assert rate["series"][0]["data"] == [40.0, 37.5]
        counts = json.loads(soup.select_one("#chart-counts").string)
        assert {s["name"]: s["data"] for s in counts["series"]}["培训结业人数"] == [3, 3]
        for holder in soup.select("[data-chart]"):
            assert holder["role"] == "img" and "数据见下表" in holder["aria-label"]
            assert soup.select_one(f'script[type="application/json"]#{holder["data-chart"]}') is not None
        assert [cells(r)[0] for r in soup.select("#monthly-lines tbody tr")] == ["430102", "430103", "430102"]
        yearly_total = cells(soup.select_one("#yearly-lines tfoot tr"))
        assert yearly_total[:4] == ["合计", "26", "11", "42.3%"]
        assert soup.select_one('script[src="/static/vendor/echarts.min.js"]') is not None


async def test_subsidy_spending_comes_from_the_fund_reports_subsidy_lines(services: Services) -> None:
    async for client in signed_in(services):
        soup = BeautifulSoup((await client.get("/statistics?from_month=2026-11&to_month=2026-12")).text, "html.parser")
        rows = {r["data-period"]: cells(r) for r in soup.select("#subsidy-table tbody tr")}
        # Every city's subsidies, no benefit line; a reversal larger than the month's outflow is negative.
        assert rows["2026-11"] == ["2026-11", "¥1,700.00", "¥0.00", "¥0.00", "¥1,700.00"]
        assert rows["2026-12"] == ["2026-12", "¥0.00", "¥300.00", "-¥12.50", "¥287.50"]
        chart = json.loads(soup.select_one("#chart-subsidies").string)
        assert [s["name"] for s in chart["series"]] == ["职业培训补贴", "职业介绍补贴", "技能提升补贴"]
        # A district's figures: the subsidies of its city (the fund is kept by city).
        district = BeautifulSoup((await client.get(
            "/statistics?from_month=2026-11&to_month=2026-11&district=430102")).text, "html.parser")
        assert cells(district.select_one("#subsidy-table tbody tr"))[1] == "¥1,000.00"
        assert services.asked("employment", "/statistics/reemployment")[-1].url.params["district"] == "430102"


async def test_the_subsidy_csv_has_a_bom_chinese_headers_and_numbers_as_numbers(services: Services) -> None:
    async for client in signed_in(services):
        response = await client.get("/statistics.csv?table=subsidies&from_month=2026-11&to_month=2026-12")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="subsidies_2026-11_2026-12.csv"'
        assert response.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["月份", "职业培训补贴", "职业介绍补贴", "技能提升补贴", "合计"]
        assert rows[1:] == [["2026-11", "1700.00", "0.00", "0.00", "1700.00"],
                            ["2026-12", "0.00", "300.00", "-12.50", "287.50"]]  # -12.50 is data, not a formula


async def test_the_monthly_csv_is_the_employment_services_own_byte_for_byte(services: Services) -> None:
    async for client in signed_in(services):
        response = await client.get("/statistics.csv?table=monthly&from_month=2026-11&to_month=2026-12")
        assert response.content == ("\ufeff" + to_csv(MONTHLY)).encode()
        assert response.headers["content-disposition"] == 'attachment; filename="reemployment_2026-11_2026-12.csv"'
        asked = services.asked("employment", "/statistics/reemployment")[-1].url.params
        assert asked["format"] == "csv" and asked["from_month"] == "2026-11"


async def test_a_section_the_service_refuses_shows_its_message_and_the_others_still_show() -> None:
    # Finance reads the fund, not the employment figures; a case manager the other way round.
    finance = Services(employment=403)
    async for client in signed_in(finance, role="finance"):
        soup = BeautifulSoup((await client.get("/statistics?from_month=2026-11&to_month=2026-12")).text, "html.parser")
        alerts = [a.get_text(strip=True) for a in soup.select('[role="alert"]')]
        assert alerts == ["暂时无法获取：当前角色无权执行此操作"] * 2  # monthly and yearly
        assert soup.select_one("#subsidy-table") is not None
    case_manager = Services(benefits=403)
    async for client in signed_in(case_manager, role="case_manager"):
        soup = BeautifulSoup((await client.get("/statistics?from_month=2026-11&to_month=2026-12")).text, "html.parser")
        assert soup.select_one("#monthly-totals") is not None
        subsidies = soup.select_one("#subsidies-h").find_parent("section")
        assert subsidies.select_one('[role="alert"]').get_text(strip=True) == "暂时无法获取：当前角色无权执行此操作"


async def test_an_inverted_month_range_is_refused_in_chinese(services: Services) -> None:
    async for client in signed_in(services):
        soup = BeautifulSoup((await client.get("/statistics?from_month=2026-12&to_month=2026-01")).text, "html.parser")
        subsidies = soup.select_one("#subsidies-h").find_parent("section")
        assert "结束月份不能早于开始月份" in subsidies.select_one('[role="alert"]').get_text()
        assert not services.asked("benefits", "/fund-ledger/report")
        csv_answer = await client.get("/statistics.csv?table=subsidies&from_month=2026-12&to_month=2026-01")
        assert csv_answer.status_code == 422 and csv_answer.text == "结束月份不能早于开始月份"


async def test_statistics_are_not_for_a_service_point(services: Services) -> None:
    async for client in signed_in(services, role="service_point"):
        assert (await client.get("/statistics")).status_code == 403
        assert (await client.get("/statistics.csv")).status_code == 403
