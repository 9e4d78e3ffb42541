"""Rows the contribution tests start from, written straight into the test transaction: an
employer, people and their employments, and the policy rows of a district of the test's own (so
no test depends on the shipped sample rates)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from shared.clock import china_today
from tests.factories import auth, id_number

_rng = random.Random()
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def district() -> str:
    """A fresh district code, so each test's policy rows are its own."""
    return f"4{_rng.randrange(1, 9)}{_rng.randrange(0, 10000):04d}"


async def policies(
    conn: asyncpg.Connection,
    area_code: str,
    *,
    employer_rate: str = "0.02",
    employee_rate: str = "0.01",
    effective_from: dt.date = dt.date(2000, 1, 1),
    effective_to: dt.date | None = None,
    due_day: int = 15,
    late_fee_daily_rate: str = "0.0005",
    assessment_factor: str = "1.10",
    collection: bool = True,
) -> None:
    await conn.execute(
        """
        INSERT INTO contribution_rate_policies
            (area_code, effective_from, effective_to, employer_rate, employee_rate, source, is_sample)
        VALUES ($1, $2, $3, $4, $5, 'test', true)
        """,
        area_code,
        effective_from,
        effective_to,
        Decimal(employer_rate),
        Decimal(employee_rate),
    )
    if collection:
        await conn.execute(
            """
            INSERT INTO contribution_collection_policies
                (area_code, effective_from, due_day, late_fee_daily_rate, assessment_factor, source,
                 is_sample)
            VALUES ($1, $2, $3, $4, $5, 'test', true)
            """,
            area_code,
            effective_from,
            due_day,
            Decimal(late_fee_daily_rate),
            Decimal(assessment_factor),
        )


async def employer(
    conn: asyncpg.Connection, district_code: str | None = None, *, status: str = "approved"
) -> dict[str, Any]:
    employer_id = uuid.uuid4()
    district_code = district_code or district()
    uscc = "".join(_rng.choice(_USCC_CHARS) for _ in range(18))
    await conn.execute(
        """
        INSERT INTO employers (id, uscc, name, address, legal_representative, unit_type, bank_name,
                               bank_account, district, status, deregistered_on, deregistration_reason,
                               created_by, submitted_on)
        VALUES ($1, $2, '长沙某科技有限公司', '长沙市芙蓉区五一大道1号', '王五', 'enterprise', '中国银行',
                '6222000000000000', $3, $4,
                CASE WHEN $4 = 'deregistered' THEN DATE '2025-01-01' END,
                CASE WHEN $4 = 'deregistered' THEN 'dissolution' END, 'test', $5)
        """,
        employer_id,
        uscc,
        district_code,
        status,
        china_today(),
    )
    return {"id": employer_id, "district": district_code}


async def person(conn: asyncpg.Connection) -> uuid.UUID:
    person_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO persons (id, id_number, name) VALUES ($1, $2, '李四')", person_id, id_number()
    )
    return person_id


async def employment(
    conn: asyncpg.Connection,
    employer_id: uuid.UUID,
    person_id: uuid.UUID | None = None,
    *,
    hired_on: dt.date = dt.date(2020, 1, 1),
    separated_on: dt.date | None = None,
    separation_reason: str = "contract_expired",
    farmer_contract_worker: bool = False,
) -> uuid.UUID:
    person_id = person_id or await person(conn)
    employment_id = uuid.uuid4()
    await conn.execute(
        """
        INSERT INTO employments (id, employer_id, person_id, hired_on, enrolled_on,
                                 farmer_contract_worker, separated_on, separation_reason, created_by)
        VALUES ($1, $2, $3, $4, $4, $5, $6, $7, 'test')
        """,
        employment_id,
        employer_id,
        person_id,
        hired_on,
        farmer_contract_worker,
        separated_on,
        separation_reason if separated_on else None,
    )
    return employment_id


async def staff(conn: asyncpg.Connection, employer_id: uuid.UUID, count: int) -> list[uuid.UUID]:
    """``count`` people employed at the employer since 2020, written set-based."""
    person_ids = [uuid.uuid4() for _ in range(count)]
    employment_ids = [uuid.uuid4() for _ in range(count)]
    # Random ID numbers collide within a few thousand (birthday problem), and with people other
    # tests committed to the test database: draw until distinct and new.
    id_numbers: set[str] = set()
    while len(id_numbers) < count:
        id_numbers |= {id_number() for _ in range(count - len(id_numbers))}
        taken = await conn.fetch("SELECT id_number FROM persons WHERE id_number = ANY($1::text[])", list(id_numbers))
        id_numbers -= {r["id_number"] for r in taken}
    await conn.execute(
        "INSERT INTO persons (id, id_number, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])",
        person_ids,
        sorted(id_numbers),
        ["李四"] * count,
    )
    await conn.execute(
        """
        INSERT INTO employments (id, employer_id, person_id, hired_on, enrolled_on, created_by)
        SELECT e, $2, p, DATE '2020-01-01', DATE '2020-01-01', 'test'
        FROM unnest($1::uuid[], $3::uuid[]) AS u (e, p)
        """,
        employment_ids,
        employer_id,
        person_ids,
    )
    return employment_ids


async def declare(
    client: httpx.AsyncClient,
    employer_id: uuid.UUID,
    month: str,
    lines: list[tuple[uuid.UUID, str]],
    *,
    expect: int = 201,
) -> dict[str, Any]:
    response = await client.post(
        f"/employers/{employer_id}/declarations",
        json={
            "contribution_month": month,
            "lines": [{"employment_id": str(e), "base": base} for e, base in lines],
        },
        headers=auth("case_manager"),
    )
    assert response.status_code == expect, response.text
    return response.json()


async def pay(
    client: httpx.AsyncClient,
    employer_id: uuid.UUID,
    *,
    amount: str,
    paid_on: str,
    kind: str = "contribution",
    contribution_month: str | None = None,
    fine_id: str | None = None,
    reference: str | None = None,
    expect: int = 201,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "reference": reference or f"BANK-{uuid.uuid4().hex[:12]}",
        "kind": kind,
        "amount": amount,
        "paid_on": paid_on,
    }
    if contribution_month is not None:
        body["contribution_month"] = contribution_month
    if fine_id is not None:
        body["fine_id"] = fine_id
    response = await client.post(f"/employers/{employer_id}/payments", json=body, headers=auth("finance"))
    assert response.status_code == expect, response.text
    return response.json()
