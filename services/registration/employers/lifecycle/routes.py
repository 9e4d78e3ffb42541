from __future__ import annotations

import uuid

import asyncpg
from fastapi import APIRouter, Depends, Query, Response, status

from services.registration.employers.lifecycle import service
from services.registration.employers.lifecycle.schemas import (
    CertificateRenewalCreate,
    CertificateReplacementCreate,
    DeregistrationCreate,
    VerificationCreate,
    VerificationRead,
    VerificationReport,
)
from services.registration.employers.schemas import CertificateRead, EmployerRead
from shared.auth import Principal, Role
from shared.auth.deps import require_roles
from shared.db import get_conn
from shared.deps import Now
from shared.http import created_or_repeated

router = APIRouter(prefix="/employers/{employer_id}", tags=["deregistration, verification, certificates"])

_readers = require_roles(Role.SERVICE_POINT, Role.CASE_MANAGER, Role.OPERATIONS, Role.AUDITOR, Role.FINANCE)
_case_manager = require_roles(Role.CASE_MANAGER)


def _status(response: Response, created: bool) -> None:
    created_or_repeated(response, created)


@router.post(
    "/deregistration",
    response_model=EmployerRead,
    status_code=status.HTTP_201_CREATED,
    summary="注销登记 (form 2-4): refused while anything is owed; then sealed (封存)",
    description="409 `outstanding_amounts` with `details` {contributions, late_fees, fines, total} "
    "while any is unpaid; 409 `employments_still_open` while staff are insured. The same "
    "deregistration repeated → 200.",
)
async def deregister(
    employer_id: uuid.UUID,
    body: DeregistrationCreate,
    response: Response,
    now: Now,
    principal: Principal = Depends(_case_manager),
    conn: asyncpg.Connection = Depends(get_conn),
) -> EmployerRead:
    employer, created = await service.deregister(conn, principal, employer_id, body, today=now.today)
    _status(response, created)
    return employer


@router.get(
    "/verification-report",
    response_model=VerificationReport,
    summary="验证 (form 2-5) checks for a year: history, last verification, headcount, wages vs. paid",
)
async def verification_report(
    employer_id: uuid.UUID,
    now: Now,
    year: int = Query(ge=1990, le=2200, examples=[2026]),
    principal: Principal = Depends(_readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> VerificationReport:
    return await service.verification_report(conn, principal, employer_id, year, today=now.today)


@router.post(
    "/verifications",
    response_model=VerificationRead,
    status_code=status.HTTP_201_CREATED,
    summary="Record the year's verification outcome with its report (one per year)",
)
async def record_verification(
    employer_id: uuid.UUID,
    body: VerificationCreate,
    response: Response,
    now: Now,
    principal: Principal = Depends(_case_manager),
    conn: asyncpg.Connection = Depends(get_conn),
) -> VerificationRead:
    verification, created = await service.record_verification(conn, principal, employer_id, body, today=now.today)
    _status(response, created)
    return verification


@router.get("/certificates", response_model=list[CertificateRead], summary="All certificates, oldest first")
async def list_certificates(
    employer_id: uuid.UUID,
    principal: Principal = Depends(_readers),
    conn: asyncpg.Connection = Depends(get_conn),
) -> list[CertificateRead]:
    return await service.list_certificates(conn, principal, employer_id)


@router.post(
    "/certificate-replacements",
    response_model=CertificateRead,
    status_code=status.HTTP_201_CREATED,
    summary="补证: the lost certificate is voided and a new number issued (request_key: retry-safe)",
)
async def replace_certificate(
    employer_id: uuid.UUID,
    body: CertificateReplacementCreate,
    response: Response,
    now: Now,
    principal: Principal = Depends(_case_manager),
    conn: asyncpg.Connection = Depends(get_conn),
) -> CertificateRead:
    certificate, created = await service.replace_certificate(conn, principal, employer_id, body, today=now.today)
    _status(response, created)
    return certificate


@router.post(
    "/certificate-renewals",
    response_model=CertificateRead,
    status_code=status.HTTP_201_CREATED,
    summary="换证: after a passed verification; the old certificate is withdrawn, a new number issued",
)
async def renew_certificate(
    employer_id: uuid.UUID,
    body: CertificateRenewalCreate,
    response: Response,
    now: Now,
    principal: Principal = Depends(_case_manager),
    conn: asyncpg.Connection = Depends(get_conn),
) -> CertificateRead:
    certificate, created = await service.renew_certificate(conn, principal, employer_id, body, today=now.today)
    _status(response, created)
    return certificate
