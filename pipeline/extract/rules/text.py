"""Sentences and clauses of an article, as the rules read them."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“(])")


# "SANTIAGO, Sept 8 (Reuters) - ": where an article's first sentence starts, no clause of it
# "SANTIAGO, Sept 8 (Reuters) - ", "TROMSØ, Norway, Nov 5 (Reuters) - ", "ADDIS ABABA, Oct 14 - "
DATELINE_LEAD = re.compile(
    r"[A-Z][^\W\da-z][^\W\da-z.'-]*(?:[ .'-][^\W\da-z][^\W\da-z.'-]*){0,3}"
    r"(?:,\s*[A-Z][A-Za-z .'-]{1,30}?)?(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?"
    r"(?:\s*\([^)]{1,30}\))?\s+[-–—]\s+"
)


# "the maquila sector - garments assembled from imported fabric - grew": an aside between dashes
DASH_ASIDE = re.compile(r"\s[-\u2013\u2014]\s[^-\u2013\u2014.;]{1,100}?\s[-\u2013\u2014]\s")

CLAUSE = re.compile(r"[;:]|,\s|\swhile\s|\swhereas\s|\sbut\s|\s--?\s|\s—\s|\s–\s")


def _spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence; each line of a table is one, and a
    bulleted line belongs to the paragraph that introduces it ("..., of which:") or to the
    bullet before it."""
    out = []
    offset = 0
    number = -1
    previous = ""
    for line in text.split("\n"):
        if line.strip() and not (
            _BULLET.match(line) and (previous.rstrip().endswith((":", ";")) or _BULLET.match(previous))
        ):
            number += 1
        for start, end in _spans(line, _SENTENCE_END):
            out += [(offset + a, offset + b, number) for a, b in _bounded(line, start, end)]
        offset += len(line) + 1
        previous = line if line.strip() else previous
    return out


# A sentence longer than any a report writes is cut at its clauses, so the work per figure,
# which reads the sentence up to the figure, stays fixed however long a hostile line runs.
_LONGEST = 800
_CUT = re.compile(r"[;,]\s|\s")


def _bounded(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) pieces of one sentence, none over _LONGEST characters: each ends at the
    last clause break (else the last space, else anywhere) within the limit."""
    pieces = []
    while end - start > _LONGEST:
        window = line[start : start + _LONGEST]
        breaks = [m.end() for m in _CUT.finditer(window) if m.group(0)[0] in ";,"] or [
            m.end() for m in _CUT.finditer(window)
        ]
        cut = start + (breaks[-1] if breaks else _LONGEST)
        pieces.append((start, cut))
        start = cut
    return [*pieces, (start, end)]


_BULLET = re.compile(r"\s*(?:[-\u2022*\u2013]|\d{1,2}[.)])\s")


def clause_before(sentence: str, position: int) -> str:
    """The clause of a sentence that ends at `position`."""
    head = sentence[:position]
    breaks = list(CLAUSE.finditer(head))
    return head[breaks[-1].end() :] if breaks else head
