"""One day's ingest from the landing folder into the lake, streamed and accounted for.

A manifest (`manifests/ingest_date=DAY/files.parquet`, outside the lake) records
every input the day read: path, size and modification time, content hash, and how
many articles, rejects and already-known records it gave. A nightly run reads
only files that no other day's manifest holds unchanged, so a changed file is read
again and an untouched one never is. Rebuilding a day ignores that day's own
manifest and fingerprints, so it reads the same files again and never marks its
articles as duplicates of themselves.

Articles are written in batches to a temporary Parquet file as they are read;
once every fingerprint is known, records another day already holds are dropped,
duplicates are decided (`duplicates.DuplicateFinder`: exact copies against the
whole lake, near copies against the days within `NEAR_DAYS`), and the partition
is written with `duplicate_of` set, then renamed into place. Memory holds the
day's fingerprints (a few hundred bytes per article) and the window's, never a
day of text; the lake is read through filters, never whole.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from pipelines.ingest.duplicates import DuplicateFinder, Fingerprint
from pipelines.ingest.ingest import fingerprint, read_records
from pipelines.ingest.readers import SIDECAR_SUFFIX, iter_input_files
from pipelines.lake import Lake, open_lake, read_table, write_atomic
from pipelines.tables import ARTICLES, to_table

BATCH_ROWS = 500
NEAR_DAYS = 30  # near copies are looked for among the articles of this many ingest days either side
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
    ("minhash", pa.binary()),
])
_KEYS = [name for name in FINGERPRINTS.names if name != "minhash"]  # an article's keys, as the lake holds them
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


def ingest_day(landing: Path | None, lake: Lake | str | Path, manifests: Path, day: date, max_bytes: int,
               fetch_rejects: Iterable[dict] = (), near_days: int = NEAR_DAYS) -> DayIngest:
    """Ingest the landing folder's new and changed files (and the day's fetch failures) into `day`."""
    summary, lake = DayIngest(), open_lake(lake)
    files, records = _files_to_read(landing, manifests, day, summary)
    rejects: list[dict] = []
    for row in fetch_rejects:
        records.setdefault(row["source_uri"], _record(row["source_uri"], None, None))
        rejects.append({**row, "ingest_date": day})
        records[row["source_uri"]]["rejects"] += 1

    target = lake.part_file("articles", day)
    lake.remove_temporaries(target)
    staging = lake.temporary(target)
    prints: list[Fingerprint] = []
    with lake.writer(staging, _LAKE_ARTICLES) as writer:
        for batch in _batches(_counted(read_records(files, day, max_bytes), records, rejects), BATCH_ROWS):
            prints.extend(fingerprint(row) for row in batch)
            writer.write_table(to_table("articles", batch).drop_columns(["ingest_date"]))
            summary.preview.extend(batch[:PREVIEW_ROWS - len(summary.preview)])

    # records another day already holds (unchanged lines of a changed JSONL file) are not added again
    known = _in_lake(lake, "articles", day, "article_id", [p.article_id for p in prints])
    known_rejects = _in_lake(lake, "rejects", day, "source_uri", [r["source_uri"] for r in rejects])
    for uri in [p.source_uri for p in prints if p.article_id in known]:
        records[source_file(uri)]["articles"] -= 1
        records[source_file(uri)]["known"] += 1
    for uri in [r["source_uri"] for r in rejects if r["source_uri"] in known_rejects]:
        records[source_file(uri)]["rejects"] -= 1
        records[source_file(uri)]["known"] += 1
    prints = [p for p in prints if p.article_id not in known]
    rejects = [r for r in rejects if r["source_uri"] not in known_rejects]

    earlier = _earlier_fingerprints(lake, manifests, day, {p.content_hash for p in prints}, near_days)
    originals = DuplicateFinder(earlier).assign(prints)
    _write_final(lake, staging, target, originals, known)
    write_atomic(to_table("rejects", rejects).drop_columns(["ingest_date"]), lake.part_file("rejects", day), lake)
    folder = manifest_dir(manifests, day)
    write_atomic(pa.Table.from_pylist([_fingerprint_row(p) for p in prints], schema=FINGERPRINTS),
                 folder / FINGERPRINTS_FILE)
    seen_at = datetime.now(timezone.utc)
    write_atomic(pa.Table.from_pylist([{**r, "seen_at": seen_at} for r in records.values()], schema=MANIFEST),
                 folder / MANIFEST_FILE)
    summary.articles, summary.duplicates, summary.rejects = len(prints), len(originals), len(rejects)
    summary.known = len(known) + len(known_rejects)
    summary.reasons = Counter(r["reason"] for r in rejects)
    return summary


def _record(path: str, stat: str | None, digest: str | None) -> dict:
    return {"path": path, "stat": stat, "sha256": digest, "articles": 0, "rejects": 0, "known": 0}


def _files_to_read(landing: Path | None, manifests: Path, day: date,
                   summary: DayIngest) -> tuple[list[tuple[Path, str]], dict[str, dict]]:
    """Landing files no other day's manifest holds unchanged, and an empty manifest record for each."""
    latest = {row["path"]: row for row in _read_bookkeeping(manifests, MANIFEST_FILE, day, ["path", "stat", "sha256"])}
    files, records = [], {}
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
        records[source_uri] = _record(source_uri, stat, digest)
    summary.files_read = len(files)
    return files, records


