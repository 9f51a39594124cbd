"""`newsetl run` killed with SIGKILL during ingest, during extraction and during `dbt build`, then run
again: the lake and the warehouse equal those of a run that was never interrupted."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from pipelines.bench.ingest import make_landing
from pipelines.config import REPO_ROOT
from pipelines.lake import PART_FILE, partition_file
from pipelines.tables import TABLE_NAMES
from tests.conftest import rows_digest, warehouse_digest

DAY = date(2024, 1, 2)
NEWSETL = str(Path(sys.executable).with_name("newsetl"))
DEADLINE = 120  # seconds a stage may take before the test gives up waiting for it


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSETL_", "DAGSTER_"))}
    return {**env, "NEWSETL_DATA_DIR": str(data), "DAGSTER_HOME": str(data / ".dagster"),
            "NEWSETL_SOURCES": str(data / "no-sources.yml")}


def _landing(data: Path) -> None:
    """200 files (the shipped samples, cycled under new names): long enough to kill the ingest mid-way."""
    make_landing(REPO_ROOT / "data" / "samples", data / "landing", 200)


def _run(data: Path) -> None:
    subprocess.run([NEWSETL, "run", "--date", DAY.isoformat()], env=_env(data), check=True, capture_output=True, timeout=600)


def _run_and_kill(data: Path, ready) -> None:
    """Start `newsetl run` in its own process group and SIGKILL the whole group once `ready()` holds."""
    proc = subprocess.Popen([NEWSETL, "run", "--date", DAY.isoformat()], env=_env(data), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while not ready():
            assert proc.poll() is None, "the run ended before the point where it was to be killed"
            assert time.monotonic() - started < DEADLINE, "the run never reached the point where it was to be killed"
            time.sleep(0.005)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _exists_since(path: Path, since: float) -> bool:
    try:
        return path.stat().st_mtime >= since
    except FileNotFoundError:
        return False


def _seconds_later(seconds: float) -> bool:
    """Wait, then say yes: the dbt build starts right after the lake is written and takes longer than this."""
    time.sleep(seconds)
    return True


def _digest(data: Path) -> dict[str, str]:
    """A content hash of every lake table's partition and of every model in the warehouse."""
    lake = {f"lake.{table}": rows_digest(pq.read_table(partition_file(data / "lake", table, DAY)).to_pylist())
            for table in TABLE_NAMES}
    return {**lake, **warehouse_digest(data / "warehouse.duckdb")}


def test_killed_runs_leave_nothing_partial_and_a_rerun_gives_the_uninterrupted_result(tmp_path):
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    for data in (clean, crashed):
        _landing(data)
    _run(clean)
    expected = _digest(clean)
    assert len(expected) > len(TABLE_NAMES)  # the marts are there too

    lake = crashed / "lake"
    articles = Path(partition_file(lake, "articles", DAY)).parent
    links = Path(partition_file(lake, "event_participants", DAY)).parent
    # 1. during ingest: the day's articles are being staged, nothing is in the partition yet
    _run_and_kill(crashed, lambda: any(articles.glob(f".{PART_FILE}.*.tmp")))
    assert not (articles / PART_FILE).exists()
    # 2. during extraction: the articles partition is written, the extracted tables are not
    since = time.time()
    _run_and_kill(crashed, lambda: _exists_since(articles / PART_FILE, since))
    assert not (links / PART_FILE).exists()
    # 3. during dbt build: the lake is complete, the warehouse is being built
    since = time.time()
    _run_and_kill(crashed, lambda: _exists_since(links / PART_FILE, since) and _seconds_later(3))
    _run(crashed)
    assert _digest(crashed) == expected
    leftovers = [p for p in lake.rglob("*") if p.is_file() and p.name != PART_FILE]
    assert leftovers == []  # no temporary or staged file is left behind in the lake
