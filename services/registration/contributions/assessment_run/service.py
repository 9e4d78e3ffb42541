"""The monthly assessment run (R-DECL-1): every undeclared month past its due date, for every
approved employer with a previous month, assessed in one transaction with set-based SQL, each
assessment with its written decision (R-NOTICE-1)."""

from __future__ import annotations

import datetime as dt

import asyncpg

from contracts.calendar import calendar_month
from services.registration.audit.service import record as audit
from services.registration.contributions import repository as declarations
from services.registration.contributions.assessment_run import repository
from services.registration.contributions.assessment_run.schemas import (
    AssessedEmployerRead,
    AssessmentRunCreate,
    AssessmentRunRead,
)
from services.registration.contributions.notices import issue as notices
from shared.auth import Principal
from shared.notices.render import Letterhead


async def run(
    conn: asyncpg.Connection,
    principal: Principal,
    data: AssessmentRunCreate,
    *,
    today: dt.date,
    letterhead: Letterhead,
) -> AssessmentRunRead:
    district = data.district
    async with conn.transaction():
        ids = await repository.assess_undeclared(
            conn, data.contribution_month, today, district, principal.subject
        )
        if ids:
            # R-DECL-1: the same lines as a single assessment: rounded once on the total.
            await declarations.insert_assessed_lines(conn, ids)
            await repository.total_declarations(conn, ids)
            await notices.assessments(conn, letterhead, principal, ids, today)
            # One audit entry for the run: the month, the scope and what it assessed.
            await audit(
                conn,
                principal,
                entity_type="contribution_assessment_run",
                entity_id=calendar_month(data.contribution_month),
                action="assess",
                after={"district": district, "declaration_ids": [str(i) for i in ids]},
            )
        rows = await repository.assessed(conn, ids)
    return AssessmentRunRead(
        contribution_month=data.contribution_month,
        run_on=today,
        assessed=[
            AssessedEmployerRead(
                declaration_id=r["id"],
                **{k: r[k] for k in AssessedEmployerRead.model_fields if k != "declaration_id"},
            )
            for r in rows
        ],
    )
