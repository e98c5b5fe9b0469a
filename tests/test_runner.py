"""Batch runs through the CLI: real openai + instructor against fake servers."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fakes import (
    Reply,
    ScriptedTransport,
    answer,
    article_text,
    growth_article,
    loopback_server,
    reading_model,
)
from helpers import ROOT, SEED_ID, lock_held_by_another_process
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.core.errors import ExtractionError, InputError, redact
from pipeline.extract.llm.client import Extractor, Settings
from pipeline.extract.llm.prompts import load_prompt
from pipeline.extract.llm.store import RecordingTransport, ResponseStore, StoreMode
from pipeline.io.articles import Article, open_articles
from pipeline.runs.runner import Run, RunSpec, find_resumable

runner = CliRunner()
CANARY = "sk-canary-3f9a1c77e2b94d0e8a6b5c4d3e2f1a0b"


def write_articles(path: Path, n: int, extra: list[dict[str, str]] | None = None) -> Path:
    rows = [{"id": f"art{i:03d}", "text": growth_article(i)} for i in range(n)] + (extra or [])
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def sorted_rows(run_dir: Path) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in (run_dir / "observations.jsonl").read_text().splitlines()]
    return sorted(rows, key=lambda r: (r["article_id"], json.dumps(r, sort_keys=True)))


def run_batch(articles_path: Path, out: Path, transport: ScriptedTransport, concurrency: int) -> Run:
    articles = open_articles([articles_path])
    prompt = load_prompt("v2", ROOT / "prompts")
    extractor = Extractor(prompt, Settings(model="fake-model", http_retries=0), transport)
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    run = Run(articles, extractor, spec, out, resume=False, concurrency=concurrency, progress=False)
    asyncio.run(run.execute())
    return run


def test_concurrency_never_exceeds_n_measured_at_the_server(tmp_path: Path) -> None:
    server = ScriptedTransport(respond=reading_model, delay_s=0.05)
    run_batch(write_articles(tmp_path / "a.jsonl", 12), tmp_path / "run", server, concurrency=3)
    assert len(server.requests) == 12
    assert server.max_in_flight == 3


def test_a_failing_article_is_isolated_and_recorded(tmp_path: Path) -> None:
    def respond(body: dict[str, object]) -> tuple[int, dict[str, object], dict[str, str]]:
        text = article_text(body)
        if "Report 2." in text:
            return answer([{"entity": "CN-SC", "entity_name": "Sichuan", "flow": "export",
                            "metric": "trade_value", "change": "yoy", "value": 99.0, "unit": "percent",
                            "period": "2025", "evidence": "exports rose 99 percent"}])  # fmt: skip
        return reading_model(body)

    out = tmp_path / "run"
    run_batch(write_articles(tmp_path / "a.jsonl", 5), out, ScriptedTransport(respond=respond), 2)
    (failure,) = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert failure["article_id"] == "art002" and failure["error_type"] == "ExtractionError"
    assert "is not in the article" in failure["message"] and failure["attempts"] == 3
    assert {r["article_id"] for r in sorted_rows(out)} == {"art000", "art001", "art003", "art004"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["articles"] == {"total": 5, "ok": 4, "failed": 1, "resumed": 0}
    assert manifest["usage"]["attempts"] == 4 + 3
    assert (out / "observations.csv").read_text().startswith("article_id,")


def tradex(
    *args: str, env: dict[str, str] | None = None, ignore_ctrl_c: bool = False
) -> subprocess.Popen[str]:
    """`ignore_ctrl_c` starts it as `cmd &` in a script does, with SIGINT ignored."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_ctrl_c else None,
    )


def test_resume_after_a_kill_gives_the_rows_of_an_uninterrupted_run(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 10)
    with loopback_server(reading_model, delay_s=0.15) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test"}
        common = ["extract", str(articles), "--prompt", "v2", "--backend", "openai", "--model",
                  "fake-model", "--concurrency", "1", "--no-progress"]  # fmt: skip
        whole = tradex(*common, "--out", str(tmp_path / "whole"), "--store", str(tmp_path / "s1"), env=env)
        assert whole.wait(60) == 0, whole.stderr.read() if whole.stderr else ""

        cut = tmp_path / "cut"
        victim = tradex(*common, "--out", str(cut), "--store", str(tmp_path / "s2"), env=env)
        ledger = cut / "ledger.jsonl"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not ledger.exists() or len(ledger.read_text().splitlines()) < 3
        ):
            time.sleep(0.02)
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        finished_before = len(ledger.read_text().splitlines())
        assert 3 <= finished_before < 10
        calls_before = len(server.headers_seen)

        resumed = tradex(*common, "--out", str(cut), "--store", str(tmp_path / "s2"), "--resume", env=env)
        out, err = resumed.communicate(timeout=60)
        assert resumed.returncode == 0, err
        assert f"({finished_before} resumed)" in out
        # only unfinished articles were asked again (one may have been in flight at the kill)
        assert len(server.headers_seen) - calls_before <= 10 - finished_before + 1
    assert sorted_rows(cut) == sorted_rows(tmp_path / "whole")
    manifest = json.loads((cut / "manifest.json").read_text())
    assert manifest["articles"]["ok"] == 10 and manifest["finished_at"]


