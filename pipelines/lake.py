"""The Parquet lake: `lake/<table>/ingest_date=YYYY-MM-DD/part-0.parquet`, written atomically."""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipelines.tables import EXTRACTED_TABLES, SCHEMAS, to_table

PART_FILE = "part-0.parquet"


def partition_dir(lake: Path, table: str, day: date) -> Path:
    return lake / table / f"ingest_date={day.isoformat()}"


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file so that readers see the old file or the new one, never half of one. Temporary
    files a killed writer left beside it are removed first."""
    remove_stale_temporaries(path)
    tmp = str(temporary_beside(path))
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files a killed writer of `path` left (one writer per partition holds its lock)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def temporary_beside(path: Path) -> Path:
    """A new empty temporary file in `path`'s folder, named so that `remove_stale_temporaries` finds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def write_partition(lake: Path, name: str, day: date, rows: list[dict]) -> Path:
    """Replace one table's partition with these rows (the lake leaves `ingest_date` to the folder name)."""
    table = to_table(name, rows)
    if "ingest_date" in table.column_names:
        table = table.drop_columns(["ingest_date"])
    path = partition_dir(lake, name, day) / PART_FILE
    write_atomic(table, path)
    return path


def read_table(lake: Path, name: str, exclude_day: date | None = None, columns: list[str] | None = None,
               where: pc.Expression | None = None) -> pa.Table:
    """Every partition of a table (optionally leaving one day out, and only rows matching `where`)."""
    root = lake / name
    files = sorted(root.glob(f"ingest_date=*/{PART_FILE}")) if root.exists() else []
    if exclude_day is not None:
        skip = partition_dir(lake, name, exclude_day)
        files = [f for f in files if f.parent != skip]
    schema = SCHEMAS[name]
    if not files:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset([str(f) for f in files], format="parquet", partitioning=ds.HivePartitioning(
        pa.schema([("ingest_date", pa.date32())])), partition_base_dir=str(root))
    return dataset.to_table(columns=columns, filter=where)


def write_extract_output(out: Path, tables: dict[str, list[dict]]) -> None:
    """`newsetl extract --out DIR`: one Parquet file per table, `DIR/<table>.parquet`, every column."""
    out.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        write_atomic(to_table(name, tables.get(name, [])), out / f"{name}.parquet")


def earlier_extractions(lake: Path, day: date, articles: list[dict]) -> dict[str, tuple[str, dict[str, list[dict]]]]:
    """{content hash: (article_id, rows by table)} of articles outside `day` with the same text as one of
    `articles`, so exact copies of earlier days reuse their extraction."""
    hashes = {a["content_hash"] for a in articles}
    earlier = read_table(lake, "articles", exclude_day=day, columns=["article_id", "content_hash", "duplicate_of"])
    owners: dict[str, str] = {}
    for row in sorted(earlier.to_pylist(), key=lambda r: r["duplicate_of"] is not None):  # originals first
        if row["content_hash"] in hashes:
            owners.setdefault(row["content_hash"], row["article_id"])
    if not owners:
        return {}
    wanted = pc.field("article_id").isin(sorted(set(owners.values())))
    by_article: dict[str, dict[str, list[dict]]] = {article_id: {} for article_id in owners.values()}
    for table in EXTRACTED_TABLES:
        for row in read_table(lake, table, exclude_day=day, where=wanted).to_pylist():
            row.pop("ingest_date", None)
            by_article[row["article_id"]].setdefault(table, []).append(row)
    return {content_hash: (article_id, by_article[article_id]) for content_hash, article_id in owners.items()}
