"""Measure the figure finder against quantulum3 on the gold articles.

The finder was written while reading the seed article, so its figures there are in-sample.

    pip install -e '.[bench]' && python benchmarks/finder.py

For every gold observation, does each library read a quantity inside its evidence with the
gold value and unit (and, for ours, qualifier)? How many quantities does each read that
state no gold figure (years, dates, "nine" cities, "3D")? And how long does one pass over
an article take, as a ratio? Prints what it measured; asserts nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.io.gold import load_gold
from pipeline.numbers.figures import find_figures
from pipeline.numbers.grounding import disagreement, locate

ROOT = Path(__file__).resolve().parents[1]
QUANTULUM_UNITS = {"chinese yuan": "CNY", "dollar": "USD", "percentage": "percent"}


def best_time(fn: Callable[[], object], repeat: int = 5, number: int = 20) -> float:
    """Seconds per call, the best of `repeat` rounds of `number` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return min(rounds)


def main() -> None:
    gold = load_gold(ROOT / "gold")
    try:
        from quantulum3 import parser as quantulum
    except ImportError:
        quantulum = None
        print("quantulum3 is not installed (pip install -e '.[bench]'): measuring tradex's finder only")
    ours_hit = ours_exact = theirs_hit = total = 0
    ours_extra = theirs_extra = 0
    ours_time = theirs_time = 0.0
    for article_id, labels in gold.labels.items():
        text = gold.articles[article_id].text
        figures = find_figures(text)
        quantities = quantulum.parse(text) if quantulum else []
        stated: set[tuple[int, int]] = set()
        for label in labels:
            total += 1
            span = locate(label.evidence, text)
            assert span is not None
            inside = [f for f in figures if span.start <= f.start and f.end <= span.end]
            problems = [(f, disagreement(label, f)) for f in inside]
            value_unit = [f for f, p in problems if p is None or p.startswith("qualifier")]
            ours_hit += bool(value_unit)
            ours_exact += any(p is None for _, p in problems)
            stated.update((f.start, f.end) for f in value_unit)
            for q in quantities:
                if not (span.start <= q.span[0] and q.span[1] <= span.end):
                    continue
                unit = QUANTULUM_UNITS.get(q.unit.name, "count")
                same_unit = unit == label.unit or (unit == "count" and label.unit in ("rank", "years"))
                if same_unit and math.isclose(q.value, label.value, rel_tol=1e-6):
                    theirs_hit += 1
                    break
        ours_extra += sum((f.start, f.end) not in stated for f in figures)
        gold_values = [label.value for label in labels]
        theirs_extra += sum(
            not any(math.isclose(q.value, v, rel_tol=1e-6) for v in gold_values) for q in quantities
        )
        ours_time += best_time(lambda text=text: find_figures(text))
        if quantulum:
            theirs_time += best_time(lambda text=text: quantulum.parse(text), number=5)
    print(f"gold observations: {total} in {len(gold.labels)} article(s)")
    print(
        f"tradex finder: value+unit found for {ours_hit}/{total}, with qualifier {ours_exact}/{total}, "
        f"{ours_extra} quantities stating no gold figure, {ours_time * 1e3:.2f} ms per pass"
    )
    if quantulum:
        print(
            f"quantulum3:    value+unit found for {theirs_hit}/{total}, qualifiers not modelled, "
            f"{theirs_extra} quantities stating no gold figure, {theirs_time * 1e3:.2f} ms per pass"
        )
        print(f"time ratio quantulum3 / tradex finder: {theirs_time / ours_time:.1f}x")


if __name__ == "__main__":
    main()
