"""The rules baseline, grounding of every observation, and replay's fallback to the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT, SEED_ID, obs
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract.rules import extract_rules
from pipeline.extract.rules.products import is_product
from pipeline.extract.rules.text import sentences
from pipeline.io.articles import Article
from pipeline.io.gold import GoldSet
from pipeline.numbers.grounding import ground
from pipeline.numbers.normalise import fold_label
from pipeline.scoring.report import score

runner = CliRunner()
UNSEEN = """Shandong Province's foreign trade reached 1.68 trillion yuan in the first half of 2025, \
up 4.2 percent year-on-year, the provincial customs said on Friday.
Exports rose 6.1 percent to 1.02 trillion yuan, while imports fell 1.5 percent.
The province traded with more than 200 countries and regions. Its trade with ASEAN grew 9.8 percent, \
accounting for 17.3 percent of the total.
"""


def test_rules_type_an_article_they_were_not_written_on() -> None:
    found = {
        (o.metric, o.change, o.flow, o.partner, o.value, o.qualifier)
        for o in extract_rules(Article(id="new", text=UNSEEN))
    }
    assert found == {
        ("trade_value", None, "total", None, 1.68e12, "exact"),
        ("trade_value", "yoy", "total", None, 4.2, "exact"),
        ("trade_value", "yoy", "export", None, 6.1, "exact"),
        ("trade_value", None, "export", None, 1.02e12, "exact"),
        ("trade_value", "yoy", "import", None, -1.5, "exact"),
        ("partner_count", None, None, None, 200.0, "at_least"),
        ("trade_value", "yoy", "total", "ASEAN", 9.8, "exact"),
        ("share_of_total", None, "total", "ASEAN", 17.3, "exact"),
    }
    assert {o.entity for o in extract_rules(Article(id="new", text=UNSEEN))} == {"CN-SD"}
    assert {o.period for o in extract_rules(Article(id="new", text=UNSEEN))} == {"2025-H1"}


def test_every_rules_observation_grounds_in_its_article(gold: GoldSet) -> None:
    for article in [gold.articles[SEED_ID], Article(id="new", text=UNSEEN)]:
        for observation in extract_rules(article):
            assert ground(observation, article.text).grounded, observation


def test_rules_are_deterministic_and_score_on_the_seed(gold: GoldSet) -> None:
    first = extract_rules(gold.articles[SEED_ID])
    assert first == extract_rules(gold.articles[SEED_ID])
    strict = score(gold, first, [SEED_ID]).summary()["strict"]
    # in-sample: the rules were written while reading this article
    assert strict["f1"] > 0.9


def test_a_wrong_value_is_reported_ungrounded_with_the_disagreement(seed_text: str) -> None:
    wrong = obs(
        article_id=SEED_ID, value=9.5e12, evidence="Its total goods trade hit a record of 9.49 trillion yuan"
    )
    result = ground(wrong, seed_text)
    assert not result.grounded
    assert result.problem == "value 9.5e+12 does not match '9.49 trillion yuan' = 9.49e+12 CNY (exact)"


def test_extract_with_rules_backend_on_a_new_article_offline(tmp_path: Path) -> None:
    article = tmp_path / "shandong.txt"
    article.write_text(UNSEEN)
    out = tmp_path / "run"
    result = runner.invoke(
        app, ["extract", str(article), "--backend", "rules", "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (out / "observations.jsonl").read_text().splitlines()]
    assert len(rows) == 8 and {r["prompt_version"] for r in rows} == {"rules"}
    assert all(UNSEEN[r["evidence_start"] : r["evidence_end"]] == r["evidence"] for r in rows)
    assert json.loads((out / "manifest.json").read_text())["backend"] == "rules"


def test_replay_falls_back_to_rules_for_articles_without_recordings(tmp_path: Path) -> None:
    (tmp_path / "shandong.txt").write_text(UNSEEN)
    out = tmp_path / "run"
    seed = str(ROOT / "gold" / "articles" / f"{SEED_ID}.txt")
    args = ["extract", seed, str(tmp_path / "shandong.txt"), "--backend", "replay",
            "--fallback-rules", "--out", str(out), "--no-progress", "--store", str(ROOT / "evals/recordings"),
            "--prompts-dir", str(ROOT / "prompts")]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 article(s) had no recorded response and used the rules baseline" in result.output
    rows = [json.loads(line) for line in (out / "observations.jsonl").read_text().splitlines()]
    versions = {(r["article_id"], r["prompt_version"]) for r in rows}
    assert versions == {(SEED_ID, "v4"), ("shandong", "rules")}
    assert json.loads((out / "manifest.json").read_text())["fell_back_to_rules"] == ["shandong"]


def test_a_services_balance_is_of_services_and_the_goods_and_services_one_of_all_trade() -> None:
    text = (
        "The U.S. goods and services deficit was $131.4 billion in January 2025. "
        "The services surplus fell $0.9 billion to $24.0 billion."
    )
    found = {o.value: o.product for o in extract_rules(Article(id="x", text=text))}
    assert found == {-131.4e9: None, -0.9e9: fold_label("services"), 24.0e9: fold_label("services")}


@pytest.mark.parametrize(
    "text",
    [
        "In December, Chile's surplus was $4.8 billion, below the $6.1 billion expected by economists.",
        "In December, Chile's surplus was $4.8 billion. Analysts had expected a surplus of $6.1 billion.",
        "In December, Chile's surplus was $4.8 billion, against a median estimate of $6.1 billion.",
    ],
)
def test_an_expectation_for_the_month_a_january_release_reports_on_is_a_forecast(text: str) -> None:
    """Published in January 2025 about December 2024: the year before publication is still
    the period reported on, so what economists expected for it is no actual figure."""
    found = {
        o.value: (o.status, o.period)
        for o in extract_rules(Article(id="x", text=text, published="2025-01-06"))
    }
    assert found[6.1e9] == ("forecast", "2024-12")
    assert found.get(4.8e9, ("actual", "2024-12")) == ("actual", "2024-12")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thailand's exports rose 3.1 percent in the third quarter of 2025 from a year earlier.",
         [("trade_value", "yoy", "export", None, 3.1, "2025-Q3")]),
        ("Thailand's exports rose 3.1 percent in the first 10 months of 2025.",
         [("trade_value", "yoy", "export", None, 3.1, "2025-01/2025-10")]),
        ("Japan's exports rose 3.2 percent in the fiscal year that ended in March 2024.",
         [("trade_value", "yoy", "export", None, 3.2, "2023-04/2024-03")]),
        ("Thailand's exports rose 3.1 percent year on year in the year through September 2025.",
         [("trade_value", "yoy", "export", None, 3.1, "2025-01/2025-09")]),
        ("Thailand posted a trade deficit of $1.2 billion in March 2025.",
         [("trade_value", None, "balance", None, -1.2e9, "2025-03")]),
        ("Thailand's exports rose 2.5% month-on-month in October 2025, or $0.6 billion.",
         [("trade_value", "mom", "export", None, 2.5, "2025-10"),
          ("trade_value", "mom", "export", None, 0.6e9, "2025-10")]),
        ("Thailand's rice exports rose 5 percent to 1.2 million tonnes in October 2025.",
         [("volume", "yoy", "export", None, 5.0, "2025-10"),
          ("volume", None, "export", None, 1.2e6, "2025-10")]),
        ("In September 2025, Thailand's exports to Japan fell 2 percent.",
         [("trade_value", "yoy", "export", "JP", -2.0, "2025-09")]),
        ("LONDON - In the three months to September 2025, UK exports rose 0.8 percent from the previous "
         "quarter.",
         [("trade_value", "qoq", "export", None, 0.8, "2025-Q3")]),
        ("Thailand's exports rose 4.2 percent in the third-quarter of 2025.",
         [("trade_value", "yoy", "export", None, 4.2, "2025-Q3")]),
        ("Between January and September 2025, Thailand's exports rose 14.1 percent.",
         [("trade_value", "yoy", "export", None, 14.1, "2025-01/2025-09")]),
        ("In H1 2024, Thailand's exports fell 3.0 percent.",
         [("trade_value", "yoy", "export", None, -3.0, "2024-H1")]),
        ("In September 2025, Thailand's exports rose 1.4% on August 2025 and 2.0% on September 2024.",
         [("trade_value", "mom", "export", None, 1.4, "2025-09"),
          ("trade_value", "yoy", "export", None, 2.0, "2025-09")]),
        ("In September 2025, Thailand's exports were 6.0% higher than in March 2025.",
         [("trade_value", "vs_period", "export", None, 6.0, "2025-09")]),
    ],
)  # fmt: skip
def test_rules_read_periods_changes_balances_partners_and_volumes(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    found = [
        (o.metric, o.change, o.flow, o.partner, o.value, o.period)
        for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "US$" is a currency sign, not the United States as the subject
        ("Vietnam's exports rose 9.3 percent in September 2025. Imports reached US$7.02 billion.",
         [("VN", "export", None, 9.3, "2025-09"), ("VN", "import", None, 7.02e9, "2025-09")]),
        # the period after "from <figure>" belongs to that base figure only
        ("Thai exports rose 2% in August 2025. The trade surplus narrowed to $1.7 billion from $1.8 billion "
         "in July.",
         [("TH", "export", None, 2.0, "2025-08"), ("TH", "balance", None, 1.7e9, "2025-08"),
          ("TH", "balance", None, 1.8e9, "2025-07")]),
        # a counterpart written as a complement has no partner id
        ("In May 2025, Thai exports to Japan rose 3.2%, while imports from non-EU countries fell 1.8%.",
         [("TH", "export", "JP", 3.2, "2025-05"), ("TH", "import", None, -1.8, "2025-05")]),
        # "A is B's largest trading partner": B's trade with A
        ("China remained Vietnam's largest trading partner in 2024, with two-way trade of $205 billion.",
         [("VN", "total", "CN", 205e9, "2024")]),
        ("The United States was the top market for Philippine exports in September 2025, taking "
         "US$1.24 billion.",
         [("PH", "export", "US", 1.24e9, "2025-09")]),
        # an area named as a modifier ("U.S. supplies") is not the subject
        ("In September 2025, China's imports rose 5 percent. Imports of soybeans rose 13.2 percent as "
         "buyers shunned U.S. supplies.",
         [("CN", "import", None, 5.0, "2025-09"), ("CN", "import", None, 13.2, "2025-09")]),
        # "trade between A and B": B is the partner, whatever stands between
        ("Trade between south China's Guangxi and the Association of Southeast Asian Nations (ASEAN) rose "
         "12.4 percent in 2025.",
         [("CN-GX", "total", "ASEAN", 12.4, "2025")]),
        # an abbreviation in brackets repeats its area; it is no dateline and no new subject
        ("In May 2025, German exports to the European Union (EU) rose 1.9% to 71.2 billion euros.",
         [("DE", "export", "EU", 1.9, "2025-05"), ("DE", "export", "EU", 71.2e9, "2025-05")]),
        # a continent is not the country its name contains
    ],
)  # fmt: skip
def test_rules_read_who_and_when_from_currency_signs_bases_and_complements(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    found = [
        (o.entity, o.flow, o.partner, o.value, o.period) for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == expected


def test_tonnes_and_prices_are_of_the_commodity_named_last() -> None:
    text = (
        "SANTOS, Oct 2 (tradex) - Brazil's iron ore exports rose 4.0 percent to 35.1 million tonnes in "
        "September 2025.\nShipments were 1.2 million tonnes higher than in August. The average export price "
        "was $98 per tonne. In September 2025, goods worth $28 billion were exported and goods worth $24 "
        "billion were imported."
    )
    found = [(o.metric, o.flow, o.product, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [
        ("volume", "export", "iron ore", 4.0),
        ("volume", "export", "iron ore", 35.1e6),
        ("volume", "export", "iron ore", 1.2e6),
        ("unit_price", "export", "iron ore", 98.0),
        ("trade_value", "export", None, 28e9),
        ("trade_value", "import", None, 24e9),
    ]


def test_a_dateline_does_not_hide_the_product_of_a_later_clause() -> None:
    text = (
        "SANTIAGO, Sept 8 (tradex) - Chile's copper exports climbed to $4.62 billion in August 2025, up 5.3%."
    )
    found = [(o.product, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [("copper", 4.62e9), ("copper", 5.3)]


def test_a_continent_or_region_is_not_the_country_its_name_contains() -> None:
    text = "North America's imports grew 1.1 percent in 2025. South America's exports fell 2 percent."
    assert [o.entity for o in extract_rules(Article(id="x", text=text))] == []


def test_last_month_is_the_month_before_publication() -> None:
    text = "Thailand's exports rose 2.1 percent last month to $40.1 billion."
    january = Article(id="x", text=text, published="2026-01-09")
    assert {o.period for o in extract_rules(january)} == {"2025-12"}
    assert extract_rules(Article(id="x", text=text, published="2025-10-15"))[0].period == "2025-09"


@pytest.mark.parametrize(
    ("phrase", "published", "period"),
    [
        ("so far this year", "2025-11-20", "2025-01/2025-10"),
        ("in the year to date", "2025-04-02", "2025-01/2025-03"),
        ("year-to-date", None, "2025"),  # no date: the year, not a guessed month
        ("in the previous quarter", "2025-11-20", "2025-Q3"),
        ("last quarter", "2026-02-10", "2025-Q4"),
        ("in the 12 months to September", None, "2024-10/2025-09"),
        ("in the six months to February", None, "2024-09/2025-02"),
        ("in the year ended September", None, "2024-10/2025-09"),
        ("in the year to June 2025", None, "2025-06"),  # a change "in the year to June" is June's
        ("in the second half of last year", "2025-11-20", "2024-H2"),
        ("in the first quarter of last year", "2025-11-20", "2024-Q1"),
    ],
)  # fmt: skip
def test_periods_relative_to_publication_and_rolling_windows(
    phrase: str, published: str | None, period: str
) -> None:
    text = f"Thailand's exports rose 5.0 percent {phrase}, data for 2025 showed."
    assert [o.period for o in extract_rules(Article(id="x", text=text, published=published))] == [period]


def test_rules_report_nothing_for_an_article_without_trade_figures() -> None:
    text = (
        "BRUSSELS, Oct 2 (tradex) - Negotiators from the United States and the European Union met on "
        "Thursday for a second day of talks on steel. Officials said a deal could come by the end of 2025; "
        "the population of the bloc is about 450 million and the euro traded at $1.17."
    )
    assert extract_rules(Article(id="x", text=text)) == []


def test_a_revision_marks_the_new_figure_not_the_one_it_replaces() -> None:
    text = "Indonesia's September 2025 trade surplus was revised to $3.1 billion from $2.9 billion."
    assert [(o.value, o.status) for o in extract_rules(Article(id="x", text=text))] == [
        (3.1e9, "revised"), (2.9e9, "actual")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thailand's exports rose 5.0% on a monthly basis in October 2025.", ("export", "mom", 5.0)),
        ("Thailand's overseas sales rose 5.0% in October 2025 from a year earlier.", ("export", "yoy", 5.0)),
        (
            "Thailand's inbound shipments rose 5.0% in October 2025 from a year earlier.",
            ("import", "yoy", 5.0),
        ),
        ("Exports from Thailand rose 5.0% in October 2025 from a year earlier.", ("export", "yoy", 5.0)),
        ("Thailand's exports recorded a 5.0% year-on-year drop in October 2025.", ("export", "yoy", -5.0)),
        ("In volume terms, Thailand's exports were up 0.8% in October 2025.", ("export", "yoy", 0.8)),
        (
            "In October 2025, Thailand's exports to countries other than the United States fell 2.9%.",
            ("export", "yoy", -2.9),
        ),
        (
            "In October 2025, Thailand's exports fell 2.9%, while coal exports rose 1.2%.",
            ("export", "yoy", -2.9),
        ),
    ],
)
def test_flows_changes_and_signs_written_other_ways(text: str, expected: tuple[object, ...]) -> None:
    (first, *_) = found = extract_rules(Article(id="x", text=text))
    assert (first.flow, first.change, first.value, first.entity, first.partner) == (*expected, "TH", None)
    assert first.metric == ("volume" if "volume terms" in text else "trade_value")
    assert [o.product for o in found[1:]] == ["coal"] * (len(found) - 1)


def test_year_to_date_without_a_date_runs_to_the_month_the_release_names() -> None:
    text = (
        "The U.S. deficit was $52.8 billion in September 2025. September exports were $289.3 billion. "
        "Year to date, exports increased $75.2 billion or 3.4 percent from the same period in 2024."
    )
    found = [(o.period, o.product, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [
        ("2025-09", None, -52.8e9), ("2025-09", None, 289.3e9),
        ("2025-01/2025-09", None, 75.2e9), ("2025-01/2025-09", None, 3.4),
    ]  # fmt: skip
    # a release published in November about September data: its year runs to September
    dated = extract_rules(Article(id="x", text=text, published="2025-11-05"))
    assert [o.period for o in dated][2:] == ["2025-01/2025-09"] * 2
    undated = (
        "Year to date, U.S. exports increased $75.2 billion or 3.4 percent from the same period in 2024."
    )
    assert {o.period for o in extract_rules(Article(id="x", text=undated, published="2025-11-05"))} == {
        "2025-01/2025-10"
    }
    # "this year" inside "so far this year" is no period of its own
    text = (
        "Norway exported seafood worth NOK 15.8 billion in October 2025. So far this year, Norway has "
        "exported seafood worth NOK 146.3 billion."
    )
    assert [o.period for o in extract_rules(Article(id="x", text=text))] == ["2025-10", "2025-01/2025-10"]


def test_a_share_of_the_total_and_barrels_per_day() -> None:
    text = (
        "Saudi Arabia's crude exports fell to 5.9 million bpd in August 2025 from 6.1 million bpd in July. "
        "China remained the top destination for Saudi exports, taking 14.2% of the total."
    )
    found = [(o.metric, o.unit, o.partner, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [
        ("volume", "bbl", None, 5.9e6),
        ("volume", "bbl", None, 6.1e6),
        ("share_of_total", "percent", "CN", 14.2),
    ]  # fmt: skip


def test_ratios_to_gdp_and_currency_moves_are_not_trade() -> None:
    text = (
        "Thailand's central bank expects the current account deficit to stay between 0.5% and 1.3% of GDP in "
        "2025. The baht was trading 0.2% lower at 33.1 to the greenback."
    )
    assert extract_rules(Article(id="x", text=text)) == []


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("UK exports rose 1.2% quarter on quarter in the third quarter of 2025. Imports rose 0.4% quarter on "
         "quarter. Exports of cars fell 2.0%.", "qoq"),
        ("The U.S. deficit narrowed to $52.8 billion in September 2025 from $59.3 billion in August. Exports "
         "rose to $289.3 billion from $286.3 billion in August. Imports of cars fell 2.0%.", "mom"),
        ("Thailand's exports rose 5% from a year earlier in September 2025. Car imports fell 2.0%.", "yoy"),
        # offices that lead with the period before: the ABS, the ONS (three months on three months)
        ("Australia's goods credits were $44,612m in October 2025, down 2.4%.", "mom"),
        ("UK total exports were £225.1 billion in the three months to September 2025, down 0.3%.", "qoq"),
        ("South Africa's exports were R141.6 billion in January 2025. Mineral products fell 17.4%.", "mom"),
    ],
)  # fmt: skip
def test_a_change_that_names_no_comparison_takes_the_one_its_article_writes_most(
    text: str, change: str
) -> None:
    assert extract_rules(Article(id="x", text=text))[-1].change == change


def test_currency_prefixes_and_linking_words_are_no_products_and_brackets_share_a_comparison() -> None:
    text = (
        "South Africa's trade surplus was R21.7 billion in September 2025, attributable to exports of "
        "R189.4 billion. Exports increased by R10.5 billion (5.9%) from August 2025, after a 4.6% decline in "
        "July."
    )
    found = [(o.product, o.change, o.period, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [
        (None, None, "2025-09", 21.7e9),
        (None, None, "2025-09", 189.4e9),
        (None, "mom", "2025-09", 10.5e9),
        (None, "mom", "2025-09", 5.9),
        (None, "mom", "2025-07", -4.6),  # the paragraph compares with the month before
    ]


def test_currency_codes_pronouns_bounds_and_verbs_are_no_products() -> None:
    assert not any(is_product(word) for word in ("NOK", "them", "around", "bringing", "pushing"))
    assert all(is_product(word) for word in ("LNG", "corn", "clothing", "rapeseed"))
    text = "Norway's salmon exports rose in October 2025, with exports of NOK 1.05 billion."
    assert [o.product for o in extract_rules(Article(id="x", text=text))] == ["salmon"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("New Zealand's goods exports were $5.8 billion in September 2025.", "NZD"),
        # the writer marks Canadian dollars, so a bare "$" is a US one
        ("Canada's exports were C$64.2 billion in October 2025, and energy exports $12.1 billion.", "USD"),
        ("Vietnam's exports were $5.8 billion in September 2025.", "USD"),
        ("Pakistan's exports were Rs 2.1 trillion in October 2025.", "PKR"),
        ("India's exports were Rs 3.4 trillion in October 2025.", "INR"),
    ],
)
def test_a_bare_dollar_is_the_reporting_economys_own_unless_the_article_marks_its_dollars(
    text: str, unit: str
) -> None:
    assert extract_rules(Article(id="x", text=text))[-1].unit == unit


def _typed(text: str, *fields: str) -> list[tuple[object, ...]]:
    return [tuple(getattr(o, f) for f in fields) for o in extract_rules(Article(id="x", text=text))]


def test_an_elliptic_figure_shares_the_comparison_of_the_figure_it_pairs_with() -> None:
    text = (
        "In March 2026, Austria's exports increased by 2.2% on February 2026 and imports by 0.7%. "
        "Exports were up 4.0% and imports 1.1% on March 2025."
    )
    assert _typed(text, "flow", "change", "value") == [
        ("export", "mom", 2.2),
        ("import", "mom", 0.7),
        ("export", "yoy", 4.0),
        ("import", "yoy", 1.1),
    ]


def test_comparisons_with_month_ranges_leading_bases_and_recorded_levels() -> None:
    text = (
        "In January to May 2026, Portugal's exports grew by 3.3% and imports by 2.9% compared with January "
        "to May 2025. Compared with the first quarter of 2026, exports in the second quarter of 2026 rose "
        "1.2%. Exports stood at EUR 21.0 billion in the second quarter of 2026, 6.5% higher than the EUR "
        "19.7 billion recorded in the second quarter of 2025."
    )
    assert _typed(text, "change", "period", "value") == [
        ("yoy", "2026-01/2026-05", 3.3),
        ("yoy", "2026-01/2026-05", 2.9),
        ("qoq", "2026-Q2", 1.2),
        (None, "2026-Q2", 21.0e9),
        ("yoy", "2026-Q2", 6.5),
        (None, "2025-Q2", 19.7e9),
    ]


def test_a_base_figure_measures_what_it_is_compared_with_in_its_own_period() -> None:
    text = (
        "Ireland recorded a EUR 6.1 bn trade surplus in June 2026, compared with +EUR 7.3 bn in June 2025. "
        "Exports were EUR 19.2 bn, a fall of 2.0% compared with June 2025 (EUR 19.6 bn). "
        "The ministry expects exports of EUR 240 bn this year, compared with EUR 231 bn in 2025."
    )
    assert _typed(text, "flow", "period", "status", "value")[:4] == [
        ("balance", "2026-06", "actual", 6.1e9),
        ("balance", "2025-06", "actual", 7.3e9),
        ("export", "2026-06", "actual", 19.2e9),
        ("export", "2026-06", "actual", -2.0),
    ]
    assert _typed(text, "period", "status", "value")[4:] == [
        ("2025-06", "actual", 19.6e9),
        ("2026", "forecast", 240e9),
        ("2025", "actual", 231e9),
    ]


def test_a_streak_is_about_the_flow_its_sentence_names_and_not_a_standings_one() -> None:
    text = (
        "Finland's exports rose for a fifth consecutive month in May 2026, customs said. "
        "Sweden remained Finland's largest trading partner for the tenth straight year in 2026."
    )
    assert _typed(text, "metric", "flow", "value") == [("streak", "export", 5.0), ("streak", None, 10.0)]


def test_a_change_of_a_volume_or_price_follows_it_and_keeps_its_commodity() -> None:
    text = (
        "Peru's zinc exports rose to $410 million in July 2026. Shipments of the metal totalled 98,000 "
        "tonnes, 3.1% more than a year earlier, at an implied price of $2,740 per tonne, some 6% above its "
        "level a year ago. Zinc accounted for 6.2% of Peru's total exports, which reached $6.6 billion."
    )
    assert _typed(text, "metric", "flow", "product", "change", "value") == [
        ("trade_value", "export", "zinc", None, 410e6),
        ("volume", "export", "zinc", None, 98000.0),
        ("volume", "export", "zinc", "yoy", 3.1),
        ("unit_price", "export", "zinc", None, 2740.0),
        ("unit_price", "export", "zinc", "yoy", 6.0),
        ("share_of_total", "export", "zinc", None, 6.2),
        ("trade_value", "export", None, None, 6.6e9),
    ]


def test_an_area_that_takes_the_exports_is_a_partner_of_the_reporting_economy() -> None:
    text = (
        "Romania's exports rose 4.1% in the second quarter of 2026. Italy remained the main market, "
        "taking 11.4% of Romanian exports, while France and Hungary followed with 6.8% and 5.1%, "
        "respectively. Exports reached RON 93.2 billion, data released during a visit by Pakistan's "
        "trade minister showed."
    )
    found = _typed(text, "entity", "partner", "metric", "value")
    assert found[:4] == [
        ("RO", None, "trade_value", 4.1),
        ("RO", "IT", "share_of_total", 11.4),
        ("RO", "FR", "share_of_total", 6.8),
        ("RO", "HU", "share_of_total", 5.1),
    ]
    assert found[4][0] == "RO"  # Pakistan is named after the sentence's figure, not as its subject


def test_fiscal_years_run_from_the_reporting_economys_fiscal_start() -> None:
    cases = {
        "Pakistan's exports rose 4.7 percent to $32.1 billion in fiscal year 2024-25.": "2024-07/2025-06",
        "India's exports rose 2.1 percent to $437 billion in FY25.": "2024-04/2025-03",
        "Japan's exports rose 1.1 percent to 108 trillion yen in fiscal 2024.": "2024-04/2025-03",
        "Egypt's exports rose 6.0 percent to $40.1 billion in July-June.": "2024-07/2025-06",
        "Bangladesh's exports rose 6.2 percent to $13.48 billion in the first four months of fiscal year "
        "2025-26.": "2025-07/2025-10",
    }
    for text, period in cases.items():
        assert {o.period for o in extract_rules(Article(id="x", text=text))} == {period}, text
    text = "Colombia's coffee exports over the 12 months through October 2025 climbed 4 percent."
    assert {o.period for o in extract_rules(Article(id="x", text=text))} == {"2024-11/2025-10"}
    # the article's own word on when its fiscal year ends or begins wins over the table
    bounded = {
        "Peru's exports rose 11.6% in the 2024/25 financial year that ended in March.": "2024-04/2025-03",
        # a year that ends early in a month is the twelve months to the month before
        "Ethiopia's exports rose 5% in the 2024/25 fiscal year that ended on July 7.": "2024-07/2025-06",
        "Ethiopia's exports rose 5% in the 2024/25 Ethiopian fiscal year.": "2024-07/2025-06",
        "Ghana's exports were $3 billion in fiscal year 2024-25, which began in October.": "2024-10/2025-09",
    }
    for text, period in bounded.items():
        assert {o.period for o in extract_rules(Article(id="x", text=text))} == {period}, text
    # a "2024/25 financial year" is no coffee season, and a bare "2023/24" after it is the
    # fiscal year before, while a "2023/24 harvest" stays a season
    text = (
        "Tanzania's exports rose 11.6 percent to $17.84 billion in the 2024/25 financial year, after "
        "a strong tourist season. The deficit narrowed to $1.18 billion from $2.25 billion in 2023/24. "
        "Coffee earned $286.7 million."
    )
    assert _typed(text, "flow", "product", "period", "value") == [
        ("export", None, "2024-07/2025-06", 11.6),
        ("export", None, "2024-07/2025-06", 17.84e9),
        ("balance", None, "2024-07/2025-06", -1.18e9),
        ("balance", None, "2023-07/2024-06", -2.25e9),
        ("export", "coffee", "2024-07/2025-06", 286.7e6),
    ]
    # the first months of a season are not January's and February's
    text = "Ghana exported 118,400 tonnes of cocoa in the first two months of the 2025/26 season."
    assert {o.period for o in extract_rules(Article(id="x", text=text, published="2025-12-03"))} != {
        "2025-01/2025-02"
    }


def test_products_named_as_earnings_volumes_top_exports_and_back_references() -> None:
    text = (
        "Sri Lanka's tea export earnings climbed 9.2 percent to $700 million in the first half of 2026. "
        "The volume of rubber shipped abroad slipped 4.7 percent to 43,500 tonnes. "
        "Garments remained the top export at $2.4 billion. Their export value rose 3.0 percent. "
        "The energy trade balance posted a surplus of $1.1 billion. Total exports, which rose 2.0%, "
        "reached $6.5 billion."
    )
    assert [p for (p,) in _typed(text, "product")] == [
        "tea", "tea", "rubber", "rubber", "garment", "garment", "energy", None, None,
    ]  # fmt: skip


def test_a_percent_change_is_of_the_product_its_level_names() -> None:
    text = (
        "In the first nine months of 2026, Zambia's cobalt exports brought in $1.2 billion, an increase of "
        "7.6% on the same period of 2025."
    )
    assert _typed(text, "product", "change", "value") == [("cobalt", None, 1.2e9), ("cobalt", "yoy", 7.6)]


def test_a_level_recorded_in_a_compared_period_and_flows_and_products_carried_within_a_paragraph() -> None:
    text = (
        "Ghana's total merchandise trade stood at GHS 98.2 billion in the second quarter of 2026, 5.1% "
        "higher than the GHS 93.4 billion recorded in the first quarter of 2026 and 12.0% higher than the "
        "value recorded in the second quarter of 2025.\n"
        "Cocoa exports, which accounted for 31.5 percent of total exports, rose 7.2 percent to GHS 15.3 "
        "billion. Premium beans fetched an average of $8,100 per tonne.\n"
        "Imports of the petroleum group fell 4.4 percent. Shipments of the yellow metal rose 9.0 percent."
    )
    assert _typed(text, "flow", "product", "change", "period", "value") == [
        ("total", None, None, "2026-Q2", 98.2e9),
        ("total", None, "qoq", "2026-Q2", 5.1),
        ("total", None, None, "2026-Q1", 93.4e9),
        ("total", None, "yoy", "2026-Q2", 12.0),
        ("export", "cocoa", None, "2026-Q2", 31.5),
        ("export", "cocoa", "yoy", "2026-Q2", 7.2),
        ("export", "cocoa", None, "2026-Q2", 15.3e9),
        ("export", "cocoa", None, "2026-Q2", 8100.0),
        ("import", "petroleum group", "yoy", "2026-Q2", -4.4),
        ("export", None, "yoy", "2026-Q2", 9.0),
    ]


def test_partners_keep_their_order_and_demonyms_are_no_products() -> None:
    text = (
        "Chile's exports rose 4.0% in 2026. China took 39.7% of Chilean shipments, while exports to Peru "
        "climbed 5.2%."
    )
    assert _typed(text, "entity", "partner", "product", "value") == [
        ("CL", None, None, 4.0),
        ("CL", "CN", None, 39.7),
        ("CL", "PE", None, 5.2),
    ]


def test_a_change_from_a_revised_amount_in_the_month_before_is_month_on_month() -> None:
    text = (
        "LUSAKA - Zambia recorded a trade surplus of K4,612.8 million in October 2025, up from a revised "
        "surplus of K2,987.5 million in September. Total exports rose 9.4 percent to K22,845.1 million in "
        "October from a revised K20,881.8 million in September, while imports increased 1.9 percent to "
        "K18,232.3 million. ZamStats said annual inflation slowed to 11.8 percent."
    )  # a comparison written well after its figure states it, whatever the article compares with elsewhere
    assert _typed(text, "flow", "change", "period", "status", "value") == [
        ("balance", None, "2025-10", "actual", 4612.8e6),
        ("balance", None, "2025-09", "revised", 2987.5e6),
        ("export", "mom", "2025-10", "actual", 9.4),
        ("export", None, "2025-10", "actual", 22845.1e6),
        ("export", None, "2025-09", "revised", 20881.8e6),
        ("import", "mom", "2025-10", "actual", 1.9),
        ("import", None, "2025-10", "actual", 18232.3e6),
    ]
    yearly = text + " Exports were 18.7 percent higher than a year earlier, and 20.1 percent up on 2024."
    assert _typed(yearly, "change", "value")[2] == ("mom", 9.4)


def test_the_areas_of_an_appositive_describing_a_partner_are_neither_reporter_nor_partner() -> None:
    text = (
        "Armenia's exports rose 5% in the first half of 2026. Trade with Russia, Armenia's partner in the "
        "Eurasian Economic Union (EAEU), fell 2.3%. Exports to Germany, the largest economy in the European "
        "Union, rose 4%. Exports to China, the United States and Japan rose 3%."
    )
    assert _typed(text, "entity", "partner", "value") == [
        ("AM", None, 5.0), ("AM", "RU", -2.3), ("AM", "DE", 4.0), ("AM", "JP", 3.0),
    ]  # fmt: skip


def test_a_share_of_purchases_and_an_aside_s_first_shipment_month_that_dates_no_figure() -> None:
    text = (
        "DAKAR - Senegal's exports rose 9.8 percent to 3,215.4 billion CFA francs in 2024. Crude oil, "
        "exported for the first time in June, brought in 486.2 billion CFA francs. China was the main "
        "supplier with 14.8 percent of purchases."
    )
    assert _typed(text, "flow", "product", "partner", "metric", "period", "value")[2:] == [
        ("export", "crude oil", None, "trade_value", "2024", 486.2e9),
        ("import", None, "CN", "share_of_total", "2024", 14.8),
    ]


def test_a_description_of_a_deficit_names_no_flow_but_a_lead_in_phrase_is_no_description() -> None:
    text = (
        "Jordan's exports rose 9.1% in the first eight months of 2026. The trade deficit, the difference "
        "between imports and total exports, widened by 2.1% to JD6.71 billion. Through August, the deficit "
        "totaled JD6.9 billion, up JD0.2 billion, or 3.0%, from a year earlier."
    )
    assert [flow for (flow,) in _typed(text, "flow")] == ["export"] + ["balance"] * 5


def test_exports_by_origin_are_a_segment_and_a_plain_export_noun_ends_one() -> None:
    text = (
        "SINGAPORE - Singapore's non-oil domestic exports (NODX) rose 6.8% in October 2026. NODX rose 3.4% "
        "from the previous month. Re-exports fell 3.0%, while total exports rose 2.0%. Rwanda's "
        "national exports rose 1.1%."
    )
    assert _typed(text, "segment", "product", "value") == [
        ("non-oil domestic exports", None, 6.8),
        ("non-oil domestic exports", None, 3.4),
        ("re-exports", None, -3.0),
        (None, None, 2.0),
        ("national exports", None, 1.1),
    ]


def test_services_receipts_report_services_apart_so_goods_exports_are_goods() -> None:
    text = (
        "Tanzania's exports of goods and services rose 11.6% in 2026. Goods exports climbed 14.2%. "
        "Services receipts rose 8.6% to $8.13 billion."
    )
    assert _typed(text, "flow", "product", "value") == [
        ("export", None, 11.6), ("export", "good", 14.2), ("export", "service", 8.6),
        ("export", "service", 8.13e9),
    ]  # fmt: skip


def test_last_season_is_the_one_before_publication_s_and_an_economy_expanding_is_no_trade() -> None:
    text = (
        "ABIDJAN - Ivory Coast expects to export about 1.85 million tonnes of cocoa in the 2025/26 season. "
        "The European Union took 61.8 percent of cocoa exports last season. Exports rose 6.4 percent "
        "last season, while the economy was expanding 6.3 percent."
    )
    rows = extract_rules(Article(id="ci", text=text, published="2025-10-02"))
    assert [(o.period, o.value) for o in rows] == [
        ("2025-10/2026-09", 1.85e6), ("2024-10/2025-09", 61.8), ("2024-10/2025-09", 6.4),
    ]  # fmt: skip


def test_respectively_lists_after_followed_earned_and_a_clause_of_their_own_go_to_their_products() -> None:
    text = (
        "Jordan's exports rose 9.1% in 2026. Clothing led with JD1.1 billion. Fertilisers, potash and "
        "phosphates followed with JD612 million, JD487 million and JD455 million, respectively. Cashew nuts "
        "brought in $531.4 million, while tobacco and coffee earned $418.2 million and $286.7 million, "
        "respectively."
    )
    assert [p for (p,) in _typed(text, "product")] == [
        None, "clothing", "fertiliser", "potash", "phosphate", "cashew nut", "tobacco", "coffee",
    ]  # fmt: skip


def test_the_leading_importer_of_the_economy_s_goods_and_areas_that_were_third_and_fourth_are_partners() -> (
    None
):
    text = (
        "Sri Lanka's tea exports rose 5% to 180 million kg in 2026. Iraq continued to be the leading "
        "importer of Ceylon tea, buying 30.55 million kg. Turkey ranked second with 24.62 million kg, while "
        "the UAE, Russia and Libya were third, fourth and fifth, with 18.30 million kg, 16.85 million kg and "
        "11.72 million kg, respectively."
    )
    assert _typed(text, "entity", "flow", "partner", "value")[2:] == [
        ("LK", "export", "IQ", 30.55e6),
        ("LK", "export", "TR", 2.0),
        ("LK", "export", "TR", 24.62e6),
        ("LK", "export", "AE", 3.0),
        ("LK", "export", "RU", 4.0),
        ("LK", "export", "LY", 5.0),
        ("LK", "export", "AE", 18.3e6),
        ("LK", "export", "RU", 16.85e6),
        ("LK", "export", "LY", 11.72e6),
    ]


def test_a_products_bill_is_what_the_economy_imports_of_it() -> None:
    text = (
        "Pakistan's trade deficit widened 10% to $3.2 billion in 2026. The energy bill eased 8.7% to $1.2 "
        "billion, and the food import bill rose 3%."
    )
    assert _typed(text, "flow", "product", "value")[2:] == [
        ("import", "energy", -8.7), ("import", "energy", 1.2e9), ("import", "food", 3.0),
    ]  # fmt: skip


def test_an_amount_named_a_target_after_it_is_a_target() -> None:
    text = (
        "Bangladesh's exports rose 8.6% to $48.28 billion in 2026, short of the state's $50 billion target."
    )
    assert _typed(text, "status", "value") == [("actual", 8.6), ("actual", 48.28e9), ("target", 50e9)]


def test_a_list_before_which_goes_to_its_products_and_a_months_revised_amount_is_that_months() -> None:
    text = (
        "CAIRO - Egypt's exports rose 12 percent in August 2026. The rise was driven by higher sales of "
        "gold, fertilisers and fresh fruit, which increased by 71.2%, 24.5% and 11.6%, respectively. The "
        "deficit was 8.4 percent smaller than July's revised $3.95 billion."
    )
    assert _typed(text, "product", "period", "value")[1:] == [
        ("gold", "2026-08", 71.2), ("fertiliser", "2026-08", 24.5), ("fresh fruit", "2026-08", 11.6),
        (None, "2026-08", -8.4), (None, "2026-07", -3.95e9),
    ]  # fmt: skip


def test_free_zone_exports_an_aside_on_what_drove_them_and_an_elliptical_partner_share() -> None:
    text = (
        "MANAGUA - Nicaragua's exports rose 8 percent to US$8.4 billion in 2026. Free-zone exports, "
        "dominated by apparel assembled for U.S. brands, totalled US$3,402.3 million. Beef and coffee "
        "ranked second and third, with US$712.4 million and US$658.9 million, respectively. The United "
        "States bought 44.8 "
        "percent of Nicaragua's exports and Mexico 11.6 percent."
    )
    assert _typed(text, "entity", "segment", "product", "partner", "metric", "value")[2:] == [
        ("NI", "free-zone exports", None, None, "trade_value", 3402.3e6),
        ("NI", None, "beef", None, "rank", 2.0),
        ("NI", None, "coffee", None, "rank", 3.0),
        ("NI", None, "beef", None, "trade_value", 712.4e6),
        ("NI", None, "coffee", None, "trade_value", 658.9e6),
        ("NI", None, None, "US", "share_of_total", 44.8),
        ("NI", None, None, "MX", "share_of_total", 11.6),
    ]


def test_the_price_of_a_product_months_of_a_marketing_season_and_a_list_with_its_month() -> None:
    text = (
        "KYIV - Ukraine's grain exports rose 5 percent in October 2025. In the first four months of the "
        "2025/26 marketing season, which began in July, grain exports totalled 10.92 million tonnes. The "
        "average export price of wheat was $219 per tonne. Wheat, corn and barley exports in October stood "
        "at 1.62 million tonnes, 1.41 million tonnes and 385,000 tonnes, respectively."
    )
    assert _typed(text, "product", "period", "value")[1:] == [
        ("grain", "2025-07/2025-10", 10.92e6),
        ("wheat", "2025-10", 219.0),
        ("wheat", "2025-10", 1.62e6),
        ("corn", "2025-10", 1.41e6),
        ("barley", "2025-10", 385_000.0),
    ]


def test_a_change_from_a_base_month_with_no_period_of_its_own_is_the_month_after() -> None:
    text = (
        "Pakistan's trade deficit widened 26.4 percent year on year to $3.21 billion in October 2025.\n"
        "The deficit had stood at $2.54 billion in October 2024. On a month-on-month basis, however, the "
        "gap narrowed 4.2 percent from a revised $3.35 billion in September."
    )
    assert _typed(text, "change", "period", "value")[2:] == [
        (None, "2024-10", -2.54e9), ("mom", "2025-10", -4.2), (None, "2025-09", -3.35e9),
    ]  # fmt: skip


def test_a_percent_of_the_reporters_product_the_months_total_or_its_foreign_sales_is_a_share() -> None:
    text = (
        "Peru's copper exports rose 5 percent in September 2026. China, which buys about 72 percent of "
        "Peru's copper, remained the top destination. Gold exports totalled $1.53 billion, or about 55 "
        "percent of the month's total. Mining accounted for 10 percent of Peru's GDP."
    )
    assert _typed(text, "metric", "value") == [
        ("trade_value", 5.0), ("share_of_total", 72.0), ("trade_value", 1.53e9), ("share_of_total", 55.0),
    ]  # fmt: skip


def test_an_area_that_accounted_for_a_share_of_the_reporters_goods_exports_is_a_partner_not_a_product() -> (
    None
):
    text = (
        "Israel's goods exports rose 5 percent in October 2026. The United States accounted for 22.8 percent "
        "of Israel's goods exports in October."
    )
    assert _typed(text, "entity", "partner", "product", "metric", "value")[1:] == [
        ("IL", "US", None, "share_of_total", 22.8),
    ]


def test_the_items_of_an_elliptical_list_of_shares_are_shares_of_their_products() -> None:
    text = (
        "Ukraine's goods exports rose 5 percent in the third quarter of 2026. Agri-food products accounted "
        "for 53.6% of goods exports, ferrous metals for 8.9% and machinery, equipment and vehicles for 5.7%. "
        "Metal exports, mainly copper and cobalt, accounted for 75.2 percent of the total."
    )
    assert _typed(text, "product", "metric", "value")[1:] == [
        ("agri-food", "share_of_total", 53.6),
        ("ferrous metal", "share_of_total", 8.9),
        ("machinery, equipment and vehicle", "share_of_total", 5.7),
        ("metal", "share_of_total", 75.2),
    ]


def test_a_capital_whose_name_holds_another_country_s_and_more_datelines_name_the_economy() -> None:
    for text, entity in (
        ("PORT OF SPAIN, Aug 20 (tradex) - Exports fell 12 percent in the second quarter of 2026.", "TT"),
        ("KIGALI, Aug 20 - Exports rose 12 percent in the second quarter of 2026.", "RW"),
        ("TEGUCIGALPA, Aug 20 - Exports rose 12 percent in the second quarter of 2026.", "HN"),
    ):
        assert {o.entity for o in extract_rules(Article(id="x", text=text))} == {entity}, text


def test_maquila_exports_a_dash_aside_and_remittances_a_bank_reported() -> None:
    text = (
        "SAN SALVADOR - El Salvador's exports rose 6.1% in October 2026. Exports from the maquila sector - "
        "mostly garments assembled from imported fabric - grew 3.2% to $1,128.3 million. The central bank "
        "said family remittances, which are not part of the trade data, rose 9.1% to $7,318.4 million."
    )
    assert _typed(text, "flow", "segment", "value")[1:] == [
        ("export", "maquila exports", 3.2), ("export", "maquila exports", 1128.3e6),
    ]  # fmt: skip


def test_areas_that_accounted_for_shares_respectively_a_dash_aside_and_a_quarters_exports() -> None:
    text = (
        "Trinidad and Tobago's exports fell 9.6% in the second quarter of 2026. Guyana and the European "
        "Union accounted for 11.2% and 9.8%, respectively. Mineral fuels and lubricants - mainly natural "
        "gas, crude oil and refined products - made up 61.3% of total exports. The CSO revised "
        "first-quarter exports to TT$19.96 billion."
    )
    assert _typed(text, "entity", "partner", "product", "value")[1:] == [
        ("TT", "GY", None, 11.2),
        ("TT", "EU", None, 9.8),
        ("TT", None, "mineral fuels and lubricant", 61.3),
        ("TT", None, None, 19.96e9),
    ]


def test_a_run_of_months_across_new_year_ends_before_publication_not_starts() -> None:
    text = "Belize's sugar export volumes fell 8.7% to 131,400 tonnes between October and July."
    rows = extract_rules(Article(id="bz", text=text, published="2025-08-12"))
    assert {o.period for o in rows} == {"2024-10/2025-07"}
    rows = extract_rules(
        Article(id="bz", text="Belize's sugar exports rose 3% in December.", published="2025-08-12")
    )
    assert {o.period for o in rows} == {"2024-12"}


def test_a_base_named_after_but_belongs_to_another_figure() -> None:
    text = (
        "Belize's sugar exports rose 5% in the ten months to July 2026. In July alone, sugar shipments were "
        "worth BZ$21.3 million, 43.9% more than in June but below the BZ$26.0 million recorded in July 2025."
    )
    assert _typed(text, "change", "period", "value")[2] == ("mom", "2026-07", 43.9)


def test_a_season_so_far_runs_to_the_release_s_month() -> None:
    text = (
        "TEGUCIGALPA, April 10 - Honduras exported 610,000 bags of coffee in March. The country shipped "
        "3.62 million bags of coffee so far in the 2024/25 coffee year."
    )
    rows = extract_rules(Article(id="hn", text=text, published="2025-04-10"))
    assert [(o.period, o.value) for o in rows] == [("2025-03", 610_000), ("2024-10/2025-03", 3.62e6)]


def test_a_respectively_list_of_shares_of_re_exports_imports_after_them_and_a_biggest_customer() -> None:
    text = (
        "Panama's exports rose 3% in the first nine months of 2026. Re-exports from the zone rose 9.1%, "
        "while imports into the zone increased 5.5%. Pharmaceutical products, clothing and footwear, and "
        "electrical machinery accounted for 18.9%, 14.3% and 12.1% of re-exports, respectively. Colombia "
        "was again the "
        "zone's biggest customer, buying US$1.31 billion of goods."
    )
    assert _typed(text, "flow", "product", "segment", "partner", "metric", "value")[1:] == [
        ("export", None, "re-exports", None, "trade_value", 9.1),
        ("import", None, None, None, "trade_value", 5.5),
        ("export", "pharmaceutical", None, None, "share_of_total", 18.9),
        ("export", "clothing and footwear", None, None, "share_of_total", 14.3),
        ("export", "electrical machinery", None, None, "share_of_total", 12.1),
        ("export", None, None, "CO", "trade_value", 1.31e9),
    ]


def test_stocks_roasters_rebuilt_are_no_stock_market() -> None:
    text = (
        "Colombia's coffee exports rose 3% in October 2026. Japan ranked third with 7%, as roasters rebuilt "
        "stocks. The stock market index rose 2%."
    )
    assert _typed(text, "partner", "metric", "value") == [
        (None, "trade_value", 3.0), ("JP", "rank", 3.0), ("JP", "share_of_total", 7.0),
    ]  # fmt: skip


def test_lei_and_a_kina_price_are_the_reporters_own() -> None:
    moldova = "CHISINAU - Moldova's exports rose 4% to 21.5 billion lei in January-October 2026."
    png = "Papua New Guinea's coffee exports rose 4% in 2026, at an average price of K37,960 per tonne."
    assert [o.unit for o in extract_rules(Article(id="md", text=moldova))] == ["percent", "MDL"]
    assert [o.unit for o in extract_rules(Article(id="pg", text=png))] == ["percent", "PGK/t"]


def test_revisions_written_after_the_figure_or_as_what_a_figure_now_stands_at() -> None:
    text = (
        "Ukraine's exports in the second quarter of 2026 amounted to USD 10,464.9 million (previously "
        "published: USD 10,391.2 million). The office also revised its figures: the January-August "
        "deficit now stands at USD 2.4 billion. Imports were USD 44.47 billion in 2025, a figure it "
        "revised earlier this year."
    )
    assert _typed(text, "status", "value") == [
        ("revised", 10464.9e6), ("actual", 10391.2e6), ("revised", -2.4e9), ("revised", 44.47e9),
    ]  # fmt: skip


def test_numbered_quarters_and_halves_and_y_o_y_q_o_q_abbreviations() -> None:
    text = (
        "PRAGUE - The Czech balance of foreign trade in goods ended in a surplus of CZK 48.6 bn in the 3rd "
        "quarter of 2025, which was a y-o-y decrease of CZK 12.4 bn. After seasonal adjustment, exports "
        "increased by 0.6% q-o-q. In the 1st half of 2025, exports rose 2%."
    )
    assert _typed(text, "change", "period", "value") == [
        (None, "2025-Q3", 48.6e9), ("yoy", "2025-Q3", -12.4e9), ("qoq", "2025-Q3", 0.6),
        ("yoy", "2025-H1", 2.0),
    ]  # fmt: skip


def test_nepals_mid_month_spans_and_an_area_that_accounted_for_a_share_of_total_trade() -> None:
    text = (
        "KATHMANDU, Nov 19 - Nepal's imports rose 12.4 percent year on year to Rs 586.3 billion between "
        "mid-July and mid-November 2025. India accounted for 65.8 percent of Nepal's total trade. Imports "
        "from India stood at Rs 378.5 billion."
    )
    assert _typed(text, "entity", "partner", "period", "value") == [
        ("NP", None, "2025-07/2025-10", 12.4),
        ("NP", None, "2025-07/2025-10", 586.3e9),
        ("NP", "IN", "2025-07/2025-10", 65.8),
        ("NP", "IN", "2025-07/2025-10", 378.5e9),
    ]


def test_what_exports_include_or_exclude_and_a_which_aside_name_no_segment() -> None:
    text = (
        "RIYADH - Saudi Arabia's non-oil exports, including re-exports, rose 15.7% year on year in September "
        "2026. National non-oil exports, which exclude re-exports, grew 9.3%. Re-exports, which the office "
        "counts within non-oil exports, jumped 31.2%."
    )
    assert _typed(text, "segment", "product", "value") == [
        (None, "non-oil", 15.7), ("national non-oil exports", None, 9.3), ("re-exports", None, 31.2),
    ]  # fmt: skip


def test_figures_that_show_name_no_product_and_exports_on_course_to_rise_are_a_forecast() -> None:
    text = (
        "Ireland's CSO figures show goods exports of EUR 206.9 billion in the first ten months of 2026. "
        "The think tank said merchandise exports were on course to rise by around 38% in value this year."
    )
    assert _typed(text, "product", "status", "value") == [(None, "actual", 206.9e9), (None, "forecast", 38.0)]


def test_trade_blocs_without_an_iso_code_are_partners() -> None:
    text = (
        "Kazakhstan's exports to the Eurasian Economic Union rose 7.2% in 2026, while imports from CIS "
        "countries fell 3.0%. Shipments to ECOWAS members climbed 5.1% and exports to the EAC 2.4%."
    )
    assert _typed(text, "entity", "flow", "partner", "value") == [
        ("KZ", "export", "EAEU", 7.2),
        ("KZ", "import", "CIS", -3.0),
        ("KZ", "export", "ECOWAS", 5.1),
        ("KZ", "export", "EAC", 2.4),
    ]


def test_counts_contributions_and_a_paragraphs_comparison_carry_to_the_figures_that_follow() -> None:
    text = (
        "Hunan's foreign trade rose 6.0% year on year in 2026, lifting the country's overall foreign trade "
        "growth by 0.2 percentage points. The number of enterprises with import and export activity "
        "reached 9,870, up 8.4 percent.\n"
        "In December 2026, exports to Africa rose 3.1% on November 2026. Imports from Africa grew 2.2%.\n"
        "Exports to Europe rose 4.0%."
    )
    assert _typed(text, "metric", "change", "value") == [
        ("trade_value", "yoy", 6.0),
        ("contribution_to_growth", None, 0.2),
        ("enterprise_count", None, 9870.0),
        ("enterprise_count", "yoy", 8.4),
        ("trade_value", "mom", 3.1),
        ("trade_value", "mom", 2.2),
        ("trade_value", "yoy", 4.0),
    ]


def test_a_commodity_report_keeps_its_commodity_and_its_flow() -> None:
    text = (
        "India's coking coal imports climb to record in May\n"
        "MUMBAI, June 12 (Reuters) - India's coking coal imports rose to a record in May 2026, "
        "ship-tracking data showed.\n"
        "Shipments of the fuel into the country totalled 7.9 million tonnes last month, up 6.1% from April. "
        "The import bill came to $1.52 billion, putting the average price at $192 per ton, down from $240 a "
        "ton in May last year.\n"
        "Outbound steel shipments, meanwhile, eased 3.5% from a year earlier to 1.1 million tons in May."
    )
    assert _typed(text, "flow", "product", "metric", "period", "value") == [
        ("import", "coking coal", "volume", "2026-05", 7.9e6),
        ("import", "coking coal", "volume", "2026-05", 6.1),
        ("import", "coking coal", "trade_value", "2026-05", 1.52e9),
        ("import", "coking coal", "unit_price", "2026-05", 192.0),
        ("import", "coking coal", "unit_price", "2025-05", 240.0),
        ("export", "steel", "volume", "2026-05", -3.5),
        ("export", "steel", "volume", "2026-05", 1.1e6),
    ]


def test_a_product_heading_the_leads_subject_makes_a_report_on_that_product() -> None:
    text = (
        "LISBON, Portugal, March 3 (Reuters) - Portuguese cork exports rose 2.5% year on year in February "
        "to 98.4 million euros, the industry association said.\n"
        "Exports to France climbed 4.1% to 21.3 million euros, and France's share of total cork exports "
        "rose to 21.6%.\n"
        "Compared with January, exports were 1.2% lower."
    )
    assert _typed(text, "entity", "product", "partner", "value") == [
        ("PT", "cork", None, 2.5),
        ("PT", "cork", None, 98.4e6),
        ("PT", "cork", "FR", 4.1),
        ("PT", "cork", "FR", 21.3e6),
        ("PT", "cork", "FR", 21.6),
        ("PT", "cork", None, -1.2),
    ]


def test_a_product_named_on_the_way_in_a_report_on_all_trade_is_not_its_subject() -> None:
    text = (
        "Portugal's trade deficit widened in February as fuel imports rose, the statistics office said.\n"
        "Exports rose 2.5% to 7.1 billion euros."
    )
    assert _typed(text, "product", "value") == [(None, 2.5), (None, 7.1e9)]


def test_a_base_figures_period_decides_the_comparison_and_dates_only_the_base() -> None:
    text = (
        "ACCRA, Feb 20 - Ghana's trade rose in the fourth quarter of 2026.\n"
        "Exports were GH¢41.2 billion, up 6.5% from GH¢38.7 billion in the previous quarter and 9.9% "
        "higher than the GH¢37.5 billion recorded in the corresponding quarter of 2025. Imports fell "
        "2.2% to GH¢30.1 billion from GH¢30.8 billion in Q3 2026, but were 4.0% above the GH¢28.9 "
        "billion posted in Q4 2025."
    )
    assert _typed(text, "flow", "change", "period", "unit", "value")[1:] == [
        ("export", "qoq", "2026-Q4", "percent", 6.5),
        ("export", None, "2026-Q3", "GHS", 38.7e9),  # "in the previous quarter"
        ("export", "yoy", "2026-Q4", "percent", 9.9),  # "the corresponding quarter of 2025"
        ("export", None, "2025-Q4", "GHS", 37.5e9),
        ("import", "qoq", "2026-Q4", "percent", -2.2),  # "from ... in Q3 2026"
        ("import", None, "2026-Q4", "GHS", 30.1e9),
        ("import", None, "2026-Q3", "GHS", 30.8e9),
        ("import", "yoy", "2026-Q4", "percent", 4.0),  # not Q3 2026's, named before it
        ("import", None, "2025-Q4", "GHS", 28.9e9),
    ]


def test_flow_words_are_whole_words() -> None:
    text = (
        "Austria's exports rose 2.0% in May 2026. Exports to Italy, its most important market after "
        "Germany, grew 3.1% to 2.4 billion euros."
    )
    assert _typed(text, "flow", "partner", "value")[-2:] == [("export", "IT", 3.1), ("export", "IT", 2.4e9)]


def test_bullets_belong_to_the_paragraph_that_introduces_them_and_the_months_referred_back_to() -> None:
    text = (
        "Cambodia's trade in October 2026 rose 4.0 percent year on year.\n\n"
        "For the first 10 months of the year, two-way trade reached $52.1 billion, of which:\n\n"
        "- exports: $25.3 billion (up 12.2 percent);\n"
        "- imports: $26.8 billion (up 9.9 percent).\n\n"
        "Garment exports over the ten months totalled $8.1 billion. Goods worth $6.2 billion in "
        "mechanical and electrical products were imported and exported in the period, down 1.2 percent."
    )
    found = _typed(text, "flow", "product", "period", "value")
    assert found[2:] == [
        ("export", None, "2026-01/2026-10", 25.3e9),
        ("export", None, "2026-01/2026-10", 12.2),
        ("import", None, "2026-01/2026-10", 26.8e9),
        ("import", None, "2026-01/2026-10", 9.9),
        ("export", "garment", "2026-01/2026-10", 8.1e9),
        ("total", "mechanical and electrical", "2026-01/2026-10", 6.2e9),
        ("total", "mechanical and electrical", "2026-01/2026-10", -1.2),
    ]


def test_an_area_ranked_among_the_economys_partners_is_a_partner() -> None:
    text = (
        "China's trade rose 3.6 percent in 2026. The European Union ranked second among China's trading "
        "partners, with trade reaching 5.21 trillion yuan."
    )
    assert _typed(text, "entity", "partner", "value")[-1] == ("CN", "EU", 5.21e12)


def test_the_date_of_another_event_dates_no_figure() -> None:
    text = (
        "Swiss watch exports fell 4.6 percent in October 2025.\n\nExports to the United States plunged "
        "24.7 percent to 328.5 million francs after Washington imposed a 39 percent tariff on Swiss goods "
        "in August. Shipments to the U.S. were up 5.9 percent from September."
    )
    assert _typed(text, "period", "value") == [
        ("2025-10", -4.6), ("2025-10", -24.7), ("2025-10", 328.5e6), ("2025-10", 5.9),
    ]  # fmt: skip
    text = (
        "Indonesia's exports rose 6 percent in January-October 2025.\n\nShipments to the United States rose "
        "11.3 percent despite a 19 percent tariff imposed in August. Shipments to China rose 4.0 percent."
    )
    assert [period for (period,) in _typed(text, "period")] == ["2025-01/2025-10"] * 3


def test_the_start_of_a_fiscal_year_and_the_same_period_last_year_date_no_figure() -> None:
    text = (
        "For the first half of the fiscal year that began in April, Japan's exports rose 0.9 percent to "
        "53.47 trillion yen."
    )
    dated = extract_rules(Article(id="x", text=text, published="2025-10-22"))
    assert {o.period for o in dated} == {"2025-04/2025-09"}
    text = (
        "South Korea's exports rose 8.2% in the first 20 days of December 2025. Imports rose 1.1% to US$40.5 "
        "billion, leaving a surplus of US$800 million, compared with a deficit of US$1.4 billion in the same "
        "period last year."
    )
    assert _typed(text, "period", "value")[-1] == ("2024-12", -1.4e9)


def test_the_months_referred_back_to_are_the_years_reported_on_and_a_bases_period_dates_no_figure() -> None:
    text = (
        "In January-September 2025, Mexico had a trade deficit of $4.67 billion, compared with a "
        "shortfall of $7.95 billion in the same period of 2024, while exports rose 5.9 percent."
    )
    assert [period for period, in _typed(text, "period")] == [
        "2025-01/2025-09", "2024-01/2024-09", "2025-01/2025-09",
    ]  # fmt: skip
    text = (
        "Mexico's exports rose 5 percent in January-September 2025. In January-September 2024, exports had "
        "fallen 2 percent. Exports over the nine months totaled $489.2 billion."
    )
    assert _typed(text, "period", "value")[-1] == ("2025-01/2025-09", 489.2e9)


def test_buyers_suppliers_and_fob_prices_name_their_flow() -> None:
    text = (
        "Thailand's rice exports rose 3 percent in October 2025.\n\nIraq was the largest buyer, taking "
        "1.12 million tonnes, followed by South Africa with 640,000 tonnes.\n\nThe average FOB price of "
        "Thai white rice was $372 per tonne in October."
    )
    assert _typed(text, "entity", "flow", "partner", "value")[1:] == [
        ("TH", "export", "IQ", 1.12e6), ("TH", "export", "ZA", 640e3), ("TH", "export", None, 372.0),
    ]  # fmt: skip
    text = "Japan's imports rose 2 percent in 2025.\n\nChina was the largest supplier, with 24.8 percent."
    assert _typed(text, "flow", "partner", "value")[-1] == ("import", "CN", 24.8)


def test_a_figure_shipped_in_an_earlier_year_is_no_forecast() -> None:
    text = (
        "Thailand's rice exports fell 25 percent in January-October 2025. The association cut its full-year "
        "export forecast to 7.5 million tonnes, well below the 9.9 million tonnes shipped in 2024."
    )
    assert _typed(text, "period", "status", "value")[1:] == [
        ("2025", "forecast", 7.5e6), ("2024", "actual", 9.9e6),
    ]  # fmt: skip


def test_the_share_a_share_moved_from_and_an_areas_share_of_anothers_exports() -> None:
    text = (
        "Philippine exports rose 5 percent in October 2025. Electronics made up 57.2 percent of total "
        "export receipts, up from 56.2 percent a year earlier."
    )
    assert _typed(text, "metric", "change", "period", "value")[1:] == [
        ("share_of_total", None, "2025-10", 57.2), ("share_of_total", None, "2024-10", 56.2),
    ]  # fmt: skip
    text = (
        "Canada's exports fell 1 percent in September 2025. The U.S. share of Canadian exports fell to "
        "73.5 percent, down from 76.9 percent a year earlier."
    )
    assert _typed(text, "entity", "partner", "metric", "value")[1:] == [
        ("CA", "US", "share_of_total", 73.5), ("CA", "US", "share_of_total", 76.9),
    ]  # fmt: skip
    text = (
        "Philippine trade rose 5 percent in October 2025.\n\nThe United States remained the top destination "
        "for Philippine goods, buying $1.13 billion worth."
    )
    assert _typed(text, "flow", "partner", "value")[-1] == ("export", "US", 1.13e9)


def test_a_partner_right_after_an_amount_and_an_economys_goods_deficit() -> None:
    text = (
        "US imports rose 2 percent in September 2025.\n\nMexico, by contrast, shipped goods worth "
        "$46.3 billion to the United States in September. The U.S. goods deficit with Mexico grew to "
        "$17.5 billion."
    )
    assert _typed(text, "entity", "partner", "flow", "value")[1:] == [
        ("MX", "US", "export", 46.3e9), ("US", "MX", "balance", -17.5e9),
    ]  # fmt: skip


def test_a_products_share_and_list_items_before_a_flow_word() -> None:
    text = (
        "Peru's mining exports rose 5 percent in September 2025. Gold's share of mining exports rose to "
        "33.3 percent, while copper's share fell 4.1 percentage points to 47.5 percent."
    )
    assert _typed(text, "product", "value")[1:] == [("gold", 33.3), ("copper", -4.1), ("copper", 47.5)]
    text = (
        "Peru's exports rose 5 percent in September 2025. Zinc and silver exports increased 3.5 percent "
        "and 27.8 percent, respectively."
    )
    assert _typed(text, "product", "value")[1:] == [("zinc", 3.5), ("silver", 27.8)]


def test_goods_credits_and_debits_and_a_trading_partner_name_no_total_trade() -> None:
    text = (
        "Australia's goods credits fell $1,107m to $44,612m in October 2025, and goods debits rose $365m "
        "to $40,227m. Exports to China, Australia's biggest trading partner, fell 8.2 percent."
    )
    assert [flow for (flow,) in _typed(text, "flow")] == ["export", "export", "import", "import", "export"]


def test_areas_ranked_or_in_a_place_are_partners_but_a_countrys_provinces_report() -> None:
    text = (
        "Malaysia's exports rose 6.2% in November 2025. Singapore was the largest destination. The United "
        "States was in second place at RM17.36 billion, followed by China in third place at RM16.02 billion. "
        "Turkey ranked fourth."
    )
    assert _typed(text, "entity", "partner", "value")[1:] == [
        ("MY", "US", 2.0), ("MY", "US", 17.36e9), ("MY", "CN", 3.0), ("MY", "CN", 16.02e9), ("MY", "TR", 4.0),
    ]  # fmt: skip
    text = "China's exports rose 5 percent in 2025. Jiangsu ranked second, with exports of 3.1 trillion yuan."
    assert _typed(text, "entity", "value")[1:] == [("CN-JS", 2.0), ("CN-JS", 3.1e12)]


def test_a_level_a_figure_is_below_is_a_base_that_dates_no_later_figure() -> None:
    text = (
        "Germany's exports rose 1.4% in October 2025.\n\nExports to China rose by 2.3% on September 2025 to "
        "6.8 billion euros but were 10.4% below the level of October 2024. Imports from China increased by "
        "3.6% to 14.6 billion euros on the month."
    )
    assert {period for (period,) in _typed(text, "period")} == {"2025-10"}


def test_last_year_dates_a_figure_once() -> None:
    text = "Thailand's car exports reached 1.01 million units last year, the FTI said in January 2026."
    assert _typed(text, "period", "value") == [("2025", 1.01e6)]


def test_areas_that_follow_with_an_amount_or_a_share_are_partners() -> None:
    text = (
        "Indonesia's exports rose 6.1 percent in 2025. China remained the main destination, taking "
        "$52.9 billion, followed by the United States with $23.1 billion and India with $17.8 billion."
    )
    assert _typed(text, "entity", "partner", "value")[-3:] == [
        ("ID", "CN", 52.9e9), ("ID", "US", 23.1e9), ("ID", "IN", 17.8e9),
    ]  # fmt: skip
    text = (
        "Saudi Arabia's imports rose 3 percent in 2025. China supplied 27.1 percent of the kingdom's "
        "purchases, and the United States ranked second with 8.4 percent."
    )
    assert _typed(text, "entity", "partner", "metric")[-3:] == [
        ("SA", "CN", "share_of_total"), ("SA", "US", "rank"), ("SA", "US", "share_of_total"),
    ]  # fmt: skip
    text = (
        "Vietnam's exports rose 6 percent in 2025. China ranked second at US$30.2 billion (13.7 percent), "
        "followed by the European Union at US$25.9 billion (11.8 percent)."
    )
    assert _typed(text, "entity", "partner", "metric", "value")[1:] == [
        ("VN", "CN", "rank", 2.0), ("VN", "CN", "trade_value", 30.2e9), ("VN", "CN", "share_of_total", 13.7),
        ("VN", "EU", "trade_value", 25.9e9), ("VN", "EU", "share_of_total", 11.8),
    ]  # fmt: skip
    text = "Colombia's coffee exports rose 6 percent in 2025. Japan ranked third with a 6.4 percent share."
    assert _typed(text, "entity", "partner", "metric", "value")[1:] == [
        ("CO", "JP", "rank", 3.0), ("CO", "JP", "share_of_total", 6.4),
    ]  # fmt: skip
    text = (
        "Swiss watch exports fell 4.6 percent in October 2025. The United Kingdom moved up to second place "
        "among markets, with exports rising 8.7 percent. Hong Kong, once the industry's biggest outlet, "
        "slipped to fifth place after exports there dropped 11.3 percent."
    )
    assert _typed(text, "entity", "partner", "value")[1:] == [
        ("CH", "GB", 2.0), ("CH", "GB", 8.7), ("CH", "HK", 5.0), ("CH", "HK", -11.3),
    ]  # fmt: skip


def test_a_change_after_a_passive_flow_is_of_that_flow() -> None:
    text = "Laos's textiles worth 3.93 billion dollars were exported in 2026, down 1.2 percent."
    assert _typed(text, "flow", "value") == [("export", 3.93e9), ("export", -1.2)]


def test_leading_comparisons_expectations_streak_flows_and_partners_with_modifiers() -> None:
    text = (
        "Malaysia's exports rose 4.1 percent versus September in October 2026. On a quarterly basis, "
        "exports rose 1.8% in the third quarter, while imports declined 0.9%.\nImports rose 4.7%, versus a "
        "1.5% increase expected by analysts. It was the ninth straight month in the black. Exports to the "
        "10-member ASEAN grew 6.8 percent. Imports of consumer goods rose 2.5%, and exports of footwear and "
        "garments fell 1.0%."
    )
    found = _typed(text, "metric", "flow", "change", "partner", "product", "status", "value")
    assert found == [
        ("trade_value", "export", "mom", None, None, "actual", 4.1),
        ("trade_value", "export", "qoq", None, None, "actual", 1.8),
        ("trade_value", "import", "qoq", None, None, "actual", -0.9),
        ("trade_value", "import", "mom", None, None, "actual", 4.7),
        ("trade_value", "import", "mom", None, None, "forecast", 1.5),
        ("streak", "balance", None, None, None, "actual", 9.0),
        ("trade_value", "export", "mom", "ASEAN", None, "actual", 6.8),
        ("trade_value", "import", "mom", None, "consumer", "actual", 2.5),
        ("trade_value", "export", "mom", None, "footwear and garment", "actual", -1.0),
    ]


def test_a_second_change_joined_by_and_is_of_the_same_level() -> None:
    text = (
        "Shipments of crude oil into Turkey totalled 4.1 million tonnes in May 2026, up 8.7% from April and "
        "4.2% higher than a year earlier."
    )
    assert _typed(text, "metric", "flow", "change", "value") == [
        ("volume", "import", None, 4.1e6),
        ("volume", "import", "mom", 8.7),
        ("volume", "import", "yoy", 4.2),
    ]


def test_a_streak_is_of_the_flow_written_right_after_it() -> None:
    text = (
        "Peru booked a trade surplus of $2.66 billion in November 2026, its 67th consecutive monthly "
        "surplus, as exports rose and imports fell."
    )
    assert _typed(text, "metric", "flow", "value")[-1] == ("streak", "balance", 67.0)


def test_two_products_given_two_figures_are_not_one_product() -> None:
    text = (
        "Japan's LNG imports rose 2.5% in May 2026. Exports of footwear and garments were 9.1 billion "
        "dollars and 7.6 billion dollars. Iron and steel exports rose 3.0%."
    )
    assert [p for (p,) in _typed(text, "product")] == ["lng", None, None, "iron and steel"]


def test_shares_contributed_counts_of_a_change_and_partners_along_an_initiative() -> None:
    text = (
        "Hubei's foreign trade rose 6.0 percent in 2026. Its trade with countries participating in the "
        "Belt and Road Initiative grew 9.1 percent to 310.2 billion yuan, accounting for 48.0 percent of "
        "the total, up 1.1 percentage points. The province contributed 3.2 percent of China's exports. "
        "The number of private enterprises with import and export records rose to 9,600, an increase of "
        "300. Some 3.1 million units were shipped abroad, 9.4 percent more than a year earlier. Hubei "
        "imported 18.9 billion yuan of soybeans, down 6.8 percent."
    )
    assert _typed(text, "metric", "flow", "partner", "product", "change", "value")[1:] == [
        ("trade_value", "total", "BRI", None, "yoy", 9.1),
        ("trade_value", "total", "BRI", None, None, 310.2e9),
        ("share_of_total", "total", "BRI", None, None, 48.0),
        ("share_of_total", "total", "BRI", None, "yoy", 1.1),
        ("share_of_total", "export", None, None, None, 3.2),
        ("enterprise_count", None, None, None, None, 9600.0),
        ("enterprise_count", None, None, None, "yoy", 300.0),
        ("volume", "export", None, None, None, 3.1e6),
        ("volume", "export", None, None, "yoy", 9.4),
        ("trade_value", "import", None, "soybean", None, 18.9e9),
        ("trade_value", "import", None, "soybean", "yoy", -6.8),
    ]


def test_a_respectively_list_after_a_level_and_its_growth_goes_to_the_partners() -> None:
    text = (
        "Anhui's trade with Belt and Road countries reached 228 billion yuan in 2026, growing 8.9 percent, "
        "while trade with the European Union and the United States rose 5.6 percent and fell 3.4 percent, "
        'respectively. Exports of the "new three" -- electric vehicles, lithium batteries and solar '
        "products -- totalled 62 billion yuan."
    )
    found = _typed(text, "partner", "product", "value")
    assert found[2:] == [("EU", None, 5.6), ("US", None, -3.4), (None, "new three", 62e9)]


def test_rolling_quarters_and_bullets() -> None:
    text = (
        "Main points\n"
        "- The UK trade deficit widened by £2.1 billion to £7.4 billion in the three months to September "
        "2026, compared with the three months to June 2026.\n"
        "- Total exports increased by £1.4 billion (0.6%).\n"
        "- Compared with the three months to September 2025, total exports rose 3.1%.\n"
    )
    assert _typed(text, "change", "period", "value") == [
        ("qoq", "2026-Q3", -2.1e9),
        (None, "2026-Q3", -7.4e9),
        ("qoq", "2026-Q3", 1.4e9),
        ("qoq", "2026-Q3", 0.6),
        ("yoy", "2026-Q3", 3.1),
    ]


def test_arrivals_and_suppliers_but_not_tourists() -> None:
    text = (
        "China's September soybean imports rose 4.0% on a year earlier in September 2026.\nArrivals fell "
        "14.3% from August. Brazil supplied 9.6 million tons. Tourist arrivals rose 12% in September 2026."
    )
    assert _typed(text, "entity", "partner", "product", "change", "value") == [
        ("CN", None, "soybean", "yoy", 4.0),
        ("CN", None, "soybean", "mom", -14.3),
        ("CN", "BR", "soybean", None, 9.6e6),
    ]


def test_kinds_of_enterprise_and_areas_that_label_list_lines() -> None:
    text = (
        "Jiangsu's foreign trade rose 5.0 percent in the first five months of 2026. Foreign-invested "
        "enterprises traded 701.5 billion yuan, down 2.3 percent, while state-owned enterprises posted "
        "168.2 billion yuan.\nTrade with major partners:\n- ASEAN: 312.7 billion yuan, up 11.4 percent\n"
        "- United States: 301.9 billion yuan, down 2.8 percent\n"
    )
    assert _typed(text, "entity", "segment", "partner", "value")[1:] == [
        ("CN-JS", "foreign-invested enterprises", None, 701.5e9),
        ("CN-JS", "foreign-invested enterprises", None, -2.3),
        ("CN-JS", "state-owned enterprises", None, 168.2e9),
        ("CN-JS", None, "ASEAN", 312.7e9),
        ("CN-JS", None, "ASEAN", 11.4),
        ("CN-JS", None, "US", 301.9e9),
        ("CN-JS", None, "US", -2.8),
    ]


def test_list_lines_name_their_product_under_a_header_that_names_the_flow() -> None:
    text = (
        "Colombia's exports rose 5.0% in the third quarter of 2026. Compared with the second quarter, "
        "exports were 2.1% higher. Year-to-date exports of US$40.1 billion were 3.0% higher than a year "
        "earlier. Italy ranked first among the country's export markets.\n"
        "By group, exports were:\n"
        "* Manufactures: US$2.96 billion, up 2.6%\n"
        "- Net trade: US$1.2 billion\n"
    )
    found = _typed(text, "flow", "partner", "product", "change", "value")
    assert found[1:] == [
        ("export", None, None, "qoq", 2.1),
        ("export", None, None, None, 40.1e9),
        ("export", None, None, "yoy", 3.0),
        ("export", "IT", None, None, 1.0),
        ("export", None, "manufacture", None, 2.96e9),
        ("export", None, "manufacture", "yoy", 2.6),
        ("balance", None, None, None, 1.2e9),
    ]


def test_comparable_periods_year_to_date_targets_and_counts_of_one_flow() -> None:
    text = (
        "South Africa's exports rose 5.0% in January-October 2026. The year-to-date trade surplus of R168.3 "
        "billion compares with a surplus of R139.5 billion for the comparable period in 2025.\n"
        "The ministry expects exports to grow about 10% this year. It aims for export growth of 1-3% in "
        "2027. Analysts expect exports to contract 0.2% in December.\n"
        "South Africa exported goods to more than 120 countries, and the number of exporting companies "
        "rose to about 2,900."
    )
    found = _typed(text, "metric", "flow", "product", "status", "period", "value")
    assert found == [
        ("trade_value", "export", None, "actual", "2026-01/2026-10", 5.0),
        ("trade_value", "balance", None, "actual", "2026-01/2026-10", 168.3e9),
        ("trade_value", "balance", None, "actual", "2025-01/2025-10", 139.5e9),
        ("trade_value", "export", None, "forecast", "2026", 10.0),
        ("trade_value", "export", None, "target", "2027", 1.0),
        ("trade_value", "export", None, "target", "2027", 3.0),
        ("trade_value", "export", None, "forecast", "2026-12", -0.2),
        ("partner_count", "export", None, "actual", "2026-01/2026-10", 120.0),
        ("enterprise_count", "export", None, "actual", "2026-01/2026-10", 2900.0),
    ]


def test_trade_in_a_product_and_its_part_of_the_overall_increase() -> None:
    text = (
        "World trade in AI-related goods rose 20 percent in the first half of 2026 and accounted for 42 "
        "percent of the overall increase in world trade."
    )
    assert _typed(text, "entity", "metric", "product", "value") == [
        ("WORLD", "trade_value", "ai-related", 20.0),
        ("WORLD", "contribution_to_growth", "ai-related", 42.0),
    ]


TABLES = """KUALA LUMPUR, Nov 20 -- Malaysia's exports grew 6.2 percent in October 2025, officials said.

