"""What a service's answer means for Temporal: a refusal is final and keeps its code, an outage is
retried, and a failure message is short with its cause first."""

from __future__ import annotations

import httpx
import pytest
from temporalio.exceptions import ActivityError, ApplicationError, RetryState

from workflows.service_calls import REJECTED, SERVICE_CALL, START_TO_CLOSE, ServiceClient, answer, refusal_code
from workflows.settings import WorkerSettings


def response(status: int, body: object) -> httpx.Response:
    request = httpx.Request("POST", "http://benefits/claims/c-1/payments")
    return httpx.Response(status, json=body, request=request)


@pytest.mark.parametrize("status", [400, 403, 404, 409, 422])
def test_a_business_refusal_is_final_and_carries_the_code(status: int) -> None:
    with pytest.raises(ApplicationError) as raised:
        answer(response(status, {"code": "claim_stopped", "message": "待遇已停发", "field": "benefit_month"}))
    error = raised.value
    assert (error.type, error.non_retryable, error.details) == (REJECTED, True, ("claim_stopped",))
    assert error.message == f"claim_stopped: POST /claims/c-1/payments → {status}"


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503])
def test_an_outage_or_throttling_is_retried(status: int) -> None:
    with pytest.raises(ApplicationError) as raised:
        answer(response(status, {"code": "database_unavailable"}))
    assert raised.value.non_retryable is False and raised.value.type != REJECTED


def test_a_success_is_its_json() -> None:
    assert answer(response(201, {"id": "p-1"})) == {"id": "p-1"}


async def test_a_refused_connection_and_a_timeout_are_short_retryable_errors() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused " + "x" * 5000, request=request)

    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    for handler, start in ((refuse, "ConnectError: POST /claims"), (hang, "timeout: POST /claims")):
        async with ServiceClient(transport=httpx.MockTransport(handler), base_url="http://benefits") as client:
            with pytest.raises(ApplicationError) as raised:
                await client.post("/claims")
        assert raised.value.message.startswith(start) and len(raised.value.message) < 100
        assert raised.value.non_retryable is False and raised.value.__cause__ is None


def test_the_workflow_reads_the_code_of_a_refusal_only() -> None:
    refused = ActivityError(
        "activity failed", scheduled_event_id=1, started_event_id=2, identity="w", activity_type="record_payment",
        activity_id="1", retry_state=RetryState.NON_RETRYABLE_FAILURE,
    )
    refused.__cause__ = ApplicationError("claim_stopped: …", "claim_stopped", type=REJECTED, non_retryable=True)
    assert refusal_code(refused) == "claim_stopped"
    outage = ActivityError(
        "activity failed", scheduled_event_id=1, started_event_id=2, identity="w", activity_type="record_payment",
        activity_id="1", retry_state=RetryState.TIMEOUT,
    )
    outage.__cause__ = ApplicationError("timeout", type="ServiceUnavailable")
    assert refusal_code(outage) is None


def test_refusals_are_never_retried_and_the_backoff_is_bounded() -> None:
    policy = SERVICE_CALL["retry_policy"]
    assert REJECTED in policy.non_retryable_error_types
    assert policy.maximum_interval is not None and policy.maximum_interval.total_seconds() <= 60
    assert WorkerSettings().http_timeout_seconds < START_TO_CLOSE.total_seconds()
    with pytest.raises(ValueError):
        WorkerSettings(http_timeout_seconds=START_TO_CLOSE.total_seconds())
