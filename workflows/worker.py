"""The journey worker: ``python -m workflows.worker``. Stops cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import signal

from temporalio.worker import Worker

from shared.app import configure_logging
from shared.telemetry import setup_tracing
from shared.temporal import connect_temporal
from workflows.activities import JourneyActivities
from workflows.clients import ServiceClients
from workflows.employer_activities import EmployerReviewActivities, TaxReportActivities
from workflows.employer_review import EmployerReview, TaxReportMonthly
from workflows.journey import ClaimantJourney
from workflows.operations import PreExpiryNoticesDaily
from workflows.operations_activities import OperationsActivities
from workflows.schedules import ensure_schedules
from workflows.settings import WorkerSettings

log = logging.getLogger("uis.worker")


def build_worker(client, settings: WorkerSettings, clients: ServiceClients) -> Worker:  # noqa: ANN001
    # The client's TracingInterceptor is also a worker interceptor, so the worker inherits it.
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=[ClaimantJourney, EmployerReview, TaxReportMonthly, PreExpiryNoticesDaily],
        activities=JourneyActivities(clients).all()
        + EmployerReviewActivities(clients).all()
        + TaxReportActivities(clients).all()
        + OperationsActivities(clients).all(),
        max_concurrent_workflow_tasks=settings.max_concurrent_workflow_tasks,
        max_concurrent_activities=settings.max_concurrent_activities,
        max_cached_workflows=settings.max_cached_workflows,
        # On shutdown, let running service calls finish rather than cancel them.
        graceful_shutdown_timeout=dt.timedelta(seconds=15),
    )


async def main() -> None:
    settings = WorkerSettings()
    settings.check_production_safety()
    configure_logging(settings.log_level)
    setup_tracing("worker", settings.otlp_endpoint, sample_ratio=settings.sample_ratio)
    client = await connect_temporal(settings)
    clients = ServiceClients.from_settings(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    schedules = asyncio.create_task(ensure_schedules(client, settings)) if settings.ensure_schedules else None
    try:
        async with build_worker(client, settings, clients):
            log.info("worker polling task queue %s", settings.task_queue)
            await stop.wait()
            log.info("worker shutting down")
    finally:
        if schedules is not None:
            schedules.cancel()
        await clients.aclose()


if __name__ == "__main__":
    asyncio.run(main())
