"""The nightly digest asset: `reports/YYYY-MM-DD.html` for the partition, after the warehouse is built."""

import time

import dagster as dg

from pipelines.config import settings
from pipelines.defs.dbt import DUCKDB_POOL
from pipelines.defs.partitions import daily, one_partition_per_run, partition_day
from pipelines.report import write_digest

MODELS_READ = ("stg_articles", "stg_rejects", "stg_participants", "fct_events", "fct_quotes")


@dg.asset(
    key=dg.AssetKey(["reports", "digest"]), deps=[dg.AssetKey(m) for m in MODELS_READ], group_name="reports",
    kinds={"html"}, partitions_def=daily, backfill_policy=one_partition_per_run, pool=DUCKDB_POOL,
    description="The day's digest page: counts, events by quad class, top dyads, most quoted, new actors, "
                "stories reported most widely; self-contained HTML with inline SVG charts.",
)
def digest(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    cfg = settings()
    started = time.perf_counter()
    path, figures = write_digest(cfg.warehouse, cfg.reports, partition_day(context))
    seconds = time.perf_counter() - started
    context.log.info(f"digest written to {path} in {seconds:.1f} s")
    return dg.MaterializeResult(metadata={
        "summary": dg.MetadataValue.md(figures.summary_markdown(path.relative_to(cfg.data_dir))),
        "path": dg.MetadataValue.path(str(path)),
        "articles": figures.articles, "duplicates": figures.duplicates, "rejects": figures.rejects,
        "events": figures.events, "quotes": figures.quotes, "seconds": round(seconds, 2),
    })
