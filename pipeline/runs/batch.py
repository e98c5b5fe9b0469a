"""Extraction through a provider's Batch API: JSONL in, JSONL out, about half the price.

A batch job is a folder. Each round, an offline pass walks every article through the real
extractor against the response store, in capture mode: an article whose stored answers
end in a valid one is settled; an article that needs a model's answer leaves the request
the extractor would have sent -- its first ask, or instructor's re-ask after an invalid
answer -- and those requests become the round's batch. Collecting stores the batch's
answers in the response store and runs the pass again, so invalid answers turn into a
repair round of re-asks, up to the prompt's re-ask limit and `max_rounds`. When nothing
is pending, a normal replay run over the store writes `run/`: the observations are made
and validated by exactly the code a live run uses.

`batch.json` is rewritten whole and renamed after every step, so an interrupted submit or
collect is finished by running the same command again.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import httpx2
import openai
from openai.types import Batch
from pydantic import BaseModel, ConfigDict

from pipeline.core.errors import BatchError, InputError, TradexError
from pipeline.extract.backends import BackendOptions, VersionExtractor, is_local, make_capturing_extractor
from pipeline.extract.choices import Backend, InstructorMode
from pipeline.extract.llm.store import PendingRequest, Recording, ResponseStore, Source
from pipeline.io.articles import ArticleSource
from pipeline.io.jsonl import read_jsonl, write_jsonl, write_text_atomic
from pipeline.runs.runner import Run, RunSpec, RunSummary, check_input

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
_WAITING = ("validating", "in_progress", "finalizing", "cancelling")


class BatchRound(BaseModel):
    """One batch sent to the provider; ids are filled in as each step succeeds."""

    model_config = ConfigDict(extra="forbid")

    number: int
    requests: int
    input_file_id: str | None = None
    batch_id: str | None = None
    collected: bool = False
    answered: int = 0
    errors: int = 0


class BatchJob(BaseModel):
    """What a job asks for: everything that goes into a request key is fixed here, so
    every round and the final replay ask exactly the same questions."""

    model_config = ConfigDict(extra="forbid")

    inputs: list[str]
    prompt_version: str
    prompt_hash: str
    prompts_dir: str
    model: str
    store: str
    mode: InstructorMode
    temperature: float | None
    max_retries: int
    max_rounds: int
    max_article_chars: int
    created_at: str
    rounds: list[BatchRound] = []
    run_dir: str | None = None

    def options(self) -> BackendOptions:
        return BackendOptions(
            backend=Backend.REPLAY,
            store=Path(self.store),
            model=self.model,
            temperature=self.temperature,
            max_retries=self.max_retries,
            mode=self.mode,
        )


@contextmanager
def _provider_errors(job_dir: Path) -> Iterator[None]:
    """What the provider refused, as one of ours; the job's state is saved step by step,
    so the same command finishes the job once the cause is fixed."""
    try:
        yield
    except openai.APIStatusError as exc:
        message = exc.body.get("message") if isinstance(exc.body, dict) else None
        raise BatchError(
            f"the provider answered HTTP {exc.status_code}: {message or exc.message}; "
            "the job is saved, run `tradex batch collect` to go on",
            file=str(job_dir),
        ) from exc
    except openai.APIError as exc:
        raise BatchError(f"cannot reach the provider: {exc.message}", file=str(job_dir)) from exc


def _state_path(job_dir: Path) -> Path:
    return job_dir / "batch.json"


def load_job(job_dir: Path) -> BatchJob:
    path = _state_path(job_dir)
    if not path.exists():
        raise InputError("not a batch job folder (no batch.json)", file=str(job_dir))
    try:
        return BatchJob.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(f"unreadable batch job state: {exc}", file=str(path)) from exc


def save_job(job_dir: Path, job: BatchJob) -> None:
    write_text_atomic(_state_path(job_dir), job.model_dump_json(indent=1) + "\n")


def batch_client(api_key: str | None, base_url: str | None, timeout_s: float = 120.0) -> openai.OpenAI:
    """The provider's client for files and batches; the key stays in memory."""
    if not api_key and not is_local(base_url):
        raise InputError("OPENAI_API_KEY is not set: the Batch API needs it")
    return openai.OpenAI(
        api_key=api_key or "local-no-key",
        base_url=base_url,
        http_client=httpx2.Client(timeout=timeout_s),
        max_retries=4,
    )


async def _walk(articles: ArticleSource, chosen: VersionExtractor, max_chars: int) -> None:
    """Sequential: nothing here waits on a network, so concurrency would not help."""
    for article in articles:
        try:
            check_input(article, max_chars)
            await chosen.extractor.extract(article)
        except TradexError:
            # a miss is queued by the transport; bad input, or answers still invalid after
            # every re-ask, fail again in the final run, which says why
            continue


