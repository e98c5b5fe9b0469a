from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import ROOT, SEED_ID
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.io.gold import GoldSet, check_gold, load_gold
from pipeline.numbers.figures import find_figures
from pipeline.numbers.grounding import MatchKind, ground

runner = CliRunner()


def test_gold_check_passes_on_the_shipped_gold() -> None:
    assert check_gold(ROOT / "gold") == []
    result = runner.invoke(app, ["gold", "check", "--gold", str(ROOT / "gold")])
    assert result.exit_code == 0, result.output
    assert "gold ok" in result.output


def test_every_evidence_is_verbatim_and_grounds(gold: GoldSet, seed_text: str) -> None:
    for observation in gold.labels[SEED_ID]:
        assert observation.evidence in seed_text
        result = ground(observation, seed_text)
        assert result.grounded, result.problem
        assert result.span is not None and result.span.match == MatchKind.EXACT


def test_gold_labels_every_figure_the_article_states(gold: GoldSet, seed_text: str) -> None:
    """Each figure the finder reads in the seed is the grounding figure of some label."""
    grounded_at = {ground(o, seed_text).figure.start for o in gold.labels[SEED_ID]}  # type: ignore[union-attr]
    unlabelled = [f.describe() for f in find_figures(seed_text) if f.start not in grounded_at]
    assert unlabelled == []


@pytest.fixture
def gold_copy(tmp_path: Path) -> Path:
    target = tmp_path / "gold"
    shutil.copytree(ROOT / "gold", target)
    return target


def _corrupt(gold_dir: Path, old: str, new: str) -> None:
    path = gold_dir / "labels" / f"{SEED_ID}.jsonl"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_gold_check_fails_on_a_quote_not_in_the_article(gold_copy: Path) -> None:
    _corrupt(gold_copy, "hit a record of 9.49 trillion", "hit a record high of 9.49 trillion")
    problems = check_gold(gold_copy)
    assert len(problems) == 1
    assert f"{SEED_ID}.jsonl:8" in problems[0] and "not verbatim" in problems[0]
    result = runner.invoke(app, ["gold", "check", "--gold", str(gold_copy)])
    assert result.exit_code == 1


def test_gold_check_fails_on_a_value_not_in_its_quote(gold_copy: Path) -> None:
    _corrupt(gold_copy, '"value": 9490000000000.0', '"value": 9500000000000.0')
    problems = check_gold(gold_copy)
    assert len(problems) == 1
    assert "value 9.5e+12 does not match '9.49 trillion yuan'" in problems[0]


def test_gold_check_reports_schema_errors_with_file_and_line(gold_copy: Path) -> None:
    _corrupt(gold_copy, '"unit": "CNY"', '"unit": "percent"')
    (problem,) = check_gold(gold_copy)
    assert f"{SEED_ID}.jsonl:1:" in problem and "cannot have unit 'percent'" in problem


