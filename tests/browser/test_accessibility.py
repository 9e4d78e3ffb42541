"""Accessibility in a real browser: axe-core (pinned, served by the console itself) reports no
serious or critical violation on the console's pages; the keyboard alone signs in and reaches
the main content; pages fit a tablet's width."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import ConsoleStack, new_page, reload_until, sign_in
from tests.browser.people import registered_claimant

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


async def serious_violations(page: Page) -> list[str]:
    if await page.evaluate("typeof window.axe") == "undefined":
        await page.add_script_tag(url="/static/vendor/axe.min.js")
    # WCAG 2.1 A and AA rules, the levels public-service sites are held to.
    result = await page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in SERIOUS
    ]


async def test_case_manager_pages_have_no_serious_violations(console_stack: ConsoleStack, page: Page) -> None:
    claimant = await registered_claimant(console_stack.urls)
    console = console_stack.console
    await page.goto(f"{console}/signin")
    assert await serious_violations(page) == []
    await sign_in(page, console, role="case_manager", name="吴经办")
    await expect(page.locator("#worklist-claims .badge.info")).to_be_visible()
    pages = {"home": page.url}
    for path in ("/persons", f"/journeys/{claimant.registration_id}"):
        await page.goto(console + path)
        pages[path] = page.url
        assert await serious_violations(page) == [], path
    await reload_until(page, lambda p: p.get_by_role("link", name="审核申领"))
    await page.get_by_role("link", name="审核申领").click()
    assert await serious_violations(page) == [], "claim review"
    await page.goto(pages["home"])
    assert await serious_violations(page) == [], "home"


async def test_the_keyboard_alone_signs_in_and_skips_to_the_content(console_stack: ConsoleStack, page: Page) -> None:
    await page.goto(f"{console_stack.console}/signin")
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("link", name="跳到主要内容")).to_be_focused()
    await page.keyboard.press("Tab")
    await expect(page.get_by_label("角色")).to_be_focused()
    await page.keyboard.press("ArrowDown")  # 街道（社区）服务窗口 → 经办人员
    await expect(page.get_by_label("角色")).to_have_value("case_manager")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    await expect(page.get_by_label("姓名")).to_be_focused()
    await page.keyboard.type("郑经办")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")  # the skip link
    await expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("width", [1280, 768])
async def test_pages_fit_the_screen_without_sideways_scrolling(console_stack: ConsoleStack, browser, width: int) -> None:  # noqa: ANN001
    claimant = await registered_claimant(console_stack.urls)
    page = await new_page(browser, width=width, height=1024)
    try:
        await sign_in(page, console_stack.console, role="case_manager", name="钱经办")
        for path in ("/", "/persons", f"/journeys/{claimant.registration_id}"):
            await page.goto(console_stack.console + path)
            overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, width, overflow)
    finally:
        await page.context.close()


@pytest.mark.parametrize(("role", "paths"), [
    ("operations", ("/operations", "/statistics")),
    ("finance", ("/finance",)),
])
async def test_operations_finance_and_statistics_pages_have_no_serious_violations(
    console_stack: ConsoleStack, page: Page, role: str, paths: tuple[str, ...],
) -> None:
    await sign_in(page, console_stack.console, role=role, name="审查员")
    for path in paths:
        await page.goto(console_stack.console + path)
        await page.wait_for_load_state("networkidle")  # the sections htmx loads after the page
        assert await serious_violations(page) == [], path
