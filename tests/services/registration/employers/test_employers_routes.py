"""参保登记 over the API: forms 2-1/2-2, the USCC check and its audited override, the review
states, annotate vs issue, approval creating the insured records in one transaction."""

from __future__ import annotations

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth, id_number, with_wrong_check_digit
from tests.four_eyes import approve
from tests.services.registration.factories import (
    accepted_employer,
    approved_employer,
    employer_payload,
    ensure_calendar_known,
    staff_member,
    submitted_employer,
    uscc,
    with_wrong_uscc_check,
)

URL = "/employers"


async def test_service_point_submits_and_personal_data_is_masked(client: httpx.AsyncClient) -> None:
    payload = employer_payload()
    response = await client.post(URL, json=payload, headers=auth("service_point", "430102"))

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "submitted"
    assert body["uscc"] == payload["uscc"]
    assert body["staff_listed"] == 2
    assert body["late_registration"] is False
    assert body["legal_representative"] == "赵*"
    assert body["bank_account"] == "6222***********4567"
    assert body["contacts"][0]["name"] == "王*"
    # The case manager who reviews it sees the data in full.
    full = (await client.get(f"{URL}/{body['id']}", headers=auth("case_manager"))).json()
    assert full["legal_representative"] == "赵六" and full["bank_account"] == payload["bank_account"]


