from __future__ import annotations

import re

import pytest

from pipeline.core.schema import Qualifier
from pipeline.io.gold import GoldSet
from pipeline.numbers.figures import NEEDED_WORDS, PATTERNS, _alternatives, find_figures


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
        ("trade stood at ₦38.04 trillion", (38.04e12, "NGN", "exact")),
        ("earnings of KSh 101.4 billion", (101.4e9, "KES", "exact")),
        ("exports of GH¢41.2 billion", (41.2e9, "GHS", "exact")),
        ("exports of TSh 4.1 trillion", (4.1e12, "TZS", "exact")),
        ("exports of TL 120 billion", (120e9, "TRY", "exact")),
        ("exports of QR 12.5 billion", (12.5e9, "QAR", "exact")),
        ("exports of E£ 3 billion", (3e9, "EGP", "exact")),
        ("exports of S/ 5.2 billion", (5.2e9, "PEN", "exact")),
        ("exports of 12.4 trillion Colombian pesos", (12.4e12, "COP", "exact")),
        ("exports of 120 billion CFA francs", (120e9, "XOF", "exact")),
        ("exports of 3.1 billion Kuwaiti dinars", (3.1e9, "KWD", "exact")),
        ("exports of 80 billion birr", (80e9, "ETB", "exact")),
        ("exports of 12 billion in 2025", (12e9, None, "exact")),
        ("shipments of 1.03 million 60-kg bags", (1.03e6, "units", "exact")),
        ("at $250 per 60-kg bag", (250.0, "USD/units", "exact")),
        ("sales of 10.4 billion standard cubic metres", (10.4e9, "m3", "exact")),
        ("at NOK 4.40 per standard cubic metre", (4.4, "NOK/m3", "exact")),
        ("imports fell for a second month in July", (2.0, "months", "exact")),
        ("worth 12.5 billion Norwegian kroner", (12.5e9, "NOK", "exact")),
        ("a negative balance of PLN 5.5 billion", (-5.5e9, "PLN", "exact")),
        ("exports of BDT 410 billion", (410e9, "BDT", "exact")),
        ("exports rose to 2.07 trln yuan", (2.07e12, "CNY", "exact")),
        ("a shortfall of Sfr 1.2 bln", (-1.2e9, "CHF", "exact")),
        ("exports of kr 150 bn", (150e9, "SEK", "exact")),
        ("imports were 9.5 MMT", (9.5e6, "t", "exact")),
        ("exports reached 1,250 billion FCFA", (1.25e12, "XOF", "exact")),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a trade deficit of $59.6 billion", (-59.6e9, "USD", "exact")),
        ("a $3.2 billion trade gap", (-3.2e9, "USD", "exact")),
        ("the shortfall was 1.1 trillion yen", (-1.1e12, "JPY", "exact")),
        ("the deficit narrowed by £2.1 billion", (2.1e9, "GBP", "exact")),
        ("a surplus of €14.3 billion", (14.3e9, "EUR", "exact")),
        ("exports fell by $2.1 billion", (-2.1e9, "USD", "exact")),
        ("imports of crude oil were 46.2 million tonnes", (46.2e6, "t", "exact")),
        ("3.5 Mt of iron ore", (3.5e6, "t", "exact")),
        ("1.5 million vehicles", (1.5e6, "vehicles", "exact")),
        ("at an average price of 3,610 yuan per tonne", (3610.0, "CNY/t", "exact")),
        ("$102 a tonne", (102.0, "USD/t", "exact")),
        ("NOK 68.12 per kilo", (68.12, "NOK/kg", "exact")),
        ("reserves were $5 billion at the end of June", (5e9, "USD", "exact")),  # "at" is no "a t"
        ("the 14th consecutive month of growth", (14.0, "months", "exact")),
        ("for a third straight month", (3.0, "months", "exact")),
        ("six consecutive quarters", (6.0, "quarters", "exact")),
        ("5.2 trillion yen", (5.2e12, "JPY", "exact")),
        ("12 billion won", (12e9, "KRW", "exact")),
        ("R12.4 billion", (12.4e9, "ZAR", "exact")),
        ("RM131.4 billion", (131.4e9, "MYR", "exact")),
        ("EUR 14.3 billion", (14.3e9, "EUR", "exact")),
        ("A$6.9 billion", (6.9e9, "AUD", "exact")),
        ("Rs 5,000 crore", (5e10, "INR", "exact")),
    ],
)
def test_wire_format_v2_figures(text: str, expected: tuple[float, str, str]) -> None:
    value, unit, qualifier = one(text)
    assert value == pytest.approx(expected[0])
    assert (unit, qualifier) == expected[1:]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("growth of 3-4 percent", 3.0, 4.0, "percent"),
        ("between 1.8 and 2.4 percent", 1.8, 2.4, "percent"),
        ("between A$5 billion and A$6 billion", 5e9, 6e9, "AUD"),
        ("A$5-6 billion", 5e9, 6e9, "AUD"),
        ("5-6 billion euros", 5e9, 6e9, "EUR"),
        ("a deficit of $5-6 billion", -6e9, -5e9, "USD"),
    ],
)
def test_a_range_is_one_figure(text: str, low: float, high: float, unit: str) -> None:
    (figure,) = find_figures(text)
    assert (figure.value, figure.high, figure.unit) == (pytest.approx(low), pytest.approx(high), unit)


