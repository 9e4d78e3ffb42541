from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.inputs import Date, Text


class CalendarDay(BaseModel):
    """An exception to Monday–Friday: a public holiday on a weekday or a make-up working day."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    day: Date
    is_working_day: bool = Field(description="true: 调休上班 on a weekend; false: 法定节假日 on a weekday")
    name: Text = Field(min_length=1, max_length=50, examples=["春节"])


class CalendarYearUpdate(BaseModel):
    """A year's holiday table as announced by the State Council (国务院办公厅节假日安排)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "source": "国务院办公厅关于2027年部分节假日安排的通知",
                    "days": [
                        {"day": "2027-01-01", "is_working_day": False, "name": "元旦"},
                        {"day": "2027-02-07", "is_working_day": True, "name": "春节调休上班"},
                    ],
                }
            ]
        },
    )

    source: Text = Field(min_length=1, max_length=300)
    days: list[CalendarDay] = Field(max_length=120)

    @field_validator("days")
    @classmethod
    def _distinct(cls, value: list[CalendarDay]) -> list[CalendarDay]:
        if len({d.day for d in value}) != len(value):
            raise ValueError("duplicate_calendar_day: 同一日期不能重复录入")
        return value


class CalendarYearRead(BaseModel):
    year: int
    source: str
    origin: str = Field(description="operator (entered through the API) or library (chinese-calendar)")
    days: list[CalendarDay]


class DeadlineRead(BaseModel):
    start: dt.date
    working_days: int
    due_on: dt.date
