"""The monthly report to the tax authority: the month's registrations, changes and
deregistrations as CSV, on demand and kept once per month (what the Schedule calls)."""

from __future__ import annotations

import csv
import io

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth
from tests.services.registration.factories import approved_employer

TODAY = china_today()
MONTH = f"{TODAY:%Y-%m}"


def parse(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # BOM: spreadsheet software shows the Chinese headers
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


async def test_the_months_registrations_changes_and_deregistrations(client: httpx.AsyncClient) -> None:
    employer = await approved_employer(client, staff=[])
    url = f"/employers/{employer['id']}"
    await client.post(
        f"{url}/changes",
        json={"request_key": "BG-T", "reason": "更名", "effective_on": TODAY.isoformat(),
              "items": [{"item": "name", "new_value": "长沙某新科技有限公司"},
                        {"item": "legal_representative", "new_value": "钱八"}]},
        headers=auth("case_manager"),
    )
    done = await client.post(
        f"{url}/deregistration", json={"reason": "merged", "effective_on": TODAY.isoformat()},
        headers=auth("case_manager"),
    )
    assert done.status_code == 201, done.text

    response = await client.get(f"/tax-reports/{MONTH}.csv", headers=auth("operations"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f"tax-report-{MONTH}.csv" in response.headers["content-disposition"]
    rows = [r for r in parse(response.content) if r["统一社会信用代码"] == employer["uscc"]]
    assert [r["业务类别"] for r in rows] == ["参保登记", "变更登记", "变更登记", "注销登记"]
    registration, name_change, representative, deregistration = rows
    assert registration["登记证编号"] == employer["certificate_number"]
    assert registration["备注"] == "首次发证"
    changes = {r["变更事项"]: r for r in (name_change, representative)}
    assert changes["单位名称"]["变更前"] == "长沙某科技有限公司"
    assert changes["单位名称"]["变更后"] == "长沙某新科技有限公司"
    assert changes["法定代表人或负责人"]["变更后"] == "钱*"  # personal data masked
    assert deregistration["备注"] == "合并"


async def test_a_finished_month_is_kept_once(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    first = await client.post("/tax-reports", json={"month": "2001-01"}, headers=auth("system"))
    again = await client.post("/tax-reports", json={"month": "2001-01"}, headers=auth("system"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    kept = (await client.get("/tax-reports/2001-01", headers=auth("auditor"))).json()
    assert kept["csv"].removeprefix("\ufeff").startswith("业务类别,统一社会信用代码")
    assert await conn.fetchval("SELECT count(*) FROM tax_reports WHERE month = '2001-01-01'") == 1


async def test_bad_months_and_roles(client: httpx.AsyncClient) -> None:
    unfinished = await client.post("/tax-reports", json={"month": MONTH}, headers=auth("system"))
    assert unfinished.status_code == 422 and unfinished.json()["code"] == "month_not_finished"
    bad = await client.post("/tax-reports", json={"month": "2026-13"}, headers=auth("system"))
    assert bad.status_code == 422 and (bad.json()["code"], bad.json()["field"]) == ("invalid_month", "month")
    assert (await client.get(f"/tax-reports/{MONTH}.csv", headers=auth("service_point"))).status_code == 403
    assert (await client.post("/tax-reports", json={"month": "2001-02"}, headers=auth("case_manager"))).status_code == 403
    missing = await client.get("/tax-reports/2001-03", headers=auth("operations"))
    assert missing.status_code == 404 and missing.json()["code"] == "tax_report_not_found"
