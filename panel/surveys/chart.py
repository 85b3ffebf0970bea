"""A survey's results as one PNG: a bar chart of shares per choice and scale question, medians
in the titles; suppressed cells are left out and said so. Reads only :class:`Results`."""
from __future__ import annotations

from pathlib import Path

from .results import ALL, MEDIAN, Results


def write_chart(path: Path, results: Results, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    questions = sorted({c.question for c in results.cells if c.kind in ("choice", "scale", "number")})
    fig, axes = plt.subplots(max(1, len(questions)), 1, figsize=(9, 1.2 + 2.2 * max(1, len(questions))),
                             squeeze=False)
    for ax, number in zip(axes[:, 0], questions):
        cells = [c for c in results.cells if c.question == number]
        total = next(c for c in cells if c.option == ALL)
        median = next((c.median for c in cells if c.option == MEDIAN), None)
        bars = [c for c in cells if c.option not in (ALL, MEDIAN)]
        heading = f"{number}. {total.label}"[:90]
        if total.panelists is None:
            ax.text(0.5, 0.5, f"suppressed: fewer than {results.k} panelists answered", ha="center", va="center",
                    transform=ax.transAxes)
        else:
            heading += f"  (n = {total.panelists}" + (f", median {median}" if median is not None else "") + ")"
            shown = [c for c in bars if c.share is not None]
            ax.barh([f"{c.option}  {c.label}"[:40] for c in shown], [float(c.share) for c in shown], color="#4477aa")
            ax.set_xlim(0, 1)
            ax.invert_yaxis()
            if len(shown) < len(bars):
                ax.text(1.0, -0.02, f"{len(bars) - len(shown)} option(s) suppressed (fewer than {results.k})",
                        ha="right", va="top", fontsize=8, transform=ax.transAxes)
        ax.set_title(heading, loc="left", fontsize=10)
    if not questions:
        axes[0, 0].text(0.5, 0.5, "no question to chart", ha="center", va="center")
    fig.suptitle(f"{title} [{results.survey_id}]: share of panelists per answer")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
