"""Written decisions (R-NOTICE-1): a notice's text from a Jinja2 template in Simplified Chinese
that extends the shared layout (``templates/letterhead.html``: the agency, the title, the facts,
the decision, its legal basis and the appeal rights), rendered to PDF by WeasyPrint with Debian's
Noto CJK fonts, and its SHA-256. Pure: no database, no clock (the issue date is given). Each
service keeps its own documents and templates; this module is their one copy of the rest."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

LAYOUT = Path(__file__).resolve().parent / "templates"

# R-APPEAL-1: the law the appeal rights follow, the last line of every notice's legal basis.
APPEAL_LAW = "《中华人民共和国社会保险法》第八十三条、《中华人民共和国行政复议法》、《中华人民共和国行政诉讼法》"


@dataclass(frozen=True)
class Letterhead:
    """Who decides, and who hears an application for 行政复议 (R-APPEAL-1): settings of the service."""

    agency_name: str
    reconsideration_body: str


class LetterheadSettings(Protocol):
    """What a service's settings give its notices (both services name the same two settings)."""

    @property
    def agency_name(self) -> str: ...

    @property
    def reconsideration_body(self) -> str: ...


def letterhead_of(settings: LetterheadSettings) -> Letterhead:
    return Letterhead(agency_name=settings.agency_name, reconsideration_body=settings.reconsideration_body)


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


class NoticeText(Protocol):
    """What ``NoticeTemplates.render_document`` needs of a service's notice document (the
    templates read the rest)."""

    @property
    def kind(self) -> str: ...

    @property
    def appeal_rights_included(self) -> bool: ...


class NoticeTemplates:
    """A service's notice templates (``{kind}.html`` in ``directory``), which extend the shared
    ``letterhead.html`` (or a service layout that does)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._environment = Environment(
            loader=ChoiceLoader([FileSystemLoader(directory), FileSystemLoader(LAYOUT)]),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._environment.filters["china_date"] = china_date_text
        self._environment.filters["money"] = money

    def render_html(self, kind: str, notice: Any, letterhead: Letterhead, *, appeal_rights_included: bool) -> str:
        """``notice``: what the templates read (``title``, ``notice_id``, ``facts``, ``decision``,
        ``legal_basis``, ``issued_on``, ``conditions``); the appeal rights unless left out
        (R-NOTICE-1: then the window runs up to a year)."""
        return self._environment.get_template(f"{kind}.html").render(
            notice=notice,
            letterhead=letterhead,
            appeal_rights=appeal_rights(letterhead) if appeal_rights_included else None,
        )

    def render_document(self, document: NoticeText, letterhead: Letterhead) -> str:
        """A service's notice document: its kind's template, with the appeal rights unless it
        leaves them out (R-NOTICE-1, R-APPEAL-1)."""
        return self.render_html(
            document.kind, document, letterhead, appeal_rights_included=document.appeal_rights_included
        )


def pdf_of_html(html: str) -> Rendered:
    """A notice's fixed text (its HTML, stored with the decision) as a PDF, and its hash.
    CPU-bound (tenths of a second): callers on the event loop run it in a thread."""
    from weasyprint import HTML  # imported on first use: loading Pango costs the service's start-up

    pdf = HTML(string=html, base_url=str(LAYOUT)).write_pdf()
    assert pdf is not None
    return Rendered(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
