"""统一社会信用代码 (GB 32100-2015) checks, by python-stdnum's ``stdnum.cn.uscc``.

Real codes that fail the check character exist: the check may be overridden by a case manager,
with a stated reason and an audit entry (see service.py), never passed silently.
"""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc


def check_uscc(value: str) -> tuple[str, bool]:
    """Return ``(compact code, check character correct)``; raise ``ValueError("code: message")``
    for a wrong length or characters outside the standard's alphabet (no override for those)."""
    number = uscc.compact(value)
    if len(number) != 18:
        raise ValueError("invalid_uscc_length: 统一社会信用代码应为18位")
    try:
        uscc.validate(number)
    except stdnum_errors.InvalidChecksum:
        return number, False
    except stdnum_errors.ValidationError:
        raise ValueError("invalid_uscc_format: 统一社会信用代码含有不允许的字符或格式错误") from None
    return number, True