def test_a_move_between_two_levels_is_not_a_range() -> None:
    assert [f.high for f in find_figures("the share rose from 3 percent to 4 percent")] == [None, None]
    assert [f.value for f in find_figures("exports rose $2.1 billion to $60 billion")] == [2.1e9, 60e9]


def test_an_amount_after_a_falling_clause_is_a_level() -> None:
    text = "exports fell 3 percent to $5 billion and imports totalled $6 billion"
    assert [f.value for f in find_figures(text)] == [-3.0, 5e9, 6e9]


def test_a_widening_deficit_is_a_negative_change_of_the_balance() -> None:
    text = "the deficit widened by $5.4 billion to $60.2 billion"
    assert [f.value for f in find_figures(text)] == [-5.4e9, -60.2e9]


def test_a_statistics_office_table_reads_with_its_caption_unit_and_percent_columns() -> None:
    text = (
        "Table 1: External trade (RM billion)\n"
        "Item            Sep 2025  Aug 2025  MoM %\n"
        "Exports            131.4     127.9    2.7\n"
        "Imports            116.2     118.6   -2.0\n"
        "Note: provisional."
    )
    cells = [(f.text, f.value, f.unit) for f in find_figures(text) if f.unit != "count"]
    assert cells == [
        ("131.4", 131.4e9, "MYR"), ("127.9", 127.9e9, "MYR"), ("2.7", 2.7, "percent"),
        ("116.2", 116.2e9, "MYR"), ("118.6", 118.6e9, "MYR"), ("-2.0", -2.0, "percent"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("Oman was first at $4 billion, India second at $2.3 billion and China third.", [1.0, 2.0, 3.0]),
        ("India was fourth with 3.3%.", [4.0]),
        ("The United States, which slipped to third at 5.1%, lost ground.", [3.0]),
        ("followed by Saudi Arabia in second place and the United States in third.", [2.0, 3.0]),
        ("Uganda led, with Kenya second at KSh 2 billion", [2.0]),
        ("Exports rose for the second month and fell in the first half.", []),
        ("It was first reported in May; the second, larger cargo left.", []),
        ("The third, a smaller shipment, arrived.", []),
    ],
)  # fmt: skip
def test_a_standing_stated_without_ranked_is_a_rank(text: str, ranks: list[float]) -> None:
    assert [f.value for f in find_figures(text) if f.unit == "rank"] == ranks


def test_ordinal_places_and_slipping() -> None:
    assert [(f.value, f.unit) for f in find_figures("Russia slipped to second place")] == [(2.0, "rank")]
    assert [f.value for f in find_figures("after slipping 1.2 per cent in September")] == [-1.2]
    (figure,) = find_figures("up from 0-1 per cent previously")
    assert (figure.value, figure.high) == (0.0, 1.0)


def test_a_pattern_is_skipped_only_when_a_word_all_its_matches_hold_is_absent(gold: GoldSet) -> None:
    samples = [
        "the 14th consecutive month", "five years in a row", "ten straight quarters",
        "a third straight annual", "ranked second", "the third-largest", "in second place",
        "up from fourth", "placing fifth", "3,610 yuan per tonne", "$102 a tonne", "US$71.5/bbl",
    ]  # fmt: skip
    texts = [*samples, *(article.text for article in gold.articles.values())]
    patterns = dict(PATTERNS)
    for kind, needed in NEEDED_WORDS.items():
        matches = [m.group(0) for text in texts for m in patterns[kind].finditer(text)]
        assert len(matches) >= 4, kind  # the invariant is checked on real matches
        assert all(needed.search(match) for match in matches), kind


