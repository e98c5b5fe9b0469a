"""A self-contained HTML report for a corpus: the score table, charts, an articles x
versions heat table, the per-observation diff, and one article at a time with every gold
and predicted figure highlighted by its outcome.

Nothing is fetched, so the page opens offline from a file. Each article's text is stored
once, in a JSON block, with the outcomes as character offsets; the page's script builds
the highlighted article from them with DOM text nodes, so article text is never parsed
as markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from pipeline.core.schema import Observation
from pipeline.evaluation.compare import Comparison, VersionRow, fact_of, fixed, short_verdict
from pipeline.io.gold import GoldSet
from pipeline.numbers.figures import Figure, find_figures
from pipeline.numbers.grounding import ground
from pipeline.scoring.match import Outcome, Pair
from pipeline.scoring.metrics import count

COLOURS = {
    Outcome.CORRECT: "#b7e4c7",
    Outcome.INCORRECT: "#ffd6a5",
    Outcome.MISSING: "#ffadad",
    Outcome.SPURIOUS: "#d0bdf4",
    Outcome.OPTIONAL: "#e0e0e0",
}
DETAIL_COLUMNS = [
    "prompt", "prompt_hash", "model", "source", "n_articles", "not_recorded", "failures", "f1", "f1_low",
    "f1_high", "precision", "recall", "lenient_f1", "grounded_rate", "correct", "incorrect", "spurious",
    "missing", "n_gold", "n_predicted", "tokens_per_article", "cost_per_article_usd", "retries", "f1_delta",
    "f1_delta_low", "f1_delta_high", "ci_unit", "verdict",
]  # fmt: skip


def describe(o: Observation) -> str:
    return f"{fact_of(o)} = {o.value:g} {o.unit} ({o.qualifier})"


def _span(observation: Observation, text: str, figures: list[Figure]) -> tuple[int, int] | None:
    figure = ground(observation, text, figures).figure
    return (figure.start, figure.end) if figure is not None else None


def _gold_key(o: Observation) -> str:
    return f"{describe(o)}|{o.evidence}"


class _ArticleData:
    """One article's text, its gold figures (once), and each version's outcomes on them."""

    def __init__(self, article_id: str, gold: GoldSet) -> None:
        article = gold.articles[article_id]
        self.id, self.text = article_id, article.text
        self.figures = find_figures(article.text)
        self.gold: list[tuple[str, Observation, tuple[int, int] | None]] = []
        self.index: dict[str, int] = {}
        self.meta = {"split": article.split or "", "kind": article.kind or "", "text": article.text}
        for observation in gold.comparable(article_id):  # listed even where no version answered
            self.gold_index(observation)

    def gold_index(self, observation: Observation) -> int:
        key = _gold_key(observation)
        if key not in self.index:
            self.index[key] = len(self.gold)
            self.gold.append((key, observation, _span(observation, self.text, self.figures)))
        return self.index[key]

    def cell(self, pairs: list[Pair], lost: int) -> dict[str, Any]:
        """A version's outcomes here: per gold figure, and predictions that match no gold."""
        counts = count(pairs)
        outcomes: dict[int, str] = {}
        predicted, unplaced = [], []
        for pair in pairs:
            if pair.gold is not None:
                outcomes[self.gold_index(pair.gold)] = str(pair.outcome)
            if pair.pred is None or pair.outcome == Outcome.CORRECT:
                continue  # a correct prediction sits on its gold figure
            span = _span(pair.pred, self.text, self.figures)
            if span is None:
                unplaced.append(f"{pair.outcome}: {describe(pair.pred)}; evidence “{pair.pred.evidence}”")
            else:
                errors = f" ({', '.join(pair.errors)})" if pair.errors else ""
                predicted.append([*span, str(pair.outcome), describe(pair.pred) + errors])
        return {
            "f1": round(counts.f1, 4),
            "counts": [counts.correct, counts.incorrect, counts.missing, counts.spurious],
            "lost": lost,
            "gold": outcomes,
            "pred": predicted,
            "unplaced": unplaced,
        }

    def as_json(self) -> dict[str, Any]:
        return {**self.meta, "gold": [[*(span or (-1, -1)), describe(o)] for _, o, span in self.gold]}


