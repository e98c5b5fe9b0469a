"""Canonical entity ids: ISO 3166 via pycountry, plus the project registry for groupings."""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

import pycountry
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from pipeline.core.errors import InputError
from pipeline.core.text import fold_key


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    aliases: tuple[str, ...]


REGISTRY_FILE_NAME = "entities.toml"
_user_files: list[Path] = []


class _EntityRow(BaseModel, extra="forbid"):
    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)?$")]  # "$": the end, no newline
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    aliases: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] = []


class _RegistryFile(BaseModel, extra="forbid"):
    """A registry file: `[[entity]]` tables and nothing else, so a misspelt `[[entities]]`
    is an error rather than a file that silently registers nothing."""

    entity: list[_EntityRow] = []


def _rows(text: str, where: str) -> list[Entity]:
    try:
        raw = _RegistryFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", file=where) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])  # "entity.2.aliases" counts from 0
        raise InputError(f"{field}: {first['msg']}", file=where) from exc
    return [Entity(row.id, row.name, tuple(row.aliases)) for row in raw.entity]


def add_registry_file(path: Path) -> None:
    """Extend the registry with a user's file in the format of `data/entities.toml`, so
    users can add groupings and aliases without editing code. Later files win."""
    try:
        _rows(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read entity registry: {exc}", file=str(path)) from exc
    if path not in _user_files:
        _user_files.append(path)
        for cached in (registry, registry_digest, names, _alias_index):
            cached.cache_clear()


@cache
def registry() -> dict[str, Entity]:
    """The shipped registry and any user files, loaded once: id -> entity."""
    shipped = resources.files("pipeline").joinpath("data/entities.toml").read_text(encoding="utf-8")
    rows = _rows(shipped, "pipeline/data/entities.toml")
    for path in _user_files:
        rows += _rows(path.read_text(encoding="utf-8"), str(path))
    return {entity.id: entity for entity in rows}


@cache
def registry_digest() -> str:
    """Identity of the registry in use, users' files included, for caches of checked rows."""
    return hashlib.sha256(repr(sorted(registry().items())).encode()).hexdigest()


# economies whose provinces and states ISO names as English reports write them (Indian,
# Mexican and Brazilian states also without their accents: "Gujarat", "Nuevo Leon"); a
# state whose name stands more often for a city, a government or another country's
# province is left out
_PROVINCES_BY_ENGLISH_NAME = ("CA", "AU", "US", "IN", "MX", "BR", "ZA")
_NOT_THE_STATE = frozenset({"Washington", "New York", "District of Columbia", "Punjab", "Delhi"})
# "Coahuila de Zaragoza" is "Coahuila" in any report
_MX_SUFFIX = re.compile(r" de (?:Zaragoza|Ocampo|Ignacio de la Llave)$")
_CN_SUFFIX = re.compile(r" (?:Sheng|Shi|SAR|Zhuangzu Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zizhiqu)$")


@cache
def names() -> tuple[tuple[str, str], ...]:
    """(name as written, id) for every name tradex recognises in text, longest first:
    registry names and aliases, ISO country names, and China's provinces with and
    without "Province" (the registry wins where names collide)."""
    pairs: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            if (name := getattr(country, attribute, None)) is not None:
                pairs.setdefault(name, country.alpha_2)
    for subdivision in pycountry.subdivisions.get(country_code="CN"):  # type: ignore[no-untyped-call]
        short = _CN_SUFFIX.sub("", subdivision.name)
        pairs[short] = subdivision.code
        pairs[f"{short} Province"] = subdivision.code
    for code in _PROVINCES_BY_ENGLISH_NAME:  # a country's name wins where they collide
        for subdivision in pycountry.subdivisions.get(country_code=code):  # type: ignore[no-untyped-call]
            if subdivision.name not in _NOT_THE_STATE and subdivision.type in (
                "Province",
                "State",
                "Territory",
                "Union territory",
            ):
                name = _MX_SUFFIX.sub("", subdivision.name)
                pairs.setdefault(name, subdivision.code)
                pairs.setdefault(_unaccented(name), subdivision.code)
    for entity in registry().values():
        for alias in (entity.name, *entity.aliases):
            pairs[alias] = entity.id
    return tuple(sorted(pairs.items(), key=lambda p: (-len(p[0]), p[0])))


def _unaccented(name: str) -> str:
    """ "Gujarāt" -> "Gujarat", "Nuevo León" -> "Nuevo Leon"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@cache
def _alias_index() -> dict[str, str]:
    index = {fold_key(name): entity_id for name, entity_id in names()}
    index.update({fold_key(e.id): e.id for e in registry().values()})
    return index


def is_canonical(entity_id: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code, an ISO 3166-2 code, or a registry id."""
    if entity_id in registry():
        return True
    if entity_id != entity_id.upper():
        return False
    if "-" in entity_id:
        return pycountry.subdivisions.get(code=entity_id) is not None  # type: ignore[no-untyped-call]
    return len(entity_id) == 2 and pycountry.countries.get(alpha_2=entity_id) is not None


def resolve(name_or_id: str) -> str | None:
    """Map a canonical id, a registry alias or an ISO country name to its id; None if unknown."""
    stripped = name_or_id.strip()
    if is_canonical(stripped):
        return stripped
    if stripped.upper() != stripped and is_canonical(stripped.upper()):
        return stripped.upper()
    return _alias_index().get(fold_key(stripped))