def test_word_alternatives_match_each_word_and_prefer_the_longest() -> None:
    words = ["r", "rm", "rmb", "rs", "rs.", "$", "us$", "u.s.$", "new zealand dollars", "new taiwan dollars"]
    pattern = re.compile(_alternatives(words), re.IGNORECASE)
    assert all(pattern.fullmatch(word) for word in words)
    assert not any(pattern.fullmatch(other) for other in ("rmx", "u.s.", "new dollars", "", "m"))
    assert [pattern.match(text).group(0) for text in ("RMB 5", "Rs. 9", "U.S.$ 1", "rm3")] == [
        "RMB", "Rs.", "U.S.$", "rm",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indian digit grouping and scale words
        ("exports of Rs 3,22,690 crore in April", [(3_226_900_000_000.0, "INR", "exact")]),
        ("a target of ₹19.12 lakh crore", [(19.12e12, "INR", "exact")]),
        ("sales of 12,50,000 units", [(1_250_000.0, "units", "exact")]),
        # "cross" is a lower bound, like "surpass"
        ("on track to cross US$ 850 billion", [(850e9, "USD", "at_least")]),
        # a streak counted in fiscal years; a volume in kilolitres
        ("a surplus for the fifth consecutive fiscal year", [(5.0, "years", "exact")]),
        ("ending a run of 13 consecutive monthly declines", [(13.0, "months", "exact")]),
        ("imports of 4.2 million kilolitres", [(4.2e6, "m3", "exact")]),
        ("shipments of 10.87 million bags", [(10.87e6, "units", "exact")]),
        # the naira as the Nigerian press writes it, only before an amount with a scale word
        ("trade stood at N19.07 trillion", [(19.07e12, "NGN", "exact")]),
        ("demand for N95 masks", []),
        # the signs other national presses write in letters, in their case, before an amount
        ("revenue of P3.2 billion", [(3.2e9, "PHP", "exact")]),
        ("exports of Sh12 billion", [(12e9, "KES", "exact")]),
        ("exports of Shs3 trillion", [(3e12, "UGX", "exact")]),
        ("receipts of Tk 3,200 crore", [(3.2e10, "BDT", "exact")]),
        ("a Bt3.2bn surplus", [(3.2e9, "THB", "exact")]),
        ("route P3 and SH 45", [(45.0, "count", "exact")]),
        # a short scale before a currency word or a unit, and gas in billion cubic metres
        ("sales of 12m euros", [(12e6, "EUR", "exact")]),
        ("output of 1.2m bpd", [(1.2e6, "bbl", "exact")]),
        ("pipeline flows of 12 bcm", [(12e9, "m3", "exact")]),
        ("a 12 m3 tank", [(12.0, "m3", "exact")]),
        ("exports rose 3.4 pc", [(3.4, "percent", "exact")]),
        ("exports of 320 billion crowns", [(320e9, "CZK", "exact")]),
        # a range of prices; vehicles named by their kind
        ("quoted at $228-232 per tonne", [(228.0, "USD/t", "exact")]),
        ("shipments of 498,600 passenger cars", [(498600.0, "vehicles", "exact")]),
        # a deficit "narrower" by an amount is a rise of the balance, "wider" a fall
        ("the deficit was $2.9 billion narrower", [(2.9e9, "USD", "exact")]),
        ("the deficit was $2.9 billion wider", [(-2.9e9, "USD", "exact")]),
        # "lost" and "shed" fall, "added" rises; "by a record" still names the change
        ("shipments lost 2.4%", [(-2.4, "percent", "exact")]),
        ("exports declined by a record $8.4 billion", [(-8.4e9, "USD", "exact")]),
        # thousands grouped by spaces after a currency sign, as Eurostat writes them
        ("exports reached €2 183.4 bn", [(2183.4e9, "EUR", "exact")]),
        # without a sign, "2 183" may be one number or two: neither part is read as a figure
        ("the 2 183 firms", []),
        # a decimal comma read as one ("28,4", "34.512,3"); a number read whole or not at all
        # when a thin or no-break space groups it or an invisible character is inside it
        ("exports of US$ 28,4 billion", [(28.4e9, "USD", "exact")]),
        ("inflation was 5,2% in March", [(5.2, "percent", "exact")]),
        ("exports of EUR 34.512,3 million", [(34_512.3e6, "EUR", "exact")]),
        ("exports of EUR 34 512,3 million", [(34_512.3e6, "EUR", "exact")]),
        ("exports of 1,234 tonnes", [(1234.0, "t", "exact")]),
        ("imports fell by 3\u00a0400 million euros", []),
        ("exports of 139\u2009700 million euros", []),
        ("exports rose 1\u200b2.5 percent", []),
        ("in 2024, 300 million tonnes", [(300e6, "t", "exact")]),
        ("In 2024 300 million tonnes", [(300e6, "t", "exact")]),
        # a revision "up to" a figure, however many words name what was revised
        ("Peru revised August mining exports up to $4.71 billion", [(4.71e9, "USD", "exact")]),
        ("It revised its estimate of September exports up to US$7.96 billion", [(7.96e9, "USD", "exact")]),
        ("It revised its forecast to growth of up to 5 percent", [(5.0, "percent", "at_most")]),
        # a perfect tense signs a change as its simple past does
        ("the zloty had fallen 1.9 percent", [(-1.9, "percent", "exact")]),
        # list items with no verb of their own fall with the first
        ("wheat, maize and barley exports fell 12.4%, 8.1% and 3.0%, respectively",
         [(-12.4, "percent", "exact"), (-8.1, "percent", "exact"), (-3.0, "percent", "exact")]),
        ("rose 5.6% and fell 3.4%, respectively", [(5.6, "percent", "exact"), (-3.4, "percent", "exact")]),
    ],
)  # fmt: skip
def test_figures_written_in_regional_and_less_common_forms(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert [(f.value, f.unit, str(f.qualifier)) for f in find_figures(text)] == expected


def test_a_sign_or_word_several_currencies_write_leaves_the_currency_open() -> None:
    shared = {text: find_figures(text)[0].shared_symbol for text in (
        "Sh12 billion", "KSh12 billion", "320 billion crowns", "320 Czech crowns", "2.1 billion francs",
        "500 Swiss francs", "129.6 billion dirhams",
    )}  # fmt: skip
    assert shared == {
        "Sh12 billion": frozenset({"KES", "TZS", "UGX"}),
        "KSh12 billion": None,
        "320 billion crowns": frozenset({"CZK", "SEK", "NOK", "DKK", "ISK"}),
        "320 Czech crowns": None,  # a word between the amount and the currency names it, unless a scale
        "2.1 billion francs": frozenset({"CHF", "XOF", "XAF"}),
        "500 Swiss francs": None,
        "129.6 billion dirhams": frozenset({"AED", "MAD"}),
    }


@pytest.mark.parametrize("unit", ["(R billion)", "(ZAR billion)"])
def test_a_blank_line_may_separate_a_table_caption_from_its_header(unit: str) -> None:
    text = (
        f"Trade with the top partners, August 2025 {unit}\n\n"
        "Partner      Exports   Imports   Balance\n"
        "China          12.4      25.1     -12.7\n"
        "Germany        10.2       9.8       0.4\n"
    )
    assert [(f.text, f.value, f.unit) for f in find_figures(text)] == [
        ("12.4", 12.4e9, "ZAR"), ("25.1", 25.1e9, "ZAR"), ("-12.7", -12.7e9, "ZAR"),
        ("10.2", 10.2e9, "ZAR"), ("9.8", 9.8e9, "ZAR"), ("0.4", 0.4e9, "ZAR"),
    ]  # fmt: skip


def test_a_table_may_name_its_unit_in_a_column_instead_of_its_caption() -> None:
    text = (
        "Exports by market\nMarket      Value (US$ million)   Change (%)\n"
        "China          3,108.9         +9.8\nJapan          2,016.3         -1.2\n"
    )
    assert [(f.text, f.value, f.unit) for f in find_figures(text)] == [
        ("3,108.9", 3108.9e6, "USD"), ("+9.8", 9.8, "percent"),
        ("2,016.3", 2016.3e6, "USD"), ("-1.2", -1.2, "percent"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range of changes, even after a verb; only "from X to Y" moves between two levels
        ("expect exports to grow 1.5 to 2.5 percent next year", [(1.5, 2.5, "percent", "exact")]),
        ("orders should grow by 30% to 38%", [(30.0, 38.0, "percent", "exact")]),
        ("rose from 3 to 4 percent", [(3.0, None, "percent", "exact"), (4.0, None, "percent", "exact")]),
        # a bare number listed before a percentage is one too; a year is no number of the list
        ("fell by 5.3 and 8.1 percent", [(-5.3, None, "percent", "exact"), (-8.1, None, "percent", "exact")]),
        ("grew 4, 6 and 2 per cent",
         [(4.0, None, "percent", "exact"), (6.0, None, "percent", "exact"), (2.0, None, "percent", "exact")]),
        ("rose 1.2 and 0.8 percentage points",
         [(1.2, None, "percentage_point", "exact"), (0.8, None, "percentage_point", "exact")]),
        ("since 2024 and 5 percent", [(5.0, None, "percent", "exact")]),
        # a revision "up to" a figure is no upper bound; "past" a figure is a lower one
        ("revised July exports up to C$61.04 billion", [(61.04e9, None, "CAD", "exact")]),
        ("push exports past $900 billion", [(900e9, None, "USD", "at_least")]),
        ("exports should surpass $700 billion", [(700e9, None, "USD", "at_least")]),
        ("a total that tops 4.4 trillion yuan", [(4.4e12, None, "CNY", "at_least")]),
        ("exports could top 1.6 billion barrels", [(1.6e9, None, "bbl", "at_least")]),
        ("exports were forecast to slip 2%", [(-2.0, None, "percent", "exact")]),
        ("exports reached Rs 3,200cr", [(32e9, None, "INR", "exact")]),
        ("the top 10 markets", [(10.0, None, "count", "exact")]),
        # "ranging from X to Y" is a range, not a move
        ("estimates ranging from 1.2% to 9.0%", [(1.2, 9.0, "percent", "exact")]),
        # a price comparison written after the figure signs it
        ("crude was 11.9% cheaper than a year earlier", [(-11.9, None, "percent", "exact")]),
        ("beef was 4% dearer", [(4.0, None, "percent", "exact")]),
        # a range of physical quantities; "from X to Y tonnes" still moves between two levels
        ("a crop of between 6.8 million and 7 million tonnes", [(6.8e6, 7e6, "t", "exact")]),
        ("output of 40-45 million barrels", [(40e6, 45e6, "bbl", "exact")]),
        ("rose 2 million tonnes to 60 million tonnes",
         [(2e6, None, "t", "exact"), (60e6, None, "t", "exact")]),
        # moving "up to" a place is no bound
        ("The United Kingdom moved up to second place", [(2.0, None, "rank", "exact")]),
        ("Ontario could move up to second place", [(2.0, None, "rank", "exact")]),
        # the word after a restatement signs both figures
        ("NOK 3.2 billion, or 2 percent, less than last year",
         [(-3.2e9, None, "NOK", "exact"), (-2.0, None, "percent", "exact")]),
        ("$3 billion, or 4 percent, more than a year ago",
         [(3e9, None, "USD", "exact"), (4.0, None, "percent", "exact")]),
        # the surplus written right after an amount decides its sign, whatever came before
        ("a deficit of $1.46 billion, offset by a $5.80 billion surplus",
         [(-1.46e9, None, "USD", "exact"), (5.8e9, None, "USD", "exact")]),
    ],
)  # fmt: skip
def test_ranges_bounds_and_signs_written_in_context(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(f.value, f.high, f.unit, str(f.qualifier)) for f in find_figures(text)] == expected


def test_raising_something_else_up_to_a_figure_is_still_a_bound() -> None:
    (figure,) = find_figures("The government raised tariffs on goods worth up to $5 billion")
    assert str(figure.qualifier) == "at_most"


def test_a_span_ends_at_its_last_word_not_at_the_space_after_it() -> None:
    assert [f.text for f in find_figures("exports of 12 billion in 2025")] == ["12 billion"]


def test_a_conversion_in_brackets_is_as_approximate_as_the_amount_it_converts() -> None:
    found = find_figures(
        "trade of more than 1.73 trillion dirhams ($471 billion), and 2 billion dirhams ($544 million)"
    )
    assert [(f.value, f.qualifier) for f in found] == [
        (1.73e12, Qualifier.AT_LEAST),
        (471e9, Qualifier.AT_LEAST),
        (2e9, Qualifier.EXACT),
        (544e6, Qualifier.EXACT),
    ]


def test_each_ordinal_of_a_ranked_list_is_a_rank_and_is_distributed_like_the_list_after_it() -> None:
    found = find_figures("Japan and Korea ranked second and third, with 14.6% and 13.2%, respectively.")
    assert [(f.text, f.unit, f.respectively is not None) for f in found] == [
        ("second", "rank", True),
        ("third", "rank", True),
        ("14.6%", "percent", True),
        ("13.2%", "percent", True),
    ]
    assert "fifth" not in [f.text for f in find_figures("exports rose for the fifth time and fell")]


def test_the_second_year_of_a_season_or_fiscal_year_is_no_count() -> None:
    assert find_figures("in the 2024/25 season and fiscal 2024-25, and FY2024/25") == []


def test_and_joins_a_range_only_after_between_and_a_currency_word_after_a_list_is_every_amounts() -> None:
    listed = find_figures("exports of 9.2 billion and 12.4 billion yuan, respectively")
    assert [(f.value, f.high, f.unit) for f in listed] == [(9.2e9, None, "CNY"), (12.4e9, None, "CNY")]
    ranged = find_figures("between 9.2 billion and 12.4 billion yuan")
    assert [(f.value, f.high, f.unit) for f in ranged] == [(9.2e9, 12.4e9, "CNY")]


def test_a_currency_word_several_currencies_write_after_a_list_is_every_amounts_and_as_open() -> None:
    text = "amounted to 298.4 billion, 276.9 billion and 141.0 billion CFA francs, respectively"
    listed = find_figures(text)
    assert [(f.value, f.unit, f.respectively) for f in listed] == [
        (298.4e9, "XOF", (0, 0)), (276.9e9, "XOF", (0, 1)), (141.0e9, "XOF", (0, 2)),
    ]  # fmt: skip
    assert {f.shared_symbol for f in listed} == {frozenset({"XOF", "XAF"})}


def test_levels_before_a_respectively_list_of_their_changes_are_distributed_too() -> None:
    text = (
        "Knitwear and garment exports were $21.1 billion and $18.2 billion, up 9.7% and 7.8%, respectively."
    )
    assert [f.respectively for f in find_figures(text)] == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_a_measure_after_a_list_is_every_amounts() -> None:
    listed = find_figures("were 1.62 million, 1.41 million and 385,000 tonnes, respectively")
    assert [(f.value, f.unit, f.respectively) for f in listed] == [
        (1.62e6, "t", (0, 0)), (1.41e6, "t", (0, 1)), (385_000, "t", (0, 2)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The deficit of trade in goods decreased by CZK 12.1 billion.", 12.1e9),
        ("The deficit of trade in services widened by EUR 2 billion.", -2e9),
        ("The IMF forecast a contraction of 0.5 percent in exports.", -0.5),
        ("The balance of trade in goods was negative at USD 1.2 billion.", -1.2e9),
        ("The balance of trade in goods was positive at USD 1.2 billion.", 1.2e9),
    ],
)
def test_a_contraction_and_a_balance_negative_at_an_amount_are_negative(text: str, value: float) -> None:
    assert [f.value for f in find_figures(text)] == [value]


def test_a_suspended_hyphen_ranks_both_ordinals() -> None:
    """ "the second- and third-largest markets" states two ranks, each read on its own."""
    figures = find_figures("Czechia and France were the second- and third-largest markets.")
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("second-", 2.0, "rank"),
        ("third-largest", 3.0, "rank"),
    ]


