"""OpenTelemetry bootstrap: nothing at all without an exporter; one sampled tracer provider per
process when one is configured.

Without ``OTEL_EXPORTER_OTLP_ENDPOINT`` (and no exporter given by tests) no tracer or meter
provider is installed: the API's no-op tracer and meter stay in place, no instrumentation is
installed (FastAPI, asyncpg, httpx, Temporal's interceptor: ``tracing_enabled()``), so a request
pays nothing for tracing (issue 13: it was 28.5% of a read and 28% of a registration POST).

With an exporter: FastAPI (server spans), asyncpg (statements, never their parameters:
parameters carry personal data), httpx (client spans + W3C trace context propagation) and
Temporal through ``temporalio.contrib.opentelemetry.TracingInterceptor`` on client and worker;
new traces sampled at ``sample_ratio`` (UIS_TRACE_SAMPLE_RATIO), a parent's decision followed.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

log = logging.getLogger(__name__)


def tracing_enabled() -> bool:
    """Whether this process installed a tracer provider (an exporter is configured)."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


def setup_tracing(
    service_name: str,
    otlp_endpoint: str | None,
    *,
    exporter: SpanExporter | None = None,
    metric_reader: MetricReader | None = None,
    sample_ratio: float = 1.0,
) -> TracerProvider | None:
    """Install the process-wide tracer and meter providers once, when there is somewhere to send
    what they record; later calls return the installed tracer provider. None: tracing is off.

    Metrics (the outbox backlog…) go over OTLP too when an endpoint is set, or to
    ``metric_reader`` (tests)."""
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    resource = Resource.create({"service.name": service_name})
    _setup_metrics(resource, otlp_endpoint, metric_reader)
    if exporter is None and not otlp_endpoint:
        return None
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=otlp_endpoint)
        log.info("exporting traces over OTLP, sampling %.3f of new traces", sample_ratio)
    provider = TracerProvider(resource=resource, sampler=ParentBased(TraceIdRatioBased(sample_ratio)))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _instrument_clients(provider)
    return provider


def _instrument_clients(provider: TracerProvider) -> None:
    # Imported here: without an exporter these modules are not even loaded.
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    AsyncPGInstrumentor(capture_parameters=False).instrument(tracer_provider=provider)
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)


def _setup_metrics(resource: Resource, otlp_endpoint: str | None, reader: MetricReader | None) -> None:
    readers: list[MetricReader] = []
    if reader is not None:
        readers.append(reader)
    elif otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

        readers.append(PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=otlp_endpoint)))
    if readers:
        metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=readers))


def instrument_app(app: FastAPI, provider: TracerProvider | None) -> None:
    if provider is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=provider, excluded_urls="health,health/ready"
    )
