"""`dbt build` at scale: a lake of at least a million events, two million participants and a million
quotes, made by resampling real extraction output (the articles of a partition copied with their rows
under new ids, the copies spread over 30 daily partitions), and the whole dbt project built on it:
staging, marts and every data test."""
from __future__ import annotations

import math
import os
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines.bench.measure import timed
from pipelines.lake import Lake, write_partition

DAYS = 30
FIRST_DAY = date(2024, 1, 1)
ID_COLUMNS = {
    "articles": ("article_id", "duplicate_of", "content_hash"),
    "participants": ("participant_id", "article_id", "members"),
    "quotes": ("quote_id", "article_id", "speaker_participant_id"),
    "events": ("event_id", "article_id"),
    "event_participants": ("event_id", "participant_id", "article_id"),
}
TARGETS = {"events": 1_000_000, "participants": 2_000_000, "quotes": 1_000_000}


@dataclass(frozen=True)
class WarehouseRun:
    """Rows in the resampled lake and the seconds `dbt build` took on them."""

    rows: dict[str, int]
    seconds: float


def _rekeyed(table: pa.Table, columns: tuple[str, ...], suffix: str) -> pa.Table:
    """The table with every id (and every id in a list column) ending in `suffix`; nulls stay null."""
    for name in columns:
        column = table.column(name).combine_chunks()
        if pa.types.is_list(column.type):
            offsets = pc.subtract(column.offsets, column.offsets[0])
            values = pc.binary_join_element_wise(column.flatten(), suffix, "")
            column = pa.ListArray.from_arrays(offsets, values, mask=column.is_null())
        else:
            column = pc.binary_join_element_wise(column, suffix, "")
        table = table.set_column(table.schema.get_field_index(name), name, column)
    return table


def resample_lake(source_lake: Path, day: date, lake: Path, scale: float = 1.0) -> dict[str, int]:
    """Copy the partition `day` of `source_lake` into `lake`, each copy's ids suffixed, the copies spread
    over DAYS partitions, until every table of TARGETS (times `scale`) has its rows: articles,
    participants, events and their links in every copy (they refer to each other), quotes (which
    nothing refers to) in as many copies as their own target needs. The rows written per table."""
    source = Lake(source_lake)
    tables = {name: source.read(source.part_file(name, day)) for name in ID_COLUMNS}
    needed = {name: math.ceil(scale * target / max(1, tables[name].num_rows)) for name, target in TARGETS.items()}
    copies = max(needed["events"], needed["participants"])
    rows, target = dict.fromkeys(ID_COLUMNS, 0), Lake(lake)
    for copy in range(copies):
        when = FIRST_DAY + timedelta(days=copy % DAYS)
        for name, table in tables.items():
            if name == "quotes" and copy >= needed["quotes"]:
                continue
            folder = Path(target.partition(name, when))
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(_rekeyed(table, ID_COLUMNS[name], f"~{copy}"), folder / f"part-{copy}.parquet",
                           compression="zstd")
            rows[name] += table.num_rows
    write_partition(lake, "rejects", FIRST_DAY, [])  # dbt reads every table of the lake
    return rows


def dbt_build(data_dir: Path) -> float:
    """Seconds of `dbt build` (every model and data test) on `data_dir/lake`, into a warehouse there. The
    project is parsed first, untimed: the scheduled job's dbt starts from the partial parse that
    dagster-dbt copies into each invocation's target folder."""
    from pipelines.defs.project import DBT_PROJECT_DIR, dbt_executable

    env = {**os.environ, "NEWSETL_DATA_DIR": str(data_dir), "NEWSETL_LAKE": str(data_dir / "lake"),
           "NEWSETL_WAREHOUSE": str(data_dir / "warehouse.duckdb")}
    options = ["--profiles-dir", ".", "--target-path", str(data_dir / "dbt_target"),
               "--log-path", str(data_dir / "dbt_logs")]

    def dbt(command: str) -> subprocess.CompletedProcess:
        done = subprocess.run([dbt_executable(), command, *options], cwd=DBT_PROJECT_DIR, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"dbt {command} failed on the resampled lake:\n" + done.stdout[-3000:])
        return done

    dbt("parse")
    return timed(lambda: dbt("build"))[0]


def measure_warehouse(source_lake: Path, day: date, data_dir: Path, scale: float = 1.0) -> WarehouseRun:
    rows = resample_lake(source_lake, day, data_dir / "lake", scale)
    return WarehouseRun(rows, dbt_build(data_dir))
