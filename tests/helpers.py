"""Small builders shared by tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.core.schema import Observation

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "000_6083d734525b0748"


_HOLD_LOCK = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(descriptor, fcntl.LOCK_EX)
os.write(descriptor, str(os.getpid()).encode())
print("held", flush=True)
time.sleep(60)
"""


@contextmanager
def lock_held_by_another_process(folder: Path) -> Iterator[int]:
    """A live process holding the folder's run lock, as a running tradex would; its pid."""
    folder.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(folder / "run.lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


def obs(**overrides: Any) -> Observation:
    base: dict[str, Any] = {
        "article_id": "a1",
        "entity": "CN-GD",
        "entity_name": "Guangdong",
        "flow": "total",
        "metric": "trade_value",
        "value": 9.49e12,
        "unit": "CNY",
        "period": "2025",
        "evidence": "9.49 trillion yuan",
    }
    base.update(overrides)
    return Observation(**base)
