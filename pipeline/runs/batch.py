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

A round goes out as one batch per part: a provider takes at most so many requests and
bytes in one input file (OpenAI: 50,000 requests, 200 MB), so a large round is split.

`batch.json` is rewritten whole and renamed after every step, so an interrupted submit or
collect is finished by running the same command again.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
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
from pipeline.runs.lock import run_lock
from pipeline.runs.runner import BATCH_BACKEND, Run, RunSpec, RunSummary, check_input

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
_WAITING = ("validating", "in_progress", "finalizing", "cancelling")
MAX_BATCH_REQUESTS = 50_000  # OpenAI's limits on one batch's input file
MAX_BATCH_BYTES = 200_000_000


class BatchPart(BaseModel):
    """One batch sent to the provider; ids are filled in as each step succeeds."""

    model_config = ConfigDict(extra="forbid")

    requests: int
    input_file_id: str | None = None
    batch_id: str | None = None
    collected: bool = False
    answered: int = 0


class BatchRound(BaseModel):
    """The requests pending at one point, sent as one or more batches."""

    model_config = ConfigDict(extra="forbid")

    number: int
    parts: list[BatchPart]

    @property
    def requests(self) -> int:
        return sum(part.requests for part in self.parts)

    @property
    def answered(self) -> int:
        return sum(part.answered for part in self.parts)

    @property
    def collected(self) -> bool:
        return all(part.collected for part in self.parts)

    @property
    def batch_ids(self) -> tuple[str, ...]:
        return tuple(part.batch_id for part in self.parts if part.batch_id is not None)


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
    max_batch_requests: int = MAX_BATCH_REQUESTS
    max_batch_bytes: int = MAX_BATCH_BYTES
    created_at: str
    rounds: list[BatchRound] = []
    run_dir: str | None = None
    # the provider's last word on each article it gave no answer for (an error line, a failed batch)
    provider_errors: dict[str, str] = {}

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


def _index_file(job_dir: Path, number: int) -> Path:
    return job_dir / f"round-{number}.index.jsonl"


def _part_file(job_dir: Path, number: int, part: int) -> Path:
    return job_dir / f"round-{number}.part-{part}.requests.jsonl"


def split_lines(lines: list[str], max_requests: int, max_bytes: int) -> list[list[str]]:
    """Consecutive runs of lines, each within both limits; a line over the byte limit on
    its own goes alone, for the provider to refuse with its reason."""
    parts: list[list[str]] = []
    size = 0
    for line in lines:
        length = len(line.encode())
        if not parts or len(parts[-1]) >= max_requests or (parts[-1] and size + length > max_bytes):
            parts.append([])
            size = 0
        parts[-1].append(line)
        size += length
    return parts


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
    lines = [json.dumps(_request_line(r), ensure_ascii=False) + "\n" for r in pending]
    parts = split_lines(lines, job.max_batch_requests, job.max_batch_bytes)
    for index, part in enumerate(parts, start=1):
        write_text_atomic(_part_file(job_dir, number, index), "".join(part))
    write_jsonl(_index_file(job_dir, number), (_index_line(r) for r in pending))
    job.rounds.append(BatchRound(number=number, parts=[BatchPart(requests=len(part)) for part in parts]))
    save_job(job_dir, job)
    send_round(job_dir, job, client)
    return job.rounds[-1]


def send_round(job_dir: Path, job: BatchJob, client: openai.OpenAI) -> None:
    """Upload each part of the round and create its batch, saving each id as it is made."""
    current = job.rounds[-1]
    for index, part in enumerate(current.parts, start=1):
        if part.input_file_id is None:
            path = _part_file(job_dir, current.number, index)
            with path.open("rb") as handle:
                uploaded = client.files.create(file=(path.name, handle), purpose="batch")
            part.input_file_id = uploaded.id
            save_job(job_dir, job)
        if part.batch_id is None:
            batch = client.batches.create(
                input_file_id=part.input_file_id,
                endpoint=ENDPOINT,
                completion_window="24h",
                metadata={"tradex_job": job_dir.name[:64], "round": str(current.number), "part": str(index)},
            )
            part.batch_id = batch.id
            save_job(job_dir, job)


