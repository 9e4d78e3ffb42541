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


def markdown(document: dict) -> str:
    """The README's scale table: one row per size, then the cost per journey of each step."""
    lines = ["| journeys asleep | started (that step) | PSS worker / services / server / PostgreSQL | "
             "DB services / temporal / visibility | journey view p50 / p99 (bare p99) | "
             "month boundary, 1,000 bare | ms / KiB PSS / KiB DB per journey of the step |",
             "|---|---|---|---|---|---|---|"]
    curve = {step["journeys"]: step for step in document.get("growth", [])}
    for m in sizes(document):
        mem, db, view, bare, month = (m["memory_pss"], m["database_bytes"], m["journey_view"],
                                      m["journey_view_bare"], m["month_boundary"])
        step = curve.get(m["journeys"], {})
        per = " / ".join(str(step.get(k, "–")) for k in
                         ("start_ms_per_journey", "pss_kib_per_journey", "db_kib_per_journey"))
        lines.append(
            f"| {m['journeys']:,} | {m['step_journeys']:,} in {m['start_s']} s ({m['start_per_s']}/s) | "
            + " / ".join(f"{mem[k] / MIB:.0f}" for k in ("worker", "services", "temporal_server", "postgresql"))
            + " MiB | " + " / ".join(f"{db[k] / MIB:.0f}" for k in ("services", "temporal", "temporal_visibility"))
            + f" MiB | {view['p50_ms']} / {view['p99_ms']} ms ({bare['p99_ms']} ms) | "
            f"{month['seconds']} s ({month['months_per_s']}/s) | {per} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, default=RESULTS / "scale.json")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "scale.png")
    parser.add_argument("--markdown", action="store_true", help="print the README's table instead of drawing")
    args = parser.parse_args()
    document = json.loads(args.json.read_text(encoding="utf-8"))
    if args.markdown:
        print(markdown(document))
        return
    draw(document, args.out)


if __name__ == "__main__":
    main()
