"""How the figure finder's time grows with the length of the text.

    python benchmarks/finder_scaling.py

Builds texts of 0.1, 1 and 5 MB by repeating the gold articles, times one pass of the
finder over each (best of 3), and prints seconds per MB and the growth exponent (the
slope of log time against log size: 1.0 is linear, 2.0 quadratic). Prints what it
measured; asserts nothing.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from pipeline.numbers.figures import find_figures

ROOT = Path(__file__).resolve().parents[1]
SIZES_MB = (0.1, 1.0, 5.0)


def corpus_text(size: int) -> str:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "gold" / "articles").glob("*.txt"))
    )
    return (text * (size // len(text) + 1))[:size]


def seconds(text: str, repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        find_figures(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    timings = [(mb, seconds(corpus_text(int(mb * 1_000_000)))) for mb in SIZES_MB]
    for mb, taken in timings:
        print(f"{mb:>5.1f} MB: {taken:7.2f} s, {taken / mb:6.2f} s per MB")
    (small_mb, small_s), (large_mb, large_s) = timings[0], timings[-1]
    exponent = math.log(large_s / small_s) / math.log(large_mb / small_mb)
    print(f"growth exponent {exponent:.2f} (1.0 is linear)")


if __name__ == "__main__":
    main()