def capture(job: BatchJob) -> list[PendingRequest]:
    """The requests no stored answer meets yet, one per article at most."""
    chosen = make_capturing_extractor(job.prompt_version, job.options(), Path(job.prompts_dir))
    if chosen.hash != job.prompt_hash:
        raise BatchError(
            f"prompt {job.prompt_version} changed since the job was submitted "
            f"({job.prompt_hash} -> {chosen.hash}); submit a new job",
            file=job.prompts_dir,
        )
    asyncio.run(_walk(_open(job), chosen, job.max_article_chars))
    assert chosen.transport is not None
    return chosen.transport.pending


def _open(job: BatchJob) -> ArticleSource:
    from pipeline.io.articles import open_articles

    return open_articles(Path(p) for p in job.inputs)


def _request_line(request: PendingRequest) -> dict[str, Any]:
    return {"custom_id": request.key, "method": "POST", "url": ENDPOINT, "body": request.body}


def _index_line(request: PendingRequest) -> dict[str, Any]:
    return {
        "custom_id": request.key,
        "article_id": request.article_id,
        "prompt_version": request.prompt_version,
        "prompt_hash": request.prompt_hash,
        "path": request.path,
    }


def _round_file(job_dir: Path, number: int, kind: str) -> Path:
    return job_dir / f"round-{number}.{kind}.jsonl"


def submit(job_dir: Path, job: BatchJob, client: openai.OpenAI) -> BatchRound | None:
    """Start a job in a new folder; None when the store already answers every article."""
    if _state_path(job_dir).exists():
        raise InputError("a batch job already lives here: use `tradex batch collect`", file=str(job_dir))
    job_dir.mkdir(parents=True, exist_ok=True)
    save_job(job_dir, job)
    with _provider_errors(job_dir):
        return start_round(job_dir, job, client)


def start_round(job_dir: Path, job: BatchJob, client: openai.OpenAI) -> BatchRound | None:
    """Capture what is pending and send it as the next round; None when nothing is."""
    pending = capture(job)
    if not pending:
        return None
    number = len(job.rounds) + 1
    write_jsonl(_round_file(job_dir, number, "requests"), (_request_line(r) for r in pending))
    write_jsonl(_round_file(job_dir, number, "index"), (_index_line(r) for r in pending))
    job.rounds.append(BatchRound(number=number, requests=len(pending)))
    save_job(job_dir, job)
    send_round(job_dir, job, client)
    return job.rounds[-1]


def send_round(job_dir: Path, job: BatchJob, client: openai.OpenAI) -> None:
    """Upload the round's requests and create its batch, saving each id as it is made."""
    current = job.rounds[-1]
    if current.input_file_id is None:
        path = _round_file(job_dir, current.number, "requests")
        with path.open("rb") as handle:
            uploaded = client.files.create(file=(path.name, handle), purpose="batch")
        current.input_file_id = uploaded.id
        save_job(job_dir, job)
    if current.batch_id is None:
        batch = client.batches.create(
            input_file_id=current.input_file_id,
            endpoint=ENDPOINT,
            completion_window="24h",
            metadata={"tradex_job": job_dir.name[:64], "round": str(current.number)},
        )
        current.batch_id = batch.id
        save_job(job_dir, job)


@dataclass(frozen=True)
class Progress:
    """Where a job stands, as `status` and `collect` report it."""

    round: int
    rounds: int
    batch_id: str | None
    status: str
    completed: int
    failed: int
    total: int


def status(job_dir: Path, client: openai.OpenAI) -> Progress:
    with _provider_errors(job_dir):
        return _progress(load_job(job_dir), client)


def _progress(job: BatchJob, client: openai.OpenAI) -> Progress:
    if not job.rounds or job.run_dir is not None:
        status = "finished" if job.run_dir is not None else "nothing sent"
        return Progress(len(job.rounds), len(job.rounds), None, status, 0, 0, 0)
    current = job.rounds[-1]
    if current.batch_id is None:
        return Progress(current.number, len(job.rounds), None, "not sent", 0, 0, current.requests)
    if current.collected:
        return Progress(current.number, len(job.rounds), current.batch_id, "collected", current.answered,
                        current.requests - current.answered, current.requests)  # fmt: skip
    return _progress_of(job, client.batches.retrieve(current.batch_id))


def _progress_of(job: BatchJob, batch: Batch) -> Progress:
    counts = batch.request_counts
    current = job.rounds[-1]
    return Progress(
        current.number,
        len(job.rounds),
        batch.id,
        batch.status,
        counts.completed if counts else 0,
        counts.failed if counts else 0,
        counts.total if counts else current.requests,
    )


