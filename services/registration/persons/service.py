"""Finding a person at the desk by the ID number on the card (district scope as everywhere)."""

from __future__ import annotations

import asyncpg

from services.registration.persons.schemas import PersonLookup, PersonLookupRead
from services.registration.records.service import visible_person
from services.registration.unemployment import repository as registrations
from services.registration.unemployment.service import to_read
from shared.auth import Principal
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
