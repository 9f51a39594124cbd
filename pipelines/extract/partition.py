"""Extraction of one lake partition, streamed: the day's articles are read in batches, extracted (in
worker processes or on a Dask cluster when asked) and their rows written to staged Parquet files as they
come back, so memory stays flat however many articles the day holds. The four partitions are replaced
together once every row is written; the rows are those `extract_tables` gives for the same articles,
copies last."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.extract import Extraction, content_key, copy_rows, extract_stream, sources_of
from pipelines.extract.canonical import LostLetterIndex, apply_renames
from pipelines.lake import PART_FILE, Lake, earlier_extractions, open_lake
from pipelines.tables import EXTRACTED_TABLES, SCHEMAS, to_table

READ_ROWS = 256  # articles read from the partition at a time
WRITE_ROWS = 20_000  # rows buffered per table before a row group is written
PREVIEW_ROWS = 5
KEY_COLUMNS = ["article_id", "content_hash", "duplicate_of"]


@dataclass
class PartitionExtraction:
    """What `extract_partition` wrote: articles in, copies among them, rows out and the first rows of each table."""

    articles: int = 0
    copies: int = 0
    reused: int = 0  # copies of an earlier day's article, whose rows were reused
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EXTRACTED_TABLES, 0))
    preview: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in EXTRACTED_TABLES})


class _StagedTable:
    """Rows of one table written to a temporary file beside its partition, in row groups of WRITE_ROWS."""

    def __init__(self, lake: Lake, name: str, day: date):
        self.name, self.buffer, self.path = name, [], lake.temporary(lake.part_file(name, day))
        self.writer = lake.writer(self.path, _lake_schema(name))

    def add(self, rows: list[dict]) -> None:
        self.buffer += rows
        if len(self.buffer) >= WRITE_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.writer.write_table(_lake_table(self.name, self.buffer))
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def extract_partition(lake: Lake | str | Path, day: date, model_name: str | None = None,
                      workers: int = 1) -> PartitionExtraction:
    """Extract the day's articles into its participants, quotes, events and event_participants partitions."""
    lake = open_lake(lake)
    articles_file = lake.part_file("articles", day)
    keys = lake.read(articles_file, columns=KEY_COLUMNS).to_pylist() if lake.exists(articles_file) else []
    prior = earlier_extractions(lake, day, keys)
    sources = sources_of(keys, prior)
    chosen = set(sources.values())
    done = PartitionExtraction(articles=len(keys), copies=len(keys) - len(chosen),
                               reused=sum(1 for k in keys if content_key(k) in prior))
    for name in EXTRACTED_TABLES:
        lake.remove_temporaries(lake.part_file(name, day))
    staged = {name: _StagedTable(lake, name, day) for name in EXTRACTED_TABLES}
    index = LostLetterIndex()
    try:
        for _, rows in extract_stream(_read_articles(lake, articles_file, day, chosen), len(chosen), model_name,
                                      workers):
            _add(staged, rows, index, done)
        for name in EXTRACTED_TABLES:
            staged[name].close()
        copies = _copies(lake, keys, sources, prior, {name: s.path for name, s in staged.items()})
        index.add(copies["participants"])
        for name in EXTRACTED_TABLES:
            done.rows[name] += len(copies[name])
            done.preview[name] += copies[name][:PREVIEW_ROWS - len(done.preview[name])]
        renames = index.renames()
        apply_renames(renames, copies["participants"], copies["quotes"])
        final = {name: _finish(lake, staged[name].path, name, copies[name], renames) for name in EXTRACTED_TABLES}
        for name in EXTRACTED_TABLES:  # every table is written before any partition is replaced
            lake.commit(final[name], lake.part_file(name, day))
    finally:
        for table in staged.values():
            lake.remove(table.path)
    return done


def _read_articles(lake: Lake, path: str, day: date, chosen: set[str]) -> Iterator[dict]:
    """The partition's articles whose ids are in `chosen`, in file order, READ_ROWS at a time."""
    if not chosen:
        return
    for batch in lake.batches(path, READ_ROWS):
        for article in batch.to_pylist():
            if article["article_id"] in chosen:
                yield {**article, "ingest_date": day}


def _add(staged: dict[str, _StagedTable], rows: dict[str, list[dict]], index: LostLetterIndex,
         done: PartitionExtraction) -> None:
    index.add(rows.get("participants", []))
    for name in EXTRACTED_TABLES:
        table_rows = rows.get(name, [])
        staged[name].add(table_rows)
        done.rows[name] += len(table_rows)
        done.preview[name] += table_rows[:PREVIEW_ROWS - len(done.preview[name])]


def _copies(lake: Lake, keys: list[dict], sources: dict[str, str], prior: dict[str, Extraction],
            staged: dict[str, str]) -> dict[str, list[dict]]:
    """Rows of the articles that copy another's text: the owner's rows (an earlier day's, or this day's as
    staged) under the copy's ids."""
    copies = [k for k in keys if k["article_id"] != sources.get(content_key(k))]
    owned_here = {sources[content_key(k)] for k in copies if content_key(k) in sources}
    here: dict[str, dict[str, list[dict]]] = {owner: {} for owner in owned_here}
    if owned_here:
        wanted = pc.field("article_id").isin(sorted(owned_here))
        for name in EXTRACTED_TABLES:
            for row in lake.read(staged[name], where=wanted).to_pylist():
                here[row["article_id"]].setdefault(name, []).append(row)
    out: dict[str, list[dict]] = {name: [] for name in EXTRACTED_TABLES}
    for article in copies:
        key = content_key(article)
        rows = prior[key][1] if key in prior else here[sources[key]]
        for name, table_rows in copy_rows(rows, article["article_id"]).items():
            out[name] += table_rows
    return out


def _finish(lake: Lake, staged: str, name: str, copies: list[dict], renames: dict[str, tuple[str, str]]) -> str:
    """The staged file, or (with copies to add or names to fix) a new file of its rows renamed and the copies'."""
    if not copies and not (renames and name in {"participants", "quotes"}):
        return staged
    path = lake.temporary(f"{staged.rsplit('/', 1)[0]}/{PART_FILE}")
    with lake.writer(path, _lake_schema(name)) as writer:
        for batch in lake.batches(staged, WRITE_ROWS):
            rows = batch.to_pylist()
            apply_renames(renames, rows if name == "participants" else [], rows if name == "quotes" else [])
            writer.write_table(_lake_table(name, rows))
        if copies:
            writer.write_table(_lake_table(name, copies))
    return path


def _lake_schema(name: str) -> pa.Schema:
    schema = SCHEMAS[name]
    return schema.remove(schema.get_field_index("ingest_date")) if "ingest_date" in schema.names else schema


def _lake_table(name: str, rows: list[dict]) -> pa.Table:
    return to_table(name, rows).select(_lake_schema(name).names)
