"""The output row: one observation as a run writes it, with who produced it and where its
evidence stands in the article. Files keep the wire format's fields flat, in their order,
followed by the run's fields."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.schema import Observation, ObservationFields
from pipeline.numbers.grounding import EvidenceSpan

GOLD_ONLY = ("optional", "note")
RUN_COLUMNS = ("prompt_version", "prompt_hash", "model", "evidence_start", "evidence_end", "evidence_match")
# an output row's columns, in file order
ROW_COLUMNS = ("article_id", *ObservationFields.model_fields, *RUN_COLUMNS)


@dataclass(frozen=True)
class OutputRow:
    observation: Observation
    prompt_version: str
    prompt_hash: str
    model: str
    span: EvidenceSpan | None
    grounded: bool  # known where the row is made; files keep only the span

    def to_json(self) -> dict[str, object]:
        wire = self.observation.to_json()
        span = self.span
        return {
            **{name: value for name, value in wire.items() if name not in GOLD_ONLY},
            "prompt_version": self.prompt_version,
            "prompt_hash": self.prompt_hash,
            "model": self.model,
            "evidence_start": span.start if span else None,
            "evidence_end": span.end if span else None,
            "evidence_match": str(span.match) if span else None,
        }
