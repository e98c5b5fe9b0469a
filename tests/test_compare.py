"""Compare tables on small hand-made prediction sets, with the expected numbers worked
out here by hand; and the HTML report checked by parsing its DOM."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, SEED_ID, obs
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.core.schema import Observation
from pipeline.core.usage import Usage
from pipeline.evaluation.compare import Comparison, compare
from pipeline.evaluation.evaluate import VersionResult, evaluate_version
from pipeline.evaluation.html import describe, render_html
from pipeline.evaluation.terminal import render_terminal
from pipeline.extract.backends import BackendOptions
from pipeline.extract.choices import Backend
from pipeline.extract.llm.store import ResponseStore
from pipeline.extract.result import ArticleResult
from pipeline.io.articles import Article
from pipeline.io.gold import GoldSet, load_gold
from pipeline.io.jsonl import write_jsonl
from pipeline.numbers.grounding import ground
from pipeline.scoring.match import Outcome
from pipeline.scoring.report import score
from pipeline.scoring.stats import paired_bootstrap

runner = CliRunner()
A1 = "Guangdong's exports rose 5.0 percent in 2025 to 1.2 trillion yuan."
A2 = "Zhejiang's imports fell 2.0 percent in 2025, and its trade reached 3 trillion yuan."


def gd(**kw: object) -> Observation:
    base = {"article_id": "a1", "entity": "CN-GD", "entity_name": "Guangdong", "flow": "export"}
    return obs(**{**base, **kw})


def zj(**kw: object) -> Observation:
    return obs(**{"article_id": "a2", "entity": "CN-ZJ", "entity_name": "Zhejiang", **kw})


GD_GROWTH = {
    "metric": "trade_value",
    "change": "yoy",
    "value": 5.0,
    "unit": "percent",
    "evidence": "rose 5.0 percent",
}
GD_VALUE = {"value": 1.2e12, "evidence": "1.2 trillion yuan"}
ZJ_GROWTH = {"flow": "import", "metric": "trade_value", "change": "yoy", "value": -2.0, "unit": "percent",
             "evidence": "imports fell 2.0 percent"}  # fmt: skip
ZJ_VALUE = {"value": 3e12, "evidence": "its trade reached 3 trillion yuan"}

GOLD = GoldSet(
    articles={"a1": Article(id="a1", text=A1), "a2": Article(id="a2", text=A2)},
    labels={"a1": [gd(**GD_GROWTH), gd(**GD_VALUE)], "a2": [zj(**ZJ_GROWTH), zj(**ZJ_VALUE)]},
)
# A: a1 both right; a2 growth has the wrong sign, a2 value missing
PRED_A = [gd(**GD_GROWTH), gd(**GD_VALUE), zj(**{**ZJ_GROWTH, "value": 2.0})]
# B: everything right, plus the a1 value reported twice
PRED_B = [gd(**GD_GROWTH), gd(**GD_VALUE), gd(**GD_VALUE), zj(**ZJ_GROWTH), zj(**ZJ_VALUE)]


def version(name: str, predictions: list[Observation], attempts: tuple[int, int]) -> VersionResult:
    results = [ArticleResult(a, [], Usage(100, 20), n) for a, n in zip(("a1", "a2"), attempts, strict=True)]
    return VersionResult(name, "hash" + name, "gpt-4o-mini", ("a1", "a2"), results, [],
                         score(GOLD, predictions))  # fmt: skip


def test_gold_texts_ground_their_labels() -> None:
    for article_id, labels in GOLD.labels.items():
        for label in labels:
            assert ground(label, GOLD.articles[article_id].text).grounded, label


def test_compare_rows_match_hand_worked_numbers() -> None:
    table = compare([version("A", PRED_A, (1, 2)), version("B", PRED_B, (1, 1))], "A").table()
    a, b = (table[table.prompt == v].iloc[0] for v in ("A", "B"))
    # A: correct 2, incorrect 1, spurious 0, missing 1 -> P 2/3, R 2/4, F1 4/7
    assert (a.correct, a.incorrect, a.spurious, a.missing) == (2, 1, 0, 1)
    assert (a.precision, a.recall, a.f1) == pytest.approx((2 / 3, 1 / 2, 4 / 7))
    assert (a.n_predicted, a.n_gold) == (3, 4)
    assert (a.err_sign, a.err_duplicate) == (1, 0)
    # B: correct 4, spurious 1 (duplicate) -> P 4/5, R 1, F1 8/9
    assert (b.correct, b.incorrect, b.spurious, b.missing) == (4, 0, 1, 0)
    assert (b.precision, b.recall, b.f1) == pytest.approx((4 / 5, 1.0, 8 / 9))
    assert b.err_duplicate == 1
    assert b.f1_delta == pytest.approx(8 / 9 - 4 / 7)
    # tokens: 120 per article; A made 3 attempts over 2 articles -> 1 retry
    assert (a.tokens_per_article, a.retries, b.retries) == (120, 1, 0)
    # gpt-4o-mini at 0.15 / 0.60 USD per million: (200*0.15 + 40*0.60) / 1e6 / 2 articles
    assert a.cost_per_article_usd == pytest.approx(27e-6)
    # per-field accuracy on lenient pairs of A: value wrong once in 3 matched pairs
    assert a.acc_value == pytest.approx(2 / 3) and a.acc_flow == 1.0
    assert "too few articles" in b.verdict and "observations" in b.ci_unit


def test_diff_lists_newly_correct_and_newly_wrong_with_evidence() -> None:
    comparison = compare([version("A", PRED_A, (1, 1)), version("B", PRED_B, (1, 1))], "A")
    diff = comparison.diffs["B"]
    assert [(r.article_id, r.evidence) for r in diff.newly_correct] == [
        ("a2", "imports fell 2.0 percent"),
        ("a2", "its trade reached 3 trillion yuan"),
    ]
    # the wrong sign also fails grounding: the evidence says "fell"
    assert diff.newly_correct[0].baseline == "incorrect (sign, ungrounded)"
    reverse = compare([version("A", PRED_A, (1, 1)), version("B", PRED_B, (1, 1))], "B").diffs["A"]
    assert len(reverse.newly_wrong) == 2 and reverse.newly_correct == []


def test_the_terminal_table_prints_article_text_as_written_never_as_markup() -> None:
    text = (
        "Guangdong's [link=http://evil.example]exports rose 5.0 percent[/link]\x1b]0;T\x07 in 2025 [/note]."
    )
    quote = "[link=http://evil.example]exports rose 5.0 percent[/link]\x1b]0;T\x07"
    hostile = GoldSet(
        articles={"a1": Article(id="a1", text=text, kind="[/kind]")},
        labels={"a1": [gd(**{**GD_GROWTH, "evidence": quote})]},
    )

    def run(name: str, predictions: list[Observation]) -> VersionResult:
        result = ArticleResult("a1", [], Usage(100, 20), 1)
        return VersionResult(name, "h", "gpt-4o-mini", ("a1",), [result], [], score(hostile, predictions))

    comparison = compare([run("[bold]A", []), run("B", [gd(**{**GD_GROWTH, "evidence": quote})])], "[bold]A")
    shown = render_terminal([comparison], width=200)
    assert "[link=http://evil.example]exports rose 5.0 percent[/link]\\x1b]0;T\\x07" in shown
    assert "[bold]A" in shown and "\x1b" not in shown


def test_compare_uses_the_same_scorer_as_tradex_score(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    (gold_dir / "articles").mkdir(parents=True)
    for article in GOLD.articles.values():
        (gold_dir / "articles" / f"{article.id}.txt").write_text(article.text)
    for article_id, labels in GOLD.labels.items():
        write_jsonl(gold_dir / "labels" / f"{article_id}.jsonl", [o.model_dump(mode="json") for o in labels])
    preds = tmp_path / "preds.jsonl"
    write_jsonl(preds, [o.model_dump(mode="json") for o in PRED_B])
    result = runner.invoke(app, ["score", str(preds), "--gold", str(gold_dir), "--format", "json"])
    strict = json.loads(result.output)["strict"]
    row = compare([version("B", PRED_B, (1, 1))], "B").table().iloc[0]
    assert {k: row[k] for k in ("precision", "recall", "f1", "correct", "spurious")} == {
        k: strict[k] for k in ("precision", "recall", "f1", "correct", "spurious")
    }


def test_bootstrap_is_seeded_and_resamples_articles_when_there_are_enough() -> None:
    few = paired_bootstrap(score(GOLD, PRED_A).strict, score(GOLD, PRED_B).strict, n_articles=2)
    again = paired_bootstrap(score(GOLD, PRED_A).strict, score(GOLD, PRED_B).strict, n_articles=2)
    assert few == again and few.unit == "observations"
    assert few.low <= few.delta <= few.high

    labels = {f"g{i}": [gd(article_id=f"g{i}", **GD_GROWTH)] for i in range(12)}
    many = GoldSet({k: Article(id=k, text=A1) for k in labels}, labels)
    right = [o for v in labels.values() for o in v]
    half = right[:6]
    better = paired_bootstrap(score(many, half).strict, score(many, right).strict, n_articles=12)
    assert better.unit == "articles" and better.n == 12
    assert better.low > 0 and better.verdict == "better"
    same = paired_bootstrap(score(many, right).strict, score(many, right).strict, n_articles=12)
    assert (same.low, same.high, same.verdict) == (0.0, 0.0, "no significant difference")


def test_identical_gold_rows_stay_apart_in_the_bootstrap() -> None:
    twice = GoldSet(GOLD.articles, {"a1": [gd(**GD_GROWTH), gd(**GD_GROWTH)]})
    baseline, candidate = score(twice, []).strict, score(twice, [gd(**GD_GROWTH)]).strict
    interval = paired_bootstrap(baseline, candidate, n_articles=1)
    assert interval.delta == pytest.approx(2 / 3)  # F1 0 -> P 1, R 1/2
    assert interval.n == 2


def test_compare_rejects_a_baseline_outside_the_versions_before_extracting() -> None:
    result = runner.invoke(app, ["compare", "--prompts", "v1,v2", "--baseline", "v3", "--backend", "openai"])
    assert result.exit_code == 2
    assert "baseline 'v3' is not among the compared versions (v1, v2)" in result.output


def test_compare_cli_json_has_one_row_per_version_with_f1() -> None:
    result = runner.invoke(app, ["compare", "--prompts", "v1,v2", "--format", "json",
                                 "--gold", str(ROOT / "gold"), "--store", str(ROOT / "evals/recordings"),
                                 "--prompts-dir", str(ROOT / "prompts")])  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    gold = load_gold(ROOT / "gold")
    recorded = ResponseStore(ROOT / "evals/recordings").recorded_articles("v1")
    rows = {(r["prompt"], r["split"]): r for r in document["rows"]}
    assert list(rows) == [("v1", "test"), ("v2", "test"), ("v1", "dev"), ("v2", "dev")]
    for (version, split), row in rows.items():
        expected = sorted(set(gold.split_ids(split)) & recorded)
        assert row["n_articles"] == len(expected)
        assert row["not_recorded"] == len(gold.split_ids(split)) - len(expected)
        assert document["splits"][split]["not_recorded"].get(version, []) == sorted(
            set(gold.split_ids(split)) - recorded
        )
    assert rows["v1", "dev"]["f1"] < rows["v2", "dev"]["f1"]
    assert set(document["diff"]) == {"v2"}


class ExternalRefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        for key, value in attrs:
            if key in ("src", "href") and (value or "").startswith(("http", "//")):
                self.external.append(value or "")


def embedded_data(page: str) -> dict[str, Any]:
    start = page.index('<script type="application/json" id="report-data">') + len(
        '<script type="application/json" id="report-data">'
    )
    data: dict[str, Any] = json.loads(page[start : page.index("</script>", start)])
    return data


@pytest.fixture(scope="module")
def corpus_comparison() -> tuple[GoldSet, Comparison]:
    gold = load_gold(ROOT / "gold")
    options = BackendOptions(backend=Backend.REPLAY, store=ROOT / "evals/recordings")
    ids = gold.split_ids("dev")
    results = [
        evaluate_version(gold, v, options, ids, ROOT / "prompts", split="dev") for v in ("v1", "v4", "rules")
    ]
    return gold, compare(results, "rules")


def test_html_report_data_gives_every_gold_figure_its_outcome_per_version(
    corpus_comparison: tuple[GoldSet, Comparison],
) -> None:
    gold, comparison = corpus_comparison
    page = render_html([comparison], gold)
    parser = ExternalRefs()
    parser.feed(page)
    assert parser.external == [] and parser.scripts == 2
    data = embedded_data(page)
    assert set(data["articles"]) == set(gold.split_ids("dev"))
    for result in comparison.results:
        for pair in result.report.strict:
            if pair.gold is None:
                continue
            article = data["articles"][pair.article_id]
            cell = data["cells"][result.version][pair.article_id]
            entries = [i for i, g in enumerate(article["gold"]) if g[2] == describe(pair.gold)]
            assert any(cell["gold"].get(str(i)) == pair.outcome for i in entries), (result.version, pair)
            for i in entries:
                start, end, _ = article["gold"][i]
                assert start < 0 or article["text"][start:end] in pair.gold.evidence
    seed = data["articles"][SEED_ID]
    eighth = next(i for i, (s, e, _) in enumerate(seed["gold"]) if seed["text"][s:e] == "eighth")
    assert "CN-SC / rank" in seed["gold"][eighth][2]
    assert data["cells"]["v1"][SEED_ID]["gold"][str(eighth)] == Outcome.MISSING
    assert data["candidate"] == "v4"  # the filters start on the best version that is not the baseline
    assert len(page.encode()) < 3_000_000


def test_hostile_article_text_stays_text_in_the_html_report() -> None:
    hostile = 'Exports rose 5.0 percent in 2025.</script><script>alert("x")</script><!-- & <b>'
    gold = GoldSet(articles={"a1": Article(id="a1", text=hostile)}, labels={"a1": [gd(**GD_GROWTH)]})
    result = VersionResult("v1", "h", "m", ("a1",), [], [], score(gold, [gd(**GD_GROWTH)]))
    page = render_html([compare([result], "v1")], gold)
    parser = ExternalRefs()
    parser.feed(page)
    assert parser.scripts == 2  # ours: the data block and the behaviour
    assert embedded_data(page)["articles"]["a1"]["text"] == hostile


def test_terminal_table_fits_80_columns_with_words_bold_and_colour(
    corpus_comparison: tuple[GoldSet, Comparison],
) -> None:
    _, comparison = corpus_comparison
    plain = render_terminal([comparison], width=80)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert "\x1b[" not in plain
    table = plain.split(" article(s)")[0].splitlines()  # the score table comes first
    rows = {
        line.split()[0]: line for line in table if line.split() and line.split()[0] in ("v1", "v4", "rules")
    }
    assert "baseline" in rows["rules"] and "inconclusive" in rows["v1"]
    v4_tokens = next(r.tokens_per_article for r in comparison.rows() if r.prompt == "v4")
    assert v4_tokens is not None and v4_tokens > 1000
    assert f"{v4_tokens:,.0f}" in rows["v4"] and f"{v4_tokens:.3f}" not in plain  # integers without decimals
    coloured = render_terminal([comparison], width=80, colour=True)
    best = max(row.f1 for row in comparison.rows() if row.f1 is not None)
    assert f"\x1b[1m{best:.3f}\x1b[0m" in coloured  # the best F1, in bold
    # the labels themselves are significantly better than the rules: their difference is in green
    gold = load_gold(ROOT / "gold")
    options = BackendOptions(backend=Backend.REPLAY, store=ROOT / "evals/recordings")
    ids = gold.split_ids("test")
    rules = evaluate_version(gold, "rules", options, ids, ROOT / "prompts", split="test")
    labelled = [o for i in ids for o in gold.labels[i]]
    articles = [ArticleResult(i, [], Usage(0, 0), 1) for i in ids]
    labels = VersionResult("labels", "hashlabels", "hand", tuple(ids), articles, [], score(gold, labelled))
    on_test = compare([labels, rules], "rules")
    perfect = next(row for row in on_test.rows() if row.prompt == "labels")
    assert perfect.verdict == "better" and perfect.f1_delta is not None
    assert f"\x1b[1;32m{perfect.f1_delta:+.2f}" in render_terminal([on_test], width=80, colour=True)
    assert "\x1b[1;32m" not in coloured  # no difference on dev is significant, so none is green


def smollm2_table(document: dict[str, Any]) -> str:
    """The README's table of SmolLM2's recorded answers, from `tradex compare --format json`."""
    lines = [
        "| split | version | articles | failed | failure causes | strict F1 | predicted | tokens / article |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split, part in document["splits"].items():
        causes: dict[str, dict[str, int]] = {}
        for failure in part["failures"]:
            tally = causes.setdefault(failure["version"], {})
            tally[failure["cause"]] = tally.get(failure["cause"], 0) + 1
        for row in part["rows"]:
            named = ", ".join(f"{c} {n}" for c, n in sorted(causes.get(row["prompt"], {}).items())) or "–"
            tokens = "–" if row["tokens_per_article"] is None else f"{row['tokens_per_article']:,.0f}"
            lines.append(
                f"| {split} | {row['prompt']} | {row['n_articles']} | {row['failures']} | {named} | "
                f"{row['f1']:.3f} | {row['n_predicted']} | {tokens} |"
            )
    return "\n".join(lines)


def test_the_readme_table_of_smollm2_answers_is_reproduced_offline_from_its_store() -> None:
    where = ["--gold", str(ROOT / "gold"), "--prompts-dir", str(ROOT / "prompts")]
    made = runner.invoke(
        app, ["compare", "--store", str(ROOT / "evals/recordings-smollm2"), "--format", "json", *where]
    )
    assert made.exit_code == 0, made.output
    readme = (ROOT / "README.md").read_text()
    start, end = "<!-- smollm2-table: start -->\n", "\n<!-- smollm2-table: end -->"
    shown = readme[readme.index(start) + len(start) : readme.index(end)]
    assert shown == smollm2_table(json.loads(made.output))


def test_several_stores_put_each_version_of_each_store_side_by_side() -> None:
    stores = ["--store", str(ROOT / "evals/recordings"), "--store", str(ROOT / "evals/recordings-smollm2")]
    where = ["--gold", str(ROOT / "gold"), "--prompts-dir", str(ROOT / "prompts")]
    made = runner.invoke(
        app, ["compare", *stores, "--prompts", "v4,rules", "--split", "test", "--format", "json", *where]
    )
    assert made.exit_code == 0, made.output
    rows = {row["prompt"]: row for row in json.loads(made.output)["rows"]}
    assert set(rows) == {"v4@recordings", "v4@recordings-smollm2", "rules"}
    assert (
        rows["v4@recordings"]["source"] == "hand-written"
        and rows["v4@recordings-smollm2"]["source"] == "model"
    )
    assert rows["v4@recordings-smollm2"]["n_articles"] == 6 and rows["v4@recordings"]["n_articles"] == 15


def test_escape_sequences_in_gold_are_spelled_out_in_markdown(tmp_path: Path) -> None:
    import shutil

    gold = tmp_path / "gold"
    shutil.copytree(ROOT / "gold", gold)
    for labels in (gold / "labels").glob("*.jsonl"):
        rows = [json.loads(line) for line in labels.read_text().splitlines() if line.strip()]
        rows = [{**row, "evidence": "\x1b]0;pwned\x07" + row["evidence"]} for row in rows]
        labels.write_text("".join(json.dumps(row) + "\n" for row in rows))
    versions = ["--prompts", "v4,rules", "--split", "dev"]
    result = runner.invoke(app, ["compare", *versions, "--gold", str(gold), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;pwned\\x07" in result.output


def test_a_version_named_twice_is_refused() -> None:
    result = runner.invoke(app, ["compare", "--prompts", "v4,rules,v4", "--gold", str(ROOT / "gold")])
    assert result.exit_code == 2
    assert result.output.strip() == "error: --prompts names v4 more than once"


def test_an_article_id_a_spreadsheet_would_run_is_text_in_the_score_csv() -> None:
    from pipeline.core.formats import ScoreFormat

    hostile = "=HYPERLINK(1)"
    gold = GoldSet({hostile: Article(id=hostile, text=A1)}, {hostile: [gd(**GD_VALUE, article_id=hostile)]})
    csv_text = score(gold, [gd(**GD_VALUE, article_id=hostile)]).render(ScoreFormat.CSV)
    assert "\n'=HYPERLINK(1)," in csv_text and "\n=HYPERLINK" not in csv_text
