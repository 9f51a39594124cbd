"""One day's ingest from the landing folder into the lake, streamed and accounted for.

A manifest (`manifests/ingest_date=DAY/files.parquet`, outside the lake) records
every input the day read: path, size and modification time, content hash, and how
many articles, rejects and already-known records it gave. A nightly run reads
only files that no other day's manifest holds unchanged, so a changed file is read
again and an untouched one never is. Rebuilding a day ignores that day's own
manifest and fingerprints, so it reads the same files again and never marks its
articles as duplicates of themselves.

Articles are written in batches to a temporary Parquet file as they are read;
once every fingerprint is known, duplicates are decided against the whole lake
(`duplicates.DuplicateFinder`) and the partition is written with `duplicate_of`
set, then renamed into place. Memory holds fingerprints, never a day of text.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipelines.ingest.duplicates import DuplicateFinder
from pipelines.ingest.ingest import fingerprint, read_records
from pipelines.ingest.readers import SIDECAR_SUFFIX, iter_input_files
from pipelines.lake import PART_FILE, partition_dir, read_table, write_atomic
from pipelines.tables import ARTICLES, to_table

BATCH_ROWS = 500
PREVIEW_ROWS = 5
MANIFEST_FILE, FINGERPRINTS_FILE = "files.parquet", "fingerprints.parquet"
MANIFEST = pa.schema([
    ("path", pa.string()),  # a landing file's source_uri, or a fetched URL
    ("stat", pa.string()),  # "size:mtime_ns" of the file and of its sidecar, for the quick unchanged test
    ("sha256", pa.string()),  # of the file and its sidecar
    ("seen_at", pa.timestamp("us", tz="UTC")),
    ("articles", pa.int32()),
    ("rejects", pa.int32()),
    ("known", pa.int32()),  # records another day already holds (unchanged lines of a changed JSONL file)
])
FINGERPRINTS = pa.schema([
    ("article_id", pa.string()),
    ("source_uri", pa.string()),
    ("published_at", pa.timestamp("us", tz="UTC")),
    ("content_hash", pa.string()),
    ("duplicate_of", pa.string()),
    ("minhash", pa.list_(pa.uint32())),
])
_LAKE_ARTICLES = pa.schema([f for f in ARTICLES if f.name != "ingest_date"])


@dataclass
class DayIngest:
    """What one day's ingest read and wrote."""

    files_read: int = 0
    files_unchanged: int = 0
    articles: int = 0
    duplicates: int = 0
    rejects: int = 0
    known: int = 0
    reasons: Counter = field(default_factory=Counter)
    preview: list[dict] = field(default_factory=list)


def manifest_dir(manifests: Path, day: date) -> Path:
    return manifests / f"ingest_date={day.isoformat()}"


def source_file(source_uri: str) -> str:
    """The input a record came from: `a.jsonl#L3` and `crawl.warc.gz#r7` come from their files."""
    return source_uri.split("#", 1)[0]


def ingest_day(landing: Path | None, lake: Path, manifests: Path, day: date, max_bytes: int,
               fetch_rejects: Iterable[dict] = ()) -> DayIngest:
    """Ingest the landing folder's new and changed files (and the day's fetch failures) into `day`."""
    earlier_files = _read_bookkeeping(manifests, MANIFEST_FILE, day, ["path", "stat", "sha256"])
    latest = {row["path"]: row for row in earlier_files}
    files, records, summary = [], {}, DayIngest()
    for path, source_uri in iter_input_files([landing]) if landing and landing.is_dir() else ():
        stat = _stat(path)
        prev = latest.get(source_uri)
        if prev and prev["stat"] == stat:
            summary.files_unchanged += 1
            continue
        digest = _sha256(path)
        if prev and prev["sha256"] == digest:
            summary.files_unchanged += 1
            continue
        files.append((path, source_uri))
        records[source_uri] = {"path": source_uri, "stat": stat, "sha256": digest, "articles": 0, "rejects": 0,
                               "known": 0}
    summary.files_read = len(files)

    known_ids = set(read_table(lake, "articles", exclude_day=day, columns=["article_id"])["article_id"].to_pylist())
    known_rejects = set(read_table(lake, "rejects", exclude_day=day, columns=["source_uri"])["source_uri"].to_pylist())
    rejects: list[dict] = []
    for row in fetch_rejects:
        records.setdefault(row["source_uri"], {"path": row["source_uri"], "stat": None, "sha256": None,
                                               "articles": 0, "rejects": 0, "known": 0})
        rejects.append({**row, "ingest_date": day})
        records[row["source_uri"]]["rejects"] += 1

    target = partition_dir(lake, "articles", day) / PART_FILE
    staging = target.with_name(f".{PART_FILE}.staging")
    staging.parent.mkdir(parents=True, exist_ok=True)
    prints: list[dict] = []
    with pq.ParquetWriter(staging, _LAKE_ARTICLES, compression="zstd") as writer:
        for batch in _batches(_new_records(read_records(files, day, max_bytes), known_ids, known_rejects,
                                           records, rejects, summary), BATCH_ROWS):
            prints.extend(fingerprint(row) for row in batch)
            writer.write_table(to_table("articles", batch).drop_columns(["ingest_date"]))
            summary.preview.extend(batch[:PREVIEW_ROWS - len(summary.preview)])

    originals = DuplicateFinder(_earlier_fingerprints(lake, manifests, day)).assign(prints)
    _write_with_duplicates(staging, target, originals)
    write_atomic(to_table("rejects", rejects).drop_columns(["ingest_date"]),
                 partition_dir(lake, "rejects", day) / PART_FILE)
    for row in prints:
        row["duplicate_of"] = originals.get(row["article_id"])
    folder = manifest_dir(manifests, day)
    write_atomic(pa.Table.from_pylist(prints, schema=FINGERPRINTS), folder / FINGERPRINTS_FILE)
    seen_at = datetime.now(timezone.utc)
    write_atomic(pa.Table.from_pylist([{**r, "seen_at": seen_at} for r in records.values()], schema=MANIFEST),
                 folder / MANIFEST_FILE)
    summary.articles, summary.duplicates, summary.rejects = len(prints), len(originals), len(rejects)
    summary.reasons = Counter(r["reason"] for r in rejects)
    return summary


