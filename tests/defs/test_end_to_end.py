"""`run_partition` end to end: landing files -> lake -> dbt warehouse, twice, with identical lake rows."""
import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipelines.lake import partition_file
from pipelines.runner import format_summary, run_partition
from pipelines.tables import TABLE_NAMES
from tests.conftest import warehouse_digest

DAY = date(2024, 1, 2)
ARTICLE = """South Korea and US agree to hold more talks on North Korea

SEOUL, Jan. 2 (Yonhap) -- South Korean Foreign Minister Park Jin met U.S. Deputy Secretary of State \
Wendy Sherman in Seoul on Tuesday and agreed to hold more talks on North Korea.
"We will continue to work closely together," Sherman told reporters after the meeting.
"""
FEED = [
    {"title": "Japan protests Chinese ships near islands", "source": "Kyodo", "published_at": "2024-01-02T09:00:00+09:00",
     "text": "Japan lodged a protest with China on Tuesday after Chinese coast guard ships entered waters near the islands."},
    "{not json",
    {"title": "Germany sends aid to Ukraine", "source": "DW",
     "text": "Germany said on Tuesday it would send more humanitarian aid to Ukraine, the foreign ministry said."},
]


def write_landing(landing: Path) -> None:
    (landing / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (landing / "talks.meta.json").write_text(json.dumps(
        {"url": "https://example.com/talks", "source": "Yonhap", "published_at": "2024-01-02T10:00:00+09:00",
         "language": "en"}), encoding="utf-8")
    lines = [item if isinstance(item, str) else json.dumps(item) for item in FEED]
    (landing / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (landing / "empty.txt").write_bytes(b"")


def lake_rows(lake: Path) -> dict[str, list[str]]:
    """Every table's partition rows, as sorted JSON strings (a row set)."""
    return {t: sorted(json.dumps(r, sort_keys=True, default=str)
                      for r in pq.read_table(partition_file(lake, t, DAY)).to_pylist())
            for t in TABLE_NAMES}


def test_run_partition_twice(newsetl_env):
    write_landing(newsetl_env / "landing")
    summary = run_partition(DAY)

    lake = newsetl_env / "lake"
    first = lake_rows(lake)
    assert len(first["articles"]) == 3
    rejects = {(r["source_uri"], r["reason"]) for r in map(json.loads, first["rejects"])}
    assert rejects == {("empty.txt", "empty"), ("feed.jsonl#L2", "bad_json")}
    manifest = pq.read_table(newsetl_env / "manifests" / f"ingest_date={DAY}" / "files.parquet").to_pylist()
    assert [(m["path"], m["articles"], m["rejects"]) for m in manifest] == [
        ("empty.txt", 0, 1), ("feed.jsonl", 2, 1), ("talks.txt", 1, 0)]

    warehouse = newsetl_env / "warehouse.duckdb"
    assert summary.warehouse == warehouse and warehouse.exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(events,)] = con.execute("select count(*) from fct_events").fetchall()
        pair = con.execute("select n_articles, n_events from mart_actor_cooccurrence "
                           "where name_a = 'Park Jin' and name_b = 'Wendy Sherman' "
                           "or name_a = 'Wendy Sherman' and name_b = 'Park Jin'").fetchall()
        [(history,)] = con.execute("select title_history from dim_actors where name = 'Wendy Sherman'").fetchall()
    assert events == summary.counts["events"] == len(first["events"])
    assert pair == [(1, 1)]  # the meeting in Seoul links both
    assert history == [{"title": "Deputy Secretary of State", "first_seen": DAY, "last_seen": DAY}]
    assert summary.counts["articles"] == 3 and summary.counts["rejects"] == 2
    assert format_summary(summary).splitlines()[0] == f"warehouse: {warehouse}"

    marts = warehouse_digest(warehouse)
    second = run_partition(DAY)
    assert second.run_id != summary.run_id
    assert lake_rows(lake) == first
    assert warehouse_digest(warehouse) == marts  # every staging view and mart unchanged
