"""The one `Definitions` of newsetl: assets, checks, job, schedule, sensor and resources."""
from __future__ import annotations

import dagster as dg

from pipelines.defs.assets import extraction, feed_pages, raw_articles
from pipelines.defs.checks import extraction_checks, ingest_checks
from pipelines.defs.dbt import warehouse
from pipelines.defs.jobs import nightly_job
from pipelines.defs.reports import digest
from pipelines.defs.resources import dbt_resource
from pipelines.defs.schedules import nightly_schedule
from pipelines.defs.sensors import landing_sensor

defs = dg.Definitions(
    assets=[feed_pages, raw_articles, extraction, warehouse, digest],
    asset_checks=[ingest_checks, extraction_checks],
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[landing_sensor],
    resources={"dbt": dbt_resource},
)
