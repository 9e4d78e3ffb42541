"""The Temporal client every process uses: traced, and lazy so a service starts while Temporal
is still coming up (its outbox relay retries)."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.contrib.pydantic import pydantic_data_converter

from shared.settings import CommonSettings


async def connect_temporal(settings: CommonSettings, *, lazy: bool = False) -> Client:
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        interceptors=[TracingInterceptor()],
        lazy=lazy,
        # Dates and Decimals cross the workflow boundary as themselves, not as strings.
        data_converter=pydantic_data_converter,
    )
