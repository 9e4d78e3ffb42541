"""四眼复核 (R-CTRL-1) of a payroll run's release, from the console against the real benefits API
in process (tests/services/console/test_finance_pages.py's stack): one finance officer submits the
release (the panel says it waits for a second person), the same officer is refused on the approval
page (同一人不能复核), a second finance officer finds it on the 待复核 worklist and approves it; only
then does the run's page offer its bank file."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.factories import auth
from tests.services.benefits.test_payment_holds_factories import run_releasing_holds
from tests.services.console.test_finance_pages import Stack, conn, field, htmx, stack, two_due_payments

__all__ = ["conn", "stack"]  # the fixtures, as test_finance_pages defines them


async def test_a_run_is_released_by_a_second_finance_officer_before_its_bank_file(stack: Stack) -> None:
    await two_due_payments(stack.benefits)
    run = (await run_releasing_holds(stack.benefits, "2025-02")).json()  # R-HOLD-1: the holds released
    token = await stack.sign_in(name="钱会计")

    submitted = await stack.console.post(f"/finance/payroll-runs/{run['id']}/release", headers=htmx(token))

    assert submitted.status_code == 200, submitted.text
    panel = BeautifulSoup(submitted.text, "html.parser")
    assert "已提交复核, 等待第二人审批" in field(panel, "approval-waiting")
    link = panel.select_one('[data-field="approval-waiting"] a')["href"]
    approval_id = link.split("/approvals/")[1].split("?")[0]
    assert (await stack.benefits.get(f"/payroll-runs/{run['id']}", headers=auth("finance"))).json()["released_at"] is None

    # The preparer on the approval page: the service's refusal is shown.
    page = BeautifulSoup((await stack.console.get(link)).text, "html.parser")
    assert field(page, "status") == "待复核" and "钱会计" in field(page, "prepared_by")
    assert page.select_one('[data-field="mine"]') is not None
    refused = await stack.console.post(f"/approvals/{approval_id}/approve", data={"service": "benefits"},
                                       headers=htmx(token))
    alert = BeautifulSoup(refused.text, "html.parser").select_one('[role="alert"]').get_text(strip=True)
    assert "同一人" in alert

    second = await stack.sign_in(name="孙出纳")
    worklist = await stack.console.get("/worklists/approvals-release", headers=htmx())
    assert BeautifulSoup(worklist.text, "html.parser").find("a", href=link) is not None
    approved = await stack.console.post(f"/approvals/{approval_id}/approve", data={"service": "benefits", "reason": "核对无误"},
                                        headers=htmx(second))
    assert "已复核通过" in approved.text, approved.text

    released = (await stack.benefits.get(f"/payroll-runs/{run['id']}", headers=auth("finance"))).json()
    assert released["released_by"] == "dev:finance:钱会计" and released["released_at"]
    run_page = BeautifulSoup((await stack.console.get(f"/finance/payroll-runs/{run['id']}")).text, "html.parser")
    assert field(run_page, "released").startswith("已放行：dev:finance:钱会计")
    assert run_page.find("a", href=f"/finance/payroll-runs/{run['id']}/bank-file") is not None
    download = await stack.console.get(f"/finance/payroll-runs/{run['id']}/bank-file")
    assert download.status_code == 200 and download.text.startswith("H,")
    decided = (await stack.benefits.get(f"/approvals/{approval_id}", headers=auth("finance"))).json()
    assert (decided["status"], decided["decided_by"], decided["decision_reason"]) == ("approved", "dev:finance:孙出纳", "核对无误")
