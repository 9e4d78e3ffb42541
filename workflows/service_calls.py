"""How workflows call the services, in one place: the activity options, and what a service's
answer means for Temporal.

- A business refusal (any 4xx but 408 and 429) is final: a non-retryable ``ServiceRejected``
  application error carrying the service's stable ``code``. The workflow reads the code with
  :func:`refusal_code` and handles it; retrying would get the same answer forever.
- A transient failure (5xx, 408, 429, a timeout, a refused connection) is retried with a bounded
  backoff (at most a minute between attempts) for as long as it takes: a service that is down
  delays the journey, it never ends it.
- Failure messages are short, cause first (``claim_stopped: POST /claims/…/payments → 409``), so
  Temporal shows them whole instead of "Failure exceeds size limit".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

REJECTED = "ServiceRejected"
UNAVAILABLE = "ServiceUnavailable"
# The activity's own limit; the HTTP timeout (WorkerSettings.http_timeout_seconds) is shorter, so a
# slow service fails the attempt with a clear timeout, which is retried.
START_TO_CLOSE = dt.timedelta(seconds=30)
_TRANSIENT_4XX = {408, 429}

SERVICE_CALL: dict[str, Any] = {
    "start_to_close_timeout": START_TO_CLOSE,
    "retry_policy": RetryPolicy(
        initial_interval=dt.timedelta(seconds=1),
        backoff_coefficient=2.0,
        maximum_interval=dt.timedelta(minutes=1),
        non_retryable_error_types=[REJECTED],
    ),
}


def answer(response: httpx.Response) -> Any:
    """The JSON body of a successful answer; otherwise the error Temporal should see."""
    if response.status_code < 400:
        return response.json()
    code = "unknown"
    try:
        body = response.json()
        code = str(body.get("code", code)) if isinstance(body, dict) else code
    except ValueError:
        pass
    where = f"{response.request.method} {response.request.url.path} → {response.status_code}"
    if response.status_code < 500 and response.status_code not in _TRANSIENT_4XX:
        raise ApplicationError(f"{code}: {where}", code, type=REJECTED, non_retryable=True)
    raise ApplicationError(f"{code}: {where}", code, type=UNAVAILABLE)


def refusal_code(error: ActivityError) -> str | None:
    """The service's code when an activity failed on a business refusal; None otherwise."""
    cause = error.cause
    if isinstance(cause, ApplicationError) and cause.type == REJECTED:
        return str(cause.details[0]) if cause.details else "unknown"
    return None


class ServiceClient(httpx.AsyncClient):
    """An HTTP client whose transport failures become short, retryable application errors."""

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            return await super().send(request, **kwargs)
        except httpx.TimeoutException:
            raise ApplicationError(f"timeout: {request.method} {request.url.path}", type=UNAVAILABLE) from None
        except httpx.TransportError as error:
            message = f"{type(error).__name__}: {request.method} {request.url.path}"
            raise ApplicationError(message, type=UNAVAILABLE) from None
