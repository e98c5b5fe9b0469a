"""The comparison as a terminal reads it: the key columns only, fitted to 80 columns, the
best value per column in bold, a significant difference in green or red, and the verdict
as a word. `--format csv|json|md` keep every column."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.core.errors import printable
from pipeline.evaluation.compare import Comparison, VersionRow, fixed, short_verdict

VERDICT_STYLES = {"better": "bold green", "worse": "bold red"}


def _best(rows: list[VersionRow], get: Callable[[VersionRow], float | None], lowest: bool) -> float | None:
    values = [v for r in rows if (v := get(r)) is not None]
    if not values:
        return None
    return min(values) if lowest else max(values)


def score_table(comparison: Comparison) -> Table:
    rows = comparison.rows()
    table = Table(box=box.SIMPLE_HEAD, padding=0, pad_edge=False, show_edge=False)
    table.add_column("version", max_width=14, overflow="fold")  # a long version@store label wraps
    for name in ("n", "fail", "F1", "P", "R", "Δ F1", "Δ 95% CI", "verdict", "tok/art", "$/art"):
        table.add_column(name, justify="left" if name == "verdict" else "right", no_wrap=True)
    quality: dict[str, Callable[[VersionRow], float | None]] = {
        "f1": lambda r: r.f1,
        "precision": lambda r: r.precision,
        "recall": lambda r: r.recall,
    }
    best = {name: _best(rows, get, lowest=False) for name, get in quality.items()}
    scored = [r for r in rows if r.n_articles and r.prompt != comparison.baseline]
    cheapest_tokens = _best(scored, lambda r: r.tokens_per_article, lowest=True)
    cheapest_cost = _best(scored, lambda r: r.cost_per_article_usd, lowest=True)

    def cell(value: float | None, text: str, target: float | None) -> Text:
        return Text(text, style="bold" if value is not None and value == target else "")

    for r in rows:
        word = short_verdict(r.verdict)
        baseline = word == "baseline"
        interval = (
            f"{fixed(r.f1_delta_low, 2, sign=True)}…{fixed(r.f1_delta_high, 2, sign=True)}"
            if r.f1_delta_low is not None
            else ""
        )
        tokens = "–" if r.tokens_per_article is None else f"{r.tokens_per_article:,.0f}"
        cost = "–" if r.cost_per_article_usd is None else f"{r.cost_per_article_usd:.4f}"
        table.add_row(
            Text(printable(r.prompt)),
            str(r.n_articles),
            str(r.failures),
            cell(r.f1, fixed(r.f1), best["f1"]),
            cell(r.precision, fixed(r.precision, 2), best["precision"]),
            cell(r.recall, fixed(r.recall, 2), best["recall"]),
            Text("" if baseline else fixed(r.f1_delta, 2, sign=True), style=VERDICT_STYLES.get(word, "")),
            interval,
            Text(word if r.n_articles else "no answers", style=VERDICT_STYLES.get(word, "")),
            cell(r.tokens_per_article, tokens, None if baseline else cheapest_tokens),
            cell(r.cost_per_article_usd, cost, None if baseline else cheapest_cost),
        )
    return table


def slice_table(comparison: Comparison) -> Table | None:
    """Strict F1 per version by article kind and by metric x change."""
    if not comparison.slices:
        return None
    versions = [r.version for r in comparison.results]
    table = Table(title="strict F1 by slice", box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False)
    table.add_column("slice", max_width=32, overflow="ellipsis", no_wrap=True)
    for version in versions:
        table.add_column(Text(printable(version)), justify="right", no_wrap=True)
    cells: dict[tuple[str, str], dict[str, float]] = {}
    for row in comparison.slices:
        cells.setdefault((row.slice, row.value), {})[row.prompt] = row.f1
    for (name, value), by_version in sorted(cells.items()):
        label = f"{value}" if name == "metric x change" else f"{name}: {value}"
        table.add_row(Text(printable(label)), *(fixed(by_version.get(v), 2) for v in versions))
    return table


def coverage_lines(comparison: Comparison) -> list[str]:
    """What each row stands on, and why an inconclusive verdict is one; the ids of
    unrecorded articles are in the md and json formats."""
    lines = []
    for result in comparison.results:
        line = f"{result.version}: {len(result.article_ids)} article(s)"
        if (shared := comparison.shared.get(result.version)) is not None:
            line += f", {len(shared)} shared with {comparison.baseline}"
        if result.not_recorded:
            line += f", {len(result.not_recorded)} not recorded"
        interval = comparison.intervals.get(result.version)
        if result.article_ids and interval and short_verdict(interval.verdict) == "inconclusive":
            line += f"; {interval.verdict}"
        lines.append(line)
    return lines


def render_terminal(comparisons: Sequence[Comparison], width: int = 80, colour: bool = False) -> str:
    """Every split's tables and diff, as text of at most `width` columns (ANSI when colour)."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=colour, no_color=not colour, highlight=False)
    for comparison in comparisons:
        console.rule(Text(printable(f"split: {comparison.split} · baseline {comparison.baseline}")))
        console.print(score_table(comparison))
        for line in coverage_lines(comparison):
            console.print(Text(printable(line)), overflow="fold")
        slices = slice_table(comparison)
        if slices is not None:
            console.print(slices)
        # article and gold text is data, never markup ("[/note]", "[link=...]") nor a terminal
        # command (an escape sequence): it prints as written, its control characters spelled out
        diff = "\n".join(printable(line) for line in comparison.diff_text(markdown=False).split("\n"))
        console.print(Text(diff), overflow="fold")
    return out.getvalue().rstrip() + "\n"
