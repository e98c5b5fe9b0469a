"""One writer per run folder, the lock held by the operating system.

The kernel lets go of a `flock` when its holder dies, kill -9 included, so no stale lock
is ever mistaken for a live one: a pid written in a file proves nothing once the process
is gone and its number is reused (a container's first process is pid 1 every time).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.core.errors import InputError

LOCK_NAME = "run.lock"


@contextmanager
def run_lock(run_dir: Path) -> Iterator[None]:
    """Hold the folder's lock for the block; a second writer is refused, naming the pid
    the holder wrote, and the lock file goes once the block ends."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / LOCK_NAME
    descriptor = _take(path, run_dir)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # still held: no one can take the file being removed
        os.close(descriptor)


def _take(path: Path, run_dir: Path) -> int:
    for _ in range(3):
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(descriptor, 32).decode("ascii", "replace").strip()
            os.close(descriptor)
            named = f" (pid {holder})" if holder.isdigit() else ""
            message = f"another tradex process{named} is writing this run folder"
            raise InputError(message, file=str(run_dir)) from None
        if not _still_at(path, descriptor):  # its holder removed it as we opened it: take the new one
            os.close(descriptor)
            continue
        try:  # the pid is for the message a second writer gets; the lock is the flock
            os.ftruncate(descriptor, 0)
            os.write(descriptor, str(os.getpid()).encode("ascii"))
        except OSError:
            os.close(descriptor)
            raise
        return descriptor
    raise InputError("cannot take the run lock", file=str(path))


def _still_at(path: Path, descriptor: int) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False
