"""Backends that turn an article into observations: the rules (no model) and the LLM
sub-package, behind one result type."""
