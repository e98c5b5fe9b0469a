"""Canonical entity ids: ISO 3166 via pycountry, plus the project registry for groupings."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

from pipeline.text import fold_key


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    aliases: tuple[str, ...]


@cache
def registry() -> dict[str, Entity]:
    """The registry file, loaded once: id -> entity."""
    raw = tomllib.loads(resources.files("pipeline").joinpath("data/entities.toml").read_text())
    return {row["id"]: Entity(row["id"], row["name"], tuple(row.get("aliases", []))) for row in raw["entity"]}


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
    for entity in registry().values():
        for alias in (entity.name, *entity.aliases):
            pairs[alias] = entity.id
    return tuple(sorted(pairs.items(), key=lambda p: (-len(p[0]), p[0])))


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
