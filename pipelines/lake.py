"""The Parquet lake: `<lake>/<table>/ingest_date=YYYY-MM-DD/part-0.parquet`, written atomically.

The lake is a local folder or a URI: `s3://bucket/prefix`, `gs://…`, `hdfs://…` through pyarrow's own
filesystems, any other scheme fsspec knows (`abfs://`, `memory://`, …) through fsspec. Every read and
write of the lake goes through a `Lake`, so a URI works wherever a local path does."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from pipelines.tables import EXTRACTED_TABLES, SCHEMAS, to_table

PART_FILE = "part-0.parquet"
PARTITIONING = ds.HivePartitioning(pa.schema([("ingest_date", pa.date32())]))


class Lake:
    """A lake location and the filesystem that reaches it; paths are strings in that filesystem."""

    def __init__(self, location: str | os.PathLike):
        self.location = os.fspath(location)
        if "://" not in self.location:
            self.fs, self.root = pafs.LocalFileSystem(), str(Path(self.location).resolve())
        else:
            try:
                self.fs, self.root = pafs.FileSystem.from_uri(self.location)
            except pa.ArrowInvalid:  # a scheme pyarrow has no filesystem for: ask fsspec
                import fsspec

                fs, root = fsspec.core.url_to_fs(self.location)
                self.fs, self.root = pafs.PyFileSystem(pafs.FSSpecHandler(fs)), root
        self.root = self.root.rstrip("/")

    def __repr__(self) -> str:
        return f"Lake({self.location!r})"

    def partition(self, table: str, day: date) -> str:
        return f"{self.root}/{table}/ingest_date={day.isoformat()}"

    def part_file(self, table: str, day: date) -> str:
        return f"{self.partition(table, day)}/{PART_FILE}"

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def part_files(self, table: str) -> list[str]:
        """Every partition file of the table, in day order."""
        folder = f"{self.root}/{table}"
        if not self.exists(folder):
            return []
        found = self.fs.get_file_info(pafs.FileSelector(folder, recursive=True))
        return sorted(f.path for f in found if f.base_name == PART_FILE
                      and f.path.rsplit("/", 2)[-2].startswith("ingest_date="))

    def temporary(self, path: str) -> str:
        """A new temporary path beside `path`, named so that `remove_temporaries` finds it."""
        folder, name = path.rsplit("/", 1)
        self.fs.create_dir(folder, recursive=True)
        return f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"

    def remove_temporaries(self, path: str) -> None:
        """Remove the temporary files a killed writer of `path` left (one writer per partition holds its lock)."""
        folder, name = path.rsplit("/", 1)
        if not self.exists(folder):
            return
        for info in self.fs.get_file_info(pafs.FileSelector(folder)):
            if info.base_name.startswith(f".{name}.") and info.base_name.endswith(".tmp"):
                self.remove(info.path)

    def commit(self, temporary: str, path: str) -> None:
        """Put a finished temporary file in place: readers see the old file or the new one, never half of one."""
        self.fs.move(temporary, path)

    def remove(self, path: str) -> None:
        if self.exists(path):
            self.fs.delete_file(path)

    def writer(self, path: str, schema: pa.Schema) -> pq.ParquetWriter:
        return pq.ParquetWriter(path, schema, filesystem=self.fs, compression="zstd")

    def read(self, path: str, columns: list[str] | None = None, where: pc.Expression | None = None) -> pa.Table:
        return pq.read_table(path, columns=columns, filters=where, filesystem=self.fs)

    def batches(self, path: str, size: int) -> Iterator[pa.RecordBatch]:
        with self.fs.open_input_file(path) as handle:
            yield from pq.ParquetFile(handle).iter_batches(batch_size=size)

    def num_rows(self, path: str) -> int:
        with self.fs.open_input_file(path) as handle:
            return pq.ParquetFile(handle).metadata.num_rows


def open_lake(lake: Lake | str | os.PathLike) -> Lake:
    """The lake at a location (a Lake is returned as it is)."""
    return lake if isinstance(lake, Lake) else Lake(lake)


def partition_file(lake: Lake | str | os.PathLike, table: str, day: date) -> str:
    """The path of one table's partition file for a day."""
    return open_lake(lake).part_file(table, day)


def write_atomic(table: pa.Table, path: str | os.PathLike, lake: Lake | None = None) -> None:
    """Write a Parquet file (in the lake, or a local path) so that readers see the old file or the new
    one, never half of one. Temporary files a killed writer left beside it are removed first."""
    if lake is None:
        lake, path = Lake(Path(path).parent), str(Path(path).resolve())
    lake.remove_temporaries(str(path))
    tmp = lake.temporary(str(path))
    try:
        pq.write_table(table, tmp, compression="zstd", filesystem=lake.fs)
        lake.commit(tmp, str(path))
    finally:
        lake.remove(tmp)


def write_partition(lake: Lake | str | os.PathLike, name: str, day: date, rows: list[dict]) -> str:
    """Replace one table's partition with these rows (the lake leaves `ingest_date` to the folder name)."""
    lake = open_lake(lake)
    table = to_table(name, rows)
    if "ingest_date" in table.column_names:
        table = table.drop_columns(["ingest_date"])
    path = lake.part_file(name, day)
    write_atomic(table, path, lake)
    return path


def read_table(lake: Lake | str | os.PathLike, name: str, exclude_day: date | None = None,
               columns: list[str] | None = None, where: pc.Expression | None = None) -> pa.Table:
    """Every partition of a table (optionally leaving one day out, and only rows matching `where`)."""
    lake = open_lake(lake)
    files = lake.part_files(name)
    if exclude_day is not None:
        skip = lake.part_file(name, exclude_day)
        files = [f for f in files if f != skip]
    if not files:
        empty = SCHEMAS[name].empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset(files, format="parquet", filesystem=lake.fs, partitioning=PARTITIONING,
                         partition_base_dir=f"{lake.root}/{name}")
    return dataset.to_table(columns=columns, filter=where)


def write_extract_output(out: Path, tables: dict[str, list[dict]]) -> None:
    """`newsetl extract --out DIR`: one Parquet file per table, `DIR/<table>.parquet`, every column."""
    out.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        write_atomic(to_table(name, tables.get(name, [])), out / f"{name}.parquet")


def earlier_extractions(lake: Lake | str | os.PathLike, day: date,
                        articles: list[dict]) -> dict[str, tuple[str, dict[str, list[dict]]]]:
    """{content hash: (article_id, rows by table)} of articles outside `day` with the same text as one of
    `articles`, so exact copies of earlier days reuse their extraction."""
    lake = open_lake(lake)
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
