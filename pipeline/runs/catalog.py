"""The run folders under a runs directory, each summarised from its manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field, ValidationError


class RunListing(BaseModel):
    folder: str  # the run folder's name: a copied run keeps its manifest's run_id
    run_id: str | None = None
    started_at: str | None = None
    finished_at: str | None = None  # None: still running, or stopped before the end (resume it)
    prompt_version: str | None = None
    model: str | None = None
    backend: str | None = None
    total: int = 0
    ok: int = 0
    failed: int = 0
    total_tokens: int = 0
    cost_usd_estimate: Annotated[float, Field(allow_inf_nan=False)] | None = None  # JSON has no NaN
    problem: str | None = None  # why the manifest could not be read; its rows are still on disk


_FROM_MANIFEST = (
    "run_id",
    "started_at",
    "finished_at",
    "prompt_version",
    "model",
    "backend",
    "cost_usd_estimate",
)
_RUN_FILES = ("manifest.json", "ledger.jsonl", "observations.jsonl")


def list_runs(runs_dir: Path) -> list[RunListing]:
    """Every run folder, oldest first; one whose manifest is missing or damaged is listed
    with the problem rather than left out, since its rows and ledger may still be there."""
    folders = [f for f in runs_dir.iterdir() if f.is_dir()] if runs_dir.is_dir() else []
    runs = [f for f in folders if not f.name.startswith(".")]  # a hidden one is a run folder being made
    listings = [read_listing(f) for f in runs if any((f / name).exists() for name in _RUN_FILES)]
    return sorted(listings, key=lambda r: (r.started_at or "", r.folder))


def read_listing(folder: Path) -> RunListing:
    """One run folder's summary; what cannot be read is named in `problem`."""
    manifest = folder / "manifest.json"
    missing = [name for name in ("ledger.jsonl", "observations.jsonl") if not (folder / name).exists()]
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return RunListing(
            folder=folder.name,
            **{k: data.get(k) for k in _FROM_MANIFEST},
            **{k: data["articles"][k] for k in ("total", "ok", "failed")},
            total_tokens=data["usage"]["total_tokens"],
            # its manifest is whole, its rows or ledger are not: the counts above are not on disk
            problem=f"no {' or '.join(missing)} (resume the run to make it again)" if missing else None,
        )
    except FileNotFoundError:
        return RunListing(folder=folder.name, problem="no manifest.json (resume the run to write it)")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, ValidationError) as exc:
        return RunListing(folder=folder.name, problem=f"unreadable manifest.json ({type(exc).__name__})")
