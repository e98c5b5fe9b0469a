"""Grounding: where in the article an observation's evidence stands, and whether its
value, unit and qualifier agree with a figure the finder reads inside that evidence.

Used by `tradex gold check`, by the extractor's validators (so instructor re-asks with
the precise disagreement) and by the scorer's `ungrounded` error type.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from pipeline.core.schema import Observation, Qualifier, is_currency
from pipeline.core.text import fold
from pipeline.numbers.figures import Figure, find_figures, named_currencies

FUZZY_MIN_RATIO = 0.9
FUZZY_MAX_EVIDENCE = 600
_ALIGN_SLACK = 8


class MatchKind(StrEnum):
    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"


@dataclass(frozen=True)
class EvidenceSpan:
    """Where an observation's evidence sits in its article, and how it was found there."""

    start: int
    end: int
    match: MatchKind


@dataclass(frozen=True)
class Grounding:
    """The outcome of grounding one observation; `problem` is None when it grounds."""

    span: EvidenceSpan | None
    figure: Figure | None
    problem: str | None

    @property
    def grounded(self) -> bool:
        return self.problem is None


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` character by character, with each output char's index in `text`."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        piece = fold(unicodedata.normalize("NFKC", char)) if not char.isspace() else " "
        if piece == " " or (not piece and char.isspace()):
            if out and out[-1] != " ":
                out.append(" ")
                where.append(index)
            continue
        for folded_char in piece:
            out.append(folded_char)
            where.append(index)
    return "".join(out), where


def locate(evidence: str, article: str) -> EvidenceSpan | None:
    """Find the evidence: exactly, then with whitespace/quotes folded, then fuzzily."""
    if evidence and (start := article.find(evidence)) >= 0:
        return EvidenceSpan(start, start + len(evidence), MatchKind.EXACT)
    folded_article, where = _folded_with_map(article)
    folded_evidence = fold(evidence)
    if folded_evidence and (start := folded_article.find(folded_evidence)) >= 0:
        end = where[start + len(folded_evidence) - 1] + 1
        return EvidenceSpan(where[start], end, MatchKind.NORMALISED)
    return _fuzzy(folded_evidence, folded_article, where)


def _fuzzy(evidence: str, article: str, where: list[int]) -> EvidenceSpan | None:
    """Best window of the evidence's length by similarity ratio, if close enough."""
    if not evidence or len(evidence) > FUZZY_MAX_EVIDENCE or len(evidence) > len(article):
        return None
    matcher = SequenceMatcher(None, article, evidence, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    if block.size == 0:
        return None
    best: tuple[float, int] = (0.0, 0)
    lo = max(0, block.a - block.b - 20)
    hi = min(len(article) - len(evidence), block.a - block.b + 20)
    for start in range(lo, hi + 1):
        ratio = SequenceMatcher(None, article[start : start + len(evidence)], evidence).ratio()
        best = max(best, (ratio, start))
    ratio, start = best
    if ratio < FUZZY_MIN_RATIO:
        return None
    begin, finish = _aligned(evidence, article, start)
    if _facts(evidence) != _facts(article[begin:finish]):
        return None  # "rose 4.1 percent" for "rose 3.2 percent": a typo may differ, a number never
    return EvidenceSpan(where[begin], where[finish - 1] + 1, MatchKind.FUZZY)


_FACT_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "rose", "rise", "rises", "risen", "fell", "fall", "falls",
    "fallen", "up", "down", "increase", "increased", "decrease", "decreased", "higher", "lower",
    "more", "less", "surplus", "deficit", "export", "exports", "exported", "import", "imports",
    "imported", "re-export", "re-exports", "trade",
})  # fmt: skip
_PLAIN_WORDS = frozenset({
    "the", "a", "an", "its", "it", "this", "that", "their", "in", "of", "on", "for", "to", "from",
    "and", "or", "by", "with",
})  # fmt: skip


def _facts(folded: str) -> list[str]:
    """What a fuzzy match must keep word for word: numbers, months, directions, flows and
    names (a capitalised word: "U.S.", "Chile"), so a slip in spelling is forgiven and a
    different fact never is ("Imports fell" for "Exports fell", "U.K." for "U.S.")."""
    words = re.findall(r"[\w.&'-]*\w", folded)
    return [
        re.sub(r"\W", "", w.lower())  # "Guangdongs" for "Guangdong's" is a slip
        for w in words
        if any(c.isdigit() for c in w)
        or w.lower() in _FACT_WORDS
        or (w[0].isupper() and w.lower() not in _PLAIN_WORDS)
    ]


def _aligned(evidence: str, article: str, start: int) -> tuple[int, int]:
    """The best window has the evidence's length, so a dropped or added character shifts
    it; align the evidence's first and last matching characters to place both ends."""
    lo = max(0, start - _ALIGN_SLACK)
    window = article[lo : start + len(evidence) + _ALIGN_SLACK]
    blocks = [
        b for b in SequenceMatcher(None, window, evidence, autojunk=False).get_matching_blocks() if b.size
    ]
    first, last = blocks[0], blocks[-1]
    begin = max(0, lo + first.a - first.b)
    finish = min(len(article), lo + last.a + last.size + len(evidence) - last.b - last.size)
    return begin, max(finish, begin + 1)


def values_agree(a: float, b: float, unit: str) -> bool:
    """Equal within 1e-6 relative, or 0.05 absolute for percentages."""
    if unit in ("percent", "percentage_point") and abs(a - b) <= 0.05 + 1e-9:
        return True
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _units_agree(observation_unit: str, figure: Figure, stated: frozenset[str]) -> bool:
    if figure.unit is None:  # a bare "5.87 trillion": a count, or a currency the article states
        currency = observation_unit.partition("/")[0]
        return observation_unit == "count" or (is_currency(currency) and currency in stated)
    if (shared := figure.shared_symbol) is not None:  # "$5.8 billion" in a Stats NZ release is NZD
        currency, _, per = observation_unit.partition("/")
        return currency in shared and f"{figure.unit[:3]}{'/' if per else ''}{per}" == figure.unit
    return observation_unit == figure.unit


def stated_currencies(figures: list[Figure]) -> frozenset[str]:
    """Every currency an article writes an amount in, each a shared sign may mean included:
    a bare "1.2 trillion" in a yuan article is yuan, never dollars."""
    out: set[str] = set()
    for figure in figures:
        if figure.unit is not None and is_currency(currency := figure.unit.partition("/")[0]):
            out |= figure.shared_symbol or {currency}
    return frozenset(out)


def disagreement(
    observation: Observation, figure: Figure, stated: frozenset[str] = frozenset()
) -> str | None:
    """Why this figure does not state the observation, or None when it does. A range
    states two observations: at_least its low end and at_most its high end. A bare amount
    may be in one of the `stated` currencies only."""
    if not _units_agree(observation.unit, figure, stated):
        if figure.unit is None and is_currency(observation.unit.partition("/")[0]):
            named = f"({', '.join(sorted(stated))})" if stated else "(it names none)"
            return (
                f"unit {observation.unit} is not a currency the article states {named}: {figure.describe()}"
            )
        return f"unit {observation.unit} does not match {figure.describe()}"
    if figure.is_change is not None and (observation.change is not None) != figure.is_change:
        if figure.is_change:  # "rose by $2 billion" read as a level of $2 billion
            return f"change null does not match {figure.describe()}: a rise or fall is stated at it"
        return (
            f"change {observation.change} does not match {figure.describe()}: a level, no rise or fall at it"
        )
    if figure.high is not None:
        ends = {Qualifier.AT_LEAST: figure.value, Qualifier.AT_MOST: figure.high}
        end = ends.get(Qualifier(observation.qualifier))
        described = figure.describe()
        if end is None:
            qualifier = observation.qualifier
            return f"qualifier {qualifier} does not match {described}: a range is at_least and at_most"
        if not values_agree(observation.value, end, observation.unit):
            return (
                f"value {observation.value:g} does not match the {observation.qualifier} end of {described}"
            )
        return None
    if not values_agree(observation.value, figure.value, observation.unit):
        return f"value {observation.value:g} does not match {figure.describe()}"
    if observation.qualifier != figure.qualifier:
        return f"qualifier {observation.qualifier} does not match {figure.describe()}"
    return None


def ground(observation: Observation, article: str, figures: list[Figure] | None = None) -> Grounding:
    """Locate the evidence and find a figure inside it that states the observation."""
    span = locate(observation.evidence, article)
    if span is None:
        return Grounding(None, None, f"evidence {observation.evidence!r} is not in the article")
    all_figures = find_figures(article) if figures is None else figures
    inside = [f for f in all_figures if f.start >= span.start and f.end <= span.end]
    if not inside:
        return Grounding(span, None, f"evidence {observation.evidence!r} states no figure")
    problems = []
    # read the article's currencies only for a bare amount, the one figure that needs them
    bare = any(f.unit is None for f in inside)
    stated = stated_currencies(all_figures) | named_currencies(article) if bare else frozenset()
    for figure in inside:
        problem = disagreement(observation, figure, stated)
        if problem is None:
            return Grounding(span, figure, None)
        problems.append(problem)
    closest = min(
        zip(inside, problems, strict=True),
        key=lambda fp: abs(fp[0].value - observation.value) / max(abs(fp[0].value), 1e-9),
    )
    return Grounding(span, None, closest[1])


def settled(observation: Observation, grounding: Grounding, article: str) -> Observation:
    """The observation as its article states it: the evidence the article's own words at
    the span found (a fuzzy or folded match keeps no words of the model's) and the value the
    figure's digits give (a percentage within rounding of it keeps no digits of the model's)."""
    figure, span = grounding.figure, grounding.span
    if figure is None or span is None:
        return observation
    value = figure.value
    if figure.high is not None:
        value = figure.high if observation.qualifier == Qualifier.AT_MOST else figure.value
    return observation.model_copy(update={"evidence": article[span.start : span.end], "value": value})