def test_down_from_a_figure_names_the_level_it_came_from_not_a_fall() -> None:
    """The figure before "down from 92.4%" is a level; "down from last year" still signs it."""
    restated = find_figures(
        "Exports were 3.69 million bpd, or 87.6% of the total, down from 92.4% a year earlier."
    )
    assert (restated[0].value, restated[0].is_change) == (3.69e6, False)
    (signed, share) = find_figures("Exports were NOK 3.2 billion, or 2 percent, down from last year.")
    assert (signed.value, share.value) == (-3.2e9, -2.0)


def test_a_rank_stated_again_by_another_measure_is_read() -> None:
    text = "Zhejiang ranked third among provincial-level regions by total trade and second by exports."
    assert [(f.text, f.value) for f in find_figures(text)] == [("third", 3.0), ("second", 2.0)]
    assert [f.value for f in find_figures("China and Russia ranked first and second among partners")] == [
        1.0,
        2.0,
    ]


def test_a_written_minus_is_the_figure_s_own_sign_in_a_sentence_on_deficits() -> None:
    text = "The Netherlands posted the biggest deficit, at 20.1 bn euros, ahead of Spain (-3.9 bn)."
    assert [f.value for f in find_figures(text)] == [-20.1e9, -3.9e9]


def test_an_amount_restating_a_share_is_a_level_and_a_share_it_came_from_is_positive() -> None:
    ranked = find_figures("The United States ranked third with 9.1 percent, or US$1.79 billion.")
    assert [(f.value, f.is_change) for f in ranked][1:] == [(9.1, None), (1.79e9, False)]
    fell = find_figures("Exports fell 4.9 percent, or A$2.29 billion, to $40 billion.")
    assert [(f.value, f.is_change) for f in fell] == [(-4.9, None), (-2.29e9, True), (40e9, False)]
    share = find_figures("The US share was 80.2%, down from an 81.6% share a year earlier.")
    assert [f.value for f in share] == [80.2, 81.6]
    assert [(f.value, f.unit) for f in find_figures("Exports reached 1.28 million pieces.")] == [
        (1.28e6, "units")
    ]


