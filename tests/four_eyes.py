"""Four-eyes control in tests (R-CTRL-1): a decision the province checks answers 202 with the
prepared approval; a second person with the kind's role approves it. One helper for every test
and factory that makes such a decision, instead of a copy in each."""

from __future__ import annotations

from typing import Any

import httpx

from shared.auth import Role
from tests.factories import token

# The second person: never the factories' default subject (``test-<role>``).
SECOND = "test-reviewer"
# The four-eyes check's own refusals: a factory must never take them for the decision's.
CHECK_CODES = {"four_eyes_same_person", "four_eyes_wrong_role", "approval_already_decided", "approval_not_found"}


def second_auth(role: Role | str = Role.CASE_MANAGER, subject: str = SECOND, district: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role, district, subject=subject)}"}


def is_prepared(response: httpx.Response) -> bool:
    return response.status_code == 202 and response.json().get("status") == "prepared"


async def approve_as_second(
    client: httpx.AsyncClient,
    response: httpx.Response,
    *,
    role: Role | str = Role.CASE_MANAGER,
    subject: str = SECOND,
    reason: str | None = None,
    base_url: str = "",
) -> httpx.Response:
    """``response`` as the one-step decision would have answered: unchanged when the decision was
    made at once, else (202) approved by ``subject`` with ``role`` and answered with the
    decision's own result (status 200, as the approve route answers). When the decision refuses
    (the approval answers its 4xx), the preparer withdraws the approval, so that, as in one step,
    the refused request leaves nothing behind; the refusal is answered."""
    if response.status_code != 202:
        return response
    prepared = response.json()
    approval = await approve(client, prepared["id"], role=role, subject=subject, reason=reason, base_url=base_url)
    if approval.status_code != 200:
        assert 400 <= approval.status_code < 500 and approval.json()["code"] not in CHECK_CODES, approval.text
        preparer = second_auth(prepared["prepared_role"], prepared["prepared_by"], prepared["district"])
        withdrawn = await client.post(f"{base_url}/approvals/{prepared['id']}/withdraw", headers=preparer)
        assert withdrawn.status_code == 200, withdrawn.text
        return approval
    return httpx.Response(200, json=approval.json()["result"], request=approval.request)


async def approve(
    client: httpx.AsyncClient,
    approval_id: str,
    *,
    role: Role | str = Role.CASE_MANAGER,
    subject: str = SECOND,
    reason: str | None = None,
    base_url: str = "",
) -> httpx.Response:
    body: dict[str, Any] = {"reason": reason} if reason else {}
    return await client.post(
        f"{base_url}/approvals/{approval_id}/approve", json=body, headers=second_auth(role, subject)
    )


def approve_as_second_sync(
    client: httpx.Client,
    response: httpx.Response,
    *,
    role: Role | str = Role.CASE_MANAGER,
    subject: str = SECOND,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """The same for a synchronous client (end-to-end tests against running services);
    ``headers``: the second person's, when the caller issues its own tokens."""
    if response.status_code != 202:
        return response
    approval = client.post(
        f"/approvals/{response.json()['id']}/approve", json={}, headers=headers or second_auth(role, subject)
    )
    assert approval.status_code == 200, approval.text
    return httpx.Response(200, json=approval.json()["result"], request=approval.request)


async def release_run(client: httpx.AsyncClient, run_id: int) -> httpx.Response:
    """R-CTRL-1: a payroll run released to the bank, prepared by finance and approved by a second
    finance officer; answers the released run."""
    response = await client.post(f"/payroll-runs/{run_id}/release", headers=second_auth(Role.FINANCE, "test-finance"))
    return await approve_as_second(client, response, role=Role.FINANCE)


async def released_bank_file(client: httpx.AsyncClient, run_id: int, headers: dict[str, str] | None = None) -> httpx.Response:
    """The run's bank file, once the run is released (the file is served for a released run only)."""
    released = await release_run(client, run_id)
    assert released.status_code in (200, 201), released.text
    return await client.get(f"/payroll-runs/{run_id}/bank-file", headers=headers or second_auth(Role.FINANCE, "test-finance"))
