"""The dbt models as Dagster assets: `dbt build` of the warehouse for a partition's window."""

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.config import settings
from pipelines.defs.partitions import daily, one_partition_per_run
from pipelines.defs.project import dbt_project

DUCKDB_POOL = "duckdb"  # every DuckDB writer; dagster.yaml limits each pool to one step at a time


def dbt_vars(window: dg.TimeWindow) -> dict[str, str]:
    """The dbt `--vars` of a partition window (max exclusive), as `dbt_project.yml` declares them."""
    return {"min_date": window.start.strftime("%Y-%m-%d"), "max_date": window.end.strftime("%Y-%m-%d")}


@contextmanager
def newsetl_env() -> Iterator[None]:
    """Give dbt (a subprocess reading env_var()) the absolute lake and warehouse paths of `settings()`."""
    cfg = settings()
    wanted = {"NEWSETL_DATA_DIR": str(cfg.data_dir), "NEWSETL_WAREHOUSE": str(cfg.warehouse), "NEWSETL_LAKE": cfg.lake}
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class WarehouseTranslator(DagsterDbtTranslator):
    """The dbt models form the UI's "warehouse" group (dbt's own groups, where a model has one, win)."""

    def get_group_name(self, dbt_resource_props) -> str | None:
        return super().get_group_name(dbt_resource_props) or "warehouse"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, partitions_def=daily,
            backfill_policy=one_partition_per_run, pool=DUCKDB_POOL, name="warehouse",
            dagster_dbt_translator=WarehouseTranslator())
def warehouse(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    cfg = settings()
    cfg.warehouse.parent.mkdir(parents=True, exist_ok=True)
    args = ["build", "--vars", json.dumps(dbt_vars(context.partition_time_window))]
    with newsetl_env():
        invocation = dbt.cli(args, context=context)
        yield from invocation.stream()
    shutil.rmtree(invocation.target_path, ignore_errors=True)  # artifacts of failed builds stay for debugging