def test_gold_export_jsonl_and_csv(gold: GoldSet, tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["gold", "export", "--gold", str(ROOT / "gold"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == len(gold.observations())
    assert sum('"optional": true' in line for line in lines) == sum(o.optional for o in gold.observations())
    csv = runner.invoke(app, ["gold", "export", "--gold", str(ROOT / "gold"), "--format", "csv"])
    assert csv.output.splitlines()[0].startswith("article_id,entity,entity_name")
    assert len(csv.output.strip().splitlines()) == len(gold.observations()) + 1


def test_score_cli_json_shape(tmp_path: Path) -> None:
    preds = tmp_path / "preds.jsonl"
    runner.invoke(app, ["gold", "export", "--gold", str(ROOT / "gold"), "--out", str(preds)])
    result = runner.invoke(app, ["score", str(preds), "--gold", str(ROOT / "gold"), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    summary = json.loads(result.output)
    assert set(summary["strict"]) >= {
        "precision",
        "recall",
        "f1",
        "correct",
        "incorrect",
        "missing",
        "spurious",
    }
    assert summary["per_article"][0]["article_id"] == SEED_ID
    assert summary["per_article"][0]["strict"]["f1"] == 1.0


def test_score_cli_bad_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article_id": "x"}\nnot json\n')
    result = runner.invoke(app, ["score", str(bad), "--gold", str(ROOT / "gold")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}:1:")


def test_score_rejects_an_unknown_field_with_file_and_line_but_accepts_run_rows(tmp_path: Path) -> None:
    row = {"article_id": SEED_ID, "entity": "CN", "entity_name": "China", "metric": "trade_value",
           "value": 1.0, "unit": "CNY", "period": "2025", "evidence": "x"}  # fmt: skip
    run_row = {**row, "prompt_version": "v4", "prompt_hash": "abc", "model": "m",
               "evidence_start": None, "evidence_end": None, "evidence_match": None}  # fmt: skip
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(run_row) + "\n" + json.dumps({**row, "colour": "red"}) + "\n")
    result = runner.invoke(app, ["score", str(path), "--gold", str(ROOT / "gold")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}:2: colour: Extra inputs are not permitted"


def test_score_refuses_what_would_score_predictions_it_cannot_judge(tmp_path: Path) -> None:
    row = {"article_id": SEED_ID, "entity": "CN", "entity_name": "China", "metric": "trade_value",
           "value": 1.0, "unit": "CNY", "period": "2025", "evidence": "x"}  # fmt: skip
    preds = tmp_path / "p.jsonl"
    preds.write_text(json.dumps(row) + "\n" + json.dumps({**row, "article_id": "not-in-gold"}) + "\n")
    result = runner.invoke(app, ["score", str(preds), "--gold", str(ROOT / "gold")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {preds}: predictions for articles with no labels in {ROOT / 'gold' / 'labels'}: not-in-gold"
    )
    unlabelled = tmp_path / "gold"
    (unlabelled / "articles").mkdir(parents=True)
    (unlabelled / "articles" / f"{SEED_ID}.txt").write_text("China's exports rose 1.0 percent.")
    preds.write_text(json.dumps(row) + "\n")
    result = runner.invoke(app, ["score", str(preds), "--gold", str(unlabelled)])
    assert result.exit_code == 2  # no labels: scoring against nothing would report a perfect 1.000
    assert (
        result.output.strip() == f"error: {unlabelled / 'labels'}: no label files (labels/<article id>.jsonl)"
    )
    for value in ("NaN", "Infinity", "true"):
        preds.write_text(json.dumps(row).replace('"value": 1.0', f'"value": {value}') + "\n")
        result = runner.invoke(app, ["score", str(preds), "--gold", str(ROOT / "gold")])
        assert result.exit_code == 2 and result.output.startswith(f"error: {preds}:1: value: value "), (
            result.output
        )
    for field in ("product", "segment", "entity", "partner"):
        preds.write_text(json.dumps({**row, field: 5}) + "\n")
        result = runner.invoke(app, ["score", str(preds), "--gold", str(ROOT / "gold")])
        assert result.exit_code == 2 and result.output.startswith(f"error: {preds}:1: {field}: "), (
            result.output
        )


def test_a_predictions_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    preds = tmp_path / "preds.jsonl"
    runner.invoke(app, ["gold", "export", "--gold", str(ROOT / "gold"), "--out", str(preds)])
    preds.write_bytes(b"\xef\xbb\xbf" + preds.read_bytes())
    result = runner.invoke(app, ["score", str(preds), "--gold", str(ROOT / "gold"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["strict"]["f1"] == 1.0


def test_score_of_a_run_folder_covers_the_articles_it_ran_and_one_split(tmp_path: Path) -> None:
    gold = load_gold(ROOT / "gold")
    dev, test = gold.split_ids("dev")[0], gold.split_ids("test")[0]
    out = tmp_path / "run"
    inputs = [str(ROOT / "gold" / "articles" / f"{i}.txt") for i in (dev, test)]
    ran = runner.invoke(app, ["extract", *inputs, "--backend", "rules", "--out", str(out), "--no-progress"])
    assert ran.exit_code == 0, ran.output

    def scored(*args: str) -> list[str]:
        result = runner.invoke(app, ["score", *args, "--gold", str(ROOT / "gold"), "--format", "json"])
        assert result.exit_code == 0, result.output
        return [a["article_id"] for a in json.loads(result.stdout)["per_article"]]

    assert scored(str(out)) == [dev, test]
    assert scored(str(out), "--split", "test") == [test]
    assert scored(str(out / "observations.jsonl")) == gold.split_ids(None)  # a file: every labelled article
    refused = runner.invoke(app, ["score", str(tmp_path), "--gold", str(ROOT / "gold")])
    assert refused.exit_code == 2
    assert (
        refused.output.strip()
        == f"error: {tmp_path}: not a run folder with finished articles (no ledger.jsonl entries)"
    )


def test_score_of_a_file_warns_of_labelled_articles_without_rows_and_a_torn_run_is_refused(
    tmp_path: Path,
) -> None:
    gold = load_gold(ROOT / "gold")
    dev = gold.split_ids("dev")[0]
    out = tmp_path / "run"
    article = str(ROOT / "gold" / "articles" / f"{dev}.txt")
    ran = runner.invoke(app, ["extract", article, "--backend", "rules", "--out", str(out), "--no-progress"])
    assert ran.exit_code == 0, ran.output
    rows = out / "observations.jsonl"
    on_file = runner.invoke(app, ["score", str(rows), "--gold", str(ROOT / "gold"), "--split", "dev"])
    labelled = [i for i in gold.split_ids("dev") if gold.labels[i]]
    assert on_file.exit_code == 0
    assert on_file.stderr.startswith(f"warning: {len(labelled) - 1} of the {len(gold.split_ids('dev'))} ")
    assert runner.invoke(app, ["score", str(out), "--gold", str(ROOT / "gold")]).stderr == ""
    ledger = out / "ledger.jsonl"
    entry = ledger.read_text()
    failed = json.loads(entry) | {"status": "failed", "observations": 0, "error_type": "ExtractionError"}
    ledger.write_text(entry + json.dumps(failed) + "\n")  # its latest entry says it failed
    disowned = runner.invoke(app, ["score", str(out), "--gold", str(ROOT / "gold")])
    assert disowned.exit_code == 2 and f"({dev}: the ledger says 0 row(s)" in disowned.output
    ledger.write_text(entry)
    kept = rows.read_text().splitlines()
    rows.write_text("".join(line + "\n" for line in kept[:-1]))  # a copy cut short
    torn = runner.invoke(app, ["score", str(out), "--gold", str(ROOT / "gold")])
    assert torn.exit_code == 2
    assert torn.output.strip() == (
        f"error: {out}: its rows disagree with its ledger for 1 article(s) ({dev}: the ledger says "
        f"{len(kept)} row(s), observations.jsonl holds {len(kept) - 1}); resume the run to repair it"
    )


def test_score_warns_when_there_is_nothing_to_score(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = runner.invoke(app, ["score", str(empty), "--gold", str(ROOT / "gold"), "--split", "dev"])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {empty} holds no predictions")
    assert "all " in result.stdout
    wrong = runner.invoke(app, ["score", str(empty), "--gold", str(ROOT / "gold"), "--split", "train"])
    assert wrong.exit_code == 2 and wrong.output.strip() == "error: --split must be dev or test, not train"


def test_a_label_filed_under_another_article_is_refused_before_scoring(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(ROOT / "gold", gold)
    path = gold / "labels" / f"{SEED_ID}.jsonl"
    lines = path.read_text().splitlines()
    lines[0] = json.dumps({**json.loads(lines[0]), "article_id": "001_us-monthly-trade"})
    path.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["gold", "export", "--gold", str(gold), "--out", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"error: {path}: labels of another article (001_us-monthly-trade) in this file"
    )


def test_an_article_that_cannot_be_read_is_one_problem_not_one_per_label(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(ROOT / "gold", gold)
    (gold / "articles" / f"{SEED_ID}.meta.toml").write_text('outlet = "unfinished\n')
    result = runner.invoke(app, ["gold", "check", "--gold", str(gold)])
    assert result.exit_code == 1
    sidecar = gold / "articles" / f"{SEED_ID}.meta.toml"
    assert [line for line in result.output.splitlines() if SEED_ID in line] == [
        f"{sidecar}: invalid sidecar: Illegal character '\\n' (at line 1, column 21)"
    ]


def test_a_label_written_twice_is_a_problem_gold_check_names(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    shutil.copytree(ROOT / "gold", gold)
    path = gold / "labels" / f"{SEED_ID}.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, lines[2]]) + "\n")
    result = runner.invoke(app, ["gold", "check", "--gold", str(gold)])
    assert result.exit_code == 1
    assert f"{path}:{len(lines) + 1}: the same label as line 3" in result.output