def report_data(comparisons: Sequence[Comparison], gold: GoldSet) -> dict[str, Any]:
    """Everything the page's script needs, each article's text once."""
    articles: dict[str, _ArticleData] = {}
    cells: dict[str, dict[str, Any]] = {}
    for comparison in comparisons:
        for result in comparison.results:
            lost = _lost_by_article(comparison, result.version)
            for article_id in result.article_ids:
                data = articles.setdefault(article_id, _ArticleData(article_id, gold))
                pairs = [p for p in result.report.strict if p.article_id == article_id]
                cells.setdefault(result.version, {})[article_id] = data.cell(pairs, lost.get(article_id, 0))
    return {
        "baseline": comparisons[0].baseline if comparisons else "",
        "versions": [r.version for r in comparisons[0].results] if comparisons else [],
        "articles": {i: a.as_json() for i, a in sorted(articles.items())},
        "cells": cells,
    }


def _best_candidate(rows: list[VersionRow], baseline: str) -> str:
    """The version the filters start on: the best-scoring one that is not the baseline."""
    scored = [r for r in rows if r.prompt != baseline and r.f1 is not None]
    return max(scored, key=lambda r: r.f1 or 0.0).prompt if scored else ""


def _lost_by_article(comparison: Comparison, version: str) -> dict[str, int]:
    diff = comparison.diffs.get(version)
    lost: dict[str, int] = {}
    for row in diff.newly_wrong if diff else []:
        lost[row.article_id] = lost.get(row.article_id, 0) + 1
    return lost


def _value(value: float) -> str:
    """Whole amounts with thousands separators (33,770,000,000), others as written (9.7)."""
    return f"{value:,.0f}" if abs(value) >= 1e4 and value == int(value) else f"{value:g}"


def _summary_table(rows: list[VersionRow]) -> str:
    best = max((r.f1 for r in rows if r.f1 is not None), default=None)
    head = (
        "<tr><th>version</th><th>articles</th><th>F1 [95% CI]</th><th>P</th><th>R</th>"
        "<th>Δ F1 vs baseline [95% CI]</th>"
        "<th>verdict</th><th>grounded</th><th>$ / article</th><th>tokens / article</th></tr>"
    )
    body = []
    for r in rows:
        f1 = f"{fixed(r.f1)} <small>[{fixed(r.f1_low)}, {fixed(r.f1_high)}]</small>"
        if r.f1 is not None and r.f1 == best:
            f1 = f"<b>{f1}</b>"
        interval = f"[{fixed(r.f1_delta_low, sign=True)}, {fixed(r.f1_delta_high, sign=True)}]"
        delta = "" if r.verdict == "baseline" else f"{fixed(r.f1_delta, sign=True)} <small>{interval}</small>"
        word = short_verdict(r.verdict)
        cost = "–" if r.cost_per_article_usd is None else f"{r.cost_per_article_usd:.4f}"
        tokens = "–" if r.tokens_per_article is None else f"{r.tokens_per_article:,.0f}"
        body.append(
            f'<tr><th scope="row">{html.escape(r.prompt)}</th><td>{r.n_articles}</td><td>{f1}</td>'
            f"<td>{fixed(r.precision)}</td><td>{fixed(r.recall)}</td><td>{delta}</td>"
            f'<td class="v-{word}" title="{html.escape(r.verdict or "")}">{word}</td>'
            f"<td>{fixed(r.grounded_rate)}</td><td>{cost}</td><td>{tokens}</td></tr>"
        )
    return f'<table class="summary">{head}{"".join(body)}</table>'


def _detail_table(rows: list[VersionRow]) -> str:
    flat = [r.columns() for r in rows]
    columns = DETAIL_COLUMNS + sorted({k for row in flat for k in row if k.startswith(("acc_", "err_"))})
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.4f}"
        return html.escape("" if value is None else str(value))

    body = "".join(
        "<tr>" + "".join(f"<td>{cell(row.get(c))}</td>" for c in columns) + "</tr>" for row in flat
    )
    return f'<div class="scroll"><table class="details"><tr>{head}</tr>{body}</table></div>'


