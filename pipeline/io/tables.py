"""A run's observation rows as tables: CSV and Parquet, written from the JSON Lines one
batch of rows at a time, so a run of any size finishes in constant memory.

Parquet columns have pandas-friendly types: categoricals for the fields with few values,
float64 for `value`, nullable Int64 for the evidence offsets, strings for the rest.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.io.jsonl import replace_atomically, whole_lines
from pipeline.io.rows import ROW_COLUMNS

CATEGORICAL = ("entity", "flow", "partner", "metric", "change", "unit", "qualifier", "status",
               "prompt_version", "prompt_hash", "model", "evidence_match")  # fmt: skip
OFFSETS = ("evidence_start", "evidence_end")
BATCH_ROWS = 5000


def _types(column: str) -> tuple[pa.DataType, str]:
    """A column's Arrow type and the pandas dtype it reads back as."""
    if column in CATEGORICAL:
        return pa.dictionary(pa.int32(), pa.string()), "category"
    if column in OFFSETS:
        return pa.int64(), "Int64"
    if column == "value":
        return pa.float64(), "float64"
    return pa.string(), "object"


def parquet_schema() -> pa.Schema:
    """The Parquet schema, with the pandas metadata that restores the dtypes on reading."""
    import pandas as pd  # slow to import, and only its metadata is needed here

    template = pd.DataFrame({c: pd.Series(dtype=_types(c)[1]) for c in ROW_COLUMNS})
    metadata = pa.Schema.from_pandas(template, preserve_index=False).metadata
    return pa.schema([pa.field(c, _types(c)[0]) for c in ROW_COLUMNS], metadata=metadata)


# what a spreadsheet reads as the start of a formula ("=HYPERLINK(...)", "-3.2% exports",
# "@Commerce: ...", full-width "＝", or any of them after spaces): such a text cell gets a
# leading apostrophe, which the spreadsheet shows as text
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value: object) -> object:
    """A value as a CSV cell an analyst can open in Excel: text never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and (
        value.startswith(("\t", "\r")) or value.lstrip().startswith(_FORMULA_START)
    ):
        return "'" + value
    return value


def write_tables(rows_path: Path, csv_path: Path, parquet_path: Path) -> None:
    """observations.csv and observations.parquet from observations.jsonl, each written
    beside its target and renamed into place."""
    schema = parquet_schema()
    with (
        replace_atomically(csv_path) as csv_tmp,
        replace_atomically(parquet_path) as parquet_tmp,
        csv_tmp.open("w", encoding="utf-8", newline="") as handle,
        pq.ParquetWriter(parquet_tmp, schema) as parquet,
    ):
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ROW_COLUMNS)
        batch: list[dict[str, object]] = []
        for row in whole_lines(rows_path):
            writer.writerow([spreadsheet_cell(row.get(c)) for c in ROW_COLUMNS])
            batch.append(row)
            if len(batch) == BATCH_ROWS:
                parquet.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        parquet.write_table(pa.Table.from_pylist(batch, schema=schema))
