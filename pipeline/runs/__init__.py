"""Batch runs: bounded concurrency, the ledger, resumable output folders."""
