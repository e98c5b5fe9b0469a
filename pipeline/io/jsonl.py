"""Reading and writing observation JSON Lines, with errors that name the file and line."""

from __future__ import annotations

import codecs
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipeline.core.errors import InputError, SchemaError
from pipeline.core.schema import Observation
from pipeline.io.rows import RUN_COLUMNS
from pipeline.numbers.normalise import normalise_record


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line, read one line at a time; a byte-order
    mark some editors put at the start is not part of the first line."""
    try:
        with path.open(encoding=_encoding(path)) as handle:
            for lineno, line in enumerate(handle, start=1):
                if line.strip():
                    yield lineno, _object(line, path, lineno)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", file=str(path)) from exc


BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _encoding(path: Path) -> str:
    """UTF-8, unless a byte-order mark says UTF-16 or UTF-32: what Windows tools such as
    PowerShell 5's `>` write is still JSON Lines to the user who made it."""
    with path.open("rb") as handle:
        start = handle.read(4)
    return next((codec for mark, codec in BYTE_ORDER_MARKS if start.startswith(mark)), "utf-8-sig")


def whole_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file a run appends to, one line at a time; a line cut
    short by a kill is not an object and is left out. A missing file has none."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        for raw in handle:
            try:  # a kill may cut a character in two, a hand may paste anything
                data = json.loads(raw.decode("utf-8"))
            except (ValueError, RecursionError):
                continue
            if isinstance(data, dict):
                yield data


def _object(line: str, path: Path, lineno: int) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        where = exc.msg.removesuffix(" at")  # "Invalid control character at": the column says where
        raise InputError(
            f"not valid JSON at column {exc.colno}: {where}", file=str(path), line=lineno
        ) from exc
    except RecursionError as exc:  # "[[[[..." a hundred thousand deep
        raise InputError("not valid JSON: nested too deeply", file=str(path), line=lineno) from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError("not valid JSON: a number too long to read", file=str(path), line=lineno) from exc
    if not isinstance(data, dict):
        raise InputError("each line must be a JSON object", file=str(path), line=lineno)
    return data


def validation_message(exc: ValidationError) -> str:
    """Pydantic's errors as 'field: problem' pairs on one line."""
    parts = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]) or "observation"
        parts.append(f"{field}: {error['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


def parse_observation(
    data: dict[str, Any], *, file: str | None = None, line: int | None = None
) -> Observation:
    try:
        return Observation.model_validate(data)
    except ValidationError as exc:
        raise SchemaError(validation_message(exc), file=file, line=line) from exc


def read_observations(path: Path, *, normalise: bool = False) -> list[Observation]:
    """Observations of a JSONL file. With `normalise` (predictions), the fields a run adds
    to its rows are set aside; any other unknown field is an error naming file and line."""
    out = []
    for lineno, data in read_jsonl(path):
        record = normalise_record(data) if normalise else data
        if normalise:
            record = {k: v for k, v in record.items() if k not in RUN_COLUMNS}  # a run's, set aside
        out.append(parse_observation(record, file=str(path), line=lineno))
    return out


def temporary_beside(path: Path) -> Path:
    """A temporary name beside `path` no other writer uses: two processes sharing a response
    store would otherwise write one temporary file and rename it from under each other."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


@contextmanager
def replace_atomically(path: Path, *, durable: bool = True) -> Iterator[Path]:
    """A temporary path beside `path` to write; when the block ends, it is renamed over
    `path`: a kill at any instant leaves the old file or the new one, never a truncated one.
    Durable: flushed to disk first, so a power cut cannot leave it empty either (a cache
    entry that can be made again skips that)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(path)
    try:
        yield tmp
        if durable:
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    with replace_atomically(path, durable=durable) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    write_text_atomic(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
