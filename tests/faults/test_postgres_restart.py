"""PostgreSQL restarted under traffic (issue 9): during the outage only 503s, never a 500 or a
dropped connection; afterwards every service answers again without a restart; nothing lost."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter

import httpx
import pytest

from shared.clock import china_today
from tests.factories import id_number, registration_payload
from tests.faults import steps
from tests.faults.stack import FaultStack, eventually

pytestmark = pytest.mark.faults


async def _traffic(stack: FaultStack, http: httpx.AsyncClient, seen: Counter, created: list[str], stop: asyncio.Event) -> None:
    """A desk that keeps registering people and reading lists, on one keep-alive connection."""
    url = f"{stack.url('registration')}/unemployment-registrations"
    while not stop.is_set():
        payload = registration_payload(id_number=id_number(), registration_date=china_today().isoformat())
        try:
            write = await http.post(url, json=payload, headers=steps.SERVICE_POINT)
            read = await http.get(url, params={"limit": 5}, headers=steps.CASE_MANAGER)
            benefits = await http.get(f"{stack.url('benefits')}/claims", params={"limit": 5}, headers=steps.CASE_MANAGER)
        except httpx.TransportError as error:  # a dropped connection would show here
            seen[type(error).__name__] += 1
            continue
        for response in (write, read, benefits):
            seen[response.status_code] += 1
            if response.status_code == 503:
                assert response.json()["code"] == "database_unavailable" and response.headers.get("retry-after")
        if write.status_code == 201:
            created.append(write.json()["id"])
        await asyncio.sleep(0.05)


async def test_a_postgres_restart_under_traffic_gives_503s_only_and_loses_nothing(stack: FaultStack) -> None:
    pids = {name: p.pid for name, p in stack.processes.items()}
    seen: Counter = Counter()
    created: list[str] = []
    stop = asyncio.Event()
    async with httpx.AsyncClient(timeout=15) as http:
        desks = [asyncio.create_task(_traffic(stack, http, seen, created, stop)) for _ in range(4)]
        try:
            await eventually(lambda: asyncio.sleep(0, len(created)), lambda n: n >= 8)
            stack.script("pg.sh", "stop")
            await eventually(lambda: asyncio.sleep(0, seen[503]), lambda n: n >= 4, timeout=30)
            stack.script("pg.sh", "start")
            back = time.monotonic()
            before = len(created)
            await eventually(lambda: asyncio.sleep(0, len(created)), lambda n: n >= before + 8, timeout=60)
            steps.measured("PostgreSQL restarted → registrations answered 201 again", time.monotonic() - back)
        finally:
            stop.set()
            for desk in desks:
                with contextlib.suppress(Exception):
                    await desk
    assert seen[500] == 0 and not [k for k in seen if isinstance(k, str)], seen
    assert set(seen) <= {200, 201, 503} and seen[503] > 0, seen
    assert {name: p.pid for name, p in stack.processes.items()} == pids  # nothing was restarted
    registration = await stack.db("registration")
    try:
        stored = await registration.fetchval(
            "SELECT count(*) FROM unemployment_registrations WHERE id = ANY($1::uuid[])", created
        )
        assert stored == len(created)
        # Every journey started: the outbox delivered each start once the database was back.
        await eventually(
            lambda: registration.fetchval(
                "SELECT count(*) FROM outbox WHERE command = 'start_workflow' AND sent_at IS NULL"
                " AND workflow_id = ANY(SELECT journey_workflow_id FROM unemployment_registrations WHERE id = ANY($1::uuid[]))",
                created,
            ),
            lambda unsent: unsent == 0,
        )
    finally:
        await registration.close()
