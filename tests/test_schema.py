from __future__ import annotations

from pathlib import Path

import pytest
from helpers import obs
from pydantic import ValidationError

from pipeline.core.entities import resolve
from pipeline.numbers.normalise import fold_label, normalise_record


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"unit": "percent"}, "metric 'trade_value' cannot have unit 'percent'"),
        ({"metric": "enterprise_count", "unit": "count", "value": -3}, "negative"),
        ({"entity": "Guangdong"}, "'Guangdong' is not a canonical id"),
        ({"entity": "CN-XX"}, "'CN-XX' is not a canonical id"),
        ({"unit": "XYZ"}, "unit 'XYZ' is neither"),
        ({"period": "FY2025"}, "period 'FY2025'"),
        ({"metric": "rank", "unit": "rank", "value": 1.5}, "rank 1.5"),
        ({"metric": "share_of_total", "unit": "percent", "value": 120}, "outside 0..100"),
        ({"value": -5.0}, "negative level of 'trade_value'"),
        ({"metric": "volume"}, "metric 'volume' cannot have unit 'CNY'"),
        ({"metric": "share_of_total", "change": "yoy", "unit": "percent", "value": 1.2}, "percentage_point"),
        ({"metric": "rank", "change": "yoy", "unit": "rank", "value": 1}, "it has no changes"),
        ({"change": "vs_period"}, "base_period None is set exactly when change is 'vs_period'"),
        ({"base_period": "2019"}, "base_period '2019' is set exactly when"),
        ({"unit": "USD/parsec"}, "unit 'USD/parsec' is neither"),
        ({"status": "rumoured"}, "status"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_validation_names_the_field_and_the_value(update: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as info:
        obs(**update)
    assert message in str(info.value)


@pytest.mark.parametrize(
    "update",
    [
        {"metric": "trade_value", "change": "mom", "unit": "USD", "value": -5.4e9},
        {"metric": "volume", "unit": "t", "value": 46.2e6},
        {"metric": "volume", "change": "yoy", "unit": "percent", "value": 12.2},
        {"metric": "unit_price", "unit": "CNY/t", "value": 3610.0},
        {"metric": "share_of_total", "change": "yoy", "unit": "percentage_point", "value": -1.2},
        {"metric": "streak", "unit": "months", "value": 14.0, "flow": None},
        {"flow": "balance", "value": -59.6e9, "unit": "USD"},
        {"change": "vs_period", "base_period": "2019", "unit": "percent", "value": 3.0},
        {"status": "forecast", "unit": "percent", "change": "yoy", "value": -0.2},
    ],
)
def test_wire_format_v2_expresses(update: dict[str, object]) -> None:
    observation = obs(**update)
    assert {k: getattr(observation, k) for k in update} == update


@pytest.mark.parametrize("period", ["2025", "2025-H1", "2025-Q3", "2025-10", "2025-01/2025-10", "2016/2025"])
def test_periods_accepted(period: str) -> None:
    assert obs(period=period).period == period


def test_entity_aliases_resolve() -> None:
    assert resolve("Guangdong Province") == "CN-GD"
    assert resolve("the nine mainland cities of the Guangdong-HongKong-Macao Greater Bay Area") == "GBA9"
    assert resolve("Germany") == "DE"
    assert resolve("cn-zj") == "CN-ZJ"
    assert resolve("Atlantis") is None


@pytest.mark.parametrize(
    ("name", "entity"),
    [("UAE", "AE"), ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"), ("Czech Republic", "CZ"),
     ("DR Congo", "CD"), ("Macau", "MO"), ("Texas", "US-TX"), ("Scotland", "GB-SCT"),
     ("mainland China", "CN"), ("Washington", None), ("Georgia", "GE"),
     # states and Länder as English reports write them, accents or none
     ("Gujarat", "IN-GJ"), ("Tamil Nadu", "IN-TN"), ("Nuevo Leon", "MX-NLE"), ("Coahuila", "MX-COA"),
     ("Sao Paulo", "BR-SP"), ("Bavaria", "DE-BY"), ("North Rhine-Westphalia", "DE-NW"), ("Punjab", None),
     # trade blocs a partner line names: no ISO code, so registry ids
     ("Eurasian Economic Union", "EAEU"), ("CIS countries", "CIS"), ("SACU", "SACU"), ("EAC", "EAC"),
     ("ECOWAS", "ECOWAS"), ("Caricom", "CARICOM"), ("NAFTA", "USMCA"), ("AfCFTA", "AFCFTA")],
)  # fmt: skip
def test_names_reports_write_resolve_and_a_states_name_that_stands_for_a_city_does_not(
    name: str, entity: str | None
) -> None:
    assert resolve(name) == entity


def test_normalise_record_folds_scale_words_case_and_quotes() -> None:
    record = normalise_record(
        {"entity": "Zhejiang", "value": "5.55 trillion", "product": "“New Three”  Products",
         "flow": "Export", "period": "2025-q3"}
    )  # fmt: skip
    assert record == {
        "entity": "CN-ZJ",
        "value": 5.55e12,
        "product": "new three",
        "flow": "export",
        "period": "2025-Q3",
    }
    assert fold_label("  Drones ") == "drone"
    assert fold_label("soybeans") == fold_label("Soybean") == "soybean"
    assert fold_label("lithium batteries") == "lithium battery"
    assert fold_label("natural gas") == "natural gas"
    assert fold_label("watches") == fold_label("Watch") == "watch"
    assert fold_label("boxes") == "box"
    assert fold_label("tomatoes") == fold_label("Tomato") == "tomato"
    assert fold_label("shoes") == fold_label("shoe") == "shoe"
    assert fold_label("Plastics & rubber") == fold_label("plastics and rubber") == "plastics and rubber"
    # what kind of thing a product is named as is no part of which product it is
    assert fold_label("automotive sector") == fold_label("automotive") == "automotive"
    assert fold_label("textile industry") == fold_label("textiles") == "textile"
    assert fold_label("electronic products") == fold_label("electronic goods") == "electronic"


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        (
            '[[entity]]\nid = "MERC"\nname = "Mercosur"\naliases = "Mercosur"',
            "entity.0.aliases: Input should be",
        ),
        ('[[entity]]\nid = "MERC"\nname = "Mercosur"\naliases = [" "]', "entity.0.aliases.0: String should"),
        ('[[entities]]\nid = "MERC"\nname = "Mercosur"', "entities: Extra inputs are not permitted"),
        ('[[entity]]\nid = "MERC\\n"\nname = "Mercosur"', "entity.0.id: String should match pattern"),
        ('[[entity]]\nid = "MERC"\nname = "Mercosur"\ncolour = "red"', "entity.0.colour: Extra inputs"),
    ],
)
def test_a_user_registry_that_would_register_nonsense_or_nothing_is_one_line(
    tmp_path: Path, toml: str, problem: str
) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    path = tmp_path / "mine.toml"
    path.write_text(toml)
    result = CliRunner().invoke(app, ["--entities", str(path), "runs", "--runs-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {path}: {problem}"), result.output


@pytest.mark.parametrize("code", ["BGN", "HRK", "ZWL"])
def test_a_currency_withdrawn_lately_is_still_a_currency_of_the_years_it_was_used(code: str) -> None:
    assert obs(unit=code, evidence="5.2 billion").unit == code


def test_a_made_up_code_is_no_currency() -> None:
    with pytest.raises(ValidationError):
        obs(unit="XYZ", evidence="5.2 billion")
