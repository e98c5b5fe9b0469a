"""The `tradex` command line. The only place errors become one-line messages and exit codes."""

from __future__ import annotations

import functools
import json
import logging
import os
import shlex
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from pipeline.core.errors import InputError, TradexError, printable
from pipeline.core.formats import CompareFormat, ScoreFormat
from pipeline.extract.choices import RULES_VERSION, Backend, InstructorMode
from pipeline.runs.defaults import DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_RUNS_DIR

# Each command imports what it needs when it runs: the model client, pandas and scipy
# take seconds to import, and `tradex --help` should not pay for them.
if TYPE_CHECKING:
    from pipeline.extract.backends import BackendOptions, VersionExtractor
    from pipeline.io.articles import ArticleSource
    from pipeline.io.gold import GoldSet
    from pipeline.runs.runner import RunSpec, RunSummary
    from pipeline.scoring.match import Prediction

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
gold_app = typer.Typer(no_args_is_help=True, help="Check and export the gold set.")
app.add_typer(gold_app, name="gold")
prompts_app = typer.Typer(no_args_is_help=True, help="List and render prompt versions.")
app.add_typer(prompts_app, name="prompts")
batch_app = typer.Typer(
    no_args_is_help=True,
    help="Extract through the provider's Batch API: submit, check status, collect (with repair rounds).",
)
app.add_typer(batch_app, name="batch")

PromptsDir = Annotated[
    Path | None,
    typer.Option(
        "--prompts-dir", help="Folder of prompt files (default: ./prompts if present, else shipped)."
    ),
]
StoreDir = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Recorded responses folder (default: replay reads ./evals/recordings if present; "
        "live runs record into the user cache).",
    ),
]
Model = Annotated[str | None, typer.Option(envvar="TRADEX_MODEL", help="Model (default: the prompt's).")]
BaseUrl = Annotated[
    str | None, typer.Option(envvar="OPENAI_BASE_URL", help="OpenAI-compatible server (default: OpenAI's).")
]


class StatsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


def resolve_prompts_dir(given: Path | None) -> Path:
    """--prompts-dir, else ./prompts when it holds prompt files, else those installed with
    tradex: the one place the current folder is consulted for prompts."""
    from importlib import resources

    if given is not None:
        return given
    local = Path("prompts")
    return local if any(local.glob("v*.toml")) else Path(str(resources.files("pipeline.prompt_files")))


def resolve_store(given: Path | None, backend: Backend) -> Path:
    """--store, else: replay reads the project's recordings when run in a checkout; live
    runs record into the user cache, never into the project's eval set."""
    from platformdirs import user_cache_dir

    if given is not None:
        return given
    project = Path("evals/recordings")
    if backend == Backend.REPLAY and project.is_dir():
        return project
    return Path(user_cache_dir("tradex")) / "responses"


def backend_options(backend: Backend, store: Path | None, **settings: Any) -> BackendOptions:
    """The options a run or comparison uses, with the key read from the environment here."""
    from pipeline.extract.backends import BackendOptions

    return BackendOptions(
        backend=backend,
        store=resolve_store(store, backend),
        api_key=os.environ.get("OPENAI_API_KEY") if backend == Backend.OPENAI else None,
        **settings,
    )


GoldDir = Annotated[Path, typer.Option("--gold", help="Gold folder (articles/ and labels/).")]


def fail(message: str, code: int = 2) -> None:
    typer.echo(printable(f"error: {message}"), err=True)
    raise typer.Exit(code)


def one_line_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn any TradexError into 'error: <file>: <problem>' and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TradexError as exc:
            typer.echo(f"error: {exc.one_line()}", err=True)
            raise typer.Exit(2) from exc
        except BrokenPipeError as exc:  # `tradex ... | head` stopped reading: nothing is wrong
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            raise typer.Exit(141) from exc
        except OSError as exc:  # a full disk, a read-only folder, a vanished file
            where = exc.filename or "tradex"
            typer.echo(printable(f"error: {where}: {exc.strerror or exc}"), err=True)
            raise typer.Exit(2) from exc
        except KeyboardInterrupt:  # a run reports its own progress; this is Ctrl-C before or after one
            typer.echo(
                "interrupted: every file is whole (written, then renamed); run it again to go on", err=True
            )
            raise typer.Exit(130) from None

    return wrapper


