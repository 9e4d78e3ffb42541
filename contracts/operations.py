"""The scheduled runs' contracts (started by Temporal Schedules, workflows/schedules.py): their
type names. They take no input: each derives its date from the workflow's own China time."""

from __future__ import annotations

from contracts.base import Workflow

# R-STOP-2: the daily pre-expiry notices run.
PRE_EXPIRY_WORKFLOW_TYPE = "PreExpiryNoticesDaily"
# The monthly report to the tax authority.
TAX_REPORT_WORKFLOW_TYPE = "TaxReportMonthly"

PRE_EXPIRY_NOTICES = Workflow(PRE_EXPIRY_WORKFLOW_TYPE, None)
TAX_REPORT = Workflow(TAX_REPORT_WORKFLOW_TYPE, None)