def _download(client: openai.OpenAI, file_id: str | None) -> list[dict[str, Any]]:
    if file_id is None:
        return []
    text = client.files.content(file_id).text
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise BatchError(
                f"line {number} of the provider's file is not JSON: {exc.msg}", file=file_id
            ) from exc
    return lines


def _store_answers(job_dir: Path, job: BatchJob, current: BatchRound, lines: list[dict[str, Any]]) -> None:
    """Put each 200 answer into the response store under the key its request was asked with."""
    index = {line["custom_id"]: line for _, line in read_jsonl(_round_file(job_dir, current.number, "index"))}
    bodies = {
        line["custom_id"]: line["body"]
        for _, line in read_jsonl(_round_file(job_dir, current.number, "requests"))
    }
    store = ResponseStore(Path(job.store))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    answered = 0
    for line in lines:
        asked = index.get(str(line.get("custom_id")))
        response = line.get("response") or {}
        body = response.get("body")
        if asked is None or response.get("status_code") != 200 or not isinstance(body, dict):
            continue  # unanswered: asked again in the next round, if there is one
        provenance = {
            "source": str(Source.MODEL),
            "model": body.get("model") or job.model,
            "requested_model": job.model,
            "prompt_version": asked["prompt_version"],
            "prompt_hash": asked["prompt_hash"],
            "article_id": asked["article_id"],
            "recorded_at": now,
            "latency_s": None,
            "usage": body.get("usage"),
            "batch_id": current.batch_id,
        }
        store.put(
            asked["path"], bodies[asked["custom_id"]], Recording(asked["custom_id"], 200, body, provenance)
        )
        answered += 1
    current.answered, current.errors = answered, current.requests - answered


@dataclass(frozen=True)
class Collected:
    """What a collect did: waited, started another round, or finished with a run."""

    progress: Progress
    next_round: BatchRound | None = None
    summary: RunSummary | None = None
    spec: RunSpec | None = None


def collect(job_dir: Path, client: openai.OpenAI, *, progress_bar: bool = False) -> Collected:
    """Take in the current round if the provider has finished it, then send a repair
    round for what is still pending, or, when nothing is (or no round is left), run."""
    with _provider_errors(job_dir):
        return _collect(job_dir, client, progress_bar)


def _collect(job_dir: Path, client: openai.OpenAI, progress_bar: bool) -> Collected:
    job = load_job(job_dir)
    if job.run_dir is not None:
        raise BatchError(f"this job has finished; its run is in {job.run_dir}", file=str(job_dir))
    if job.rounds and not job.rounds[-1].collected:
        waiting = _take_in(job_dir, job, client)
        if waiting is not None:
            return Collected(waiting)
    if len(job.rounds) < job.max_rounds:
        started = start_round(job_dir, job, client)
        if started is not None:
            sent = Progress(started.number, len(job.rounds), started.batch_id, "sent", 0, 0, started.requests)
            return Collected(sent, next_round=started)
    spec, summary = asyncio.run(_final_run(job_dir, job, progress_bar))
    job.run_dir = str(summary.run_dir)
    save_job(job_dir, job)
    return Collected(_progress(job, client), summary=summary, spec=spec)


def _take_in(job_dir: Path, job: BatchJob, client: openai.OpenAI) -> Progress | None:
    """Store the current round's answers; its progress instead while the provider works."""
    current = job.rounds[-1]
    if current.batch_id is None:
        send_round(job_dir, job, client)
    batch = client.batches.retrieve(current.batch_id or "")
    if batch.status in _WAITING:
        return _progress_of(job, batch)
    if batch.status == "failed":
        reasons = "; ".join(e.message or "" for e in batch.errors.data or []) if batch.errors else ""
        raise BatchError(f"batch {batch.id} failed: {reasons or 'no reason given'}", file=str(job_dir))
    lines = _download(client, batch.output_file_id) + _download(client, batch.error_file_id)
    _store_answers(job_dir, job, current, lines)
    current.collected = True
    save_job(job_dir, job)
    return None


async def _final_run(job_dir: Path, job: BatchJob, progress_bar: bool) -> tuple[RunSpec, RunSummary]:
    """A replay run over the store the rounds filled: the same validation as any run."""
    from pipeline.extract.backends import make_version_extractor

    chosen = make_version_extractor(job.prompt_version, job.options(), Path(job.prompts_dir))
    spec = RunSpec(chosen.version, chosen.hash, chosen.model, "batch")
    run_dir = job_dir / "run"
    resume = (run_dir / "ledger.jsonl").exists()  # a collect killed during its run
    run = Run(_open(job), chosen.extractor, spec, run_dir, resume=resume, progress=progress_bar,
              max_chars=job.max_article_chars,
              extra_manifest=lambda: {"batch_ids": [r.batch_id for r in job.rounds]})  # fmt: skip
    return spec, await run.execute()
