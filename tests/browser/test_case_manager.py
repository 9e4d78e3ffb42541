"""A case manager's day in the console, in a real browser: find a person by ID number, open the
一条龙 journey, approve the claim (R-CTRL-1: a second case manager approves it on 待复核), see
month 1 paid; other roles and districts see what they
may, no more."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import ConsoleStack, readme_screenshot, reload_until, sign_in, sign_out
from tests.browser.people import registered_claimant
from tests.four_eyes import approve

pytestmark = pytest.mark.browser


async def find_by_id_number(page: Page, console: str, id_number: str) -> None:
    await page.goto(f"{console}/persons")
    await page.get_by_label("公民身份号码").fill(id_number)
    await page.get_by_role("button", name="查找").click()


async def test_case_manager_approves_claim_and_sees_month_one_paid(console_stack: ConsoleStack, page: Page) -> None:
    claimant = await registered_claimant(console_stack.urls)
    console = console_stack.console
    await sign_in(page, console, role="case_manager", name="王经办")

    await find_by_id_number(page, console, claimant.person.id_number)
    # The ID number went in the POST body: the person page's address has the internal ID only.
    assert claimant.person.id_number not in page.url
    await expect(page.get_by_role("heading", level=2, name="失业登记")).to_be_visible()
    await page.get_by_role("link", name="查看一条龙服务进度").click()

    # The journey opens the claim in the background; the case manager sees it come up for review.
    await reload_until(page, lambda p: p.get_by_role("link", name="审核申领"))
    await expect(page.locator("[data-stage]")).to_have_text("待审核")
    await expect(page.locator("#journey-body").get_by_text("经办人员", exact=True)).to_be_visible()
    # The 工作台 lists the claim among those awaiting a decision, with its R-REV-1 countdown.
    await page.goto(f"{console}/")
    claims = page.locator("#worklist-claims")
    await expect(claims.get_by_role("row").filter(has_text="剩余")).not_to_have_count(0)
    await readme_screenshot(page, "home")
    await page.go_back()
    await page.get_by_role("link", name="审核申领").click()

    await expect(page.get_by_role("heading", name="申领条件")).to_be_visible()
    await expect(page.get_by_text("累计缴费 13 个月", exact=True)).to_be_visible()
    await expect(page.get_by_role("heading", name="逐月发放计划")).to_be_visible()
    await readme_screenshot(page, "claim-review")
    url_before = page.url
    await page.get_by_role("button", name="核准", exact=True).click()
    # htmx: the panel shows the answer, the page is not reloaded. R-CTRL-1: the approval waits
    # for a second case manager.
    await expect(page.locator("#decision-panel")).to_contain_text("已提交复核, 等待第二人审批")
    assert page.url == url_before
    approval_url = await page.locator("#decision-panel").get_by_role("link", name="查看待复核事项").get_attribute("href")

    # A second case manager finds it on the 工作台's 待复核 and approves it.
    await sign_out(page)
    await sign_in(page, console, role="case_manager", name="李复核")
    waiting = page.locator("#worklist-approvals")
    await expect(waiting.locator(f'a[href="{approval_url}"]')).to_have_count(1)
    await waiting.locator(f'a[href="{approval_url}"]').click()
    await expect(page.locator('[data-field="prepared_by"]')).to_contain_text("王经办")
    await page.get_by_role("button", name="复核通过").click()
    await expect(page.locator("#decision-panel")).to_contain_text("已复核通过：核准失业保险金申领已生效")

    await page.goto(f"{console}/journeys/{claimant.registration_id}")
    month_one = page.locator(".timeline li", has_text="第 1 个月")
    await reload_until(page, lambda p: p.locator(".timeline li", has_text="第 1 个月").filter(has_text="已核发"))
    await expect(month_one).to_contain_text("¥")
    await expect(page.locator("[data-stage]")).to_have_text("领取失业保险金")
    # The journey registers the claimant as a job seeker right after month 1.
    await reload_until(page, lambda p: p.locator(".timeline li", has_text="求职登记"))
    await readme_screenshot(page, "journey")


async def test_service_point_of_another_district_cannot_see_the_person(console_stack: ConsoleStack, page: Page) -> None:
    claimant = await registered_claimant(console_stack.urls, district="430102")
    console = console_stack.console
    await sign_in(page, console, role="service_point", name="李窗口", district="430103")

    await find_by_id_number(page, console, claimant.person.id_number)
    await expect(page.get_by_role("alert")).to_contain_text("未找到该人员")
    await page.goto(f"{console}/journeys/{claimant.registration_id}")
    await expect(page.get_by_role("alert")).to_contain_text("未找到该失业登记，或不在您的辖区")
    assert claimant.person.name not in await page.content()

    # The service point of the person's own district finds them.
    await sign_out(page)
    await sign_in(page, console, role="service_point", name="赵窗口", district="430102")
    await find_by_id_number(page, console, claimant.person.id_number)
    await expect(page.get_by_role("link", name="查看一条龙服务进度")).to_be_visible()


async def test_large_text_mode_persists_across_pages_and_sign_ins(console_stack: ConsoleStack, page: Page) -> None:
    console = console_stack.console
    await sign_in(page, console, role="case_manager", name="孙经办")
    html = page.locator("html")
    await expect(html).not_to_have_class("large-text")
    await page.get_by_role("button", name="大字模式").click()
    await expect(html).to_have_class("large-text")
    await page.goto(f"{console}/persons")
    await expect(html).to_have_class("large-text")
    font_size = await page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 20

    await sign_out(page)
    await sign_in(page, console, role="case_manager", name="孙经办")
    await expect(html).to_have_class("large-text")
    await page.get_by_role("button", name="标准字号").click()
    await expect(html).not_to_have_class("large-text")


async def test_a_refused_decision_shows_the_service_message(console_stack: ConsoleStack, page: Page) -> None:
    claimant = await registered_claimant(console_stack.urls)
    console = console_stack.console
    await sign_in(page, console, role="case_manager", name="周经办")
    await page.goto(f"{console}/journeys/{claimant.registration_id}")
    await reload_until(page, lambda p: p.get_by_role("link", name="审核申领"))
    await page.get_by_role("link", name="审核申领").click()
    review_url = page.url

    # The claim is approved in another window first (R-CTRL-1: prepared there, approved by a
    # second case manager over the API).
    other = await page.context.new_page()
    await other.goto(review_url)
    await other.get_by_role("button", name="核准", exact=True).click()
    await expect(other.locator("#decision-panel")).to_contain_text("已提交复核")
    link = await other.locator("#decision-panel").get_by_role("link", name="查看待复核事项").get_attribute("href")
    async with httpx.AsyncClient(timeout=30) as http:
        approved = await approve(http, link.split("/approvals/")[1].split("?")[0], base_url=console_stack.urls["benefits"])
        assert approved.status_code == 200, approved.text

    await page.get_by_label("理由（不予核准时必填）").fill("离职原因与单位记录不一致")
    await page.get_by_role("button", name="不予核准").click()
    # The benefits service's own words, in the panel.
    await expect(page.locator("#decision-panel")).to_contain_text("该申领已作出审核决定")