def _counted(records: Iterator[tuple[str, dict]], files: dict[str, dict], rejects: list[dict]) -> Iterator[dict]:
    """Article rows, counted for their file; rejects go to `rejects`."""
    for table, row in records:
        files[source_file(row["source_uri"])][table] += 1
        if table == "rejects":
            rejects.append(row)
        else:
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


def _in_lake(lake: Lake, table: str, day: date, column: str, values: list[str]) -> set[str]:
    """Which of the values another day's partition of the table holds in `column`."""
    if not values:
        return set()
    found = read_table(lake, table, exclude_day=day, columns=[column], where=pc.field(column).isin(values))
    return set(found[column].to_pylist())


def _write_final(lake: Lake, staging: str, target: str, originals: dict[str, str], known: set[str]) -> None:
    """Copy the staged partition without the known rows and with `duplicate_of` filled in, then put it
    in place."""
    tmp = lake.temporary(target)
    known_ids = pa.array(sorted(known), pa.string())
    try:
        with lake.writer(tmp, _LAKE_ARTICLES) as writer:
            for batch in lake.batches(staging, BATCH_ROWS):
                if known:
                    batch = batch.filter(pc.invert(pc.is_in(batch.column("article_id"), known_ids)))
                ids = batch.column("article_id").to_pylist()
                index = batch.schema.get_field_index("duplicate_of")
                batch = batch.set_column(index, "duplicate_of", pa.array([originals.get(i) for i in ids], pa.string()))
                writer.write_batch(batch)
        lake.commit(tmp, target)
    finally:
        for path in (tmp, staging):
            lake.remove(path)


def _read_bookkeeping(manifests: Path, name: str, day: date, columns: list[str],
                      near_days: int | None = None) -> list[dict]:
    """Rows of one bookkeeping file of every day but `day` (or only of days within `near_days` of it)."""
    files = []
    for path in sorted(manifests.glob(f"ingest_date=*/{name}")):
        other = date.fromisoformat(path.parent.name.split("=", 1)[1])
        if other != day and (near_days is None or abs((other - day).days) <= near_days):
            files.append(str(path))
    if not files:
        return []
    return ds.dataset(files, format="parquet").to_table(columns=columns).to_pylist()


def _earlier_fingerprints(lake: Lake, manifests: Path, day: date, hashes: set[str], near_days: int) -> list[Fingerprint]:
    """Fingerprints the day's articles are compared with: with signatures, those of the days within
    `near_days` (near copies arrive within days); without, any article of the lake with the same text.
    Articles of the window with no stored fingerprint (a run stopped before writing it) get theirs
    computed from the lake's text."""
    prints = {row["article_id"]: Fingerprint(**row) for row in _read_bookkeeping(
        manifests, FINGERPRINTS_FILE, day, list(FINGERPRINTS.names), near_days)}
    window = ((pc.field("ingest_date") >= pa.scalar(day - timedelta(days=near_days)))
              & (pc.field("ingest_date") <= pa.scalar(day + timedelta(days=near_days))))
    in_window = read_table(lake, "articles", exclude_day=day, columns=["article_id"], where=window)
    missing = sorted(set(in_window["article_id"].to_pylist()) - set(prints))
    if missing:
        for row in read_table(lake, "articles", exclude_day=day, where=pc.field("article_id").isin(missing),
                              columns=[*_KEYS, "title", "text"]).to_pylist():
            prints[row["article_id"]] = fingerprint(row)
    if hashes:
        for row in read_table(lake, "articles", exclude_day=day, columns=_KEYS,
                              where=pc.field("content_hash").isin(sorted(hashes))).to_pylist():
            prints.setdefault(row["article_id"], Fingerprint(**row))
    return list(prints.values())


def _fingerprint_row(p: Fingerprint) -> dict:
    return {name: getattr(p, name) for name in FINGERPRINTS.names}


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
