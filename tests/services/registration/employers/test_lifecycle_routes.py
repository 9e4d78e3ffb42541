"""注销登记 (refused with arrears, allowed after settlement, then sealed), 验证 report and outcome,
换证 and 补证 (the lost certificate voided, a new number issued)."""

from __future__ import annotations

import datetime as dt

import asyncpg
import httpx
import pytest

from shared.clock import china_today
from tests.factories import auth
from tests.services.registration.factories import approved_employer, staff_member

TODAY = china_today()


@pytest.fixture
async def employer(client: httpx.AsyncClient) -> dict:
    return await approved_employer(client, staff=[])


def deregistration(**overrides: object) -> dict:
    body = {"reason": "dissolved", "effective_on": TODAY.isoformat(), "note": "股东会决议解散"}
    body.update(overrides)
    return body


async def test_deregistration_is_refused_with_arrears_and_allowed_after_settlement(
    client: httpx.AsyncClient, conn: asyncpg.Connection, employer: dict
) -> None:
    url = f"/employers/{employer['id']}"
    fine = await client.post(
        f"{url}/fines",
        json={"decision_reference": "湘人社罚〔2026〕1号", "decided_on": TODAY.isoformat(),
              "amount": "900.00", "reason": "未按规定办理变更登记", "ground": "other_statutory"},
        headers=auth("case_manager"),
    )
    assert fine.status_code == 201, fine.text

    refused = await client.post(f"{url}/deregistration", json=deregistration(), headers=auth("case_manager"))
    assert refused.status_code == 409
    assert refused.json()["code"] == "outstanding_amounts"
    assert refused.json()["details"] == {
        "contributions": "0.00", "late_fees": "0.00", "fines": "900.00", "total": "900.00"
    }
    assert "900.00" in refused.json()["message"]
    assert await conn.fetchval("SELECT status FROM employers WHERE id = $1", employer["id"]) == "approved"

    paid = await client.post(
        f"{url}/payments",
        json={"reference": f"PAY-{employer['id']}", "kind": "fine", "amount": "900.00",
              "paid_on": TODAY.isoformat(), "fine_id": fine.json()["id"]},
        headers=auth("finance"),
    )
    assert paid.status_code == 201, paid.text

    done = await client.post(f"{url}/deregistration", json=deregistration(), headers=auth("case_manager"))
    again = await client.post(f"{url}/deregistration", json=deregistration(), headers=auth("case_manager"))
    assert (done.status_code, again.status_code) == (201, 200)
    assert done.json()["status"] == "deregistered" and done.json()["deregistration_reason"] == "dissolved"
    assert done.json()["certificate_number"] is None
    status = await conn.fetchval(
        "SELECT status FROM employer_certificates WHERE employer_id = $1", employer["id"]
    )
    assert status == "cancelled"


