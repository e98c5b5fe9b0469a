"""The rules baseline: typed observations from the figure finder and cue-word rules, with
no model and no network (`baseline`), reading periods (`periods`) in sentences and clauses
(`text`)."""

from pipeline.extract.rules.baseline import RULES_HASH, RulesExtractor, extract_rules

__all__ = ["RULES_HASH", "RulesExtractor", "extract_rules"]
