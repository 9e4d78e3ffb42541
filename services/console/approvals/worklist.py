"""The 工作台's 待复核 (R-CTRL-1): the decisions others prepared that the signed-in person may
check, from every service that has them (``not_mine``: the services leave out what this person
prepared). A case manager's list leaves out payroll releases (finance checks those: their own
list reads the benefits service alone)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from services.console.api import ServiceApi, ServiceError
from services.console.approvals import shown
from services.console.approvals.prepared import approval_link
from services.console.format import china_time

QUERY = {"status": "prepared", "not_mine": True, "limit": 100}
COLUMNS = ["事项", "区县", "经办人", "提交时间"]


async def _of(api: ServiceApi, service: str) -> list[dict[str, Any]]:
    try:
        answer = await api.get(service, "/approvals", **QUERY)
    except ServiceError as exc:
        if exc.status in (403, 404, 405):  # a service this role may not read, or without approvals
            return []
        raise
    return [item | {"_service": service} for item in answer]


async def for_case_managers(api: ServiceApi) -> list[dict[str, Any]]:
    answers = await asyncio.gather(*(_of(api, service) for service in shown.SERVICES))
    items = [item for answer in answers for item in answer if item["kind"] != "payroll_release"]
    return sorted(items, key=lambda item: item["prepared_at"])


def line(a: dict[str, Any], today: dt.date) -> Any:
    from services.console.home.worklists import Line

    service = a.get("_service") or "benefits"
    return Line([shown.KINDS.get(a["kind"], a["kind"]), a["district"], a["prepared_by"], china_time(a["prepared_at"])],
                approval_link(service, a))
