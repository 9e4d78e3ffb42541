"""What one of an employer's written decisions says (R-NOTICE-1), rendered from this package's
templates on the shared layout (``shared/notices``: the letterhead, the appeal rights of
R-APPEAL-1, the PDF and its hash). Pure: no database, no clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from shared.notices.render import Letterhead, NoticeTemplates

TEMPLATES = Path(__file__).resolve().parent / "templates"

TITLES = {
    "contribution_assessed": "失业保险费核定决定书",
    "contribution_settled": "失业保险费结算及加收滞纳金决定书",
    "contribution_fine": "失业保险费罚款决定书",
}


@dataclass(frozen=True)
class EmployerNoticeDocument:
    """The facts as (label, value) lines, the decision and its legal basis; ``conditions``: a
    table of its own (a settlement's late fees)."""

    kind: str
    notice_id: str
    employer_id: str
    employer_name: str
    uscc: str
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


def render_html(document: EmployerNoticeDocument, letterhead: Letterhead) -> str:
    return _templates.render_document(document, letterhead)
