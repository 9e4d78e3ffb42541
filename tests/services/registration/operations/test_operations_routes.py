"""运行监控 (issue 11): journeys whose activities keep failing, from Temporal's describe (the dev
server, a worker of this test's own), and the Schedules with their next runs. No personal data;
operations (and auditors, for the failing workflows) only; 503 when Temporal does not answer."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from temporalio import activity, workflow
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleIntervalSpec,
    ScheduleSpec,
)
from temporalio.common import RetryPolicy, SearchAttributePair, TypedSearchAttributes
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from contracts.journey import DISTRICT_KEY, STAGE_KEY, WORKFLOW_TYPE, Stage, claimant_journey_id
from shared.settings import CommonSettings
from shared.temporal import connect_temporal
from tests.e2e.conftest import eventually
from tests.factories import auth

# An ID number inside a failure message is masked in the answer (PIPL art. 28).
_QUOTED_ID = "430102199001011234"


@activity.defn(name="record_payment")
async def always_fails(_: str) -> None:
    raise RuntimeError(f"benefits answered 503 for {_QUOTED_ID} " + "x" * 400)


@workflow.defn(name=WORKFLOW_TYPE)
class FailingJourney:
    """Stands in for the journey: one activity retried without end; the second retry waits 10 s
    (0.1 s × 100, Temporal's default cap), so the answer shows when it comes."""

    @workflow.run
    async def run(self, registration_id: str) -> None:
        await workflow.execute_activity(
            always_fails,
            registration_id,
            start_to_close_timeout=dt.timedelta(seconds=5),
            retry_policy=RetryPolicy(initial_interval=dt.timedelta(milliseconds=100), backoff_coefficient=100.0),
        )


@pytest.fixture
async def temporal() -> AsyncIterator[Client]:
    yield await connect_temporal(CommonSettings())


async def test_a_journey_whose_activity_keeps_failing_is_listed(client: httpx.AsyncClient, temporal: Client) -> None:
    district = f"43{random.randint(1000, 9999)}"  # a district of its own in the shared dev server
    task_queue = f"failing-{uuid.uuid4()}"
    registration_id = uuid.uuid4()
    async with Worker(
        temporal,
        task_queue=task_queue,
        workflows=[FailingJourney],
        activities=[always_fails],
        workflow_runner=UnsandboxedWorkflowRunner(),
    ):
        handle = await temporal.start_workflow(
            FailingJourney.run,
            str(registration_id),
            id=claimant_journey_id(registration_id),
            task_queue=task_queue,
            search_attributes=TypedSearchAttributes([
                SearchAttributePair(DISTRICT_KEY, district),
                SearchAttributePair(STAGE_KEY, Stage.ON_BENEFIT.value),
            ]),
        )
        try:
            async def failing() -> httpx.Response:
                return await client.get(
                    "/operations/workflows/failing", params={"district": district}, headers=auth("operations")
                )

            def waiting_to_retry(r: httpx.Response) -> bool:
                items = r.json()["items"]
                return len(items) == 1 and items[0]["attempt"] == 3 and items[0]["next_attempt_at"] is not None

            response = await eventually(failing, waiting_to_retry)
        finally:
            await handle.terminate("failing test done")
    body = response.json()
    assert (body["described"], body["more_running"]) == (1, False)
    item = body["items"][0]
    assert {k: item[k] for k in ("workflow_id", "registration_id", "stage", "district", "activity_type")} == {
        "workflow_id": claimant_journey_id(registration_id),
        "registration_id": str(registration_id),
        "stage": "on_benefit",
        "district": district,
        "activity_type": "record_payment",
    }
    assert item["maximum_attempts"] is None
    assert item["last_failure"].startswith("benefits answered 503 for 4301**********1234 xxx")
    assert len(item["last_failure"]) == 300 and _QUOTED_ID not in response.text
    assert item["state"] == "SCHEDULED"  # waiting out the retry interval
    last, following = (dt.datetime.fromisoformat(item[k]) for k in ("last_attempt_at", "next_attempt_at"))
    assert dt.timedelta(seconds=5) < following - last <= dt.timedelta(seconds=11)


async def test_a_waiting_journey_is_described_but_not_listed(client: httpx.AsyncClient, temporal: Client) -> None:
    district = f"43{random.randint(1000, 9999)}"
    registration_id = uuid.uuid4()
    handle = await temporal.start_workflow(
        WORKFLOW_TYPE,
        str(registration_id),
        id=claimant_journey_id(registration_id),
        task_queue=f"unpolled-{uuid.uuid4()}",
        search_attributes=TypedSearchAttributes([SearchAttributePair(DISTRICT_KEY, district)]),
    )
    try:
        async def failing() -> httpx.Response:
            return await client.get(
                "/operations/workflows/failing", params={"district": district}, headers=auth("auditor")
            )

        response = await eventually(failing, lambda r: r.json()["described"] == 1)
        assert response.json() == {"described": 1, "more_running": False, "items": []}
    finally:
        await handle.terminate("failing test done")


async def test_schedules_with_their_next_runs(client: httpx.AsyncClient, temporal: Client) -> None:
    schedule_id = f"ops-test-{uuid.uuid4()}"
    handle = await temporal.create_schedule(
        schedule_id,
        Schedule(
            action=ScheduleActionStartWorkflow("OpsTestNoop", id=f"{schedule_id}-run", task_queue=f"unpolled-{uuid.uuid4()}"),
            spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=dt.timedelta(days=1))]),
        ),
    )
    try:
        async def listed() -> dict | None:
            response = await client.get("/operations/schedules", headers=auth("operations"))
            assert response.status_code == 200, response.text
            return next((s for s in response.json() if s["schedule_id"] == schedule_id), None)

        found = await eventually(listed, lambda s: s is not None)
        assert (found["workflow_type"], found["paused"], found["last_action_at"]) == ("OpsTestNoop", False, None)
        times = [dt.datetime.fromisoformat(t) for t in found["next_action_times"]]
        assert len(times) == 3 and times == sorted(times) and times[1] - times[0] == dt.timedelta(days=1)

        await handle.pause(note="ops test")
        paused = await eventually(listed, lambda s: s is not None and s["paused"])
        assert paused["paused"] is True
    finally:
        await handle.delete()


async def test_roles(client: httpx.AsyncClient) -> None:
    for role in ("case_manager", "service_point", "finance", "system"):
        assert (await client.get("/operations/workflows/failing", headers=auth(role))).status_code == 403, role
    for role in ("auditor", "case_manager", "service_point", "finance"):
        assert (await client.get("/operations/schedules", headers=auth(role))).status_code == 403, role
    bad = await client.get("/operations/workflows/failing", params={"limit": 0}, headers=auth("operations"))
    assert (bad.status_code, bad.json()["field"]) == (422, "limit")


async def test_temporal_away_is_a_503_not_a_500(conn: asyncpg.Connection, clock) -> None:  # noqa: ANN001
    from services.registration.main import create_app
    from services.registration.settings import RegistrationSettings
    from tests.apps import api_client

    away = await Client.connect("127.0.0.1:1", lazy=True)
    app = lambda: create_app(RegistrationSettings(outbox_relay=False), clock=clock, temporal_client=away)  # noqa: E731
    async with api_client(app, conn) as client:
        for path in ("/operations/workflows/failing", "/operations/schedules", "/journeys/counts"):
            response = await client.get(path, headers=auth("operations"))
            assert (response.status_code, response.json()["code"]) == (503, "workflow_service_unavailable"), path
