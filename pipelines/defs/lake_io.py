"""Reading one lake partition and describing written rows as Dagster metadata."""
from __future__ import annotations

from datetime import date

import dagster as dg
import pyarrow as pa

from pipelines.config import settings
from pipelines.lake import Lake
from pipelines.tables import SCHEMAS

PREVIEW_ROWS = 5
PREVIEW_WIDTH = 60


def read_partition(name: str, day: date) -> pa.Table:
    """One table's partition as written (without `ingest_date`); empty with the table's schema if missing."""
    lake = Lake(settings().lake)
    path = lake.part_file(name, day)
    if lake.exists(path):
        return lake.read(path)
    empty = SCHEMAS[name].empty_table()
    return empty.drop_columns(["ingest_date"]) if "ingest_date" in empty.column_names else empty


def markdown_preview(rows: list[dict], columns: list[str]) -> dg.MetadataValue:
    """A Markdown table of the first rows, long cells cut short."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value).replace("\n", " ").replace("|", "\\|")
        return text if len(text) <= PREVIEW_WIDTH else text[: PREVIEW_WIDTH - 1] + "…"

    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows[:PREVIEW_ROWS]]
    return dg.MetadataValue.md("\n".join(lines))


def rows_metadata(count: int, first_rows: list[dict], preview_columns: list[str]) -> dict:
    """Row count and preview of rows written to a lake partition."""
    return {"dagster/row_count": count, "preview": markdown_preview(first_rows, preview_columns)}
