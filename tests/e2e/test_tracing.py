"""One request, one trace: registration service → ClaimantJourney workflow → open_claim activity
→ benefits service. Services and worker run in this process (real HTTP on loopback, real
PostgreSQL, Temporal dev server) so the in-memory exporter sees every span."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from opentelemetry.trace import SpanKind
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from services.benefits.main import create_app as benefits_app
from services.benefits.settings import BenefitsSettings
from services.employment.main import create_app as employment_app
from services.employment.settings import EmploymentSettings
from services.registration.main import create_app as registration_app
from services.registration.settings import RegistrationSettings
from tests.conftest import SPANS, TRACER_PROVIDER
from tests.e2e.conftest import eventually, free_port
from tests.factories import auth, registration_payload
from workflows.clients import ServiceClients
from workflows.journey import ClaimantJourney
from contracts.journey import Stage
from workflows.settings import WorkerSettings
from workflows.worker import build_worker

pytestmark = pytest.mark.e2e


@contextlib.asynccontextmanager
async def serving(app, port: int) -> AsyncIterator[None]:  # noqa: ANN001
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: asyncio.sleep(0, server.started), bool, timeout=15)
        yield
    finally:
        server.should_exit = True
        await task


async def test_one_request_is_one_trace_across_service_workflow_activity_and_service(
    migrated: None, temporal_client: Client
) -> None:
    task_queue = f"trace-{uuid.uuid4()}"
    ports = {name: free_port() for name in ("registration", "benefits", "employment")}
    # Settings take the task queue by its environment name (UIS_TASK_QUEUE) only: a field name
    # would be ignored (extra="ignore") and the test would share the default queue.
    common = {"UIS_TASK_QUEUE": task_queue, "outbox_poll_seconds": 0.5}
    worker_settings = WorkerSettings(
        UIS_TASK_QUEUE=task_queue,
        **{f"{name}_url": f"http://127.0.0.1:{port}" for name, port in ports.items()},
    )
    assert worker_settings.task_queue == task_queue == RegistrationSettings(**common).task_queue
    clients = ServiceClients.from_settings(worker_settings)
    async with (
        serving(registration_app(RegistrationSettings(**common)), ports["registration"]),
        serving(benefits_app(BenefitsSettings(**common)), ports["benefits"]),
        serving(employment_app(EmploymentSettings(**common)), ports["employment"]),
        build_worker(temporal_client, worker_settings, clients),
        httpx.AsyncClient(timeout=10) as http,
    ):
        SPANS.clear()
        created = await http.post(
            f"http://127.0.0.1:{ports['registration']}/unemployment-registrations",
            json=registration_payload(),
            headers=auth("service_point", "430102"),
        )
        assert created.status_code == 201, created.text
        handle = temporal_client.get_workflow_handle_for(ClaimantJourney.run, created.json()["journey_workflow_id"])

        async def state():  # noqa: ANN202 - the relay starts the journey after the answer
            try:
                return await handle.query(ClaimantJourney.state)
            except RPCError as error:
                if error.status is RPCStatusCode.NOT_FOUND:
                    return None
                raise

        await eventually(state, lambda s: s is not None and s.stage is Stage.CLAIM_REVIEW)
        await handle.terminate("trace test done")
    await clients.aclose()
    TRACER_PROVIDER.force_flush()

    spans = SPANS.get_finished_spans()
    server_span = next(
        s for s in spans if s.name == "POST /unemployment-registrations" and s.kind is SpanKind.SERVER
    )
    trace_id = server_span.context.trace_id
    in_trace = [s for s in spans if s.context.trace_id == trace_id]
    names = {s.name for s in in_trace}

    assert "StartWorkflow:ClaimantJourney" in names
    assert "RunWorkflow:ClaimantJourney" in names
    assert "StartActivity:open_claim" in names
    assert "RunActivity:open_claim" in names
    benefits_server = [s for s in in_trace if s.name == "POST /claims" and s.kind is SpanKind.SERVER]
    assert benefits_server, sorted(names)
    # Statements are traced, their parameters (personal data) are not.
    db_spans = [s for s in in_trace if s.attributes.get("db.system") == "postgresql"]
    assert db_spans and all("db.statement.parameters" not in s.attributes for s in db_spans)
