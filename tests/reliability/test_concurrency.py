"""Two runs of one partition wait for each other; a reader of a warehouse being written gets an answer or a
clear message, and the file survives its writer being killed."""
from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date

from pipelines.cli import main
from pipelines.runner import partition_lock

HOLD_WRITER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("create or replace table mart_speakers as select 'Wendy Sherman' as name, 3 as n_quotes")
con.execute("begin; insert into mart_speakers values ('half written', 0)")
print("holding", flush=True)
sys.stdin.read()
"""
HOLD_LOCK = """
import sys
from datetime import date
from pathlib import Path
from pipelines.runner import partition_lock
with partition_lock(Path(sys.argv[1]), date(2024, 1, 2)):
    print("locked", flush=True)
    sys.stdin.readline()
    Path(sys.argv[2]).write_text("released")
"""


def test_a_reader_gets_a_clear_message_while_a_writer_holds_the_warehouse(tmp_path, monkeypatch, capsys):
    warehouse = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(warehouse))
    writer = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(warehouse)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "holding"
    assert main(["query", "select count(*) from mart_speakers"]) == 1
    assert "the warehouse is busy" in capsys.readouterr().err
    writer.send_signal(signal.SIGKILL)  # the writer dies mid-transaction, as a killed dbt build would
    writer.wait()
    assert main(["query", "select name, n_quotes from mart_speakers"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == ["Wendy Sherman | 3"]  # committed rows only


def test_two_runs_of_one_partition_do_not_interleave(tmp_path):
    released = tmp_path / "released"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path), str(released)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.stdin.write("go\n")
    holder.stdin.flush()
    with partition_lock(tmp_path, date(2024, 1, 2)):  # waits for the first run to let go
        assert released.read_text() == "released"
    holder.wait()


def test_a_killed_run_does_not_keep_its_partition_locked(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path), str(tmp_path / "never")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with partition_lock(tmp_path, date(2024, 1, 2)):
        assert not (tmp_path / "never").exists()


def test_a_write_cleans_up_what_a_killed_writer_left(tmp_path):
    import pyarrow as pa

    from pipelines.lake import write_atomic

    target = tmp_path / "part-0.parquet"
    (tmp_path / ".part-0.parquet.abc123.tmp").write_bytes(b"half a parquet file")  # a writer killed mid-write
    write_atomic(pa.table({"x": [1]}), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part-0.parquet"]
