"""`tradex batch`: the provider's Batch API end to end against a loopback fake of its
files and batches endpoints. The real openai client uploads and polls; the real
instructor path validates the answers and builds the repair round's re-asks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakes import GROWTH, Reply, answer, article_text, batch_provider, growth_article, reading_model
from helpers import ROOT, lock_held_by_another_process
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.runs.batch import split_lines

runner = CliRunner()
CANARY = "sk-canary-batch-7d2e9f0a1b3c4d5e6f708192a3b4c5d6"


def write_articles(path: Path, n: int) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"art{i:03d}", "text": growth_article(i)}) + "\n" for i in range(n))
    )
    return path


def is_reask(body: dict[str, Any]) -> bool:
    return len(body["messages"]) > 2  # instructor appends the answer and the error to a re-ask


def wrong_first(body: dict[str, Any]) -> Reply:
    """Odd-numbered reports first get a value their evidence does not state."""
    status, payload, headers = reading_model(body)
    match = GROWTH.search(article_text(body))
    assert match
    if not is_reask(body) and int(match["v"].split(".")[0]) % 2 == 1:
        arguments = json.loads(payload["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])
        arguments["observations"][0]["value"] += 10
        return answer(arguments["observations"])
    return status, payload, headers


def tradex(*args: str, url: str) -> Any:
    return runner.invoke(app, list(args), env={"OPENAI_BASE_URL": url, "OPENAI_API_KEY": CANARY})


def submit(articles: Path, job: Path, store: Path, url: str, *extra: str) -> None:
    """`tradex batch submit` of prompt v2 with the repository's prompts, which must succeed."""
    options = ["--prompts-dir", str(ROOT / "prompts"), "--store", str(store), "--model", "fake-model"]
    sent = tradex(
        "batch", "submit", str(articles), "--job", str(job), "--prompt", "v2", *options, *extra, url=url
    )
    assert sent.exit_code == 0, sent.output


def rows_of(run_dir: Path) -> list[dict[str, Any]]:
    lines = (run_dir / "observations.jsonl").read_text().splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["article_id"])


def test_submit_status_collect_with_a_repair_round_that_turns_invalid_answers_valid(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 6)
    job, store = tmp_path / "job", tmp_path / "store"
    common = ("--prompts-dir", str(ROOT / "prompts"), "--store", str(store), "--model", "fake-model")
    with batch_provider(wrong_first, polls=1) as provider:
        sent = tradex(
            "batch", "submit", str(articles), "--job", str(job), "--prompt", "v2", *common, url=provider.url
        )
        assert sent.exit_code == 0, sent.output
        assert "round 1: batch batch-1 with 6 request(s)" in sent.output
        status = tradex("batch", "status", str(job), url=provider.url)
        assert "batch-1 in_progress, 0/6 answered" in status.output

        first = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert first.exit_code == 3, first.output  # round 1 taken in, the repair round sent
        assert "repair batch batch-2 with 3 request(s)" in first.output
        repairs = provider.uploads[1]
        assert all(is_reask(line["body"]) for line in repairs)
        assert all("does not match" in line["body"]["messages"][-1]["content"] for line in repairs)

        waiting = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert waiting.exit_code == 3 and "batch-2 is in_progress" in waiting.output

        done = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert done.exit_code == 0, done.output
        assert "6/6 articles ok, 0 failed" in done.output

    rows = rows_of(job / "run")
    assert [r["article_id"] for r in rows] == [f"art{i:03d}" for i in range(6)]
    assert [r["value"] for r in rows] == [i + 0.5 for i in range(6)]  # every wrong value repaired
    ledger = [json.loads(line) for line in (job / "run" / "ledger.jsonl").read_text().splitlines()]
    assert sorted(e["attempts"] for e in ledger) == [1, 1, 1, 2, 2, 2]
    state = json.loads((job / "batch.json").read_text())
    assert [[part["batch_id"] for part in r["parts"]] for r in state["rounds"]] == [["batch-1"], ["batch-2"]]
    recorded = [json.loads(p.read_text()) for p in store.rglob("*.json")]
    assert len(recorded) == 9 and all(r["provenance"]["source"] == "model" for r in recorded)
    assert {r["provenance"]["batch_id"] for r in recorded} == {"batch-1", "batch-2"}
    for path in [*job.rglob("*"), *store.rglob("*")]:  # the key never reaches the disk
        assert not path.is_file() or CANARY.encode() not in path.read_bytes()

    # the store the batches filled replays offline to the same rows
    replay = runner.invoke(app, ["extract", str(articles), "--prompt", "v2", "--backend", "replay",
                                 "--out", str(tmp_path / "replayed"), "--no-progress", *common])  # fmt: skip
    assert replay.exit_code == 0, replay.output
    keep = ("article_id", "value", "evidence", "period")
    assert [{k: r[k] for k in keep} for r in rows_of(tmp_path / "replayed")] == [
        {k: r[k] for k in keep} for r in rows
    ]


