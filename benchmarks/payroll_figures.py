"""B4 payroll in the benchmarks' table (issue 13 item 2): runs benchmarks/payroll_run.py (R-PAY-1,
its own bare baseline in the same run, everything rolled back) as it is, shows its output, and
writes its two figures to .tools/bench/payroll.json:

    .venv/bin/python benchmarks/payroll_figures.py            # 20,000 claimants (about a minute)
    .venv/bin/python benchmarks/payroll_figures.py --n 100000   # the design target

Goal: ratio ≥ 0.5, one run within 5 s. Asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

from harness import ROOT, Row, print_rows, write_json

FIGURE = r"\s+([0-9.]+) s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000, help="claimants (the design target is 100,000)")
    args = parser.parse_args()
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "payroll_run.py"), "--n", str(args.n)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    print(done.stdout, end="")
    if done.returncode != 0:
        print(done.stderr, end="", file=sys.stderr)
        raise SystemExit(done.returncode)
    baseline = float(re.search(r"bare baseline \([0-9,]+ rows\)" + FIGURE, done.stdout).group(1))
    run = float(re.search(r"payroll run" + FIGURE, done.stdout).group(1))
    rows = [Row("B4", f"payroll run, {args.n:,} claimants", "-", f"{run:6.2f} s", f"{baseline:6.2f} s",
                round(baseline / run, 3), {"n": args.n, "run_s": run, "baseline_s": baseline})]
    print_rows(rows)
    write_json("payroll", rows, claimants=args.n)


if __name__ == "__main__":
    main()
