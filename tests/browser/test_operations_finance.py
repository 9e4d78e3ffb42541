"""Operations and finance in a real browser: a journey counted under its stage and district with
no personal data anywhere on the page; a payroll run started from the console whose downloaded
bank file's control total matches what the page shows."""

from __future__ import annotations

import csv
import io
import re
import time
from decimal import Decimal

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import ConsoleStack, readme_screenshot, sign_in, sign_out
from tests.browser.people import claimant_on_benefit, journey_of
from tests.factories import auth

pytestmark = pytest.mark.browser

# 岳麓区: no other browser test registers people there, so its counts move only with this test's.
DISTRICT = "430104"
ID_NUMBER = re.compile(r"\b\d{17}[\dXx]\b")


async def count_in(page: Page, stage: str) -> int:
    # The section is loaded by htmx after the page: wait for its answer, not its placeholder. It
    # pages through every running journey of the namespace (rejected ones now wait a year for
    # their appeal window, R-APPEAL-1), which on a busy 2-core machine takes more than 5 s.
    await expect(page.locator("#ops-journeys")).to_contain_text("更新于", timeout=30_000)
    cell = page.locator(f'#journey-counts td[data-district="{DISTRICT}"][data-stage="{stage}"]')
    return int(await cell.inner_text()) if await cell.count() else 0


async def test_operations_see_the_journey_under_its_stage_without_personal_data(console_stack: ConsoleStack, page: Page) -> None:
    console = console_stack.console
    await sign_in(page, console, role="operations", name="陈运维")
    await page.goto(f"{console}/operations")
    before = await count_in(page, "on_benefit")

    claimant = await claimant_on_benefit(console_stack.urls, DISTRICT)
    # Temporal's visibility follows the journey's search attributes shortly after: the page
    # refreshes itself (every 15 s); reloading until the count moves only waits less.
    deadline = time.monotonic() + 30
    while await count_in(page, "on_benefit") != before + 1 and time.monotonic() < deadline:
        await page.reload()
    assert await count_in(page, "on_benefit") == before + 1
    await expect(page.get_by_role("link", name="打开 Temporal 流程管理界面")).to_be_visible()
    await readme_screenshot(page, "operations")

    text = await page.locator("body").inner_text()
    html = await page.content()
    for personal in (claimant.person.name, claimant.person.id_number):
        assert personal not in html
    assert ID_NUMBER.search(text) is None


async def test_finance_runs_a_payroll_and_the_bank_file_total_matches(console_stack: ConsoleStack, page: Page) -> None:
    urls, console = console_stack.urls, console_stack.console
    claimant = await claimant_on_benefit(urls, bank_account=True)
    journey = await journey_of(urls, claimant)
    async with httpx.AsyncClient(timeout=30) as http:
        payments = (await http.get(f"{urls['benefits']}/claims/{journey['claim_id']}/payments", headers=auth("finance"))).json()
    month_one = next(p for p in payments if p["benefit_month"] == 1 and p["kind"] == "benefit")
    await release_month_one(urls, month_one["id"], month_one["period_start"][:7])

    await sign_in(page, console, role="finance", name="何财务")
    await page.goto(f"{console}/finance")
    await page.get_by_role("button", name="生成发放批次").click()
    result = page.locator("#run-result")
    await expect(result).to_contain_text("发放批次已生成")
    shown = re.search(r"批次 (\d+)，(\d+) 笔，控制总额 ¥([\d,]+\.\d\d)", await result.inner_text())
    assert shown is not None
    run_id, items, total = shown.group(1), int(shown.group(2)), Decimal(shown.group(3).replace(",", ""))
    await readme_screenshot(page, "finance")

    # R-CTRL-1: no bank file before the release; 何财务 submits it, a second finance officer approves.
    await expect(page.locator(f'tr[data-run="{run_id}"]').get_by_role("link", name="下载银行文件")).to_have_count(0)
    await result.get_by_role("button", name="提交放行").click()
    await expect(result).to_contain_text("已提交复核, 等待第二人审批")
    approval_url = await result.get_by_role("link", name="查看待复核事项").get_attribute("href")
    await sign_out(page)
    await sign_in(page, console, role="finance", name="孙财务")
    await page.goto(console + approval_url)
    await page.get_by_role("button", name="复核通过").click()
    await expect(page.locator("#decision-panel")).to_contain_text("已复核通过：发放批次放行（银行代发）已生效")
    await page.goto(f"{console}/finance")

    row = page.locator(f'tr[data-run="{run_id}"]')
    async with page.expect_download() as download_info:
        await row.get_by_role("link", name="下载银行文件").click()
    download = await download_info.value
    content = (await download.path()).read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(content)))
    header, details = records[0], [r for r in records[1:] if r]
    assert header[0] == "H" and header[1] == run_id
    assert int(header[4]) == items == len(details)
    assert Decimal(header[5]) == total == sum(Decimal(d[5]) for d in details)
    assert month_one["id"] in {d[1] for d in details}  # this claimant's month 1 is in the file


async def release_month_one(urls: dict[str, str], payment_id: str, period: str) -> None:
    """R-HOLD-1: the first payment to the new account is held by a run (the one before the page's)
    until a case manager releases it; the page's run then pays it."""
    async with httpx.AsyncClient(timeout=30) as http:
        held = await http.post(f"{urls['benefits']}/payroll-runs", json={"period": period, "city": "430100"},
                               headers=auth("finance"))
        assert held.status_code == 201, held.text
        listed = await http.get(f"{urls['benefits']}/payment-holds",
                                params={"status": "held", "held_in_run": held.json()["id"], "limit": 200},
                                headers=auth("case_manager"))
        (hold,) = [h for h in listed.json() if h["payment_id"] == payment_id]
        released = await http.post(f"{urls['benefits']}/payment-holds/{hold['id']}/release",
                                   json={"reason": "已核实新账户"}, headers=auth("case_manager"))
        assert released.status_code == 200, released.text


async def test_a_service_point_sees_no_operations_or_finance(console_stack: ConsoleStack, page: Page) -> None:
    await sign_in(page, console_stack.console, role="service_point", name="吕窗口", district="430102")
    for path in ("/operations", "/finance"):
        await page.goto(console_stack.console + path)
        await expect(page.get_by_role("alert")).to_contain_text("当前角色无权访问此页面")
