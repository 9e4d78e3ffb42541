from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from services.registration.persons import service as persons_service
from services.registration.persons.auth import PersonFinder, PersonHistoryReader, PersonSearcher
from services.registration.persons.schemas import (
    PersonLookup,
    PersonLookupRead,
    PersonMatchRead,
    PersonRead,
    PersonSearch,
)
from services.registration.records import service
from services.registration.records.schemas import InsuranceHistoryRead
from services.registration.staff.schemas import PersonEmploymentRead
from services.registration.unemployment import service as registrations
from services.registration.unemployment.schemas import UnemploymentRegistrationRead
from shared.deps import Conn, Now
from shared.inputs import Date

router = APIRouter(prefix="/persons", tags=["insurance history"])


@router.get(
    "/{person_id}/insurance-history",
    response_model=InsuranceHistoryRead,
    summary="参保缴费历史 as of a date: contribution months across employers and the spells "
    "(R-ELIG-1, R-DUR-1); used by the benefits service",
    description=(
        "`contribution_months` counts distinct calendar months up to the month of `as_of` in which "
        "both the employer share and the personal share (none is due from farmer contract workers) "
        "were paid, across employers. The latest entry for an employer and month wins "
        "(corrections, R-REC-1). Spells are runs of consecutive counted months at one employer, "
        "ordered by first month; two employers in one month give two spells but one "
        "contribution month. `last_employer_id` is the employer of the spell that ends last. "
        "Internal IDs only."
    ),
)
async def get_insurance_history(
    person_id: uuid.UUID,
    now: Now,
    principal: PersonHistoryReader,
    conn: Conn,
    as_of: Date | None = Query(None, description="YYYY-MM-DD; today if omitted"),
) -> InsuranceHistoryRead:
    return await service.get_insurance_history(conn, principal, person_id, as_of or now.today)


@router.get(
    "/{person_id}/employments",
    response_model=list[PersonEmploymentRead],
    summary="参保就业登记: every insured employment of a person, across employers; used by the "
    "benefits service's audit cross-match (R-FRAUD-1). Internal IDs and dates only",
)
async def list_person_employments(
    person_id: uuid.UUID,
    principal: PersonHistoryReader,
    conn: Conn,
) -> list[PersonEmploymentRead]:
    return await service.list_person_employments(conn, principal, person_id)


@router.get(
    "/{person_id}/unemployment-registrations",
    response_model=list[UnemploymentRegistrationRead],
    summary="失业登记历史: every spell of the person (R-SPELL-1), the latest first, with how each "
    "ended; a service point sees its own district's",
)
async def person_registrations(
    person_id: uuid.UUID,
    principal: PersonHistoryReader,
    conn: Conn,
) -> list[UnemploymentRegistrationRead]:
    return await registrations.person_history(conn, principal, person_id)


@router.post(
    "/lookup",
    response_model=PersonLookupRead,
    summary="查询人员: by the ID number on the card (in the body, never in a URL); the person's open "
    "失业登记 and journey if any. A service point finds only people registered in its district",
)
async def lookup_person(
    body: PersonLookup,
    principal: PersonFinder,
    conn: Conn,
) -> PersonLookupRead:
    return await persons_service.lookup(conn, principal, body)


@router.post(
    "/search",
    response_model=list[PersonMatchRead],
    summary="按姓名查找人员: 姓名完全一致或以此开头 (in the body, never in a URL), each with the latest "
    "失业登记 in the district; a service point searches its own district only",
)
async def search_persons(
    body: PersonSearch,
    principal: PersonSearcher,
    conn: Conn,
) -> list[PersonMatchRead]:
    return await persons_service.search(conn, principal, body)


@router.get(
    "/{person_id}",
    response_model=PersonRead,
    summary="人员信息: masked name and ID number for the person page; 404 person_not_found for "
    "another district's person, as for a missing one",
)
async def get_person(
    person_id: uuid.UUID,
    principal: PersonFinder,
    conn: Conn,
) -> PersonRead:
    return await persons_service.get_person(conn, principal, person_id)
