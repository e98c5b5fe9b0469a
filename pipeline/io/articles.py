"""Articles as the pipeline reads them: .txt files (with an optional .meta.toml sidecar),
folders of them, and JSON Lines of {id, text, published?, source?, outlet?}."""

from __future__ import annotations

import re
import stat
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Literal, Self

import chardet
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from pipeline.core.entities import REGISTRY_FILE_NAME, add_registry_file
from pipeline.core.errors import InputError
from pipeline.io.jsonl import BYTE_ORDER_MARKS, read_jsonl, validation_message

_MAX_ID_BYTES = 200  # a folder name; file systems allow 255 bytes


def id_problem(article_id: str) -> str | None:
    """Why an id cannot be used: it names the article's folder in a response store, so it
    may not climb out of it, hide in it (control or bidirectional-format characters) or be
    too long to be a file name."""
    if len(article_id.encode("utf-8")) > _MAX_ID_BYTES:
        return f"{article_id[:40]!r}... cannot be an article id: over {_MAX_ID_BYTES} bytes"
    if (
        article_id in (".", "..")
        or "/" in article_id
        or "\\" in article_id
        or any(unicodedata.category(char) in ("Cc", "Cf") for char in article_id)
    ):
        return (
            f"{article_id!r} cannot be an article id: no '/', '\\', control or format characters, "
            "and not '.' or '..'"
        )
    return None


# dates written out in English, unambiguous; "07/04/2025" is not (April or July?)
_WRITTEN_DATES = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")


def published_date(value: str) -> str:
    """A publication date as ISO (YYYY, YYYY-MM or YYYY-MM-DD): it dates the figures of an
    article that names no year, so one that is no date is refused, not ignored."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return value
    with suppress(ValueError):
        if re.fullmatch(r"\d{4}-\d{2}", value) and date.fromisoformat(f"{value}-01"):
            return value
    with suppress(ValueError):
        return datetime.fromisoformat(value).date().isoformat()
    with suppress(TypeError, ValueError):
        return parsedate_to_datetime(value).date().isoformat()  # "Sun, 07 Apr 2024 10:00:00 GMT"
    for written in _WRITTEN_DATES:
        with suppress(ValueError):
            parsed = datetime.strptime(value, written)
            return parsed.strftime("%Y-%m") if "%d" not in written else parsed.date().isoformat()
    raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY)")


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
    _origin: str | None = PrivateAttr(None)

    @property
    def origin(self) -> str:
        """Where it was read ("news.jsonl:3", "news/a.txt"), so a failure found after
        reading can still point a user at the file; its id when it was made in code."""
        return self._origin or self.id

    @field_validator("id")
    @classmethod
    def _usable_as_a_file_name(cls, value: str) -> str:
        if (problem := id_problem(value)) is not None:
            raise ValueError(problem)
        return value

    @field_validator("published")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        return None if value is None else published_date(value)

    @model_validator(mode="after")
    def _nothing_to_send(self) -> Self:
        if self.problem is None and not self.text.strip():
            object.__setattr__(self, "problem", "empty article: no text to extract")
        return self


# no article is this long: a larger file is refused before it is read into memory
MAX_FILE_BYTES = 64 * 1024 * 1024


def _decode(path: Path) -> tuple[str, str | None]:
    """The file's text and, when it cannot be read as text, the problem instead."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return "", "a folder, not a file"
        if not stat.S_ISREG(info.st_mode):  # a named pipe would block the run on its first read
            return "", "not a regular file (a pipe, socket or device)"
        if info.st_size > MAX_FILE_BYTES:
            return "", f"file is {info.st_size:,} bytes, over the {MAX_FILE_BYTES:,} an article may have"
        data = path.read_bytes()
    except OSError as exc:
        return "", f"cannot read: {exc.strerror or exc}"
    for bom, codec in BYTE_ORDER_MARKS:  # UTF-16 text is full of zero bytes and is still text
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return "", f"starts with a {codec} byte-order mark but is not {codec}"
            return ("", "binary file, not text") if "\x00" in text else (text, None)
    if b"\x00" in data:
        wide = _utf16_without_mark(data)
        return ("", "binary file, not text") if wide is None else (wide, None)
    try:
        return data.decode("utf-8-sig"), None  # a byte-order mark is no part of the article
    except UnicodeDecodeError:
        return _legacy(data)