def test_an_amount_restating_an_amount_in_another_currency_is_what_that_one_is() -> None:
    level = find_figures("Exports fell 3% to $2.82 billion in October, or Rs 793.3 billion, the bureau said.")
    assert [(f.value, f.is_change) for f in level][1:] == [(2.82e9, False), (793.3e9, False)]
    change = find_figures("Exports fell by $1.2 billion, or Rs 330 billion.")
    assert [(f.value, f.is_change) for f in change] == [(-1.2e9, True), (-330e9, True)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The average price was $65.20 per barrel, compared with $72.45 a year earlier.", "USD/bbl"),
        ("Tea fetched Rs. 1,710 per kg, against Rs. 1,654 a year earlier.", "INR/kg"),
        ("Prices fell to $410 a tonne from $455 in June.", "USD/t"),
    ],
)
def test_a_bare_amount_a_price_is_compared_with_is_a_price(text: str, unit: str) -> None:
    assert [(f.unit, f.is_change) for f in find_figures(text)][1] == (unit, False)


def test_an_amount_compared_with_a_price_that_is_no_price_stays_an_amount() -> None:
    (_, sales) = find_figures("It sold at $5 per kg, compared with $2 billion in sales.")
    assert sales.unit == "USD"


@pytest.mark.parametrize(
    ("words", "unit"),
    [
        ("2.84 trillion colones", "CRC"),
        ("3 billion lempiras", "HNL"),
        ("3 billion rials", "OMR"),
        ("3 billion tugriks", "MNT"),
        ("3 billion denars", "MKD"),
        ("CRC 2.84 trillion", "CRC"),
        # the signs their own press writes
        ("RD$45,300 million", "DOP"),
        ("₡1.2 trillion", "CRC"),
        ("₲ 3.4 billion", "PYG"),
        ("Gs. 12,000 million", "PYG"),
        ("U$S 200 million", "USD"),
        ("Q1.2 billion", "GTQ"),
        ("Br 12.4 billion", "ETB"),
        ("MK1.2 trillion", "MWK"),
        ("K106.8 billion", "ZMW"),
        ("₮ 3.1 trillion", "MNT"),
        ("₾ 1.8 billion", "GEL"),
        ("NIS 8.9 billion", "ILS"),
        ("Bs 1.2 billion", "BOB"),
        ("COP$5.8 trillion", "COP"),
        ("B/. 1.2 billion", "PAB"),
        ("12.4 billion gourdes", "HTG"),
        ("HTG 3 billion", "HTG"),
        ("L89.6 billion", "HNL"),
        ("236.6 billion soms", "KGS"),
        ("12 billion Moldovan lei", "MDL"),
        ("K37,960 per tonne", "ZMW/t"),
        ("Kz 1.2 trillion", "AOA"),
        ("MT 45 billion", "MZN"),
        ("LL 3 trillion", "LBP"),
        ("L.L. 5 billion", "LBP"),
    ],
)
def test_the_currencies_of_smaller_economies_are_read(words: str, unit: str) -> None:
    (figure,) = find_figures(f"Exports reached {words} in 2025.")
    assert figure.unit == unit