@dataclass(frozen=True)
class Progress:
    """Where a job stands, as `status` and `collect` report it."""

    round: int
    rounds: int
    batch_ids: tuple[str, ...]
    status: str
    completed: int
    failed: int
    total: int

    @property
    def batches(self) -> str:
        return ", ".join(self.batch_ids) or "-"


def status(job_dir: Path, client: openai.OpenAI) -> Progress:
    with _provider_errors(job_dir):
        return _progress(load_job(job_dir), client)


def _progress(job: BatchJob, client: openai.OpenAI) -> Progress:
    if not job.rounds:
        return Progress(0, 0, (), "nothing sent", 0, 0, 0)
    if job.run_dir is not None:  # what its last round answered, as taken in
        return replace(_progress_of(job, {}), status="finished")
    current = job.rounds[-1]
    if any(part.batch_id is None for part in current.parts):
        return Progress(
            current.number, len(job.rounds), current.batch_ids, "not sent", 0, 0, current.requests
        )
    batches = {
        part.batch_id: client.batches.retrieve(part.batch_id)
        for part in current.parts
        if part.batch_id is not None and not part.collected
    }
    return _progress_of(job, batches)


def _progress_of(job: BatchJob, batches: dict[str, Batch]) -> Progress:
    """The round's parts summed: what the provider reports of those it still holds, what
    was taken in of the others; the status of the least advanced part."""
    current = job.rounds[-1]
    completed = failed = 0
    for part in current.parts:
        batch = batches.get(part.batch_id or "")
        counts = batch.request_counts if batch is not None else None
        if batch is None:
            completed, failed = completed + part.answered, failed + part.requests - part.answered
        elif counts is not None:
            completed, failed = completed + counts.completed, failed + counts.failed
    statuses = [batch.status for batch in batches.values()]
    status = next(
        (s for s in (*_WAITING, "failed") if s in statuses), statuses[0] if statuses else "collected"
    )
    return Progress(
        current.number, len(job.rounds), current.batch_ids, status, completed, failed, current.requests
    )


def _download(client: openai.OpenAI, file_id: str | None) -> list[dict[str, Any]]:
    if file_id is None:
        return []
    text = client.files.content(file_id).text
    lines = []
    for line in text.splitlines():
        try:
            parsed = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            continue  # a line the provider garbled answers nothing: its request is asked again
        if isinstance(parsed, dict):
            lines.append(parsed)
    return lines


def _store_answers(
    job_dir: Path,
    job: BatchJob,
    current: BatchRound,
    part: int,
    lines: list[dict[str, Any]],
    failed: str | None = None,
) -> int:
    """Put each 200 answer into the response store under the key its request was asked
    with; the number stored. What the provider said instead of an answer is kept by article."""
    index = {line["custom_id"]: line for _, line in read_jsonl(_index_file(job_dir, current.number))}
    bodies = {
        line["custom_id"]: line["body"] for _, line in read_jsonl(_part_file(job_dir, current.number, part))
    }
    if failed is not None:
        for custom_id in bodies:
            if (asked := index.get(custom_id)) is not None:
                job.provider_errors[asked["article_id"]] = failed
    batch_id = current.parts[part - 1].batch_id
    store = ResponseStore(Path(job.store))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    answered: set[str] = set()
    for line in lines:
        asked = index.get(str(line.get("custom_id")))
        if asked is None or asked["custom_id"] not in bodies or asked["custom_id"] in answered:
            continue  # not ours, or a line the provider repeated: the first answer stands
        response = line.get("response")
        body = response.get("body") if isinstance(response, dict) else None
        if not isinstance(response, dict) or response.get("status_code") != 200 or not isinstance(body, dict):
            job.provider_errors[asked["article_id"]] = _provider_error(line)
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
            "batch_id": batch_id,
        }
        store.put(
            asked["path"], bodies[asked["custom_id"]], Recording(asked["custom_id"], 200, body, provenance)
        )
        answered.add(asked["custom_id"])
        job.provider_errors.pop(asked["article_id"], None)
    return len(answered)