async def test_the_same_submission_repeated_returns_the_first_and_a_different_one_conflicts(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    payload = employer_payload()
    headers = auth("service_point", "430102")
    first = await client.post(URL, json=payload, headers=headers)
    second = await client.post(URL, json=payload, headers=headers)
    other = await client.post(URL, json=dict(payload, name="另一家公司"), headers=headers)

    assert (first.status_code, second.status_code, other.status_code) == (201, 200, 409)
    assert first.json()["id"] == second.json()["id"]
    assert other.json()["code"] == "employer_already_registered" and other.json()["field"] == "uscc"
    assert await conn.fetchval("SELECT count(*) FROM employers WHERE uscc = $1", payload["uscc"]) == 1
    staff_rows = await conn.fetchval(
        "SELECT count(*) FROM employer_application_staff WHERE employer_id = $1", first.json()["id"]
    )
    assert staff_rows == 2


async def test_uscc_check_vectors(client: httpx.AsyncClient) -> None:
    headers = auth("service_point", "430102")
    # The published example of GB 32100-2015 passes; wrong check character, length and alphabet fail.
    ok = await client.post(URL, json=employer_payload(uscc="91110000600037341L"), headers=headers)
    assert ok.status_code in (200, 201, 409), ok.text  # 409 only if another test committed it
    for code, expected in (
        (with_wrong_uscc_check(uscc()), "invalid_uscc_checksum"),
        ("9143010212345", "invalid_uscc_length"),
        ("914301021234567I8Z", "invalid_uscc_format"),  # I is not in the alphabet
        ("A14301021234567890", "invalid_uscc_format"),  # the first 8 are digits
    ):
        response = await client.post(URL, json=employer_payload(uscc=code), headers=headers)
        assert response.status_code == 422, (code, response.text)
        assert response.json()["code"] == expected and response.json()["field"] == "uscc"


async def test_case_manager_overrides_a_failing_check_with_a_reason_and_it_is_audited(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    code = with_wrong_uscc_check(uscc())
    sp = await client.post(
        URL,
        json=employer_payload(uscc=code, uscc_check_override_reason="营业执照原件核对无误"),
        headers=auth("service_point", "430102"),
    )
    assert sp.status_code == 403 and sp.json()["code"] == "uscc_override_forbidden"

    payload = employer_payload(uscc=code, uscc_check_override_reason="营业执照原件核对无误")
    # R-CTRL-1: the override is prepared, a second case manager approves it, the submission goes through.
    prepared = await client.post(URL, json=payload, headers=auth("case_manager"))
    assert (prepared.status_code, prepared.json()["kind"]) == (202, "uscc_override")
    assert (await approve(client, prepared.json()["id"])).status_code == 200
    cm = await client.post(URL, json=payload, headers=auth("case_manager"))
    assert cm.status_code == 201, cm.text
    assert cm.json()["uscc_check_overridden"] is True
    entry = await conn.fetchrow(
        "SELECT * FROM audit_log WHERE entity_id = $1 AND action = 'uscc_check_overridden'", cm.json()["id"]
    )
    assert entry["actor_role"] == "case_manager" and entry["reason"] == "营业执照原件核对无误"


async def test_bad_staff_id_number_is_refused_and_nothing_is_written(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    payload = employer_payload(staff=[staff_member(id_number=with_wrong_check_digit(id_number()))])
    response = await client.post(URL, json=payload, headers=auth("service_point", "430102"))

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_id_number_checksum"
    assert response.json()["field"] == "staff.0.id_number"
    assert await conn.fetchval("SELECT count(*) FROM employers WHERE uscc = $1", payload["uscc"]) == 0


async def test_impossible_birth_date_in_a_staff_id_number_is_refused(client: httpx.AsyncClient) -> None:
    body = "43010219900230" + "123"  # 30 February
    from stdnum.cn import ric

    number = body + ric.calc_check_digit(body + "0")
    response = await client.post(
        URL, json=employer_payload(staff=[staff_member(id_number=number)]),
        headers=auth("service_point", "430102"),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_id_number_component"


async def test_late_registration_is_flagged_r_reg_3(client: httpx.AsyncClient) -> None:
    import datetime as dt

    founded = (china_today() - dt.timedelta(days=31)).isoformat()
    staff = [staff_member(hired_on=founded)]
    body = (await client.post(
        URL, json=employer_payload(founded_on=founded, staff=staff), headers=auth("service_point", "430102")
    )).json()
    assert body["late_registration"] is True


async def test_service_point_of_another_district_cannot_see_or_act(client: httpx.AsyncClient) -> None:
    employer = await submitted_employer(client)
    other = auth("service_point", "430103")
    missing = await client.get(f"{URL}/00000000-0000-0000-0000-000000000000", headers=other)
    hidden = await client.get(f"{URL}/{employer['id']}", headers=other)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    listed = (await client.get(URL, headers=other, params={"limit": 200})).json()
    assert employer["id"] not in {e["id"] for e in listed}
    forbidden = await client.post(
        URL, json=employer_payload(district="430102"), headers=other
    )
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "district_forbidden"


async def test_acceptance_sets_the_deadline_and_queues_the_review_workflow(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await accepted_employer(client)

    assert employer["status"] == "under_review"
    assert employer["review_due_on"] > employer["accepted_on"]
    outbox = await conn.fetchrow(
        "SELECT * FROM outbox WHERE workflow_id = $1", f"employer-review-{employer['id']}"
    )
    assert outbox["command"] == "start_workflow"
    assert outbox["payload"]["workflow_type"] == "EmployerReview"
    assert outbox["payload"]["arg"]["due_on"] == employer["review_due_on"]
    assert set(outbox["payload"]["arg"]) == {"employer_id", "accepted_on", "warn_on", "due_on"}


async def test_decision_before_acceptance_is_refused(client: httpx.AsyncClient) -> None:
    employer = await submitted_employer(client)
    response = await client.post(
        f"{URL}/{employer['id']}/decision", json={"approved": True}, headers=auth("case_manager")
    )
    assert response.status_code == 409 and response.json()["code"] == "employer_not_under_review"


async def test_approval_issues_a_certificate_and_insures_each_listed_employee(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await approved_employer(client)

    assert employer["status"] == "approved"
    certificate = await conn.fetchrow(
        "SELECT * FROM employer_certificates WHERE employer_id = $1", employer["id"]
    )
    assert certificate["kind"] == "issued" and certificate["status"] == "valid"
    assert employer["certificate_number"] == certificate["number"]
    employments = (
        await client.get(f"{URL}/{employer['id']}/employments", headers=auth("case_manager"))
    ).json()
    assert len(employments) == 2
    assert all(e["separated_on"] is None and e["late_enrolment"] is False for e in employments)
    signal = await conn.fetchrow(
        "SELECT * FROM outbox WHERE workflow_id = $1 AND command = 'signal_workflow'",
        f"employer-review-{employer['id']}",
    )
    assert signal["payload"]["signal"] == "employer_review_decided"
    assert signal["payload"]["arg"]["approved"] is True


async def test_already_insured_employer_gets_its_certificate_annotated(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    existing = f"SB{uscc()[:10]}"
    employer = await approved_employer(client, existing_certificate_number=existing)

    assert employer["certificate_number"] == existing
    kind = await conn.fetchval(
        "SELECT kind FROM employer_certificates WHERE employer_id = $1", employer["id"]
    )
    assert kind == "annotated"


async def test_rejection_needs_reasons_and_keeps_them(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    employer = await accepted_employer(client)
    url = f"{URL}/{employer['id']}/decision"
    no_reason = await client.post(url, json={"approved": False}, headers=auth("case_manager"))
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "rejection_reasons_required"

    rejected = await client.post(
        url, json={"approved": False, "reasons": ["营业执照已过期"]}, headers=auth("case_manager")
    )
    again = await client.post(
        url, json={"approved": False, "reasons": ["营业执照已过期"]}, headers=auth("case_manager")
    )
    opposite = await client.post(url, json={"approved": True}, headers=auth("case_manager"))
    assert (rejected.status_code, again.status_code, opposite.status_code) == (201, 200, 409)
    assert rejected.json()["rejection_reasons"] == ["营业执照已过期"]
    assert await conn.fetchval("SELECT count(*) FROM employments WHERE employer_id = $1", employer["id"]) == 0


async def test_approval_is_all_or_nothing(client: httpx.AsyncClient, conn: asyncpg.Connection) -> None:
    """A listed employee already insured at the same employer with another hire date cannot be
    enrolled twice: the whole approval fails and nothing of it stays."""
    await ensure_calendar_known(client)
    member = staff_member()
    employer = await accepted_employer(client, staff=[member])
    # Someone enrolled the same person meanwhile: simulate with a conflicting open employment.
    person_id = await conn.fetchval(
        "INSERT INTO persons (id, id_number, name) VALUES (gen_random_uuid(), $1, '张三') RETURNING id",
        member["id_number"],
    )
    await conn.execute(
        """INSERT INTO employments (id, employer_id, person_id, hired_on, enrolled_on, created_by)
           VALUES (gen_random_uuid(), $1, $2, '2020-01-01', '2020-01-01', 'test')""",
        employer["id"],
        person_id,
    )
    response = await client.post(
        f"{URL}/{employer['id']}/decision", json={"approved": True}, headers=auth("case_manager")
    )

    assert response.status_code == 409 and response.json()["field"] == "staff.0.id_number"
    row = await conn.fetchrow("SELECT status, certificate_number FROM employers WHERE id = $1", employer["id"])
    assert row["status"] == "under_review" and row["certificate_number"] is None
    assert await conn.fetchval("SELECT count(*) FROM employer_certificates WHERE employer_id = $1", employer["id"]) == 0


async def test_roles(client: httpx.AsyncClient) -> None:
    employer = await submitted_employer(client)
    for role in ("service_point", "operations", "auditor"):
        response = await client.post(f"{URL}/{employer['id']}/acceptance", headers=auth(role))
        assert response.status_code in (403, 404)
    assert (await client.post(URL, json=employer_payload(), headers=auth("auditor"))).status_code == 403
    assert (await client.get(URL)).status_code == 401


async def test_find_an_employer_by_uscc(client: httpx.AsyncClient) -> None:
    employer = await submitted_employer(client)
    found = await client.get(URL, params={"uscc": employer["uscc"].lower()}, headers=auth("case_manager"))
    assert [e["id"] for e in found.json()] == [employer["id"]]
    elsewhere = await client.get(URL, params={"uscc": employer["uscc"]}, headers=auth("service_point", "430103"))
    assert elsewhere.json() == []


async def test_a_rejected_registration_is_submitted_again_and_reviewed_in_a_new_round(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await accepted_employer(client)
    await client.post(
        f"{URL}/{employer['id']}/decision", json={"approved": False, "reasons": ["缺少营业执照"]},
        headers=auth("case_manager"),
    )
    fixed = employer_payload(uscc=employer["uscc"], staff=[staff_member()])
    fixed["documents"].append({"kind": "business_licence", "title": "营业执照正本", "received_on": fixed["founded_on"]})
    again = await client.post(URL, json=fixed, headers=auth("service_point", "430102"))
    assert again.status_code == 201, again.text
    body = again.json()
    assert body["id"] == employer["id"]
    assert (body["status"], body["rejection_reasons"], body["review_due_on"]) == ("submitted", None, None)
    assert body["staff_listed"] == 1

    second_round = await client.post(f"{URL}/{employer['id']}/acceptance", headers=auth("case_manager"))
    assert second_round.status_code == 200
    workflows = await conn.fetch(
        "SELECT workflow_id FROM outbox WHERE command = 'start_workflow' AND workflow_id LIKE $1 ORDER BY id",
        f"employer-review-{employer['id']}%",
    )
    assert [w["workflow_id"] for w in workflows] == [
        f"employer-review-{employer['id']}", f"employer-review-{employer['id']}-r2"
    ]
    approved = await client.post(f"{URL}/{employer['id']}/decision", json={"approved": True}, headers=auth("case_manager"))
    assert approved.status_code == 201 and approved.json()["status"] == "approved"
    signal = await conn.fetchval(
        "SELECT workflow_id FROM outbox WHERE command = 'signal_workflow' AND payload->'arg'->>'approved' = 'true'"
        " AND workflow_id LIKE $1",
        f"employer-review-{employer['id']}%",
    )
    assert signal == f"employer-review-{employer['id']}-r2"
    actions = await conn.fetch(
        "SELECT action FROM audit_log WHERE entity_type = 'employer' AND entity_id = $1 ORDER BY id", employer["id"]
    )
    assert [a["action"] for a in actions] == [
        "submitted", "accepted", "rejected", "resubmitted", "accepted", "approved"
    ]


async def test_an_existing_certificate_number_of_another_employer_is_refused(client: httpx.AsyncClient) -> None:
    first = await approved_employer(client, staff=[])
    second = await accepted_employer(client, staff=[], existing_certificate_number=first["certificate_number"])
    response = await client.post(
        f"{URL}/{second['id']}/decision", json={"approved": True}, headers=auth("case_manager")
    )
    assert response.status_code == 409
    assert (response.json()["code"], response.json()["field"]) == ("certificate_number_in_use", "existing_certificate_number")
