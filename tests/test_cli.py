"""The `newsetl` command as users call it."""
from __future__ import annotations

import json

import duckdb

from pipelines.cli import format_table, main


def test_query_refuses_writes(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(tmp_path / "wh.duckdb"))
    assert main(["query", "drop table fct_events"]) == 2
    assert "read-only" in capsys.readouterr().err


def test_query_prints_a_table(monkeypatch, tmp_path, capsys):
    wh = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(wh))
    con.execute("create table mart_speakers as select 'Wendy Sherman' as name, 3 as n_quotes")
    con.close()
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(wh))
    assert main(["query", "select * from mart_speakers"]) == 0
    assert capsys.readouterr().out.splitlines() == ["name          | n_quotes", "--------------+---------",
                                                   "Wendy Sherman | 3"]


def test_query_without_warehouse_says_what_to_do(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(tmp_path / "missing.duckdb"))
    assert main(["query", "select 1"]) == 1
    assert "newsetl run" in capsys.readouterr().err


def test_extract_twice_gives_identical_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Blinken Calls Wang\nU.S. Secretary of State Antony Blinken spoke with Wang Yi "
                               "on Thursday, the State Department said.\n")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert main(["extract", str(src), "--out", str(out), "--date", "2024-01-02"]) == 0
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1]


def test_format_table_empty_result():
    assert format_table(["a"], []) == "a\n-"


def test_query_prints_csv_and_json_for_pipes(monkeypatch, tmp_path, capsys):
    wh = tmp_path / "wh.duckdb"
    with duckdb.connect(str(wh)) as con:
        con.execute("create table mart_speakers as select * from (values ('Wendy Sherman', 3, date '2022-10-04'), "
                    "('Park, Jin', 2, null)) t(name, n_quotes, last_seen)")
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(wh))
    assert main(["query", "select * from mart_speakers order by n_quotes desc", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["name,n_quotes,last_seen", "Wendy Sherman,3,2022-10-04",
                                                   '"Park, Jin",2,']
    assert main(["query", "select * from mart_speakers order by n_quotes desc", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"name": "Wendy Sherman", "n_quotes": 3, "last_seen": "2022-10-04"},
        {"name": "Park, Jin", "n_quotes": 2, "last_seen": None}]
