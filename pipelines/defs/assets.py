"""The Python assets: feeds (-> landing folder), ingest (-> lake/articles, lake/rejects), extraction (-> four tables)."""

import dagster as dg

from pipelines.config import settings
from pipelines.defs.lake_io import markdown_preview, rows_metadata
from pipelines.defs.partitions import daily, one_partition_per_run, partition_day
from pipelines.extract import ExtractionError
from pipelines.extract.partition import extract_partition
from pipelines.ingest.feeds import fetch_feeds, load_sources, read_failures, record_failures
from pipelines.ingest.landing import ingest_day, manifest_dir
from pipelines.tables import EXTRACTED_TABLES as EXTRACTED

INGESTED = ("articles", "rejects")
PREVIEW_COLUMNS = {
    "articles": ["title", "source_uri"],
    "rejects": ["source_uri", "reason", "detail"],
    "participants": ["name", "kind", "title", "mention_count"],
    "quotes": ["speaker", "kind", "cue", "text"],
    "events": ["event_type", "trigger", "event_date", "modality"],
    "event_participants": ["event_id", "participant_id", "role"],
}
FEED_PAGES = dg.AssetKey(["landing", "feed_pages"])


def lake_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["lake", table])


@dg.asset(
    key=FEED_PAGES, group_name="ingest", kinds={"python"}, partitions_def=daily,
    backfill_policy=one_partition_per_run,
    description="Fetches the feeds of sources.yml and saves each new item's page into the landing folder.",
)
def feed_pages(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    cfg = settings()
    sources, refused = load_sources(cfg.sources)
    report = fetch_feeds(sources, cfg.landing, cfg.feeds)
    report.rejects[:0] = refused
    record_failures(cfg.feeds, partition_day(context), report.rejects)
    for row in report.rejects:
        context.log.warning(f"{row['reason']}: {row['detail']}")
    return dg.MaterializeResult(metadata={
        "feeds": len(sources), "feeds_failed": report.feeds_failed, "not_modified": report.not_modified,
        "pages": len(report.pages), "items_skipped": report.items_skipped, "rejects": len(report.rejects),
        "sources": str(cfg.sources),
    })


@dg.multi_asset(
    name="raw_articles",
    specs=[dg.AssetSpec(lake_key(t), deps=[FEED_PAGES], group_name="lake", kinds={"python", "parquet"})
           for t in INGESTED],
    partitions_def=daily,
    backfill_policy=one_partition_per_run,
    description="Ingests the landing folder's new and changed files: cleaned articles (copies marked) and rejects.",
)
def raw_articles(context: dg.AssetExecutionContext):
    day = partition_day(context)
    cfg = settings()
    done = ingest_day(cfg.landing, cfg.lake, cfg.manifests, day, cfg.max_bytes, read_failures(cfg.feeds, day))
    context.log.info(f"{done.files_read} files read, {done.files_unchanged} unchanged; {done.articles} articles "
                     f"({done.duplicates} copies), {done.rejects} rejects {dict(done.reasons)}")
    yield dg.MaterializeResult(asset_key=lake_key("articles"), metadata={
        "dagster/row_count": done.articles, "preview": markdown_preview(done.preview, PREVIEW_COLUMNS["articles"]),
        "duplicates": done.duplicates, "files_read": done.files_read, "files_unchanged": done.files_unchanged,
        "already_in_lake": done.known, "rejects": done.rejects,
        "manifest": str(manifest_dir(cfg.manifests, day).relative_to(cfg.data_dir)),
    })
    yield dg.MaterializeResult(asset_key=lake_key("rejects"), metadata={
        "dagster/row_count": done.rejects, "reasons": dg.MetadataValue.json(dict(done.reasons))})


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
    try:
        done = extract_partition(cfg.lake, day, model_name=cfg.spacy_model, workers=cfg.workers)
    except ExtractionError as exc:
        raise dg.Failure(str(exc)) from exc
    context.log.info(f"{done.articles} articles in ({done.copies} copies, {done.reused} reusing an earlier day's "
                     "rows); " + ", ".join(f"{done.rows[name]} {name}" for name in EXTRACTED) + " out")
    for name in EXTRACTED:
        yield dg.MaterializeResult(asset_key=lake_key(name), metadata={
            **rows_metadata(done.rows[name], done.preview[name], PREVIEW_COLUMNS[name]),
            "articles_in": done.articles})
