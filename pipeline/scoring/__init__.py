"""Pure scoring: matching predictions to gold, metrics and their intervals, score reports."""