def test_a_letter_sign_is_read_only_before_an_amount_with_its_scale() -> None:
    text = "In Q1 2025 K2 climbers ran 5K races; the kwacha's K106.8 billion in Q3."
    assert [(f.text, f.unit) for f in find_figures(text)] == [("K106.8 billion", "ZMW")]
    assert find_figures("K106.8 billion")[0].shared_symbol == {"ZMW", "MWK", "PGK", "MMK"}


def test_lei_may_be_romanian_or_moldovan() -> None:
    (figure,) = find_figures("Exports reached 21.5 billion lei.")
    assert figure.shared_symbol == {"RON", "MDL"}


def test_rials_may_be_any_rial() -> None:
    (figure,) = find_figures("Exports reached 3 billion rials.")
    assert figure.shared_symbol == {"OMR", "IRR", "YER"}


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("The Netherlands was the second destination with US$384 million.", "second destination"),
        ("China remained Jordan's first source of goods.", "first source"),
        ("Its third largest export market was Japan.", "third largest export market"),
    ],
)
def test_an_ordinal_before_a_standing_noun_is_a_rank(text: str, rank: str) -> None:
    assert [f.text for f in find_figures(text) if f.unit == "rank"] == [rank]


def test_an_ordinal_before_a_standing_noun_and_to_is_no_rank() -> None:
    assert find_figures("China is the first market to reopen.") == []


