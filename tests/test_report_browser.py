"""The compare report in a real browser: Playwright driving the system Chromium (Debian's
`chromium`, never a downloaded one) over the report built from the shipped recordings.
Screenshots go to outputs/report-screens/."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, SEED_ID
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluation.compare import Comparison, compare
from pipeline.evaluation.evaluate import evaluate_version
from pipeline.extract.backends import BackendOptions
from pipeline.extract.choices import Backend
from pipeline.io.gold import GoldSet, load_gold
from pipeline.numbers.grounding import ground

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL = "install Chromium to run it: apt-get install -y chromium (.ci/run does this)"
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing: pip install -e '.[dev]'")
if CHROMIUM is None:
    pytest.skip(f"no system Chromium; {INSTALL}", allow_module_level=True)

SCREENS = ROOT / "outputs" / "report-screens"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "r.html"
    where = [
        "--gold",
        str(ROOT / "gold"),
        "--store",
        str(ROOT / "evals/recordings"),
        "--prompts-dir",
        str(ROOT / "prompts"),
    ]
    made = CliRunner().invoke(app, ["compare", "--format", "html", "--out", str(out), *where])
    assert made.exit_code == 0, made.output
    return out


@pytest.fixture(scope="module")
def page(report: Path, seed_v1: tuple[GoldSet, Comparison]) -> Iterator[Any]:
    """The report open at 1280 x 800 (scoring runs first: Playwright holds the event loop)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        started = time.perf_counter()
        tab.goto(report.as_uri(), wait_until="load")
        tab.load_seconds = time.perf_counter() - started
        yield tab
        browser.close()


@pytest.fixture(scope="module")
def seed_v1() -> tuple[GoldSet, Comparison]:
    gold = load_gold(ROOT / "gold")
    options = BackendOptions(backend=Backend.REPLAY, store=ROOT / "evals/recordings")
    results = [evaluate_version(gold, v, options, [SEED_ID], ROOT / "prompts") for v in ("v1", "rules")]
    return gold, compare(results, "rules")


def visible_articles(page: Any) -> list[str]:
    rows = page.eval_on_selector_all(
        "#heat tr[data-article]:not(.hidden)", "rs => rs.map(r => r.dataset.article)"
    )
    return [str(a) for a in rows]


def test_the_report_opens_fast_small_and_without_horizontal_overflow(report: Path, page: Any) -> None:
    assert page.errors == []
    assert page.load_seconds < 2.0
    assert report.stat().st_size < 3_000_000
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client
    page.screenshot(path=str(SCREENS / "summary.png"))


def test_clicking_a_heat_cell_opens_that_article_for_that_version(page: Any) -> None:
    page.click(f'#heat td.cell[data-article="{SEED_ID}"][data-version="v1"]')
    assert page.is_visible("#panel")
    assert page.text_content("#panel-title") == f"{SEED_ID} · v1"
    assert page.eval_on_selector("#panel-version", "s => s.value") == "v1"
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client
    page.locator("#panel").screenshot(path=str(SCREENS / "article.png"))


def test_every_gold_figure_of_the_article_is_highlighted_with_its_outcome(
    page: Any, seed_v1: tuple[GoldSet, Comparison]
) -> None:
    gold, comparison = seed_v1
    page.click(f'#heat td.cell[data-article="{SEED_ID}"][data-version="v1"]')
    text = gold.articles[SEED_ID].text
    expected: dict[tuple[int, int], set[str]] = {}
    v1 = next(r for r in comparison.results if r.version == "v1")
    for pair in v1.report.strict:
        if pair.gold is not None and (figure := ground(pair.gold, text).figure) is not None:
            expected.setdefault((figure.start, figure.end), set()).add(str(pair.outcome))
    shown = {
        (int(m["start"]), int(m["end"])): set(m["gold"].split())
        for m in page.eval_on_selector_all(
            "#panel-text mark[data-gold]", "ms => ms.map(m => ({...m.dataset}))"
        )
    }
    assert len(expected) > 20
    assert shown == expected
    missing = page.locator('#panel-text mark[data-gold~="missing"]').first
    assert "gold [missing]" in (missing.get_attribute("title") or "")  # hover details


def test_filters_hide_and_show_articles(page: Any) -> None:
    everything = visible_articles(page)
    page.fill("#f-text", "Destatis")
    assert 0 < len(visible_articles(page)) < len(everything)
    assert all("germany" in a for a in visible_articles(page))
    page.fill("#f-text", "")
    assert visible_articles(page) == everything
    page.select_option("#f-split", "test")
    tested = visible_articles(page)
    assert 0 < len(tested) < len(everything)
    page.select_option("#f-split", "")
    page.select_option("#f-candidate", "v4")
    page.check("#f-lost")
    lost = visible_articles(page)
    assert 0 < len(lost) < len(everything)
    cells = page.eval_on_selector_all(
        "#heat tr:not(.hidden) td.cell[data-version='v4']", "cs => cs.map(c => c.title)"
    )
    assert all("newly wrong" in title for title in cells)
    page.screenshot(path=str(SCREENS / "filtered.png"), full_page=False)
    page.uncheck("#f-lost")
    assert visible_articles(page) == everything
