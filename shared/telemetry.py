"""OpenTelemetry bootstrap: one tracer provider per process, OTLP export only when configured.

Instrumented: FastAPI (server spans), asyncpg (statements, never their parameters: parameters
carry personal data), httpx (client spans + W3C trace context propagation) and Temporal through
``temporalio.contrib.opentelemetry.TracingInterceptor`` on client and worker.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from opentelemetry import metrics, trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

log = logging.getLogger(__name__)


def setup_tracing(
    service_name: str,
    otlp_endpoint: str | None,
    *,
    exporter: SpanExporter | None = None,
    metric_reader: MetricReader | None = None,
) -> TracerProvider:
    """Install the process-wide tracer and meter providers once; later calls return the installed
    tracer provider.

    Without an exporter spans still get IDs, so trace context keeps propagating across
    services and workflows; they are just not sent anywhere. Metrics (the outbox backlog…) go
    over OTLP too when an endpoint is set, or to ``metric_reader`` (tests).
    """
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    resource = Resource.create({"service.name": service_name})
    _setup_metrics(resource, otlp_endpoint, metric_reader)
    provider = TracerProvider(resource=resource)
    if exporter is not None:
        provider.add_span_processor(BatchSpanProcessor(exporter))
    elif otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=otlp_endpoint)))
        log.info("exporting traces over OTLP")
    trace.set_tracer_provider(provider)
    AsyncPGInstrumentor(capture_parameters=False).instrument(tracer_provider=provider)
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    return provider


def _setup_metrics(resource: Resource, otlp_endpoint: str | None, reader: MetricReader | None) -> None:
    readers: list[MetricReader] = []
    if reader is not None:
        readers.append(reader)
    elif otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

        readers.append(PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=otlp_endpoint)))
    metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=readers))


def instrument_app(app: FastAPI, provider: TracerProvider) -> None:
    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=provider, excluded_urls="health,health/ready"
    )
