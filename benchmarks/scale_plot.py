"""The scale curve as an image, drawn from the scale run's JSON (benchmarks/scale.py):

    .venv/bin/python benchmarks/scale_plot.py                    # .tools/bench/scale.json
    .venv/bin/python benchmarks/scale_plot.py --json benchmarks/results/scale.json --out x.png

Four panels against the journeys held: their start rate beside the month boundary of the bare
month workflows (per second), the memory (PSS) of what holds them, the databases' sizes, and the
journey view's p99 beside its bare baseline. Writes benchmarks/results/scale.png by default (the README's).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: files only
import matplotlib.pyplot as plt  # noqa: E402

from harness import RESULTS, ROOT  # noqa: E402

MIB = 1024 * 1024


def sizes(document: dict) -> list[dict]:
    return [row["detail"] for row in document["rows"]]


def panel(ax, xs: list[int], series: dict[str, list[float]], title: str, unit: str) -> None:  # noqa: ANN001
    for label, ys in series.items():
        ax.plot(xs, ys, marker="o", label=label)
    ax.set_xscale("log")
    ax.set_xticks(xs, [f"{x:,}" for x in xs])
    ax.minorticks_off()
    ax.set_title(title)
    ax.set_ylabel(unit)
    ax.set_xlabel("journeys asleep")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small")


def draw(document: dict, out: Path) -> None:
    measured = sizes(document)
    xs = [m["journeys"] for m in measured]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8), constrained_layout=True)
    panel(axes[0][0], xs, {
        "journeys started (POST → waiting in review)": [m["start_per_s"] for m in measured],
        "month boundary, bare timer + 2 activities": [m["month_boundary"]["months_per_s"] for m in measured],
    }, "Throughput", "per second")
    components = measured[0]["memory_pss"].keys()
    panel(axes[0][1], xs, {c: [m["memory_pss"][c] / MIB for m in measured] for c in components},
          "Memory held (PSS)", "MiB")
    databases = measured[0]["database_bytes"].keys()
    panel(axes[1][0], xs, {d: [m["database_bytes"][d] / MIB for m in measured] for d in databases},
          "Database size", "MiB")
    panel(axes[1][1], xs, {
        "journey view p99 (ms)": [m["journey_view"]["p99_ms"] for m in measured],
        "bare SELECT p99 (ms)": [m["journey_view_bare"]["p99_ms"] for m in measured],
    }, "Journey view while they sleep (c=8)", "ms")
    fig.suptitle(f"Scale run on the server engine ({document['cores']} cores, {document['measured_at']})")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=90)
    print(f"  → {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, default=RESULTS / "scale.json")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "scale.png")
    args = parser.parse_args()
    draw(json.loads(args.json.read_text(encoding="utf-8")), args.out)


if __name__ == "__main__":
    main()
