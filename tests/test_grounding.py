"""Evidence located in its article: exactly, with whitespace and quotes folded, or fuzzily;
the span always points into the article as written."""

from __future__ import annotations

import pytest
from helpers import obs

from pipeline.numbers.grounding import MatchKind, ground, locate, settled

ARTICLE = (
    "Customs data released on Friday showed that\u00a0Guangdong\u2019s  foreign trade reached\n"
    "9.49 trillion yuan in 2025, up 4.4 percent. Exports grew faster than imports."
)


def test_an_exact_quote_is_found_where_it_stands() -> None:
    span = locate("9.49 trillion yuan in 2025", ARTICLE)
    assert span is not None and span.match == MatchKind.EXACT
    assert ARTICLE[span.start : span.end] == "9.49 trillion yuan in 2025"


def test_a_quote_with_other_spaces_and_quotes_maps_back_to_the_original_characters() -> None:
    quote = "Guangdong's foreign trade reached 9.49 trillion yuan"
    span = locate(quote, ARTICLE)
    assert span is not None and span.match == MatchKind.NORMALISED
    assert ARTICLE[span.start : span.end] == "Guangdong\u2019s  foreign trade reached\n9.49 trillion yuan"


def test_a_quote_with_a_slip_is_found_fuzzily_over_the_right_stretch() -> None:
    quote = "Guangdong's foreign trade reched 9.49 trillion yuan in 2025"  # "reched"
    span = locate(quote, ARTICLE)
    assert span is not None and span.match == MatchKind.FUZZY
    found = ARTICLE[span.start : span.end]
    assert found.startswith("Guangdong") and found.endswith("in 2025")


def test_a_quote_that_is_not_there_is_not_found_and_does_not_ground() -> None:
    assert locate("Zhejiang's trade fell 3 percent", ARTICLE) is None
    result = ground(obs(evidence="Zhejiang's trade fell 3 percent"), ARTICLE)
    assert not result.grounded and result.span is None


def test_a_bare_dollar_is_any_dollar_and_a_marked_one_is_its_own() -> None:
    article = "Goods exports were $5.8 billion, worth US$3.4 billion to Japan, at $102 a tonne."
    local = obs(entity="NZ", value=5.8e9, unit="NZD", evidence="Goods exports were $5.8 billion")
    assert ground(local, article).grounded
    assert not ground(local.model_copy(update={"unit": "EUR"}), article).grounded
    marked = obs(entity="NZ", value=3.4e9, unit="NZD", evidence="worth US$3.4 billion")
    assert (
        ground(marked.model_copy(update={"unit": "USD"}), article).grounded
        and not ground(marked, article).grounded
    )


def test_a_bare_rupee_is_any_rupee_and_the_indian_sign_is_indian() -> None:
    article = "The shortfall stood at Rs 7.36 trillion. Exports were ₹2.1 trillion."
    shortfall = obs(
        entity="PK",
        flow="balance",
        value=-7.36e12,
        unit="PKR",
        evidence="shortfall stood at Rs 7.36 trillion",
    )
    assert ground(shortfall, article).grounded
    assert not ground(shortfall.model_copy(update={"unit": "NZD"}), article).grounded
    marked = obs(entity="PK", value=2.1e12, unit="PKR", evidence="₹2.1 trillion")
    assert (
        not ground(marked, article).grounded
        and ground(marked.model_copy(update={"unit": "INR"}), article).grounded
    )


def test_a_yen_sign_is_yen_or_yuan_and_a_bare_peso_any_peso() -> None:
    article = "Exports were ¥9.2 trillion, and 12.4 trillion pesos, or 3.1 trillion Colombian pesos."
    yen = obs(entity="JP", value=9.2e12, unit="JPY", evidence="Exports were ¥9.2 trillion")
    assert ground(yen, article).grounded and ground(yen.model_copy(update={"unit": "CNY"}), article).grounded
    assert not ground(yen.model_copy(update={"unit": "KRW"}), article).grounded
    peso = obs(entity="CO", value=12.4e12, unit="COP", evidence="12.4 trillion pesos")
    assert ground(peso, article).grounded
    marked = obs(entity="CO", value=3.1e12, unit="MXN", evidence="3.1 trillion Colombian pesos")
    assert not ground(marked, article).grounded


