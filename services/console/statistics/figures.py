"""The employment statistics the seed quotes (DOMAIN "Employment services"): the re-employment
rate of people who drew benefit, the numbers trained and placed (from the employment service),
and subsidy spending (R-SUB-1, from the benefits service's fund report), as tables and charts."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from contracts.calendar import YearMonth
from services.console import labels
from services.console.api import ServiceApi, attempt
from shared.areas import city_of

# The employment service answers at most 36 months at once; the subsidy months follow it.
MAX_MONTHS = 36
SUBSIDY_KINDS = ("training_subsidy", "referral_subsidy", "skill_upgrade_subsidy")
COUNTS = {
    "drew_benefit": "领取失业保险金人数",
    "reemployed": "其中再就业人数",
    "trained": "培训结业人数",
    "placements": "再就业登记人数",
    "placed_through_referral": "经职业介绍就业人数",
}


def rate(reemployed: int, drew_benefit: int) -> Decimal | None:
    """As the employment service computes it: percent, ROUND_HALF_UP to 0.1; none without a base."""
    if drew_benefit == 0:
        return None
    return (Decimal(reemployed) * 100 / Decimal(drew_benefit)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def chart(kind: str, title: str, unit: str, categories: list[str], series: dict[str, list[Any]], **extra: Any) -> dict[str, Any]:
    """What static/charts.js draws (numbers only: the table beside it has the exact figures)."""
    return {"type": kind, "title": title, "unit": unit, "categories": categories,
            "series": [{"name": n, "data": [None if v is None else float(v) for v in values], **extra}
                       for n, values in series.items()]}


@dataclass
class Totals:
    """One period's figures summed over the districts (a person is counted in one district)."""

    period: str
    counts: dict[str, int]

    @property
    def rate(self) -> Decimal | None:
        return rate(self.counts["reemployed"], self.counts["drew_benefit"])


def totals_by_period(figures: list[dict[str, Any]]) -> list[Totals]:
    periods: dict[str, dict[str, int]] = {}
    for line in figures:
        counts = periods.setdefault(line["period"], dict.fromkeys(COUNTS, 0))
        for key in COUNTS:
            counts[key] += int(line[key])
    return [Totals(p, periods[p]) for p in sorted(periods)]


@dataclass
class Figures:
    lines: list[dict[str, Any]] = field(default_factory=list)
    totals: list[Totals] = field(default_factory=list)
    error: str | None = None
    rate_chart: dict[str, Any] | None = None
    counts_chart: dict[str, Any] | None = None


def monthly_view(lines: list[dict[str, Any]]) -> Figures:
    totals = totals_by_period(lines)
    months = [t.period for t in totals]
    rate_chart = chart("line", "领取失业保险金人员再就业率", "%", months, {"再就业率": [t.rate for t in totals]})
    counts_chart = chart("bar", "领取、再就业、培训和职业介绍人数", "人", months,
                         {COUNTS[k]: [t.counts[k] for t in totals] for k in ("drew_benefit", "reemployed", "trained", "placed_through_referral")})
    return Figures(lines, totals, rate_chart=rate_chart if totals else None, counts_chart=counts_chart if totals else None)


@dataclass
class Subsidies:
    months: list[str] = field(default_factory=list)
    amounts: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # month → kind → net
    error: str | None = None
    chart: dict[str, Any] | None = None
    city: str | None = None

    def total(self, month: str) -> Decimal:
        return sum(self.amounts[month].values(), Decimal("0.00"))

    def kind_total(self, kind: str) -> Decimal:
        return sum((self.amounts[m][kind] for m in self.months), Decimal("0.00"))

    @property
    def grand_total(self) -> Decimal:
        return sum((self.total(m) for m in self.months), Decimal("0.00"))

    @property
    def kinds(self) -> list[tuple[str, str]]:
        return [(k, labels.label(labels.PAYMENT_KIND, k)) for k in SUBSIDY_KINDS]


def month_range(from_month: str, to_month: str) -> list[str]:
    """The months from..to, or ValueError with the Chinese reason."""
    try:
        first, last = YearMonth.parse(from_month), YearMonth.parse(to_month)
    except ValueError:
        raise ValueError("月份应为 YYYY-MM 格式") from None
    if last < first:
        raise ValueError("结束月份不能早于开始月份")
    if first.months_until(last) >= MAX_MONTHS:
        raise ValueError(f"统计区间不能超过{MAX_MONTHS}个月")
    return [str(first.plus(k)) for k in range(first.months_until(last) + 1)]


def subsidies_view(reports: list[dict[str, Any]], city: str | None) -> Subsidies:
    """R-SUB-1 subsidies paid out of the fund, net of bank reversals, by month of the ledger entry."""
    view = Subsidies(city=city)
    for report in reports:
        month = report["month"]
        view.months.append(month)
        view.amounts[month] = dict.fromkeys(SUBSIDY_KINDS, Decimal("0.00"))
        for line in report.get("lines", []):
            if line["kind"] in SUBSIDY_KINDS and (city is None or line["city"] == city):
                view.amounts[month][line["kind"]] += Decimal(str(line["net"]))
    view.chart = chart("bar", "补贴支出", "元", view.months,
                       {name: [view.amounts[m][k] for m in view.months] for k, name in view.kinds}, stack="subsidy")
    return view


async def load_subsidies(api: ServiceApi, months: list[str], district: str | None) -> Subsidies:
    city = city_of(district) if district else None
    answers = await asyncio.gather(*(attempt(api.get("benefits", "/fund-ledger/report", month=m)) for m in months))
    error = next((e for _, e in answers if e is not None), None)
    if error is not None:
        return Subsidies(error=error)
    return subsidies_view([a for a, _ in answers], city)


async def load_monthly(api: ServiceApi, from_month: str, to_month: str, district: str | None) -> Figures:
    lines, error = await attempt(api.get("employment", "/statistics/reemployment", from_month=from_month,
                                         to_month=to_month, district=district))
    return monthly_view(lines) if lines is not None else Figures(error=error)


async def load_yearly(api: ServiceApi, year: int, district: str | None) -> Figures:
    lines, error = await attempt(api.get("employment", "/statistics/reemployment/yearly", year=year, district=district))
    if lines is None:
        return Figures(error=error)
    return Figures(lines, totals_by_period(lines))
