"""The rules baseline: observations from the figure finder and a transparent set of cue-word
rules. No model, no network, deterministic; the baseline row of every score table and the
fallback for articles that have no recorded responses.

The rules, in order:
- entity: the first named entity of the sentence, else of the paragraph, else the last one
  seen ("South China's" style descriptors are skipped; only capitalised aliases count);
- metric from the figure's unit and cue words (accounting for -> share, contributed ->
  contribution, enterprises -> enterprise count, countries/economies -> partner count);
- flow from the nearest export/import/trade cue before the figure in its clause;
- product from a quoted name, "exports of X", or "X products" in the sentence, and for a
  "respectively" list the n-th item of the list before it;
- period: the article's most frequent year (with H1/Q cues in the sentence).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.articles import Article
from pipeline.entities import names
from pipeline.extractor import ArticleResult, Usage, output_row
from pipeline.figures import Figure, find_figures
from pipeline.normalize import fold_label
from pipeline.records import parse_observation
from pipeline.schema import Change, Flow, Metric, Observation

RULES_VERSION = "rules"
RULES_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])")
_REGIONAL = re.compile(
    r"\b(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|Central) China's "
)
_CLAUSE = re.compile(r"[;:]|,\s|\swhile\s|\swhereas\s|\sbut\s|\s-\s|\s—\s")
_FLOW_CUES = re.compile(
    r"import(?:s)? and export(?:s)?|import-export|export(?:s|ed|ing)?|import(?:s|ed|ing)?|trade|trading",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(20\d\d)\b")
_HALF = re.compile(r"\bfirst half\b|\bH1\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"”]{2,40})[\"”]")
_EXPORTS_OF = re.compile(r"\b(?:exports|imports|trade) of (?:the [\w-]+'s )?(.+)$", re.IGNORECASE)
_PRODUCTS = re.compile(r"\b([A-Z][a-z]+(?:[ -][a-z]+)?) products\b")
_PARTNER_CUE = re.compile(r"\b(?:with|to|from)\s+(?:the\s+)?$")
_LIST_VERB = re.compile(
    r"\b(?:rose|rise|increased|grew|jumped|surged|climbed|fell|declined|dropped|saw|posted|recorded|reached)\b"
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str
    name: str


def _mentions(text: str) -> list[Mention]:
    """Entity mentions by capitalised registry alias, longest first, never overlapping."""
    masked = _REGIONAL.sub(lambda m: " " * len(m.group(0)), text)
    found: list[Mention] = []
    for alias, entity_id in names():
        if not alias[:1].isupper():
            continue
        for match in re.finditer(rf"\b{re.escape(alias)}\b", masked):
            if any(match.start() < m.end and m.start < match.end() for m in found):
                continue
            found.append(Mention(match.start(), match.end(), entity_id, match.group(0)))
    return sorted(found, key=lambda m: m.start)


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence."""
    out = []
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        for start, end in _spans(paragraph, _SENTENCE_END):
            out.append((offset + start, offset + end, number))
        offset += len(paragraph) + 1
    return out


def _period(text: str, sentence: str) -> str:
    """The article's most frequent year; first-half when the sentence, or the first
    sentence that names that year, says so."""
    years = Counter(_YEAR.findall(text))
    year = years.most_common(1)[0][0] if years else "2025"
    first = next((text[s:e] for s, e, _ in _sentences(text) if year in text[s:e]), "")
    return f"{year}-H1" if _HALF.search(sentence) or _HALF.search(first) else year