@app.callback()
@one_line_errors
def main(
    entities: Annotated[
        list[Path] | None,
        typer.Option("--entities", help="Extra entity registry (TOML, like pipeline/data/entities.toml)."),
    ] = None,
) -> None:
    """tradex: typed trade observations from news, and scores that prove prompt quality."""
    from pipeline.core.entities import add_registry_file

    for path in entities or []:
        add_registry_file(path)
    # instructor logs every failed attempt at ERROR; a run reports failures itself
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


def _echo_text(text: str) -> None:
    """Text of many lines (a Markdown or CSV table), each line as a terminal shows it: an
    article's or a gold label's escape sequences are spelled out, never obeyed."""
    typer.echo("\n".join(printable(line) for line in text.split("\n")))


@gold_app.command("check")
@one_line_errors
def gold_check(gold: GoldDir = Path("gold")) -> None:
    """Validate every gold file: schema, verbatim evidence, values derivable from evidence."""
    from pipeline.io.gold import check_gold, load_gold

    problems = check_gold(gold)
    for problem in problems:
        typer.echo(printable(problem), err=True)
    if problems:
        raise typer.Exit(1)
    n = len(load_gold(gold).observations())
    typer.echo(f"gold ok: {n} observations")


@gold_app.command("stats")
@one_line_errors
def gold_stats_command(
    gold: GoldDir = Path("gold"),
    fmt: Annotated[StatsFormat, typer.Option("--format")] = StatsFormat.TABLE,
) -> None:
    """What the corpus covers: articles per split, kind, economy; observations per currency,
    period type, metric x change, status."""
    from pipeline.io.gold import gold_stats, load_gold

    stats = gold_stats(load_gold(gold))
    if fmt == StatsFormat.JSON:
        typer.echo(json.dumps(stats, indent=2))
        return
    for name, tally in stats.items():
        typer.echo(f"{name}:")
        for value, n in tally.items():
            typer.echo(printable(f"  {value:<40} {n:>5}"))  # a sidecar's kind is anyone's text


@gold_app.command("agreement")
@one_line_errors
def gold_agreement(
    gold: GoldDir = Path("gold"),
    second: Annotated[
        Path | None, typer.Option(help="Second labelling folder (default GOLD/second).")
    ] = None,
    fmt: Annotated[ScoreFormat, typer.Option("--format")] = ScoreFormat.TABLE,
) -> None:
    """Inter-annotator agreement: the second labelling scored against the main labels."""
    from pipeline.io.gold import load_gold
    from pipeline.scoring.report import agreement

    report = agreement(load_gold(gold), second or gold / "second")
    typer.echo(report.render(fmt))


@gold_app.command("export")
@one_line_errors
def gold_export(
    gold: GoldDir = Path("gold"),
    fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.JSONL,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default stdout).")] = None,
) -> None:
    """All gold observations in the wire format, `optional` included."""
    import pandas as pd

    from pipeline.io.gold import load_gold
    from pipeline.io.jsonl import write_jsonl
    from pipeline.io.tables import spreadsheet_cell

    rows = [o.to_json() for o in load_gold(gold).observations()]
    if fmt == ExportFormat.CSV:
        pd.DataFrame(rows).map(spreadsheet_cell).to_csv(out or sys.stdout, index=False)
    elif out:
        write_jsonl(out, rows)
    else:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


@app.command("score")
@one_line_errors
def score_cmd(
    predictions: Annotated[
        Path,
        typer.Argument(help="Predictions (JSON Lines), or a run folder: its rows, over the articles it ran."),
    ],
    gold: GoldDir = Path("gold"),
    split: Annotated[str | None, typer.Option(help="Score one gold split only: dev or test.")] = None,
    fmt: Annotated[ScoreFormat, typer.Option("--format")] = ScoreFormat.TABLE,
) -> None:
    """Score predictions against the gold set."""
    from pipeline.io.gold import load_gold
    from pipeline.io.jsonl import read_observations
    from pipeline.scoring.report import grounded_predictions, score_predictions

    if split not in (None, "dev", "test"):
        fail(f"--split must be dev or test, not {split}")
    gold_set = load_gold(gold)
    ids = gold_set.split_ids(split)
    run_dir = predictions if predictions.is_dir() else None
    finished = _finished_articles(run_dir) if run_dir is not None else None
    if run_dir is not None and finished is not None:
        _refuse_unlabelled(set(finished), gold_set.labels, gold, run_dir)
        ids, predictions = [i for i in ids if i in finished], run_dir / "observations.jsonl"
    comparable = read_observations(predictions, normalise=True)
    _refuse_unlabelled({o.article_id for o in comparable}, gold_set.labels, gold, predictions)
    if run_dir is not None and finished is not None:
        _refuse_rows_the_ledger_disowns(finished, Counter(o.article_id for o in comparable), run_dir)
    if not ids:
        fail(f"no labelled article to score{f' in split {split}' if split else ''}")
    predicted = {o.article_id for o in comparable}
    if not comparable:
        typer.echo(
            f"warning: {predictions} holds no predictions: every gold observation of the "
            f"{len(ids)} article(s) scored counts as missing",
            err=True,
        )
    elif run_dir is None and (silent := [i for i in ids if i not in predicted and gold_set.labels[i]]):
        typer.echo(
            f"warning: {len(silent)} of the {len(ids)} labelled article(s) have no rows in {predictions} "
            "and count as all missing; give the run folder to score only the articles it ran",
            err=True,
        )
    _echo_text(score_predictions(gold_set, grounded_predictions(gold_set, comparable), ids).render(fmt))


