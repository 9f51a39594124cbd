"""`newsetl run`: materialize the whole asset graph for one daily partition, in this process.

Before running, the Dagster instance is made usable whatever happened before:
`DAGSTER_HOME` gets the project's `dagster.yaml`, runs of this host whose process
is gone are marked failed, and pool slots held by finished runs are freed (a run
killed mid-way would otherwise block the `duckdb` pool forever: no daemon runs here).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

from pipelines.config import REPO_ROOT, settings
from pipelines.lake import Lake

JOB_NAME = "nightly_job"
SUMMARY_TABLES = ("articles", "rejects", "participants", "events", "quotes")
TOP_SPEAKERS = 5
HOST_TAG, PID_TAG = "newsetl/host", "newsetl/pid"
RUN_CONFIG = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
UNFINISHED = [DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.STARTED,
              DagsterRunStatus.CANCELING]


class RunFailed(RuntimeError):
    """The Dagster run of a partition did not succeed."""


@dataclass(frozen=True)
class RunSummary:
    """What one `newsetl run` produced: partition counts and the warehouse's top speakers."""

    day: date
    run_id: str
    warehouse: Path
    counts: dict[str, int] = field(default_factory=dict)
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    digest: Path | None = None


def ensure_dagster_home() -> Path:
    """Create DAGSTER_HOME with the project's dagster.yaml if it has none."""
    home = settings().dagster_home
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    return home


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_instance(instance: DagsterInstance) -> list[str]:
    """Fail this host's unfinished runs whose process is gone; free pool slots of runs no longer running."""
    failed = []
    for run in instance.get_runs(filters=RunsFilter(statuses=UNFINISHED, tags={HOST_TAG: socket.gethostname()})):
        pid = int(run.tags.get(PID_TAG, "0"))
        if pid != os.getpid() and not _process_alive(pid):
            instance.report_run_failed(run, f"process {pid} ended without finishing the run")
            failed.append(run.run_id)
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        for run_id in storage.get_concurrency_run_ids():
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished:
                storage.free_concurrency_slots_for_run(run_id)
    return failed


@contextmanager
def partition_lock(home: Path, day: date) -> Iterator[None]:
    """One `newsetl run` per partition at a time; the OS drops the lock when a process dies."""
    path = home / "locks" / f"{day.isoformat()}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def partition_counts(day: date) -> dict[str, int]:
    lake = Lake(settings().lake)
    counts = {}
    for table in SUMMARY_TABLES:
        path = lake.part_file(table, day)
        counts[table] = lake.num_rows(path) if lake.exists(path) else 0
    return counts


def top_speakers(warehouse: Path, limit: int = TOP_SPEAKERS) -> list[tuple[str, int]]:
    """(name, quotes) from `mart_speakers`, read-only; empty when the mart is missing or empty."""
    if not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(
                "select coalesce(name, actor_id), n_quotes from mart_speakers"
                " order by n_quotes desc, name limit ?", [limit]).fetchall()
    except duckdb.Error:
        return []


def run_partition(day: date) -> RunSummary:
    """Ingest, extract and build the warehouse for `day`; raises RunFailed if the run fails."""
    from pipelines.defs.partitions import daily, today

    if not daily.has_partition_key(day.isoformat()):
        raise RunFailed(f"{day} is not a partition: days run from {daily.get_first_partition_key()} to {today()}")
    home = ensure_dagster_home()
    with partition_lock(home, day), DagsterInstance.from_config(str(home)) as instance:
        recover_instance(instance)
        from pipelines.definitions import defs  # imports the dbt project, parsing its manifest if needed

        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            instance=instance, partition_key=day.isoformat(), raise_on_error=False, run_config=RUN_CONFIG,
            tags={HOST_TAG: socket.gethostname(), PID_TAG: str(os.getpid())},
        )
    if not result.success:
        failures = [f"{e.step_key}: {e.step_failure_data.error.message.strip()}" for e in result.all_events
                    if e.is_step_failure and e.step_failure_data.error]
        raise RunFailed(f"run {result.run_id} for {day} failed:\n" + "\n".join(failures))
    warehouse, digest = settings().warehouse, settings().reports / f"{day.isoformat()}.html"
    return RunSummary(day, result.run_id, warehouse, partition_counts(day), top_speakers(warehouse),
                      digest if digest.exists() else None)


def format_summary(summary: RunSummary) -> str:
    """The text `newsetl run` prints: the warehouse path first, then counts and top speakers."""
    lines = [f"warehouse: {summary.warehouse}", f"partition {summary.day.isoformat()} (run {summary.run_id[:8]})"]
    if summary.digest is not None:
        lines.append(f"digest: {summary.digest}")
    width = max(map(len, summary.counts), default=0)
    lines += [f"  {name:<{width}}  {n:>6}" for name, n in summary.counts.items()]
    if summary.top_speakers:
        lines.append("top speakers:")
        lines += [f"  {name} ({n} quote{'' if n == 1 else 's'})" for name, n in summary.top_speakers]
    else:
        lines.append("top speakers: none yet")
    return "\n".join(lines)
