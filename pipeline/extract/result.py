"""What any backend returns for one article: its output rows and what they cost. Shared by
the rules and the LLM client, so neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.schema import Observation
from pipeline.core.usage import Usage
from pipeline.io.rows import OutputRow
from pipeline.numbers.grounding import Grounding


@dataclass
class ArticleResult:
    article_id: str
    rows: list[OutputRow]
    usage: Usage = field(default_factory=Usage)
    attempts: int = 1

    @property
    def observations(self) -> list[Observation]:
        return [row.observation for row in self.rows]


def output_row(
    observation: Observation, grounding: Grounding, version: str, version_hash: str, model: str
) -> OutputRow:
    """An output row from an observation and its grounding, found once where it was made."""
    return OutputRow(observation, version, version_hash, model, grounding.span, grounding.grounded)
