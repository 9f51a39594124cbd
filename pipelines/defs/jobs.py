"""The one job: the whole asset graph (ingest, extraction, dbt) for one daily partition."""
from __future__ import annotations

import dagster as dg

nightly_job = dg.define_asset_job(
    "nightly_job",
    selection=dg.AssetSelection.all(),
    description="Ingest the landing folder, extract, and build the warehouse for one ingest date.",
)
