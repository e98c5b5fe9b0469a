"""Normalisation applied to predictions and gold alike before they are compared.

Pure functions on plain records, so the scorer can accept loosely written predictions
(an entity written as a name, a value written "9.15 trillion") and fold both sides the
same way.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.core.entities import resolve
from pipeline.core.schema import Observation
from pipeline.core.text import fold, fold_key
from pipeline.numbers.figures import SCALES, parse_number

_SCALED = re.compile(
    r"^\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<scale>trillion|billion|million|thousand|tn|bn|mn)?\s*$",
    re.IGNORECASE,
)
_QUOTE_CHARS = "\"'"
_GENERIC_TAIL = re.compile(r"\s+(?:products|goods|items|sector|industry)$")


def fold_value(value: Any) -> Any:
    """A number written with a scale word ("9.15 trillion") becomes a float in base units."""
    if isinstance(value, str) and (match := _SCALED.match(value)):
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        return parse_number(match.group("num"), scale)
    return value


_MONTH_RANGE = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_WHOLE = {
    (1, 12): "",
    (1, 6): "-H1",
    (7, 12): "-H2",
    (1, 3): "-Q1",
    (4, 6): "-Q2",
    (7, 9): "-Q3",
    (10, 12): "-Q4",
}


def period_type(period: str) -> str:
    """annual, half-year, quarterly, monthly, year-to-date or multi-period."""
    if "/" in period:
        start, end = period.split("/")
        same_year = start[:4] == end[:4]
        return "year-to-date" if same_year and start.endswith("-01") else "multi-period"
    if len(period) == 4:
        return "annual"
    return {"H": "half-year", "Q": "quarterly"}.get(period[5], "monthly")


def fold_period(period: str) -> str:
    """One spelling per period: a month range that is one month, a quarter, a half or a
    whole year is written as such ("2025-01/2025-06" is "2025-H1"), on both sides."""
    period = period.upper().replace(" ", "")
    match = _MONTH_RANGE.match(period)
    if match is None or match[1] != match[3]:
        return period
    first, last = int(match[2]), int(match[4])
    if first == last:
        return f"{match[1]}-{first:02d}"
    whole = _WHOLE.get((first, last))
    return period if whole is None else match[1] + whole


def fold_label(text: str | None) -> str | None:
    """Case, whitespace, Unicode and quote folding of a free-text field; '' becomes None."""
    if text is None:
        return None
    folded = fold_key(text).strip(_QUOTE_CHARS + " ")
    folded = _GENERIC_TAIL.sub("", folded).replace('"', "").replace("'", "").replace(" & ", " and ")
    return _singular(folded) or None


_OE_WORDS = frozenset({"shoes", "canoes", "hoes", "floes", "oboes", "sloes", "toes"})  # one "oe" each


def _singular(label: str) -> str:
    """The last word in the singular, so "soybeans" and "soybean", "batteries" and
    "battery" name the same product (applied to both sides, so it only ever merges)."""
    head, _, last = label.rpartition(" ")
    if len(last) <= 3 or last.endswith(("ss", "us", "is")):
        return label
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "xes", "sses", "zes")) or (
        last.endswith("oes") and last not in _OE_WORDS
    ):  # "watches", "boxes", "tomatoes" (not "shoes")
        last = last[:-2]
    elif last.endswith("s"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def fold_entity(value: Any) -> Any:
    """An alias or country name becomes its canonical id; unknown names are left to validation."""
    if isinstance(value, str):
        return resolve(value) or value
    return value


def normalise_record(raw: dict[str, Any]) -> dict[str, Any]:
    """The comparable form of one observation record (the same function for both sides)."""
    record = dict(raw)  # a field of the wrong type is left as it is, for the schema to name
    for name in ("entity", "partner"):
        if isinstance(record.get(name), str):
            record[name] = fold_entity(record[name])
    for name in ("segment", "product"):
        if isinstance(record.get(name), str):
            record[name] = fold_label(record[name])
    for name in ("flow", "metric", "change", "status", "unit", "qualifier", "period", "base_period"):
        if isinstance(record.get(name), str):
            record[name] = fold(record[name])
    for name in ("flow", "metric", "change", "status", "qualifier"):
        if isinstance(record.get(name), str):
            record[name] = record[name].lower().replace(" ", "_").replace("-", "_") or None
    for name in ("period", "base_period"):
        if isinstance(record.get(name), str):
            record[name] = fold_period(record[name]) or None
    if "value" in record:
        record["value"] = fold_value(record["value"])
    return record


def normalise_observation(observation: Observation) -> Observation:
    """The comparable form of a valid observation."""
    return Observation.model_validate(normalise_record(observation.model_dump()))
