"""Claimants made over the services' APIs (as a service point and the employer records would),
so that the browser tests start where a case manager's work starts."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tests.factories import auth, registration_payload
from tests.people import InsuredPerson, insured_person


@dataclass
class Claimant:
    person: InsuredPerson
    registration_id: str
    district: str


async def registered_claimant(urls: dict[str, str], district: str = "430102") -> Claimant:
    """An insured person (13 paid months) with a 失业登记 at a service point of ``district``."""
    async with httpx.AsyncClient(timeout=30) as http:
        person = await insured_person(http, urls["registration"], paid_months=13)
        payload = registration_payload(
            id_number=person.id_number, name=person.name, district=district,
            separation_date=person.separated_on.isoformat(), separation_reason="contract_expired",
        )
        created = await http.post(f"{urls['registration']}/unemployment-registrations", json=payload,
                                  headers=auth("service_point", district))
        assert created.status_code == 201, created.text
    return Claimant(person, created.json()["id"], district)


async def journey_of(urls: dict[str, str], claimant: Claimant) -> dict:
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.get(
            f"{urls['registration']}/unemployment-registrations/{claimant.registration_id}/journey",
            headers=auth("case_manager"),
        )
        assert response.status_code == 200, response.text
        return response.json()