def test_an_article_edited_before_a_resume_is_done_again_and_its_old_rows_dropped(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 3)
    out = tmp_path / "run"
    args = ["extract", str(articles), "--backend", "rules", "--out", str(out), "--no-progress"]
    assert runner.invoke(app, args).exit_code == 0
    before = {r["article_id"]: r["value"] for r in sorted_rows(out)}
    edited = articles.read_text().replace(
        growth_article(1), growth_article(1).replace("1.5 percent", "7.25 percent")
    )
    articles.write_text(edited)
    resumed = runner.invoke(app, [*args, "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert "(2 resumed)" in resumed.stdout
    assert resumed.stderr.strip() == "1 article(s) edited since their rows were made, done again: art001"
    after = {r["article_id"]: r["value"] for r in sorted_rows(out)}
    assert len(sorted_rows(out)) == 3 and after == {**before, "art001": 7.25}
    again = runner.invoke(app, [*args, "--resume"])  # nothing changed since: nothing redone
    assert "(3 resumed)" in again.stdout and not again.stderr


def test_live_run_against_a_loopback_server_and_no_key_on_disk(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 3)
    with loopback_server(reading_model) as server:
        env = {
            "OPENAI_BASE_URL": server.url,
            "OPENAI_API_KEY": CANARY,
            "OPENAI_ORG_ID": "org-canary",
        }
        proc = tradex("extract", str(articles), "--prompt", "v2", "--backend", "openai", "--record",
                      "--model", "fake-model", "--no-progress", "--out", str(tmp_path / "run"),
                      "--store", str(tmp_path / "store"), env=env)  # fmt: skip
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "3/3 articles ok" in out
    # the key was really used on the wire ...
    assert all(h["authorization"] == f"Bearer {CANARY}" for h in server.headers_seen)
    # ... and appears in no written file
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "a.jsonl"]
    assert len(list((tmp_path / "store").rglob("*.json"))) == 3
    for path in written:  # Parquet included: bytes, not text
        content = path.read_bytes()
        assert CANARY.encode() not in content and b"org-canary" not in content, path
    assert CANARY not in out + err


def test_extract_replay_works_offline_for_every_prompt_version(tmp_path: Path) -> None:
    from pipeline.extract.llm.prompts import load_prompts

    for version in load_prompts(ROOT / "prompts"):
        out = tmp_path / version
        gold_dir = str(ROOT / "gold")
        args = ["extract", f"{gold_dir}/articles/{SEED_ID}.txt", "--prompt", version, "--backend", "replay",
                "--out", str(out), "--no-progress", "--gold", gold_dir]  # fmt: skip
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "1/1 articles ok" in result.output and SEED_ID in result.output
        rows = sorted_rows(out)
        assert rows and all(r["prompt_version"] == version for r in rows)
        # the printed score is the one `tradex score` gives for the rows the run wrote
        (all_row,) = [line.split() for line in result.output.splitlines() if line.startswith("all ")]
        rescored = runner.invoke(app, ["score", str(out / "observations.jsonl"), "--gold", gold_dir,
                                       "--format", "json"])  # fmt: skip
        (seed,) = [a for a in json.loads(rescored.stdout)["per_article"] if a["article_id"] == SEED_ID]
        expected = [round(seed["strict"][k], 3) for k in ("precision", "recall", "f1")]
        assert [float(v) for v in all_row[1:4]] == expected


def test_duplicate_ids_fail_before_any_call(tmp_path: Path) -> None:
    path = write_articles(tmp_path / "a.jsonl", 2, extra=[{"id": "art001", "text": "again"}])
    result = runner.invoke(app, ["extract", str(path), "--backend", "replay", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}:3: duplicate article id 'art001' (first at {path}:2)"
    assert not (tmp_path / "r").exists()
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "art000.txt").write_text("a text file with the id of a JSON line")
    unique = write_articles(tmp_path / "b.jsonl", 2)
    result = runner.invoke(app, ["extract", str(unique), str(folder), "--backend", "rules", "--no-progress"])
    assert result.output.strip() == (
        f"error: {folder / 'art000.txt'}: duplicate article id 'art000' (first at {unique}:1)"
    )


def test_a_malformed_jsonl_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{"id": "b"}\n')
    result = runner.invoke(app, ["extract", str(path), "--backend", "replay"])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}:2: text: Field required"


def test_a_jsonl_written_as_utf16_or_utf32_with_its_mark_is_read(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"a{i}", "text": f"Exports rose {i}.5% in 2025."}) + "\n" for i in range(2)
    )
    for codec in ("utf-16", "utf-32", "utf-8-sig"):  # PowerShell 5's `>` writes UTF-16 with its mark
        path = tmp_path / f"{codec}.jsonl"
        path.write_bytes(lines.encode(codec))
        assert [a.text for a in open_articles([path])] == [
            "Exports rose 0.5% in 2025.",
            "Exports rose 1.5% in 2025.",
        ]


def test_a_utf8_byte_order_mark_is_no_part_of_a_txt_article(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffFrance's exports rose 2.5% in 2024.".encode())
    (article,) = open_articles([path])
    assert article.text == "France's exports rose 2.5% in 2024."


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("As exportações de café cresceram 12,5% em outubro; o superávit foi de US$ 4,1 bilhões.", "latin-1"),
        ("Las exportaciones de España crecieron un 3,4% en el año, según el Ministerio.", "cp1252"),
        ("Exports rose 5% to €12.3 billion, the minister said — “a record”.", "cp1252"),
        ("Vývoz z České republiky vzrostl o 5,2 %, uvedl Český statistický úřad.", "cp1250"),
        ("Eksport z Polski wzrósł o 4,1% w październiku, podał Główny Urząd Statystyczny.", "cp1250"),
        ("Экспорт России в октябре вырос на 5,1% до 35,2 млрд долларов.", "cp1251"),
    ],
)
def test_a_txt_in_a_legacy_code_page_is_read_as_written(tmp_path: Path, text: str, codec: str) -> None:
    """A currency sign or a letter read in the wrong code page changes what a figure says."""
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    (article,) = open_articles([tmp_path])
    assert (article.text, article.problem) == (text, None)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_txt_saved_as_utf16_without_its_mark_is_read_and_a_binary_file_is_not(
    tmp_path: Path, codec: str
) -> None:
    text = "Chile's exports rose 2.5% in 2024, the central bank said."
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    (tmp_path / "b.txt").write_bytes(
        bytes([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] * 8)
    )
    first, second = open_articles([tmp_path])
    assert (first.text, first.problem) == (text, None)
    assert second.problem == f"{tmp_path / 'b.txt'}: binary file, not text"