def test_a_round_over_the_providers_limits_goes_out_in_parts_and_is_priced_at_the_batch_rate(
    tmp_path: Path,
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 7)
    job = tmp_path / "job"
    common = (
        "--prompts-dir",
        str(ROOT / "prompts"),
        "--store",
        str(tmp_path / "s"),
        "--model",
        "gpt-4o-mini",
    )
    with batch_provider(wrong_first, polls=1) as provider:
        sent = tradex("batch", "submit", str(articles), "--job", str(job), "--prompt", "v2",
                      "--max-batch-requests", "2", *common, url=provider.url)  # fmt: skip
        assert sent.exit_code == 0, sent.output
        assert "round 1: batch batch-1, batch-2, batch-3, batch-4 with 7 request(s)" in sent.output
        assert [len(lines) for lines in provider.uploads] == [2, 2, 2, 1]
        status = tradex("batch", "status", str(job), url=provider.url)
        assert "batch-1, batch-2, batch-3, batch-4 in_progress, 0/7 answered" in status.output
        repair = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert "repair batch batch-5, batch-6 with 3 request(s)" in repair.output  # reports 1, 3, 5
        waiting = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert waiting.exit_code == 3
        done = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert done.exit_code == 0, done.output
        finished = tradex("batch", "status", str(job), url=provider.url)
        assert "round 2/2: batch batch-5, batch-6 finished, 3/3 answered" in finished.output
        again = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert again.exit_code == 0, again.output  # collecting again is harmless
        assert (
            f"this job has finished; its run is in {job / 'run'}: 7/7 articles ok, 0 failed" in again.output
        )
        (job / "run" / "ledger.jsonl").rename(job / "ledger.kept")
        damaged = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert damaged.exit_code == 2
        assert "its run is damaged: no ledger.jsonl" in damaged.output
        (job / "ledger.kept").rename(job / "run" / "ledger.jsonl")
    assert json.loads((job / "batch.json").read_text())["run_dir"] == "run"  # wherever the job is named from
    assert [r["value"] for r in rows_of(job / "run")] == [i + 0.5 for i in range(7)]
    manifest = json.loads((job / "run" / "manifest.json").read_text())
    assert manifest["batch_ids"] == [f"batch-{i}" for i in range(1, 7)]
    usage = manifest["usage"]
    list_price = (usage["prompt_tokens"] * 0.15 + usage["completion_tokens"] * 0.60) / 1e6
    assert manifest["priced_at"] == "batch" and usage["attempts"] == 10
    assert manifest["cost_usd_estimate"] == pytest.approx(list_price / 2)


def test_a_request_line_alone_over_the_byte_limit_goes_in_a_part_of_its_own() -> None:
    lines = ["a" * 10 + "\n", "b" * 50 + "\n", "c" * 10 + "\n", "d" * 10 + "\n"]
    assert split_lines(lines, max_requests=10, max_bytes=30) == [[lines[0]], [lines[1]], lines[2:]]
    assert split_lines(lines, max_requests=3, max_bytes=1000) == [lines[:3], lines[3:]]
    assert split_lines([], max_requests=3, max_bytes=1000) == []


def test_answers_still_invalid_after_every_re_ask_fail_with_the_validation_error(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 2)
    job = tmp_path / "job"

    def always_wrong(body: dict[str, Any]) -> Reply:
        return wrong_first({**body, "messages": body["messages"][:2]})

    with batch_provider(always_wrong, polls=0) as provider:
        common = ("--prompts-dir", str(ROOT / "prompts"), "--store", str(tmp_path / "s"), "--model", "m")
        sent = tradex("batch", "submit", str(articles), "--job", str(job), "--prompt", "v2",
                      "--max-retries", "1", *common, url=provider.url)  # fmt: skip
        assert sent.exit_code == 0, sent.output
        repair = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert "repair batch batch-2 with 1 request(s)" in repair.output
        done = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
    assert done.exit_code == 1
    assert "1/2 articles ok, 1 failed" in done.output
    failure = json.loads((job / "run" / "failures.jsonl").read_text().splitlines()[0])
    assert failure["article_id"] == "art001" and failure["cause"] == "validation"
    assert "2 attempt(s)" in failure["message"]
    assert len(provider.batches) == 2  # no third round: the re-ask limit is spent


