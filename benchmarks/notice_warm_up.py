"""Warm-up of the written decisions' renderer (R-NOTICE-1, services/benefits/notices/warm_up.py):
how long the benefits app's start-up takes and how long the first notice's rendering takes in a
fresh process, with the warm-up off, on (the first decision comes after it finished) and on with a
decision at once (while the warm-up still runs).

    .venv/bin/python benchmarks/notice_warm_up.py            # 5 fresh processes per case
    .venv/bin/python benchmarks/notice_warm_up.py --runs 3

Needs PostgreSQL (the app's pool opens; nothing is written), in database ``uis_test`` unless
BENEFITS_DATABASE_URL says otherwise. Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time

from shared import local

CASES = {"off": (False, False), "on, decision after the warm-up": (True, True), "on, decision at once": (True, False)}


async def one(warm_up: bool, wait: bool) -> dict[str, float]:
    """In this (fresh) process: the app's start-up, then the first notice, as a decision renders it."""
    from services.benefits.main import create_app
    from services.benefits.notices import warm_up as warm
    from services.benefits.notices.issue import letterhead_of
    from services.benefits.notices.render import render_pdf
    from services.benefits.settings import BenefitsSettings

    settings = BenefitsSettings(outbox_relay=False, notice_warm_up=warm_up)
    app = create_app(settings)
    started = time.perf_counter()
    async with app.router.lifespan_context(app):
        start_up = time.perf_counter() - started
        if wait:
            await asyncio.to_thread(warm.done.wait)
        ready = time.perf_counter() - started
        document = warm.SAMPLE  # the same layout and fonts as a real notice
        started = time.perf_counter()
        await asyncio.to_thread(render_pdf, document, letterhead_of(settings))
        first = time.perf_counter() - started
    return {"start_up_ms": start_up * 1000, "warm_up_done_ms": ready * 1000, "first_notice_ms": first * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(one(args.child[0] == "1", args.child[1] == "1"))))
        return
    env = {**os.environ, "BENEFITS_DATABASE_URL": local.database_url("benefits", local.setting("UIS_TEST_DATABASE"))}
    for name, (warm_up, wait) in CASES.items():
        results = []
        for _ in range(args.runs):
            child = [sys.executable, __file__, "--child", str(int(warm_up)), str(int(wait))]
            out = subprocess.run(child, env=env, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
        for key in ("start_up_ms", "warm_up_done_ms", "first_notice_ms") if wait else ("start_up_ms", "first_notice_ms"):
            values = sorted(r[key] for r in results)
            print(f"{name:32} {key:16} median {statistics.median(values):7.0f}  min {values[0]:7.0f}  max {values[-1]:7.0f}")


if __name__ == "__main__":
    main()