def _new_records(records: Iterator[tuple[str, dict]], known_ids: set, known_rejects: set, files: dict,
                 rejects: list[dict], summary: DayIngest) -> Iterator[dict]:
    """Article rows no other day holds; rejects go to `rejects`; every record is counted for its file."""
    for table, row in records:
        record = files[source_file(row["source_uri"])]
        if (row["article_id"] in known_ids) if table == "articles" else (row["source_uri"] in known_rejects):
            record["known"] += 1
            summary.known += 1
        elif table == "rejects":
            record["rejects"] += 1
            rejects.append(row)
        else:
            record["articles"] += 1
            yield row


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_with_duplicates(staging: Path, target: Path, originals: dict[str, str]) -> None:
    """Copy the staged partition with `duplicate_of` filled in, then rename it into place."""
    tmp = target.with_name(f".{PART_FILE}.tmp")
    try:
        with pq.ParquetWriter(tmp, _LAKE_ARTICLES, compression="zstd") as writer:
            for batch in pq.ParquetFile(staging).iter_batches(batch_size=BATCH_ROWS):
                ids = batch.column("article_id").to_pylist()
                duplicate_of = pa.array([originals.get(i) for i in ids], pa.string())
                index = batch.schema.get_field_index("duplicate_of")
                writer.write_batch(batch.set_column(index, "duplicate_of", duplicate_of))
        os.replace(tmp, target)
    finally:
        for path in (tmp, staging):
            if path.exists():
                path.unlink()


def _read_bookkeeping(manifests: Path, name: str, day: date, columns: list[str]) -> list[dict]:
    """Rows of one bookkeeping file of every day but `day`, oldest day first."""
    files = sorted(p for p in manifests.glob(f"ingest_date=*/{name}") if p.parent != manifest_dir(manifests, day))
    if not files:
        return []
    return ds.dataset([str(p) for p in files], format="parquet").to_table(columns=columns).to_pylist()


def _earlier_fingerprints(lake: Path, manifests: Path, day: date) -> list[dict]:
    """Fingerprints of every article of the other days; articles with none stored (a run stopped before
    writing them) get theirs computed from the lake's text."""
    prints = {row["article_id"]: row for row in _read_bookkeeping(manifests, FINGERPRINTS_FILE, day,
                                                                  list(FINGERPRINTS.names))}
    articles = read_table(lake, "articles", exclude_day=day,
                          columns=["article_id", "source_uri", "published_at", "content_hash", "duplicate_of"])
    missing = {row["article_id"]: row for row in articles.to_pylist() if row["article_id"] not in prints}
    if missing:
        texts = read_table(lake, "articles", exclude_day=day, columns=["article_id", "title", "text"])
        for row in texts.to_pylist():
            if row["article_id"] in missing:
                prints[row["article_id"]] = fingerprint({**missing[row["article_id"]], **row})
    return list(prints.values())


def _stat(path: Path) -> str:
    parts = [path, path.with_name(path.stem + SIDECAR_SUFFIX)]
    return ";".join(f"{s.st_size}:{s.st_mtime_ns}" for p in parts if (s := _stat_or_none(p)))


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.stem + SIDECAR_SUFFIX)):
        if part.exists():
            with part.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()
