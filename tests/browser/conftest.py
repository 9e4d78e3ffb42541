"""Browser tests: Playwright for Python driving Debian's Chromium against the running stack (the
three services, the worker and the console as processes, the test database, the Temporal dev
server). A failing test leaves a screenshot in .tools/logs/browser/."""

from __future__ import annotations

import os
import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.e2e.conftest import running_stack

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".tools" / "logs" / "browser"
CHROMIUM = os.environ.get("UIS_CHROMIUM", "/usr/bin/chromium")
# Where the README's screenshots are written when UIS_README_SCREENSHOTS=1 (docs/console/).
README_SHOTS = ROOT / "docs" / "console"

pytestmark = pytest.mark.browser


@dataclass
class ConsoleStack:
    urls: dict[str, str]

    @property
    def console(self) -> str:
        return self.urls["console"]


@pytest.fixture(scope="package")
def console_stack(migrated: None, calendar_years_known: None) -> Iterator[ConsoleStack]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: scripts/setup.sh installs Debian's chromium")
    # The set-up makes insured people through the API (employer, 13 months of contributions) far
    # faster than a desk would: the per-principal write limit is tested on its own (tests/faults).
    with running_stack(console=True, extra_env={"UIS_RATE_LIMIT": "100000/minute"}) as (urls, _):
        yield ConsoleStack(urls)


@pytest.fixture(scope="package")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        # As root (CI) Chromium needs --no-sandbox.
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        await launched.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


async def new_page(browser: Browser, width: int = 1280, height: int = 900) -> Page:
    context = await browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(15_000)
    return await context.new_page()


@pytest.fixture
async def page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    page = await new_page(browser)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    await page.context.close()


async def sign_in(page: Page, console: str, *, role: str, name: str, district: str = "") -> None:
    """The development sign-in, as a person uses it: pick the role and district, type the name."""
    await page.goto(f"{console}/signin")
    await page.get_by_label("角色").select_option(role)
    await page.get_by_label("所属区县（服务窗口必选）").select_option(district)
    await page.get_by_label("姓名").fill(name)
    await page.get_by_role("button", name="登录").click()
    await expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


async def sign_out(page: Page) -> None:
    await page.get_by_role("button", name="退出登录").click()
    await expect(page.get_by_role("heading", name="登录经办工作台")).to_be_visible()


async def reload_until(page: Page, locator_of, timeout: float = 30.0) -> None:  # noqa: ANN001
    """Reload until the locator is visible: the journey moves on in the background (the worker)."""
    deadline = time.monotonic() + timeout
    while True:
        locator = locator_of(page)
        if await locator.count() > 0 and await locator.first.is_visible():
            return
        if time.monotonic() > deadline:
            await expect(locator).to_be_visible(timeout=1)
        await page.reload()


async def readme_screenshot(page: Page, name: str) -> None:
    """The README's 工作台 screenshots, refreshed by a run with UIS_README_SCREENSHOTS=1."""
    if os.environ.get("UIS_README_SCREENSHOTS") == "1":
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(README_SHOTS / f"{name}.png"), full_page=True)
