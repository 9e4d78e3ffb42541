"""Console journey-view benchmark (issue 11): the median and 95th-percentile time of the
console's 一条龙 page under 8 concurrent signed-in users, against the bare API call it wraps
(the registration service's GET /unemployment-registrations/{id}/journey) in the same run.

    .venv/bin/python benchmarks/console_journey.py                 # 8 users × 50 pages each
    .venv/bin/python benchmarks/console_journey.py --users 8 --pages 100

Starts its own stack (the three services, the worker, the console) on free ports against the
test database and the Temporal dev server (scripts/pg.sh start; scripts/temporal.sh start), makes
8 claimants whose claims are approved and month 1 paid, then measures; with each figure, the CPU
time each part of the stack spent per page (from /proc). Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared import local  # noqa: E402

# The test database and namespace, as the test suite uses them (tests/conftest.py).
os.environ["UIS_TEMPORAL_NAMESPACE"] = "uis-test"
for _service in local.SERVICES:
    os.environ[f"{_service.upper()}_DATABASE_URL"] = local.database_url(_service, local.setting("UIS_TEST_DATABASE"))

import httpx  # noqa: E402

from services.migrate import SERVICES, migrate_service  # noqa: E402
from services.registration.calendar.working_days import library_knows  # noqa: E402
from shared.clock import china_today  # noqa: E402
from tests.browser.people import Claimant, journey_of, registered_claimant  # noqa: E402
from tests.e2e.conftest import running_stack  # noqa: E402
from tests.four_eyes import approve_as_second  # noqa: E402
from tests.factories import auth  # noqa: E402


async def prepare(urls: dict[str, str]) -> None:
    today = china_today()
    async with httpx.AsyncClient(timeout=30) as http:
        for year in (today.year, today.year + 1):
            if not library_knows(year):
                await http.put(f"{urls['registration']}/calendar/years/{year}",
                               json={"source": "benchmark: Monday–Friday", "days": []}, headers=auth("operations"))


async def claimant_on_benefit(urls: dict[str, str]) -> Claimant:
    claimant = await registered_claimant(urls)
    async with httpx.AsyncClient(timeout=30) as http:
        claim_id = None
        for _ in range(300):
            journey = await journey_of(urls, claimant)
            if journey["stage"] == "claim_review":
                claim_id = journey["claim_id"]
                break
            await asyncio.sleep(0.1)
        assert claim_id, "the journey did not open the claim"
        decided = await http.post(f"{urls['benefits']}/claims/{claim_id}/decision", json={"approved": True},
                                  headers=auth("case_manager"))
        # R-CTRL-1: the approval is prepared (202) and carried out when a second case manager approves.
        decided = await approve_as_second(http, decided, base_url=urls["benefits"])
        assert decided.status_code == 200, decided.text
    for _ in range(300):
        if (await journey_of(urls, claimant))["job_seeker_id"]:
            return claimant
        await asyncio.sleep(0.1)
    raise AssertionError("month 1 was not paid")


async def signed_in_console(console: str, n: int) -> list[httpx.AsyncClient]:
    clients = []
    for i in range(n):
        client = httpx.AsyncClient(base_url=console, timeout=60)
        answer = await client.post("/signin/dev", data={"role": "case_manager", "name": f"经办{i}", "district": ""})
        assert answer.status_code == 303, answer.text
        clients.append(client)
    return clients


async def measure(fetchers, pages: int) -> list[float]:  # noqa: ANN001
    """Each user fetches ``pages`` pages one after another; the users run at the same time."""
    times: list[float] = []

    async def user(fetch) -> None:  # noqa: ANN001
        for _ in range(pages):
            t0 = time.perf_counter()
            response = await fetch()
            times.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.status_code

    await asyncio.gather(*(user(f) for f in fetchers))
    return times


PARTS = ("services.registration", "services.benefits", "services.employment", "services.console",
         "workflows.worker", "temporal", "postgres")


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by each part of the stack (Linux /proc), to show where a page's time goes."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = dict.fromkeys(PARTS, 0.0)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        for part in PARTS:
            if part in command:
                used[part] += (int(fields[11]) + int(fields[12])) / tick
                break
    return used


async def measured(name: str, fetchers, pages: int) -> tuple[float, float]:  # noqa: ANN001
    before = cpu_seconds()
    times = await measure(fetchers, pages)
    after = cpu_seconds()
    result = figures(name, times)
    per_page = {part: (after[part] - before[part]) * 1000 / len(times) for part in PARTS}
    print("      CPU per page: " + ", ".join(f"{part.split('.')[-1]} {ms:.1f}" for part, ms in per_page.items())
          + f" ms (total {sum(per_page.values()):.1f} ms)")
    return result


def figures(name: str, times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000
    print(f"  {name:<44} n={len(ordered):>4}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    return p50, p95


async def run(users: int, pages: int) -> None:
    for service in SERVICES:
        migrate_service(service, os.environ[f"{service.upper()}_DATABASE_URL"])
    with running_stack(console=True, extra_env={"UIS_RATE_LIMIT": "100000/minute"}) as (urls, _):
        await prepare(urls)
        claimants = [await claimant_on_benefit(urls) for _ in range(users)]
        consoles = await signed_in_console(urls["console"], users)
        api = httpx.AsyncClient(timeout=60, headers=auth("case_manager"))
        try:
            bare = [lambda c=c: api.get(f"{urls['registration']}/unemployment-registrations/{c.registration_id}/journey")
                    for c in claimants]
            page = [lambda c=c, s=s: s.get(f"/journeys/{c.registration_id}") for c, s in zip(claimants, consoles, strict=True)]
            await measure(bare, 5)
            await measure(page, 5)  # warm both up
            print(f"\nJourney view, {users} concurrent users × {pages} pages each:")
            bare_p50, bare_p95 = await measured("bare API call (GET …/journey, registration)", bare, pages)
            page_p50, page_p95 = await measured("console page (GET /journeys/{id}, HTML)", page, pages)
            print(f"  ratio console / bare: p50 {page_p50 / bare_p50:.2f}×, p95 {page_p95 / bare_p95:.2f}× (target ≤ 2×)")
        finally:
            await api.aclose()
            for client in consoles:
                await client.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.users, args.pages))


if __name__ == "__main__":
    main()
