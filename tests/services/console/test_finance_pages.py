"""财务 (issue 11, item 7) against the real benefits API in process (its PostgreSQL connection
rolled back at the end): a payroll run started from the console (R-PAY-1) shows its count and
control total, the bank file passes through byte for byte, a bank return file is imported and its
rejects listed, the fund ledger (R-FUND-1) shows as tables and chart data; a refusal shows the
service's Chinese message; a form without its CSRF token is refused.

Other tests commit rows to uis_test, so a run may hold more than this test's payments: assertions
are about this test's payments, or about the run's own consistency."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
from collections.abc import AsyncIterator
from decimal import Decimal

import asyncpg
import httpx
import pytest
from bs4 import BeautifulSoup

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.console.main import create_app
from services.console.settings import ConsoleSettings
from shared import db
from shared.deps import Now
from shared.request_clock import set_on_connection
from tests.apps import rolled_back_connection
from tests.clock import TestClock
from tests.conftest import database_url
from tests.factories import auth
from tests.four_eyes import release_run
from tests.services.benefits.factories import computed_claim, pay_months, set_account
from tests.services.benefits.test_payment_holds_factories import release_holds_of, run_releasing_holds

# 01:30 on 2 December in China, still 1 December in UTC (R-TIME-1).
NOW = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)
CHINA_MONTH = "2026-12"


class ByHost(httpx.AsyncBaseTransport):
    """The benefits API in process; the other services answer 404 (the finance pages do not ask them)."""

    def __init__(self, benefits: httpx.AsyncBaseTransport) -> None:
        self.benefits = benefits
        self.seen: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        if request.url.host == "benefits":
            return await self.benefits.handle_async_request(request)
        return httpx.Response(404, json={"code": "not_found", "message": "未找到", "field": None})


class Stack:
    def __init__(self, console: httpx.AsyncClient, benefits: httpx.AsyncClient, transport: ByHost) -> None:
        self.console, self.benefits, self.transport = console, benefits, transport

    async def sign_in(self, role: str = "finance", name: str = "钱会计") -> str:
        """Signs in; the CSRF token of the session."""
        self.console.cookies.clear()
        signed = await self.console.post("/signin/dev", data={"role": role, "name": name, "district": ""})
        assert signed.status_code == 303
        page = BeautifulSoup((await self.console.get("/")).text, "html.parser")
        return page.select_one('input[name="csrf_token"]')["value"]


@pytest.fixture
async def conn(migrated: None) -> AsyncIterator[asyncpg.Connection]:
    async with rolled_back_connection(database_url("benefits")) as c:
        yield c


@pytest.fixture
async def stack(conn: asyncpg.Connection) -> AsyncIterator[Stack]:
    clock = TestClock()
    clock.at = NOW
    service = benefits_app(BenefitsSettings(outbox_relay=False), clock=clock)

    # One rolled-back connection serves the test: requests the console makes at once (the ledger's
    # balances and report) take it in turn, as they would take two connections of the pool.
    turn = asyncio.Lock()

    async def test_conn(now: Now) -> AsyncIterator[asyncpg.Connection]:
        async with turn:
            await set_on_connection(conn, now)
            yield conn

    service.dependency_overrides[db.get_conn] = test_conn
    settings = ConsoleSettings(registration_url="http://registration", benefits_url="http://benefits",
                               employment_url="http://employment")
    async with service.router.lifespan_context(service):
        transport = ByHost(httpx.ASGITransport(app=service))
        console = create_app(settings, clock=clock, transport=transport)
        async with console.router.lifespan_context(console):
            async with (
                httpx.AsyncClient(transport=httpx.ASGITransport(app=console), base_url="http://console.test") as c,
                httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://benefits") as b,
            ):
                yield Stack(c, b, transport)


async def two_due_payments(benefits: httpx.AsyncClient) -> list[dict]:
    claim = await computed_claim(
        benefits, registration_date="2025-01-10", separation_date="2025-01-05", claim_date="2025-01-10"
    )
    assert (await set_account(benefits, claim["id"])).status_code == 201
    return await pay_months(benefits, claim["id"], 1, 2)


def htmx(token: str | None = None) -> dict[str, str]:
    headers = {"HX-Request": "true"}
    if token:
        headers["X-CSRF-Token"] = token
    return headers


def field(soup: BeautifulSoup, name: str) -> str:
    return soup.select_one(f'[data-field="{name}"]').get_text(" ", strip=True)


async def test_a_payroll_run_from_the_console_shows_its_count_and_control_total(stack: Stack) -> None:
    payments = await two_due_payments(stack.benefits)
    # R-HOLD-1: a run holds the first payments to the new account; a case manager releases them.
    holding = await stack.benefits.post("/payroll-runs", json={"period": "2025-02", "city": "430100"},
                                        headers=auth("finance"))
    assert await release_holds_of(stack.benefits, holding.json()["id"]) >= 2
    token = await stack.sign_in()

    answer = await stack.console.post("/finance/payroll-runs", data={"period": "2025-02", "city": "430100"},
                                      headers=htmx(token))

    assert answer.status_code == 200 and answer.headers["HX-Trigger"] == "payroll-run"
    panel = BeautifulSoup(answer.text, "html.parser")
    run_id = int(panel.select_one("[data-run]")["data-run"])
    run = (await stack.benefits.get(f"/payroll-runs/{run_id}", headers=auth("finance"))).json()
    assert field(panel, "item_count") == str(run["item_count"]) and run["item_count"] >= 2
    assert field(panel, "control_total") == f"¥{Decimal(run['control_total']):,.2f}"
    assert field(panel, "medical_premiums").startswith(f"¥{Decimal(run['medical_premium_total']):,.2f}")
    assert field(panel, "left_out_without_account").endswith("笔")
    # R-HOLD-1: what the run held back, as the service counts it.
    assert field(panel, "held") == f"{run['held_count']} 笔，¥{Decimal(run['held_amount']):,.2f}"
    # R-CTRL-1: not released yet: its release step, and no bank file (nor a return file) before it.
    assert field(panel, "released") == "未放行"
    assert panel.select_one(f'form[action="/finance/payroll-runs/{run_id}/release"]') is not None
    assert panel.find("a", href=f"/finance/payroll-runs/{run_id}/bank-file") is None
    assert panel.select_one('input[type="file"]') is None
    listed = await stack.console.get("/finance/runs?period=2025-02", headers=htmx())
    assert BeautifulSoup(listed.text, "html.parser").select_one(f'tr[data-run="{run_id}"]') is not None
    assert {p["id"] for p in payments} <= await disbursed_in(stack, run_id)


async def disbursed_in(stack: Stack, run_id: int) -> set[str]:
    assert (await release_run(stack.benefits, run_id)).status_code in (200, 201)  # R-CTRL-1
    text = (await stack.benefits.get(f"/payroll-runs/{run_id}/bank-file", headers=auth("finance"))).text
    return {row[1] for row in csv.reader(io.StringIO(text)) if row and row[0] == "D"}


async def test_the_bank_file_passes_through_with_its_bytes_type_and_name(stack: Stack) -> None:
    await two_due_payments(stack.benefits)
    run = (await run_releasing_holds(stack.benefits, "2025-02")).json()  # R-HOLD-1: released first
    released = await release_run(stack.benefits, run["id"])  # R-CTRL-1: to the bank, by a second officer
    assert released.status_code == 200 and released.json()["released_at"], released.text
    direct = await stack.benefits.get(f"/payroll-runs/{run['id']}/bank-file", headers=auth("finance"))
    await stack.sign_in()

    download = await stack.console.get(f"/finance/payroll-runs/{run['id']}/bank-file")

    assert download.status_code == 200
    assert download.content == direct.content
    assert download.headers["content-type"] == direct.headers["content-type"] == "text/csv; charset=utf-8"
    assert download.headers["content-disposition"] == f'attachment; filename="payroll-run-{run["id"]}.csv"'
    assert download.headers["cache-control"] == "no-store"
    header = next(csv.reader(io.StringIO(download.text)))
    assert header[0] == "H" and Decimal(header[5]) == Decimal(run["control_total"])  # the control total matches


async def test_a_bank_return_file_is_imported_and_its_rejects_listed(stack: Stack) -> None:
    paid, rejected = await two_due_payments(stack.benefits)
    run = (await run_releasing_holds(stack.benefits, "2025-02")).json()  # R-HOLD-1: released first
    token = await stack.sign_in()
    returns = f"付款编号,结果,原因\r\n{paid['id']},paid,\r\n{rejected['id']},失败,账户不存在\r\n".encode()

    answer = await stack.console.post(
        f"/finance/payroll-runs/{run['id']}/bank-returns", headers=htmx(token),
        files={"file": ("回盘.csv", returns, "text/csv")},
    )

    assert answer.status_code == 200, answer.text
    soup = BeautifulSoup(answer.text, "html.parser")
    assert [field(soup, n) for n in ("lines", "paid", "rejected", "unchanged")] == ["2", "1", "1", "0"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    assert rows == [["3", rejected["id"], "账户不存在"]]
    # The service's own record agrees: the rejected payment is rejected, the paid one paid.
    statuses = {p["id"]: p["status"] for p in (await stack.benefits.get(
        f"/claims/{paid['claim_id']}/payments", headers=auth("finance"))).json()}
    assert statuses[paid["id"]] == "paid" and statuses[rejected["id"]] == "rejected"
    # The same file again changes nothing (the service says so: unchanged).
    again = await stack.console.post(f"/finance/payroll-runs/{run['id']}/bank-returns", headers=htmx(token),
                                     files={"file": ("回盘.csv", returns, "text/csv")})
    assert field(BeautifulSoup(again.text, "html.parser"), "unchanged") == "2"


async def test_a_refused_run_and_a_refused_return_file_show_the_services_chinese_message(stack: Stack) -> None:
    token = await stack.sign_in()
    refused = await stack.console.post("/finance/payroll-runs", data={"period": "2027-01", "city": "430100"},
                                       headers=htmx(token))
    # htmx swaps 2xx only: the refusal comes as the panel's content.
    assert refused.status_code == 200
    alert = BeautifulSoup(refused.text, "html.parser").select_one('[role="alert"]').get_text(strip=True)
    assert "发放期间 2027-01 尚未开始" in alert
    run = (await stack.benefits.post("/payroll-runs", json={"period": "2025-02", "city": "430100"},
                                     headers=auth("finance"))).json()
    bad = await stack.console.post(f"/finance/payroll-runs/{run['id']}/bank-returns", headers=htmx(token),
                                   files={"file": ("回盘.csv", "付款编号,结果,原因\nnot-an-id,paid,\n".encode(), "text/csv")})
    assert "第2行付款编号无效" in BeautifulSoup(bad.text, "html.parser").select_one('[role="alert"]').get_text()
    # Without htmx the refusal is a page of its own, with the service's status.
    plain = await stack.console.post("/finance/payroll-runs",
                                     data={"period": "2027-01", "city": "430100", "csrf_token": token})
    assert plain.status_code == 409 and "尚未开始" in plain.text


async def test_a_form_without_its_csrf_token_is_refused_and_reaches_no_service(stack: Stack) -> None:
    await stack.sign_in()
    asked = len(stack.transport.seen)
    for response in (
        await stack.console.post("/finance/payroll-runs", data={"period": "2025-02", "city": "430100"}),
        await stack.console.post("/finance/payroll-runs", data={"period": "2025-02", "city": "430100",
                                                                 "csrf_token": "forged"}),
        await stack.console.post("/finance/payroll-runs/1/bank-returns",
                                 files={"file": ("r.csv", b"x", "text/csv")}),
    ):
        assert response.status_code == 403
        assert "页面已过期" in response.text
    assert len(stack.transport.seen) == asked


async def test_the_fund_ledger_shows_as_tables_and_as_chart_data(stack: Stack) -> None:
    await two_due_payments(stack.benefits)
    await run_releasing_holds(stack.benefits, "2025-02")  # R-HOLD-1: the first payments to an account
    await stack.sign_in()

    soup = BeautifulSoup((await stack.console.get("/finance")).text, "html.parser")

    assert soup.select_one('script[src="/static/vendor/echarts.min.js"]') is not None
    assert soup.select_one('script[src="/static/console/charts.js"]') is not None
    report = (await stack.benefits.get(f"/fund-ledger/report?month={CHINA_MONTH}", headers=auth("finance"))).json()
    benefit = next(line for line in report["lines"] if line["kind"] == "benefit" and line["city"] == "430100")
    rows = {tuple(c.get_text(strip=True) for c in tr.select("th, td"))[:2]: tr for tr in soup.select("#report-table tbody tr")}
    row = rows[("430100 长沙市", "失业保险金")]
    assert row.select("td")[-2].get_text(strip=True) == f"¥{Decimal(benefit['net']):,.2f}"
    chart = json.loads(soup.select_one("#chart-report").string)
    assert chart["type"] == "bar" and "失业保险金" in chart["categories"]
    holder = soup.select_one('[data-chart="chart-report"]')
    assert holder["role"] == "img" and "数据见下表" in holder["aria-label"]
    assert soup.select_one("#balances-table") is not None and soup.select_one("#chart-balances") is not None
    for control in soup.select("input:not([type=hidden]), select, textarea"):
        assert soup.select_one(f'label[for="{control["id"]}"]') is not None, control


async def test_an_auditor_reads_the_runs_but_gets_no_run_form_and_a_service_point_no_page(stack: Stack) -> None:
    await stack.sign_in("auditor")
    soup = BeautifulSoup((await stack.console.get("/finance")).text, "html.parser")
    assert soup.select_one('form[action="/finance/payroll-runs"]') is None
    assert soup.select_one("#runs") is not None and not soup.select('a[href$="/bank-file"]')
    stack.console.cookies.clear()
    await stack.console.post("/signin/dev", data={"role": "service_point", "name": "孙窗口", "district": "430102"})
    assert (await stack.console.get("/finance")).status_code == 403
