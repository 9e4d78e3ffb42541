"""在办一条龙流程统计 for operations: running journeys counted by stage × district from Temporal's
visibility (the dev server); a service point counts its own district only; no personal data."""

from __future__ import annotations

import random
import uuid

import httpx
from temporalio.client import WorkflowHandle
from temporalio.common import SearchAttributePair, TypedSearchAttributes

from contracts.journey import DISTRICT_KEY, STAGE_KEY, WORKFLOW_TYPE, Stage, claimant_journey_id
from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from tests.e2e.conftest import eventually
from tests.factories import auth


async def waiting_journey(district: str, stage: Stage | None) -> WorkflowHandle:
    """A journey-typed workflow on a task queue nobody polls: it just waits, RUNNING."""
    temporal = await connect_temporal(CommonSettings())
    registration_id = uuid.uuid4()
    pairs = [SearchAttributePair(DISTRICT_KEY, district)]
    if stage is not None:
        pairs.append(SearchAttributePair(STAGE_KEY, stage.value))
    return await temporal.start_workflow(
        WORKFLOW_TYPE,
        {"registration_id": str(registration_id), "district": district, "registration_date": "2026-11-02"},
        id=claimant_journey_id(registration_id),
        task_queue=f"counts-{uuid.uuid4()}",
        search_attributes=TypedSearchAttributes(pairs),
    )


async def test_running_journeys_by_stage_and_district(client: httpx.AsyncClient) -> None:
    district = f"43{random.randint(1000, 9999)}"  # a district of its own in the shared dev server
    stages = [Stage.CLAIM_REVIEW, Stage.CLAIM_REVIEW, Stage.ON_BENEFIT, None, Stage.ON_BENEFIT]
    handles = [await waiting_journey(district, stage) for stage in stages]
    await handles[-1].terminate("counts test: no longer running")
    try:
        expected = [
            {"stage": "claim_review", "district": district, "count": 2},
            {"stage": "on_benefit", "district": district, "count": 1},
            {"stage": None, "district": district, "count": 1},
        ]

        async def counted() -> httpx.Response:
            return await client.get("/journeys/counts", params={"district": district}, headers=auth("operations"))

        response = await eventually(counted, lambda r: r.json() == expected)
        assert response.status_code == 200
        own = await client.get("/journeys/counts", headers=auth("service_point", district))
        assert own.json() == expected
        for role in ("case_manager", "auditor"):
            assert (await client.get("/journeys/counts", params={"district": district}, headers=auth(role))).json() == expected
        # Another district's service point asking for this one counts its own district only.
        other = await client.get("/journeys/counts", params={"district": district}, headers=auth("service_point", "430102"))
        assert other.status_code == 200 and all(row["district"] == "430102" for row in other.json())
    finally:
        for handle in handles[:-1]:
            await handle.terminate("counts test done")


async def test_bad_district_is_422_and_finance_is_403(client: httpx.AsyncClient) -> None:
    bad = await client.get("/journeys/counts", params={"district": "43' OR 1=1"}, headers=auth("operations"))
    assert (bad.status_code, bad.json()["field"]) == (422, "district")
    assert (await client.get("/journeys/counts", headers=auth("finance"))).status_code == 403
    assert (await client.get("/journeys/counts", params={"stage": "x"}, headers=auth("operations"))).status_code == 422
