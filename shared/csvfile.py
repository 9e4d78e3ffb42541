"""CSV out of the services (issue 9, item 3): every field is one line, and a field meant for a
spreadsheet never starts a formula.

- ``one_line``: any line break or other control character becomes a space, so a field can never
  add a line to the file (a bank reads its file line by line). Inputs already refuse them
  (``shared.inputs.Text``); this guards what is already stored.
- ``spreadsheet_cell``: ``one_line``, then a text starting (after blanks) with ``=``, ``+``, ``-``,
  ``@`` (or tab / CR) gets a leading ``'``, which spreadsheet software shows as text instead of running it
  (CSV / formula injection). Numbers stay numbers: ``-12.50`` is data, not a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What str.splitlines() breaks on, and every other C0/C1 control character.
_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def one_line(value: Any) -> str:
    if value is None:
        return ""
    return _BREAKS_AND_CONTROLS.sub(" ", str(value))


def spreadsheet_cell(value: Any) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = one_line(value)
    # Leading blanks too: an import that trims them would reveal the formula.
    if text.lstrip().startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_csv(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, bom: bool = True) -> str:
    """A CSV for people (CRLF, with a BOM so spreadsheet software reads UTF-8 Chinese headers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(v) for v in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
    return ("\ufeff" if bom else "") + out.getvalue()


def record_lines(rows: Iterable[Iterable[Any]], *, lineterminator: str = "\n") -> str:
    """A CSV for a machine (the bank): one record per line, whatever a stored field holds."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([one_line(v) for v in row])
    return out.getvalue()
