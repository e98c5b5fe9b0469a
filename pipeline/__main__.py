"""`python -m pipeline`: the same command line as `tradex`."""

from pipeline.cli import app

app()
