"""Insured people made through the registration service's API, as a service point, a case manager
and finance would (参保登记 → 增员 → 申报 → 缴费 → 减员). Used by the end-to-end tests (services
as processes) and the whole-journey harness (services in process, on a time-skipping clock):
``today`` is the services' China date wherever they run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import httpx

from shared.clock import china_today
from tests.factories import auth, id_number
from tests.services.registration.factories import employer_payload, staff_member
from contracts.calendar import add_months, calendar_month

SERVICE_POINT = auth("service_point", "430102")
CASE_MANAGER = auth("case_manager")
FINANCE = auth("finance")


@dataclass
class Employment:
    employer_id: str
    employment_id: str
    person_id: str


@dataclass
class InsuredPerson:
    id_number: str
    name: str
    person_id: str
    employer_id: str
    separated_on: dt.date
    paid_months: int


async def ok(response: httpx.Response) -> dict:
    assert response.status_code in (200, 201), f"{response.request.url}: {response.text}"
    return response.json()


async def employed(
    http: httpx.AsyncClient, base_url: str, *, person_id_number: str, name: str, hired_on: dt.date, today: dt.date
) -> Employment:
    """A new employer registered (with the person as its one listed employee) and approved."""
    member = staff_member(id_number=person_id_number, name=name, hired_on=hired_on.isoformat())
    founded_on = hired_on - dt.timedelta(days=30)
    payload = employer_payload(
        staff=[member],
        founded_on=founded_on.isoformat(),
        documents=[{"kind": "business_licence", "title": "营业执照副本", "received_on": today.isoformat()}],
    )
    employer = await ok(await http.post(f"{base_url}/employers", json=payload, headers=SERVICE_POINT))
    await ok(await http.post(f"{base_url}/employers/{employer['id']}/acceptance", headers=CASE_MANAGER))
    decision = {"approved": True}
    await ok(await http.post(f"{base_url}/employers/{employer['id']}/decision", json=decision, headers=CASE_MANAGER))
    employments = await ok(await http.get(f"{base_url}/employers/{employer['id']}/employments", headers=CASE_MANAGER))
    return Employment(employer["id"], employments[0]["id"], employments[0]["person_id"])


async def contributions_paid(
    http: httpx.AsyncClient, base_url: str, employment: Employment, *, first_month: dt.date, months: int, paid_on: dt.date
) -> None:
    """Each month declared (R-DECL-1) and its contributions paid (both shares)."""
    url = f"{base_url}/employers/{employment.employer_id}"
    for n in range(months):
        month = calendar_month(add_months(first_month, n))
        line = {"employment_id": employment.employment_id, "base": "6000.00"}
        declared = await ok(
            await http.post(f"{url}/declarations", json={"contribution_month": month, "lines": [line]}, headers=SERVICE_POINT)
        )
        payment = {
            "reference": f"T-{employment.employer_id[:8]}-{month}",
            "kind": "contribution",
            "contribution_month": month,
            "amount": str(Decimal(declared["total_amount"])),
            "paid_on": paid_on.isoformat(),
        }
        await ok(await http.post(f"{url}/payments", json=payment, headers=FINANCE))


async def separated(
    http: httpx.AsyncClient, base_url: str, employment: Employment, on: dt.date, reason: str = "contract_expired"
) -> None:
    body = {"separated_on": on.isoformat(), "reason": reason}
    await ok(await http.post(f"{base_url}/employments/{employment.employment_id}/separation", json=body, headers=SERVICE_POINT))


async def insured_person(
    http: httpx.AsyncClient, base_url: str = "", *, paid_months: int, today: dt.date | None = None
) -> InsuredPerson:
    """Employed for ``paid_months`` paid months, separated 20 days ago (contract expired)."""
    today = today or china_today()
    separated_on = today - dt.timedelta(days=20)
    first_month = add_months(separated_on.replace(day=1), -paid_months)
    number, name = id_number(), "王小明"
    employment = await employed(http, base_url, person_id_number=number, name=name, hired_on=first_month, today=today)
    await contributions_paid(http, base_url, employment, first_month=first_month, months=paid_months, paid_on=today)
    await separated(http, base_url, employment, separated_on)
    return InsuredPerson(number, name, employment.person_id, employment.employer_id, separated_on, paid_months)
