"""Prompt versions: data files under prompts/, validated on load, rendered with jinja2,
and hashed so every output row and cache key says exactly which prompt produced it."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import jinja2
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.core.errors import PromptError
from pipeline.extract.llm.response import (
    ExtractedObservation,
    Extraction,
    ExtractionContext,
    response_schema,
    validating_against,
)
from pipeline.io.articles import Article
from pipeline.io.jsonl import validation_message
from pipeline.numbers.figures import Figure, find_figures

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


class MessageTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["system", "user"]
    template: str = Field(min_length=1)


class Example(BaseModel):
    """A few-shot example: a passage and the observations it should yield."""

    model_config = ConfigDict(extra="forbid")
    text: str
    observations: list[ExtractedObservation]


class ModelParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model: str = "gpt-4o-mini"
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int | None = Field(None, gt=0)


class PromptFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str = Field(pattern=r"^v\d+$")
    description: str = Field(min_length=1)
    params: ModelParams = ModelParams()
    messages: list[MessageTemplate] = Field(min_length=1)
    examples: list[Example] = []


@dataclass(frozen=True)
class Prompt:
    spec: PromptFile
    path: Path
    hash: str

    @property
    def version(self) -> str:
        return self.spec.version

    @cached_property
    def _templates(self) -> list[tuple[str, jinja2.Template]]:
        """Each message template compiled once per prompt, not once per article."""
        try:
            return [(m.role, _ENV.from_string(m.template)) for m in self.spec.messages]
        except jinja2.TemplateError as exc:
            raise PromptError(f"cannot compile: {exc}", file=str(self.path)) from exc

    def render(self, article: Article, figures: list[Figure] | None = None) -> list[dict[str, str]]:
        """Chat messages for one article. The article text is a template *value*: it is
        inserted as it is and never itself rendered, so `{{ }}` in an article stays text."""
        context = {
            "text": article.text,
            "article_id": article.id,
            "outlet": article.outlet,
            "published": article.published,
            "figures": find_figures(article.text) if figures is None else figures,
            "examples": [e.model_dump(mode="json") for e in self.spec.examples],
            "json": lambda v: json.dumps(v, ensure_ascii=False),
        }
        try:
            return [{"role": role, "content": template.render(context)} for role, template in self._templates]
        # a template is data: what it computes may fail in any of these ways ("{{ 1 // 0 }}")
        except (
            jinja2.TemplateError,
            TypeError,
            ValueError,
            ArithmeticError,
            LookupError,
            AttributeError,
        ) as exc:
            kind = "" if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: "
            raise PromptError(f"cannot render: {kind}{exc}", file=str(self.path)) from exc


def content_hash(spec: PromptFile) -> str:
    """sha256 of templates, examples and the response schema: what the model is shown."""
    payload = {
        "messages": [m.model_dump() for m in spec.messages],
        "examples": [e.model_dump(mode="json") for e in spec.examples],
        "schema": response_schema(),
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return digest[:12]


def load_prompt_file(path: Path) -> Prompt:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise PromptError(f"cannot read prompt: not UTF-8 text (byte {exc.start})", file=str(path)) from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"cannot read prompt: {exc}", file=str(path)) from exc
    try:
        spec = PromptFile.model_validate(raw)
    except ValidationError as exc:
        raise PromptError(validation_message(exc), file=str(path)) from exc
    if spec.version != path.stem:
        raise PromptError(f"version {spec.version!r} does not match file name", file=str(path))
    for message in spec.messages:
        try:
            _ENV.parse(message.template)
        except jinja2.TemplateSyntaxError as exc:
            raise PromptError(f"template line {exc.lineno}: {exc.message}", file=str(path)) from exc
    _check_examples(spec, path)
    prompt = Prompt(spec, path, content_hash(spec))
    prompt.render(Article(id="check", text="Exports rose 1.5 percent to 2 billion yuan in 2025."))
    return prompt


def _check_examples(spec: PromptFile, path: Path) -> None:
    """Few-shot examples must ground in their own text, as model answers must."""
    for number, example in enumerate(spec.examples, start=1):
        context = ExtractionContext(article_id="example", article=example.text)
        try:
            with validating_against(context):
                Extraction.model_validate(example.model_dump(mode="json"))
        except ValidationError as exc:
            message = f"example {number}: {validation_message(exc)}"
            raise PromptError(message, file=str(path)) from exc


def prompt_versions(directory: Path) -> list[str]:
    """The version names in the folder, ordered by version number, without loading them."""
    stems = [p.stem for p in directory.glob("v*.toml")]
    if not stems:
        raise PromptError("no prompt files (v1.toml, v2.toml, ...)", file=str(directory))
    return sorted(stems, key=lambda stem: int(stem[1:]) if stem[1:].isdigit() else 0)


def load_prompts(directory: Path) -> dict[str, Prompt]:
    """Every prompt version in the folder, ordered by version number."""
    return {v: load_prompt_file(directory / f"{v}.toml") for v in prompt_versions(directory)}


def load_prompt(version: str, directory: Path) -> Prompt:
    path = directory / f"{version}.toml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in directory.glob("v*.toml"))) or "none"
        raise PromptError(f"no prompt version {version!r} (known: {known})", file=str(path))
    return load_prompt_file(path)