def _finished_articles(run_dir: Path) -> dict[str, int | None]:
    """The articles a run finished and the rows each wrote (None: it failed, so it scores
    as all missing); one the run never reached is no part of its score."""
    from pipeline.runs.ledger import ArticleStatus, read_ledger

    latest = {entry.article_id: entry for entry in read_ledger(run_dir)}
    if not latest:
        raise InputError(
            "not a run folder with finished articles (no ledger.jsonl entries)", file=str(run_dir)
        )
    return {a: e.observations if e.status == ArticleStatus.OK else None for a, e in latest.items()}


def _refuse_rows_the_ledger_disowns(
    finished: dict[str, int | None], rows: Counter[str], run_dir: Path
) -> None:
    """A run whose rows disagree with its ledger (a hand's edit, a copy cut short) would be
    scored on rows it did not make: resuming it repairs it first."""
    owed = {a: finished.get(a) or 0 for a in set(finished) | set(rows)}  # failed or unlisted: none
    torn = [a for a in sorted(owed) if rows[a] != owed[a]]
    if torn:
        first = torn[0]
        raise InputError(
            f"its rows disagree with its ledger for {len(torn)} article(s) ({first}: the ledger says "
            f"{owed[first]} row(s), observations.jsonl holds {rows[first]}); resume the run to repair it",
            file=str(run_dir),
        )


def _refuse_unlabelled(articles: set[str], labels: Mapping[str, object], gold: Path, source: Path) -> None:
    if unlabelled := sorted(articles - set(labels)):
        shown = ", ".join(unlabelled[:5]) + (
            f" and {len(unlabelled) - 5} more" if len(unlabelled) > 5 else ""
        )
        raise InputError(
            f"predictions for articles with no labels in {gold / 'labels'}: {shown}", file=str(source)
        )


@prompts_app.command("list")
@one_line_errors
def prompts_list(prompts_dir: PromptsDir = None) -> None:
    """One version per line: version, hash, description."""
    from pipeline.extract.llm.prompts import load_prompts

    for version, prompt in load_prompts(resolve_prompts_dir(prompts_dir)).items():
        typer.echo(f"{version}\t{prompt.hash}\t{printable(prompt.spec.description)}")


@prompts_app.command("show")
@one_line_errors
def prompts_show(
    version: str,
    article: Annotated[Path, typer.Option("--article", help="Article .txt to render with.")],
    prompts_dir: PromptsDir = None,
) -> None:
    """Render a prompt version's messages for one article."""
    from pipeline.extract.llm.prompts import load_prompt
    from pipeline.io.articles import load_articles

    prompt = load_prompt(version, resolve_prompts_dir(prompts_dir))
    articles = load_articles([article])
    if len(articles) != 1:
        raise InputError(f"expected one article, found {len(articles)}", file=str(article))
    text = articles[0]
    typer.echo(printable(f"# {prompt.version} {prompt.hash}: {prompt.spec.description}"))
    for message in prompt.render(text):
        # the article is anyone's text: an escape sequence in it is spelled out, line by line
        content = "\n".join(printable(line) for line in str(message["content"]).split("\n"))
        typer.echo(f"\n## {message['role']}\n{content}")


