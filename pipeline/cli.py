"""The `tradex` command line. The only place errors become one-line messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import pandas as pd
import typer

from pipeline.errors import TradexError
from pipeline.gold import check_gold, load_gold
from pipeline.records import read_observations, write_jsonl
from pipeline.report import FORMATS, score

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
gold_app = typer.Typer(no_args_is_help=True, help="Check and export the gold set.")
app.add_typer(gold_app, name="gold")

GoldDir = Annotated[Path, typer.Option("--gold", help="Gold folder (articles/ and labels/).")]


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
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

    return wrapper


@gold_app.command("check")
@one_line_errors
def gold_check(gold: GoldDir = Path("gold")) -> None:
    """Validate every gold file: schema, verbatim evidence, values derivable from evidence."""
    problems = check_gold(gold)
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    n = len(load_gold(gold).observations())
    typer.echo(f"gold ok: {n} observations")


@gold_app.command("export")
@one_line_errors
def gold_export(
    gold: GoldDir = Path("gold"),
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default stdout).")
    ] = None,
) -> None:
    """All gold observations in the wire format, `optional` included."""
    rows = [o.model_dump(mode="json") for o in load_gold(gold).observations()]
    if fmt == "jsonl":
        if out:
            write_jsonl(out, rows)
        else:
            import json

            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        pd.DataFrame(rows).to_csv(out or sys.stdout, index=False)
    else:
        fail(f"unknown format {fmt!r}; use jsonl or csv")


@app.command("score")
@one_line_errors
def score_cmd(
    predictions: Annotated[Path, typer.Argument(help="Predictions, JSON Lines.")],
    gold: GoldDir = Path("gold"),
    fmt: Annotated[str, typer.Option("--format", help="table, json, csv or md")] = "table",
) -> None:
    """Score predictions against the gold set."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    report = score(load_gold(gold), read_observations(predictions, normalise=True))
    typer.echo(report.render(fmt))
