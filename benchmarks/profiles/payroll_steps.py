"""Where a payroll run's time goes (issue 13 item 4, B4): the run of benchmarks/payroll_run.py
on N seeded claimants, each step of services/benefits/payroll/service.py run_payroll timed:

    .venv/bin/python -m benchmarks.profiles.payroll_steps [N]      # default 20,000

The steps are wrapped for the timing only; what they do is unchanged. Everything happens in
one transaction that is rolled back. Prints figures; asserts nothing about speed.
"""

from __future__ import annotations

import asyncio
import functools
import random
import sys
import time
from collections import defaultdict

from benchmarks import payroll_run
from services.benefits.holds import service as holds_service
from services.benefits.ledger import repository as ledger_repository
from services.benefits.payroll import repository, service
from services.benefits.payroll.schemas import PayrollRunCreate
from shared import db
from shared.auth import Principal, Role

STEPS = {
    repository: ("refresh_statistics", "insert_run", "collect_payable", "transfer_medical_premiums", "close_run",
                 "count_unpayable", "medical_premium_totals"),
    holds_service: ("hold_due",),
    ledger_repository: ("record_run_outflows",),
}


def timed(seconds: dict[str, float]) -> None:
    """Each step records its time in ``seconds`` (the module attribute the run calls is replaced)."""
    for module, names in STEPS.items():
        for name in names:
            step = getattr(module, name)

            @functools.wraps(step)
            async def wrapper(*args, _step=step, _name=name, **kwargs):  # noqa: ANN002, ANN003, ANN202
                t0 = time.perf_counter()
                try:
                    return await _step(*args, **kwargs)
                finally:
                    seconds[_name] += time.perf_counter() - t0

            setattr(module, name, wrapper)


async def main(n: int) -> None:
    seconds: dict[str, float] = defaultdict(float)
    timed(seconds)
    city = f"8{random.randint(100, 999)}00"  # a city of its own, as payroll_run.py
    conn = await db.connect(payroll_run.DSN)
    tx = conn.transaction()
    await tx.start()
    try:
        await payroll_run.seed(conn, n, city)
        t0 = time.perf_counter()
        await service.run_payroll(conn, Principal("benchmark", Role.FINANCE),
                                  PayrollRunCreate(period=payroll_run.PERIOD, city=city), today=payroll_run.RUN_ON)
        total = time.perf_counter() - t0
    finally:
        await tx.rollback()
        await conn.close()
    print(f"payroll run, {n:,} claimants: {total:.2f} s")
    for name, s in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {name:<28} {s:7.3f} s  {100 * s / total:5.1f}%")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000))