@app.command("extract")
@one_line_errors
def extract_cmd(
    inputs: Annotated[list[Path], typer.Argument(help=".txt files, folders of them, or .jsonl")],
    prompt_version: Annotated[
        str | None, typer.Option("--prompt", help="Prompt version (default: newest).")
    ] = None,
    backend: Annotated[Backend, typer.Option(help="replay: recorded responses, offline.")] = Backend.REPLAY,
    model: Model = None,
    base_url: BaseUrl = None,
    concurrency: Annotated[int, typer.Option(min=1, help="Articles in flight at once.")] = 4,
    out: Annotated[Path | None, typer.Option(help="Run folder (default outputs/runs/<run_id>).")] = None,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run.")] = False,
    gold: Annotated[Path | None, typer.Option(help="Score the run against this gold folder.")] = None,
    store: StoreDir = None,
    record: Annotated[bool, typer.Option(help="With openai: call and store even on a hit.")] = False,
    max_retries: Annotated[
        int | None,
        typer.Option(min=0, help="Re-asks after invalid answers (default 2; a replay: the store's)."),
    ] = None,
    mode: Annotated[
        InstructorMode | None,
        typer.Option(
            help="tools, json_schema, md_json, or auto: tools, falling back to the next mode a server "
            "refuses (default: tools for OpenAI, auto for any other --base-url)."
        ),
    ] = None,
    temperature: Annotated[float | None, typer.Option(help="Override the prompt's.")] = None,
    max_tokens: Annotated[
        int | None, typer.Option(min=1, help="Answer length cap; overrides the prompt's.")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds per request, its answer included.")] = 120.0,
    http_retries: Annotated[
        int,
        typer.Option(min=0, help="Live: retries of a request the server refused (429, 5xx) or let time out."),
    ] = 4,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    fallback_rules: Annotated[
        bool, typer.Option(help="With replay: articles with no recording go to the rules baseline.")
    ] = False,
    prompts_dir: PromptsDir = None,
    max_article_chars: Annotated[
        int,
        typer.Option(min=1, help="Longer articles fail without a call, so one cannot cost unbounded tokens."),
    ] = DEFAULT_MAX_ARTICLE_CHARS,
    max_tokens_per_minute: Annotated[
        int | None,
        typer.Option(
            min=1, help="Live: hold new calls while the last minute's answers used this many tokens."
        ),
    ] = None,
    provenance: Annotated[
        list[str] | None,
        typer.Option(help="KEY=VALUE added to every recorded answer's provenance (model file, server)."),
    ] = None,
) -> None:
    """Extract observations from articles; exit 1 if any article failed."""
    import asyncio

    from pipeline.extract.backends import FallbackExtractor, make_version_extractor
    from pipeline.runs.runner import Run, RunSpec

    if not 0 < timeout < float("inf"):  # NaN too: a timeout that is no duration hangs or fails every call
        fail(f"--timeout must be a number of seconds above 0, not {timeout}")
    articles = _open_inputs(inputs)
    prompts = resolve_prompts_dir(prompts_dir)
    if backend == Backend.RULES or prompt_version == RULES_VERSION:  # the rules need no prompt file
        version = RULES_VERSION
    else:
        from pipeline.extract.llm.prompts import prompt_versions

        version = prompt_version or prompt_versions(prompts)[-1]
    options = backend_options(
        backend, store, record=record, model=model, base_url=base_url, temperature=temperature,
        timeout_s=timeout, http_retries=http_retries, max_retries=max_retries,
        mode=mode or default_mode(base_url), tokens_per_minute=max_tokens_per_minute,
        fallback_to_rules=fallback_rules and backend == Backend.REPLAY, max_tokens=max_tokens,
        provenance=_pairs(provenance),
    )  # fmt: skip
    chosen = make_version_extractor(version, options, prompts)
    spec = RunSpec(chosen.version, chosen.hash, chosen.model, str(backend))
    run_dir = _run_dir(out, resume, spec.fingerprint(articles.ids), spec)
    fallbacks = chosen.extractor.fallbacks if isinstance(chosen.extractor, FallbackExtractor) else []
    run = Run(articles, chosen.extractor, spec, run_dir, resume=resume, concurrency=concurrency,
              progress=progress, extra_manifest=lambda: _provenance(chosen, fallbacks),
              max_chars=max_article_chars, keep_rows=gold is not None)  # fmt: skip
    try:
        with _terminate_as_interrupt() as terminated:
            summary = asyncio.run(run.execute())
    except KeyboardInterrupt:
        _report_interrupted(run_dir, len(articles))
        raise typer.Exit(143 if terminated else 130) from None
    _report_run(summary, spec)
    if fallbacks:
        typer.echo(f"{len(fallbacks)} article(s) had no recorded response and used the rules baseline")
    if any("hand-written" in s.sources for s in chosen.stats().values()):
        typer.echo("note: the replayed responses were written by hand, not by a model (see their provenance)")
    if gold is not None:
        from pipeline.io.gold import load_gold
        from pipeline.scoring.report import score_predictions  # scipy: only when scoring

        gold_set = load_gold(gold)
        report = score_predictions(gold_set, _predictions(summary, gold_set), articles.ids)
        typer.echo(report.render(ScoreFormat.TABLE))
    if summary.failed:
        raise typer.Exit(1)


@contextmanager
def _terminate_as_interrupt() -> Iterator[list[int]]:
    """SIGTERM (`kill`, a container or CI job stopping) ends a run as Ctrl-C does: in-flight
    work stops, what is done stays, and the command that finishes the run is printed.
    Yields the signals received, empty unless one was."""
    received: list[int] = []

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        if signal.getsignal(signal.SIGINT) in (signal.SIG_IGN, signal.SIG_DFL, None):
            raise KeyboardInterrupt  # Ctrl-C is ignored here (`cmd &` in a script): a kill still stops it
        signal.raise_signal(signal.SIGINT)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def _open_inputs(inputs: list[Path]) -> ArticleSource:
    """The inputs' articles, ids checked; what a folder holds besides articles is named."""
    from pipeline.io.articles import not_read_warning, open_articles

    articles = open_articles(inputs)
    if (warning := not_read_warning(articles)) is not None:
        typer.echo(printable(warning), err=True)
    return articles


def _predictions(summary: RunSummary, gold: GoldSet) -> list[Prediction]:
    """This run's rows as made (normalised here, grounded when extracted), and the rows of
    articles an earlier run finished, read back from the folder and grounded."""
    from pipeline.io.jsonl import read_observations
    from pipeline.numbers.normalise import normalise_observation
    from pipeline.scoring.match import Prediction
    from pipeline.scoring.report import grounded_predictions

    made = [Prediction(normalise_observation(r.observation), r.grounded) for r in summary.rows]
    rows = summary.run_dir / "observations.jsonl"
    if not summary.done_before or not rows.exists():
        return made
    earlier = [o for o in read_observations(rows, normalise=True) if o.article_id in summary.done_before]
    return made + grounded_predictions(gold, earlier)


def default_mode(base_url: str | None) -> InstructorMode:
    """OpenAI's API does tools; another server may not, and auto finds out."""
    from urllib.parse import urlsplit

    host = urlsplit(base_url).hostname if base_url else "api.openai.com"
    return InstructorMode.TOOLS if host == "api.openai.com" else InstructorMode.AUTO


def _provenance(chosen: VersionExtractor, fallbacks: list[str]) -> dict[str, object]:
    """Where this run's answers came from, and the structured-output mode used."""
    stats = chosen.stats().values()
    sources = sorted(set().union(*(s.sources for s in stats)))
    # the `model` column is the model asked for; a server may answer with another (a dated snapshot)
    served = sorted(set().union(*(s.models for s in stats)))
    mode = chosen.mode()
    return {"response_sources": sources, "served_models": served, "fell_back_to_rules": sorted(fallbacks)} | (
        {"instructor_mode": str(mode)} if mode is not None else {}
    )


def _pairs(items: list[str] | None) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--provenance takes KEY=VALUE, not {item!r}")
        pairs.append((key, value))
    return tuple(pairs)


def _width(out: Path | None) -> int:
    """The terminal's width when printing to one, else the 80 columns a file is read at."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns if out is None and sys.stdout.isatty() else 80


def _run_dir(out: Path | None, resume: bool, fingerprint: str, spec: RunSpec) -> Path:
    from pipeline.runs.runner import find_resumable, new_run_dir

    if out is not None:
        return out
    if resume:
        found = find_resumable(DEFAULT_RUNS_DIR, fingerprint)
        if found is None:
            raise InputError(
                "nothing to resume: no earlier run with this prompt, model, backend and inputs",
                file=str(DEFAULT_RUNS_DIR),
            )
        return found
    return new_run_dir(DEFAULT_RUNS_DIR, spec)


def _report_interrupted(run_dir: Path, total: int) -> None:
    """Ctrl-C: what is done is on disk; say how much, and the exact command that finishes it."""
    from pipeline.runs.ledger import ArticleStatus, read_ledger

    done = {entry.article_id for entry in read_ledger(run_dir) if entry.status == ArticleStatus.OK}
    args = [a for a in sys.argv[1:] if a != "--resume"]
    if "--out" not in args:
        args += ["--out", str(run_dir)]
    command = " ".join(shlex.quote(a) for a in ["tradex", *args, "--resume"])
    typer.echo(
        f"interrupted: {len(done)}/{total} articles done in {run_dir}; finish with: {command}", err=True
    )


def _report_run(summary: RunSummary, spec: RunSpec) -> None:
    for failure in summary.failures:
        typer.echo(
            printable(f"failed: {failure.article_id}: {failure.error_type}: {failure.message}"), err=True
        )
    typer.echo(
        f"run {summary.run_dir}: {summary.ok}/{summary.total} articles ok, {summary.failed} failed"
        f" ({summary.resumed} resumed); prompt {spec.prompt_version} ({spec.prompt_hash}), "
        f"model {spec.model}, backend {spec.backend}; {summary.usage.total_tokens} tokens over "
        f"{summary.attempts} attempts"
    )
    if summary.edited:
        typer.echo(
            printable(f"{len(summary.edited)} article(s) edited since their rows were made, done again: "
                      + ", ".join(sorted(summary.edited)[:5]) + (" ..." if len(summary.edited) > 5 else "")),
            err=True,
        )  # fmt: skip
    if summary.stopped is not None:
        left = summary.total - summary.ok - summary.failed
        typer.echo(f"stopped: {summary.stopped}; {left} article(s) not tried, finish with --resume", err=True)


@app.command("runs")
@one_line_errors
def runs_cmd(
    runs_dir: Annotated[Path, typer.Option(help="Folder of run folders.")] = DEFAULT_RUNS_DIR,
    fmt: Annotated[StatsFormat, typer.Option("--format")] = StatsFormat.TABLE,
) -> None:
    """The runs in a folder, oldest first: prompt, model, backend, articles ok and failed,
    tokens, estimated cost, and when each finished (`no`: resume it)."""
    from pipeline.runs.catalog import list_runs

    if not runs_dir.is_dir():  # a typo would otherwise list no runs and look like none were made
        raise InputError("no such folder" if not runs_dir.exists() else "not a folder", file=str(runs_dir))
    runs = list_runs(runs_dir)
    if fmt == StatsFormat.JSON:
        typer.echo(json.dumps([r.model_dump() for r in runs], indent=2))
        return
    typer.echo(f"{'run':<44} {'prompt':<7} {'model':<14} {'backend':<7} {'ok':>6} {'failed':>6} "
               f"{'tokens':>10} {'cost $':>8}  finished")  # fmt: skip
    for r in runs:
        if r.problem is not None:
            typer.echo(printable(f"{r.folder:<44} ?: {r.problem}"))
            continue
        cost = f"{r.cost_usd_estimate:.4f}" if r.cost_usd_estimate is not None else "-"
        who = f"{r.folder:<44} {r.prompt_version or '?':<7} {r.model or '?':<14} {r.backend or '?':<7}"
        line = f"{who} {r.ok:>6} {r.failed:>6} {r.total_tokens:>10} {cost:>8}  {r.finished_at or 'no'}"
        typer.echo(printable(line))


@app.command("compare")
@one_line_errors
def compare_cmd(
    prompts: Annotated[
        str | None, typer.Option(help="Comma-separated versions, 'rules' included (default: all).")
    ] = None,
    backend: Annotated[Backend, typer.Option(help="replay: recorded responses, offline.")] = Backend.REPLAY,
    model: Model = None,
    base_url: BaseUrl = None,
    gold: GoldDir = Path("gold"),
    baseline: Annotated[
        str | None, typer.Option(help="Version to diff against (default: rules, which covers every article).")
    ] = None,
    fmt: Annotated[CompareFormat, typer.Option("--format")] = CompareFormat.TABLE,
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
    stores: Annotated[
        list[Path] | None,
        typer.Option(
            "--store",
            help="Recorded responses folder; repeat it to put each version of each store side by side "
            "(rows named version@store).",
        ),
    ] = None,
    prompts_dir: PromptsDir = None,
    split: Annotated[
        list[str] | None,
        typer.Option(help="Gold split(s) to report, in order: test, dev or all (default: test, then dev)."),
    ] = None,
) -> None:
    """Score prompt versions side by side against the gold set, one section per split."""
    from pipeline.evaluation.compare import compare, render_splits
    from pipeline.evaluation.evaluate import evaluate_version
    from pipeline.evaluation.html import render_html
    from pipeline.extract.llm.prompts import prompt_versions
    from pipeline.io.gold import load_gold

    gold_set = load_gold(gold)
    prompt_files = resolve_prompts_dir(prompts_dir)
    versions = (
        [v.strip() for v in prompts.split(",")]
        if prompts
        else [*prompt_versions(prompt_files), RULES_VERSION]
    )
    if twice := sorted({v for v in versions if versions.count(v) > 1}):
        fail(f"--prompts names {', '.join(twice)} more than once")  # the same row twice compares nothing
    splits = split or (["test", "dev"] if any(a.split for a in gold_set.articles.values()) else ["all"])
    if unknown := sorted(set(splits) - {"test", "dev", "all"}):
        fail(f"--split must be test, dev or all, not {', '.join(unknown)}")
    chosen_stores: list[Path | None] = list(stores) if stores else [None]
    runs = _version_runs(versions, chosen_stores, backend, model=model, base_url=base_url)
    labels = [label for label, _, _ in runs]
    if baseline is not None and baseline not in labels:
        fail(f"baseline {baseline!r} is not among the compared versions ({', '.join(labels)})")
    kinds = {i: a.kind or "none" for i, a in gold_set.articles.items()}
    comparisons = []
    for name in splits:
        ids = gold_set.split_ids(None if name == "all" else name)
        results = []
        for label, version, options in runs:
            result = evaluate_version(gold_set, version, options, ids, prompt_files, split=name)
            result.version = label
            results.append(result)
        default_baseline = RULES_VERSION if RULES_VERSION in labels else labels[0]
        comparisons.append(compare(results, baseline or default_baseline, kinds))
    text = (
        render_html(comparisons, gold_set)
        if fmt == CompareFormat.HTML
        else render_splits(comparisons, fmt, width=_width(out), colour=out is None and sys.stdout.isatty())
    )
    if out is None:
        _echo_text(text) if fmt != CompareFormat.TABLE else typer.echo(text)  # a table's own colours
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")


def _version_runs(
    versions: list[str], stores: list[Path | None], backend: Backend, **settings: Any
) -> list[tuple[str, str, BackendOptions]]:
    """(row label, version, options) per compared row: with several stores, each prompt
    version once per store (`v4@recordings-smollm2`), and the rules once."""
    runs = []
    for version in versions:
        for store in stores[:1] if version == RULES_VERSION else stores:
            several = len(stores) > 1 and store is not None and version != RULES_VERSION
            label = f"{version}@{store.name}" if several and store is not None else version
            runs.append((label, version, backend_options(backend, store, **settings)))
    return runs


JobDir = Annotated[Path, typer.Argument(help="The batch job folder.")]


@batch_app.command("submit")
@one_line_errors
def batch_submit(
    inputs: Annotated[list[Path], typer.Argument(help=".txt files, folders of them, or .jsonl")],
    job: Annotated[Path, typer.Option("--job", help="New folder for the job's state and its run.")],
    prompt_version: Annotated[
        str | None, typer.Option("--prompt", help="Prompt version (default: newest).")
    ] = None,
    model: Model = None,
    base_url: BaseUrl = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Response store the answers go into (default: user cache).")
    ] = None,
    max_retries: Annotated[int, typer.Option(min=0, help="Re-asks after invalid answers.")] = 2,
    max_rounds: Annotated[
        int, typer.Option(min=1, help="Batches at most: the first, then repair rounds.")
    ] = 4,
    mode: Annotated[
        InstructorMode, typer.Option(help="tools, json_schema or md_json (auto is for live runs).")
    ] = InstructorMode.TOOLS,
    temperature: Annotated[float | None, typer.Option(help="Override the prompt's.")] = None,
    prompts_dir: PromptsDir = None,
    max_article_chars: Annotated[int, typer.Option(min=1, help="Longer articles are not sent.")] = (
        DEFAULT_MAX_ARTICLE_CHARS
    ),
    max_batch_requests: Annotated[
        int, typer.Option(min=1, help="Requests per batch at most (the provider's limit).")
    ] = 50_000,
    max_batch_mb: Annotated[
        float, typer.Option(min=0.001, help="Megabytes per batch input file at most (the provider's limit).")
    ] = 200.0,
) -> None:
    """Send every article the store cannot answer yet, in as few batches as the
    provider's limits allow."""
    from datetime import UTC, datetime

    from pipeline.extract.llm.prompts import load_prompt, prompt_versions
    from pipeline.runs.batch import BatchJob, batch_client, submit

    if mode == InstructorMode.AUTO:
        raise InputError("a batch is sent in one mode: choose tools, json_schema or md_json")
    _open_inputs(inputs)  # before the provider is called: bad inputs fail here, in one line
    prompts = resolve_prompts_dir(prompts_dir)
    prompt = load_prompt(prompt_version or prompt_versions(prompts)[-1], prompts)
    spec = BatchJob(
        inputs=[str(p.resolve()) for p in inputs], prompt_version=prompt.version, prompt_hash=prompt.hash,
        prompts_dir=str(prompts.resolve()), model=model or prompt.spec.params.model,
        store=str(resolve_store(store, Backend.OPENAI).resolve()), mode=mode, temperature=temperature,
        max_retries=max_retries, max_rounds=max_rounds, max_article_chars=max_article_chars,
        max_batch_requests=max_batch_requests, max_batch_bytes=int(max_batch_mb * 1_000_000),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )  # fmt: skip
    client = batch_client(os.environ.get("OPENAI_API_KEY"), base_url)
    sent = submit(job, spec, client)
    if sent is None:
        typer.echo(
            f"nothing to send: the store answers every article; `tradex batch collect {job}` runs them"
        )
        return
    typer.echo(f"round {sent.number}: batch {', '.join(sent.batch_ids)} with {sent.requests} request(s); "
               f"check with `tradex batch status {job}`")  # fmt: skip


@batch_app.command("status")
@one_line_errors
def batch_status(job: JobDir, base_url: BaseUrl = None) -> None:
    """Where the job's current round stands at the provider."""
    from pipeline.runs.batch import batch_client, status

    state = status(job, batch_client(os.environ.get("OPENAI_API_KEY"), base_url))
    typer.echo(f"round {state.round}/{state.rounds}: batch {state.batches} {state.status}, "
               f"{state.completed}/{state.total} answered, {state.failed} failed")  # fmt: skip


def _report_earlier_run(run_dir: Path) -> int:
    """The exit code the collect that wrote the run gave: 1 if any article failed."""
    from pipeline.runs.catalog import read_listing

    run = read_listing(run_dir)
    if run.problem is not None:
        raise InputError(f"this job has finished, but its run is damaged: {run.problem}", file=str(run_dir))
    typer.echo(f"this job has finished; its run is in {run_dir}: "
               f"{run.ok}/{run.total} articles ok, {run.failed} failed")  # fmt: skip
    return 1 if run.failed else 0


@batch_app.command("collect")
@one_line_errors
def batch_collect(
    job: JobDir,
    base_url: BaseUrl = None,
    wait: Annotated[bool, typer.Option(help="Poll until the job has finished its run.")] = False,
    poll: Annotated[float, typer.Option(help="Seconds between polls with --wait.")] = 60.0,
    progress: Annotated[bool, typer.Option(help="Show a progress bar for the final run.")] = True,
) -> None:
    """Store a finished round's answers; send a repair round for invalid ones, or, when
    nothing is pending, write the run. Exit 3 while the provider is still working."""
    import time

    from pipeline.runs.batch import batch_client, collect

    client = batch_client(os.environ.get("OPENAI_API_KEY"), base_url)
    while True:
        outcome = collect(job, client, progress_bar=progress)
        state = outcome.progress
        if outcome.earlier_run is not None:
            raise typer.Exit(_report_earlier_run(outcome.earlier_run))
        if outcome.summary is not None and outcome.spec is not None:
            _report_run(outcome.summary, outcome.spec)
            raise typer.Exit(1 if outcome.summary.failed else 0)
        if outcome.next_round is not None:
            typer.echo(f"round {state.round}: repair batch {state.batches} with "
                       f"{outcome.next_round.requests} request(s)")  # fmt: skip
        else:
            typer.echo(f"round {state.round}: batch {state.batches} is {state.status} "
                       f"({state.completed}/{state.total} answered)")  # fmt: skip
        if not wait:
            raise typer.Exit(3)
        time.sleep(poll)


if __name__ == "__main__":
    app()
