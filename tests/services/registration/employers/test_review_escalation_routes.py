"""The review-deadline workflow's escalations at the service: warning, overdue (R-REG-1), visible
to operations; only the system role may send them; repeating changes nothing."""

from __future__ import annotations

import asyncpg
import httpx

from tests.factories import auth
from tests.services.registration.factories import accepted_employer


async def test_overdue_escalation_is_recorded_once_and_visible_to_operations(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    employer = await accepted_employer(client)
    url = f"/employers/{employer['id']}/review-escalations"
    body = {"level": "overdue", "due_on": employer["review_due_on"]}

    assert (await client.post(url, json=body, headers=auth("case_manager"))).status_code == 403
    warned = await client.post(url, json={"level": "warning", "due_on": employer["review_due_on"]}, headers=auth("system"))
    assert warned.status_code == 200 and warned.json()["review_warned_at"] is not None
    assert warned.json()["review_overdue"] is False
    first = await client.post(url, json=body, headers=auth("system"))
    again = await client.post(url, json=body, headers=auth("system"))
    assert first.json()["review_overdue"] is True
    assert again.json()["review_overdue_at"] == first.json()["review_overdue_at"]

    overdue = (await client.get("/employers", params={"review_overdue": "true", "limit": 200},
                                headers=auth("operations"))).json()
    assert employer["id"] in {e["id"] for e in overdue}
    actions = await conn.fetch(
        "SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'review_%' ORDER BY id", employer["id"]
    )
    assert [a["action"] for a in actions] == ["review_warning", "review_overdue"]


async def test_a_decided_case_is_not_flagged_overdue(client: httpx.AsyncClient) -> None:
    employer = await accepted_employer(client)
    await client.post(f"/employers/{employer['id']}/decision", json={"approved": True}, headers=auth("case_manager"))
    late = await client.post(
        f"/employers/{employer['id']}/review-escalations",
        json={"level": "overdue", "due_on": employer["review_due_on"]},
        headers=auth("system"),
    )
    assert late.status_code == 200 and late.json()["review_overdue"] is False


async def test_review_state_before_acceptance_and_before_the_workflow_starts(client: httpx.AsyncClient) -> None:
    from tests.services.registration.factories import submitted_employer

    submitted = await submitted_employer(client)
    before = await client.get(f"/employers/{submitted['id']}/review", headers=auth("operations"))
    assert before.status_code == 200 and before.json()["status"] == "NOT_ACCEPTED"

    # The test app's outbox relay is off: the start is queued, the workflow not there yet.
    accepted = await accepted_employer(client)
    queued = (await client.get(f"/employers/{accepted['id']}/review", headers=auth("operations"))).json()
    assert queued["status"] == "NOT_STARTED"
    assert queued["workflow_id"] == f"employer-review-{accepted['id']}"
    assert queued["review_due_on"] == accepted["review_due_on"]
    assert (await client.get(f"/employers/{accepted['id']}/review", headers=auth("service_point"))).status_code == 403
