"""One-time notice of missing documents (R-RFI-1 一次性告知) through the API: every missing document
at once and once only, in writing (R-NOTICE-1, with the appeal rights), the review clock (R-REV-1)
paused until the documents are in and then counted from their receipt; past the province's supply
deadline the journey closes the claim as incomplete, with its own notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg
import httpx
import pytest

from contracts.journey import claimant_journey_id
from tests.clock import TestClock
from tests.factories import auth
from tests.four_eyes import approve
from tests.services.benefits.factories import decide, evidence, open_claim
from tests.services.benefits.test_decision_notices_routes import APPEAL_SENTENCE, notices_of, pdf_of, pdf_text

CM = auth("case_manager")
SYSTEM = auth("system")
SERVICE_POINT = auth("service_point", "430102")
# 02:00 UTC on 3 March 2025 is 10:00 in China (R-TIME-1): the request's China date is 3 March.
REQUESTED_AT = dt.datetime(2025, 3, 3, 2, 0, tzinfo=dt.UTC)
DATES = {"registration_date": "2025-03-01", "separation_date": "2025-02-20", "claim_date": "2025-03-01"}
DOCUMENTS = [
    {"kind": "separation_proof", "description": "原单位出具的终止劳动合同证明（加盖公章）"},
    {"kind": "bank_account", "description": "本人社会保障卡金融账户的开户行及账号"},
]
# The SAMPLE province row of migration 0030: 30 days from the request.
SAMPLE_DUE_ON = "2025-04-02"


@pytest.fixture
def at_request(clock: TestClock) -> TestClock:
    clock.at = REQUESTED_AT
    return clock


async def pending_claim(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    return await open_claim(client, evidence=evidence(36), **{**DATES, **overrides})


async def request_documents(
    client: httpx.AsyncClient, claim_id: str, documents: list[dict[str, str]] = DOCUMENTS, headers: dict[str, str] = CM
) -> httpx.Response:
    return await client.post(f"/claims/{claim_id}/document-requests", json={"documents": documents}, headers=headers)


async def requested(client: httpx.AsyncClient, **overrides: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    claim = await pending_claim(client, **overrides)
    response = await request_documents(client, claim["id"])
    assert response.status_code == 201, response.text
    return claim, response.json()


def receipt_url(claim_id: str, request_id: str) -> str:
    return f"/claims/{claim_id}/document-requests/{request_id}/receipt"


def closure_url(claim_id: str, request_id: str) -> str:
    return f"/claims/{claim_id}/document-requests/{request_id}/closure"


async def get_claim(client: httpx.AsyncClient, claim_id: str) -> dict[str, Any]:
    response = await client.get(f"/claims/{claim_id}", headers=CM)
    assert response.status_code == 200, response.text
    return response.json()


async def signals(conn: asyncpg.Connection, claim: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "SELECT payload FROM outbox WHERE workflow_id = $1 AND payload->>'signal' = $2 ORDER BY id",
        claimant_journey_id(claim["registration_id"]), name,
    )
    return [r["payload"]["arg"] for r in rows]


async def decision_while_awaited(client: httpx.AsyncClient, claim_id: str) -> httpx.Response:
    """The decision asked for (and, under four-eyes control R-CTRL-1, approved by a second person)."""
    response = await client.post(f"/claims/{claim_id}/decision", json={"approved": True}, headers=CM)
    if response.status_code != 202:
        return response
    return await approve(client, response.json()["id"])


async def test_a_request_lists_every_document_in_writing_and_pauses_the_review(
    client: httpx.AsyncClient, conn: asyncpg.Connection, at_request: TestClock
) -> None:
    claim, request = await requested(client)

    assert (request["status"], request["requested_on"], request["due_on"], request["supply_days"]) == (
        "awaiting", "2025-03-03", SAMPLE_DUE_ON, 30
    )
    assert request["documents"] == DOCUMENTS and request["requested_by"] == "test-case_manager"
    assert request["paused_review_due_at"] == claim["review_due_at"]
    # R-REV-1 paused: past the original 10 days the claim is still not overdue.
    at_request.shift(days=20)
    paused = await get_claim(client, claim["id"])
    assert dt.datetime.fromisoformat(paused["review_paused_since"]) == REQUESTED_AT
    assert (paused["documents_due_on"], paused["review_overdue"], paused["status"]) == (
        SAMPLE_DUE_ON, False, "pending_review"
    )
    overdue = (await client.get("/claims", params={"review_overdue": "true"}, headers=CM)).json()
    assert claim["id"] not in [c["id"] for c in overdue]
    [signal] = await signals(conn, claim, "documents_requested")
    assert (signal["request_id"], signal["documents_due_on"]) == (request["id"], SAMPLE_DUE_ON)
    # R-NOTICE-1: the 告知书 lists every document and the deadline, with the appeal rights.
    [notice] = [n for n in await notices_of(client, claim["id"]) if n["kind"] == "documents_requested"]
    assert (notice["decision_ref"], notice["appeal_rights_included"]) == (request["id"], True)
    text = pdf_text((await pdf_of(client, notice["id"])).content)
    assert "一次性告知补正材料通知书" in text and "2025年4月2日" in text
    assert "解除或者终止劳动关系的证明" in text and "原单位出具的终止劳动合同证明（加盖公章）" in text
    assert "本人社会保障卡金融账户的开户行及账号" in text and "共2项" in text
    assert APPEAL_SENTENCE in text and "R-RFI-1" in text and "R-REV-1" in text


async def test_documents_are_asked_for_once_only(client: httpx.AsyncClient, at_request: TestClock) -> None:
    claim, request = await requested(client)

    again = await request_documents(client, claim["id"], [{"kind": "other", "description": "又想起一项材料"}])
    listed = (await client.get(f"/claims/{claim['id']}/document-requests", headers=CM)).json()

    assert (again.status_code, again.json()["code"]) == (409, "documents_already_requested")
    assert "一次性告知" in again.json()["message"]
    assert [r["id"] for r in listed] == [request["id"]] and listed[0]["documents"] == DOCUMENTS
    kinds = [n["kind"] for n in await notices_of(client, claim["id"])]
    assert kinds.count("documents_requested") == 1


async def test_the_receipt_restarts_the_ten_days_and_the_claim_can_be_decided(
    client: httpx.AsyncClient, conn: asyncpg.Connection, at_request: TestClock
) -> None:
    claim, request = await requested(client)
    refused = await decision_while_awaited(client, claim["id"])
    at_request.shift(days=12)
    received_at = at_request.instant()

    first = await client.post(receipt_url(claim["id"], request["id"]), headers=SERVICE_POINT)
    at_request.shift(hours=1)
    repeat = await client.post(receipt_url(claim["id"], request["id"]), headers=CM)
    resumed = await get_claim(client, claim["id"])

    assert (refused.status_code, refused.json()["code"]) == (409, "documents_awaited")
    assert first.status_code == 200 and repeat.json() == first.json()
    assert (first.json()["status"], first.json()["received_by"]) == ("received", "test-service_point")
    # R-REV-1 with R-RFI-1: 10 days from the receipt of complete materials.
    assert dt.datetime.fromisoformat(resumed["review_due_at"]) == received_at + dt.timedelta(days=10)
    assert (resumed["review_paused_since"], resumed["documents_due_on"], resumed["review_overdue"]) == (None, None, False)
    [signal] = await signals(conn, claim, "documents_received")
    assert dt.datetime.fromisoformat(signal["review_due_at"]) == received_at + dt.timedelta(days=10)
    at_request.shift(days=10)
    assert (await get_claim(client, claim["id"]))["review_overdue"] is True
    decided = await decide(client, claim["id"])
    assert (decided.status_code, decided.json()["status"]) == (200, "approved")


async def test_past_the_deadline_the_journey_closes_the_claim_with_its_notice(
    client: httpx.AsyncClient, at_request: TestClock
) -> None:
    claim, request = await requested(client)
    at_request.at = dt.datetime(2025, 4, 2, 15, 59, tzinfo=dt.UTC)  # 23:59 on 2 April in China
    early = await client.post(closure_url(claim["id"], request["id"]), headers=SYSTEM)
    at_request.shift(minutes=1)  # 00:00 on 3 April: the deadline has passed

    by_hand = await client.post(closure_url(claim["id"], request["id"]), headers=CM)
    closed = await client.post(closure_url(claim["id"], request["id"]), headers=SYSTEM)
    repeat = await client.post(closure_url(claim["id"], request["id"]), headers=SYSTEM)
    late_receipt = await client.post(receipt_url(claim["id"], request["id"]), headers=CM)
    after = await get_claim(client, claim["id"])

    assert (early.status_code, early.json()["code"]) == (409, "supply_deadline_not_passed")
    assert by_hand.status_code == 403
    assert closed.status_code == 200 and repeat.json() == closed.json()
    assert (closed.json()["status"], closed.json()["closed_by"]) == ("closed_incomplete", "test-system")
    assert (after["status"], after["review_paused_since"], after["review_overdue"]) == ("closed_incomplete", None, False)
    assert (late_receipt.status_code, late_receipt.json()["code"]) == (409, "claim_closed_incomplete")
    [notice] = [n for n in await notices_of(client, claim["id"]) if n["kind"] == "claim_closed_incomplete"]
    assert notice["decision_ref"] == request["id"]
    text = pdf_text((await pdf_of(client, notice["id"])).content)
    assert "终止办理失业保险金申领决定书" in text and "2025年4月2日" in text
    assert "原单位出具的终止劳动合同证明（加盖公章）" in text and "本人社会保障卡金融账户的开户行及账号" in text
    assert APPEAL_SENTENCE in text and "R-RFI-1" in text


async def test_the_closure_is_refused_once_the_documents_came(client: httpx.AsyncClient, at_request: TestClock) -> None:
    claim, request = await requested(client)
    assert (await client.post(receipt_url(claim["id"], request["id"]), headers=CM)).status_code == 200
    at_request.shift(days=40)

    closure = await client.post(closure_url(claim["id"], request["id"]), headers=SYSTEM)

    assert (closure.status_code, closure.json()["code"]) == (409, "documents_received")
    assert (await get_claim(client, claim["id"]))["status"] == "pending_review"
    assert "claim_closed_incomplete" not in [n["kind"] for n in await notices_of(client, claim["id"])]


async def test_another_districts_service_point_finds_no_request(client: httpx.AsyncClient, at_request: TestClock) -> None:
    claim, request = await requested(client)
    elsewhere = auth("service_point", "430103")

    listed = await client.get(f"/claims/{claim['id']}/document-requests", headers=elsewhere)
    receipt = await client.post(receipt_url(claim["id"], request["id"]), headers=elsewhere)
    by_service_point = await request_documents(client, (await pending_claim(client))["id"], headers=SERVICE_POINT)
    own = await client.get(f"/claims/{claim['id']}/document-requests", headers=SERVICE_POINT)

    assert (listed.status_code, listed.json()["code"]) == (404, "claim_not_found")
    assert (receipt.status_code, receipt.json()["code"]) == (404, "claim_not_found")
    assert by_service_point.status_code == 403  # the case manager asks; the service point receives
    assert own.status_code == 200 and own.json()[0]["status"] == "awaiting"


@pytest.mark.parametrize(
    ("documents", "code", "field"),
    [
        ([], "invalid_too_short", "documents"),
        ([{"kind": "diploma", "description": "毕业证"}], "invalid_enum", "documents.0.kind"),
        ([{"kind": "other", "description": "   "}], "invalid_string_too_short", "documents.0.description"),
        ([{"kind": "other", "description": "x" * 201}], "invalid_string_too_long", "documents.0.description"),
        ([DOCUMENTS[0], DOCUMENTS[0]], "duplicate_document", "documents"),
        ([{"kind": "other", "description": "材料", "note": "?"}], "unknown_field", "documents.0.note"),
    ],
)
async def test_bad_requests_are_refused_with_the_field(
    client: httpx.AsyncClient, at_request: TestClock, documents: list, code: str, field: str
) -> None:
    claim = await pending_claim(client)
    response = await request_documents(client, claim["id"], documents)
    assert response.status_code == 422, response.text
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert (await get_claim(client, claim["id"]))["review_paused_since"] is None


async def test_only_a_claim_under_review_and_its_own_request(client: httpx.AsyncClient, at_request: TestClock) -> None:
    decided = await pending_claim(client)
    assert (await decide(client, decided["id"])).status_code == 200
    claim, request = await requested(client)
    other, _ = await requested(client)

    too_late = await request_documents(client, decided["id"])
    wrong_claim = await client.post(receipt_url(other["id"], request["id"]), headers=CM)
    unknown = await client.post(receipt_url(claim["id"], "00000000-0000-4000-8000-000000000000"), headers=CM)
    not_an_id = await client.post(receipt_url(claim["id"], "abc"), headers=CM)

    assert (too_late.status_code, too_late.json()["code"]) == (409, "claim_not_pending_review")
    assert (wrong_claim.status_code, wrong_claim.json()["code"]) == (404, "document_request_not_found")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "document_request_not_found")
    assert not_an_id.status_code == 422


async def test_the_supply_deadline_is_an_effective_dated_policy_by_area(
    client: httpx.AsyncClient, conn: asyncpg.Connection, at_request: TestClock
) -> None:
    row = {"area_code": "430102", "effective_from": "2025-01-01", "supply_days": 15, "source": "测试: 区补正期限"}
    added = await client.post("/policy/document-supply", json=row, headers=auth("operations"))
    repeat = await client.post("/policy/document-supply", json=row, headers=auth("operations"))
    different = await client.post("/policy/document-supply", json={**row, "supply_days": 20}, headers=auth("operations"))
    by_case_manager = await client.post("/policy/document-supply", json=row, headers=CM)
    in_force = await client.get("/policy/document-supply/in-force", params={"district": "430102", "on": "2025-03-03"}, headers=CM)
    province = await client.get("/policy/document-supply/in-force", params={"district": "430103", "on": "2025-03-03"}, headers=CM)

    assert (added.status_code, repeat.status_code, by_case_manager.status_code) == (201, 200, 403)
    assert (different.status_code, different.json()["code"]) == (409, "policy_row_exists")
    assert (in_force.json()["id"], in_force.json()["supply_days"]) == (added.json()["id"], 15)
    assert (province.json()["area_code"], province.json()["supply_days"], province.json()["is_sample"]) == ("430000", 30, True)
    _, request = await requested(client)
    assert (request["due_on"], request["supply_days"], request["supply_policy_id"]) == ("2025-03-18", 15, added.json()["id"])
    # A row a request used never changes (R-RFI-1 requests stay explainable).
    with pytest.raises(asyncpg.IntegrityConstraintViolationError):
        await conn.execute("UPDATE document_supply_policies SET supply_days = 16 WHERE id = $1", added.json()["id"])


async def test_without_a_supply_deadline_in_force_nothing_is_requested(
    client: httpx.AsyncClient, at_request: TestClock
) -> None:
    claim = await pending_claim(client, district="110101")  # no province row for 110000
    response = await request_documents(client, claim["id"])
    assert (response.status_code, response.json()["code"]) == (409, "policy_missing")
    assert (await get_claim(client, claim["id"]))["review_paused_since"] is None
