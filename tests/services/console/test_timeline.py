"""The 一条龙 timeline from the services' records (no Temporal history): what each benefit month
shows, and the next step with who must act."""

from __future__ import annotations

import datetime as dt
from typing import Any

from services.console.journey.timeline import JourneyRecords, build

TODAY = dt.date(2027, 1, 10)


def journey(**overrides: Any) -> dict[str, Any]:
    value = {"stage": "on_benefit", "status": "RUNNING", "months_paid": 1, "entitlement_months": 12,
             "reported_months": [], "stop_proposed": False, "steps": []}
    return value | overrides


def registration(**overrides: Any) -> dict[str, Any]:
    value = {"registration_date": "2026-11-27", "district": "430102", "basis": "insured_separation",
             "separation_reason": "contract_expired", "ended_on": None, "person_id": "p", "name_masked": "张*"}
    return value | overrides


def claim(**overrides: Any) -> dict[str, Any]:
    value = {"id": "c", "status": "approved", "opened_at": "2026-11-27T02:00:00+00:00", "claim_date": "2026-11-27",
             "decided_at": "2026-11-28T02:00:00+00:00", "entitlement_months": 12, "monthly_amount": "1700.00",
             "benefit_start_date": "2026-11-27", "review_due_at": "2026-12-07T15:59:59+00:00", "review_overdue": False,
             "stop_effective_date": None}
    return value | overrides


def payment(month: int, status: str = "payable") -> dict[str, Any]:
    return {"benefit_month": month, "kind": "benefit", "status": status, "amount": "1700.00",
            "created_at": f"2026-1{month}-28T02:00:00+00:00", "period_start": "2026-11-27"}


def test_paid_withheld_and_next_months_read_from_the_records() -> None:
    steps = [{"event": "payment_withheld", "at": "2026-12-27T00:00:00+00:00", "stage": "on_benefit",
              "detail": {"benefit_month": "2", "missing_report_month": "2026-11"}}]
    view = build(JourneyRecords(journey(steps=steps), registration(), claim(), payments=[payment(1)]), TODAY)
    months = [e for e in view.entries if e.title.startswith("第 ")]
    assert [(e.title, e.kind) for e in months] == [("第 1 个月（2026-11）", "done"), ("第 2 个月（2026-12）", "withheld")]
    assert "¥1,700.00" in months[0].detail and "已核发" in months[0].detail
    assert "2026-11 的求职情况" in months[1].detail
    # R-MON-1: month 2 waits for November's report; the claimant must act.
    assert view.next_step is not None and "2026-11" in view.next_step.action
    assert view.next_step.who.startswith("失业人员")


def test_claim_in_review_shows_the_rev1_deadline_and_the_case_manager() -> None:
    pending = claim(status="pending_review", decided_at=None, entitlement_months=None, benefit_start_date=None)
    view = build(JourneyRecords(journey(stage="claim_review", months_paid=0), registration(), pending), dt.date(2026, 12, 8))
    assert view.stage_label == "待审核"
    assert view.next_step is not None and view.next_step.who == "经办人员"
    assert view.next_step.overdue is True and view.next_step.due_text == "已超期 1 天"


def test_a_stopped_claim_ends_the_months_and_the_journey() -> None:
    stopped = claim(status="stopped", stop_effective_date="2027-01-05", stop_reason="re_employment")
    records = JourneyRecords(journey(stage="reemployed", status="COMPLETED"), registration(ended_on="2027-01-05", end_reason="re_employed"),
                             stopped, payments=[payment(1), payment(2)],
                             placement={"start_date": "2027-01-05", "employer_name": "长沙某公司"})
    view = build(records, TODAY)
    months = [(e.title, e.kind) for e in view.entries if e.title.startswith("第 ")]
    # R-STOP-1: month 3 would begin after the hire: stopped, and nothing after it.
    assert months == [("第 1 个月（2026-11）", "done"), ("第 2 个月（2026-12）", "done"), ("第 3 个月（2027-01）", "stopped")]
    assert {"停止发放失业保险金", "失业登记终止", "实现就业"} <= {e.title for e in view.entries}
    assert view.finished and view.next_step is None


def test_entries_are_in_date_order() -> None:
    view = build(JourneyRecords(journey(), registration(), claim(), payments=[payment(1)]), TODAY)
    keys = [e.sort_key for e in view.entries]
    assert keys == sorted(keys)
