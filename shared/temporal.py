"""The Temporal client every process uses: traced when the process traces, and lazy so a service starts while Temporal
is still coming up (its outbox relay retries); and the one way a service reads a workflow."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from typing import Generic, TypeVar

from temporalio.client import Client, WorkflowExecution
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RPCError, RPCStatusCode

from shared.errors import DomainError
from shared.settings import CommonSettings
from shared.telemetry import tracing_enabled

T = TypeVar("T")


async def connect_temporal(settings: CommonSettings, *, lazy: bool = False) -> Client:
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        # Traced only when the process traces (an exporter is set: shared/telemetry.py).
        interceptors=[TracingInterceptor()] if tracing_enabled() else [],
        lazy=lazy,
        # Dates and Decimals cross the workflow boundary as themselves, not as strings.
        data_converter=pydantic_data_converter,
    )


def workflow_service_unavailable() -> DomainError:
    return DomainError("workflow_service_unavailable", "流程服务暂时不可用, 请稍后重试", status_code=503)


def _unreachable(error: Exception) -> bool:
    """Temporal did not answer: an RPC error other than "not found", or a lazy client that
    could not connect (the SDK raises RuntimeError("Failed client connect …"))."""
    if isinstance(error, RPCError):
        return error.status != RPCStatusCode.NOT_FOUND
    return isinstance(error, RuntimeError | OSError | TimeoutError)


@dataclass
class WorkflowView(Generic[T]):
    status: str  # RUNNING, COMPLETED, FAILED, …
    state: T


@dataclass(frozen=True)
class WorkflowRun:
    """What the server alone knows of a workflow (no worker, no replay). Its history only grows,
    so the same run at the same history length is in the same state."""

    status: str
    run_id: str
    history_length: int


def _answered(results: list[object]) -> bool:
    """True when every call answered; False when one found no workflow (not found, or a query
    the workflow cannot answer); 503 workflow_service_unavailable when Temporal does not answer."""
    errors = [r for r in results if isinstance(r, BaseException)]
    for error in errors:
        if not isinstance(error, RPCError | RuntimeError | OSError | TimeoutError):
            raise error
        if _unreachable(error):
            raise workflow_service_unavailable() from None
    return not errors


async def read_workflow(client: Client, workflow_id: str, query: str, result_type: type[T]) -> WorkflowView[T] | None:
    """A workflow's execution status and its queried state; None while its start is still queued
    in an outbox (not found); 503 workflow_service_unavailable when Temporal does not answer."""
    handle = client.get_workflow_handle(workflow_id)
    # Both at once: the query waits on the worker (a replay when the workflow is not cached), the
    # description only on the server (scale run, README "Scale").
    description, state = await asyncio.gather(
        handle.describe(), handle.query(query, result_type=result_type), return_exceptions=True
    )
    if not _answered([description, state]):
        return None
    return WorkflowView(description.status.name if description.status else "UNKNOWN", state)


async def _settled(call: Awaitable[T]) -> T | Exception:
    """The answer or the error, for ``_answered`` to judge (as gather's return_exceptions)."""
    try:
        return await call
    except Exception as error:  # noqa: BLE001 - judged by _answered: re-raised unless a Temporal error
        return error


async def describe_run(client: Client, workflow_id: str) -> WorkflowRun | None:
    """The latest run's status and history length; None when there is no such workflow (yet)."""
    description = await _settled(client.get_workflow_handle(workflow_id).describe())
    if not _answered([description]):
        return None
    status = description.status.name if description.status else "UNKNOWN"
    return WorkflowRun(status, description.run_id, description.history_length)


async def query_run(client: Client, workflow_id: str, run: WorkflowRun, query: str, result_type: type[T]) -> T | None:
    """The state of that run (pinned, so it matches ``run``'s history or a later one of it)."""
    handle = client.get_workflow_handle(workflow_id, run_id=run.run_id)
    state = await _settled(handle.query(query, result_type=result_type))
    return state if _answered([state]) else None


async def list_workflows(client: Client, query: str, limit: int) -> AsyncIterator[WorkflowExecution]:
    """Temporal visibility by a query; 503 workflow_service_unavailable when it does not answer."""
    try:
        async for execution in client.list_workflows(query, limit=limit):
            yield execution
    except (RPCError, RuntimeError, OSError, TimeoutError) as error:
        if _unreachable(error):
            raise workflow_service_unavailable() from None
        raise