def test_a_jsonl_line_nested_too_deeply_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x"}) + "\n" + "[" * 100_000 + "\n")
    result = runner.invoke(app, ["extract", str(path), "--backend", "rules", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}:2: not valid JSON: nested too deeply"


def test_what_a_folder_holds_besides_articles_is_named_not_skipped_silently(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text("Exports rose 4.5% in 2025.")
    (folder / "a.meta.toml").write_text('outlet = "x"\n')
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "entities.toml").write_text("")
    (folder / "batch.jsonl").write_text(json.dumps({"id": "b", "text": "y"}) + "\n")
    result = runner.invoke(app, ["extract", str(folder), "--backend", "rules", "--no-progress",
                                 "--out", str(tmp_path / "r")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        f"warning: 2 entries of the input folder(s) are not .txt articles and are not read: "
        f"{folder / 'batch.jsonl'}, {folder / 'more/'} "
        "(pass a .jsonl file or a subfolder as an input of its own)"
    )
    (folder / "a.txt").unlink()
    result = runner.invoke(app, ["extract", str(folder), "--backend", "rules", "--out", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {folder}: no articles (.txt files or .jsonl lines) found; a folder input reads only its "
        f".txt files, not {folder / 'batch.jsonl'}, {folder / 'more/'}"
    )


def test_the_rules_date_figures_by_a_stated_year_or_fail_the_article_naming_why(tmp_path: Path) -> None:
    text = "Vietnam's exports rose 1.5 percent in March from a year earlier, the statistics office said."
    path = tmp_path / "a.jsonl"
    lines = [{"id": "undated", "text": text}, {"id": "dated", "text": text, "published": "April 7, 2024"},
             {"id": "rfc", "text": text, "published": "Sun, 07 Apr 2019 10:00:00 GMT"}]  # fmt: skip
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "r"
    result = runner.invoke(
        app, ["extract", str(path), "--backend", "rules", "--no-progress", "--out", str(out)]
    )
    assert result.exit_code == 1
    (failure,) = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert failure["article_id"] == "undated" and "names none and has no published date" in failure["message"]
    rows = [json.loads(line) for line in (out / "observations.jsonl").read_text().splitlines()]
    assert sorted((r["article_id"], r["period"]) for r in rows) == [("dated", "2024-03"), ("rfc", "2019-03")]


def test_a_published_date_that_is_no_date_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Exports rose 2% in 2024.", "published": "07/04/2025"}) + "\n"
    )
    result = runner.invoke(app, ["extract", str(path), "--backend", "rules", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {path}:1: published: '07/04/2025' is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY)"
    )


def test_prompts_list_prints_version_hash_description() -> None:
    result = runner.invoke(app, ["prompts", "list", "--prompts-dir", str(ROOT / "prompts")])
    lines = result.stdout.strip().splitlines()  # stdout alone: a stray warning on stderr is not the listing
    assert [line.split("\t")[0] for line in lines] == ["v1", "v2", "v3", "v4"]
    assert all(len(line.split("\t")[1]) == 12 for line in lines)


def test_a_prompt_s_description_is_printed_with_its_escape_sequences_spelled_out(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "prompts", tmp_path / "prompts")
    path = tmp_path / "prompts" / "v1.toml"
    path.write_text(path.read_text().replace('description = "', 'description = "\\u001b]0;pwned\\u0007', 1))
    result = runner.invoke(app, ["prompts", "list", "--prompts-dir", str(tmp_path / "prompts")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\\x1b]0;pwned\\x07" in result.output
    assert result.output.splitlines()[0].count("\t") == 2


def test_prompts_show_renders_for_an_article() -> None:
    article = ROOT / "gold" / "articles" / f"{SEED_ID}.txt"
    result = runner.invoke(app, ["prompts", "show", "v2", "--article", str(article),
                                 "--prompts-dir", str(ROOT / "prompts")])  # fmt: skip
    assert result.exit_code == 0
    assert "## system" in result.output and "9.15 trillion yuan" in result.output


def test_prompts_show_spells_out_an_article_s_escape_sequences(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Exports rose 2% in 2025.\x1b]0;pwned\x07\nImports fell.")
    result = runner.invoke(app, ["prompts", "show", "v2", "--article", str(article),
                                 "--prompts-dir", str(ROOT / "prompts")])  # fmt: skip
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Exports rose 2% in 2025.\\x1b]0;pwned\\x07\nImports fell." in result.output


def test_a_torn_ledger_line_is_dropped_before_resuming(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 3)
    out = tmp_path / "run"
    run_batch(articles, out, ScriptedTransport(respond=reading_model), concurrency=1)
    ledger = out / "ledger.jsonl"
    lines = ledger.read_text().splitlines()
    ledger.write_text("\n".join(lines[:2]) + "\n" + lines[2][:15])  # killed mid-line
    rows = out / "observations.jsonl"
    rows.write_text("\n".join(rows.read_text().splitlines()[:2]) + "\n")
    prompt = load_prompt("v2", ROOT / "prompts")
    transport = ScriptedTransport(respond=reading_model)
    extractor = Extractor(prompt, Settings(model="fake-model", http_retries=0), transport)
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    run = Run(open_articles([articles]), extractor, spec, out, resume=True, progress=False)
    summary = asyncio.run(run.execute())
    assert (summary.ok, summary.resumed, len(transport.requests)) == (3, 2, 1)
    entries = [json.loads(line) for line in ledger.read_text().splitlines()]
    assert [e["article_id"] for e in entries] == ["art000", "art001", "art002"]
    assert len(sorted_rows(out)) == 3


def test_a_ledger_line_copied_by_hand_counts_its_tokens_once(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 2)
    out = tmp_path / "run"
    run_batch(articles, out, ScriptedTransport(respond=reading_model), concurrency=1)
    before = json.loads((out / "manifest.json").read_text())["usage"]
    ledger = out / "ledger.jsonl"
    lines = ledger.read_text().splitlines()
    ledger.write_text("".join(line + "\n" for line in [lines[0], *lines, lines[1]]))
    prompt = load_prompt("v2", ROOT / "prompts")
    extractor = Extractor(prompt, Settings(model="fake-model", http_retries=0), ScriptedTransport())
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    asyncio.run(Run(open_articles([articles]), extractor, spec, out, resume=True, progress=False).execute())
    after = json.loads((out / "manifest.json").read_text())["usage"]
    assert before["prompt_tokens"] > 0 and after == before
    assert ledger.read_text().splitlines() == lines


def test_tokens_of_attempts_that_failed_before_a_resume_stay_in_the_manifest(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 2)
    out = tmp_path / "run"
    prompt = load_prompt("v2", ROOT / "prompts")
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    invented = {
        "entity": "CN-ZJ",
        "entity_name": "Zhejiang",
        "flow": "export",
        "metric": "trade_value",
        "change": "yoy",
        "value": 99.0,
        "unit": "percent",
        "period": "2025",
        "evidence": "rose 99 percent",
    }

    def flaky(body: dict[str, object]) -> tuple[int, dict[str, object], dict[str, str]]:
        if "Report 1." in article_text(body):
            return answer([invented], prompt_tokens=500, completion_tokens=5)
        return reading_model(body)

    settings = Settings(model="fake-model", http_retries=0, max_retries=0)
    first = Extractor(prompt, settings, ScriptedTransport(respond=flaky))
    asyncio.run(Run(open_articles([articles]), first, spec, out, resume=False, progress=False).execute())
    failed_run = json.loads((out / "manifest.json").read_text())
    assert failed_run["articles"]["failed"] == 1 and failed_run["usage"]["prompt_tokens"] >= 500
    second = Extractor(prompt, settings, ScriptedTransport(respond=reading_model))
    asyncio.run(Run(open_articles([articles]), second, spec, out, resume=True, progress=False).execute())
    resumed = json.loads((out / "manifest.json").read_text())
    assert resumed["articles"] == {"total": 2, "ok": 2, "failed": 0, "resumed": 1}
    assert resumed["usage"]["prompt_tokens"] > failed_run["usage"]["prompt_tokens"]
    assert resumed["usage"]["attempts"] == 3
    assert (out / "failures.jsonl").read_text() == ""


def test_the_manifest_names_the_model_that_served_the_answers(tmp_path: Path) -> None:
    """A server may answer "gpt-4o" with a dated snapshot: the rows' model column is the
    model asked for, the manifest names the one that answered, on a cached re-run too."""

    def snapshot(body: dict[str, Any]) -> Reply:
        status, completion, headers = reading_model(body)
        return status, {**completion, "model": "fake-model-2025-06-01"}, headers

    path = write_articles(tmp_path / "a.jsonl", 2)
    manifests = []
    with loopback_server(snapshot) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test"}
        for run in ("first", "cached"):
            proc = tradex(
                "extract", str(path), "--backend", "openai", "--model", "fake-model", "--no-progress",
                "--out", str(tmp_path / run), "--store", str(tmp_path / "store"), env=env,
            )  # fmt: skip
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            manifests.append(json.loads((tmp_path / run / "manifest.json").read_text()))
            assert {row["model"] for row in sorted_rows(tmp_path / run)} == {"fake-model"}
        assert len(server.headers_seen) == 2  # the re-run reused the first run's rows
    assert [m["served_models"] for m in manifests] == [["fake-model-2025-06-01"]] * 2


def test_non_ascii_article_ids_travel_and_are_stored(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "广东-出口", "text": growth_article(0)}) + "\n")
    with loopback_server(reading_model) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test"}
        proc = tradex(
            "extract",
            str(path),
            "--backend",
            "openai",
            "--model",
            "fake-model",
            "--no-progress",
            "--out",
            str(tmp_path / "run"),
            "--store",
            str(tmp_path / "store"),
            env=env,
        )
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    (stored,) = ResponseStore(tmp_path / "store").recordings()
    assert stored.parent.name == "广东-出口"
    assert json.loads((tmp_path / "run" / "manifest.json").read_text())["usage"]["attempts"] == 1


def test_resume_with_a_corrupt_manifest_is_a_one_line_error(tmp_path: Path) -> None:
    out = tmp_path / "run"
    out.mkdir()
    (out / "manifest.json").write_text("{not json")
    result = runner.invoke(app, ["extract", str(ROOT / "gold" / "articles"), "--out", str(out), "--resume",
                                 "--no-progress"])  # fmt: skip
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {out / 'manifest.json'}: cannot resume: unreadable manifest")


def test_resume_without_a_manifest_checks_what_the_rows_and_ledger_say(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 3)
    out = tmp_path / "run"
    run_batch(articles, out, ScriptedTransport(respond=reading_model), 1)
    (out / "manifest.json").unlink()
    other = load_prompt("v1", ROOT / "prompts")
    extractor = Extractor(
        other, Settings(model="fake-model", http_retries=0), ScriptedTransport(respond=reading_model)
    )
    spec = RunSpec(other.version, other.hash, "fake-model", "test")
    with pytest.raises(InputError) as refused:
        asyncio.run(
            Run(open_articles([articles]), extractor, spec, out, resume=True, progress=False).execute()
        )
    assert (
        refused.value.message
        == "cannot resume: its rows came from another prompt or model (manifest.json is missing)"
    )
    fewer = write_articles(tmp_path / "b.jsonl", 2)
    with pytest.raises(InputError) as outside:
        resume_batch(fewer, out, ScriptedTransport(respond=reading_model))
    assert outside.value.message == (
        "cannot resume: its ledger names articles outside these inputs (manifest.json is missing)"
    )
    resume_batch(articles, out, ScriptedTransport(respond=reading_model))  # the same run resumes
    assert len(sorted_rows(out)) == 3


def test_openai_backend_without_a_key_stops_before_any_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.example.invalid/v1")
    articles = write_articles(tmp_path / "a.jsonl", 2)
    args = ["extract", str(articles), "--backend", "openai", "--out", str(tmp_path / "r"), "--no-progress",
            "--prompts-dir", str(ROOT / "prompts")]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "error: OPENAI_API_KEY is not set: export it, or set OPENAI_BASE_URL to a "
        + ("local server that needs none")
    )


