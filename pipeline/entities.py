"""Canonical entity ids: ISO 3166 via pycountry, plus the project registry for groupings."""

from __future__ import annotations

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


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entity in registry().values():
        for alias in (entity.id, entity.name, *entity.aliases):
            index[fold_key(alias)] = entity.id
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
    if (hit := _alias_index().get(fold_key(stripped))) is not None:
        return hit
    try:
        country = pycountry.countries.lookup(stripped)
    except LookupError:
        return None
    return str(country.alpha_2)
