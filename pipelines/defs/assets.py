"""The Python assets: ingest (landing folder -> lake/articles, lake/rejects) and extraction (-> four lake tables)."""

import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import dagster as dg

from pipelines.config import settings
from pipelines.defs.lake_io import manifest_path, read_partition, rows_metadata
from pipelines.defs.partitions import daily, one_partition_per_run, partition_day
from pipelines.extract import extract_tables
from pipelines.ingest import Ingested, ingest_paths
from pipelines.lake import read_table, write_partition

INGESTED = ("articles", "rejects")
EXTRACTED = ("participants", "quotes", "events", "event_participants")
PREVIEW_COLUMNS = {
    "articles": ["title", "source_uri"],
    "rejects": ["source_uri", "reason", "detail"],
    "participants": ["name", "kind", "title", "mention_count"],
    "quotes": ["speaker", "kind", "cue", "text"],
    "events": ["event_type", "trigger", "event_date", "modality"],
    "event_participants": ["event_id", "participant_id", "role"],
}
_NEVER = datetime.max.replace(tzinfo=timezone.utc)


def lake_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["lake", table])


def earlier_articles(lake: Path, day: date) -> list[dict]:
    """The bookkeeping columns of every article outside `day` (the partition being rebuilt)."""
    columns = ["article_id", "source_uri", "published_at", "content_hash", "duplicate_of"]
    return read_table(lake, "articles", exclude_day=day, columns=columns).to_pylist()


def known_hashes(earlier: list[dict]) -> dict[str, dict]:
    """Content hash -> original article row."""
    known: dict[str, dict] = {}
    for row in sorted(earlier, key=lambda r: (r["published_at"] or _NEVER, r["source_uri"])):
        if row["duplicate_of"] is None and row["content_hash"]:
            known.setdefault(row["content_hash"], row)
    return known


def skip_already_ingested(ingested: Ingested, earlier: list[dict], lake: Path, day: date) -> Ingested:
    """Leave out inputs another partition already holds unchanged (same article_id, or a reject of a listed file)."""
    earlier_ids = {row["article_id"] for row in earlier}
    earlier_rejects = set(read_table(lake, "rejects", exclude_day=day, columns=["source_uri"]).column("source_uri").to_pylist())
    articles = [a for a in ingested.articles if a["article_id"] not in earlier_ids]
    rejects = [r for r in ingested.rejects if r["source_uri"] not in earlier_rejects]
    kept_files = {row["source_uri"].split("#", 1)[0] for row in articles + rejects}
    return Ingested(articles, rejects, [f for f in ingested.files if f in kept_files])


def write_manifest(day: date, ingested: Ingested) -> Path:
    """Record which landing files went into the partition."""
    path = manifest_path(day)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"ingest_date": day.isoformat(), "files": ingested.files,
            "articles": len(ingested.articles), "rejects": len(ingested.rejects)}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


@dg.multi_asset(
    name="raw_articles",
    specs=[dg.AssetSpec(lake_key(t), group_name="lake", kinds={"python", "parquet"}) for t in INGESTED],
    partitions_def=daily,
    backfill_policy=one_partition_per_run,
    description="Ingests the landing folder's files that no other partition holds: cleaned articles and rejects.",
)
def raw_articles(context: dg.AssetExecutionContext):
    day = partition_day(context)
    cfg = settings()
    roots = [cfg.landing] if cfg.landing.exists() else []
    earlier = earlier_articles(cfg.lake, day)
    ingested = skip_already_ingested(ingest_paths(roots, day, cfg.max_bytes, known_hashes(earlier)), earlier, cfg.lake, day)
    write_partition(cfg.lake, "articles", day, ingested.articles)
    write_partition(cfg.lake, "rejects", day, ingested.rejects)
    manifest = write_manifest(day, ingested)
    duplicates = sum(1 for a in ingested.articles if a["duplicate_of"] is not None)
    yield dg.MaterializeResult(asset_key=lake_key("articles"), metadata={
        **rows_metadata(ingested.articles, PREVIEW_COLUMNS["articles"]),
        "duplicates": duplicates, "files": len(ingested.files), "rejects": len(ingested.rejects),
        "manifest": str(manifest.relative_to(cfg.data_dir)),
    })
    yield dg.MaterializeResult(asset_key=lake_key("rejects"), metadata=rows_metadata(
        ingested.rejects, PREVIEW_COLUMNS["rejects"]))


@dg.multi_asset(
    name="extraction",
    specs=[dg.AssetSpec(lake_key(t), deps=[lake_key("articles")], group_name="lake", kinds={"python", "parquet"})
           for t in EXTRACTED],
    partitions_def=daily,
    backfill_policy=one_partition_per_run,
    description="Extracts participants, quotes, events and their links from the partition's articles.",
)
def extraction(context: dg.AssetExecutionContext):
    day = partition_day(context)
    cfg = settings()
    articles = [{**row, "ingest_date": day} for row in read_partition("articles", day).to_pylist()]
    tables = extract_tables(articles, model_name=cfg.spacy_model)
    missing = [name for name in EXTRACTED if name not in tables]
    if missing:
        raise dg.Failure(f"extract_tables returned no {', '.join(missing)}")
    for name in EXTRACTED:  # every table is computed before any partition is replaced
        write_partition(cfg.lake, name, day, tables[name])
    for name in EXTRACTED:
        yield dg.MaterializeResult(asset_key=lake_key(name), metadata=rows_metadata(
            tables[name], PREVIEW_COLUMNS[name]))
