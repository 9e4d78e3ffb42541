from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import PlainTextResponse

from services.registration.records import service
from services.registration.records.auth import HireWatcher, RecordCorrector, RecordReader
from services.registration.records.schemas import (
    ContributionCorrectionCreate,
    ContributionRecordEntryRead,
    ContributionRecordRead,
    ContributionStatementRead,
    HireFoundRead,
)
from shared.deps import Conn, Now
from shared.http import created_or_repeated
from shared.inputs import Instant, Text

router = APIRouter(prefix="/persons/{person_id}/contribution-records", tags=["contribution records"])


@router.get(
    "",
    response_model=ContributionRecordRead,
    summary="个人缴费记录: month by month across employers, cumulative contribution months (R-REC-1)",
)
async def get_record(
    person_id: uuid.UUID,
    principal: RecordReader,
    conn: Conn,
    history: bool = Query(False, description="also list every entry ever written, corrections included"),
) -> ContributionRecordRead:
    return await service.get_record(conn, principal, person_id, history=history)


@router.get(
    "/statement",
    response_model=ContributionStatementRead,
    summary="个人缴费对账单 for a year (R-REC-1); `format=csv` for a file with Chinese headers",
    responses={200: {"content": {"text/csv": {}}}},
)
async def get_statement(
    person_id: uuid.UUID,
    principal: RecordReader,
    conn: Conn,
    year: int = Query(ge=1990, le=2200),
    format: Annotated[Text, Query(pattern="^(json|csv)$")] = "json",  # noqa: A002 - the query parameter's name
) -> ContributionStatementRead | Response:
    data = await service.statement(conn, principal, person_id, year)
    if format == "csv":
        return PlainTextResponse(
            "\ufeff" + service.statement_csv(data),  # BOM: spreadsheet programs then read UTF-8
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="statement-{person_id}-{year}.csv"'},
        )
    return data


@router.post(
    "/corrections",
    response_model=ContributionRecordEntryRead,
    status_code=status.HTTP_201_CREATED,
    summary="更正缴费记录: a new entry superseding the one in force, never an edit (R-REC-1); "
    "200 when the same request_key is repeated",
)
async def correct(
    person_id: uuid.UUID,
    body: ContributionCorrectionCreate,
    response: Response,
    now: Now,
    principal: RecordCorrector,
    conn: Conn,
) -> ContributionRecordEntryRead:
    result = await service.correct(conn, principal, person_id, body, today=now.today)
    created_or_repeated(response, result.created)
    return result.value


hires_router = APIRouter(prefix="/contribution-records", tags=["contribution records"])


@hires_router.get(
    "/hires-after-registration",
    response_model=list[HireFoundRead],
    summary="新单位缴费记录: jobs that began after the separation of people with an open 失业登记 "
    "(re-employment R-STOP-1, cross-check R-FRAUD-1); poll with recorded_since",
)
async def hires_after_registration(
    principal: HireWatcher,
    conn: Conn,
    recorded_since: Annotated[Instant, Query(description="only records written at or after this time")] = (
        dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    ),
    limit: int = Query(200, ge=1, le=1000),
) -> list[HireFoundRead]:
    return await service.hires_after_registration(conn, recorded_since, limit)
