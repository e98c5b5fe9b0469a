"""A self-contained HTML report: the score table, an F1 chart with intervals (inline SVG),
and each article with every gold and predicted figure highlighted by its outcome.
No scripts, fonts or styles are fetched, so it opens offline."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from pipeline.core.schema import Observation
from pipeline.evaluation.compare import Comparison
from pipeline.io.gold import GoldSet
from pipeline.numbers.figures import find_figures
from pipeline.numbers.grounding import ground
from pipeline.scoring.match import Outcome, Pair

# when one figure carries several pairs, the mark shows the most telling outcome
PRIORITY = [Outcome.SPURIOUS, Outcome.INCORRECT, Outcome.MISSING, Outcome.CORRECT, Outcome.OPTIONAL]
COLOURS = {
    Outcome.CORRECT: "#b7e4c7",
    Outcome.INCORRECT: "#ffd6a5",
    Outcome.MISSING: "#ffadad",
    Outcome.SPURIOUS: "#d0bdf4",
    Outcome.OPTIONAL: "#e0e0e0",
}
TABLE_COLUMNS = [
    "prompt", "source", "n_articles", "failures", "f1", "f1_low", "f1_high", "precision", "recall",
    "lenient_f1", "grounded_rate", "correct", "incorrect", "spurious", "missing",
    "tokens_per_article", "cost_per_article_usd", "f1_delta", "f1_delta_low", "f1_delta_high",
    "verdict",
]  # fmt: skip


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    outcome: Outcome
    role: str  # "gold" or "predicted"
    observation: Observation


def _describe(o: Observation) -> str:
    status = None if o.status == "actual" else o.status
    parts = [
        o.entity,
        o.metric,
        o.change,
        o.base_period,
        o.flow,
        o.product,
        o.segment,
        o.partner,
        o.period,
        status,
    ]
    return f"{' / '.join(p for p in parts if p)} = {o.value:g} {o.unit} ({o.qualifier})"


def marks_for(pairs: list[Pair], text: str) -> tuple[list[Mark], list[Pair]]:
    """Marks at the figure each observation grounds to, and pairs whose prediction does not."""
    marks: list[Mark] = []
    unplaced: list[Pair] = []
    figures = find_figures(text)
    for pair in pairs:
        for role, observation in (("gold", pair.gold), ("predicted", pair.pred)):
            if observation is None:
                continue
            figure = ground(observation, text, figures).figure
            if figure is None:
                unplaced.append(pair)
                continue
            marks.append(Mark(figure.start, figure.end, pair.outcome, role, observation))
    return marks, unplaced


def highlighted(text: str, marks: list[Mark], version: str, article_id: str) -> str:
    by_span: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for mark in marks:
        by_span[(mark.start, mark.end)].append(mark)
    out, cursor = [], 0
    for (start, end), group in sorted(by_span.items()):
        outcomes = sorted({m.outcome for m in group}, key=PRIORITY.index)
        title = "&#10;".join(
            html.escape(f"{m.role} [{m.outcome}]: {_describe(m.observation)}") for m in group
        )
        out.append(_paragraphs(text[cursor:start]))
        out.append(
            f'<mark class="o-{outcomes[0]}" data-version="{html.escape(version)}" '
            f'data-article="{html.escape(article_id)}" data-outcome="{outcomes[0]}" '
            f'data-outcomes="{" ".join(outcomes)}" title="{title}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        cursor = end
    out.append(_paragraphs(text[cursor:]))
    return "".join(out)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n", "<br>\n")


def f1_chart(comparison: Comparison) -> str:
    """Horizontal bars of F1 per version with their bootstrap interval, as inline SVG."""
    rows = comparison.table().to_dict(orient="records")
    width, bar_h, left = 520, 26, 90
    height = bar_h * len(rows) + 40
    scale = width - left - 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="F1 per prompt version with 95% interval">']  # fmt: skip
    for i, row in enumerate(rows):
        y = 10 + i * bar_h
        f1, low, high = row["f1"], row["f1_low"], row["f1_high"]
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{html.escape(str(row["prompt"]))}</text>')
        parts.append(
            f'<rect class="bar" data-prompt="{html.escape(str(row["prompt"]))}" data-f1="{f1:.4f}" '
            f'x="{left}" y="{y + 3}" width="{f1 * scale:.1f}" height="{bar_h - 8}" fill="#6c9bd2"/>'
        )
        parts.append(
            f'<line x1="{left + low * scale:.1f}" x2="{left + high * scale:.1f}" y1="{y + 13}" '
            f'y2="{y + 13}" stroke="#222" stroke-width="2"/>'
        )
        parts.append(f'<text x="{left + f1 * scale + 6:.1f}" y="{y + 16}" font-size="11">{f1:.3f}</text>')
    axis_y = 10 + len(rows) * bar_h + 14
    parts.append(f'<text x="{left}" y="{axis_y}" font-size="11">0</text>')
    parts.append(f'<text x="{left + scale - 8}" y="{axis_y}" font-size="11">1</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; line-height: 1.5; }
table { border-collapse: collapse; font-size: 12px; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
mark { padding: 0 2px; border-radius: 3px; cursor: help; }
.article { border: 1px solid #ddd; padding: 1em; margin-bottom: 1.5em; }
.legend span { padding: 0 6px; margin-right: 6px; border-radius: 3px; }
""" + "".join(f".o-{o} {{ background: {c}; }}\n" for o, c in COLOURS.items())


def render_html(comparison: Comparison, gold: GoldSet) -> str:
    table = comparison.table()
    columns = [c for c in TABLE_COLUMNS if c in table.columns]
    sections = []
    for result in comparison.results:
        for article_id in result.article_ids:
            pairs = [p for p in result.report.strict if p.article_id == article_id]
            text = gold.articles[article_id].text
            marks, unplaced = marks_for(pairs, text)
            notes = "".join(
                f"<li>{p.outcome}: {html.escape(_describe(p.pred))} — evidence "
                f"&ldquo;{html.escape(p.pred.evidence)}&rdquo; not found in the article</li>"
                for p in unplaced
                if p.pred is not None
            )
            sections.append(
                f'<section class="article" id="{html.escape(result.version)}-{html.escape(article_id)}">'
                f"<h3>{html.escape(result.version)} · {html.escape(article_id)}</h3>"
                f"<p>{highlighted(text, marks, result.version, article_id)}</p>"
                + (f"<h4>Predictions that point at no figure</h4><ul>{notes}</ul>" if notes else "")
                + "</section>"
            )
    legend = "".join(f'<span class="o-{o}">{o}</span>' for o in COLOURS)
    diff = html.escape(comparison.diff_text(markdown=False))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>tradex comparison</title>"
        f"<style>{CSS}</style></head><body>"
        f"<h1>Prompt comparison (baseline {html.escape(comparison.baseline)})</h1>"
        f"{table[columns].to_html(index=False, float_format=lambda v: f'{v:.3f}', na_rep='')}"
        f"<h2>F1 per version, 95% bootstrap interval</h2>{f1_chart(comparison)}"
        f"<p>{html.escape(' '.join(f'{v}: {i.verdict}.' for v, i in comparison.intervals.items()))}</p>"
        f"<h2>Per-observation diff</h2><pre>{diff}</pre>"
        f'<h2>Articles</h2><p class="legend">{legend}</p>{"".join(sections)}'
        "</body></html>"
    )
