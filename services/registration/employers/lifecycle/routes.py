from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from services.registration.employers.lifecycle import service
from services.registration.employers.lifecycle.auth import LifecycleReader, LifecycleWriter
from services.registration.employers.lifecycle.schemas import (
    CertificateRenewalCreate,
    CertificateReplacementCreate,
    DeregistrationCreate,
    VerificationCreate,
    VerificationRead,
    VerificationReport,
)
from services.registration.employers.schemas import CertificateRead, EmployerRead
from shared.deps import Conn, Now
from shared.http import created_or_repeated

router = APIRouter(prefix="/employers/{employer_id}", tags=["deregistration, verification, certificates"])


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
    principal: LifecycleWriter,
    conn: Conn,
) -> EmployerRead:
    employer, created = await service.deregister(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, created)
    return employer


@router.get(
    "/verification-report",
    response_model=VerificationReport,
    summary="验证 (form 2-5) checks for a year: history, last verification, headcount, wages vs. paid",
)
async def verification_report(
    employer_id: uuid.UUID,
    now: Now,
    principal: LifecycleReader,
    conn: Conn,
    year: int = Query(ge=1990, le=2200, examples=[2026]),
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
    principal: LifecycleWriter,
    conn: Conn,
) -> VerificationRead:
    verification, created = await service.record_verification(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, created)
    return verification


@router.get("/certificates", response_model=list[CertificateRead], summary="All certificates, oldest first")
async def list_certificates(
    employer_id: uuid.UUID,
    principal: LifecycleReader,
    conn: Conn,
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
    principal: LifecycleWriter,
    conn: Conn,
) -> CertificateRead:
    certificate, created = await service.replace_certificate(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, created)
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
    principal: LifecycleWriter,
    conn: Conn,
) -> CertificateRead:
    certificate, created = await service.renew_certificate(conn, principal, employer_id, body, today=now.today)
    created_or_repeated(response, created)
    return certificate