def _legacy(data: bytes) -> tuple[str, str | None]:
    """Text in a legacy code page, as chardet reads it: it tells the Western pages from the
    Central-European ones where a misread turns "€2 billion" into "Ć2 billion"."""
    encoding = chardet.detect(data)["encoding"]
    if encoding is None:
        return "", "not UTF-8, and no other encoding could be detected"
    try:
        return data.decode(encoding), None
    except (LookupError, UnicodeDecodeError):
        return "", f"not UTF-8, and not {encoding} either, as it seemed to be"


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark, as some Windows tools do: text in a Latin
    script has a zero byte in every other place, all on one side, which no binary file keeps
    up. None when the bytes are not that."""
    if len(data) % 2:
        return None
    even, odd, half = data[0::2].count(0), data[1::2].count(0), len(data) // 2
    codec = "utf-16-le" if even == 0 and odd > half / 2 else None
    codec = "utf-16-be" if odd == 0 and even > half / 2 else codec
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _from_txt(path: Path) -> Article:
    text, problem = _decode(path)
    if problem is None and not text.strip():
        problem = "empty article: no text to extract"
    if problem is not None:
        return Article(id=path.stem, problem=f"{path}: {problem}")
    meta_path = path.with_suffix(".meta.toml")
    if not meta_path.exists():
        return _validated({"id": path.stem, "text": text}, str(path), None)
    # a bad sidecar fails its article alone, as an unreadable file does, and the run goes on
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Article(id=path.stem, problem=f"{meta_path}: invalid sidecar: {exc}")
    if fixed := sorted(meta.keys() & {"id", "text", "problem"}):
        # the duplicate check reads file names only: a sidecar renaming its article would slip past it
        problem = f"{meta_path}: a sidecar cannot set {', '.join(fixed)} (the file's name is the id)"
        return Article(id=path.stem, problem=problem)
    try:
        return Article.model_validate({"id": path.stem, "text": text, **meta})
    except ValidationError as exc:
        return Article(id=path.stem, problem=f"{meta_path}: {validation_message(exc)}")


def _from_line(data: dict[str, object], file: str, line: int) -> Article:
    """A JSON Lines record must say what its text is; an empty one is an empty article, and
    one whose text holds half a surrogate pair ("\\ud800") no model can be sent."""
    if "text" not in data:
        raise InputError("text: Field required", file=file, line=line)
    article = _validated(data, file, line)
    if article.problem is None and (lone := _LONE_SURROGATE.search(article.text)) is not None:
        problem = (
            f"{file}:{line}: text holds a lone surrogate ({lone.group()!a}) at character {lone.start():,}"
        )
        return Article(id=article.id, problem=problem)
    return article


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a pair is one character once JSON is read


def _validated(data: dict[str, object], file: str, line: int | None) -> Article:
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_message(exc), file=file, line=line) from exc


def _placed(article: Article, origin: str) -> Article:
    article._origin = origin
    return article


def _from_path(path: Path) -> Iterator[Article]:
    if path.is_dir():
        if (path / REGISTRY_FILE_NAME).is_file():
            add_registry_file(path / REGISTRY_FILE_NAME)
        yield from (_placed(_from_txt(p), str(p)) for p in sorted(path.glob("*.txt")))
    elif path.suffix == ".jsonl":
        yield from (
            _placed(_from_line(data, str(path), line), f"{path}:{line}") for line, data in read_jsonl(path)
        )
    elif path.suffix == ".txt":
        yield _placed(_from_txt(path), str(path))
    elif not path.exists():
        raise InputError("no such file or folder", file=str(path))
    else:
        raise InputError("expected a .txt file, a folder of them, or a .jsonl file", file=str(path))


def _not_read(folder: Path) -> list[str]:
    """The entries of an input folder that are not its articles: a folder input is its .txt
    files (and their sidecars), so a .jsonl or a subfolder inside it is named, not passed
    over in silence. Hidden files are nobody's articles."""
    names = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(".") or name == REGISTRY_FILE_NAME or name.endswith((".txt", ".meta.toml")):
            continue
        names.append(f"{name}/" if entry.is_dir() else name)
    return names


def _ids(path: Path) -> Iterator[tuple[str, str, int | None]]:
    """The ids of an input without keeping its texts, each with its file and line: a
    file's name, or each JSON line's id, the line validated as an article so a bad one
    fails before any work starts."""
    if path.is_dir() or path.suffix == ".txt":
        for file in sorted(path.glob("*.txt")) if path.is_dir() else [path]:
            if (problem := id_problem(file.stem)) is not None:
                raise InputError(problem, file=str(file))
            yield file.stem, str(file), None
    elif path.suffix == ".jsonl":
        for line, data in read_jsonl(path):
            yield _from_line(data, str(path), line).id, str(path), line
    else:
        yield from ((article.id, str(path), None) for article in _from_path(path))


@dataclass(frozen=True)
class ArticleSource:
    """The articles of some inputs: their ids known up front (one cheap pass, duplicates
    refused before any work), their texts read one article at a time while iterating, so
    a run's memory does not grow with the number of articles."""

    paths: tuple[Path, ...]
    ids: tuple[str, ...]
    not_read: tuple[str, ...] = ()  # entries of input folders that are not articles

    def __iter__(self) -> Iterator[Article]:
        for path in self.paths:
            yield from _from_path(path)

    def __len__(self) -> int:
        return len(self.ids)


def open_articles(paths: Iterable[Path]) -> ArticleSource:
    """The inputs as a lazy source; duplicate ids and malformed records are errors here."""
    paths = tuple(paths)
    seen: dict[str, str] = {}  # id -> where it was first read ("articles.jsonl:3", "a/x.txt")
    not_read: list[str] = []
    for path in paths:
        if path.is_dir():
            if (path / REGISTRY_FILE_NAME).is_file():
                add_registry_file(path / REGISTRY_FILE_NAME)
            not_read += (str(path / name) for name in _not_read(path))
        for article_id, file, line in _ids(path):
            if article_id in seen:
                raise InputError(
                    f"duplicate article id {article_id!r} (first at {seen[article_id]})", file=file, line=line
                )
            seen[article_id] = file if line is None else f"{file}:{line}"
    if not seen:
        hint = f"; a folder input reads only its .txt files, not {_listed(not_read)}" if not_read else ""
        raise InputError(
            f"no articles (.txt files or .jsonl lines) found{hint}", file=", ".join(map(str, paths))
        )
    return ArticleSource(paths, tuple(seen), tuple(not_read))


def _listed(names: list[str], most: int = 3) -> str:
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown} and {len(names) - most} more"


def not_read_warning(source: ArticleSource) -> str | None:
    """What a run over these inputs leaves out, for the user to see before it starts."""
    if not source.not_read:
        return None
    return (
        f"warning: {len(source.not_read)} entr{'y' if len(source.not_read) == 1 else 'ies'} of the input "
        f"folder(s) are not .txt articles and are not read: {_listed(list(source.not_read))} "
        "(pass a .jsonl file or a subfolder as an input of its own)"
    )


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """All articles of the inputs in memory (a gold set, one prompt preview)."""
    return list(open_articles(paths))
