"""Articles as the pipeline reads them: .txt files (with an optional .meta.toml sidecar),
folders of them, and JSON Lines of {id, text, published?, source?, outlet?}."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Self

import charset_normalizer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.core.entities import REGISTRY_FILE_NAME, add_registry_file
from pipeline.core.errors import InputError
from pipeline.io.jsonl import read_jsonl, validation_message


class Article(BaseModel):
    """One article. An input that cannot be an article (unreadable, binary, empty) still
    becomes one, with `problem` saying why, so a batch records it as failed and goes on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    text: str = ""
    problem: str | None = Field(None, description="why this input cannot be extracted; never sent to a model")
    outlet: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    note: str | None = None
    split: Literal["dev", "test"] | None = Field(None, description="gold only: which split it belongs to")
    kind: str | None = Field(None, description="gold only: monthly-release, provincial, no-figures, ...")
    reporting: str | None = Field(None, description="gold only: the reporting economy's entity id")
    illustrative: bool = Field(False, description="gold only: the figures are invented for the corpus")

    @model_validator(mode="after")
    def _nothing_to_send(self) -> Self:
        if self.problem is None and not self.text.strip():
            object.__setattr__(self, "problem", "empty article: no text to extract")
        return self


def _decode(path: Path) -> tuple[str, str | None]:
    """The file's text and, when it cannot be read as text, the problem instead."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", f"cannot read: {exc.strerror or exc}"
    if b"\x00" in data:
        return "", "binary file, not text"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            return "", "not UTF-8, and no other encoding could be detected"
        return str(best), None


def _from_txt(path: Path) -> Article:
    text, problem = _decode(path)
    if problem is not None:
        return Article(id=path.stem, problem=f"{path}: {problem}")
    meta_path = path.with_suffix(".meta.toml")
    meta: dict[str, object] = {}
    if meta_path.exists():
        try:
            meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"invalid TOML: {exc}", file=str(meta_path)) from exc
    return _validated({"id": path.stem, "text": text, **meta}, str(path), None)


def _from_line(data: dict[str, object], file: str, line: int) -> Article:
    """A JSON Lines record must say what its text is; an empty one is an empty article."""
    if "text" not in data:
        raise InputError("text: Field required", file=file, line=line)
    return _validated(data, file, line)


def _validated(data: dict[str, object], file: str, line: int | None) -> Article:
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_message(exc), file=file, line=line) from exc


def _from_path(path: Path) -> Iterator[Article]:
    if path.is_dir():
        if (path / REGISTRY_FILE_NAME).is_file():
            add_registry_file(path / REGISTRY_FILE_NAME)
        yield from (_from_txt(p) for p in sorted(path.glob("*.txt")))
    elif path.suffix == ".jsonl":
        yield from (_from_line(data, str(path), line) for line, data in read_jsonl(path))
    elif path.suffix == ".txt":
        yield _from_txt(path)
    elif not path.exists():
        raise InputError("no such file or folder", file=str(path))
    else:
        raise InputError("expected a .txt file, a folder of them, or a .jsonl file", file=str(path))


def _ids(path: Path) -> Iterator[str]:
    """The ids of an input without keeping its texts: a file's name, or each JSON line's
    id, the line validated as an article so a bad one fails before any work starts."""
    if path.is_dir() or path.suffix == ".txt":
        yield from (p.stem for p in (sorted(path.glob("*.txt")) if path.is_dir() else [path]))
    else:
        yield from (article.id for article in _from_path(path))


@dataclass(frozen=True)
class ArticleSource:
    """The articles of some inputs: their ids known up front (one cheap pass, duplicates
    refused before any work), their texts read one article at a time while iterating, so
    a run's memory does not grow with the number of articles."""

    paths: tuple[Path, ...]
    ids: tuple[str, ...]

    def __iter__(self) -> Iterator[Article]:
        for path in self.paths:
            yield from _from_path(path)

    def __len__(self) -> int:
        return len(self.ids)


def open_articles(paths: Iterable[Path]) -> ArticleSource:
    """The inputs as a lazy source; duplicate ids and malformed records are errors here."""
    paths = tuple(paths)
    seen: dict[str, str] = {}
    for path in paths:
        if path.is_dir() and (path / REGISTRY_FILE_NAME).is_file():
            add_registry_file(path / REGISTRY_FILE_NAME)
        for article_id in _ids(path):
            if article_id in seen:
                raise InputError(
                    f"duplicate article id {article_id!r} (also in {seen[article_id]})", file=str(path)
                )
            seen[article_id] = str(path)
    if not seen:
        raise InputError("no articles (.txt files or .jsonl lines) found", file=", ".join(map(str, paths)))
    return ArticleSource(paths, tuple(seen))


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """All articles of the inputs in memory (a gold set, one prompt preview)."""
    return list(open_articles(paths))
