"""Identity of the code that shapes an output, so what was made from older code is told
apart: the rules' version hash and the cache of validated rows both use it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = Path(__file__).parents[1]


def source_digest(parts: Iterable[str], extra: Iterable[bytes] = ()) -> str:
    """sha256 over package files, each with its path: a folder stands for its modules in
    name order, a file for itself; `extra` adds what else shapes the output."""
    digest = hashlib.sha256()
    for part in parts:
        node = _PACKAGE / part
        for path in sorted(node.glob("*.py")) if node.is_dir() else [node]:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    for data in extra:
        digest.update(data)
    return digest.hexdigest()
