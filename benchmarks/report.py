"""The benchmarks' last figures as one table, read from .tools/bench/*.json (what `make bench`
prints at its end); --markdown for the README's Performance section, --save to keep a copy in
benchmarks/results/ (committed):

    .venv/bin/python benchmarks/report.py
    .venv/bin/python benchmarks/report.py --markdown
"""

from __future__ import annotations

import argparse
import json
import shutil

from harness import RESULTS, ROOT, Row, print_rows

ORDER = ("intake", "journey_start", "month_boundary", "payroll", "status_read", "footprint")
SAVED = ROOT / "benchmarks" / "results"


def rows() -> list[Row]:
    found = []
    for name in ORDER:
        path = RESULTS / f"{name}.json"
        if path.exists():
            found += [Row(**r) for r in json.loads(path.read_text(encoding="utf-8"))["rows"]]
        else:
            print(f"  ({name}: no figures yet, run benchmarks/{name}.py)")
    return found


def markdown(table: list[Row]) -> str:
    lines = ["| bench | what | engine | project | bare baseline | ratio |", "|---|---|---|---|---|---|"]
    for r in table:
        ratio = "–" if r.ratio is None else f"{r.ratio:.2f}"
        project, baseline = (" ".join(s.split()) for s in (r.project, r.baseline))
        lines.append(f"| {r.bench} | {r.what} | {r.engine} | {project} | {baseline} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--save", action="store_true", help="copy the JSON files to benchmarks/results/")
    args = parser.parse_args()
    table = rows()
    print(markdown(table)) if args.markdown else print_rows(table)
    if args.save:
        SAVED.mkdir(exist_ok=True)
        for name in ORDER:
            if (RESULTS / f"{name}.json").exists():
                shutil.copy(RESULTS / f"{name}.json", SAVED / f"{name}.json")


if __name__ == "__main__":
    main()
