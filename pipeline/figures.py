"""The figure finder: every quantity in a text, with character offsets.

One parser for the whole project: `tradex gold check`, the extractor's validators, the
grounding step and the rules baseline all read numbers through `find_figures`, so a
figure means the same thing everywhere. Regular expressions rather than a general
quantity library because trade news needs things those libraries do not model
(scale words folded into currency values, signs carried by verbs, "respectively" lists,
ranks written as ordinals); `benchmarks/finder.py` measures the choice against quantulum3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.schema import Qualifier

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALES = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "thousand": 1e3,
}
SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|tn|bn|bln|mn|mln)\b)?"
SHORT_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|tn|bn|bln|mn|mln|m|b)\b)?"
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
CURRENCY_WORDS = {
    "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "cny": "CNY", "¥": "CNY",
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "usd": "USD",
    "$": "USD", "us$": "USD", "euros": "EUR", "eur": "EUR", "€": "EUR", "hk$": "HKD",
}  # fmt: skip

_WORD_NUM = "|".join(WORD_NUMBERS)
_ORDINAL = "|".join(ORDINALS)
_DASH = r"[\s\-\u2010\u2011\u2013]"

# Ordered by priority: an earlier pattern claims its span before a later one can.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "money_prefix",
        re.compile(rf"(?<![A-Za-z])(?P<cur>US\$|HK\$|\$|RMB|¥|€)\s?{NUMBER}{SHORT_SCALE}", re.IGNORECASE),
    ),
    (
        "money_suffix",
        re.compile(
            rf"{NUMBER}{SCALE}\s(?P<cur>yuan|RMB|renminbi|U\.?S\.? dollars|dollars|euros)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "points",
        re.compile(rf"{NUMBER}{_DASH}?(?:percentage{_DASH}points?|pct{_DASH}points?)", re.I),
    ),
    ("percent", re.compile(rf"{NUMBER}{_DASH}?(?:percent\b|per cent\b|%)", re.IGNORECASE)),
    ("rank_no", re.compile(rf"\bNo\.\s?{NUMBER}\b")),
    (
        "rank_ordinal",
        re.compile(
            rf"\b(?:rank(?:ed|ing|s)?|placed|placing)\s+(?:the\s+)?(?P<ord>{_ORDINAL}|\d+(?:st|nd|rd|th))\b"
            rf"|\b(?P<ord2>{_ORDINAL}|\d+(?:st|nd|rd|th)){_DASH}(?:largest|biggest)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "years",
        re.compile(
            rf"\b(?P<n>{_WORD_NUM}|\d+)\s(?:consecutive|straight|successive)\syears\b"
            rf"|\b(?P<n2>{_WORD_NUM}|\d+)\syears\sin\sa\srow\b"
            rf"|\b(?P<n3>\d+)(?:st|nd|rd|th)\s(?:consecutive|straight|successive)\syear\b",
            re.IGNORECASE,
        ),
    ),
    ("scaled", re.compile(rf"{NUMBER}\s?(?P<scale>trillion|billion|million)\b", re.IGNORECASE)),
    ("count", re.compile(rf"(?<![\w.,$]){NUMBER}(?![\w]|\.\d|,\d)")),
]

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_DATE_BEFORE = re.compile(rf"{_MONTHS}\s$")
_DATE_AFTER = re.compile(rf"^\s{_MONTHS}\b")
_PERIOD_COUNT = re.compile(r"(?:first|last|past|next)\s+$", re.IGNORECASE)
_PERIOD_UNIT = re.compile(r"^\s+(?:months|weeks|days|quarters|years)\b", re.IGNORECASE)
_LEVEL = re.compile(r"\bto\s+(?:about\s+|nearly\s+|more than\s+|around\s+)?$", re.IGNORECASE)
_AT_LEAST = re.compile(
    r"(?:more than|over|exceeded|exceeding|exceeds|exceed|above|at least|upwards of"
    r"|in excess of|surpassed|topped)\s+$",
    re.IGNORECASE,
)
_AT_MOST = re.compile(r"(?:nearly|almost|less than|fewer than|under|below|up to|at most)\s+$", re.IGNORECASE)
_APPROX = re.compile(r"(?:about|around|approximately|roughly|some|close to|an estimated)\s+$", re.IGNORECASE)
_DOWN = (
    r"fell|fall|falls|falling|declined|decline|declines|declining|decreased|decrease|decreases"
    r"|down|dropped|drop|drops|slipped|slid|contracted|shrank|shrunk|plunged|slumped|lower|minus"
)
_UP = (
    r"rose|rise|rises|rising|up|increased|increase|increases|grew|grow|growth|jumped|surged"
    r"|surge|surges|climbed|expanded|gained|higher|edged up|plus"
)
_SIGN_CUE = re.compile(rf"\b(?P<cue>{_DOWN}|{_UP})\b", re.IGNORECASE)
_DOWN_RE = re.compile(rf"^(?:{_DOWN})$", re.IGNORECASE)
_AFTER_DOWN = re.compile(r"^\s*(?:decline|decrease|drop|fall|contraction|lower|less)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:!?]\s|,\s|\swhile\s|\swhereas\s|\sbut\s")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)?\s*$")
_RESPECTIVELY = re.compile(r"^\s*,?\s*respectively\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A quantity found in a text; `value` is signed and in base units."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    qualifier: Qualifier
    respectively: tuple[int, int] | None = None  # (list number, position in the list)

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"'{self.text}' = {self.value:g}{unit} ({self.qualifier})"


def parse_number(raw: str, scale: float = 1.0) -> float:
    """A decimal string times a scale word's factor, without binary rounding (33.77e9, not
    33770000000.000004)."""
    return float(Decimal(raw.replace(",", "")) * Decimal(int(scale)))


def _qualifier(text: str, start: int) -> Qualifier:
    before = text[max(0, start - 30) : start]
    for pattern, qualifier in (
        (_AT_LEAST, Qualifier.AT_LEAST),
        (_AT_MOST, Qualifier.AT_MOST),
        (_APPROX, Qualifier.APPROXIMATE),
    ):
        if pattern.search(before):
            return qualifier
    return Qualifier.EXACT


def _is_negative(text: str, start: int, end: int) -> bool:
    """A change is negative when the nearest cue verb of its clause says so."""
    if start > 0 and text[start - 1] in "-\u2212" and (start < 2 or not text[start - 2].isalnum()):
        return True
    if _AFTER_DOWN.match(text[end : end + 20]):
        return True
    if _LEVEL.search(text[max(0, start - 30) : start]):
        return False  # "fell to 12.3 percent": a level, not a change
    window = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    cues = list(_SIGN_CUE.finditer(clause))
    return bool(cues) and bool(_DOWN_RE.match(cues[-1].group("cue")))


def _make(kind: str, match: re.Match[str], text: str) -> Figure | None:
    start, end = match.start(), match.end()
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    value: float
    unit: str | None
    if kind in ("money_prefix", "money_suffix", "scaled"):
        value = parse_number(groups["num"], SCALES.get(groups.get("scale", "").lower(), 1.0))
        unit = CURRENCY_WORDS.get(groups["cur"].lower()) if "cur" in groups else None
    elif kind in ("points", "percent"):
        value = parse_number(groups["num"])
        unit = "percentage_point" if kind == "points" else "percent"
        if _is_negative(text, start, end):
            value = -value
    elif kind == "rank_no":
        value, unit = parse_number(groups["num"]), "rank"
    elif kind == "rank_ordinal":
        word = (groups.get("ord") or groups["ord2"]).lower()
        value = float(ORDINALS.get(word) or int(re.sub(r"\D", "", word)))
        unit = "rank"
        start = match.start("ord") if "ord" in groups else start
    elif kind == "years":
        word = (groups.get("n") or groups.get("n2") or groups["n3"]).lower()
        value, unit = float(WORD_NUMBERS.get(word) or int(word)), "years"
    else:
        raw = groups["num"]
        before, after = text[max(0, start - 12) : start], text[end : end + 12]
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
            return None
        if _PERIOD_COUNT.search(before) and _PERIOD_UNIT.match(after):
            return None  # "the first 11 months" is a period
        if re.fullmatch(r"(19|20)\d\d", raw):
            return None  # a year is a period, not a figure
        value, unit = parse_number(raw), "count"
    return Figure(start, end, text[start:end], value, unit, _qualifier(text, start))


def _mark_respectively(text: str, figures: list[Figure]) -> list[Figure]:
    """Number the runs of like figures that a following "respectively" distributes."""
    runs: list[range] = []
    i = len(figures) - 1
    while i >= 0:
        first = i
        if _RESPECTIVELY.match(text[figures[i].end :]):
            while (
                first > 0
                and figures[first - 1].unit == figures[i].unit
                and _LIST_GAP.match(text[figures[first - 1].end : figures[first].start])
            ):
                first -= 1
            if first < i:
                runs.append(range(first, i + 1))
        i = first - 1
    marked = list(figures)
    for list_number, run in enumerate(reversed(runs)):
        for position, j in enumerate(run):
            marked[j] = _with_list(marked[j], (list_number, position))
    return marked


def _with_list(figure: Figure, place: tuple[int, int]) -> Figure:
    return Figure(figure.start, figure.end, figure.text, figure.value, figure.unit, figure.qualifier, place)


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order of position, spans never overlapping."""
    claimed: list[tuple[int, int]] = []
    found: list[Figure] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in claimed):
                continue
            figure = _make(kind, match, text)
            if figure is not None:
                claimed.append((match.start(), match.end()))
                found.append(figure)
    found.sort(key=lambda f: f.start)
    return _mark_respectively(text, found)
