"""Prompt versions judged against gold: per-version evaluation, comparison with intervals,
and the HTML report."""
