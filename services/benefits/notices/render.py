"""Written decisions (R-NOTICE-1): a notice's text from a Jinja2 template in Simplified Chinese,
rendered to PDF by WeasyPrint with Debian's Noto CJK fonts, and its SHA-256. Pure: no database,
no clock (the issue date is given)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

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
class Letterhead:
    """Who decides, and who hears an application for 行政复议 (R-APPEAL-1): settings of the service."""

    agency_name: str
    reconsideration_body: str


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


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    sha256: str


def money(amount: Decimal | int | float) -> str:
    """¥1,234.56"""
    return f"¥{Decimal(amount):,.2f}"


def china_date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def appeal_rights(letterhead: Letterhead) -> str:
    """R-APPEAL-1 / R-NOTICE-1: the body and both time limits, in the notice's own words."""
    return (
        f"如不服本决定，可以自收到本决定书之日起六十日内向{letterhead.reconsideration_body}申请行政复议，"
        "或者在六个月内向人民法院提起行政诉讼。"
    )


_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["china_date"] = china_date_text


def render_html(document: NoticeDocument, letterhead: Letterhead) -> str:
    template = _environment.get_template(f"{document.kind}.html")
    return template.render(
        notice=document,
        letterhead=letterhead,
        appeal_rights=appeal_rights(letterhead) if document.appeal_rights_included else None,
    )


def render_pdf(document: NoticeDocument, letterhead: Letterhead) -> Rendered:
    """CPU-bound (tenths of a second): callers on the event loop run it in a thread."""
    return pdf_of_html(render_html(document, letterhead))


def pdf_of_html(html: str) -> Rendered:
    """The notice's fixed text (its HTML, stored with the decision) as a PDF, and its hash."""
    from weasyprint import HTML  # imported on first use: loading Pango costs the service's start-up

    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    assert pdf is not None
    return Rendered(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
