"""Telemetry off the hot path (issue 13 item 4): nothing traced without an exporter; sampled
traces with one. Each case runs in a fresh interpreter, since a tracer provider is process-wide
(this test process has the tests' in-memory one)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from shared.settings import CommonSettings, Environment


def run_python(code: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "UIS_ENVIRONMENT": "development"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_an_exporter_nothing_is_installed() -> None:
    out = run_python(
        """
        import sys
        import asyncpg
        from opentelemetry import metrics, trace
        from shared.telemetry import setup_tracing, tracing_enabled
        provider = setup_tracing("svc", None)
        print(provider is None, tracing_enabled(), type(trace.get_tracer_provider()).__name__,
              type(metrics.get_meter_provider()).__name__,
              "opentelemetry.instrumentation.asyncpg" in sys.modules,
              hasattr(asyncpg.Connection.execute, "__wrapped__"))
        """
    )
    assert out == "True False ProxyTracerProvider _ProxyMeterProvider False False"


def test_with_an_exporter_new_traces_are_sampled_at_the_ratio() -> None:
    out = run_python(
        """
        from opentelemetry import trace
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        from shared.telemetry import setup_tracing, tracing_enabled
        spans = InMemorySpanExporter()
        provider = setup_tracing("svc", None, exporter=spans, sample_ratio=0.0)
        tracer = trace.get_tracer("t")
        for _ in range(50):
            with tracer.start_as_current_span("root"):
                pass
        provider.force_flush()
        print(tracing_enabled(), len(spans.get_finished_spans()), provider.sampler.get_description())
        """
    )
    assert out.startswith("True 0 ParentBased{root:TraceIdRatioBased{0.0}")


def test_with_ratio_one_every_trace_is_kept() -> None:
    out = run_python(
        """
        from opentelemetry import trace
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        from shared.telemetry import setup_tracing
        spans = InMemorySpanExporter()
        provider = setup_tracing("svc", None, exporter=spans, sample_ratio=1.0)
        for _ in range(20):
            with trace.get_tracer("t").start_as_current_span("root"):
                pass
        provider.force_flush()
        print(len(spans.get_finished_spans()))
        """
    )
    assert out == "20"


@pytest.mark.parametrize(
    ("environment", "configured", "expected"),
    [(Environment.PRODUCTION, None, 0.1), (Environment.DEVELOPMENT, None, 1.0), (Environment.PRODUCTION, 0.5, 0.5)],
)
def test_sample_ratio_defaults_to_a_tenth_in_production(
    environment: Environment, configured: float | None, expected: float
) -> None:
    settings = CommonSettings.model_construct(environment=environment, trace_sample_ratio=configured)
    assert settings.sample_ratio == expected


def test_a_ratio_outside_zero_to_one_fails_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UIS_TRACE_SAMPLE_RATIO", "1.5")
    with pytest.raises(ValueError, match="UIS_TRACE_SAMPLE_RATIO|trace_sample_ratio"):
        CommonSettings()