def resume_batch(articles_path: Path, out: Path, transport: ScriptedTransport) -> Run:
    articles = open_articles([articles_path])
    prompt = load_prompt("v2", ROOT / "prompts")
    extractor = Extractor(prompt, Settings(model="fake-model", http_retries=0), transport)
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    run = Run(articles, extractor, spec, out, resume=True, concurrency=2, progress=False)
    asyncio.run(run.execute())
    return run


def test_a_tail_cut_inside_a_character_or_holding_an_endless_number_is_dropped_on_resume(
    tmp_path: Path,
) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 3)
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    run_batch(articles, whole, ScriptedTransport(respond=reading_model), 2)
    run_batch(articles, cut, ScriptedTransport(respond=reading_model), 2)
    with (cut / "observations.jsonl").open("ab") as rows:
        rows.write('{"article_id": "art000", "entity_name": "€'.encode()[:-1])  # half of a "€"
    with (cut / "ledger.jsonl").open("ab") as ledger:
        ledger.write(b'{"article_id": "art001", "observations": ' + b"9" * 5000 + b"}\n")
    resume_batch(articles, cut, ScriptedTransport(respond=reading_model))
    assert sorted_rows(cut) == sorted_rows(whole)


def test_a_jsonl_line_holding_a_number_too_long_to_read_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "x", "n": ' + "9" * 5000 + "}\n")
    result = runner.invoke(app, ["extract", str(path), "--backend", "rules", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}:1: not valid JSON: a number too long to read"


@pytest.mark.parametrize("damage", ["rows lost, ledger ok", "ledger line lost, rows kept", "rows doubled"])
def test_resume_completes_a_damaged_run_folder_exactly_once(tmp_path: Path, damage: str) -> None:
    """The states a kill can leave between the two files: the rows, not the ledger alone,
    decide what is done, and each article ends with its rows exactly once."""
    articles = write_articles(tmp_path / "a.jsonl", 6)
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    run_batch(articles, whole, ScriptedTransport(respond=reading_model), 2)
    run_batch(articles, cut, ScriptedTransport(respond=reading_model), 2)
    rows_path, ledger_path = cut / "observations.jsonl", cut / "ledger.jsonl"
    rows, ledger = rows_path.read_text().splitlines(), ledger_path.read_text().splitlines()
    if damage == "rows lost, ledger ok":  # the ledger rewritten, the rows truncated, then a kill
        rows_path.write_text("".join(line + "\n" for line in rows[:2]))
    elif damage == "ledger line lost, rows kept":  # rows appended, killed before the ledger line
        ledger_path.write_text("".join(line + "\n" for line in ledger[:-1]))
    else:
        rows_path.write_text("".join(line + "\n" for line in rows + rows[:3]))
    server = ScriptedTransport(respond=reading_model)
    resume_batch(articles, cut, server)
    assert sorted_rows(cut) == sorted_rows(whole)
    expected_calls = {"rows lost, ledger ok": 4, "ledger line lost, rows kept": 1, "rows doubled": 0}
    assert len(server.requests) == expected_calls[damage]
    usage = json.loads((cut / "manifest.json").read_text())["usage"]
    assert usage == json.loads((whole / "manifest.json").read_text())["usage"]  # each article's tokens once
    resume_batch(articles, cut, ScriptedTransport())  # a ledger naming an article twice: still once
    assert json.loads((cut / "manifest.json").read_text())["usage"] == usage


def test_a_second_process_on_the_same_run_folder_is_refused_and_a_dead_holders_lock_taken_over(
    tmp_path: Path,
) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 2)
    out = tmp_path / "run"
    with lock_held_by_another_process(out) as holder:
        with pytest.raises(InputError) as info:
            run_batch(articles, out, ScriptedTransport(respond=reading_model), 1)
        assert info.value.message == f"another tradex process (pid {holder}) is writing this run folder"
        assert not (out / "ledger.jsonl").exists()
    # the holder was killed: its lock file stays, naming its pid, but the lock went with it
    assert (out / "run.lock").read_text() == str(holder)
    run_batch(articles, out, ScriptedTransport(respond=reading_model), 1)
    assert len(sorted_rows(out)) == 2 and not (out / "run.lock").exists()