def test_a_submit_interrupted_after_the_upload_is_finished_by_collect_without_uploading_again(
    tmp_path: Path,
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 3)
    job = tmp_path / "job"
    with batch_provider(reading_model, polls=0) as provider:
        provider.refuse_creates = 1
        common = ("--prompts-dir", str(ROOT / "prompts"), "--store", str(tmp_path / "s"), "--model", "m")
        sent = tradex(
            "batch", "submit", str(articles), "--job", str(job), "--prompt", "v2", *common, url=provider.url
        )
        assert sent.exit_code == 2 and sent.output.startswith("error: ")
        assert len(sent.output.strip().splitlines()) == 1
        done = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
    assert done.exit_code == 0, done.output
    assert len(provider.uploads) == 1 and len(provider.batches) == 1
    assert len(rows_of(job / "run")) == 3


def test_garbled_and_repeated_output_lines_neither_stop_the_job_nor_replace_an_answer(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 4)
    job, store = tmp_path / "job", tmp_path / "store"
    with batch_provider(reading_model, polls=0) as provider:
        submit(articles, job, store, provider.url)
        batch = provider.retrieve("batch-1")  # the provider finishes it
        output = provider.files[batch["output_file_id"]].decode().splitlines()
        first = json.loads(output[0])
        observations = json.loads(
            first["response"]["body"]["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
        )["observations"]
        observations[0]["value"] += 10  # a repeat of art000's line with an answer that would fail
        repeated = {**first, "response": {**first["response"], "body": answer(observations)[1]}}
        dropped = json.loads(output[3])  # art003's line arrives garbled: asked again in a repair round
        tampered = [*output[:3], "{not json", "[1, 2]", "null", json.dumps({**dropped, "response": "oops"}),
                    json.dumps(repeated)]  # fmt: skip
        provider.files[batch["output_file_id"]] = ("\n".join(tampered) + "\n").encode()

        taken = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert taken.exit_code == 3, taken.output
        assert "repair batch batch-2 with 1 request(s)" in taken.output
        done = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert done.exit_code == 0, done.output
    assert [(r["article_id"], r["value"]) for r in rows_of(job / "run")] == [
        (f"art{i:03d}", i + 0.5) for i in range(4)
    ]


def test_a_second_collect_on_the_same_job_is_refused(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 2)
    job, store = tmp_path / "job", tmp_path / "store"
    with batch_provider(reading_model, polls=0) as provider:
        submit(articles, job, store, provider.url)
        with lock_held_by_another_process(job) as holder:
            refused = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert refused.exit_code == 2
        assert refused.output.strip() == (
            f"error: {job}: another tradex process (pid {holder}) is writing this run folder"
        )
        assert len(provider.uploads) == 1  # no repair round went out


def test_a_failed_batch_is_asked_again_and_what_the_provider_said_names_the_failure(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", 3)
    job = tmp_path / "job"

    def refusing_one(body: dict[str, Any]) -> Reply:
        if "Report 1." in article_text(body):
            return 500, {"error": {"message": "boom", "type": "server_error"}}, {}
        return reading_model(body)

    with batch_provider(refusing_one, polls=0) as provider:
        submit(articles, job, tmp_path / "s", provider.url, "--max-rounds", "2")
        errors = {"object": "list", "data": [{"code": "quota", "message": "quota exceeded"}]}
        provider.batches["batch-1"].update(status="failed", errors=errors)
        again = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
        assert again.exit_code == 3, again.output  # not stuck: the failed batch's requests go again
        assert "repair batch batch-2 with 3 request(s)" in again.output
        done = tradex("batch", "collect", str(job), "--no-progress", url=provider.url)
    assert done.exit_code == 1, done.output
    assert "2/3 articles ok, 1 failed" in done.output
    failure = json.loads((job / "run" / "failures.jsonl").read_text().splitlines()[0])
    assert failure["article_id"] == "art001"
    assert failure["message"].endswith(
        "The provider answered none of its requests in 2 round(s); it said: HTTP 500 boom"
    )
