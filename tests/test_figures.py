from __future__ import annotations

import pytest

from pipeline.figures import find_figures


def one(text: str) -> tuple[float, str | None, str]:
    (figure,) = find_figures(text)
    return figure.value, figure.unit, str(figure.qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("total value of 9.15 trillion yuan", (9.15e12, "CNY", "exact")),
        ("accounted for 820.12 billion yuan in trade", (820.12e9, "CNY", "exact")),
        ("reached 139,700, a record", (139700.0, "count", "exact")),
        ("exceeded 150,000 in 2025", (150000.0, "count", "at_least")),
        ("accounting for more than 20 percent of", (20.0, "percent", "at_least")),
        ("marking up a 4.4-percent increase", (4.4, "percent", "exact")),
        ("exports fell 3.2 percent", (-3.2, "percent", "exact")),
        ("a -1.5 percent change", (-1.5, "percent", "exact")),
        ("the share rose 1.2 percentage points", (1.2, "percentage_point", "exact")),
        ("the share slipped 0.4 percentage points", (-0.4, "percentage_point", "exact")),
        ("imports edged up 0.3 percent", (0.3, "percent", "exact")),
        ("($1.31 trillion)", (1.31e12, "USD", "exact")),
        ("ranking eighth nationally", (8.0, "rank", "exact")),
        ("its No. 1 position", (1.0, "rank", "exact")),
        ("China's third-largest trading partner", (3.0, "rank", "exact")),
        ("for ten consecutive years since 2016", (10.0, "years", "exact")),
        ("nearly 50 billion yuan", (50e9, "CNY", "at_most")),
        ("about 3 million US dollars", (3e6, "USD", "approximate")),
        ("HK$412.5 billion", (412.5e9, "HKD", "exact")),
        ("worth $525.6 bln", (525.6e9, "USD", "exact")),
        ("a $3m deal", (3e6, "USD", "exact")),
        ("the share fell to 12.3 percent", (12.3, "percent", "exact")),
        ("prices were 3.5% lower", (-3.5, "percent", "exact")),
        ("its 39th consecutive year", (39.0, "years", "exact")),
    ],
)
def test_tricky_strings(text: str, expected: tuple[float, str, str]) -> None:
    value, unit, qualifier = one(text)
    assert value == pytest.approx(expected[0])
    assert (unit, qualifier) == expected[1:]


def test_exports_fell_while_imports_rose_signs_each_clause() -> None:
    values = [f.value for f in find_figures("Exports fell 3.1 percent while imports rose 2 percent.")]
    assert values == [-3.1, 2.0]


def test_years_dates_and_periods_are_not_figures() -> None:
    assert find_figures("On October 13, 2025, in 2016 and 3D printers") == []
    assert find_figures("In the first 11 months, and on 12 October") == []


def test_respectively_list_of_three_is_numbered_in_order() -> None:
    text = "rose 20.1 percent, 17.0 percent, and 9.7 percent, respectively. Then 5 percent."
    figures = find_figures(text)
    assert [f.respectively for f in figures] == [(0, 0), (0, 1), (0, 2), None]


def test_seed_article_figures_at_their_offsets(seed_text: str) -> None:
    by_text = {f.text: f for f in find_figures(seed_text)}
    for text in ("9.15 trillion yuan", "$1.31 trillion", "139,700", "eighth", "40.8 percent"):
        figure = by_text[text]
        assert seed_text[figure.start : figure.end] == text
