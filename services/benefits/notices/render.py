"""Written decisions of the benefits service (R-NOTICE-1): what one notice says (about a claim),
rendered from this package's templates on the shared layout (``shared/notices``: the letterhead,
the appeal rights, the PDF with Noto CJK and its SHA-256). Pure: no database, no clock (the issue
date is given)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from shared.notices.render import (
    Letterhead,
    NoticeTemplates,
    Rendered,
    appeal_rights,
    china_date_text,
    money,
    pdf_of_html,
)

__all__ = [
    "TEMPLATES", "TITLES", "Letterhead", "NoticeDocument", "Rendered", "appeal_rights", "china_date_text", "money",
    "pdf_of_html", "render_html", "render_pdf",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"

TITLES = {
    "claim_approved": "失业保险金核准决定书",
    "claim_rejected": "失业保险金不予核准决定书",
    "benefit_stopped": "停止发放失业保险待遇决定书",
    "overpayment_recovery": "追回多发失业保险待遇决定书",
    "subsidy_refused": "不予发放补贴决定书",
    "decision_corrected": "更正失业保险待遇决定书",
    "documents_requested": "一次性告知补正材料通知书",
    "claim_closed_incomplete": "终止办理失业保险金申领决定书",
}


@dataclass(frozen=True)
class NoticeDocument:
    """What one notice says: the facts as (label, value) lines, the decision, and its legal basis
    (the rule IDs and the law's articles). ``conditions``: a rejection's unmet conditions."""

    kind: str
    notice_id: str
    claim_id: str
    district: str
    issued_on: dt.date
    facts: list[tuple[str, str]]
    decision: str
    legal_basis: list[str]
    conditions: list[tuple[str, str]] = field(default_factory=list)
    appeal_rights_included: bool = True

    @property
    def title(self) -> str:
        return TITLES[self.kind]


_templates = NoticeTemplates(TEMPLATES)


def render_html(document: NoticeDocument, letterhead: Letterhead) -> str:
    return _templates.render_document(document, letterhead)


def render_pdf(document: NoticeDocument, letterhead: Letterhead) -> Rendered:
    """CPU-bound (tenths of a second): callers on the event loop run it in a thread."""
    return pdf_of_html(render_html(document, letterhead))