def test_a_lock_naming_a_live_pid_that_holds_no_lock_is_taken_over(tmp_path: Path) -> None:
    """A killed run's pid may belong to another process by now (or be this one's, as a
    container's first process is pid 1 every time): a number in a file is no lock."""
    articles = write_articles(tmp_path / "a.jsonl", 2)
    out = tmp_path / "run"
    out.mkdir()
    for pid in (os.getpid(), os.getppid()):
        (out / "run.lock").write_text(str(pid))
        run_batch(articles, out, ScriptedTransport(respond=reading_model), 1)
        assert len(sorted_rows(out)) == 2 and not (out / "run.lock").exists()
        shutil.rmtree(out)
        out.mkdir()


def test_ctrl_c_before_a_run_starts_is_one_line_and_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(paths: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.io.articles.open_articles", interrupted)
    result = runner.invoke(app, ["extract", str(tmp_path), "--backend", "rules", "--no-progress"])
    assert result.exit_code == 130
    assert result.output.strip() == (
        "interrupted: every file is whole (written, then renamed); run it again to go on"
    )


@pytest.mark.parametrize(
    ("stop", "status", "ignore_ctrl_c"),
    [(signal.SIGINT, 130, False), (signal.SIGTERM, 143, False), (signal.SIGTERM, 143, True)],
)
def test_ctrl_c_or_a_kill_says_how_much_is_done_and_how_to_finish(
    tmp_path: Path, stop: signal.Signals, status: int, ignore_ctrl_c: bool
) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 12)
    out = tmp_path / "run"
    released = threading.Event()  # the third answer waits for it: the run cannot end first

    def held(body: dict[str, Any]) -> Reply:
        if len(server.headers_seen) > 2:
            released.wait(60)
        return reading_model(body)

    with loopback_server(held, delay_s=0.1) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test"}
        common = ["extract", str(articles), "--prompt", "v2", "--backend", "openai", "--model", "fake-model",
                  "--concurrency", "1", "--no-progress", "--store", str(tmp_path / "s")]  # fmt: skip
        victim = tradex(*common, "--out", str(out), env=env, ignore_ctrl_c=ignore_ctrl_c)
        ledger = out / "ledger.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            not ledger.exists() or len(ledger.read_text().splitlines()) < 2
        ):
            time.sleep(0.02)
        victim.send_signal(stop)
        _, err = victim.communicate(timeout=30)
        released.set()
        assert victim.returncode == status, err
        (line,) = [x for x in err.splitlines() if x.startswith("interrupted:")]
        done = len(ledger.read_text().splitlines())
        assert line.startswith(f"interrupted: {done}/12 articles done in {out}; finish with: tradex extract ")
        assert line.endswith("--resume") and not (out / "run.lock").exists()
        resumed = tradex(*common, "--out", str(out), "--resume", env=env)
        assert resumed.wait(60) == 0
    assert len(sorted_rows(out)) == 12


def test_bad_inputs_fail_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(growth_article(1))
    (folder / "empty.txt").write_text("")
    (folder / "blank.txt").write_text("  \n\t ")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00")
    (folder / "latin.txt").write_bytes(growth_article(2).encode("latin-1") + " Caf\xe9.".encode("latin-1"))
    (folder / "huge.txt").write_text(growth_article(3) * 2000)
    (folder / "utf16.txt").write_bytes(growth_article(4).encode("utf-16"))  # a byte-order mark, then text
    (folder / "broken.txt").write_text(growth_article(5))
    (folder / "broken.meta.toml").write_text('outlet = "unclosed\n')
    (folder / "renamed.txt").write_text(growth_article(6))
    (folder / "renamed.meta.toml").write_text('id = "good"\n')  # would slip past the duplicate check
    os.mkfifo(folder / "pipe.txt")  # reading it would block the run for good
    server = ScriptedTransport(respond=reading_model)
    out = tmp_path / "run"
    articles = open_articles([folder])
    prompt = load_prompt("v2", ROOT / "prompts")
    extractor = Extractor(prompt, Settings(model="fake-model", http_retries=0), server)
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    asyncio.run(Run(articles, extractor, spec, out, resume=False, progress=False, max_chars=10_000).execute())
    failures = {
        f["article_id"]: f["message"]
        for f in map(json.loads, (out / "failures.jsonl").read_text().splitlines())
    }
    assert failures == {
        "empty": f"{folder / 'empty.txt'}: empty article: no text to extract",
        "blank": f"{folder / 'blank.txt'}: empty article: no text to extract",
        "pipe": f"{folder / 'pipe.txt'}: not a regular file (a pipe, socket or device)",
        "binary": f"{folder / 'binary.txt'}: binary file, not text",
        "huge": f"{folder / 'huge.txt'}: article is {len(growth_article(3)) * 2000:,} characters, "
        "over the limit of 10,000 (--max-article-chars)",
        "broken": f"{folder / 'broken.meta.toml'}: invalid sidecar: Illegal character '\\n' "
        "(at line 1, column 19)",
        "renamed": f"{folder / 'renamed.meta.toml'}: a sidecar cannot set id (the file's name is the id)",
    }
    assert len(server.requests) == 3  # good, latin and utf16 (decoded); nothing else reached the model
    assert {r["article_id"] for r in sorted_rows(out)} == {"good", "latin", "utf16"}


def test_an_article_over_the_limit_is_named_by_its_file_and_line(tmp_path: Path) -> None:
    """In a JSON Lines file of thousands of articles, the failure says where the long one is."""
    inputs = tmp_path / "news.jsonl"
    records = [{"id": "short", "text": growth_article(1)}, {"id": "long", "text": growth_article(2) * 50}]
    inputs.write_text("".join(json.dumps(r) + "\n" for r in records))
    prompt = load_prompt("v2", ROOT / "prompts")
    extractor = Extractor(
        prompt, Settings(model="fake-model", http_retries=0), ScriptedTransport(respond=reading_model)
    )
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")
    out = tmp_path / "run"
    asyncio.run(
        Run(
            open_articles([inputs]), extractor, spec, out, resume=False, progress=False, max_chars=1_000
        ).execute()
    )
    (failure,) = map(json.loads, (out / "failures.jsonl").read_text().splitlines())
    assert failure["article_id"] == "long"
    assert failure["message"].startswith(f"{inputs}:2: article is ")


