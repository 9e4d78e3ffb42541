"""B5 status read (issue 13 item 2): the journey view the console shows (registration's
GET /unemployment-registrations/{id}/journey: the row, Temporal's describe, and the state stored at
that history length, a query only when the history moved) and
benefits GET /claims/{id}, req/s and p50/p99 at concurrency 8, against a bare app's primary-key
SELECT of the same rows (benchmarks/bare_app.py), both as uvicorn processes, in the same run:

    .venv/bin/python benchmarks/status_read.py               # 400 reads each, both engines
    .venv/bin/python benchmarks/status_read.py --n 1000 --engine dev
    WORKER_MAX_CACHED_WORKFLOWS=2 .venv/bin/python benchmarks/status_read.py --engine dev   # evicted

Journeys are made over the API (a 失业登记 each, waited for until its claim is open, stage
claim_review). Goal: ratio ≥ 0.5. Writes .tools/bench/status_read.json. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from harness import (
    Row, engines, load, migrate, print_rows, settled, stack, temporal, terminate_all, uvicorn_app, write_json,
)

import httpx

from shared import local
from tests.e2e.conftest import eventually
from tests.factories import auth, registration_payload

CONCURRENCY = 8
CASE_MANAGER = auth("case_manager")


async def journeys_in_review(url: str, k: int) -> list[tuple[str, str]]:
    """K registrations whose journeys opened their claims: (registration id, claim id)."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        made = []
        for _ in range(k):
            created = await http.post("/unemployment-registrations", json=registration_payload(),
                                      headers=auth("service_point", "430102"))
            assert created.status_code == 201, created.text
            made.append(created.json()["id"])
        opened = []
        for registration_id in made:
            async def view(rid: str = registration_id) -> dict:
                return (await http.get(f"/unemployment-registrations/{rid}/journey", headers=CASE_MANAGER)).json()

            journey = await eventually(view, lambda j: j.get("stage") == "claim_review", timeout=120)
            opened.append((registration_id, journey["claim_id"]))
        return opened


async def reads(url: str, paths: list[str], n: int, headers: dict[str, str]):  # noqa: ANN201
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=headers) as http:

        async def get(i: int) -> bool:
            return (await http.get(paths[i % len(paths)])).status_code == 200

        await load(get, 4 * CONCURRENCY, CONCURRENCY)  # warm up
        return await load(get, n, CONCURRENCY)


@contextlib.contextmanager
def bare_apps():  # noqa: ANN201
    database = local.setting("UIS_TEST_DATABASE")
    with (
        uvicorn_app("benchmarks.bare_app:create_app", {"BARE_DATABASE_URL": local.database_url(
            "registration", database), "BARE_TABLE": "unemployment_registrations"}) as registrations,
        uvicorn_app("benchmarks.bare_app:create_app", {"BARE_DATABASE_URL": local.database_url(
            "benefits", database), "BARE_TABLE": "claims"}) as claims,
    ):
        yield registrations, claims


async def on_engine(engine: str, n: int, k: int) -> list[Row]:
    with stack(engine) as (urls, task_queue):
        await settled(engine, task_queue)
        opened = await journeys_in_review(urls["registration"], k)
        journey_paths = [f"/unemployment-registrations/{r}/journey" for r, _ in opened]
        claim_paths = [f"/claims/{c}" for _, c in opened]
        view = await reads(urls["registration"], journey_paths, n, CASE_MANAGER)
        claim = await reads(urls["benefits"], claim_paths, n, CASE_MANAGER)
        await terminate_all(await temporal(engine), f"TaskQueue = '{task_queue}' AND ExecutionStatus = 'Running'")
    with bare_apps() as (registrations, claims):
        bare_view = await reads(registrations, [f"/rows/{r}" for r, _ in opened], n, {})
        bare_claim = await reads(claims, [f"/rows/{c}" for _, c in opened], n, {})
    return [
        Row("B5", f"journey view, c={CONCURRENCY}", engine, view.line(), bare_view.line(),
            round(view.rate / bare_view.rate, 3), {"project": view.figures(), "baseline": bare_view.figures()}),
        Row("B5", f"GET /claims/{{id}}, c={CONCURRENCY}", engine, claim.line(), bare_claim.line(),
            round(claim.rate / bare_claim.rate, 3), {"project": claim.figures(), "baseline": bare_claim.figures()}),
    ]


async def run(n: int, k: int, wanted: str) -> list[Row]:
    migrate()
    rows = []
    for engine in engines(wanted):
        rows += await on_engine(engine, n, k)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="reads per figure")
    parser.add_argument("--journeys", type=int, default=8, help="journeys read in turn")
    parser.add_argument("--engine", default="both", choices=("dev", "server", "both"))
    args = parser.parse_args()
    rows = asyncio.run(run(args.n, args.journeys, args.engine))
    print_rows(rows)
    write_json("status_read", rows, reads_per_figure=args.n, journeys=args.journeys)


if __name__ == "__main__":
    main()