Imports by origin, October 2025
Origin             Value (RM million)     Share (%)     Change y/y (%)
China                        12,400.5          21.3              +8.4
Singapore                     7,010.0          12.0              -2.5
Crude petroleum               3,150.2           5.4             -11.0
Others                        9,000.0          15.5              +1.0
Total                        58,200.0         100.0              +4.1

Monthly trade, 2025 (RM billion)
Month           Exports     Imports     Balance
August            129.5       112.3        17.2
September         131.0       118.9        12.1
"""


def test_table_rows_name_partners_products_and_months_and_columns_name_what_cells_are() -> None:
    found = {
        (o.flow, o.metric, o.change, o.partner, o.product, o.period, o.value, o.unit)
        for o in extract_rules(Article(id="t", text=TABLES))
        if o.evidence.startswith(("China", "Crude", "Total", "August", "Others"))
    }
    assert found == {
        ("import", "trade_value", None, "CN", None, "2025-10", 12400.5e6, "MYR"),
        ("import", "share_of_total", None, "CN", None, "2025-10", 21.3, "percent"),
        ("import", "trade_value", "yoy", "CN", None, "2025-10", 8.4, "percent"),
        ("import", "trade_value", None, None, "crude petroleum", "2025-10", 3150.2e6, "MYR"),
        ("import", "share_of_total", None, None, "crude petroleum", "2025-10", 5.4, "percent"),
        ("import", "trade_value", "yoy", None, "crude petroleum", "2025-10", -11.0, "percent"),
        ("import", "trade_value", None, None, None, "2025-10", 58200e6, "MYR"),
        ("import", "share_of_total", None, None, None, "2025-10", 100.0, "percent"),
        ("import", "trade_value", "yoy", None, None, "2025-10", 4.1, "percent"),
        ("export", "trade_value", None, None, None, "2025-08", 129.5e9, "MYR"),
        ("import", "trade_value", None, None, None, "2025-08", 112.3e9, "MYR"),
        ("balance", "trade_value", None, None, None, "2025-08", 17.2e9, "MYR"),
    }
    assert all(o.entity == "MY" for o in extract_rules(Article(id="t", text=TABLES)))


def test_a_table_by_member_state_names_the_reporters_not_partners() -> None:
    text = (
        "The euro area recorded a €9.8 bn surplus in trade with the rest of the world in September 2025.\n\n"
        "Table 1: Extra-EU trade by Member State, September 2025 (EUR billion)\n"
        "Member State  Exports  Imports  Balance\n"
        "Germany  62.4  48.7  13.7\n"
        "France  21.6  24.9  -3.3\n"
    )
    rows = {
        (o.entity, o.partner, o.flow, o.value)
        for o in extract_rules(Article(id="t", text=text))
        if o.evidence.startswith("France")
    }
    assert rows == {
        ("FR", None, "export", 21.6e9),
        ("FR", None, "import", 24.9e9),
        ("FR", None, "balance", -3.3e9),
    }


def test_table_columns_named_by_an_abbreviated_month_and_year() -> None:
    text = (
        "Taiwan's export orders rose 23.4% in October 2025.\n\n"
        "Table 1: Export orders by product (US$ billion)\n"
        "Product                Oct 2025  Oct 2024  YoY %\n"
        "Basic metals              2.61      2.72   -4.0\n"
        "Machinery                 2.05      2.11   -2.8\n"
    )
    levels = {
        (o.product, o.period, o.value)
        for o in extract_rules(Article(id="t", text=text))
        if o.change is None and o.evidence.startswith(("Basic", "Machinery"))
    }
    assert levels == {
        ("basic metal", "2025-10", 2.61e9), ("basic metal", "2024-10", 2.72e9),
        ("machinery", "2025-10", 2.05e9), ("machinery", "2024-10", 2.11e9),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a US or Canadian monthly release compares with the previous month unless it says otherwise
        (
            "U.S. exports edged up $1.1 billion, or 0.4 percent, to $289.3 billion in October 2025.",
            ["mom"] * 2,
        ),
        (
            "Canada's exports rose 6.3 percent in September 2025. On a quarterly basis, exports fell 0.4 "
            "percent in the third quarter. Economists expect exports to grow 2.5 percent next year.",
            ["mom", "qoq", "yoy"],
        ),
        ("Thailand's exports rose 5.1 percent in October 2025, seasonally adjusted.", ["mom"]),
        # however often a US release compares its year to date with the year before
        (
            "U.S. exports rose 1.0% in October 2025. Year to date, exports increased 5.5% from the same "
            "period in 2024, and imports 7.8% from a year earlier.",
            ["mom", "yoy", "yoy"],
        ),
        ("Vietnam's exports rose 5.1 percent in October 2025.", ["yoy"]),
        # one quarter-on-quarter phrase does not make a month's change quarter on quarter
        (
            "Vietnam's exports rose 5.1 percent in October 2025 and 2 percent on a quarterly basis in Q3.",
            ["yoy", "qoq"],
        ),
    ],
)
def test_a_change_that_does_not_say_its_comparison_takes_one_its_period_has(
    text: str, expected: list[str]
) -> None:
    assert [
        o.change for o in extract_rules(Article(id="x", text=text)) if o.unit == "percent" or o.change
    ] == expected


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("Japan's deficit was 2.6 tn yen in the fiscal year's first half", "2025-10-20", "2025-04/2025-09"),
        ("Australia's exports rose 3% in the fiscal second half.", "2026-08-01", "2026-01/2026-06"),
        ("India's exports rose 3% in the third quarter of the fiscal year.", "2026-01-20", "2025-10/2025-12"),
    ],
)  # fmt: skip
def test_a_half_or_quarter_of_the_fiscal_year_is_the_latest_to_end_by_publication(
    text: str, published: str, period: str
) -> None:
    assert {o.period for o in extract_rules(Article(id="x", text=text, published=published))} == {period}


def test_a_quarterly_release_its_quarter_revisions_and_prices_beside_volumes() -> None:
    text = (
        "Australia's surplus narrowed to A$11.1 billion in the December quarter of 2025, from a revised "
        "A$12.5 billion in the September quarter. Compared with the December quarter of 2024, exports were "
        "4.1% lower. Liquefied natural gas exports rose 2.2% to A$16.0 billion in the September quarter. "
        "Copper exports dropped 3.3% in the quarter. In volume terms, exports fell 0.7%, while export prices "
        "fell 1.9%."
    )
    found = [
        (o.metric, o.change, o.product, o.period, o.status, o.value)
        for o in extract_rules(Article(id="x", text=text, published="2026-03-03"))
    ]
    assert found[:2] == [
        ("trade_value", None, None, "2025-Q4", "actual", 11.1e9),
        ("trade_value", None, None, "2025-Q3", "revised", 12.5e9),
    ]
    assert ("trade_value", "yoy", None, "2025-Q4", "actual", -4.1) in found
    copper = ("trade_value", "yoy", "copper", "2025-Q4", "actual", -3.3)
    assert copper in found  # "in the quarter" is the quarter the release is about
    assert found[-2:] == [
        ("volume", "yoy", None, "2025-Q4", "actual", -0.7),  # all exports, not the gas named before
        ("unit_price", "yoy", None, "2025-Q4", "actual", -1.9),
    ]


def test_an_article_that_never_names_its_economy_is_the_datelines() -> None:
    text = (
        "WELLINGTON, Nov 19 - Goods exports rose $512 million (9.1 percent) in October 2025 compared with "
        "October 2024, to $6.1 billion, the statistics office said.\n\n"
        "The New Zealand dollar was trading at 57.1 US cents after the release."
    )
    found = {(o.entity, o.unit) for o in extract_rules(Article(id="x", text=text))}
    assert found == {("NZ", "NZD"), ("NZ", "percent")}
    named = text.replace("Goods exports", "Chile's goods exports")  # a subject in the lead wins
    assert {o.entity for o in extract_rules(Article(id="x", text=named))} == {"CL"}


def test_an_article_that_names_no_economy_in_its_lead_is_its_statistics_offices() -> None:
    text = (
        "Goods exports rose $487 million (9.1 percent) in September 2025 compared with September 2024, to "
        "reach $5.8 billion, according to figures released by Stats NZ today.\n"
        "Goods imports rose $215 million (3.0 percent) to $7.4 billion over the same period.\n"
        "Exports to China rose $118 million (12 percent) to $1.1 billion.\n"
        "China remained the largest market."
    )
    assert {(o.entity, o.unit) for o in extract_rules(Article(id="x", text=text))} == {
        ("NZ", "NZD"), ("NZ", "percent"),
    }  # fmt: skip
    named = text.replace("Goods exports rose $487", "Chile's goods exports rose $487")  # a subject wins
    assert {o.entity for o in extract_rules(Article(id="x", text=named))} == {"CL"}


def test_a_canadian_province_reports_its_own_trade() -> None:
    text = "Quebec's international exports fell 3.4% from the second quarter of 2025 to C$28.6 billion."
    assert {o.entity for o in extract_rules(Article(id="x", text=text))} == {"CA-QC"}


def test_a_fiscal_year_written_alone_a_capital_for_its_country_and_tariffs_as_modifiers() -> None:
    text = (
        "NEW DELHI, April 15 - India's merchandise exports edged up 0.1% to $437.42 billion in the 2024-25 "
        "financial year that ended in March. Imports from China climbed 11.5% to $113.45 billion, pushing "
        "the trade deficit with Beijing to $99.2 billion. The government aims to lift exports to more than "
        "$900 billion in 2025-26, though U.S. reciprocal tariffs of 26% clouded the outlook."
    )
    found = [
        (o.entity, o.partner, o.product, o.period, o.status, o.value)
        for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == [
        ("IN", None, None, "2024-04/2025-03", "actual", 0.1),
        ("IN", None, None, "2024-04/2025-03", "actual", 437.42e9),
        ("IN", "CN", None, "2024-04/2025-03", "actual", 11.5),
        ("IN", "CN", None, "2024-04/2025-03", "actual", 113.45e9),
        ("IN", "CN", None, "2024-04/2025-03", "actual", -99.2e9),
        ("IN", None, None, "2025-04/2026-03", "target", 900e9),
    ]


def test_product_adjectives_purchases_asides_segments_and_the_year_to_a_month() -> None:
    text = (
        "Japan's exports of integrated circuits climbed 18.7 percent in October 2025, while crude oil "
        "purchases fell 12.3 percent. Shipments to China, excluding Hong Kong, rose 8.7%. Imports increased "
        "0.7% in the year to October. The number of exporters exceeded 72,000, of which about 61,000 "
        "were private firms."
    )
    found = [
        (o.product, o.partner, o.segment, o.period, o.value)
        for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == [
        ("integrated circuit", None, None, "2025-10", 18.7),
        ("crude oil", None, None, "2025-10", -12.3),
        (None, "CN", None, "2025-10", 8.7),
        (None, None, None, "2025-10", 0.7),
        (None, None, None, "2025-10", 72000.0),
        (None, None, "private enterprises", "2025-10", 61000.0),
    ]


def test_shares_listed_after_a_share_base_periods_and_the_same_quarter_of_a_year() -> None:
    text = (
        "The EU's surplus with the United States narrowed to 40.1 billion euros in the third quarter of 2025 "
        "from 55.2 billion euros in the second quarter, as exports to the U.S. slid 12.5 percent. "
        "Compared with the third quarter of 2024, unadjusted exports rose 1.1 percent.\n\n"
        "The United States remained the EU's largest export partner, taking 19.1 percent of extra-EU "
        "exports, ahead of the United Kingdom with 12.8 percent. China supplied 21.2 percent of extra-EU "
        "imports. The surplus was 47.1 billion euros, compared with 54.3 billion euros in the same quarter "
        "of 2024."
    )
    found = [
        (o.metric, o.flow, o.partner, o.product, o.period, o.value)
        for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == [
        ("trade_value", "balance", "US", None, "2025-Q3", 40.1e9),
        ("trade_value", "balance", "US", None, "2025-Q2", 55.2e9),
        ("trade_value", "export", "US", None, "2025-Q3", -12.5),
        ("trade_value", "export", None, None, "2025-Q3", 1.1),
        ("share_of_total", "export", "US", None, "2025-Q3", 19.1),
        ("share_of_total", "export", "GB", None, "2025-Q3", 12.8),
        ("share_of_total", "import", "CN", None, "2025-Q3", 21.2),
        ("trade_value", "balance", None, None, "2025-Q3", 47.1e9),
        ("trade_value", "balance", None, None, "2024-Q3", 54.3e9),
    ]


def test_buyers_expectations_possessive_months_and_demand_from_elsewhere() -> None:
    text = (
        "JAKARTA, Nov 14 - Indonesia booked a trade surplus of $3.95 billion in October 2025, the 66th "
        "consecutive month of surplus for the largest economy in Southeast Asia. The surplus was narrower "
        "than September's $4.34 billion and above the $3.7 billion median estimate. Exports climbed 9.1% "
        "from a year earlier, beating forecasts and expectations, while imports grew 5.2% year on year. "
        "Compared with September, exports fell 1.3%.\n\n"
        "Palm oil exports jumped 41.2% on robust demand from India and Pakistan, with volumes reaching 2.2 "
        "million tonnes.\n\nChina remained the largest buyer of Indonesian goods, taking $5.6 billion "
        "worth, followed by the United States at $2.5 billion."
    )
    found = [
        (o.metric, o.flow, o.change, o.partner, o.product, o.period, o.status, o.value)
        for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == [
        ("trade_value", "balance", None, None, None, "2025-10", "actual", 3.95e9),
        ("streak", "balance", None, None, None, "2025-10", "actual", 66.0),
        ("trade_value", "balance", None, None, None, "2025-09", "actual", 4.34e9),
        ("trade_value", "balance", None, None, None, "2025-10", "forecast", 3.7e9),
        ("trade_value", "export", "yoy", None, None, "2025-10", "actual", 9.1),
        ("trade_value", "import", "yoy", None, None, "2025-10", "actual", 5.2),
        ("trade_value", "export", "mom", None, None, "2025-10", "actual", -1.3),
        ("trade_value", "export", "yoy", None, "palm oil", "2025-10", "actual", 41.2),
        ("volume", "export", None, None, "palm oil", "2025-10", "actual", 2.2e6),
        ("trade_value", "export", None, "CN", None, "2025-10", "actual", 5.6e9),
        ("trade_value", "export", None, "US", None, "2025-10", "actual", 2.5e9),
    ]
    assert {o.entity for o in extract_rules(Article(id="x", text=text))} == {"ID"}


def test_verbs_are_no_products_absorbed_shares_and_a_base_in_the_same_period() -> None:
    text = (
        "Mexico posted a trade deficit of $1.3 billion in October 2025. Seasonally adjusted figures showed "
        "exports increasing 1.1% from September.\n\n"
        "In the January-October period, Mexico accumulated a trade deficit of $6.1 billion, compared with a "
        "$11.0 billion gap in the same period of 2024. The United States absorbed 82.9% of Mexican exports "
        "over the ten months."
    )
    found = [
        (o.metric, o.partner, o.product, o.period, o.value) for o in extract_rules(Article(id="x", text=text))
    ]
    assert found == [
        ("trade_value", None, None, "2025-10", -1.3e9),
        ("trade_value", None, None, "2025-10", 1.1),
        ("trade_value", None, None, "2025-01/2025-10", -6.1e9),
        ("trade_value", None, None, "2024-01/2024-10", -11.0e9),
        ("share_of_total", "US", None, "2025-01/2025-10", 82.9),
    ]


def test_a_product_named_as_the_subject_of_its_change() -> None:
    text = (
        "Australia's exports rose 1.2% in October 2025. Metal ores and minerals led the gain in exports, "
        "rising 4.8%. Coal, coke and briquettes fell 2.9%. On the import side, capital goods rose 3.1%. "
        "Shipped copper volumes slipped 1.5%. Export prices fell 0.4%. Arrivals slid 0.9%. Gold, still "
        "the largest single export, fell 2.2%."
    )
    found = [(o.product, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [
        (None, 1.2),
        ("metal ores and mineral", 4.8),
        ("coal, coke and briquette", -2.9),
        ("capital", 3.1),  # "goods" is a generic tail
        ("copper", -1.5),
        (None, -0.4),
        (None, -0.9),
        ("gold", -2.2),
    ]


def test_goods_and_services_are_products_only_where_a_release_reports_them_apart() -> None:
    apart = (
        "The U.K. trade deficit widened by £2.8 billion in the three months to September 2025. Goods exports "
        "decreased by £1.3 billion, while services exports increased by 1.2%. Exports of goods and services "
        "fell 0.2%."
    )
    found = [(o.product, o.value) for o in extract_rules(Article(id="x", text=apart))]
    assert found == [(None, -2.8e9), ("good", -1.3e9), ("service", 1.2), (None, -0.2)]
    goods_only = "Germany's goods exports decreased by 1.3% in September 2025."
    assert [o.product for o in extract_rules(Article(id="x", text=goods_only))] == [None]


def test_day_ranges_name_their_month_and_reporting_verbs_are_no_products() -> None:
    text = (
        "Shipments of Malaysian palm oil products for Nov. 1-30 fell 9.1% to 1,341,500 tonnes from "
        "1,475,800 tonnes shipped during Oct. 1-31, a cargo surveyor said. Another surveyor put exports at "
        "1,318,600 tonnes."
    )
    found = [
        (o.product, o.period, o.value)
        for o in extract_rules(Article(id="x", text=text, published="2025-12-01"))
    ]
    assert found == [
        ("palm oil", "2025-11", -9.1),
        ("palm oil", "2025-11", 1341500.0),
        ("palm oil", "2025-10", 1475800.0),
        ("palm oil", "2025-11", 1318600.0),
    ]


def test_a_world_outlook_trade_in_services_set_to_and_no_gdp() -> None:
    text = (
        "GENEVA, Dec 9 - World trade was set to expand by roughly 7 percent in 2025, UNCTAD "
        "said. Trade in services is expected to grow about 9 percent. The IMF forecast that world trade "
        "volumes would grow 3.6 percent in 2025. It expects the global economy to expand 3.2 percent."
    )
    found = [
        (o.metric, o.product, o.status, o.value)
        for o in extract_rules(Article(id="x", text=text, published="2025-12-09"))
    ]
    assert found == [
        ("trade_value", None, "forecast", 7.0),
        ("trade_value", "service", "forecast", 9.0),
        ("volume", None, "forecast", 3.6),
    ]


def test_non_oil_goods_are_a_product_and_non_eu_markets_a_complement() -> None:
    text = (
        "Saudi Arabia's non-oil exports rose 21.4% in the third quarter of 2025. Non-EU exports fell 3.2%, "
        "while non-monetary gold exports jumped 9.9%. The share of oil exports in total exports dropped "
        "to 67.3%."
    )
    found = [(o.product, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [("non-oil", 21.4), (None, -3.2), ("non-monetary gold", 9.9), ("oil", 67.3)]


def test_verbs_in_ing_are_no_products_and_oil_and_gas_is_one() -> None:
    text = (
        "Indonesia's oil and gas trade balance posted a deficit of $1.46 billion in September 2025. "
        "China remained the top buyer, taking exports worth $5.9 billion."
    )
    found = [(o.product, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [("oil and gas", -1.46e9), (None, 5.9e9)]


def test_a_change_dated_in_passing_does_not_date_the_figures_after_it() -> None:
    text = (
        "Canada's exports rose 6.3% in September 2025, following a 3.0% decline in August, while imports "
        "edged up 0.3%. In volume terms, exports increased 3.6%."
    )
    found = [(o.period, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [("2025-09", 6.3), ("2025-08", -3.0), ("2025-09", 0.3), ("2025-09", 3.6)]


def test_a_year_written_before_the_figure_it_dates() -> None:
    text = (
        "Brazil's trade surplus was $65 billion in 2025. The ministry projects a 2026 surplus of $80 billion."
    )
    found = [
        (o.period, o.status, o.value)
        for o in extract_rules(Article(id="x", text=text, published="2026-01-06"))
    ]
    assert found == [("2025", "actual", 65e9), ("2026", "forecast", 80e9)]


def test_products_that_end_like_verbs_and_demand_from_an_area() -> None:
    text = (
        "Bangladesh's exports of clothing rose 5.2% in October 2025, while rapeseed exports fell 1.1%. "
        "Demand from China slowed, and exports fell 3.1%."
    )
    found = [(o.product, o.partner, o.value) for o in extract_rules(Article(id="x", text=text))]
    assert found == [("clothing", None, 5.2), ("rapeseed", None, -1.1), (None, None, -3.1)]


@pytest.mark.parametrize(
    ("reporter", "amount", "unit"),
    [
        ("Colombia's", "12.4 trillion pesos", "COP"),
        ("Mexico's", "12.4 trillion pesos", "MXN"),
        ("Tanzania's", "12.4 trillion shillings", "TZS"),
        ("Qatar's", "12.4 billion riyals", "QAR"),
        ("Egypt's", "12.4 billion pounds", "EGP"),
        ("Colombia's", "$12.4 billion", "USD"),
        ("Japan's", "¥9.2 trillion", "JPY"),
        ("China's", "¥9.2 trillion", "CNY"),
    ],
)
def test_a_currency_word_several_economies_share_is_the_reporters_own(
    reporter: str, amount: str, unit: str
) -> None:
    text = f"{reporter} exports rose to {amount} in October 2026."
    assert _typed(text, "unit", "value")[0][0] == unit


def test_a_ranked_list_and_its_shares_go_to_the_areas_named_before_them() -> None:
    text = (
        "Vietnam's exports rose 5.1 percent in October 2026. Japan and South Korea ranked second and "
        "third among its markets, with shares of 14.6 percent and 13.2 percent, respectively. Imports "
        "fell for a second month, and the trade surplus was $2.1 billion."
    )
    assert _typed(text, "partner", "flow", "metric", "value")[1:] == [
        ("JP", "export", "rank", 2.0),
        ("KR", "export", "rank", 3.0),
        ("JP", "export", "share_of_total", 14.6),
        ("KR", "export", "share_of_total", 13.2),
        (None, "import", "streak", 2.0),
        (None, "balance", "trade_value", 2.1e9),
    ]


def test_rates_taxes_discounts_and_a_blocs_members_are_no_trade_figures() -> None:
    text = (
        "Peru's exports rose 4.0 percent in October 2026. The central bank held its reference rate at 4.25 "
        "percent, the sol was 2.1 percent weaker than a year earlier, and the government cut the export "
        "tax on copper concentrate to 3 percent. Buyers asked for discounts of 5 percent. The industry "
        "employs 90,000 people in about 700 companies. The Pacific Alliance, which links 4 countries, "
        "lowered its growth forecast to 2.5 percent. Passenger car imports rose 6.1 percent."
    )
    expected = [(None, "export", 4.0), ("passenger car", "import", 6.1)]
    assert _typed(text, "product", "flow", "value") == expected


def test_a_revision_that_puts_a_figure_at_a_new_level_revises_that_figure_only() -> None:
    text = (
        "Chile posted a trade surplus of $1.2 billion in October 2026. The central bank also revised its "
        "September data, putting the surplus for that month at $0.9 billion instead of $1.1 billion. "
        "Exports in September are now put at $8.1 billion."
    )
    assert _typed(text, "status", "value") == [
        ("actual", 1.2e9),
        ("revised", 0.9e9),
        ("actual", 1.1e9),
        ("revised", 8.1e9),
    ]


def test_a_marketing_year_is_read_from_the_season_bounds_or_the_commodity() -> None:
    text = (
        "ACCRA, Nov 3 - Ghana exported 510,000 tonnes of cocoa beans in the 2024/25 season, down 6.1% "
        "from the previous season. The regulator expects exports of 600,000 tonnes in 2025/26."
    )
    assert _typed(text, "metric", "change", "period", "status", "value") == [
        ("volume", None, "2024-10/2025-09", "actual", 510e3),
        ("volume", "yoy", "2024-10/2025-09", "actual", -6.1),
        ("volume", None, "2025-10/2026-09", "forecast", 600e3),
    ]
    stated = "Russia exported 22.1 million tonnes of wheat in the 2025/26 season that began in July."
    assert _typed(stated, "period", "value") == [("2025-07/2026-06", 22.1e6)]
    told = "Kenya exported 2.1 million tonnes of tea in the 2024/25 season that ended in June."
    assert _typed(told, "period", "value") == [("2024-07/2025-06", 2.1e6)]


def test_an_areas_name_is_no_part_of_the_product_after_it() -> None:
    text = (
        "Ivory Coast cocoa exports fell 8.3% in 2025, and farmgate prices rose 12% to 2,800 CFA francs a kg."
    )
    assert _typed(text, "entity", "product", "value") == [("CI", "cocoa", -8.3)]


def test_a_gulf_release_in_local_currency_with_its_partners_and_a_product_after_a_total() -> None:
    text = (
        "KUWAIT CITY, Nov 16 - Kuwait's non-oil exports rose 5.5% in the third quarter of 2026 to KD 412.5 "
        "million. Total merchandise exports, including oil, reached KD 4.116 billion, down 3.8% as lower "
        "prices cut the value of oil exports by 6.5% to KD 3.704 billion. The UAE was the largest "
        "destination for non-oil goods, taking KD 98.6 million, followed by Saudi Arabia with KD 71.0 "
        "million. Goods of Kuwaiti origin rose 2.0%."
    )
    found = _typed(text, "partner", "product", "unit", "value")
    assert found[1:] == [
        (None, "non-oil", "KWD", 412.5e6),
        (None, None, "KWD", 4.116e9),
        (None, None, "percent", -3.8),
        (None, "oil", "percent", -6.5),  # the total named before it is not this figure's
        (None, "oil", "KWD", 3.704e9),
        ("AE", None, "KWD", 98.6e6),
        ("SA", None, "KWD", 71.0e6),  # "with KD 71.0 million": a partner by its amount
        (None, None, "percent", 2.0),  # "Kuwaiti" is whose goods, not which
    ]


def test_a_release_titled_by_its_month_reports_on_the_period_its_body_names() -> None:
    text = (
        "Trade bulletin: June 2026\n\n"
        "The UK's total trade deficit widened by £1.1 billion to £6.4 billion in the three months to June "
        "2026.\n\n"
        "Goods exports fell 0.8% to £95.2 billion.\n\n"
        "In June 2026 alone the deficit was £2.0 billion."
    )
    assert _typed(text, "period", "value") == [
        ("2026-Q2", -1.1e9),
        ("2026-Q2", -6.4e9),
        ("2026-Q2", -0.8),
        ("2026-Q2", 95.2e9),
        ("2026-06", -2.0e9),
    ]


def test_a_later_clause_names_its_own_product_and_adjectives_in_s_are_no_verbs() -> None:
    text = (
        "Malaysia's exports rose 4.0% in October 2026. Rubber products remained the largest item at "
        "RM9.1 billion, up 4.6%, while gloves and condoms slipped 1.3%. Exports of precious metals and "
        "stones rose 14.8%. Coal, coke and briquettes fell 4.4%."
    )
    assert _typed(text, "product", "value")[1:] == [
        ("rubber", 9.1e9),
        ("rubber", 4.6),
        ("gloves and condom", -1.3),
        ("precious metals and stone", 14.8),
        ("coal, coke and briquette", -4.4),
    ]


def test_each_figure_is_about_the_area_named_last_before_it_as_its_subject() -> None:
    text = (
        "Canada's exports rose 2.0% in the third quarter of 2026. Ontario's exports rose 5.5%, while "
        "Quebec's rose 3.1%. Nationally, Canada's exports were C$189.3 billion, and Alberta accounted for "
        "22.0% of the total. Ontario remained Canada's top exporter, with 33.0% of Canada's exports."
    )
    assert _typed(text, "entity", "value") == [
        ("CA", 2.0),
        ("CA-ON", 5.5),
        ("CA-QC", 3.1),
        ("CA", 189.3e9),
        ("CA-AB", 22.0),
        ("CA-ON", 33.0),
    ]


def test_a_partner_stays_with_its_own_clause_and_an_aside_subject_does_not_take_the_paragraph() -> None:
    text = (
        "Vietnam's customs office published October 2026 data on Monday. Exports to the EU rose 3% "
        "from a year earlier, and Thailand's exports rose 4%. Shipments to China fell 2.1%, leaving "
        "Vietnam with a $1.2 billion deficit with China."
    )
    assert _typed(text, "entity", "partner", "value") == [
        ("VN", "EU", 3.0),
        ("TH", None, 4.0),
        ("VN", "CN", -2.1),
        ("VN", "CN", -1.2e9),
    ]


def test_a_product_with_an_appositive_keeps_it_through_its_level_and_a_share_of_exports_is_a_share() -> None:
    text = (
        "Ontario's exports fell 2% in the third quarter of 2026. Motor vehicles and parts, Ontario's "
        "biggest export category, slid 9.6% to C$15.2 billion, about 24% of the province's goods exports."
    )
    assert _typed(text, "product", "metric", "value")[1:] == [
        ("motor vehicles and part", "trade_value", -9.6),
        ("motor vehicles and part", "trade_value", 15.2e9),
        (None, "share_of_total", 24.0),
    ]


def test_a_headline_names_its_product_in_the_present_and_a_balance_word_is_no_product() -> None:
    text = (
        "Chilean salmon exports jump 12% in October\n"
        "SANTIAGO, Nov 12 (Reuters) - Chile's salmon exports rose 12% in October 2026 to $610 million, "
        "as fish exports to Brazil climbed 5%. The trade in services surplus grew by $0.9 billion."
    )
    assert _typed(text, "product", "value") == [
        ("salmon", 12.0),
        ("salmon", 610e6),
        ("fish", 5.0),
        ("service", 0.9e9),
    ]
    scoped = "Chile's trade in services rose 3% in 2026, and international exports rose 2%."
    assert _typed(scoped, "product", "value") == [("service", 3.0), (None, 2.0)]
    weakening = "Ontario exports fall 3.8% in the third quarter of 2026 as auto shipments weaken."
    assert _typed(weakening, "product", "value") == [(None, -3.8)]


def test_a_fiscal_year_is_a_period_of_trade_and_no_season_and_a_fiscal_deficit_is_no_trade() -> None:
    text = (
        "NEW DELHI, Nov 15 - India exported 4.1 million tonnes of sugar in the 2024/25 season. "
        "Merchandise exports in fiscal year 2025-26 rose 3.1% to $210 billion. The fiscal deficit "
        "was 4.4% of GDP."
    )
    assert _typed(text, "period", "value") == [
        ("2024-10/2025-09", 4.1e6),
        ("2025-04/2026-03", 3.1),
        ("2025-04/2026-03", 210e9),
    ]


def test_a_crop_that_starts_in_another_month_does_not_move_the_season() -> None:
    text = (
        "ACCRA, Dec 2 - Ghana exported 447,000 tonnes of cocoa beans in the 2024/25 season. Traders "
        "said the Ivorian mid-crop, which starts in April, looked strong."
    )
    assert _typed(text, "period", "value") == [("2024-10/2025-09", 447e3)]


def test_a_change_is_of_the_level_it_moves_to_even_past_its_period_but_not_past_another_change() -> None:
    text = (
        "Peru's coffee exports fell 11 percent in October 2026 from the same month last year to 1.03 "
        "million 60-kg bags. Its copper exports rose 5% and its zinc exports grew 3% to 410,000 tonnes."
    )
    assert _typed(text, "product", "metric", "value") == [
        ("coffee", "volume", -11.0),
        ("coffee", "volume", 1.03e6),
        ("copper", "trade_value", 5.0),
        ("zinc", "volume", 3.0),
        ("zinc", "volume", 410e3),
    ]


def test_an_areas_share_of_the_reporters_exports_makes_it_a_partner_with_or_without_s() -> None:
    text = (
        "LISBON, March 3 - Portugal's cork exports rose 2.5% in February 2026. The U.S. share of total "
        "cork exports shrank to 14.2 percent, and France's share of cork exports was 21.6 percent."
    )
    assert _typed(text, "entity", "partner", "value")[1:] == [("PT", "US", 14.2), ("PT", "FR", 21.6)]


def test_markets_such_as_these_are_partners_and_a_subject_named_later_is_not_an_earlier_figures() -> None:
    text = (
        "DHAKA, Nov 4 - Bangladesh's garment exports rose 6.2 percent in October 2026. Exports to the United "
        "Kingdom rose 5.8 percent, and Japan's garment imports increased 11.5 percent overall. Sales to "
        "markets such as Canada rose 3 percent."
    )
    found = _typed(text, "entity", "partner", "value")
    assert (found[1][:2], found[2][0], found[3]) == (("BD", "GB"), "JP", ("BD", "CA", 3.0))


def test_a_sentence_longer_than_any_report_writes_is_cut_at_its_clauses() -> None:
    line = "China's exports rose 5% in 2026, " + ", ".join(f"Japan's rose {i}.5%" for i in range(300)) + "."
    spans = sentences(line)
    assert len(spans) > 1 and max(end - start for start, end, _ in spans) <= 800
    assert all(line[start - 2 : start] == ", " for start, _, _ in spans[1:])  # cut after a clause's comma
    assert "".join(line[start:end] for start, end, _ in spans) == line  # nothing lost between pieces
    assert _typed(line, "entity", "value")[-1] == ("JP", 299.5)


def test_a_figure_s_own_in_value_or_in_volume_decides_its_metric() -> None:
    text = (
        "Peru's coffee exports fell 12.0 percent in volume to 18,000 tonnes in March 2026 and 4.5 percent "
        "in value to $120 million."
    )
    assert _typed(text, "metric", "value") == [
        ("volume", -12.0),
        ("volume", 18000.0),
        ("trade_value", -4.5),
        ("trade_value", 120e6),
    ]


def test_an_import_bill_is_a_whole_and_an_area_that_led_the_sources_is_a_partner() -> None:
    text = (
        "Kenya's imports rose 6.0% in the first quarter of 2026. Purchases from India climbed 9.0% to "
        "KSh 120 billion, or 14.5 percent of the import bill. China led import sources with KSh 230 "
        "billion, or 27.8 percent of imports."
    )
    assert _typed(text, "entity", "partner", "metric", "value")[3:] == [
        ("KE", "IN", "share_of_total", 14.5),
        ("KE", "CN", "trade_value", 230e9),
        ("KE", "CN", "share_of_total", 27.8),
    ]


def test_a_product_that_earned_or_brought_in_an_amount_is_its_subject() -> None:
    text = (
        "Sri Lanka's exports rose 4.0 percent to $12.1 billion in 2026. Tea, the island's oldest export, "
        "brought in $1.4 billion, up 6.2 percent. Rubber products earned $0.9 billion. The country earned "
        "$2 billion from tourism."
    )
    assert _typed(text, "product", "value")[2:] == [
        ("tea", 1.4e9),
        ("tea", 6.2),
        ("rubber", 0.9e9),
        (None, 2e9),
    ]


def test_a_goal_is_dated_by_its_own_year_or_horizon_and_raising_a_flow_is_no_product() -> None:
    text = (
        "Kenya's exports rose 3.1 percent to KSh 90 billion in October 2026. The ministry said the "
        "government's 2026 export target of KSh 1.2 trillion remained within reach. Under its 2030 plan, "
        "the government aims to raise tea exports to KSh 400 billion a year by 2030, and to boost "
        "horticulture exports to KSh 300 billion by the end of 2029."
    )
    assert _typed(text, "product", "period", "status", "value")[2:] == [
        (None, "2026", "target", 1.2e12),
        ("tea", "2030", "target", 400e9),
        ("horticulture", "2029", "target", 300e9),
    ]


def test_a_category_written_as_a_list_after_of_is_one_product_for_its_clause() -> None:
    text = (
        "Norway's imports of machinery, vehicles, and fuels fell NOK 2.1 billion (4.0 percent) in "
        "March 2026, while food rose 1.2 percent. Exports of salmon, the main export, rose 5 percent."
    )
    assert _typed(text, "product", "value") == [
        ("machinery, vehicles, and fuel", -2.1e9),
        ("machinery, vehicles, and fuel", -4.0),
        ("food", 1.2),
        ("salmon", 5.0),
    ]


def test_quantities_levies_and_shares_of_a_named_flow() -> None:
    text = (
        "Uruguay's exports rose 6 percent to $210 million in May 2026, and imports of refined sugar "
        "more than doubled to $40 million. The quantity of rice exported rose 14 percent. A cut in the "
        "10 percent export duty on wool helped. Brazil bought 52,000 tonnes, or 31.5 percent of the "
        "month's rice shipments."
    )
    assert _typed(text, "product", "metric", "value")[2:] == [
        ("refined sugar", "trade_value", 40e6),
        ("rice", "volume", 14.0),
        ("rice", "volume", 52000.0),
        ("rice", "share_of_total", 31.5),
    ]


def test_a_so_called_balance_is_still_trade_and_the_phrase_is_no_product() -> None:
    text = (
        "Turkey's exports rose 3.1 percent to $22.1 billion in October 2026. The so-called core trade "
        "balance showed a surplus of $0.4 billion. Call 0800 1234 for the full tables."
    )
    assert _typed(text, "product", "flow", "value")[2:] == [("core", "balance", 0.4e9)]


def test_a_share_of_one_product_s_exports_has_that_product_and_crude_is_the_report_s_crude_oil() -> None:
    text = (
        "Kazakhstan's exports rose 4 percent to $6.1 billion in October 2026. Crude oil shipments reached "
        "6.1 million tonnes. Italy remained the top buyer, taking 31.5 percent of crude exports. The "
        "European Union took 38 percent of Kazakhstan's wheat exports. China took 12 percent of all exports."
    )
    assert _typed(text, "product", "metric", "value")[3:] == [
        ("crude oil", "share_of_total", 31.5),
        ("wheat", "share_of_total", 38.0),
        (None, "share_of_total", 12.0),
    ]


def test_a_product_named_after_a_figure_and_and_is_the_next_figure_s() -> None:
    text = (
        "Mexico's imports rose 2.0 percent in 2026. Imports of consumer goods fell 1.9 percent and capital "
        "goods imports rose 3.0 percent. Exports of copper rose 1.9 percent and 2.1 percent in value."
    )
    assert _typed(text, "product", "value")[1:] == [
        ("consumer", -1.9),
        ("capital", 3.0),
        ("copper", 1.9),
        ("copper", 2.1),
    ]


def test_a_targeted_year_dates_its_goal_and_an_amount_shipped_a_year_earlier_is_last_year_s() -> None:
    text = (
        "Peru's exports rose 3 percent in October 2026. The government had targeted 2026 goods exports of "
        "$86.2 billion. Mines shipped 2.91 million tonnes, against the 2.5 million tonnes shipped a year "
        "earlier."
    )
    assert _typed(text, "period", "status", "value")[1:] == [
        ("2026", "target", 86.2e9),
        ("2026-10", "actual", 2.91e6),
        ("2025-10", "actual", 2.5e6),
    ]


def test_a_monthly_release_s_annual_figures_are_its_twelve_months_to_the_month() -> None:
    text = (
        "Iceland's goods exports rose 8 percent to ISK 90 billion in March 2026, Statistics Iceland said. "
        "Annual goods exports were ISK 1.1 trillion, and year-ended imports were ISK 1.2 trillion."
    )
    assert _typed(text, "period", "value")[1:] == [
        ("2026-03", 90e9),
        ("2025-04/2026-03", 1.1e12),
        ("2025-04/2026-03", 1.2e12),
    ]


def test_a_bare_kr_is_the_reporter_s_own_crown() -> None:
    norway = "Norway's exports rose to kr 95 billion in October 2026, Statistics Norway said."
    sweden = "Sweden's exports rose to kr 150 billion in October 2026, Statistics Sweden said."
    assert _typed(norway, "unit", "value") == [("NOK", 95e9)]
    assert _typed(sweden, "unit", "value") == [("SEK", 150e9)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nigeria's exports increased 11.2% to N22.1 trillion in the third quarter of 2026 from N19.87 "
         "trillion in the second quarter.", ("qoq", None)),
        ("Japan's exports in the first quarter of 2027 rose 4% from the fourth quarter.", ("qoq", None)),
        ("Japan's exports rose 2.1% in January 2027 from December.", ("mom", None)),
        ("Japan's exports in October 2026 were 1.2% lower than in October.", ("yoy", None)),
        ("Japan's exports in October 2026 were 1.2% lower than in July.", ("vs_period", "2026-07")),
    ],
)  # fmt: skip
def test_a_base_named_without_its_year_is_the_latest_before_the_figure(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert _typed(text, "change", "base_period")[0] == expected


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Ivory Coast exported 1.12 million tonnes of cocoa beans in the first quarter of the 2026/27 "
         "season, port data showed.", "2026-Q4"),
        ("In the first four months of the 2026/27 fiscal year, which began in July, Ethiopia's coffee "
         "exports reached 156,300 tonnes.", "2026-07/2026-10"),
        ("Brazil's sugar exports in the second half of the 2026/27 season reached 12 million tonnes.",
         "2027-04/2027-09"),
    ],
)  # fmt: skip
def test_a_part_of_a_named_season_or_fiscal_year_counts_from_its_first_month(text: str, period: str) -> None:
    assert _typed(text, "period") == [(period,)]


def test_a_change_after_a_volume_is_of_that_volume_unless_its_words_name_a_value() -> None:
    text = (
        "Kenya shipped 41,200 tonnes of tea in October 2026, 3.1% fewer than a year earlier, and their "
        "value rose 7.4%."
    )
    assert _typed(text, "metric", "value") == [("volume", 41200.0), ("volume", -3.1), ("trade_value", 7.4)]


def test_a_standing_alone_ranks_a_partner_and_its_percent_is_a_share() -> None:
    text = (
        "Oman's non-oil exports rose 4% to OMR 600 million in March 2026. The United Arab Emirates was "
        "the largest market at OMR 120 million, with India second at OMR 80 million and China third. "
        "Qatar was fourth with 6.1%."
    )
    ranked = [row for row in _typed(text, "entity", "partner", "metric", "value") if row[2] != "trade_value"]
    assert ranked == [
        ("OM", "IN", "rank", 2.0),
        ("OM", "CN", "rank", 3.0),
        ("OM", "QA", "rank", 4.0),
        ("OM", "QA", "share_of_total", 6.1),
    ]


def test_a_rank_is_of_the_trade_it_ranks_in_or_the_product_its_sentence_opens_with() -> None:
    text = (
        "Bangladesh's exports rose 4% to $40 billion in 2026, the export bureau said. Bangladesh ranked "
        "second among the world's apparel exporters. Frozen shrimp ranked third among export products. "
        "Japan and India ranked fourth and fifth, respectively."
    )
    assert [row[1:] for row in _typed(text, "metric", "partner", "product", "value") if row[0] == "rank"] == [
        (None, "apparel", 2.0),
        (None, "frozen shrimp", 3.0),
        ("JP", None, 4.0),
        ("IN", None, 5.0),
    ]


def test_a_futures_quote_a_refinery_s_size_and_a_world_supply_surplus_are_not_trade() -> None:
    text = (
        "Ghana's cocoa exports rose to 50,000 tonnes in October 2026. Cocoa futures traded near $6,100 "
        "a tonne. Analysts expect a global supply surplus of 142,000 tonnes. Its refinery capacity of "
        "650,000 bpd is unused."
    )
    assert _typed(text, "value") == [(50000.0,)]


def test_the_areas_of_an_aside_about_a_partner_are_not_the_sentence_s_subject() -> None:
    text = (
        "Peru's imports rose 5% to $4 billion in September 2026. Imports from China, Peru's "
        "second-largest supplier after the United States, rose 17.4% to $1.39 billion."
    )
    assert _typed(text, "entity", "partner", "value")[3:] == [("PE", "CN", 17.4), ("PE", "CN", 1.39e9)]


def test_a_respectively_list_of_areas_gives_each_figure_its_reporter() -> None:
    text = (
        "Gulf crude exports rose in October 2026. The United Arab Emirates and Kuwait exported "
        "3.21 million bpd and 1.68 million bpd, respectively."
    )
    assert _typed(text, "entity", "entity_name", "value") == [
        ("AE", "The United Arab Emirates", 3.21e6),
        ("KW", "Kuwait", 1.68e6),
    ]


def test_sales_of_a_list_of_products_respectively_are_each_product_s() -> None:
    text = (
        "Colombia's exports fell 5% in September 2026. Sales of oil and coal fell 12.8% and 18.1%, "
        "respectively."
    )
    assert _typed(text, "product", "value")[1:] == [("oil", -12.8), ("coal", -18.1)]


def test_the_base_of_a_share_is_a_share() -> None:
    text = (
        "Nigeria's crude oil exports were N12.9 trillion in the third quarter of 2026, or 58.4% of total "
        "exports, compared with 61.2% in the second quarter."
    )
    assert _typed(text, "metric", "change", "period", "value")[1:] == [
        ("share_of_total", None, "2026-Q3", 58.4),
        ("share_of_total", None, "2026-Q2", 61.2),
    ]


def test_goods_in_their_own_clause_are_goods_and_a_demonym_is_a_whole_word() -> None:
    text = (
        "Israel's exports of goods and services rose 1.2% to $162.3 billion in 2026. Services exports "
        "climbed 3.6%, while goods exports fell 2.7%. Exports of polished diamonds plunged 29.5%."
    )
    assert _typed(text, "product", "value") == [
        (None, 1.2),
        (None, 162.3e9),
        ("service", 3.6),
        ("good", -2.7),
        ("polished diamond", -29.5),
    ]


def test_dirhams_crowns_and_shillings_are_the_reporter_s_own() -> None:
    cases = {
        "Morocco's exports rose to 129.6 billion dirhams in 2026, the exchange office said.": "MAD",
        "The UAE's exports rose to 129.6 billion dirhams in 2026, the ministry said.": "AED",
        "Sweden's exports rose to 120 billion crowns in 2026, Statistics Sweden said.": "SEK",
        "Czech exports rose to 320 billion crowns in 2026, the statistics office said.": "CZK",
        "Tanzania's exports rose to Sh1.2 trillion in 2026, the central bank said.": "TZS",
        "Kenya's exports rose to Sh120 billion in 2026, the statistics bureau said.": "KES",
    }
    assert {text: _typed(text, "unit")[0][0] for text in cases} == cases


def test_a_figure_followed_by_in_the_ten_months_is_of_that_span_not_an_aside_s_year() -> None:
    text = (
        "Malaysia's exports in January-October 2026 rose 5 percent. Japan, its largest buyer for the "
        "16th straight year in 2025, took RM96.5 billion in the ten months."
    )
    assert _typed(text, "period", "value")[-1] == ("2026-01/2026-10", 96.5e9)


def test_widening_and_narrowing_by_an_amount_are_changes_of_the_balance() -> None:
    text = (
        "Egypt's merchandise trade deficit came to 488.6 billion pounds in 2026, widening by 4.7 billion "
        "pounds. Its services surplus was 80 billion pounds, narrowing by 1.5 billion pounds."
    )
    assert _typed(text, "change", "value") == [
        (None, -488.6e9),
        ("yoy", -4.7e9),
        (None, 80e9),
        ("yoy", -1.5e9),
    ]


def test_an_area_bound_flow_has_that_partner_and_expectations_are_forecasts() -> None:
    text = (
        "Japan's imports rose 0.7% in October 2026, against expectations for a 2.0% gain. U.S.-bound "
        "shipments fell 3.1%. Exports beat expectations, rising 3.6%."
    )
    assert _typed(text, "partner", "product", "status", "value") == [
        (None, None, "actual", 0.7),
        (None, None, "forecast", 2.0),
        ("US", None, "actual", -3.1),
        (None, None, "actual", 3.6),
    ]


def test_fcfa_is_the_reporter_s_own_cfa_franc() -> None:
    assert _typed("Cameroon's imports were 2,100 billion FCFA in 2026.", "unit", "value") == [("XAF", 2.1e12)]
    assert _typed("Senegal's exports were 1,250 billion FCFA in 2026.", "unit", "value") == [("XOF", 1.25e12)]


def test_a_range_of_quarters_is_their_months() -> None:
    text = "China's exports rose 6.1% in 2026. In Q1-Q3, trade rose 4%. Exports in Q2–Q4 2025 fell 1%."
    assert _typed(text, "period", "value") == [
        ("2026", 6.1),
        ("2026-01/2026-09", 4.0),
        ("2025-04/2025-12", -1.0),
    ]


def test_a_statistics_office_quarter_with_its_months_in_brackets_is_that_quarter() -> None:
    text = (
        "Canada's merchandise trade surplus widened C$1.2 billion to C$4.1 billion in "
        "Quarter 2 (Apr to Jun) 2023, the agency said."
    )
    found = extract_rules(Article(id="q", text=text))
    assert {(o.change, o.value, o.period) for o in found} == {
        ("qoq", 1.2e9, "2023-Q2"),
        (None, 4.1e9, "2023-Q2"),
    }


@pytest.mark.parametrize(
    ("second", "change"),
    [
        ("Imports slipped 0.4% over the same period.", "mom"),  # the period just written, its comparison too
        ("In the same period, imports slipped 0.4%.", "mom"),
        ("Imports slipped 0.4% over the same period of 2023.", "yoy"),  # a year named: a year earlier
        ("Imports slipped 0.4% in the same period last year.", "yoy"),
    ],
)
def test_the_same_period_written_again_carries_the_comparison_before_it(second: str, change: str) -> None:
    text = (
        f"Mexico's exports rose 2.3% in October 2024 from September, the statistics institute said. {second}"
    )
    found = {o.flow: o.change for o in extract_rules(Article(id="same", text=text))}
    assert found == {"export": "mom", "import": change}


@pytest.mark.parametrize(
    ("who", "product"),
    [("New Zealand dairy", "dairy"), ("US soybean", "soybean"), ("UK services", "service")],
)
def test_a_product_written_after_its_country_is_the_product_alone(who: str, product: str) -> None:
    text = f"The value of {who} exports rose 3.1% in March 2025 from a year earlier, officials said."
    (found,) = extract_rules(Article(id="after", text=text))
    assert found.product == product


@pytest.mark.parametrize(
    ("office", "entity"),
    [
        ("the Central Statistics Office", "IE"),
        ("Statbel", "BE"),
        ("the statistics agency DANE", "CO"),
    ],
)
def test_a_release_that_names_only_its_statistics_office_is_that_economys(office: str, entity: str) -> None:
    text = f"Goods exports rose 4.0% to 20.1 billion euros in May 2025 from a year earlier, {office} said."
    assert {o.entity for o in extract_rules(Article(id="office", text=text))} == {entity}


def test_exports_to_other_members_of_a_bloc_have_the_bloc_as_partner_not_as_reporter() -> None:
    text = (
        "Finland's exports rose 2.2% in June 2025 from a year earlier. Exports to other European Union "
        "countries made up 51.0% of the total, and exports to Sweden fell 1.5%."
    )
    found = {(o.entity, o.partner, o.metric, o.value) for o in extract_rules(Article(id="bloc", text=text))}
    assert found == {
        ("FI", None, "trade_value", 2.2),
        ("FI", "EU", "share_of_total", 51.0),
        ("FI", "SE", "trade_value", -1.5),
    }


def test_the_terms_a_figure_is_counted_in_are_no_product() -> None:
    text = "In rupee terms exports were worth Rs 8.1 trillion in 2025, the Indian trade ministry said."
    (found,) = extract_rules(Article(id="terms", text=text))
    assert (found.flow, found.product, found.unit) == ("export", None, "INR")


def test_a_balance_recorded_a_year_earlier_is_dated_a_year_earlier() -> None:
    text = (
        "Peru posted a trade surplus of US$6.1 billion in the second quarter of 2025, wider than "
        "the US$4.9 billion surplus recorded a year earlier."
    )
    found = {(o.value, o.period) for o in extract_rules(Article(id="prior", text=text))}
    assert found == {(6.1e9, "2025-Q2"), (4.9e9, "2024-Q2")}


def test_what_a_share_is_of_is_no_product_when_it_is_the_flow_itself() -> None:
    text = (
        "Kenya's tea exports fell 3.0% in 2025. "
        "Pakistan was the biggest buyer, taking 39.4 percent of export volume."
    )
    share = next(o for o in extract_rules(Article(id="share", text=text)) if o.metric == "share_of_total")
    assert (share.partner, share.product) == ("PK", "tea")


def test_a_title_in_capitals_names_the_reporter() -> None:
    text = (
        "MERCHANDISE TRADE BALANCE OF MEXICO\n\n"
        "In October 2025, exports were 59,876 million dollars, an annual increase of 12.4%. "
        "Exports to the United States increased 7.1%."
    )
    found = {(o.entity, o.partner, o.value) for o in extract_rules(Article(id="caps", text=text))}
    assert found == {("MX", None, 59_876e6), ("MX", None, 12.4), ("MX", "US", 7.1)}


def test_a_product_ends_where_its_verb_begins() -> None:
    def products(text: str) -> list[tuple[str | None, float]]:
        return [(o.product, o.value) for o in extract_rules(Article(id="verb", text=text))]

    sank = "Peru's exports of zinc concentrate sank 14.2% to $1.1 billion in 2025."
    assert products(sank) == [("zinc concentrate", -14.2), ("zinc concentrate", 1.1e9)]
    meant = (
        "Norway exported 139,420 tonnes of salmon in October 2025, but a steep fall in prices meant "
        "export earnings declined for a third straight month."
    )
    assert products(meant) == [("salmon", 139_420), ("salmon", 3)]  # a report on salmon: its earnings
    area = (
        "In September 2025, euro area goods exports to the rest of the world fell 2.1% from a year earlier."
    )
    assert products(area) == [(None, -2.1)]


@pytest.mark.parametrize(
    ("when", "period"),
    [
        ("in the first half of FY26 (April-September)", "2025-04/2025-09"),
        ("in H1 FY26", "2025-04/2025-09"),
        ("in Q2 FY2025-26", "2025-07/2025-09"),
        ("in the second half of fiscal 2026", "2025-10/2026-03"),
    ],
)
def test_a_part_of_a_fiscal_year_named_by_its_number_counts_from_its_first_month(
    when: str, period: str
) -> None:
    text = f"India's exports rose 11.1 per cent to Rs 35,107 crore {when}, data showed."
    assert {o.period for o in extract_rules(Article(id="fy", text=text))} == {period}


def test_a_release_s_title_lines_do_not_count_among_its_opening_sentences() -> None:
    text = (
        "Overseas merchandise trade: October 2025\nInformation release, 21 November 2025\n\n"
        "Annual exports reach new high\n\n"
        "The value of annual goods exports rose 8.9 percent in the year ended October 2025, "
        "according to figures released by Stats NZ today.\n\n"
        "Annual goods imports rose 2.5 percent to $78.1 billion over the same twelve months.\n\n"
        "The annual goods trade deficit was $2.2 billion, down from a deficit of $6.5 billion.\n\n"
        "Australia was the second-largest destination, taking 12.1 percent of exports."
    )
    assert {o.entity for o in extract_rules(Article(id="release", text=text))} == {"NZ"}


def test_on_the_year_compares_with_a_year_earlier() -> None:
    text = (
        "Japan's exports rose 3.6% on the year in October 2025, and imports edged up 0.7% on-year.\n\n"
        "Shipments to the United States fell 3.1%. "
        "On a seasonally adjusted basis, exports rose 1.4% from September."
    )
    found = {(o.partner, o.value, o.change) for o in extract_rules(Article(id="on-year", text=text))}
    assert found == {(None, 3.6, "yoy"), (None, 0.7, "yoy"), (None, 1.4, "mom"), ("US", -3.1, "yoy")}


def test_a_flow_at_the_end_of_a_month_is_summed_since_january() -> None:
    text = (
        "Morocco's trade deficit stood at MAD 243.1 billion at the end of October 2025, compared with "
        "MAD 249.3 billion a year earlier."
    )
    found = {(o.value, o.period) for o in extract_rules(Article(id="end-of", text=text))}
    assert found == {(-243.1e9, "2025-01/2025-10"), (-249.3e9, "2024-01/2024-10")}


@pytest.mark.parametrize(
    ("sentence", "value", "product"),
    [
        ("Morocco's surplus on trade in services grew to MAD 139.7 billion in 2025.", 139.7e9, "service"),
        ("Peru's deficit in goods trade widened to $1.2 billion in 2025.", -1.2e9, None),
    ],
)
def test_a_balance_on_the_trade_of_one_scope_is_a_balance(
    sentence: str, value: float, product: str | None
) -> None:
    (found,) = extract_rules(Article(id="scope", text=sentence))
    assert (found.flow, found.value, found.product) == ("balance", value, product)


def test_a_sentence_opening_with_through_a_month_is_summed_since_january() -> None:
    text = "Through October 2025, the US deficit was $849.7 billion, up 8.9% from the same period in 2024."
    assert {o.period for o in extract_rules(Article(id="through", text=text))} == {"2025-01/2025-10"}


def test_phones_are_goods_and_a_number_to_phone_is_not_trade() -> None:
    text = (
        "Vietnam's exports rose 16.1% to $430 billion in the first 11 months of 2025. "
        "Phones and parts brought in $51.2 billion, a rise of 3.5%. "
        "For more information phone toll-free 0508 525 525."
    )
    assert {o.value for o in extract_rules(Article(id="phones", text=text))} == {16.1, 430e9, 51.2e9, 3.5}


def test_credits_are_exports_and_debits_imports_each_of_its_scope() -> None:
    text = (
        "Australia's goods and services credits fell A$0.98 billion in October 2025, while debits rose "
        "A$0.27 billion. Goods credits declined 2.6%. Services debits were little changed at A$8.57 billion. "
        "That left the surplus on goods alone at A$4.44 billion."
    )
    found = {(o.value, o.flow, o.product) for o in extract_rules(Article(id="bop", text=text))}
    assert found == {
        (-0.98e9, "export", None),
        (0.27e9, "import", None),
        (-2.6, "export", "good"),
        (8.57e9, "import", "service"),
        (4.44e9, "balance", "good"),
    }


def test_a_goods_release_that_says_where_services_are_published_has_no_goods_product() -> None:
    text = (
        "Australia's goods credits fell 2.4% in October 2025. "
        "Monthly estimates of trade in services are now released in the quarterly Balance of Payments."
    )
    (found,) = extract_rules(Article(id="goods-only", text=text))
    assert (found.flow, found.product) == ("export", None)


@pytest.mark.parametrize(
    "slowing", ["slowing from a 9.1 percent gain in September", "slowing from 9.1% in September"]
)
def test_a_growth_rate_a_month_earlier_is_no_base_for_this_month_s_growth(slowing: str) -> None:
    text = (
        "Zhejiang's exports rose 5.1 percent in the first ten months of 2025. "
        f"In October alone, exports expanded 3.4 percent, {slowing}."
    )
    found = {(o.value, o.period, o.change) for o in extract_rules(Article(id="slowing", text=text))}
    assert found == {(5.1, "2025-01/2025-10", "yoy"), (3.4, "2025-10", "yoy"), (9.1, "2025-09", "yoy")}


def test_a_share_of_a_larger_economy_s_trade_is_the_reporter_s_of_the_flow_it_names() -> None:
    text = (
        "Zhejiang's trade rose 5% in the first ten months of 2025. The province accounted for 12 percent "
        "of China's foreign trade and 15 percent of its exports, ranking third among provincial-level "
        "regions by total trade and second by exports. Non-oil exports accounted for 28.1% of total trade."
    )
    found = {(o.entity, o.metric, o.flow, o.value) for o in extract_rules(Article(id="whole", text=text))}
    assert found == {
        ("CN-ZJ", "trade_value", "total", 5.0),
        ("CN-ZJ", "share_of_total", "total", 12.0),
        ("CN-ZJ", "share_of_total", "export", 15.0),
        ("CN-ZJ", "rank", "total", 3.0),
        ("CN-ZJ", "rank", "export", 2.0),
        ("CN-ZJ", "share_of_total", "export", 28.1),
    }


def test_an_expectation_with_no_period_of_its_own_is_for_the_release_s_period() -> None:
    text = (
        "Australia's trade surplus narrowed to A$3.68 billion in October 2025, the ABS said.\n\n"
        "The balance came in down A$1.25 billion from a revised A$4.93 billion in September. "
        "Economists had expected a surplus of about A$4.6 billion."
    )
    expected = next(o for o in extract_rules(Article(id="poll", text=text)) if o.value == 4.6e9)
    assert (expected.period, expected.status) == ("2025-10", "forecast")


def test_since_a_month_opening_a_sentence_runs_to_the_release_s_month() -> None:
    text = (
        "Russia's wheat exports reached 3.2 million tonnes in November 2025. Since the start of the "
        "2025/26 marketing season in July, wheat exports have reached 20.4 mln tonnes. Exports to "
        "Egypt, hit by a new levy since August, slumped 21.4%."
    )
    found = {(o.value, o.period) for o in extract_rules(Article(id="since", text=text))}
    assert found == {(3.2e6, "2025-11"), (20.4e6, "2025-07/2025-11"), (-21.4, "2025-11")}


def test_a_figure_with_no_scope_of_its_own_takes_its_sentence_s_goods_scope() -> None:
    text = (
        "Morocco's exports of goods rose 7.9 percent in 2025, while imports increased 2.7 percent "
        "and total trade grew 4.1 percent. Services exports grew 12.4 percent."
    )
    found = {(o.value, o.flow, o.product) for o in extract_rules(Article(id="scope", text=text))}
    assert found == {
        (7.9, "export", "good"),
        (2.7, "import", "good"),
        (4.1, "total", None),
        (12.4, "export", "service"),
    }


def test_a_commodity_report_naming_total_exports_only_as_its_share_s_whole_stays_about_it() -> None:
    text = (
        "Turkey's automotive exports climbed 11.2% to $3.74 billion in November 2025. Automotive "
        "accounted for 16.4% of the country's total exports of $22.8 billion. Exports to the United "
        "Kingdom slid 12.3%."
    )
    found = {(o.value, o.product) for o in extract_rules(Article(id="auto", text=text))}
    assert found == {
        (11.2, "automotive"),
        (3.74e9, "automotive"),
        (16.4, "automotive"),
        (22.8e9, None),
        (-12.3, "automotive"),
    }


def test_a_report_on_one_commodity_that_gives_a_wider_group_s_total_stays_about_it() -> None:
    text = (
        "Norway's salmon exports rose 4% to NOK 10.9 billion in October 2025. Total seafood exports "
        "came to NOK 16.2 billion. Exports to the US rose 9 percent."
    )
    found = {(o.value, o.product) for o in extract_rules(Article(id="salmon", text=text))}
    assert found == {(4.0, "salmon"), (10.9e9, "salmon"), (16.2e9, "seafood"), (9.0, "salmon")}


def test_the_full_fiscal_year_is_the_one_the_release_s_months_fall_in() -> None:
    text = (
        "Pakistan's textile exports rose 6.9 percent to $6.2 billion in July-October 2025. The government "
        "is targeting textile exports of $19.5 billion for the full fiscal year."
    )
    target = next(
        o for o in extract_rules(Article(id="fy", text=text, published="2025-11-18")) if o.value == 19.5e9
    )
    assert (target.period, target.status) == ("2025-07/2026-06", "target")
    january = "India's exports rose 2%. The government expects $850 billion for the full fiscal year."
    target = next(
        o for o in extract_rules(Article(id="fy", text=january, published="2026-01-15")) if o.value == 850e9
    )
    assert target.period == "2025-04/2026-03"  # January's month before publication is last December


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        # December's data, published in January: the year they close is last year
        (
            "China's exports rose 5.5 percent in December. For the year, exports grew 5.9 percent.",
            "2026-01-14",
            "2025",
        ),
        ("Vietnam's exports rose 8% for the year, the statistics office said.", "2026-02-03", "2025"),
        ("Japan's exports rose 3.1% in 2024. For the full year, imports fell 2.0%.", "2025-07-14", "2024"),
        (
            "Japan's exports rose 3.1% in the first half. For the full year, exports may rise 5%.",
            "2026-07-14",
            "2026",
        ),
        ("Chile's exports rose 3.1% in 2025. For the year, imports fell 2.0%.", None, "2025"),
    ],
)
def test_for_the_year_is_the_year_of_the_months_the_release_reports(
    text: str, published: str | None, period: str
) -> None:
    last = extract_rules(Article(id="fy", text=text, published=published))[-1]
    assert last.period == period


@pytest.mark.parametrize(
    ("sentence", "product"),
    [
        (
            "Spain's exports to France rose 2% in 2024, and shipments there rose 1.8% to 59.2 billion euros.",
            None,
        ),
        (
            "Peru's exports rose 5% in the third quarter of 2025; its quarterly surplus was $7.1 billion.",
            None,
        ),
        ("Hong Kong recorded a visible trade deficit of HK$27.3 billion in November 2025.", None),
        (
            "Taiwan's exports of electronic components - mostly chips - rose 30% in November 2025.",
            "electronic component",
        ),
        ("Copper alone made up 28.4% of Peru's total exports in the third quarter of 2025.", "copper"),
    ],
)
def test_words_that_say_where_when_or_how_much_are_no_product(sentence: str, product: str | None) -> None:
    assert {o.product for o in extract_rules(Article(id="words", text=sentence))} == {product}


def test_an_area_that_came_in_second_or_completed_the_top_five_is_a_partner() -> None:
    text = (
        "The Philippines' exports rose 5% in October 2025. Japan came in second with a 9.8 percent share. "
        "The Republic of Korea and Singapore completed the top five, with shares of 6.9 percent and 6.2 "
        "percent, respectively. Australia shipped 1.41 million tonnes of beef overseas in 2025."
    )
    found = {(o.entity, o.partner, o.value, o.product) for o in extract_rules(Article(id="top", text=text))}
    assert (
        ("PH", "JP", 9.8, None) in found
        and ("PH", "KR", 6.9, None) in found
        and ("PH", "SG", 6.2, None) in found
    )
    assert ("AU", None, 1.41e6, "beef") in found


def test_a_dateline_of_a_city_of_several_words_opens_no_clause_and_earned_from_names_the_commodity() -> None:
    text = (
        "ADDIS ABABA, Oct 14 (Reuters) - Ethiopia earned $812.6 million from coffee exports in the first "
        "quarter of 2025, a 44.3 percent increase, the authority said.\n\n"
        "Saudi Arabia was the biggest buyer, taking $120.5 million."
    )
    found = {(o.value, o.product, o.partner) for o in extract_rules(Article(id="addis", text=text))}
    assert found == {(812.6e6, "coffee", None), (44.3, "coffee", None), (120.5e6, "coffee", "SA")}


def test_a_sentence_naming_an_area_as_its_subject_gives_the_paragraph_s_next_figures_their_reporter() -> None:
    text = (
        "Taiwan's chip exports rose 30% in November 2025.\n\n"
        "Japan lagged its neighbours. Its exports of semiconductors grew 6.1% in November 2025.\n\n"
        "The Netherlands, home to the world's biggest cocoa port at Amsterdam, was the leading "
        "destination for Ghana's cocoa in 2025, taking 21.7% of shipments."
    )
    found = {(o.entity, o.partner, o.value) for o in extract_rules(Article(id="subject", text=text))}
    assert found == {("TW", None, 30.0), ("JP", None, 6.1), ("GH", "NL", 21.7)}


def test_a_sentence_opening_a_year_earlier_is_dated_a_year_before_the_release_and_gross_is_no_product() -> (
    None
):
    text = (
        "Japan posted a trade deficit of 322.3 billion yen in November 2025. A year earlier, Japan had "
        "logged a deficit of 117.6 billion yen. Gross exports rose 4.0 per cent."
    )
    found = {(o.value, o.period, o.product) for o in extract_rules(Article(id="earlier", text=text))}
    assert found == {(-322.3e9, "2025-11", None), (-117.6e9, "2024-11", None), (4.0, "2025-11", None)}


def test_a_sentence_s_scope_is_not_carried_past_the_whole_it_names() -> None:
    text = (
        "India's services exports were $237.6 billion in April-October 2025, and the overall trade "
        "deficit, including services, at $78.3 billion."
    )
    found = {(o.value, o.flow, o.product) for o in extract_rules(Article(id="overall", text=text))}
    assert found == {(237.6e9, "export", "service"), (-78.3e9, "balance", None)}


def test_a_figure_compared_with_a_whole_year_is_of_the_year_after_and_a_market_takes_exports() -> None:
    text = (
        "Sweden's exports rose 4 percent in December.\n\nNorway remained the largest single market, "
        "taking Swedish goods worth SEK 201.6 billion, 2.3 percent more than in 2024."
    )
    rows = extract_rules(Article(id="se", text=text, published="2026-01-28"))
    assert [(o.value, o.period, o.flow, o.partner) for o in rows][1:] == [
        (201.6e9, "2025", "export", "NO"),
        (2.3, "2025", "export", "NO"),
    ]
    buyers = "Ukraine's exports rose 4% in July. Buyers of Ukrainian goods in Poland paid $2.31 billion."
    assert extract_rules(Article(id="ua", text=buyers))[-1].flow == "export"


def test_rials_are_the_reporter_s_own() -> None:
    (row,) = extract_rules(Article(id="ir", text="Iran's exports reached 3.1 trillion rials in 2025."))
    assert (row.value, row.unit) == (3.1e12, "IRR")


def test_a_share_takes_the_flow_of_the_whole_it_is_of_and_a_valuation_is_no_product() -> None:
    shares = "Machinery made up 47.6% of Romania's exports and 38.2% of imports in 2025."
    assert [o.flow for o in extract_rules(Article(id="ro", text=shares))] == ["export", "import"]
    moved = "Farm goods accounted for 58.7% of Ukraine's exports in 2025, 1.9 percentage points more."
    assert [o.flow for o in extract_rules(Article(id="ua", text=moved))] == ["export", "export"]
    valued = "Romania's FOB exports rose 0.8% in 2025, while CIF imports rose 3.0%. Turnover rose 2%."
    assert [o.product for o in extract_rules(Article(id="ro", text=valued))] == [None, None, None]


@pytest.mark.parametrize(
    "sentence",
    [
        "Workers' remittances, which help finance the trade gap, rose 11.9 percent to $3.42 billion.",
        "Gross international reserves rose to $11.4 billion, enough to cover 4.7 months of imports.",
        "The shilling appreciated 7.9% against the US dollar over the period.",
        "In the nine months, tourism receipts, a cushion for the trade deficit, reached $3 billion.",
    ],
)
def test_figures_of_a_subject_that_is_no_trade_are_left_out(sentence: str) -> None:
    rows = extract_rules(Article(id="x", text=f"Ghana's exports rose 4% in 2025. {sentence}"))
    assert [o.value for o in rows] == [4.0]


def test_the_month_a_fiscal_year_ended_in_is_no_period_of_its_own() -> None:
    text = (
        "Egypt's trade deficit widened to $50.9 billion in fiscal year 2024/25, which ended in June, "
        "from $39.2 billion a year earlier, while petroleum imports jumped 41.5 percent."
    )
    rows = extract_rules(Article(id="eg", text=text, published="2025-10-10"))
    assert [o.period for o in rows] == ["2024-07/2025-06", "2023-07/2024-06", "2024-07/2025-06"]


def test_each_part_of_a_sentence_between_semicolons_states_its_own_comparison() -> None:
    text = (
        "Romania's exports rose in June. Compared with June 2024, exports rose 3.2% and imports 1.4%; "
        "compared with May, exports fell 4.5% and imports 2.0%."
    )
    rows = extract_rules(Article(id="ro", text=text, published="2025-08-12"))
    assert [(o.value, o.change) for o in rows] == [(3.2, "yoy"), (1.4, "yoy"), (-4.5, "mom"), (-2.0, "mom")]


def test_a_respectively_list_of_shares_is_of_the_whole_named_after_its_last() -> None:
    text = (
        "Ghana's exports rose 4% in 2025. Switzerland and the United Arab Emirates took 38.1% and 27.4% "
        "of gold shipments, respectively."
    )
    rows = extract_rules(Article(id="gh", text=text, published="2026-01-29"))[1:]
    assert [(o.partner, o.flow, o.product) for o in rows] == [
        ("CH", "export", "gold"),
        ("AE", "export", "gold"),
    ]


def test_an_amount_wider_or_larger_than_before_is_a_change_and_a_product_s_examples_are_no_part_of_it() -> (
    None
):
    wider = "Romania's exports rose 2% in 2025. The deficit was EUR 2.17 billion wider than a year earlier."
    assert [(o.value, o.change) for o in extract_rules(Article(id="ro", text=wider))][1:] == [
        (-2.17e9, "yoy")
    ]
    examples = (
        "Sweden's exports rose 1% in 2025, while imports of energy products such as crude oil "
        "fell 12.7 percent to SEK 176.4 billion."
    )
    assert [o.product for o in extract_rules(Article(id="se", text=examples))][1:] == ["energy", "energy"]


def test_a_share_of_exports_or_imports_named_after_it_is_of_that_flow_and_coverage_is_no_figure() -> None:
    text = (
        "Portugal's exports rose 6.2% in October. Spain remained the main client and the main supplier, "
        "absorbing 25.9% of exports and supplying 31.4% of imports. Exports covered 75.5% of imports. "
        "The coverage rate of imports by exports was 79.5%."
    )
    rows = extract_rules(Article(id="pt", text=text, published="2025-12-10"))
    assert [(o.value, o.flow) for o in rows] == [(6.2, "export"), (25.9, "export"), (31.4, "import")]


@pytest.mark.parametrize(
    ("sentence", "product"),
    [
        ("Shrimp remained the top non-oil export, with sales up 8.7 percent at $5.04 billion.", "shrimp"),
        (
            "Medical devices, led by catheters, stents and implants, remained the country's top export, "
            "with sales up 18.6% at US$2.51 billion.",
            "medical device",
        ),
        (
            "Building materials were the leading export sector, with shipments worth $8.1 billion, up 38%.",
            "building material",
        ),
        ("China remained the top export market, buying goods worth $8.1 billion, up 38%.", None),
    ],
)
def test_a_product_a_sentence_opens_with_as_a_top_export_is_its_figures(
    sentence: str, product: str | None
) -> None:
    rows = extract_rules(Article(id="x", text=f"Peru's exports rose 5% in 2025. {sentence}"))
    assert [o.product for o in rows][1:] == [product, product]


def test_an_area_that_thus_ranked_among_destinations_is_a_partner_not_the_reporter() -> None:
    text = (
        "Statistics Portugal - International Trade Statistics - October 2025\n\n"
        "1. In October 2025, exports of goods increased by 6.2%.\n\n"
        "2. The United States thus ranked fifth among destination countries.\n\n"
        "3. Exports of transport equipment rose 18.4%."
    )
    rows = extract_rules(Article(id="pt", text=text, published="2025-12-09"))
    assert [(o.entity, o.partner) for o in rows] == [("PT", None), ("PT", "US"), ("PT", None)]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Mauritius's exports rose to Rs 8.2 billion in 2025.", "MUR"),
        ("Botswana's exports rose to P3.2 billion in 2025.", "BWP"),
        ("The Philippines' exports rose to P3.2 billion in 2025.", "PHP"),
    ],
)
def test_a_shared_rupee_or_p_is_the_reporter_s_own(sentence: str, unit: str) -> None:
    (row,) = extract_rules(Article(id="x", text=sentence))
    assert row.unit == unit


def test_an_area_with_its_amount_in_brackets_is_a_partner() -> None:
    text = (
        "Ukraine's exports fell 4% in January-July. Poland ranked first among buyers of Ukrainian goods "
        "with $2.31 billion, ahead of Spain ($1.48 billion) and Turkey ($1.36 billion)."
    )
    rows = extract_rules(Article(id="ua", text=text))[2:]
    assert [(o.entity, o.partner, o.value) for o in rows] == [
        ("UA", "PL", 2.31e9), ("UA", "ES", 1.48e9), ("UA", "TR", 1.36e9),
    ]  # fmt: skip
    reporters = (
        "Among member states, Germany recorded the largest surplus in extra-EU trade in September "
        "(€17.1 bn), followed by Ireland (€11.3 bn) and Italy (€4.2 bn)."
    )
    rows = extract_rules(Article(id="eu", text=reporters))
    assert [(o.entity, o.partner) for o in rows] == [("DE", None), ("IE", None), ("IT", None)]


def test_partners_that_follow_with_a_spaced_amount_an_amount_and_share_or_after_a_long_aside() -> None:
    text = (
        "KIGALI - Rwanda's imports rose 5% in the second quarter of 2025. China ranked first among the "
        "origins of imports with US$ 262.01 million (21.8 percent of total imports), followed by Tanzania "
        "with US$ 154.16 million (12.8 percent). The United Arab Emirates was the main destination of "
        "exports. It was followed by the Democratic Republic of the Congo (US$ 71.30 million, 15.8 percent). "
        "Switzerland, where the commodity trading houses that market much of the region's metals are based, "
        "took 44.9 percent of exports, followed by China at 21.7 percent."
    )
    assert _typed(text, "entity", "partner", "metric", "value")[4:] == [
        ("RW", "TZ", "trade_value", 154.16e6),
        ("RW", "TZ", "share_of_total", 12.8),
        ("RW", "CD", "trade_value", 71.3e6),
        ("RW", "CD", "share_of_total", 15.8),
        ("RW", "CH", "share_of_total", 44.9),
        ("RW", "CN", "share_of_total", 21.7),
    ]


def test_products_listed_after_a_top_export_are_their_own_and_a_vat_rate_is_no_figure() -> None:
    text = (
        "Egypt's exports rose 5% in 2025. Building materials were the leading export sector, with shipments "
        "worth $8.1 billion, followed by chemicals and fertilizers at $6.2 billion and food industries at "
        "$5.0 billion. The government increased the standard VAT rate to 21% from 19%."
    )
    rows = extract_rules(Article(id="eg", text=text))[1:]
    assert [o.product for o in rows] == ["building material", "chemicals and fertilizer", "food industry"]


def test_the_quarter_ending_in_a_month_is_the_three_months_to_it() -> None:
    text = (
        "Portugal's exports rose 6.2% in October 2025. In the quarter ending in October 2025, they rose 2.3%."
    )
    rows = extract_rules(Article(id="pt", text=text, published="2025-12-09"))
    assert [o.period for o in rows] == ["2025-10", "2025-08/2025-10"]


def test_what_was_made_is_no_trade_figure_and_what_grew_still_is() -> None:
    made = "Romania's car exports rose 5% in 2025. Dacia built 198,000 vehicles at its Mioveni plant."
    assert [o.value for o in extract_rules(Article(id="ro", text=made))] == [5.0]
    grew = "Kenya's tea exports grew 5% in 2025."
    assert [o.value for o in extract_rules(Article(id="ke", text=grew))] == [5.0]


def test_a_figure_compared_with_one_before_it_is_of_that_one_s_product() -> None:
    text = (
        "Mongolia's exports rose 5% in 2025. Coal accounted for 43.2 percent of the country's total exports, "
        "compared with 52.5 percent a year earlier."
    )
    rows = extract_rules(Article(id="mn", text=text))[1:]
    assert [(o.value, o.product, o.period) for o in rows] == [(43.2, "coal", "2025"), (52.5, "coal", "2024")]


@pytest.mark.parametrize(
    ("sentence", "product"),
    [
        ("The non-oil balance swung to a surplus of $2.73 billion.", "non-oil"),
        ("The energy deficit alone widened to $10.38 billion.", "energy"),
        ("The resulting deficit of $1.55 billion was smaller.", None),
        ("The biggest deficit was with China, at $9 billion.", None),
    ],
)
def test_the_balance_of_a_product_group_is_of_that_group(sentence: str, product: str | None) -> None:
    rows = extract_rules(Article(id="x", text=f"Tunisia's exports rose 2% in 2025. {sentence}"))
    assert [o.product for o in rows][1:] == [product]


def test_a_balance_that_swung_from_a_deficit_in_a_period_is_of_the_release_s_period() -> None:
    text = (
        "Ecuador's exports rose 5% in the first half of 2025. The non-oil balance swung to a surplus of "
        "$2.73 billion from a deficit of $0.36 billion in the first half of 2024."
    )
    rows = extract_rules(Article(id="ec", text=text, published="2025-08-15"))[1:]
    assert [(o.value, o.period) for o in rows] == [(2.73e9, "2025-H1"), (-0.36e9, "2024-H1")]


def test_the_first_months_of_this_year_are_a_period_to_date() -> None:
    text = (
        "Mongolia exported 71.2 million tonnes of coal in the first 10 months of this year, up 4.6 percent."
    )
    rows = extract_rules(Article(id="mn", text=text, published="2025-11-13"))
    assert [o.period for o in rows] == ["2025-01/2025-10", "2025-01/2025-10"]


def test_an_area_a_figure_comes_mainly_from_is_not_its_partner() -> None:
    text = "Uzbekistan's exports rose 4% in 2025. Gas imports, mainly from Russia, rose to 5.6 bcm."
    rows = extract_rules(Article(id="uz", text=text))
    assert [(o.value, o.partner) for o in rows] == [(4.0, None), (5.6e9, None)]


def test_an_ampersand_inside_a_word_is_part_of_the_product() -> None:
    text = (
        "Malaysia's exports of E&E products rose 9.6% in September 2025. Israel's exports of software "
        "and R&D services alone rose 11.3% in 2024."
    )
    rows = extract_rules(Article(id="amp", text=text))
    assert [(o.product, o.value) for o in rows] == [("e&e", 9.6), ("software and r&d service", 11.3)]


def test_a_report_on_a_product_group_s_trade_is_about_its_exports_imports_and_partners() -> None:
    text = (
        "UAE non-oil trade climbs in first half\n\n"
        "The UAE's non-oil foreign trade rose 21.8 per cent to Dh1.68 trillion in the first half of 2025. "
        "Imports increased 18.9 per cent.\n\nChina remained the top partner, with bilateral non-oil "
        "trade of about Dh146.8 billion. India came second at Dh125.3 billion. Full-year non-oil trade was "
        "expected to reach Dh3.5 trillion."
    )
    rows = extract_rules(Article(id="ae", text=text, published="2025-08-26"))
    assert [(o.flow, o.partner, o.value, o.product) for o in rows] == [
        ("total", None, 21.8, "non-oil"),
        ("total", None, 1.68e12, "non-oil"),
        ("import", None, 18.9, "non-oil"),
        ("total", "CN", 146.8e9, "non-oil"),
        ("total", "IN", 2.0, "non-oil"),
        ("total", "IN", 125.3e9, "non-oil"),
        ("total", None, 3.5e12, "non-oil"),
    ]


@pytest.mark.parametrize("kind", ["Two-way", "Border", "Bilateral", "Processing", "Foreign"])
def test_how_or_where_goods_cross_is_no_product_of_trade(kind: str) -> None:
    rows = extract_rules(
        Article(id="x", text=f"Laos's exports rose 2% in 2025. {kind} trade rose 5% to $3 billion.")
    )
    assert [(o.flow, o.product) for o in rows][1:] == [("total", None), ("total", None)]


def test_a_share_restating_a_product_s_level_is_of_that_product() -> None:
    text = (
        "Ontario's exports fell 3.8% in the third quarter of 2025. Motor vehicles and parts, the biggest "
        "category, slid 9.6% to C$15.2 billion, or about 24% of the province's goods exports."
    )
    rows = extract_rules(Article(id="on", text=text))
    assert [(o.metric, o.value, o.product) for o in rows][-1] == (
        "share_of_total",
        24.0,
        "motor vehicles and part",
    )


def test_amounts_in_leva_and_kuna_are_read_after_their_currencies_were_withdrawn() -> None:
    text = (
        "Bulgaria's exports rose to 5.2 billion leva in September 2025. "
        "Croatia's imports were 2 billion kuna."
    )
    rows = extract_rules(Article(id="bg", text=text))
    assert [(o.value, o.unit) for o in rows] == [(5.2e9, "BGN"), (2e9, "HRK")]


def test_a_bare_dollar_in_an_economy_with_a_dollar_of_its_own_is_that_dollar() -> None:
    fiji = "Fiji's exports rose 4% to $286.4 million in September 2025, the Fiji Bureau of Statistics said."
    marked = "Jamaica's imports rose to J$2.1 billion in 2025, while exports were $1.5 billion."
    assert [o.unit for o in extract_rules(Article(id="fj", text=fiji))] == ["percent", "FJD"]
    assert [o.unit for o in extract_rules(Article(id="jm", text=marked))] == ["JMD", "USD"]
    row = obs(entity="FJ", entity_name="Fiji", value=286.4e6, unit="FJD", evidence="$286.4 million")
    assert ground(row, fiji).grounded


def test_a_change_from_one_month_to_the_next_is_the_later_month_s_and_a_run_of_months_is_a_period() -> None:
    text = (
        "Denmark's exports of goods increased by 3.6% from September to October 2025. From January to "
        "October, Japan's exports rose 2%. Denmark's imports rose 1% from January to October 2025."
    )
    rows = extract_rules(Article(id="dk", text=text, published="2025-12-09"))
    assert [(o.entity, o.period, o.change) for o in rows] == [
        ("DK", "2025-10", "mom"),
        ("JP", "2025-01/2025-10", "yoy"),
        ("DK", "2025-01/2025-10", "yoy"),
    ]


def test_a_fiscal_year_that_ended_on_a_day_and_one_written_with_a_slash_are_the_economy_s_fiscal_year() -> (
    None
):
    text = (
        "Kuwait's trade surplus narrowed to KD 10.84 billion in the fiscal year that ended on March 31, "
        "down from KD 13.39 billion a year earlier. Exports fell 9.8 percent in the 2024/25 fiscal year."
    )
    rows = extract_rules(Article(id="kw", text=text, published="2025-07-15"))
    assert [o.period for o in rows] == ["2024-04/2025-03", "2023-04/2024-03", "2024-04/2025-03"]


def test_shares_listed_after_a_share_adverbs_adjustments_and_abroad_name_no_product() -> None:
    text = (
        "Belgium's exports rose 2% in January-August 2025. Germany remained the biggest customer with 17.1 "
        "percent of exports, ahead of France (14.6 percent). The US thus accounted for 12.8% of exports. "
        "Seasonally and calendar-adjusted imports rose 0.3 percent. Sales of pharmaceutical products abroad "
        "fell 3.1 percent. The surplus on the balance of trade in goods widened to EUR 2.5 billion."
    )
    rows = extract_rules(Article(id="be", text=text))
    assert [(o.metric, o.flow, o.partner, o.product, o.value) for o in rows][1:] == [
        ("share_of_total", "export", "DE", None, 17.1),
        ("share_of_total", "export", "FR", None, 14.6),
        ("share_of_total", "export", "US", None, 12.8),
        ("trade_value", "import", None, None, 0.3),
        ("trade_value", "export", None, "pharmaceutical", -3.1),
        ("trade_value", "balance", None, None, 2.5e9),
    ]


def test_a_free_trade_zone_names_no_flow_and_more_demonyms_name_no_product() -> None:
    text = (
        "Uruguay's goods exports, including shipments from free trade zones, rose 6.8% to US$1,142 million "
        "in October 2025. The United States bought 50.7% of Dominican exports, and Fijian sugar exports "
        "fell 3%."
    )
    rows = extract_rules(Article(id="uy", text=text))
    assert [(o.flow, o.product, o.value) for o in rows][:2] == [
        ("export", None, 6.8),
        ("export", None, 1.142e9),
    ]
    assert {o.product for o in rows[2:]} <= {None, "sugar"}


def test_sales_to_an_area_are_exports_to_it_and_a_bloc_that_took_an_amount_is_a_partner() -> None:
    text = (
        "Uruguay's exports rose 6.8% in October 2025.\n\n"
        "Dairy products earned US$97 million, 2.4% less than a year earlier, as sales to Algeria slowed.\n\n"
        "The European Union as a bloc took US$143 million, while sales to Argentina rose 11.0%."
    )
    rows = extract_rules(Article(id="uy", text=text))
    assert [(o.entity, o.flow, o.partner, o.product, o.value) for o in rows][1:] == [
        ("UY", "export", None, "dairy", 97e6),
        ("UY", "export", None, "dairy", -2.4),
        ("UY", "export", "EU", None, 143e6),
        ("UY", "export", "AR", None, 11.0),
    ]


def test_a_product_s_sales_name_it_and_export_or_forward_sales_name_none() -> None:
    text = (
        "Kuwait's exports fell 9.8 percent in 2025. Crude oil sales fell to KD 12.63 billion. Export sales "
        "of goods reached KD 20 billion. Forward sales of cocoa averaged $5,890 per tonne."
    )
    rows = extract_rules(Article(id="kw", text=text))
    assert [(o.product, o.value) for o in rows][1:] == [
        ("crude oil", 12.63e9),
        (None, 20e9),
        ("cocoa", 5890.0),
    ]


@pytest.mark.parametrize(
    ("economy", "words", "published", "period"),
    [
        (
            "Myanmar",
            "between April 1 and October 31 of the 2025-26 fiscal year",
            "2025-11-12",
            "2025-04/2025-10",
        ),
        ("Myanmar", "in the first seven months of the 2025-26 fiscal year", "2025-11-12", "2025-04/2025-10"),
        (
            "Nepal",
            "in the first four months of the current fiscal year 2025/26",
            "2025-11-24",
            "2025-07/2025-10",
        ),
        ("Ghana", "between Oct. 1 and Nov. 30", "2025-12-02", "2025-10/2025-11"),
    ],
)
def test_parts_of_a_fiscal_year_and_day_ranges_are_the_months_they_cover(
    economy: str, words: str, published: str, period: str
) -> None:
    rows = extract_rules(
        Article(id="x", text=f"{economy}'s exports rose 4.7 percent {words}.", published=published)
    )
    assert [o.period for o in rows] == [period]


def test_partners_listed_with_bracketed_shares_and_a_source_imports_came_mainly_from() -> None:
    text = (
        "Fiji's exports rose 3% in September 2025. The main destinations for exports were the United States "
        "(21.8 percent) and Australia (15.4 percent). Imports came mainly from Singapore, which supplied "
        "27.3 percent of the total."
    )
    rows = extract_rules(Article(id="fj", text=text))
    assert [(o.entity, o.metric, o.flow, o.partner, o.value) for o in rows][1:] == [
        ("FJ", "share_of_total", "export", "US", 21.8),
        ("FJ", "share_of_total", "export", "AU", 15.4),
        ("FJ", "share_of_total", "import", "SG", 27.3),
    ]


def test_the_importers_of_an_economy_s_products_buy_its_exports_and_an_origin_is_no_product() -> None:
    text = (
        "Bahrain's exports of national origin rose 6.2% to BD 1,021 million in the third quarter of 2025. "
        "Saudi Arabia ranked first among the importers of Bahraini products with BD 237 million."
    )
    rows = extract_rules(Article(id="bh", text=text))
    assert [(o.metric, o.flow, o.partner, o.product) for o in rows] == [
        ("trade_value", "export", None, None),
        ("trade_value", "export", None, None),
        ("rank", "export", "SA", None),
        ("trade_value", "export", "SA", None),
    ]


def test_twelve_months_to_a_month_written_in_words_are_a_rolling_year() -> None:
    text = "Botswana's exports fell 18.4% in the twelve months to September 2025."
    assert [o.period for o in extract_rules(Article(id="bw", text=text))] == ["2024-10/2025-09"]


def test_levels_a_respectively_list_moved_to_are_distributed_too() -> None:
    text = (
        "Uganda's exports and imports grew 28.9% and 13.7%, respectively, to US$8.84 billion and "
        "US$11.37 billion in 2025."
    )
    rows = extract_rules(Article(id="ug", text=text))
    assert [(o.flow, o.value) for o in rows] == [
        ("export", 28.9),
        ("import", 13.7),
        ("export", 8.84e9),
        ("import", 11.37e9),
    ]


def test_the_top_country_of_origin_is_an_import_partner() -> None:
    text = (
        "Bahrain's exports rose 1.7% in the third quarter of 2025.\n\n"
        "China was the top country of origin with BD 271 million, followed by Australia with BD 128 million."
    )
    rows = extract_rules(Article(id="bh", text=text))
    assert [(o.entity, o.flow, o.partner, o.value) for o in rows][1:] == [
        ("BH", "import", "CN", 271e6),
        ("BH", "import", "AU", 128e6),
    ]


def test_their_exports_refer_back_to_a_product_a_sentence_with_no_figure_stands_on() -> None:
    text = (
        "Belgium's exports fell 1.9% in January-August 2025.\n\nPharmaceutical products, Belgium's biggest "
        "export category, were the main drag. Their exports dropped 8.4 percent to EUR 52.7 billion."
    )
    rows = extract_rules(Article(id="be", text=text))
    assert [(o.product, o.value) for o in rows] == [
        (None, -1.9),
        ("pharmaceutical", -8.4),
        ("pharmaceutical", 52.7e9),
    ]


def test_a_share_of_the_economy_s_product_named_by_its_demonym_is_of_that_product() -> None:
    text = (
        "Angola's exports fell 5.2% in the second quarter of 2025. China remained by far the biggest buyer, "
        "taking 58.3% of Angolan crude."
    )
    rows = extract_rules(Article(id="ao", text=text))
    assert [(o.metric, o.partner, o.product) for o in rows][1:] == [("share_of_total", "CN", "crude")]


def test_the_leading_client_is_an_export_partner() -> None:
    text = (
        "Senegal's imports rose 3% in September 2025. Mali was again the leading client, taking 17.6% "
        "of exports."
    )
    rows = extract_rules(Article(id="sn", text=text))
    assert [(o.entity, o.flow, o.partner) for o in rows][1:] == [("SN", "export", "ML")]


def test_a_currency_that_traded_at_a_rate_names_no_trade() -> None:
    text = (
        "Uruguay's exports rose 6.8% in October 2025. Cattle slaughter reached 212,000 head in October. "
        "Annual inflation stood at 4.3%, within the target range of 3% to 6%, and the peso traded at "
        "around 39.9 per dollar."
    )
    assert [o.value for o in extract_rules(Article(id="uy", text=text))] == [6.8]


def test_b_dollars_are_brunei_s_or_the_bahamas_and_ariary_malagasy() -> None:
    brunei = "Brunei's exports rose 3% to B$1.2 billion in September 2025."
    bahamas = "The Bahamas' imports rose 3% to B$1.2 billion in 2025."
    madagascar = "Madagascar's vanilla exports earned 1.2 trillion ariary in 2025."
    assert [o.unit for o in extract_rules(Article(id="bn", text=brunei))][1:] == ["BND"]
    assert [o.unit for o in extract_rules(Article(id="bs", text=bahamas))][1:] == ["BSD"]
    assert [o.unit for o in extract_rules(Article(id="mg", text=madagascar))] == ["MGA"]


def test_bracketed_shares_after_any_role_an_area_plays_are_shares() -> None:
    text = (
        "Fiji's exports rose 3% in September 2025. Its main trading partners were Australia (21.8 percent) "
        "and New Zealand (15.4 percent)."
    )
    rows = extract_rules(Article(id="fj", text=text))
    assert [(o.metric, o.partner, o.value) for o in rows][1:] == [
        ("share_of_total", "AU", 21.8),
        ("share_of_total", "NZ", 15.4),
    ]


def test_prices_listed_as_bases_with_their_periods_are_prices_of_the_product_their_price_names() -> None:
    text = (
        "Vietnam's average rice export price was $510 per tonne in October 2025, up from $495 in September "
        "and $560 a year earlier."
    )
    assert _typed(text, "product", "metric", "period", "value", "unit") == [
        ("rice", "unit_price", "2025-10", 510.0, "USD/t"),
        ("rice", "unit_price", "2025-09", 495.0, "USD/t"),
        ("rice", "unit_price", "2024-10", 560.0, "USD/t"),
    ]


def test_a_clause_whose_subject_is_a_whole_flow_takes_no_product_from_the_clause_before() -> None:
    text = (
        "Vietnam's shipments of electronics rose 5 percent in October 2025, while exports to China rose "
        "6.2 percent. Garment exports grew 3 percent, and imports fell 1.1 percent."
    )
    assert _typed(text, "flow", "product", "partner", "value") == [
        ("export", "electronic", None, 5.0),
        ("export", None, "CN", 6.2),
        ("export", "garment", None, 3.0),
        ("import", None, None, -1.1),
    ]


def test_a_respectively_list_in_a_datelined_first_sentence_lists_no_dateline() -> None:
    text = (
        "STOCKHOLM, Nov 14 - Sweden's exports and imports fell by 5.3 and 8.1 percent, respectively, in 2025."
    )
    assert _typed(text, "entity", "flow", "product", "value") == [
        ("SE", "export", None, -5.3),
        ("SE", "import", None, -8.1),
    ]


def test_macao_is_its_own_customs_territory_like_hong_kong() -> None:
    text = "MACAU, Oct 20 - Macao's exports rose 9.7 percent in 2025, while Hong Kong's rose 4.1 percent."
    assert _typed(text, "entity", "value") == [("MO", 9.7), ("HK", 4.1)]


def test_a_report_led_by_bags_of_a_commodity_is_about_it_and_its_measures_are_its_exports() -> None:
    text = (
        "KAMPALA, Nov 14 - Uganda exported 812,400 bags of coffee worth US$226.5 million in October 2025.\n"
        "Volumes, counted in 60-kilogramme bags, were 12.6 percent higher than in October 2024, while "
        "earnings rose 31.4 percent."
    )
    assert _typed(text, "flow", "product", "metric", "value") == [
        ("export", "coffee", "volume", 812_400.0),
        ("export", "coffee", "trade_value", 226.5e6),
        ("export", "coffee", "volume", 12.6),
        ("export", "coffee", "trade_value", 31.4),
    ]


def test_the_form_a_reports_commodity_is_traded_in_is_that_commoditys() -> None:
    text = (
        "ACCRA, Oct 21 - Ghana earned US$3.26 billion from cocoa exports in 2025.\n"
        "The average realised price for beans was US$7,140 per tonne. The Netherlands took 21% of bean "
        "volumes."
    )
    assert _typed(text, "product", "metric", "value") == [
        ("cocoa", "trade_value", 3.26e9),
        ("cocoa bean", "unit_price", 7140.0),
        ("cocoa bean", "share_of_total", 21.0),
    ]


def test_a_state_named_as_a_part_of_its_country_reports_and_a_horizon_year_is_no_release_period() -> None:
    text = (
        "MUNICH, Nov 20 - Bavarian exporters aim to reach 250 billion euros by 2030, officials said.\n"
        "Exports from Germany's largest state fell 3.4 percent from a year earlier.\n"
        "In the fiscal year to date, from April to October, imports rose 2.1 percent, and 40,000 jobs "
        "have gone since August.\n"
        "Machinery exports eased 1.8 percent."
    )
    rows = extract_rules(Article(id="by", text=text, published="2025-11-20"))
    assert [(o.entity, o.period, o.value) for o in rows if o.status == "actual"] == [
        ("DE-BY", "2025-04/2025-10", -3.4),  # the first period reported on, not the horizon
        ("DE-BY", "2025-04/2025-10", 2.1),
        ("DE-BY", "2025-04/2025-10", -1.8),
    ]


def test_the_year_to_date_runs_to_the_month_before_publication_not_to_an_events_month() -> None:
    text = (
        "Gujarat's exports rose 6.8 per cent in the year to date, officials said. Some 40,000 workers "
        "have lost their jobs since August."
    )
    rows = extract_rules(Article(id="gj", text=text, published="2025-11-18"))
    assert [(o.entity, o.period, o.value) for o in rows] == [("IN-GJ", "2025-01/2025-10", 6.8)]


def test_goods_exported_worth_an_amount_and_a_list_joined_by_and_of_name_their_products() -> None:
    text = (
        "Norway exported seafood worth NOK 16.8 billion in October 2025. Sweden's exports of paper and "
        "paperboard and of iron and steel fell by 5.3 percent and 8.1 percent, respectively, in 2025."
    )
    assert _typed(text, "entity", "product", "value") == [
        ("NO", "seafood", 16.8e9),
        ("SE", "paper and paperboard", -5.3),
        ("SE", "iron and steel", -8.1),
    ]


def test_the_year_an_outlook_is_for_is_no_release_period_and_the_mainland_of_china_is_a_partner() -> None:
    text = (
        "VIENTIANE, Dec 18 - Laos expects its exports to reach about US$9.2 billion this year.\n"
        "In the first 11 months of 2025, exports were worth US$8.37 billion.\n"
        "Exports of gold rose 23.7 percent. Exports to the mainland of China grew 4.1 percent."
    )
    rows = extract_rules(Article(id="la", text=text, published="2025-12-18"))
    assert [(o.entity, o.partner, o.period, o.value) for o in rows if o.status == "actual"] == [
        ("LA", None, "2025-01/2025-11", 8.37e9),
        ("LA", None, "2025-01/2025-11", 23.7),
        ("LA", "CN", "2025-01/2025-11", 4.1),
    ]


def test_the_base_of_an_outlook_in_the_season_before_is_actual() -> None:
    text = (
        "ABIDJAN, Oct 2 - Côte d'Ivoire expects to export about 1.85 million tonnes of cocoa beans in the "
        "2025/26 season, up from an estimated 1.72 million tonnes in 2024/25.\n"
        "Exports to the Netherlands rose 4 percent in 2024/25."
    )
    rows = extract_rules(Article(id="ci", text=text, published="2025-10-02"))
    assert [(o.status, o.period, o.value) for o in rows] == [
        ("forecast", "2025-10/2026-09", 1.85e6),
        ("actual", "2024-10/2025-09", 1.72e6),
        ("actual", "2024-10/2025-09", 4.0),
    ]


def test_figures_seen_for_a_year_ahead_are_a_forecast() -> None:
    text = "Angola's exports fell 3 percent in 2025. Imports are seen rising 6-8 percent in 2026."
    rows = extract_rules(Article(id="ao", text=text, published="2025-10-31"))
    assert [(o.status, o.period, o.qualifier, o.value) for o in rows] == [
        ("actual", "2025", "exact", -3.0),
        ("forecast", "2026", "at_least", 6.0),
        ("forecast", "2026", "at_most", 8.0),
    ]


def test_an_area_that_is_the_reporters_export_country_is_a_partner_and_shipments_there_are_to_it() -> None:
    text = (
        "Finland's exports of goods fell 1 per cent in 2024. Germany remained Finland's most important "
        "export country, taking 13.2 per cent of exports. Shipments there fell 3.9 per cent."
    )
    assert _typed(text, "entity", "partner", "metric", "value") == [
        ("FI", None, "trade_value", -1.0),
        ("FI", "DE", "share_of_total", 13.2),
        ("FI", "DE", "trade_value", -3.9),
    ]


def test_the_measure_named_last_before_an_elliptical_figure_is_its_own() -> None:
    text = (
        "Argentina's export prices were 2.3% higher in October 2025 than a year earlier and volumes 6.9% "
        "higher."
    )
    assert _typed(text, "metric", "value") == [("unit_price", 2.3), ("volume", 6.9)]


def test_three_word_products_short_forms_and_a_restated_change_keep_their_names() -> None:
    text = (
        "In Malaysia in October 2025, E&E products, which made up 42.3 per cent of total exports, rose 18.9 "
        "per cent. Exports of palm oil fell 6.5 per cent, "
        "and liquefied natural gas (LNG) shipments declined by RM1.12 billion, or 14.8 per cent. Crude palm "
        "oil exports rose 2 per cent. Textile and clothing exports fell 1 per cent. The ministry revised "
        "September exports to RM135.6 billion."
    )
    assert _typed(text, "product", "value") == [
        ("e&e", 42.3),
        ("e&e", 18.9),
        ("palm oil", -6.5),
        ("liquefied natural gas", -1.12e9),
        ("liquefied natural gas", -14.8),
        ("crude palm oil", 2.0),
        ("textile and clothing", -1.0),
        (None, 135.6e9),
    ]


def test_the_fiscal_year_to_date_runs_from_the_economys_fiscal_start() -> None:
    text = (
        "India's merchandise exports rose 6.2 per cent in November 2025. Overall exports in the fiscal year "
        "to date are estimated at USD 567.30 billion. Exports in the year to date rose 3 per cent."
    )
    rows = extract_rules(Article(id="in", text=text, published="2025-12-15"))
    assert [(o.period, o.value) for o in rows] == [
        ("2025-11", 6.2),
        ("2025-04/2025-11", 567.3e9),
        ("2025-01/2025-11", 3.0),
    ]


def test_a_table_captioned_above_its_unit_line_and_change_columns_of_the_flow_before() -> None:
    text = (
        "Vietnam's exports rose 16.2% in the first 10 months of 2025.\n"
        "\n"
        "Table 5.1 Exports and imports by main partner, 10 months of 2025\n"
        "(USD million)\n"
        "Partner             Exports   YoY (%)   Imports   YoY (%)\n"
        "United States       125,436     27.8     13,215      6.4\n"
        "Japan                21,093      3.0     19,870      2.2\n"
    )
    rows = extract_rules(Article(id="vn", text=text, published="2025-11-06"))
    assert {(o.flow, o.partner, o.change, o.period, o.value) for o in rows if o.partner == "US"} == {
        ("export", "US", None, "2025-01/2025-10", 125_436e6),
        ("export", "US", "yoy", "2025-01/2025-10", 27.8),
        ("import", "US", None, "2025-01/2025-10", 13_215e6),
        ("import", "US", "yoy", "2025-01/2025-10", 6.4),
    }


def test_an_area_that_is_the_unnamed_reporters_destination_is_no_reporter() -> None:
    text = (
        "Overseas trade indicators: September 2025 quarter\n"
        "In actual terms, China remained New Zealand's largest goods export destination in the Sep 2025 "
        "qtr.\n"
        "Log export values fell 9.2 percent in the September 2025 quarter. Exports rose 1.1 percent in "
        "the Jun 2025 qtr."
    )
    assert _typed(text, "entity", "product", "period", "value") == [
        ("NZ", "log", "2025-Q3", -9.2),
        ("NZ", None, "2025-Q2", 1.1),
    ]


def test_goods_and_services_rows_of_a_table_name_their_scope_and_quarter_columns_their_quarters() -> None:
    text = (
        "New Zealand's goods exports rose 3.9 percent in the September 2025 quarter.\n"
        "\n"
        "Table 1: Goods and services trade, seasonally adjusted (NZ$ million)\n"
        "Series                   Sep 2025 qtr    Jun 2025 qtr\n"
        "Goods exports                  16,300          15,688\n"
        "Services exports                6,420           6,288\n"
    )
    rows = extract_rules(Article(id="nz", text=text, published="2025-11-19"))
    assert {(o.product, o.period, o.value) for o in rows if o.unit == "NZD"} == {
        ("good", "2025-Q3", 16_300e6),
        ("good", "2025-Q2", 15_688e6),
        ("service", "2025-Q3", 6_420e6),
        ("service", "2025-Q2", 6_288e6),
    }


def test_areas_with_shares_of_the_reporters_shipments_are_partners_and_a_season_runs_from_its_start() -> None:
    text = (
        "MOSCOW, Oct 21 - Russia's wheat exports rose 3% in October 2025. Since the season began on July 1, "
        "Russia has exported about 15.8 million tonnes of wheat. Egypt, Turkey and Saudi Arabia accounted "
        "for 24%, 11% and 7% of the season's wheat shipments respectively."
    )
    rows = extract_rules(Article(id="ru", text=text, published="2025-10-21"))
    assert [(o.entity, o.partner, o.metric, o.period, o.value) for o in rows][1:] == [
        ("RU", None, "volume", "2025-07/2025-10", 15.8e6),
        ("RU", "EG", "share_of_total", "2025-10", 24.0),
        ("RU", "TR", "share_of_total", "2025-10", 11.0),
        ("RU", "SA", "share_of_total", "2025-10", 7.0),
    ]


def test_a_tables_bare_dollar_is_the_reporters_and_a_unit_line_without_brackets_captions_it() -> None:
    text = (
        "New Zealand's goods exports rose 3.9 percent in the September 2025 quarter.\n"
        "\n"
        "Table 2: Goods exports to top destinations, September 2025 quarter ($ million)\n"
        "Country                  Value    Change (%)\n"
        "China                    3,912          -4.2\n"
        "\n"
        "Imports by partner, September 2025 quarter\n"
        "US$ million\n"
        "Partner      Imports\n"
        "Japan          1,093\n"
        "Australia      2,006\n"
    )
    rows = extract_rules(Article(id="nz", text=text, published="2025-11-19"))
    assert {(o.flow, o.partner, o.unit, o.value) for o in rows if o.partner} == {
        ("export", "CN", "NZD", 3_912e6),
        ("export", "CN", "percent", -4.2),
        ("import", "JP", "USD", 1_093e6),
        ("import", "AU", "USD", 2_006e6),
    }


def test_a_national_release_ranking_its_provinces_reports_on_the_country_and_its_rows_on_each_province() -> (
    None
):
    text = (
        "Gauteng keeps top spot as South Africa's exports slip in 2024\n"
        "South Africa's merchandise exports fell 2.9% to R1.98 trillion in 2024.\n"
        "\n"
        "Merchandise exports by province, 2024 (R billion)\n"
        "Province          2024     2023\n"
        "Gauteng          855.4    902.1\n"
        "KwaZulu-Natal    221.6    214.3\n"
    )
    rows = extract_rules(Article(id="za", text=text, published="2025-04-10"))
    assert [(o.entity, o.period, o.value) for o in rows] == [
        ("ZA", "2024", -2.9),
        ("ZA", "2024", 1.98e12),
        ("ZA-GP", "2024", 855.4e9),
        ("ZA-GP", "2023", 902.1e9),
        ("ZA-KZN", "2024", 221.6e9),
        ("ZA-KZN", "2023", 214.3e9),
    ]


def test_pakistans_fiscal_abbreviations_month_columns_and_measures_written_after_a_change() -> None:
    text = (
        "ISLAMABAD: Pakistan's trade deficit widened 25.5 per cent to $11.9 billion in the first four months "
        "of the current fiscal year. Exports during 4MFY26 slipped 4.2pc to $10.6bn. Imports grew 5.7pc over "
        "September. Rice exports fell 38.2pc in value and 23.6pc in quantity.\n"
        "\n"
        "Monthly snapshot ($ million)\n"
        "Item                  Oct-25    Oct-24\n"
        "Exports                2,741     2,941\n"
    )
    rows = extract_rules(Article(id="pk", text=text, published="2025-11-04"))
    assert [(o.flow, o.metric, o.change, o.period, o.value) for o in rows] == [
        ("balance", "trade_value", "yoy", "2025-07/2025-10", 25.5),
        ("balance", "trade_value", None, "2025-07/2025-10", -11.9e9),
        ("export", "trade_value", "yoy", "2025-07/2025-10", -4.2),
        ("export", "trade_value", None, "2025-07/2025-10", 10.6e9),
        ("import", "trade_value", "mom", "2025-10", 5.7),
        ("export", "trade_value", "yoy", "2025-07/2025-10", -38.2),
        ("export", "volume", "yoy", "2025-07/2025-10", -23.6),
        ("export", "trade_value", None, "2025-10", 2_741e6),
        ("export", "trade_value", None, "2024-10", 2_941e6),
    ]


def test_the_most_valuable_export_and_a_product_named_before_an_aside_are_their_figures_products() -> None:
    text = (
        "Australia's exports fell 3 per cent in 2024-25. Iron ore remained the country's most valuable "
        "export at $116.4 billion. LNG, the third-largest export, earned $58.2 billion."
    )
    assert [row for row in _typed(text, "product", "metric", "value") if row[1] != "rank"] == [
        (None, "trade_value", -3.0),
        ("iron ore", "trade_value", 116.4e9),
        ("lng", "trade_value", 58.2e9),
    ]


def test_three_months_that_are_no_quarter_compare_with_the_three_before_as_a_named_period() -> None:
    text = (
        "The UK's total trade deficit widened by £2.4 billion in the three months to October 2025 compared "
        "with the three months to July. The deficit widened by £1.8 billion in the three months to September "
        "2025 compared with the previous three months."
    )
    assert _typed(text, "change", "base_period", "period", "value") == [
        ("vs_period", "2025-05/2025-07", "2025-08/2025-10", -2.4e9),
        ("qoq", None, "2025-Q3", -1.8e9),
    ]


def test_a_season_started_on_a_date_a_list_of_two_goods_and_a_standing_product_before_a_colon() -> None:
    text = (
        "KYIV, Nov 3 - Ukraine exported 4.26 million tonnes of grain and pulses in October 2025.\n"
        "Since the start of the season on July 1, Ukraine has exported 10.47 million tonnes of grain.\n"
        "Sunflower oil remained the biggest earner: shipments rose to 512,000 tonnes."
    )
    rows = extract_rules(Article(id="ua", text=text, published="2025-11-03"))
    assert [(o.product, o.period, o.value) for o in rows] == [
        ("grain and pulse", "2025-10", 4.26e6),
        ("grain", "2025-07/2025-10", 10.47e6),
        ("sunflower oil", "2025-10", 512_000.0),
    ]


def test_export_earnings_from_a_good_are_of_it_but_earnings_from_the_bean_are_of_the_reports_commodity() -> (
    None
):
    text = (
        "JAKARTA, Sept 15 - Indonesia's exports fell 5% in August 2025. Export earnings from coal slid "
        "21.7 percent to $1.96 billion, and palm oil exports rose 3 percent."
    )
    honduras = (
        "TEGUCIGALPA, April 8 - Honduras exported 3.1 million bags of coffee in October-March 2024/25. "
        "Foreign-currency earnings from the bean jumped 38.2% to US$1.21 billion."
    )
    assert [o.product for o in extract_rules(Article(id="id", text=text))] == [
        None,
        "coal",
        "coal",
        "palm oil",
    ]
    assert {o.product for o in extract_rules(Article(id="hn", text=honduras))} == {"coffee"}


def test_the_resulting_surplus_names_no_product() -> None:
    text = (
        "Western Australia's iron ore exports fell 10.5 per cent in 2024-25. The resulting trade surplus of "
        "$173.3 billion was down from $193.0 billion."
    )
    assert [o.product for o in extract_rules(Article(id="wa", text=text)) if o.flow == "balance"] == [
        None,
        None,
    ]


def test_a_product_named_before_an_aside_that_accounted_for_an_amount_is_its_product() -> None:
    text = (
        "Bavaria's exports fell 3.4 percent in the third quarter of 2025. Motor vehicles and parts, the "
        "backbone of its industry, accounted for EUR 15.1 billion of exports."
    )
    assert _typed(text, "product", "value") == [(None, -3.4), ("motor vehicles and part", 15.1e9)]


def test_since_the_start_of_the_year_is_to_date_and_a_header_names_the_period_of_its_lines() -> None:
    swiss = (
        "Swiss watch exports fell 4% in October 2025. Since the start of the year, watch exports have "
        "totalled CHF 21.3 billion, 2.9 percent less than in the first ten months of 2024."
    )
    vietnam = (
        "Vietnam's exports in October 2025 reached USD 42.37 billion.\n"
        "In the first 10 months of 2025, exports were estimated at USD 391.04 billion.\n"
        "\n"
        "Main export items in the 10 months:\n"
        "- Telephones and parts: USD 48.27 billion (+1.9%)\n"
    )
    rows = extract_rules(Article(id="ch", text=swiss, published="2025-11-20"))
    assert [(o.period, o.value) for o in rows][1:] == [("2025-01/2025-10", 21.3e9), ("2025-01/2025-10", -2.9)]
    rows = extract_rules(Article(id="vn", text=vietnam, published="2025-11-06"))
    assert [(o.period, o.value) for o in rows if o.product] == [
        ("2025-01/2025-10", 48.27e9),
        ("2025-01/2025-10", 1.9),
    ]


def test_earnings_after_a_product_standing_as_the_dominant_export_are_its_exports() -> None:
    text = (
        "Western Australia's exports fell 10 per cent in 2024-25.\n"
        "Iron ore remained the State's dominant export. Earnings fell 14.6 per cent to $112.4 billion."
    )
    assert _typed(text, "flow", "product", "value")[1:] == [
        ("export", "iron ore", -14.6),
        ("export", "iron ore", 112.4e9),
    ]


def test_projects_as_a_noun_make_no_forecast_and_as_a_verb_do() -> None:
    text = (
        "Mozambique's exports rose 3% in the first half of 2025. Large projects generated US$2.97 billion "
        "of exports. The ministry projects exports of $9 billion in 2026."
    )
    rows = extract_rules(Article(id="mz", text=text, published="2025-09-20"))
    assert [(o.status, o.value) for o in rows] == [("actual", 3.0), ("actual", 2.97e9), ("forecast", 9e9)]


def test_a_year_earlier_looked_back_on_or_of_a_compared_amount_dates_no_later_figure() -> None:
    argentina = (
        "Argentina's exports rose 9.4% in October 2025. In October 2024 the country had recorded a surplus "
        "of US$1.58 billion. In seasonally adjusted terms, exports fell 3.1% from September."
    )
    taiwan = (
        "Taiwan's exports jumped 38.2 percent in October 2025.\n"
        "The surplus was nearly double the US$10.04 billion of October 2024. Exports grew 36.1 percent in "
        "New Taiwan dollar terms."
    )
    assert [o.period for o in extract_rules(Article(id="ar", text=argentina, published="2025-11-19"))] == [
        "2025-10",
        "2024-10",
        "2025-10",
    ]
    assert extract_rules(Article(id="tw", text=taiwan, published="2025-11-07"))[-1].period == "2025-10"
