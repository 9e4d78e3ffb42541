"""运行监控's sections: each one a few service reads turned into what the page shows. No personal
data reaches these pages: stages, districts, counts, dates and internal IDs only (PIPL art. 28;
DOMAIN "Identifiers and validation"). A section whose service refuses or is down shows the
service's Chinese message; the other sections still show."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from services.console import labels
from services.console.api import SERVICES, ServiceApi, attempt
from services.console.format import countdown, days_left
from shared.clock import Moment

# "Next deadline within 7 days" (R-REV-1 claim reviews, R-REG-1 employer reviews), in China days.
WINDOW_DAYS = 7
# The services answer at most this many lines per list; more may exist.
LIST_LIMIT = 200
NO_STAGE = "阶段未定"
NO_DISTRICT = "未知区县"


@dataclass(frozen=True)
class Temporal:
    """Links into the Temporal UI (workflow and schedule IDs hold no personal data)."""

    ui_url: str
    namespace: str

    @property
    def home(self) -> str:
        return f"{self.ui_url}/namespaces/{quote(self.namespace, safe='')}/workflows"

    def workflow(self, workflow_id: str) -> str:
        return f"{self.home}/{quote(workflow_id, safe='')}"

    def schedule(self, schedule_id: str) -> str:
        return f"{self.ui_url}/namespaces/{quote(self.namespace, safe='')}/schedules/{quote(schedule_id, safe='')}"


@dataclass(frozen=True)
class Reading:
    api: ServiceApi
    now: Moment
    temporal: Temporal


# 1. Open journeys by stage × district ---------------------------------------------------------

@dataclass
class CountTable:
    stages: list[tuple[str | None, str]]  # (code, label), columns
    districts: list[str | None]  # rows
    cells: dict[tuple[str | None, str | None], int]
    total: int

    def cell(self, district: str | None, stage: str | None) -> int:
        return self.cells.get((district, stage), 0)

    def row_total(self, district: str | None) -> int:
        return sum(n for (d, _), n in self.cells.items() if d == district)

    def column_total(self, stage: str | None) -> int:
        return sum(n for (_, s), n in self.cells.items() if s == stage)


def count_table(counts: list[dict[str, Any]]) -> CountTable:
    """Rows: districts; columns: every known stage (labels.STAGES order), then any stage this
    console does not know yet, then journeys without a stage."""
    cells: dict[tuple[str | None, str | None], int] = {}
    for line in counts:
        key = (line.get("district"), line.get("stage"))
        cells[key] = cells.get(key, 0) + int(line["count"])
    seen = {stage for _, stage in cells}
    stages: list[tuple[str | None, str]] = list(labels.STAGES.items())
    stages += [(s, s) for s in sorted(s for s in seen if s is not None and s not in labels.STAGES)]
    if None in seen:
        stages.append((None, NO_STAGE))
    districts = sorted({d for d, _ in cells}, key=lambda d: (d is None, d or ""))
    return CountTable(stages, districts, cells, sum(cells.values()))


async def journeys(reading: Reading) -> dict[str, Any]:
    counts, error = await attempt(reading.api.get("registration", "/journeys/counts"))
    return {"table": count_table(counts) if counts is not None else None, "error": error}


# 2. Deadlines within 7 days -----------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    district: str
    due: Any
    left: int
    countdown: str
    link: str


@dataclass
class DueList:
    items: list[Due] = field(default_factory=list)
    error: str | None = None
    truncated: bool = False

    @property
    def by_district(self) -> list[tuple[str, int]]:
        counted: dict[str, int] = {}
        for item in self.items:
            counted[item.district] = counted.get(item.district, 0) + 1
        return sorted(counted.items())


def due_within(
    records: list[dict[str, Any]], due_field: str, link: Callable[[dict[str, Any]], str], today: dt.date
) -> list[Due]:
    """Records whose due date falls from today to ``WINDOW_DAYS`` China days ahead, soonest first.
    Only the district, the date and an internal-ID link are kept."""
    found = []
    for record in records:
        left = days_left(record.get(due_field), today)
        if left is not None and 0 <= left <= WINDOW_DAYS:
            found.append(Due(record.get("district") or NO_DISTRICT, record[due_field], left,
                             countdown(record[due_field], today), link(record)))
    return sorted(found, key=lambda d: (d.left, d.district))


async def deadlines(reading: Reading) -> dict[str, Any]:
    api, today = reading.api, reading.now.today
    (claims, claims_error), (employers, employers_error) = await asyncio.gather(
        attempt(api.get("benefits", "/claims", status="pending_review", limit=LIST_LIMIT)),
        attempt(api.get("registration", "/employers", status="under_review", limit=LIST_LIMIT)),
    )
    claim_list = DueList(error=claims_error)
    if claims is not None:
        claim_list.items = due_within(claims, "review_due_at", lambda c: f"/claims/{c['id']}/review", today)
        claim_list.truncated = len(claims) >= LIST_LIMIT
    employer_list = DueList(error=employers_error)
    if employers is not None:
        employer_list.items = due_within(employers, "review_due_on", lambda e: f"/employers/{e['id']}", today)
        employer_list.truncated = len(employers) >= LIST_LIMIT
    return {"claims": claim_list, "employers": employer_list, "window": WINDOW_DAYS}


# 3. Overdue reviews -------------------------------------------------------------------------

@dataclass(frozen=True)
class OverdueJourney:
    registration_id: str
    workflow_id: str
    stage: str
    district: str
    started_at: Any
    temporal_link: str


async def overdue(reading: Reading) -> dict[str, Any]:
    found, error = await attempt(
        reading.api.get("registration", "/journeys", review_overdue="true", limit=LIST_LIMIT)
    )
    items = [
        OverdueJourney(j["registration_id"], j["workflow_id"], labels.label(labels.STAGES, j.get("stage")),
                       j.get("district") or NO_DISTRICT, j.get("started_at"), reading.temporal.workflow(j["workflow_id"]))
        for j in found or []
    ]
    return {"items": items, "error": error, "truncated": len(items) >= LIST_LIMIT}


# 4. Undelivered outbox per service ----------------------------------------------------------

SERVICE_NAMES = {"registration": "登记服务", "benefits": "待遇服务", "employment": "就业服务"}


def age_text(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} 秒"
    if seconds < 3600:
        return f"{seconds // 60} 分 {seconds % 60} 秒"
    if seconds < 86400:
        return f"{seconds // 3600} 小时 {seconds % 3600 // 60} 分"
    return f"{seconds // 86400} 天 {seconds % 86400 // 3600} 小时"


@dataclass
class Outbox:
    service: str
    name: str
    status: dict[str, Any] | None
    error: str | None
    failing_items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def oldest_age(self) -> str:
        return age_text(self.status["oldest_unsent_age_seconds"]) if self.status else "—"


def _failing(status: dict[str, Any], instant: dt.datetime) -> list[dict[str, Any]]:
    """The rows the relay failed to deliver at least once, with how long each has waited."""
    rows = []
    for item in status.get("items", []):
        if item.get("attempts", 0) > 0:
            created = dt.datetime.fromisoformat(str(item["created_at"]).replace("Z", "+00:00"))
            rows.append(item | {"age": age_text(max((instant - created).total_seconds(), 0))})
    return rows


async def outbox(reading: Reading) -> dict[str, Any]:
    answers = await asyncio.gather(*(attempt(reading.api.get(s, "/operations/outbox", limit=50)) for s in SERVICES))
    boxes = []
    for service, (status, error) in zip(SERVICES, answers, strict=True):
        box = Outbox(service, SERVICE_NAMES[service], status, error)
        if status is not None:
            box.failing_items = _failing(status, reading.now.instant)
        boxes.append(box)
    return {"boxes": boxes}


# 5. Workflows with failing activities --------------------------------------------------------

async def failing(reading: Reading) -> dict[str, Any]:
    answer, error = await attempt(reading.api.get("registration", "/operations/workflows/failing"))
    items = [
        item | {"stage_label": labels.label(labels.STAGES, item.get("stage")),
                "temporal_link": reading.temporal.workflow(item["workflow_id"])}
        for item in (answer or {}).get("items", [])
    ]
    return {"answer": answer, "items": items, "error": error}


# 6. Schedules -------------------------------------------------------------------------------

async def schedules(reading: Reading) -> dict[str, Any]:
    answer, error = await attempt(reading.api.get("registration", "/operations/schedules"))
    items = [s | {"temporal_link": reading.temporal.schedule(s["schedule_id"])} for s in answer or []]
    return {"items": items, "error": error}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    load: Callable[[Reading], Awaitable[dict[str, Any]]]


SECTIONS: tuple[Section, ...] = (
    Section("journeys", "在办一条龙流程（按阶段 × 区县）", journeys),
    Section("deadlines", f"{WINDOW_DAYS} 日内到期的审核", deadlines),
    Section("overdue", "审核已超期的流程", overdue),
    Section("outbox", "各服务未送达的流程消息", outbox),
    Section("failing", "活动重试中的流程", failing),
    Section("schedules", "定时任务", schedules),
)
BY_KEY = {s.key: s for s in SECTIONS}