def bar_chart(title: str, bars: Sequence[tuple[str, float, float | None, float | None]], top: float) -> str:
    """Horizontal bars: label column on the left, bar, optional interval whisker, and the
    value written after whichever ends further right, so labels never sit on a whisker."""
    label_w, width, row_h = 110, 330, 20
    scale = (width - label_w - 60) / (top or 1)
    height = row_h * len(bars) + 28
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}"><text x="0" y="13" font-size="12" font-weight="bold">'
             f"{html.escape(title)}</text>"]  # fmt: skip
    for i, (label, value, low, high) in enumerate(bars):
        y = 22 + i * row_h
        end = label_w + value * scale
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 12}" font-size="11" text-anchor="end">'
            f"{html.escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 2}" width="{value * scale:.1f}" height="{row_h - 6}" '
            'fill="#6c9bd2"/>'
        )
        if low is not None and high is not None:
            parts.append(f'<line x1="{label_w + low * scale:.1f}" x2="{label_w + high * scale:.1f}" '
                         f'y1="{y + 9}" y2="{y + 9}" stroke="#222" stroke-width="2"/>')  # fmt: skip
            end = max(end, label_w + high * scale)
        text = f"{value:.3f}" if top <= 1 else f"{value:g}"
        parts.append(f'<text x="{end + 5:.1f}" y="{y + 12}" font-size="11">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _charts(rows: list[VersionRow]) -> str:
    scored = [r for r in rows if r.f1 is not None]
    f1 = bar_chart(
        "strict F1, 95% interval", [(r.prompt, r.f1 or 0.0, r.f1_low, r.f1_high) for r in scored], 1
    )
    charts = [f1]
    top = max((n for r in scored for n in r.errors.values()), default=1) or 1
    for r in scored:
        errors = [(name, float(n), None, None) for name, n in r.errors.items() if n]
        if errors:
            charts.append(bar_chart(f"{r.prompt}: errors by type", errors, top))
        accuracy = [(field, a, None, None) for field, a in r.accuracy.items() if a is not None]
        if accuracy:
            charts.append(bar_chart(f"{r.prompt}: per-field accuracy", accuracy, 1))
    return "".join(f'<div class="chart">{c}</div>' for c in charts)


def _heat_table(data: dict[str, Any]) -> str:
    versions = data["versions"]
    head = "<tr><th>article</th><th>split</th><th>kind</th>" + "".join(
        f"<th>{html.escape(v)}</th>" for v in versions
    ) + "</tr>"  # fmt: skip
    rows = []
    for article_id, article in data["articles"].items():
        cells = []
        for version in versions:
            cell = data["cells"].get(version, {}).get(article_id)
            if cell is None:
                cells.append('<td class="na" title="no answer recorded">–</td>')
                continue
            c, i, m, s = cell["counts"]
            tip = f"{version} · {article_id}: correct {c}, incorrect {i}, missing {m}, spurious {s}"
            if cell["lost"]:
                tip += f"; {cell['lost']} newly wrong vs {data['baseline']}"
            hue = round(120 * cell["f1"])
            cells.append(
                f'<td class="cell" tabindex="0" data-version="{html.escape(version)}" '
                f'data-article="{html.escape(article_id)}" style="background:hsl({hue},65%,80%)" '
                f'title="{html.escape(tip)}">{cell["f1"]:.2f}</td>'
            )
        rows.append(
            f'<tr data-article="{html.escape(article_id)}" data-split="{html.escape(article["split"])}" '
            f'data-kind="{html.escape(article["kind"])}"><th scope="row">{html.escape(article_id)}</th>'
            f"<td>{html.escape(article['split'])}</td><td>{html.escape(article['kind'])}</td>"
            f"{''.join(cells)}</tr>"
        )
    return f'<table id="heat">{head}{"".join(rows)}</table>'


def _diff_table(comparisons: Sequence[Comparison]) -> str:
    head = (
        "<thead><tr><th>version</th><th>article</th><th>key</th><th>gold value</th>"
        "<th>baseline → candidate</th><th>evidence</th></tr></thead>"
    )
    rows = []
    for comparison in comparisons:
        for version, diff in comparison.diffs.items():
            for label, diff_rows in (("gained", diff.newly_correct), ("lost", diff.newly_wrong)):
                for r in diff_rows:
                    rows.append(
                        f'<tr class="{label}" data-article="{html.escape(r.article_id)}" '
                        f'data-version="{html.escape(version)}"><td>{html.escape(version)}</td>'
                        f"<td>{html.escape(r.article_id)}</td><td>{html.escape(r.fact)}</td>"
                        f'<td data-sort="{r.value}">{_value(r.value)} {html.escape(r.unit)}</td>'
                        f"<td>{html.escape(r.baseline)} → {html.escape(r.candidate)}</td>"
                        f"<td>{html.escape(r.evidence)}</td></tr>"
                    )
    return f'<table id="diff" class="sortable">{head}<tbody>{"".join(rows)}</tbody></table>'


def _options(values: list[str], everything: str) -> str:
    return f'<option value="">{everything}</option>' + "".join(
        f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values
    )


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a script element: no '</' can close it, whatever an article says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return resources.files("pipeline.evaluation").joinpath(f"assets/{name}").read_text(encoding="utf-8")


def render_html(comparisons: Sequence[Comparison], gold: GoldSet) -> str:
    data = report_data(comparisons, gold)
    splits_rows = [(c.split, c.rows()) for c in comparisons]  # each version's row, computed once
    data["candidate"] = _best_candidate(splits_rows[0][1], data["baseline"]) if splits_rows else ""
    versions = data["versions"]
    candidates = [v for v in versions if v != data["baseline"]]
    splits = sorted({a["split"] for a in data["articles"].values() if a["split"]})
    kinds = sorted({a["kind"] for a in data["articles"].values() if a["kind"]})
    summaries = "".join(
        f"<h3>split: {html.escape(split)}</h3>{_summary_table(rows)}"
        f"<details><summary>all columns</summary>{_detail_table(rows)}</details>"
        for split, rows in splits_rows
    )
    charts = "".join(f"<h3>split: {html.escape(split)}</h3>{_charts(rows)}" for split, rows in splits_rows)
    legend = "".join(f'<span class="o-{o}">{o}</span>' for o in COLOURS)
    css = _asset("report.css") + "".join(f".o-{o} {{ background: {c}; }}\n" for o, c in COLOURS.items())
    filters = (
        '<div id="filters">'
        f'<label>split <select id="f-split">{_options(splits, "all")}</select></label>'
        f'<label>kind <select id="f-kind">{_options(kinds, "all")}</select></label>'
        f'<label>candidate <select id="f-candidate">{_options(candidates, "—")}</select></label>'
        '<label><input type="checkbox" id="f-lost"> only where the candidate lost something</label>'
        '<label>search <input type="search" id="f-text" placeholder="words in the article"></label>'
        '<span id="f-count"></span></div>'
    )
    panel = (
        '<section id="panel" hidden><h2 id="panel-title"></h2>'
        '<label>version <select id="panel-version"></select></label>'
        f'<p class="legend">{legend}</p><div id="panel-counts"></div>'
        '<div id="panel-text" class="article"></div><ul id="panel-unplaced"></ul></section>'
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'><title>tradex comparison</title>"
        f"<style>{css}</style></head><body>"
        f"<h1>Prompt comparison <small>baseline {html.escape(data['baseline'])}</small></h1>"
        f"<h2>Scores</h2>{summaries}"
        f"<h2>Charts</h2><div class='charts'>{charts}</div>"
        f"<h2>Articles × versions: strict F1</h2>{filters}{_heat_table(data)}{panel}"
        f"<h2>Per-observation diff vs the baseline</h2>{_diff_table(comparisons)}"
        f'<script type="application/json" id="report-data">{_script_json(data)}</script>'
        f"<script>{_asset('report.js')}</script></body></html>"
    )
