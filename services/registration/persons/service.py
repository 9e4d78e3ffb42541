"""Finding a person at the desk: by the ID number on the card, or by name within a district; and
the person page's heading. District scope as everywhere: a service point sees only people with a
失业登记 in its district, and anyone else's answers exactly like a missing person."""

from __future__ import annotations

import uuid

import asyncpg

from services.registration.persons import repository
from services.registration.persons.schemas import (
    PersonLookup,
    PersonLookupRead,
    PersonMatchRead,
    PersonRead,
    PersonSearch,
    RegistrationBriefRead,
)
from services.registration.records.service import PERSON_NOT_FOUND, visible_person
from services.registration.unemployment import repository as registrations
from services.registration.unemployment.service import to_read
from shared.auth import Principal, Role
from shared.errors import NotFound
from shared.ids import mask_id_number, mask_name

_NOT_FOUND = NotFound("person_not_found", "未找到该人员", "id_number")


async def lookup(conn: asyncpg.Connection, principal: Principal, data: PersonLookup) -> PersonLookupRead:
    person = await registrations.find_person(conn, data.id_number)
    if person is None:
        raise _NOT_FOUND
    try:
        await visible_person(conn, principal, person["id"])
    except NotFound:
        raise _NOT_FOUND from None  # another district's person answers like a missing one
    open_registration = await registrations.get_open_for_person(conn, person["id"])
    return PersonLookupRead(
        person_id=person["id"],
        id_number_masked=mask_id_number(person["id_number"]),
        name_masked=mask_name(person["name"]),
        open_registration=to_read(open_registration) if open_registration else None,
    )


async def search(conn: asyncpg.Connection, principal: Principal, data: PersonSearch) -> list[PersonMatchRead]:
    """By name (exact or prefix), people with a 失业登记 in the district: a service point's own
    district whatever it asks for; other roles the district given, or every district."""
    district = principal.district if principal.role is Role.SERVICE_POINT else data.district
    rows = await repository.search_by_name(conn, data.name, district, data.limit)
    return [
        PersonMatchRead(
            person_id=row["person_id"],
            name_masked=mask_name(row["name"]),
            name_matches_exactly=row["exact"],
            id_number_masked=mask_id_number(row["id_number"]),
            registration=RegistrationBriefRead(
                id=row["registration_id"],
                district=row["district"],
                registration_date=row["registration_date"],
                status=row["status"],
            ),
        )
        for row in rows
    ]


async def get_person(conn: asyncpg.Connection, principal: Principal, person_id: uuid.UUID) -> PersonRead:
    await visible_person(conn, principal, person_id)  # another district's: 404 like a missing one
    person = await repository.get_person(conn, person_id)
    if person is None:
        raise PERSON_NOT_FOUND
    return PersonRead(
        person_id=person["id"],
        name_masked=mask_name(person["name"]),
        id_number_masked=mask_id_number(person["id_number"]),
    )