def test_a_fuzzy_quote_may_slip_in_a_word_but_never_in_a_number_month_or_direction() -> None:
    article = "U.S. exports rose 3.2 percent in December 2025 to $270.1 billion, the department said."
    assert locate("U.S. exports rose 3.2 percnt in December 2025", article) is not None
    for quote in (
        "U.S. exports rose 4.1 percent in December 2025",
        "U.S. exports rose 3.2 percent in December 2026",
        "U.S. exports rose 3.2 percent in November 2025",
        "U.S. exports fell 3.2 percent in December 2025",
        "U.S. imports rose 3.2 percent in December 2025",
        "U.K. exports rose 3.2 percent in December 2025",
    ):
        assert locate(quote, article) is None, quote


def test_a_grounded_observation_is_settled_to_the_article_s_words_and_digits() -> None:
    article = "Exports  rose 3.2 percent in 2025, to 9.49 trillion yuan."
    slipped = obs(metric="trade_value", change="yoy", value=3.249, unit="percent",
                  evidence="Exports rose 3.2 percnt in 2025")  # fmt: skip
    result = ground(slipped, article)
    assert result.grounded and result.span is not None and result.span.match == MatchKind.FUZZY
    assert settled(slipped, result, article).model_dump(include={"value", "evidence"}) == {
        "value": 3.2,
        "evidence": "Exports  rose 3.2 percent in 2025",
    }


def test_a_bare_amount_is_in_a_currency_the_article_states_in_figures_or_words() -> None:
    yuan = "China's exports reached 3.59 trillion yuan in 2025. Machinery accounted for 1.2 trillion."
    machinery = obs(value=1.2e12, unit="CNY", evidence="Machinery accounted for 1.2 trillion")
    assert ground(machinery, yuan).grounded
    dollars = ground(machinery.model_copy(update={"unit": "USD"}), yuan)
    assert dollars.problem == (
        "unit USD is not a currency the article states (CNY): '1.2 trillion' = 1.2e+12 (exact)"
    )
    in_words = "Japan's exports rose to 9.1 trillion in October. All figures are in yen."
    assert ground(obs(value=9.1e12, unit="JPY", evidence="rose to 9.1 trillion"), in_words).grounded
    population = "Exports rose 3.2 percent in 2025. Population is 331 million."
    invented = obs(entity="US", value=331e6, unit="USD", evidence="Population is 331 million")
    assert ground(invented, population).problem == (
        "unit USD is not a currency the article states (it names none): '331 million' = 3.31e+08 (exact)"
    )


def test_an_amount_is_a_change_only_where_a_rise_or_fall_is_stated_at_it() -> None:
    article = (
        "Exports rose 3.2 percent, or $8.4 billion, to $270.1 billion in 2025. "
        "The deficit widened by $2.1 billion to $80.4 billion."
    )
    level = obs(entity="US", flow="export", value=270.1e9, unit="USD", evidence="to $270.1 billion")
    assert ground(level, article).grounded
    assert ground(level.model_copy(update={"change": "yoy"}), article).problem == (
        "change yoy does not match '$270.1 billion' = 2.701e+11 USD (exact): a level, no rise or fall at it"
    )
    restated = obs(entity="US", flow="export", value=8.4e9, unit="USD", evidence="or $8.4 billion")
    assert ground(restated.model_copy(update={"change": "yoy"}), article).grounded
    assert not ground(restated, article).grounded
    widened = obs(
        entity="US",
        flow="balance",
        change="yoy",
        value=-2.1e9,
        unit="USD",
        evidence="widened by $2.1 billion",
    )
    assert ground(widened, article).grounded


@pytest.mark.parametrize(
    ("article", "evidence", "change"),
    [
        ("Exports rose 3.2% (or roughly $8.4 billion) in 2025.", "or roughly $8.4 billion", True),
        ("Exports rose 3.2% -- or $8.4 billion -- in 2025.", "or $8.4 billion", True),
        ("Exports added $8.4 billion in 2025.", "added $8.4 billion", True),
        ("Exports declined by a record $8.4 billion in 2025.", "declined by a record $8.4 billion", True),
        ("Exports were worth about $8.4 billion in 2025.", "worth about $8.4 billion", False),
        ("Exports: $8.4 billion (2025).", "Exports: $8.4 billion", None),
    ],
)
def test_the_words_at_an_amount_decide_change_or_level_or_leave_it_open(
    article: str, evidence: str, change: bool | None
) -> None:
    hedged = "roughly" in evidence or "about" in evidence
    level = obs(entity="US", flow="export", value=8.4e9, unit="USD", evidence=evidence,
                qualifier="approximate" if hedged else "exact")  # fmt: skip
    changed = level.model_copy(update={"change": "yoy", "value": -8.4e9 if "declined" in evidence else 8.4e9})
    assert (ground(changed, article).grounded, ground(level, article).grounded) == {
        True: (True, False),
        False: (False, True),
        None: (True, True),
    }[change]
