"""Audit cross-match (稽核, R-FRAUD-1): a benefit month that overlaps a contribution month of a
new employment, or a new insured employment registered by an employer (after the separation), is
a sign of undeclared re-employment. Each hit becomes a
review item for a case manager; the system never stops or recovers on its own."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

import asyncpg

from services.benefits.audit import repository
from services.benefits.audit.registration_client import RegistrationClient, RegistrationUnavailable
from services.benefits.audit.schemas import (
    CrossMatchRunCreate,
    CrossMatchRunRead,
    ReviewDecisionCreate,
    ReviewItemRead,
)
from services.benefits.claims.service import get_visible
from shared.auth import Principal
from contracts.calendar import YearMonth, add_months, calendar_month
from shared.errors import Conflict, NotFound

PARALLEL_CALLS = 8


def _months(first: str, last: str) -> list[YearMonth]:
    """The months of a contribution spell, ``first`` to ``last`` (none when ``last`` is earlier)."""
    start = YearMonth.parse(first)
    return [start.plus(n) for n in range(start.months_until(YearMonth.parse(last)) + 1)]


CONTRIBUTION_RECORD = "contribution_record"
EMPLOYMENT_REGISTRATION = "employment_registration"


def employment_overlaps(months: list[asyncpg.Record], employments: list[dict[str, Any]]) -> list[tuple]:
    """Benefit months of one person × their insured employments hired after the separation: a
    new job registered by an employer before any contribution shows up (R-FRAUD-1)."""
    hits = []
    for employment in employments:
        hired_on = dt.date.fromisoformat(employment["hired_on"])
        ended = employment.get("separated_on")
        ended_on = dt.date.fromisoformat(ended) if ended else None
        for row in months:
            if hired_on <= row["separation_date"]:
                continue  # the job that ended, or an earlier one
            period_end = add_months(row["period_start"], 1)
            if hired_on < period_end and (ended_on is None or ended_on >= row["period_start"]):
                first_day = max(hired_on, row["period_start"])
                hits.append((
                    row["claim_id"], row["payment_id"], row["benefit_month"],
                    uuid.UUID(employment["employer_id"]), calendar_month(first_day),
                    EMPLOYMENT_REGISTRATION,
                ))
    return hits


def overlaps(months: list[asyncpg.Record], history: dict[str, Any]) -> list[tuple]:
    """Benefit months of one person × their contribution months after the separation month."""
    hits = []
    for spell in history.get("spells", []):
        employer = uuid.UUID(spell["employer_id"]) if spell.get("employer_id") else None
        for month in _months(spell["first_month"], spell["last_month"]):
            first_day, next_month = month.first_day, month.plus(1).first_day
            for row in months:
                if first_day <= row["separation_date"]:
                    continue  # the job that ended: its last month is expected
                period_end = add_months(row["period_start"], 1)
                if first_day < period_end and row["period_start"] < next_month:
                    hits.append((
                        row["claim_id"], row["payment_id"], row["benefit_month"], employer, str(month),
                        CONTRIBUTION_RECORD,
                    ))
    return hits


async def run_cross_match(
    conn: asyncpg.Connection,
    principal: Principal,
    registration: RegistrationClient,
    data: CrossMatchRunCreate,
    today: dt.date,
) -> CrossMatchRunRead:
    as_of = data.as_of or today
    rows = await repository.benefit_months_of_city(conn, data.city)
    by_person: dict[uuid.UUID, list[asyncpg.Record]] = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(row)
    gate = asyncio.Semaphore(PARALLEL_CALLS)
    failed = 0

    async def check(person_id: uuid.UUID) -> list[tuple]:
        nonlocal failed
        async with gate:
            try:
                history = await registration.insurance_history(person_id, as_of)
                employments = await registration.employments(person_id)
            except RegistrationUnavailable:
                failed += 1
                return []
        months = by_person[person_id]
        return (overlaps(months, history) if history else []) + (
            employment_overlaps(months, employments) if employments else []
        )

    results = await asyncio.gather(*(check(p) for p in by_person))
    hits = [hit for result in results for hit in result]
    async with conn.transaction():
        created = await repository.insert_hits(conn, hits, principal.subject)
    return CrossMatchRunRead(
        city=data.city,
        as_of=as_of,
        claims_checked=len({r["claim_id"] for r in rows}),
        persons_checked=len(by_person),
        hits_created=created,
        persons_failed=failed,
    )


async def list_items(
    conn: asyncpg.Connection, principal: Principal, status: str | None, claim_id: uuid.UUID | None
) -> list[ReviewItemRead]:
    if claim_id is not None:
        await get_visible(conn, principal, claim_id)
    return [ReviewItemRead(**dict(r)) for r in await repository.list_items(conn, status, claim_id)]


async def review(
    conn: asyncpg.Connection, principal: Principal, item_id: uuid.UUID, data: ReviewDecisionCreate
) -> ReviewItemRead:
    async with conn.transaction():
        item = await repository.get(conn, item_id, for_update=True)
        if item is None:
            raise NotFound("review_item_not_found", "未找到该稽核疑点", "item_id")
        if item["status"] != "open":
            if (item["status"], item["review_note"]) == (data.outcome.value, data.note):
                return ReviewItemRead(**dict(item))
            raise Conflict("review_item_decided", "该稽核疑点已处理", "item_id")
        await repository.record_review(conn, item_id, data.outcome.value, data.note, principal.subject)
        updated = await repository.get(conn, item_id)
    return ReviewItemRead(**dict(updated))
