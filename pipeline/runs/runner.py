"""Batch extraction: many articles, bounded concurrency, per-article failure isolation,
resumable runs and tidy outputs.

A run folder holds `ledger.jsonl` (one line per finished article, written after its
observation rows), `observations.jsonl`, `observations.csv`, `failures.jsonl` and
`manifest.json`. Resuming reads the ledger, drops rows of articles that did not finish,
and redoes only those.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from pipeline.core.errors import ExtractionError, InputError, TradexError
from pipeline.core.usage import Usage
from pipeline.extract.choices import RULES_VERSION
from pipeline.extract.llm.costs import estimate_cost_usd, price_table
from pipeline.extract.result import ArticleResult
from pipeline.io.articles import Article, ArticleSource
from pipeline.io.jsonl import temporary_beside, whole_lines, write_jsonl, write_text_atomic
from pipeline.io.rows import OutputRow
from pipeline.io.tables import write_tables
from pipeline.runs.defaults import DEFAULT_MAX_ARTICLE_CHARS
from pipeline.runs.ledger import ArticleStatus, LedgerEntry, read_ledger, text_digest
from pipeline.runs.lock import run_lock


class ArticleExtractor(Protocol):
    """Anything that turns one article into observations: the LLM extractor, the rules."""

    async def extract(self, article: Article) -> ArticleResult: ...


BATCH_BACKEND = "batch"  # a run over the answers of a Batch API job


@dataclass(frozen=True)
class RunSpec:
    """What identifies a run; equal specs over the same articles may resume each other."""

    prompt_version: str
    prompt_hash: str
    model: str
    backend: str

    @property
    def batch_priced(self) -> bool:
        """A run over a Batch API job's answers pays that API's price."""
        return self.backend == BATCH_BACKEND

    def cost_usd(self, usage: Usage) -> float | None:
        return estimate_cost_usd(
            self.model, usage.prompt_tokens, usage.completion_tokens, batch=self.batch_priced
        )

    def fingerprint(self, article_ids: Sequence[str]) -> str:
        ids = hashlib.sha256("\n".join(article_ids).encode()).hexdigest()[:12]
        return f"{self.prompt_version}-{self.prompt_hash}-{self.model}-{self.backend}-{ids}"


@dataclass
class RunSummary:
    run_dir: Path
    total: int
    ok: int = 0
    failed: int = 0
    resumed: int = 0
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    failures: list[LedgerEntry] = field(default_factory=list)
    done_before: frozenset[str] = frozenset()  # articles an earlier run of this folder finished
    edited: frozenset[str] = frozenset()  # done before, but their text changed since: done again
    rows: list[OutputRow] = field(default_factory=list)  # this process's rows, when kept
    stopped: str | None = None  # why the run stopped before every article was tried


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def find_resumable(runs_dir: Path, fingerprint: str) -> Path | None:
    """The newest run folder with the same fingerprint, if any."""
    candidates = []
    for manifest in runs_dir.glob("[!.]*/manifest.json"):  # not a folder being created
        try:
            data = json.loads(manifest.read_text())
        except (OSError, json.JSONDecodeError):
            continue
        if data.get("fingerprint") == fingerprint:
            candidates.append((data.get("started_at", ""), manifest.parent))
    return max(candidates)[1] if candidates else None


def new_run_dir(runs_dir: Path, spec: RunSpec) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    base = runs_dir / f"{stamp}-{spec.prompt_version}-{spec.backend}"
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path


def _verified_done(ledger: list[LedgerEntry], rows: list[dict[str, Any]]) -> set[str]:
    """Articles whose latest ledger entry is ok *and* whose rows are all on disk: the rows,
    not the ledger alone, decide what is done, so no kill can leave an article marked
    done without its rows."""
    latest = {entry.article_id: entry for entry in ledger}
    counts = Counter(str(row.get("article_id")) for row in rows)
    return {
        article for article, entry in latest.items()
        if entry.status == ArticleStatus.OK and counts[article] >= entry.observations
    }  # fmt: skip


def _still_counted(ledger: list[LedgerEntry], done: set[str]) -> list[LedgerEntry]:
    """The earlier entries whose tokens the run goes on counting: every failed attempt
    (it cost tokens too) and the latest ok entry of each done article. An ok entry whose
    rows were lost or whose article was edited is not: the article is made again, and
    that entry counts instead."""
    latest = {entry.article_id: i for i, entry in enumerate(ledger)}
    kept = {latest[article] for article in done}
    return [entry for i, entry in enumerate(ledger) if entry.status != ArticleStatus.OK or i in kept]


def _keep_rows_of(
    rows: list[dict[str, Any]], ledger: list[LedgerEntry], done: set[str]
) -> list[dict[str, Any]]:
    """Exactly the rows of done articles, as many as their ledger entry says (a row
    written twice by a crashed run is kept once)."""
    wanted = {e.article_id: e.observations for e in ledger if e.article_id in done}
    kept: list[dict[str, Any]] = []
    taken: Counter[str] = Counter()
    for row in rows:
        article = str(row.get("article_id"))
        if article in done and taken[article] < wanted[article]:
            taken[article] += 1
            kept.append(row)
    return kept


def _append(handle: TextIO, rows: Sequence[dict[str, object]]) -> None:
    """One write per article, flushed to the file, so a kill leaves whole articles or a torn tail."""
    if rows:
        handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        handle.flush()


# every other article would be refused the same way: stop rather than fail them one by one
REFUSED = ("AuthenticationError", "PermissionDeniedError", "unsupported_mode")
# a server down or hung fails each article only after all its retries have timed out: stop
# once this many in a row found no server, rather than spend hours failing every article
UNREACHABLE = ("APIConnectionError", "APITimeoutError")
UNREACHABLE_IN_A_ROW = 5


def check_input(article: Article, max_chars: int) -> None:
    """An input that cannot be an article, or one too long to pay for, fails here:
    nothing is sent to a model and the rest of the batch goes on."""
    if article.problem is not None:
        raise InputError(article.problem, article_id=article.id)
    if len(article.text) > max_chars:
        raise InputError(
            f"{article.origin}: article is {len(article.text):,} characters, over the limit of {max_chars:,} "
            "(--max-article-chars)",
            article_id=article.id,
        )


class Run:
    def __init__(
        self,
        articles: ArticleSource,
        extractor: ArticleExtractor,
        spec: RunSpec,
        run_dir: Path,
        *,
        resume: bool,
        concurrency: int = 4,
        progress: bool = True,
        extra_manifest: Callable[[], dict[str, Any]] = dict,
        max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
        keep_rows: bool = False,
    ) -> None:
        if concurrency < 1:
            raise InputError(f"concurrency must be at least 1, got {concurrency}")
        self.articles, self.extractor, self.spec = articles, extractor, spec
        self.run_dir, self.resume, self.concurrency = run_dir, resume, concurrency
        self.progress, self.extra_manifest, self.max_chars = progress, extra_manifest, max_chars
        self.fingerprint = spec.fingerprint(articles.ids)
        self.keep_rows = keep_rows  # to score them as made, grounding carried, not read back

    def _prepare(self) -> list[LedgerEntry]:
        ledger_path = self.run_dir / "ledger.jsonl"
        if not self.resume and ledger_path.exists():
            raise InputError(
                "run folder already holds a run; pass --resume or another --out", file=str(self.run_dir)
            )
        if self.resume:
            self._check_same_run()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        lines = read_ledger(self.run_dir)
        rows_path = self.run_dir / "observations.jsonl"
        rows = list(whole_lines(rows_path))
        self.done = _verified_done(lines, rows)
        self.changed = self._changed_since(lines) if self.done else set()
        self.done -= self.changed
        # rows first, then the ledger, each written whole and renamed into place: a kill
        # between the two leaves rows the next resume checks against the ledger again
        write_jsonl(rows_path, _keep_rows_of(rows, lines, self.done))
        write_jsonl(ledger_path, [entry.to_json() for entry in lines])  # drop a torn tail
        self._write_manifest(finished_at=None, summary=None)
        return lines

    def _changed_since(self, ledger: list[LedgerEntry]) -> set[str]:
        """Done articles whose text is not the one their rows came from (edited between a
        kill and the resume): they are done again, their old rows dropped."""
        made_from = {e.article_id: e.text_sha256 for e in ledger if e.article_id in self.done}
        return {
            article.id for article in self.articles
            if made_from.get(article.id) not in (None, text_digest(article.text))
        }  # fmt: skip

    def _check_same_run(self) -> None:
        manifest = self.run_dir / "manifest.json"
        if not manifest.exists():
            self._check_rows_match()
            return
        try:
            previous = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot resume: unreadable manifest ({exc})", file=str(manifest)) from exc
        if previous.get("fingerprint") != self.fingerprint:
            raise InputError(
                "cannot resume: that run used another prompt, model, backend or input set",
                file=str(self.run_dir),
            )

    def _check_rows_match(self) -> None:
        """Without its manifest (a kill before it was first written, or a hand's delete), a
        run is checked by what its rows say made them and which articles its ledger names."""
        made = (self.spec.prompt_version, self.spec.prompt_hash, self.spec.model)
        for row in whole_lines(self.run_dir / "observations.jsonl"):
            fallback = row.get("prompt_version") == RULES_VERSION  # --fallback-rules rows
            if not fallback and (row.get("prompt_version"), row.get("prompt_hash"), row.get("model")) != made:
                raise InputError(
                    "cannot resume: its rows came from another prompt or model (manifest.json is missing)",
                    file=str(self.run_dir),
                )
        known = set(self.articles.ids)
        if any(entry.article_id not in known for entry in read_ledger(self.run_dir)):
            raise InputError(
                "cannot resume: its ledger names articles outside these inputs (manifest.json is missing)",
                file=str(self.run_dir),
            )

    async def execute(self) -> RunSummary:
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")
        if not self.run_dir.exists():
            self._create_run_dir()
        with run_lock(self.run_dir):
            return await self._execute()

    def _create_run_dir(self) -> None:
        """A new run folder appears whole, its manifest in it: a kill at any instant leaves
        no folder, or one that `--resume` finds by its fingerprint."""
        staging = temporary_beside(self.run_dir)
        try:
            staging.mkdir(parents=True)
            self._write_manifest(finished_at=None, summary=None, folder=staging)
            staging.rename(self.run_dir)
        except OSError as exc:  # a file in the way, a read-only disk, another run took the name
            shutil.rmtree(staging, ignore_errors=True)
            raise InputError(exc.strerror or str(exc), file=str(self.run_dir)) from exc

    async def _execute(self) -> RunSummary:
        earlier = self._prepare()
        done = self.done
        summary = RunSummary(self.run_dir, len(self.articles), len(done), resumed=len(done))
        summary.done_before, summary.edited = frozenset(done), frozenset(self.changed)
        for entry in _still_counted(earlier, done):
            self._add_usage(summary, entry)
        # a fixed pool of workers pulls from a short queue the inputs are read into, so
        # memory and task count follow the concurrency, not the number of articles
        queue: asyncio.Queue[Article | None] = asyncio.Queue(maxsize=2 * self.concurrency)
        with (
            self._progress_bar(len(self.articles), len(done)) as advance,
            (self.run_dir / "observations.jsonl").open("a", encoding="utf-8") as self.rows_file,
            (self.run_dir / "ledger.jsonl").open("a", encoding="utf-8") as self.ledger_file,
        ):

            async def read() -> None:
                for article in self.articles:
                    if article.id not in done:
                        await queue.put(article)
                for _ in range(self.concurrency):
                    await queue.put(None)

            unreachable = 0  # articles finished in a row that found no server

            async def work() -> None:
                nonlocal unreachable
                while (article := await queue.get()) is not None:
                    if summary.stopped is not None:
                        continue  # left undone: a resume does it once the cause is fixed
                    entry, rows = await self._extract_one(article)
                    if self.keep_rows:
                        summary.rows += rows
                    if entry.cause in REFUSED:
                        summary.stopped = f"the server refused the request ({entry.cause}): {entry.message}"
                    unreachable = unreachable + 1 if entry.cause in UNREACHABLE else 0
                    if unreachable >= UNREACHABLE_IN_A_ROW and summary.stopped is None:
                        summary.stopped = (
                            f"{unreachable} articles in a row found no server to answer ({entry.cause}): "
                            f"{entry.message}"
                        )
                    self._tally(summary, entry)
                    advance(summary)

            await asyncio.gather(read(), *(work() for _ in range(self.concurrency)))
        self._finalise(summary)
        return summary

    async def _extract_one(self, article: Article) -> tuple[LedgerEntry, list[OutputRow]]:
        started = time.perf_counter()
        rows: list[OutputRow] = []
        try:
            check_input(article, self.max_chars)
            result = await self.extractor.extract(article)
        except TradexError as exc:
            spent = exc if isinstance(exc, ExtractionError) else None
            usage = spent.usage if spent else Usage()
            entry = LedgerEntry(
                article_id=article.id,
                status=ArticleStatus.FAILED,
                error_type=type(exc).__name__,
                cause=spent.cause if spent else None,
                message=exc.message,
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
                attempts=spent.attempts if spent else 0,
                latency_s=round(time.perf_counter() - started, 3),
                text_sha256=text_digest(article.text),
            )
        else:
            rows = result.rows
            _append(self.rows_file, [row.to_json() for row in rows])
            entry = LedgerEntry(
                article_id=article.id,
                status=ArticleStatus.OK,
                observations=len(result.rows),
                prompt_tokens=result.usage.prompt_tokens,
                completion_tokens=result.usage.completion_tokens,
                attempts=result.attempts,
                latency_s=round(time.perf_counter() - started, 3),
                text_sha256=text_digest(article.text),
            )
        _append(self.ledger_file, [entry.to_json()])
        return entry, rows

    @staticmethod
    def _tally(summary: RunSummary, entry: LedgerEntry) -> None:
        if entry.status == ArticleStatus.OK:
            summary.ok += 1
        else:
            summary.failed += 1
            summary.failures.append(entry)
        Run._add_usage(summary, entry)

    @staticmethod
    def _add_usage(summary: RunSummary, entry: LedgerEntry) -> None:
        summary.usage += entry.usage
        summary.attempts += entry.attempts

    def _progress_bar(self, total: int, already: int) -> _ProgressContext:
        return _ProgressContext(total, already, self.spec, enabled=self.progress)

    def _finalise(self, summary: RunSummary) -> None:
        folder = self.run_dir
        write_tables(
            folder / "observations.jsonl", folder / "observations.csv", folder / "observations.parquet"
        )
        failures = sorted(summary.failures, key=lambda f: f.article_id)
        write_jsonl(folder / "failures.jsonl", [f.to_json() for f in failures])
        self._write_manifest(datetime.now(UTC).isoformat(timespec="seconds"), summary)

    def _write_manifest(
        self, finished_at: str | None, summary: RunSummary | None, folder: Path | None = None
    ) -> None:
        usage = summary.usage if summary else Usage()
        manifest = {
            "run_id": self.run_dir.name,
            "fingerprint": self.fingerprint,
            "prompt_version": self.spec.prompt_version,
            "prompt_hash": self.spec.prompt_hash,
            "model": self.spec.model,
            "backend": self.spec.backend,
            "started_at": self.started_at,
            "finished_at": finished_at,
            "articles": {
                "total": len(self.articles),
                "ok": summary.ok if summary else 0,
                "failed": summary.failed if summary else 0,
                "resumed": summary.resumed if summary else 0,
            },
            "usage": {
                "prompt_tokens": usage.prompt_tokens,
                "completion_tokens": usage.completion_tokens,
                "total_tokens": usage.total_tokens,
                "attempts": summary.attempts if summary else 0,
                "summed_over": "every attempt, re-asks included",
            },
            "cost_usd_estimate": self.spec.cost_usd(usage),
            "priced_at": "batch" if self.spec.batch_priced else "list",
            "price_table_as_of": price_table()["as_of"],
            "git_commit": _git_commit(),
            **self.extra_manifest(),
        }
        write_text_atomic((folder or self.run_dir) / "manifest.json", json.dumps(manifest, indent=2) + "\n")


class _ProgressContext:
    """A rich progress bar: articles done of all, the rate, failures, tokens, the spend so
    far and the time left; silent when disabled."""

    def __init__(self, total: int, already: int, spec: RunSpec, *, enabled: bool) -> None:
        self.total, self.already, self.spec, self.enabled = total, already, spec, enabled
        self.bar: Progress | None = None

    def __enter__(self) -> Callable[[RunSummary], None]:
        if self.enabled:
            self.bar = Progress(
                TextColumn("[bold]extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} articles/s  failed {task.fields[failed]}"),
                TextColumn("tokens {task.fields[tokens]}  ${task.fields[spend]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(
                "extract",
                total=self.total,
                completed=self.already,
                failed=0,
                tokens=0,
                spend="0.00",
                rate="-",
            )
        started = time.perf_counter()

        def advance(summary: RunSummary) -> None:
            if self.bar is not None:
                usage = summary.usage
                spend = self.spec.cost_usd(usage)
                finished = summary.ok + summary.failed
                rate = (finished - self.already) / max(time.perf_counter() - started, 1e-9)
                self.bar.update(
                    self.task,
                    completed=finished,
                    rate=f"{rate:.1f}",
                    failed=summary.failed,
                    tokens=usage.total_tokens,
                    spend="?" if spend is None else f"{spend:.2f}",
                )

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