def test_a_file_too_large_to_be_an_article_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.io import articles

    monkeypatch.setattr(articles, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text(growth_article(1) * 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    (article,) = articles.load_articles([big])
    assert (
        article.problem == f"{big}: file is {big.stat().st_size:,} bytes, over the 1,000 an article may have"
    )


@pytest.mark.parametrize(
    "bad_id", ["../../escaped", "/tmp/absolute", "..", "a\\b", "tab\tid", "c1\x85id", "rtl\u202eid"]
)
def test_an_id_that_would_climb_out_of_the_store_is_refused_before_any_call(
    tmp_path: Path, bad_id: str
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "fine", "text": "x"}) + "\n" + json.dumps({"id": bad_id, "text": "y"}) + "\n"
    )
    result = runner.invoke(app, ["extract", str(path), "--backend", "replay", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {path}:2: id: {bad_id!r} cannot be an article id: no '/', '\\', control or format "
        "characters, and not '.' or '..'"
    )
    assert not (tmp_path / "r").exists()


def test_an_id_too_long_to_name_a_folder_is_refused_before_any_call(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x" * 201, "text": "y"}) + "\n")
    result = runner.invoke(app, ["extract", str(path), "--backend", "replay", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"error: {path}:1: id: {'x' * 40!r}... cannot be an article id: over 200 bytes"
    )


class DownServer(ScriptedTransport):
    """A server that cannot be reached for every article whose text `down` picks."""

    def __init__(self, down: Callable[[str], bool]) -> None:
        super().__init__(respond=reading_model)
        self.down = down

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self.down(article_text(json.loads(await request.aread()))):
            raise httpx2.ConnectError("[Errno 111] Connection refused")
        return await super().handle_async_request(request)


def test_a_server_no_article_reaches_stops_the_run_after_a_few_in_a_row(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "a.jsonl", 30)
    out = tmp_path / "run"
    extractor = Extractor(
        load_prompt("v2", ROOT / "prompts"),
        Settings(model="fake-model", http_retries=0),
        DownServer(lambda t: True),
    )
    spec = RunSpec("v2", "h", "fake-model", "test")
    run = Run(open_articles([articles]), extractor, spec, out, resume=False, concurrency=2, progress=False)
    summary = asyncio.run(run.execute())
    assert summary.stopped is not None and summary.stopped.startswith("5 articles in a row found no server")
    assert "Connection refused" in summary.stopped and "/chat/completions" in summary.stopped
    assert 5 <= summary.failed <= 6  # the article in flight beside the fifth still ends
    # one article in four reaching the server is a flaky network, not a dead server: all are tried
    flaky = DownServer(lambda text: not any(f"Report {n}." in text for n in range(0, 30, 4)))
    run_batch(articles, tmp_path / "flaky", flaky, concurrency=1)
    ledger = (tmp_path / "flaky" / "ledger.jsonl").read_text().splitlines()
    assert len(ledger) == 30


def test_a_refused_key_stops_the_run_instead_of_failing_every_article(tmp_path: Path) -> None:
    refused = (401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}, {})
    server = ScriptedTransport(respond=lambda body: refused)
    articles = write_articles(tmp_path / "a.jsonl", 6)
    out = tmp_path / "run"
    run_batch(articles, out, server, concurrency=1)
    assert len(server.requests) == 1
    (line,) = (out / "ledger.jsonl").read_text().splitlines()
    assert json.loads(line)["cause"] == "AuthenticationError"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["articles"] == {"total": 6, "ok": 0, "failed": 1, "resumed": 0}
    resume_batch(articles, out, ScriptedTransport(respond=reading_model))
    assert len(sorted_rows(out)) == 6


def test_a_key_a_server_quotes_back_is_blanked_in_every_message() -> None:
    key = "my-org-key-0123456789"  # no sk- prefix: only knowing the key finds it

    def echoing(body: dict[str, Any]) -> Reply:
        message = f"invalid key {key}; got header Authorization: Bearer {key}, expected sk-proj-abcdef123456"
        return 500, {"error": {"message": message, "type": "server_error"}}, {}

    settings = Settings(model="m", api_key=key, http_retries=0)
    extractor = Extractor(load_prompt("v2", ROOT / "prompts"), settings, ScriptedTransport(respond=echoing))
    with pytest.raises(ExtractionError) as info:
        asyncio.run(extractor.extract(Article(id="a", text=growth_article(1))))
    assert key not in info.value.message and "sk-proj-abcdef123456" not in info.value.message
    assert (
        "invalid key [redacted]; got header Authorization: Bearer [redacted], expected [redacted]"
        in info.value.message
    )
    assert "abcdef123456" not in InputError("bad key sk-proj-abcdef123456", file="x").one_line()
    assert redact(f"key ending {key[4:]} refused", key) == "key ending [redacted] refused"  # quoted in part


def test_escape_sequences_a_server_sends_are_spelled_out_never_sent_to_the_terminal(tmp_path: Path) -> None:
    hostile = b"Bad gateway \x1b]0;PWNED\x07\x1b[2J"  # a proxy's page, not JSON
    with loopback_server(lambda body: (502, hostile, {"content-type": "text/plain"})) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test"}
        path = write_articles(tmp_path / "a.jsonl", 1)
        args = ["extract", str(path), "--backend", "openai", "--out", str(tmp_path / "r"), "--no-progress"]
        result = runner.invoke(app, [*args, "--max-retries", "0"], env=env)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "Bad gateway \\x1b]0;PWNED\\x07\\x1b[2J" in result.output


def test_timeout_must_be_a_duration_and_http_retries_are_the_user_s(tmp_path: Path) -> None:
    path = write_articles(tmp_path / "a.jsonl", 1)
    for bad in ("0", "-1", "nan", "inf"):
        result = runner.invoke(app, ["extract", str(path), "--backend", "rules", f"--timeout={bad}"])
        assert result.exit_code == 2
        assert (
            result.output.strip() == f"error: --timeout must be a number of seconds above 0, not {float(bad)}"
        )
    with loopback_server(lambda body: (500, {"error": {"message": "boom"}}, {})) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test"}
        args = ["extract", str(path), "--backend", "openai", "--out", str(tmp_path / "r"), "--no-progress"]
        result = runner.invoke(app, [*args, "--http-retries", "1"], env=env)
    assert result.exit_code == 1 and "2 HTTP request(s)" in result.output


def test_a_malformed_answer_is_named_as_such(tmp_path: Path) -> None:
    with loopback_server(lambda body: (200, b'{"id": "chatcmpl-x", "choices": [', {})) as server:
        transport = RecordingTransport(
            ResponseStore(tmp_path), StoreMode.AUTO, upstream=httpx2.AsyncHTTPTransport()
        )
        settings = Settings(model="m", base_url=server.url, api_key="sk-test", http_retries=0)
        extractor = Extractor(load_prompt("v2", ROOT / "prompts"), settings, transport)
        with pytest.raises(ExtractionError) as info:
            asyncio.run(extractor.extract(Article(id="a", text=growth_article(1))))
    assert info.value.message.startswith(
        "MalformedResponseError failed after 1 attempt(s), 1 HTTP request(s): the server's answer is not JSON"
    )
    assert not list(tmp_path.rglob("*.json"))  # nothing stored


def test_an_unwritable_output_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the run folder should go")
    articles = write_articles(tmp_path / "a.jsonl", 1)
    args = ["extract", str(articles), "--backend", "rules", "--out", str(blocker / "run"), "--no-progress"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {blocker / 'run'}: Not a directory"


def test_an_unwritable_store_is_named_as_such(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.write_text("a file where the store folder should go")
    server = ScriptedTransport(respond=reading_model)
    transport = RecordingTransport(ResponseStore(store), StoreMode.AUTO, upstream=server)
    extractor = Extractor(load_prompt("v2", ROOT / "prompts"), Settings(model="m", http_retries=0), transport)
    with pytest.raises(ExtractionError) as info:
        asyncio.run(extractor.extract(Article(id="a", text=growth_article(1))))
    assert "InputError failed after 1 attempt(s), 1 HTTP request(s): " in info.value.message
    assert "cannot write the response store: Not a directory" in info.value.message


def test_an_endless_answer_is_cut_at_the_cap_and_never_stored(tmp_path: Path) -> None:
    class Endless(httpx2.AsyncBaseTransport):
        """200 with a body that never ends, as a broken proxy may send."""

        sent = 0

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            async def body() -> AsyncIterator[bytes]:
                yield b'{"choices": "'
                while True:
                    self.sent += 2**20
                    yield b"a" * 2**20

            return httpx2.Response(200, headers={"content-type": "application/json"}, content=body())

    server = Endless()
    transport = RecordingTransport(ResponseStore(tmp_path / "store"), StoreMode.AUTO, upstream=server)
    extractor = Extractor(load_prompt("v2", ROOT / "prompts"), Settings(model="m", http_retries=0), transport)
    with pytest.raises(ExtractionError) as info:
        asyncio.run(extractor.extract(Article(id="a", text=growth_article(1))))
    assert "the server's answer is over 16 MiB" in info.value.message
    assert server.sent <= 18 * 2**20  # read up to the cap, not on
    assert not list((tmp_path / "store").rglob("*.json"))


def test_find_resumable_picks_the_newest_run_with_the_same_fingerprint(tmp_path: Path) -> None:
    def run_folder(name: str, fingerprint: str, started: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "manifest.json").write_text(json.dumps({"fingerprint": fingerprint, "started_at": started}))
        return folder

    run_folder("old", "fp-a", "2026-01-01T00:00:00+00:00")
    newest = run_folder("new", "fp-a", "2026-02-01T00:00:00+00:00")
    run_folder("other", "fp-b", "2026-03-01T00:00:00+00:00")
    (tmp_path / "torn").mkdir()
    (tmp_path / "torn" / "manifest.json").write_text('{"fingerprint": "fp-a", "sta')  # killed mid-write
    assert find_resumable(tmp_path, "fp-a") == newest
    assert find_resumable(tmp_path, "fp-c") is None


class Killed(BaseException):
    """Stands for a kill -9: nothing after it runs, no handler sees it."""


def _killed_at(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    def kill(*args: object, **kwargs: object) -> None:
        raise Killed

    monkeypatch.setattr(target, kill)


@pytest.mark.parametrize("instant", ["before the folder is named", "as it takes the lock"])
def test_a_kill_as_a_run_folder_is_made_leaves_none_or_one_resume_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, instant: str
) -> None:
    articles_path = write_articles(tmp_path / "a.jsonl", 3)
    runs = tmp_path / "runs"
    prompt = load_prompt("v2", ROOT / "prompts")
    spec = RunSpec(prompt.version, prompt.hash, "fake-model", "test")

    def run(resume: bool) -> Run:
        articles = open_articles([articles_path])
        extractor = Extractor(
            prompt, Settings(model="fake-model", http_retries=0), ScriptedTransport(respond=reading_model)
        )
        fingerprint = spec.fingerprint(articles.ids)
        folder = find_resumable(runs, fingerprint) if resume else runs / "20261207T000000-v2-test"
        assert folder is not None
        made = Run(articles, extractor, spec, folder, resume=resume, concurrency=2, progress=False)
        asyncio.run(made.execute())
        return made

    with monkeypatch.context() as patched:
        _killed_at(
            patched,
            "pathlib.Path.rename"
            if instant == "before the folder is named"
            else "pipeline.runs.runner.run_lock",
        )
        with pytest.raises(Killed):
            run(resume=False)
    fingerprint = spec.fingerprint(open_articles([articles_path]).ids)
    if instant == "before the folder is named":  # nothing but a hidden staging folder: no run to resume
        assert [p.name.startswith(".") for p in runs.iterdir()] == [True]
        assert find_resumable(runs, fingerprint) is None
        assert len(runner.invoke(app, ["runs", "--runs-dir", str(runs)]).output.splitlines()) == 1
    else:
        run(resume=True)
        (folder,) = [p for p in runs.iterdir() if not p.name.startswith(".")]
        assert len(sorted_rows(folder)) == 3


def test_parquet_rows_read_back_with_the_documented_dtypes_and_runs_lists_the_run(tmp_path: Path) -> None:
    import pandas as pd

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Thailand's exports rose 3.1 percent to $28.0 billion in September 2025.")
    (folder / "b.txt").write_text("Chile's copper exports fell 2.0 percent in the third quarter of 2025.")
    runs = tmp_path / "runs"
    result = runner.invoke(app, ["extract", str(folder), "--backend", "rules", "--out", str(runs / "r1"),
                                 "--no-progress"])  # fmt: skip
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(runs / "r1" / "observations.parquet")
    rows = [json.loads(line) for line in (runs / "r1" / "observations.jsonl").read_text().splitlines()]
    assert len(frame) == len(rows) > 0
    assert isinstance(frame["metric"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["unit"].dtype, pd.CategoricalDtype)
    assert frame["value"].dtype == "float64"
    assert str(frame["evidence_start"].dtype) == "Int64"
    assert sorted(frame["value"]) == sorted(r["value"] for r in rows)
    listed = runner.invoke(app, ["runs", "--runs-dir", str(runs), "--format", "json"])
    (run,) = json.loads(listed.output)
    assert (run["run_id"], run["backend"], run["ok"], run["failed"]) == ("r1", "rules", 2, 0)


def test_runs_lists_every_run_folder_by_its_name_and_a_damaged_one_with_its_problem(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    article = ROOT / "gold" / "articles" / f"{SEED_ID}.txt"
    made = runner.invoke(app, ["extract", str(article), "--backend", "rules", "--out", str(runs / "r1"),
                               "--no-progress"])  # fmt: skip
    assert made.exit_code == 0, made.output
    shutil.copytree(runs / "r1", runs / "copy")
    shutil.copytree(runs / "r1", runs / "listed")
    (runs / "listed" / "manifest.json").write_text("[]")
    shutil.copytree(runs / "r1", runs / "garbled")
    (runs / "garbled" / "manifest.json").write_bytes(b'{"run_id": "\xff')
    shutil.copytree(runs / "r1", runs / "nested")
    (runs / "nested" / "manifest.json").write_text("[" * 100_000)
    shutil.copytree(runs / "r1", runs / "escape")
    manifest = json.loads((runs / "r1" / "manifest.json").read_text())
    (runs / "escape" / "manifest.json").write_text(json.dumps({**manifest, "model": "m\x1b]0;TITLE\x07"}))
    (runs / "empty").mkdir()  # not a run folder
    shutil.copytree(runs / "r1", runs / "rowless")
    (runs / "rowless" / "observations.jsonl").unlink()
    listed = runner.invoke(app, ["runs", "--runs-dir", str(runs)])
    assert listed.exit_code == 0, listed.output
    lines = {line.split()[0]: line for line in listed.output.splitlines()[1:]}
    assert sorted(lines) == ["copy", "escape", "garbled", "listed", "nested", "r1", "rowless"]
    assert all("unreadable manifest.json" in lines[name] for name in ("listed", "garbled", "nested"))
    assert "no observations.jsonl (resume the run to make it again)" in lines["rowless"]
    assert "resume" not in lines["r1"]
    assert "\x1b" not in listed.output and "m\\x1b]0;TITLE\\x07" in lines["escape"]


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    article = tmp_path / "bullets.txt"
    article.write_text(
        "U.S. trade, December 2025 (Commerce Department):\n"
        "-3.2% U.S. exports to China in December 2025 versus a year earlier.\n"
        "@Commerce: U.S. imports fell 1.0 percent in December 2025.\n"
    )
    result = runner.invoke(app, ["extract", str(article), "--backend", "rules", "--out", str(tmp_path / "r"),
                                 "--no-progress"])  # fmt: skip
    assert result.exit_code == 0, result.output
    with (tmp_path / "r" / "observations.csv").open(newline="") as handle:
        evidence = [row["evidence"] for row in csv.DictReader(handle)]
    rows = [
        json.loads(line)["evidence"]
        for line in (tmp_path / "r" / "observations.jsonl").read_text().splitlines()
    ]
    assert rows and any(e.startswith(("-", "@")) for e in rows)  # JSON Lines keeps the text as written
    assert evidence == [f"'{e}" if e.startswith(("-", "@")) else e for e in rows]


def test_a_bad_store_toml_is_one_line_naming_the_file(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "store.toml").write_text('mode = "nonsense"\n')
    article = ROOT / "gold" / "articles" / f"{SEED_ID}.txt"
    result = runner.invoke(
        app, ["extract", str(article), "--store", str(store), "--out", str(tmp_path / "run")]
    )
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {store / 'store.toml'}: invalid store settings: mode: Input should be "
        "'tools', 'json_schema', 'md_json' or 'auto'"
    )


@pytest.mark.parametrize(
    ("cell", "written"),
    [(" =1+1", "' =1+1"), ("\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"), ("\uff1d1+1", "'\uff1d1+1"),
     ("\tx", "'\tx"), ("exports rose", "exports rose"), (-3.2, -3.2), (None, "")],
)  # fmt: skip
def test_a_spreadsheet_never_runs_a_cell_as_a_formula(cell: object, written: object) -> None:
    from pipeline.io.tables import spreadsheet_cell

    assert spreadsheet_cell(cell) == written


def test_a_jsonl_line_that_is_not_json_names_its_column(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "k2", "text": "cut\n')
    result = runner.invoke(app, ["extract", str(path), "--backend", "rules", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}:1: not valid JSON at column 26: Invalid control character"


def test_a_folder_named_like_an_article_and_half_a_surrogate_pair_fail_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "odd.txt").mkdir(parents=True)
    (folder / "good.txt").write_text(growth_article(1))
    lines = tmp_path / "a.jsonl"
    lines.write_text('{"id": "half", "text": "Exports rose 2% in 2025. \\ud800"}\n')
    out = tmp_path / "run"
    result = runner.invoke(app, ["extract", str(folder), str(lines), "--backend", "rules", "--out", str(out)])
    assert result.exit_code == 1, result.output
    failures = {
        f["article_id"]: f["message"]
        for f in map(json.loads, (out / "failures.jsonl").read_text().splitlines())
    }
    assert failures == {
        "odd": f"{folder / 'odd.txt'}: a folder, not a file",
        "half": f"{lines}:1: text holds a lone surrogate ('\\ud800') at character 25",
    }
    assert {r["article_id"] for r in sorted_rows(out)} == {"good"}


def test_runs_names_a_missing_folder_and_never_prints_nan_as_json(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["runs", "--runs-dir", str(tmp_path / "typo")])
    assert missing.exit_code == 2 and missing.output.strip() == f"error: {tmp_path / 'typo'}: no such folder"
    run = tmp_path / "runs" / "r"
    run.mkdir(parents=True)
    (run / "ledger.jsonl").write_text("")
    (run / "observations.jsonl").write_text("")
    manifest = {"cost_usd_estimate": float("nan"), "articles": {"total": 1, "ok": 1, "failed": 0},
                "usage": {"total_tokens": 0}}  # fmt: skip
    (run / "manifest.json").write_text(json.dumps(manifest))
    listed = runner.invoke(app, ["runs", "--runs-dir", str(tmp_path / "runs"), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    (only,) = json.loads(listed.output)  # strict JSON: NaN would not parse
    assert only["problem"] == "unreadable manifest.json (ValidationError)"


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path: Path) -> None:
    command = (
        f"{shlex.quote(sys.executable)} -m pipeline gold export --gold {shlex.quote(str(ROOT / 'gold'))}"
    )
    export = subprocess.run(f"{command} | head -1", shell=True, capture_output=True, text=True, cwd=tmp_path)
    assert export.returncode == 0 and export.stdout.startswith("{") and export.stderr == ""