async def test_a_sealed_employer_takes_no_enrolments_changes_or_separations(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    member = staff_member()
    employer = await approved_employer(client, staff=[member])
    url = f"/employers/{employer['id']}"
    employment = (await client.get(f"{url}/employments", headers=auth("case_manager"))).json()[0]
    still_open = await client.post(f"{url}/deregistration", json=deregistration(), headers=auth("case_manager"))
    assert still_open.status_code == 409 and still_open.json()["code"] == "employments_still_open"

    await client.post(
        f"/employments/{employment['id']}/separation",
        json={"separated_on": TODAY.isoformat(), "reason": "employer_termination"},
        headers=auth("case_manager"),
    )
    assert (await client.post(f"{url}/deregistration", json=deregistration(), headers=auth("case_manager"))).status_code == 201

    enrol = await client.post(
        f"{url}/employments",
        json={"id_number": member["id_number"], "name": "张三", "hired_on": TODAY.isoformat()},
        headers=auth("case_manager"),
    )
    change = await client.post(
        f"{url}/changes",
        json={"request_key": "BG-X", "reason": "改名", "effective_on": TODAY.isoformat(),
              "items": [{"item": "name", "new_value": "新名字"}]},
        headers=auth("case_manager"),
    )
    other = await client.post(
        f"{url}/deregistration", json=deregistration(reason="bankrupt"), headers=auth("case_manager")
    )
    for response in (enrol, change, other):
        assert response.status_code == 409 and response.json()["code"] == "employer_sealed", response.text
    # Read-only, not hidden.
    assert (await client.get(url, headers=auth("auditor"))).json()["status"] == "deregistered"


async def test_deregistration_reason_must_be_one_of_the_seeds(client: httpx.AsyncClient, employer: dict) -> None:
    response = await client.post(
        f"/employers/{employer['id']}/deregistration", json=deregistration(reason="tired"),
        headers=auth("case_manager"),
    )
    assert response.status_code == 422 and response.json()["field"] == "reason"


async def test_verification_report_and_outcome(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    hired = TODAY.replace(month=1, day=1) - dt.timedelta(days=40)
    employer = await approved_employer(
        client, founded_on=(hired - dt.timedelta(days=1)).isoformat(), staff=[staff_member(hired_on=hired.isoformat())]
    )
    url = f"/employers/{employer['id']}"
    await client.post(
        f"{url}/employments",
        json={"id_number": staff_member()["id_number"], "name": "吴十", "hired_on": TODAY.isoformat()},
        headers=auth("case_manager"),
    )
    await client.post(
        f"{url}/changes",
        json={"request_key": "BG-V", "reason": "迁址", "effective_on": TODAY.isoformat(),
              "items": [{"item": "affiliation", "new_value": "市属"}]},
        headers=auth("case_manager"),
    )
    report = await client.get(f"{url}/verification-report", params={"year": TODAY.year}, headers=auth("case_manager"))

    assert report.status_code == 200, report.text
    body = report.json()
    hired_on_new_year = TODAY == TODAY.replace(month=1, day=1)  # then both count on 1 January
    assert (body["headcount_start"], body["headcount_end"]) == (2 if hired_on_new_year else 1, 2)
    assert body["headcount_change"] == body["headcount_end"] - body["headcount_start"]
    assert [c["item"] for c in body["changes_in_year"]] == ["affiliation"]
    assert body["last_verification"] is None
    assert (body["declared_base_total"], body["paid_total"], body["unpaid_total"]) == ("0.00", "0.00", "0.00")

    verification = {"year": TODAY.year, "outcome": "passed", "notes": "核验通过"}
    first = await client.post(f"{url}/verifications", json=verification, headers=auth("case_manager"))
    again = await client.post(f"{url}/verifications", json=verification, headers=auth("case_manager"))
    other = await client.post(f"{url}/verifications", json=dict(verification, outcome="failed"), headers=auth("case_manager"))
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert first.json()["report"]["headcount_end"] == 2
    following = await client.get(f"{url}/verification-report", params={"year": TODAY.year + 1}, headers=auth("case_manager"))
    assert following.status_code == 422 and following.json()["code"] == "year_in_future"


async def test_lost_certificate_is_voided_and_replaced_with_a_new_number(
    client: httpx.AsyncClient, employer: dict
) -> None:
    url = f"/employers/{employer['id']}"
    body = {"request_key": "BZ-1", "reported_lost_on": TODAY.isoformat(), "note": "搬迁遗失"}
    first = await client.post(f"{url}/certificate-replacements", json=body, headers=auth("case_manager"))
    again = await client.post(f"{url}/certificate-replacements", json=body, headers=auth("case_manager"))

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["number"] != employer["certificate_number"]
    assert again.json()["number"] == first.json()["number"]
    certificates = (await client.get(f"{url}/certificates", headers=auth("auditor"))).json()
    assert [(c["number"], c["status"], c["end_reason"]) for c in certificates] == [
        (employer["certificate_number"], "voided", "lost"),
        (first.json()["number"], "valid", None),
    ]
    assert (await client.get(url, headers=auth("auditor"))).json()["certificate_number"] == first.json()["number"]


async def test_renewal_needs_a_passed_verification(client: httpx.AsyncClient, employer: dict) -> None:
    url = f"/employers/{employer['id']}"
    refused = await client.post(f"{url}/certificate-renewals", json={"request_key": "HZ-1"}, headers=auth("case_manager"))
    assert refused.status_code == 409 and refused.json()["code"] == "verification_required"
    await client.post(f"{url}/verifications", json={"year": TODAY.year, "outcome": "passed"}, headers=auth("case_manager"))
    renewed = await client.post(f"{url}/certificate-renewals", json={"request_key": "HZ-1"}, headers=auth("case_manager"))
    assert renewed.status_code == 201
    certificates = (await client.get(f"{url}/certificates", headers=auth("case_manager"))).json()
    assert [c["status"] for c in certificates] == ["withdrawn", "valid"]
    assert certificates[0]["end_reason"] == "renewal"


async def registration_policy(conn: asyncpg.Connection, area_code: str) -> None:
    await conn.execute(
        """
        INSERT INTO employer_registration_policy (area_code, effective_from, review_working_days,
            review_warning_working_days, enrolment_deadline_days, separation_notice_days,
            separation_notice_max_days, source, is_sample)
        VALUES ($1, '2000-01-01', 10, 2, 30, 7, 15, 'test', true)
        """,
        area_code,
    )


async def test_declared_wages_vs_paid_and_contribution_arrears(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    """Form 2-5's wages-vs-paid check and the deregistration refusal stating unpaid contributions
    and accruing late fees (R-DECL-1, R-LATE-1 amounts come from the contributions module)."""
    from tests.services.registration.contributions import factories as contributions

    district = contributions.district()
    await registration_policy(conn, district)
    await contributions.policies(conn, district)
    month_day = TODAY - dt.timedelta(days=60)
    hired = month_day.replace(day=1)
    employer = await approved_employer(
        client, district=district, founded_on=hired.isoformat(), staff=[staff_member(hired_on=hired.isoformat())]
    )
    employment = (await client.get(f"/employers/{employer['id']}/employments", headers=auth("case_manager"))).json()[0]
    month = f"{month_day:%Y-%m}"
    await contributions.declare(client, employer["id"], month, [(employment["id"], "10000.00")])

    report = (await client.get(
        f"/employers/{employer['id']}/verification-report", params={"year": month_day.year},
        headers=auth("case_manager"),
    )).json()
    assert report["declared_base_total"] == "10000.00"
    assert report["assessed_total"] == "300.00"  # R-RATE-1: 2% + 1%
    assert (report["paid_total"], report["unpaid_total"]) == ("0.00", "300.00")

    refused = await client.post(
        f"/employers/{employer['id']}/deregistration", json=deregistration(), headers=auth("case_manager")
    )
    assert refused.status_code == 409 and refused.json()["code"] == "outstanding_amounts"
    details = refused.json()["details"]
    assert details["contributions"] == "300.00" and details["fines"] == "0.00"
    assert float(details["late_fees"]) > 0  # R-LATE-1: accruing since the due date
