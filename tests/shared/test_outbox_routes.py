"""Operations see each service's undelivered workflow messages (the same route in every service)."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import httpx

from shared.outbox import SignalWorkflow, enqueue
from tests.factories import auth
from contracts.journey import PLACEMENT_RECORDED, PlacementRecorded, claimant_journey_id


async def test_operations_see_what_has_not_reached_temporal(
    client: httpx.AsyncClient, conn: asyncpg.Connection
) -> None:
    workflow_id = claimant_journey_id(uuid.uuid4())
    placement = PlacementRecorded("p", dt.date(2026, 11, 9))
    outbox_id = await enqueue(conn, SignalWorkflow(workflow_id, PLACEMENT_RECORDED, placement, "p"))
    await conn.execute(
        "UPDATE outbox SET attempts = 3, last_error = 'UNAVAILABLE: temporal down' WHERE id = $1", outbox_id
    )

    response = await client.get("/operations/outbox?limit=500", headers=auth("operations"))

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["unsent"] >= 1 and body["failing"] >= 1 and body["oldest_unsent_at"] is not None
    assert body["oldest_unsent_age_seconds"] >= 0
    [item] = [i for i in body["items"] if i["id"] == outbox_id]
    assert (item["workflow_id"], item["attempts"], item["last_error"]) == (workflow_id, 3, "UNAVAILABLE: temporal down")
    assert item["next_attempt_at"]  # its own backoff: when the relay tries it again
    assert "payload" not in item


async def test_only_operations_and_auditors_look(client: httpx.AsyncClient) -> None:
    for role, expected in (("auditor", 200), ("case_manager", 403), ("service_point", 403)):
        assert (await client.get("/operations/outbox", headers=auth(role))).status_code == expected
