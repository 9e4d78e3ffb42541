"""Written decisions (R-NOTICE-1) of the stops decided outside POST /claims/{id}/stop: a death
(R-DEATH-1) and a transfer out (R-XFER-1) stop the benefit (R-STOP-1), and each issues its
benefit_stopped notice once, with the appeal rights (R-APPEAL-1), in the stop's own transaction."""

from __future__ import annotations

import httpx

from tests.factories import auth
from tests.services.benefits.test_deaths_routes import claim_on_benefit, death
from tests.services.benefits.test_decision_notices_routes import APPEAL_SENTENCE, notices_of, pdf_of, pdf_text
from tests.services.benefits.test_transfers_routes import on_benefit

CM = auth("case_manager")


async def test_a_death_report_issues_the_stop_notice_once_with_its_reason_and_date(
    client: httpx.AsyncClient,
) -> None:
    claim = await claim_on_benefit(client)
    first = await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)
    again = await client.post(f"/claims/{claim['id']}/death", json=death(), headers=CM)

    notices = await notices_of(client, claim["id"])
    [stopped] = [n for n in notices if n["kind"] == "benefit_stopped"]
    response = await pdf_of(client, stopped["id"])
    text = pdf_text(response.content)

    assert (first.status_code, again.status_code) == (201, 200), first.text
    assert [n["kind"] for n in notices] == ["claim_approved", "benefit_stopped"]
    assert (stopped["decision_ref"], stopped["appeal_rights_included"]) == (claim["id"], True)
    assert response.status_code == 200
    assert "停止发放失业保险待遇决定书" in text and APPEAL_SENTENCE in text
    # R-DEATH-1: the month of death (2025-02-10 … 03-09) is paid in full; the stop is its end.
    assert "因死亡" in text and "2025年3月10日" in text and "死亡证明-001" in text
    assert "R-STOP-1" in text and "第五十一条" in text


async def test_a_transfer_out_issues_the_stop_notice_once_with_its_reason_and_date(
    client: httpx.AsyncClient,
) -> None:
    claim = await on_benefit(client)
    body = {"effective_date": "2025-04-10", "destination_area": "440106", "evidence_ref": "转移函-7"}
    first = await client.post(f"/claims/{claim['id']}/transfer-out", json=body, headers=CM)
    again = await client.post(f"/claims/{claim['id']}/transfer-out", json=body, headers=CM)

    notices = await notices_of(client, claim["id"])
    [stopped] = [n for n in notices if n["kind"] == "benefit_stopped"]
    text = pdf_text((await pdf_of(client, stopped["id"])).content)

    assert (first.status_code, again.status_code) == (201, 200), first.text
    assert [n["kind"] for n in notices] == ["claim_approved", "benefit_stopped"]
    assert stopped["decision_ref"] == claim["id"]
    assert "失业保险关系转出" in text and "2025年4月10日" in text and "转移函-7" in text
    assert APPEAL_SENTENCE in text
