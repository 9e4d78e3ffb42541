"""Benefits service (待遇): policy tables, claims and eligibility, decisions with the computed
entitlement, payment instructions, payroll runs and bank files, stops and overpayments, death
grants, subsidies, transfers out, notices, the fund ledger and the audit cross-match.

Run: ``uvicorn --factory services.benefits.main:create_app``.
"""

from __future__ import annotations

from fastapi import FastAPI
from temporalio.client import Client

from services.benefits.approvals.routes import router as approvals_router
from services.benefits.appeals.routes import router as appeals_router
from services.benefits.audit.routes import router as audit_router
from services.benefits.bank_accounts.routes import router as bank_accounts_router
from services.benefits.claims.routes import router as claims_router
from services.benefits.corrections.routes import router as corrections_router
from services.benefits.deaths.routes import router as deaths_router
from services.benefits.document_requests.routes import policy_router as document_supply_router
from services.benefits.document_requests.routes import router as document_requests_router
from services.benefits.entitlement.routes import router as entitlement_router
from services.benefits.ledger.routes import router as ledger_router
from services.benefits.notices import warm_up as notice_warm_up
from services.benefits.notices.routes import router as notices_router
from services.benefits.overpayments.routes import router as overpayments_router
from services.benefits.overpayments.routes import worklist_router as overpayments_worklist_router
from services.benefits.payments.routes import router as payments_router
from services.benefits.payments.routes import withheld_router as payments_withheld_router
from services.benefits.payroll.routes import router as payroll_router
from services.benefits.policy.routes import router as policy_router
from services.benefits.settings import BenefitsSettings
from services.benefits.subsidies.routes import refusals_router as subsidy_refusals_router
from services.benefits.subsidies.routes import router as subsidies_router
from services.benefits.transfers.routes import router as transfers_router
from shared.app import create_service_app
from shared.clock import Clock


def create_app(
    settings: BenefitsSettings | None = None,
    *,
    clock: Clock | None = None,
    temporal_client: Client | None = None,
) -> FastAPI:
    return create_service_app(
        name="benefits",
        title="失业保险待遇服务 (Benefits)",
        description="失业保险金申领、审核、按月支付、代发与回盘、停发与追回、丧葬抚恤、补贴、转移、基金台账与稽核。",
        clock=clock,
        temporal_client=temporal_client,
        settings=settings or BenefitsSettings(),
        # The bank's return file for a payroll run may exceed the 1 MB limit (UIS_MAX_UPLOAD_BYTES).
        upload_paths=["/payroll-runs/{run_id}/bank-returns"],
        # The first written decision (R-NOTICE-1) would otherwise load the PDF renderer.
        startup_hooks=[notice_warm_up.start],
        routers=[
            claims_router,
            document_requests_router,
            payments_router,
            payments_withheld_router,
            overpayments_router,
            overpayments_worklist_router,
            deaths_router,
            subsidies_router,
            subsidy_refusals_router,
            notices_router,
            appeals_router,
            corrections_router,
            transfers_router,
            audit_router,
            bank_accounts_router,
            payroll_router,
            ledger_router,
            entitlement_router,
            policy_router,
            document_supply_router,
            approvals_router,
        ],
    )