def _provider_error(line: dict[str, Any]) -> str:
    """What a provider's line says instead of an answer, in a few words."""
    error = line.get("error")
    response = line.get("response")
    if not isinstance(error, dict) and isinstance(response, dict) and isinstance(response.get("body"), dict):
        error = response["body"].get("error")
    status = response.get("status_code") if isinstance(response, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return " ".join(str(part) for part in (f"HTTP {status}" if status else None, message) if part) or (
        "a line with no answer"
    )


@dataclass(frozen=True)
class Collected:
    """What a collect did: waited, started another round, finished with a run, or found
    the run an earlier collect wrote (`earlier_run`)."""

    progress: Progress
    next_round: BatchRound | None = None
    summary: RunSummary | None = None
    spec: RunSpec | None = None
    earlier_run: Path | None = None


def collect(job_dir: Path, client: openai.OpenAI, *, progress_bar: bool = False) -> Collected:
    """Take in the current round if the provider has finished it, then send a repair
    round for what is still pending, or, when nothing is (or no round is left), run.
    One collect at a time: two would each send (and pay for) the same repair round."""
    if not _state_path(job_dir).exists():
        raise BatchError("no batch job here (batch.json is missing)", file=str(job_dir))
    with run_lock(job_dir), _provider_errors(job_dir):
        return _collect(job_dir, client, progress_bar)


def _collect(job_dir: Path, client: openai.OpenAI, progress_bar: bool) -> Collected:
    job = load_job(job_dir)
    if job.run_dir is not None:  # collecting again is harmless: a script may repeat it
        return Collected(_progress(job, client), earlier_run=job_dir / job.run_dir)
    if job.rounds and not job.rounds[-1].collected:
        waiting = _take_in(job_dir, job, client)
        if waiting is not None:
            return Collected(waiting)
    if len(job.rounds) < job.max_rounds:
        started = start_round(job_dir, job, client)
        if started is not None:
            sent = Progress(
                started.number, len(job.rounds), started.batch_ids, "sent", 0, 0, started.requests
            )
            return Collected(sent, next_round=started)
    spec, summary = asyncio.run(_final_run(job_dir, job, progress_bar))
    job.run_dir = str(summary.run_dir.relative_to(job_dir))  # the job folder may be named from anywhere
    save_job(job_dir, job)
    return Collected(_progress(job, client), summary=summary, spec=spec)


def _take_in(job_dir: Path, job: BatchJob, client: openai.OpenAI) -> Progress | None:
    """Store the answers of each part the provider has finished; the round's progress
    instead while it still works on any."""
    current = job.rounds[-1]
    if any(part.batch_id is None for part in current.parts):
        send_round(job_dir, job, client)
    waiting: dict[str, Batch] = {}
    for number, part in enumerate(current.parts, start=1):
        if part.collected:
            continue
        batch = client.batches.retrieve(part.batch_id or "")
        if batch.status in _WAITING:
            waiting[batch.id] = batch
            continue
        lines = _download(client, batch.output_file_id) + _download(client, batch.error_file_id)
        failed = None
        if batch.status == "failed":  # nothing answered: its requests go into the next round
            reasons = "; ".join(e.message or "" for e in batch.errors.data or []) if batch.errors else ""
            failed = f"batch {batch.id} failed: {reasons or 'no reason given'}"
        part.answered = _store_answers(job_dir, job, current, number, lines, failed)
        part.collected = True
        save_job(job_dir, job)
    return _progress_of(job, waiting) if waiting else None


async def _final_run(job_dir: Path, job: BatchJob, progress_bar: bool) -> tuple[RunSpec, RunSummary]:
    """A replay run over the store the rounds filled: the same validation as any run."""
    from pipeline.extract.backends import make_version_extractor

    chosen = make_version_extractor(job.prompt_version, job.options(), Path(job.prompts_dir))
    if chosen.transport is not None:  # an article the provider never answered: say what it said
        rounds = len(job.rounds)
        chosen.transport.record_hint = lambda article, version: (
            f"The provider answered none of its requests in {rounds} round(s); it said: {said}"
            if (said := job.provider_errors.get(article))
            else f"The provider answered none of its requests in {rounds} round(s)."
        )
    spec = RunSpec(chosen.version, chosen.hash, chosen.model, BATCH_BACKEND)
    run_dir = job_dir / "run"
    resume = (run_dir / "ledger.jsonl").exists()  # a collect killed during its run
    run = Run(_open(job), chosen.extractor, spec, run_dir, resume=resume, progress=progress_bar,
              max_chars=job.max_article_chars,
              extra_manifest=lambda: {"batch_ids": [i for r in job.rounds for i in r.batch_ids]})  # fmt: skip
    return spec, await run.execute()
