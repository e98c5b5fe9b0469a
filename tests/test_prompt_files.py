from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT, SEED_ID

from pipeline.core.errors import PromptError
from pipeline.extract.llm.prompts import load_prompt, load_prompts
from pipeline.extract.llm.store import request_key


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "prompts", tmp_path / "prompts")
    return tmp_path / "prompts"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("temperature = 0.0", "temprature = 0.0", "params.temprature: Extra inputs are not permitted"),
        ("{{ text }}", "{{ text }", "template line"),
        ('version = "v2"', 'version = "v9"', "version 'v9' does not match file name"),
        ("{{ text }}", "{{ txt }}", "cannot render: 'txt' is undefined"),
        ("{{ text }}", "{{ 1 // 0 }}{{ text }}", "cannot render: ZeroDivisionError: integer division"),
        ("{{ text }}", "{{ json(figures) }}{{ text }}", "cannot render: TypeError: Object of type Figure"),
        ("value = 3.2", "value = 3.5", "example 1: observations.0: value 3.5 does not match '3.2 percent'"),
    ],
)
def test_invalid_prompt_files_fail_with_file_and_problem(
    prompts: Path, old: str, new: str, problem: str
) -> None:
    edit(prompts / "v2.toml", old, new)
    with pytest.raises(PromptError) as info:
        load_prompt("v2", prompts)
    assert problem in info.value.message
    assert info.value.one_line().startswith(f"{prompts / 'v2.toml'}: ")


def test_a_prompt_file_that_is_not_utf8_fails_with_file_and_problem(prompts: Path) -> None:
    path = prompts / "v2.toml"
    path.write_bytes(path.read_text().encode("utf-16"))
    with pytest.raises(PromptError) as info:
        load_prompt("v2", prompts)
    assert info.value.one_line() == f"{path}: cannot read prompt: not UTF-8 text (byte 0)"


def test_hash_follows_content_and_reaches_the_cache_key(prompts: Path) -> None:
    before = load_prompt("v2", prompts)
    edit(prompts / "v2.toml", "Rules:", "Rules (read carefully):")
    after = load_prompt("v2", prompts)
    assert before.hash != after.hash
    body = {"model": "m", "messages": []}
    assert request_key("/v1/chat/completions", body, "v2", before.hash) != request_key(
        "/v1/chat/completions", body, "v2", after.hash
    )


def test_versions_load_in_numeric_order_and_render_with_article_context(gold: object) -> None:
    loaded = load_prompts(ROOT / "prompts")
    assert list(loaded) == ["v1", "v2", "v3", "v4"]
    article = gold.articles[SEED_ID]  # type: ignore[attr-defined]
    messages = loaded["v3"].render(article)
    assert "Global Times" in messages[-1]["content"]
    assert '20. "eighth" = 8.0 rank (exact)' in messages[-1]["content"]


def test_prompts_show_needs_exactly_one_article(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Exports rose 1 percent in 2025.")
    result = CliRunner().invoke(app, ["prompts", "show", "v2", "--article", str(tmp_path),
                                      "--prompts-dir", str(ROOT / "prompts")])  # fmt: skip
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path}: expected one article, found 2"
