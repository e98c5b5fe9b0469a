"""Tables of a statistics-office release, typed cell by cell: a row names a partner, a
product, a flow or a period; a column names a level, a change, a share, a flow or a
period; the caption names what the whole table is about."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.core.entities import resolve
from pipeline.core.errors import SchemaError
from pipeline.core.schema import Change, Flow, Metric, Observation, Qualifier, is_price
from pipeline.io.jsonl import parse_observation
from pipeline.numbers.figures import PHYSICAL_WORDS, Cell, Figure, Table
from pipeline.numbers.normalise import fold_label, period_type

# the period a span of the article names, if any
PeriodOf = Callable[[int, int], str | None]

_FLOWS = (
    (re.compile(r"\b(?:balance|surplus|deficit)\b", re.I), Flow.BALANCE),
    (re.compile(r"\bexport", re.I), Flow.EXPORT),
    (re.compile(r"\bimport(?!an[ct])", re.I), Flow.IMPORT),
    (re.compile(r"\btrade\b|\bturnover\b", re.I), Flow.TOTAL),
)
_CHANGES = (
    (re.compile(r"\bm/m\b|\bmom\b|\bm-o-m\b|month", re.I), Change.MOM),
    (re.compile(r"\bq/q\b|\bqoq\b|\bq-o-q\b|quarter", re.I), Change.QOQ),
    (re.compile(r"\by/y\b|\byoy\b|\by-o-y\b|year|\bchange\b|\bchg\b|growth|\bvar", re.I), Change.YOY),
)
_SHARE = re.compile(r"\bshare\b", re.I)
_SERVICES_ROW = re.compile(r"^\s*services\b", re.I)
_SCOPE_ROW = re.compile(r"(goods|services)\s+(?:exports|imports|balance)\b", re.I)
_ALL = re.compile(r"^(?:total|all\b|overall|grand total|world)", re.I)
_OTHERS = re.compile(r"^(?:others?|rest of|of which|memo)\b", re.I)
_BRACKETS = re.compile(r"\s*\([^)]*\)")
# rows that name the economies reporting, not their partners: "Extra-EU trade by Member State"
_REPORTERS = re.compile(
    r"\bby (?:member state|province|region|state|reporting (?:country|economy))\b"
    r"|^(?:member state|province|region|reporter)s?\b",
    re.I,
)


def _flow(text: str) -> Flow | None:
    return next((flow for pattern, flow in _FLOWS if pattern.search(text)), None)


def _change(column: str) -> Change | None:
    return next((change for pattern, change in _CHANGES if pattern.search(column)), None)


def table_observations(
    text: str,
    table: Table,
    figures: dict[int, Figure],
    base: dict[str, object],
    period_of: PeriodOf,
    default_period: str,
    home: str | None = None,
) -> list[Observation]:
    """One observation per numeric cell the table's labels can type; `base` holds the
    article's fields (article id, entity), `figures` the finder's cells by start and `home`
    the reporter's own currency, which a caption's bare "$" names."""
    caption_flow = _flow(table.caption.text)
    caption_period = period_of(table.caption.start, table.caption.end) or default_period
    columns = [period_of(c.start, c.end) or _year_column(c.text) for c in table.header]
    named = [p for p in columns if p is not None]
    # a change column of "2024 | 2025 | % change" is the later column's; periods of one shape only
    latest = max(named) if named and len({period_type(p) for p in named}) == 1 else caption_period
    reporters = any(_REPORTERS.search(cell.text) for cell in (table.caption, table.header[0]))
    column_flows = _column_flows(table)
    # "Goods exports" beside "Services exports": goods and services are the rows' products
    scoped = any(_SERVICES_ROW.search(cells[0].text) for cells in table.rows)
    out: list[Observation] = []
    for cells in table.rows:
        label = _BRACKETS.sub("", cells[0].text).strip()
        if _OTHERS.match(label) or cells[0].start in figures:
            continue  # a row of remainders, or one without a label
        row = _row_fields(label, cells[0], period_of, reporters)
        if scoped and "flow" in row and (scope := _SCOPE_ROW.match(label)) is not None:
            row["product"] = fold_label(scope.group(1).lower())
        evidence = text[cells[0].start : cells[-1].end]
        for column, column_period, column_flow, cell in zip(
            table.header[1:], columns[1:], column_flows, cells[1:], strict=True
        ):
            figure = figures.get(cell.start)
            flow = column_flow or row.get("flow") or caption_flow
            if figure is None or flow is None or (fields := _cell_fields(column.text, figure, flow)) is None:
                continue
            period = row.get("period") or column_period or (latest if "change" in fields else caption_period)
            unit = figure.in_currency(figure.unit, home) if figure.unit is not None else None
            typed = {**base, **row, **fields, "period": period, "value": figure.value, "unit": unit}
            out += _typed({**typed, "evidence": evidence})
    return out


_YEAR_COLUMN = re.compile(r"((?:19|20)\d\d)\s?[*p]?")  # "2024", "2024p", "2023*"


def _year_column(name: str) -> str | None:
    """A column named by its year alone: a year."""
    return match.group(1) if (match := _YEAR_COLUMN.fullmatch(name.strip())) else None


def _column_flows(table: Table) -> list[Flow | None]:
    """The flow each column after the labels names; a change column that names none
    ("Exports | YoY (%) | Imports | YoY (%)") is of the column before it."""
    flows: list[Flow | None] = []
    for column in table.header[1:]:
        named = _flow(column.text)
        if named is None and flows and _change(column.text) is not None:
            named = flows[-1]
        flows.append(named)
    return flows


def _row_fields(label: str, cell: Cell, period_of: PeriodOf, reporters: bool) -> dict[str, object]:
    """What a row's label says: a total, a flow ("Exports"), a period ("January"), a
    partner ("ASEAN (9)") or, in a table by member state, the reporter, or a product
    ("Rubber products")."""
    if _ALL.match(label):
        return {}
    if (flow := _flow(label)) is not None and len(label.split()) <= 3:
        return {"flow": flow}
    if (period := period_of(cell.start, cell.end)) is not None:
        return {"period": period}
    if (area := resolve(label)) is not None:
        return {"entity": area, "entity_name": label} if reporters else {"partner": area}
    return {"product": fold_label(label)}


def _cell_fields(column: str, figure: Figure, flow: object) -> dict[str, object] | None:
    """What a column's name says of its cells; None for a column the rules cannot read."""
    fields: dict[str, object] = {"flow": flow}
    if _SHARE.search(column):
        return {**fields, "metric": Metric.SHARE_OF_TOTAL}
    metric = (
        Metric.UNIT_PRICE
        if figure.unit is not None and is_price(figure.unit)
        else Metric.VOLUME
        if figure.unit in PHYSICAL_WORDS.values()
        else Metric.TRADE_VALUE
    )
    if figure.unit == "percent":
        change = _change(column)
        return None if change is None else {**fields, "metric": metric, "change": change}
    return {**fields, "metric": metric}


def _typed(fields: dict[str, object]) -> list[Observation]:
    try:
        return [parse_observation({**fields, "qualifier": Qualifier.EXACT})]
    except SchemaError:
        return []  # a combination the schema does not take: leave the cell out
