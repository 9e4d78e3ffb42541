"""Claimants made over the services' APIs (as a service point and the employer records would),
so that the browser tests start where a case manager's work starts."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tests.e2e.conftest import eventually
from tests.factories import auth, registration_payload
from tests.four_eyes import approve_as_second
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


async def claimant_on_benefit(urls: dict[str, str], district: str = "430102", *, bank_account: bool = False) -> Claimant:
    """A claimant whose claim a case manager approved over the API, month 1 recorded (and, with
    ``bank_account``, the account the payroll pays into)."""
    claimant = await registered_claimant(urls, district)
    journey = await _eventually(urls, claimant, lambda j: j["stage"] == "claim_review")
    async with httpx.AsyncClient(timeout=30) as http:
        if bank_account:
            account = {"bank_code": "ICBC", "account_number": "6222021234567890123", "account_name": claimant.person.name}
            added = await http.post(f"{urls['benefits']}/claims/{journey['claim_id']}/bank-accounts", json=account,
                                    headers=auth("service_point", district))
            assert added.status_code in (200, 201), added.text
        decided = await http.post(f"{urls['benefits']}/claims/{journey['claim_id']}/decision", json={"approved": True},
                                  headers=auth("case_manager"))
        # R-CTRL-1: prepared by one case manager, approved by a second.
        decided = await approve_as_second(http, decided, base_url=urls["benefits"])
        assert decided.status_code == 200, decided.text
    await _eventually(urls, claimant, lambda j: j["months_paid"] == 1 and j["stage"] == "on_benefit")
    return claimant


async def _eventually(urls: dict[str, str], claimant: Claimant, done, timeout: float = 60.0) -> dict:  # noqa: ANN001
    return await eventually(lambda: journey_of(urls, claimant), done, timeout=timeout)
