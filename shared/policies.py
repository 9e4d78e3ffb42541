"""The effective-dated policy row, one copy for every policy family (benefit parameters, duration
tables and amounts; contribution rates and collection; employer registration; employment).

A row is set for an area (province, city or district code), in force from ``effective_from`` up to
but not including ``effective_to`` (open-ended when there is none), with the ``source`` it rests on
(政策依据). On a date, the row in force is the most specific area's (district → city → province,
shared/areas.py), and within one area the one that starts latest, so a reduced-rate period is a
row with an end date laid over an open-ended one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.areas import AreaChain
from shared.ids import validate_district
from shared.inputs import Date, Text

SOURCE_MAX_LENGTH = 500

# The two halves of every in-force lookup, with ``$1`` the area chain (text[], most specific
# first) and ``$2`` the date. For queries that need more than ``row_in_force`` (a table version's
# bands, a set of employers at once), so the rule is still written once.
IN_FORCE = (
    "area_code = ANY($1::text[]) AND effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)"
)
MOST_SPECIFIC_FIRST = "ORDER BY array_position($1::text[], area_code::text), effective_from DESC"


class EffectiveDatedCreate(BaseModel):
    """What every policy row is created with; each family adds its values."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    area_code: Text = Field(description="行政区划代码: 省 430000 / 市 430100 / 区县 430102")
    effective_from: Date
    effective_to: Date | None = Field(default=None, description="exclusive; open-ended if omitted")
    source: Text = Field(min_length=1, max_length=SOURCE_MAX_LENGTH, description="政策依据 (文件名称及文号)")
    is_sample: bool = False

    @field_validator("area_code")
    @classmethod
    def _area(cls, value: str) -> str:
        return validate_district(value)

    @field_validator("effective_to")
    @classmethod
    def _after_from(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("effective_from")
        if value is not None and start is not None and value <= start:
            raise ValueError("invalid_effective_period: 失效日期须晚于生效日期")
        return value


def area_chain(district: str) -> list[str]:
    """``$1`` of the in-force SQL: the district's area codes, most specific first."""
    return AreaChain.of(district).most_specific_first()


async def row_in_force(
    conn: asyncpg.Connection, table: str, columns: str, district: str, on: dt.date, **equal: Any
) -> asyncpg.Record | None:
    """The row of ``table`` in force for ``district`` on ``on``, narrowed by ``column = value``
    pairs (e.g. ``name="dibao"``). ``table`` and ``columns`` are the repository's constants, never
    input; the values are bound parameters. The row carries ``area_rank`` (1 = the district's own)."""
    filters = "".join(f" AND {column} = ${n}" for n, column in enumerate(equal, start=3))
    return await conn.fetchrow(
        f"SELECT {columns}, array_position($1::text[], area_code::text) AS area_rank FROM {table}"
        f" WHERE {IN_FORCE}{filters} {MOST_SPECIFIC_FIRST} LIMIT 1",
        area_chain(district),
        on,
        *equal.values(),
    )


class EffectiveDatedRead(BaseModel):
    """What every policy row reads back with; each family adds its values."""

    id: int
    area_code: str
    effective_from: dt.date
    effective_to: dt.date | None
    source: str
    is_sample: bool
