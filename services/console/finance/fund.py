"""The fund ledger's balances and monthly report (R-FUND-1) as the tables finance reads and the
data of their charts (drawn by static/charts.js; the table is the accessible equivalent)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from services.console import labels
from services.console.api import ServiceApi, attempt

# Ledger kinds: every payment kind, and the two entries that are not payments.
FUND_KINDS = {**labels.PAYMENT_KIND, "transfer_out": "转移支出", "overpayment_recovery": "追回多发待遇"}
CITIES = {"430100": "长沙市"}


def kind_label(kind: str) -> str:
    return labels.label(FUND_KINDS, kind)


def city_label(city: str) -> str:
    return f"{city} {CITIES[city]}" if city in CITIES else city


def _amount(value: Any) -> Decimal:
    return Decimal(str(value))


def _chart_number(value: Decimal) -> float:
    # Chart coordinates only; the tables show the exact amounts (¥1,234.56).
    return float(value)


def bar_chart(title: str, categories: list[str], series: dict[str, list[Decimal]]) -> dict[str, Any]:
    """What charts.js draws: a bar chart of yuan amounts."""
    return {
        "type": "bar", "title": title, "unit": "元", "categories": categories,
        "series": [{"name": name, "data": [_chart_number(v) for v in values]} for name, values in series.items()],
    }


@dataclass
class Balances:
    lines: list[dict[str, Any]] = field(default_factory=list)
    chart: dict[str, Any] | None = None
    error: str | None = None

    @property
    def total(self) -> Decimal:
        return sum((_amount(line["net"]) for line in self.lines), Decimal("0.00"))


def balances_view(lines: list[dict[str, Any]]) -> Balances:
    kinds = list(dict.fromkeys(line["kind"] for line in lines))
    cities = list(dict.fromkeys(line["city"] for line in lines))
    net = {(line["city"], line["kind"]): _amount(line["net"]) for line in lines}
    series = {city_label(c): [net.get((c, k), Decimal(0)) for k in kinds] for c in cities}
    chart = bar_chart("累计净支出", [kind_label(k) for k in kinds], series) if lines else None
    return Balances(lines, chart)


@dataclass
class Report:
    month: str
    lines: list[dict[str, Any]] = field(default_factory=list)
    total_net: Decimal = Decimal("0.00")
    chart: dict[str, Any] | None = None
    error: str | None = None


def report_view(answer: dict[str, Any]) -> Report:
    lines = answer.get("lines", [])
    kinds = list(dict.fromkeys(line["kind"] for line in lines))
    sums = {name: [Decimal(0)] * len(kinds) for name in ("outflow", "reversed", "net")}
    for line in lines:
        index = kinds.index(line["kind"])
        for name in sums:
            sums[name][index] += _amount(line[name])
    names = {"outflow": "支出", "reversed": "冲回", "net": "净支出"}
    chart = bar_chart(f"{answer['month']} 基金支出", [kind_label(k) for k in kinds],
                      {names[n]: values for n, values in sums.items()}) if lines else None
    return Report(answer["month"], lines, _amount(answer.get("total_net", 0)), chart)


async def load_fund(api: ServiceApi, *, month: str, city: str | None, up_to: str | None) -> tuple[Balances, Report]:
    """Both at once; a refusal of one leaves the other on the page."""
    (balances, balances_error), (report, report_error) = await asyncio.gather(
        attempt(api.get("benefits", "/fund-ledger/balances", city=city or None, up_to=up_to or None)),
        attempt(api.get("benefits", "/fund-ledger/report", month=month)),
    )
    balances_out = balances_view(balances) if balances is not None else Balances(error=balances_error)
    report_out = report_view(report) if report is not None else Report(month, error=report_error)
    return balances_out, report_out