def test_a_bare_amount_in_words_a_price_is_compared_with_is_a_price() -> None:
    (_, before) = find_figures("The price dropped to 16.0 dinars per kilogram from 28.3 dinars.")
    assert before.unit == "KWD/kg"  # any dinar: the reporter says which


def test_an_amount_in_another_measure_restating_a_level_is_a_level() -> None:
    text = "Exports fell 11.8 percent to $398 million, or 33,500 tonnes at an average of $11,880 per tonne."
    assert [(f.value, f.is_change) for f in find_figures(text)][1:3] == [(398e6, False), (33_500, False)]


def test_an_aside_between_a_deficit_and_its_amount_keeps_the_sign() -> None:
    text = (
        "The trade balance deficit, the difference between total exports and imports, increased by "
        "3.7 percent to JD 8,539.2 million ($12.04 billion)."
    )
    assert [f.value for f in find_figures(text)][1:] == [-8539.2e6, -12.04e9]


def test_by_one_amount_to_another_is_a_change_and_a_level_not_a_range() -> None:
    text = "widening the trade deficit by $325 million to $12,726 million"
    assert [(f.value, f.high) for f in find_figures(text)] == [(-325e6, None), (-12726e6, None)]


def test_a_share_restating_a_level_keeps_no_sign_of_the_change_before() -> None:
    text = "Exports to the EU fell 0.9% to EUR 31.22 billion, or 64.5% of the total."
    assert [f.value for f in find_figures(text)] == [-0.9, 31.22e9, 64.5]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "The trade deficit narrowed to EUR 0.9 billion, an improvement of EUR 1.37 billion.",
            [-0.9e9, 1.37e9],
        ),
        ("It showed a deficit of EUR 2 billion, a deterioration of EUR 0.5 billion.", [-2e9, -0.5e9]),
        ("The surplus rose to EUR 2 billion, an improvement of EUR 0.5 billion.", [2e9, 0.5e9]),
        (
            "Exports fell by 2.3% to EUR 50.1 billion and accounted for 67.4% of the total.",
            [-2.3, 50.1e9, 67.4],
        ),
    ],
)
def test_a_balance_s_improvement_keeps_its_sign_and_a_share_takes_none_from_a_fall(
    text: str, values: list[float]
) -> None:
    assert [f.value for f in find_figures(text)] == values


def test_a_table_with_an_unnamed_label_column_decimal_commas_and_bracketed_minuses_is_read() -> None:
    text = (
        "Table 1 International trade in goods (EUR million)\n"
        "              Oct 2024   Oct 2025   Change (%)\n"
        "Exports        6.801,6    7.012,4          3,1\n"
        "Imports        8.690,0    9.159,3        (2.3)\n"
    )
    assert [(f.text, f.value, f.unit) for f in find_figures(text)][-6:] == [
        ("6.801,6", 6_801.6e6, "EUR"),
        ("7.012,4", 7_012.4e6, "EUR"),
        ("3,1", 3.1, "percent"),
        ("8.690,0", 8_690.0e6, "EUR"),
        ("9.159,3", 9_159.3e6, "EUR"),
        ("(2.3)", -2.3, "percent"),
    ]


def test_two_ordinals_sharing_one_role_are_two_ranks() -> None:
    found = find_figures("exports to France and Germany, Spain's first and second markets, rose 2%")
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("first", 1.0, "rank"),
        ("second", 2.0, "rank"),
        ("2%", 2.0, "percent"),
    ]