def _clause_before(sentence: str, position: int) -> str:
    head = sentence[:position]
    breaks = list(_CLAUSE.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def _flow(sentence: str, position: int) -> Flow:
    for window in (_clause_before(sentence, position), sentence[:position]):
        cues = _FLOW_CUES.findall(window)
        if cues:
            cue = cues[-1].lower()
            if "import" in cue and "export" in cue:
                return Flow.TOTAL
            if cue.startswith("export"):
                return Flow.EXPORT
            if cue.startswith("import"):
                return Flow.IMPORT
            return Flow.TOTAL
    return Flow.TOTAL


def _product(sentence: str, position: int) -> str | None:
    head = sentence[:position]
    quoted = _QUOTED.findall(head)
    if quoted:
        return fold_label(quoted[-1])
    products = _PRODUCTS.findall(head)
    if products:
        return fold_label(f"{products[-1]} products")
    return None


def _list_items(sentence: str, first_figure: int, size: int) -> list[str] | None:
    """The items a "respectively" list of `size` figures distributes over."""
    head = sentence[:first_figure]
    verbs = list(_LIST_VERB.finditer(head))
    subject = head[: verbs[-1].start()] if verbs else head
    subject = subject.split(":")[-1]
    if (match := _EXPORTS_OF.search(subject)) is not None:
        subject = match.group(1)
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?", subject) if i.strip()]
    if len(items) < size and items and " and " in items[-1]:
        items = items[:-1] + [p.strip() for p in items[-1].split(" and ")]
    items = [re.sub(r"^(?:along with|as well as|and)\s+", "", i) for i in items]
    if len(items) != size:
        return None
    return [fold_label(quoted[0] if (quoted := _QUOTED.findall(i)) else i) or i for i in items]


@dataclass
class _Context:
    article: Article
    sentence: str
    start: int
    entity: Mention
    segment: str | None
    partners: list[Mention]

    def partner_before(self, figure: Figure) -> str | None:
        before = [p for p in self.partners if p.end <= figure.start]
        return before[-1].entity if before else None


def _observation(ctx: _Context, figure: Figure, **fields: Any) -> Observation | None:
    record = {
        "article_id": ctx.article.id,
        "entity": ctx.entity.entity,
        "entity_name": ctx.entity.name,
        "segment": ctx.segment,
        "partner": ctx.partner_before(figure),
        "value": figure.value,
        "unit": figure.unit or "count",
        "qualifier": figure.qualifier,
        "period": _period(ctx.article.text, ctx.sentence),
        "evidence": ctx.sentence,
        **fields,
    }
    try:
        return parse_observation(record)
    except Exception:  # a combination the rules cannot type: leave the figure out
        return None


def _figure_fields(ctx: _Context, figure: Figure) -> dict[str, Any] | None:
    """Metric, flow and product for one figure from the cue words around it."""
    at = figure.start - ctx.start
    before, after = ctx.sentence[:at].lower(), ctx.sentence[figure.end - ctx.start :].lower()
    unit = figure.unit
    if unit == "rank":
        return {"metric": Metric.RANK, "flow": Flow.TOTAL}
    if unit == "years":
        return {"metric": Metric.STREAK, "flow": None}
    if unit == "count" or (unit is None and "enterprise" in before):
        if "enterprise" in _clause_before(ctx.sentence, at).lower() or "enterprise" in before[-120:]:
            return {"metric": Metric.ENTERPRISE_COUNT, "flow": None}
        if re.match(r"\s*(?:countries|economies|trading partners|partners|of them)", after):
            return {"metric": Metric.PARTNER_COUNT, "flow": None}
        return None
    product = _product(ctx.sentence, at)
    if unit in ("percent", "percentage_point"):
        clause = _clause_before(ctx.sentence, at).lower()
        if (
            re.search(r"account(?:ing|ed|s)? for\s+(?:more than\s+|about\s+|nearly\s+)?$", before)
            or "share" in clause
        ):
            return {"metric": Metric.SHARE_OF_TOTAL, "flow": Flow.TOTAL, "product": product}
        if "contribut" in clause:
            return {"metric": Metric.CONTRIBUTION_TO_GROWTH, "flow": Flow.TOTAL, "product": product}
        return {"metric": Metric.TRADE_VALUE, "change": Change.YOY, "flow": _flow(ctx.sentence, at),
                "product": product}  # fmt: skip
    return {"metric": Metric.TRADE_VALUE, "flow": _flow(ctx.sentence, at), "product": product}


def _respectively(ctx: _Context, group: list[Figure], before: list[Figure]) -> list[Observation]:
    """A list distributed over earlier figures of the sentence (their growth rates), or over
    the items named before it."""
    out: list[Observation] = []
    if len(before) == len(group):
        for target, figure in zip(before, group, strict=True):
            target_fields = _figure_fields(ctx, target)
            if target_fields is None:
                continue
            fields: dict[str, Any]
            if target_fields["metric"] == Metric.ENTERPRISE_COUNT:
                fields = {"metric": Metric.ENTERPRISE_COUNT, "change": Change.YOY, "flow": None}
            else:
                fields = {"metric": Metric.TRADE_VALUE, "change": Change.YOY, "flow": target_fields["flow"],
                          "product": target_fields.get("product")}  # fmt: skip
            if (o := _observation(ctx, figure, **fields)) is not None:
                out.append(o)
        return out
    items = _list_items(ctx.sentence, group[0].start - ctx.start, len(group))
    for index, figure in enumerate(group):
        typed = _figure_fields(ctx, figure) or {}
        if items is not None:
            typed["product"] = items[index]
        if typed and (o := _observation(ctx, figure, **typed)) is not None:
            out.append(o)
    return out


def extract_rules(article: Article) -> list[Observation]:
    """Every figure the rules can type, in article order."""
    text = article.text
    figures = find_figures(text)
    mentions = _mentions(text)
    observations: list[Observation] = []
    last: Mention | None = None
    paragraph_subject: dict[int, Mention] = {}
    for start, end, paragraph in _sentences(text):
        sentence = text[start:end]
        in_sentence = [m for m in mentions if start <= m.start < end]
        partners = [m for m in in_sentence if _PARTNER_CUE.search(text[max(start, m.start - 12) : m.start])]
        own = [m for m in in_sentence if m not in partners]
        if own and paragraph not in paragraph_subject:
            paragraph_subject[paragraph] = own[0]
        entity = own[0] if own else paragraph_subject.get(paragraph, last)
        last = own[0] if own else last
        inside = [f for f in figures if start <= f.start and f.end <= end]
        if entity is None or not inside:
            continue
        segment = "private enterprises" if "private enterprises" in sentence.lower() else None
        ctx = _Context(article, sentence, start, entity, segment, partners)
        groups: dict[int, list[Figure]] = {}
        for figure in inside:
            if figure.respectively is not None:
                groups.setdefault(figure.respectively[0], []).append(figure)
        for figure in inside:
            if figure.respectively is None:
                fields = _figure_fields(ctx, figure)
                if fields is not None and (o := _observation(ctx, figure, **fields)) is not None:
                    observations.append(o)
            elif figure.respectively[1] == 0:
                group = groups[figure.respectively[0]]
                earlier = [f for f in inside if f.end <= group[0].start and f.respectively is None]
                observations += _respectively(ctx, group, earlier[-len(group) :] if earlier else [])
    return observations


class RulesExtractor:
    """The rules as an extractor a batch run or an evaluation can use."""

    version = RULES_VERSION
    hash = RULES_HASH
    model = "rules"

    async def extract(self, article: Article) -> ArticleResult:
        observations = extract_rules(article)
        figures = find_figures(article.text)
        rows = [output_row(o, article, RULES_VERSION, RULES_HASH, self.model, figures) for o in observations]
        return ArticleResult(article.id, observations, rows, Usage(), attempts=0)
