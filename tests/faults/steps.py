"""What the fault tests do through the fault stack's APIs, and the figures they report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.four_eyes import approve_as_second
from shared.clock import china_today, utc_now
from tests.factories import auth, id_number, registration_payload
from tests.faults.stack import FaultStack, eventually
from tests.people import insured_person, ok

SERVICE_POINT = auth("service_point", "430102")
CASE_MANAGER = auth("case_manager")
REPORT = Path(__file__).resolve().parents[2] / ".tools" / "logs" / "fault-recovery.txt"


def measured(fault: str, seconds: float) -> None:
    """The recovery time of a fault, for the closing note (.tools/logs/fault-recovery.txt)."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    with REPORT.open("a", encoding="utf-8") as out:
        out.write(f"{utc_now():%Y-%m-%dT%H:%M:%SZ} {fault}: {seconds:.1f} s\n")


async def journey(http: httpx.AsyncClient, stack: FaultStack, registration_id: str) -> dict[str, Any]:
    url = f"{stack.url('registration')}/unemployment-registrations/{registration_id}/journey"
    return await ok(await http.get(url, headers=CASE_MANAGER))


async def journey_until(http: httpx.AsyncClient, stack: FaultStack, registration_id: str, done, timeout: float = 90):  # noqa: ANN001, ANN201
    return await eventually(lambda: journey(http, stack, registration_id), done, timeout=timeout)


async def register_insured(http: httpx.AsyncClient, stack: FaultStack) -> dict[str, Any]:
    """13 paid months (12 months of benefit), separated, registered today."""
    person = await insured_person(http, stack.url("registration"), paid_months=13)
    payload = registration_payload(
        id_number=person.id_number, name=person.name, separation_date=person.separated_on.isoformat(),
        separation_reason="contract_expired", registration_date=china_today().isoformat(),
    )
    return await ok(await http.post(f"{stack.url('registration')}/unemployment-registrations", json=payload, headers=SERVICE_POINT))


async def register_residence(http: httpx.AsyncClient, stack: FaultStack) -> dict[str, Any]:
    payload = registration_payload(id_number=id_number(), basis="residence", residence_category="graduate",
                                   registration_date=china_today().isoformat())
    del payload["separation_date"], payload["separation_reason"]
    return await ok(await http.post(f"{stack.url('registration')}/unemployment-registrations", json=payload, headers=SERVICE_POINT))


async def in_review(http: httpx.AsyncClient, stack: FaultStack) -> tuple[str, str]:
    """An insured claimant whose journey has opened the claim: (registration ID, claim ID)."""
    registration = await register_insured(http, stack)
    j = await journey_until(http, stack, registration["id"], lambda j: j["stage"] == "claim_review")
    return registration["id"], j["claim_id"]


async def decide(http: httpx.AsyncClient, stack: FaultStack, claim_id: str, approved: bool = True) -> httpx.Response:
    body = {"approved": True} if approved else {"approved": False, "reason": "不符合领取条件"}
    response = await http.post(f"{stack.url('benefits')}/claims/{claim_id}/decision", json=body, headers=CASE_MANAGER)
    # R-CTRL-1: an approval is prepared, and a second case manager approves it.
    return await approve_as_second(http, response, base_url=stack.url("benefits"))
