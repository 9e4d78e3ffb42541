"""A bank return file (回盘文件, ``付款编号,结果,原因`` per line) as finance uploads it: the bytes go
to the benefits service unchanged (it checks every line and applies them, R-PAY-1); the console
only lists the rejected lines of a file the service has accepted, since the service's answer
counts them without naming them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

# A bank's return file for one run is a few thousand lines; anything far larger is not one.
MAX_RETURN_FILE_BYTES = 5 * 1024 * 1024
REJECTED = ("rejected", "失败")
HEADER_FIRST_FIELDS = ("付款编号", "payment_id")
# The panel lists this many rejects; the count comes from the service.
MAX_LISTED = 500


@dataclass(frozen=True)
class RejectedLine:
    line: int
    payment_id: str
    reason: str


def rejected_lines(content: bytes) -> list[RejectedLine]:
    """The lines whose result is rejected/失败, with the bank's reason (the service refused the
    file if a line was malformed, so this is read only after it accepted it)."""
    text = content.decode("utf-8-sig", errors="replace")
    found: list[RejectedLine] = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not row or (number == 1 and row[0].strip() in HEADER_FIRST_FIELDS):
            continue
        if len(row) > 1 and row[1].strip() in REJECTED:
            found.append(RejectedLine(number, row[0].strip(), row[2].strip() if len(row) > 2 else ""))
            if len(found) >= MAX_LISTED:
                break
    return found
