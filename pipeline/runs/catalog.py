"""The run folders under a runs directory, each summarised from its manifest."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError


class RunListing(BaseModel):
    run_id: str
    started_at: str
    finished_at: str | None  # None: still running, or stopped before the end (resume it)
    prompt_version: str
    model: str
    backend: str
    total: int
    ok: int
    failed: int
    total_tokens: int
    cost_usd_estimate: float | None


_FROM_MANIFEST = (
    "run_id",
    "started_at",
    "finished_at",
    "prompt_version",
    "model",
    "backend",
    "cost_usd_estimate",
)


def list_runs(runs_dir: Path) -> list[RunListing]:
    """Every run with a readable manifest, oldest first; other folders are left out."""
    listings = []
    for manifest in runs_dir.glob("*/manifest.json"):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            listings.append(
                RunListing(
                    **{k: data.get(k) for k in _FROM_MANIFEST},
                    **{k: data["articles"][k] for k in ("total", "ok", "failed")},
                    total_tokens=data["usage"]["total_tokens"],
                )
            )
        except (OSError, json.JSONDecodeError, KeyError, TypeError, ValidationError):
            continue
    return sorted(listings, key=lambda r: (r.started_at, r.run_id))
