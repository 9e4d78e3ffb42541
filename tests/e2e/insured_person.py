"""An insured person with a paid contribution history, made through the registration service's
API as a service point, a case manager and finance would (参保登记 → 增员 → 申报 → 缴费 → 减员)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import httpx

from shared.clock import china_today
from tests.factories import auth, id_number
from tests.services.registration.factories import employer_payload, staff_member
from workflows.dates import add_months, calendar_month


@dataclass
class InsuredPerson:
    id_number: str
    name: str
    person_id: str
    employer_id: str
    separated_on: dt.date
    paid_months: int


async def insured_person(http: httpx.AsyncClient, base_url: str, *, paid_months: int) -> InsuredPerson:
    today = china_today()
    separated_on = today - dt.timedelta(days=20)
    first_month = add_months(separated_on.replace(day=1), -paid_months)
    sp, cm, fin = auth("service_point", "430102"), auth("case_manager"), auth("finance")
    member = staff_member(id_number=id_number(), name="王小明", hired_on=first_month.isoformat())
    payload = employer_payload(
        staff=[member], founded_on=(first_month - dt.timedelta(days=30)).isoformat()
    )

    async def ok(response: httpx.Response) -> dict:
        assert response.status_code in (200, 201), f"{response.request.url}: {response.text}"
        return response.json()

    employer = await ok(await http.post(f"{base_url}/employers", json=payload, headers=sp))
    await ok(await http.post(f"{base_url}/employers/{employer['id']}/acceptance", headers=cm))
    await ok(await http.post(f"{base_url}/employers/{employer['id']}/decision", json={"approved": True}, headers=cm))
    employment = (await ok(await http.get(f"{base_url}/employers/{employer['id']}/employments", headers=cm)))[0]

    for n in range(paid_months):
        month = calendar_month(add_months(first_month, n))
        declared = await ok(await http.post(
            f"{base_url}/employers/{employer['id']}/declarations",
            json={"contribution_month": month, "lines": [{"employment_id": employment["id"], "base": "6000.00"}]},
            headers=sp,
        ))
        await ok(await http.post(
            f"{base_url}/employers/{employer['id']}/payments",
            json={
                "reference": f"E2E-{employer['id'][:8]}-{month}",
                "kind": "contribution",
                "contribution_month": month,
                "amount": str(Decimal(declared["total_amount"])),
                "paid_on": today.isoformat(),
            },
            headers=fin,
        ))
    await ok(await http.post(
        f"{base_url}/employments/{employment['id']}/separation",
        json={"separated_on": separated_on.isoformat(), "reason": "contract_expired"},
        headers=sp,
    ))
    return InsuredPerson(
        id_number=member["id_number"],
        name=member["name"],
        person_id=employment["person_id"],
        employer_id=employer["id"],
        separated_on=separated_on,
        paid_months=paid_months,
    )
