"""The lake at a URI: ingest, extraction and the assets write and read it through its filesystem, with
the same rows as a local folder."""
from __future__ import annotations

import uuid
from datetime import date

import dagster as dg
import pyarrow as pa
import pyarrow.fs as pafs

from pipelines.config import REPO_ROOT
from pipelines.defs.assets import extraction, raw_articles
from pipelines.extract.partition import extract_partition
from pipelines.ingest.landing import ingest_day
from pipelines.lake import Lake, read_table, write_atomic
from pipelines.tables import TABLE_NAMES
from tests.conftest import rows_digest

DAY = date(2024, 1, 2)
SAMPLES = REPO_ROOT / "data" / "samples"


def _build(lake, tmp_path, name: str) -> dict[str, str]:
    ingest_day(SAMPLES, lake, tmp_path / name / "manifests", DAY, 1 << 20)
    extract_partition(lake, DAY)
    return {table: rows_digest(read_table(lake, table).to_pylist()) for table in TABLE_NAMES}


def test_a_lake_at_a_uri_holds_the_rows_of_a_local_lake(tmp_path):
    uri = f"memory://newsetl-{uuid.uuid4().hex}/lake"
    remote = _build(uri, tmp_path, "remote")
    assert remote == _build(tmp_path / "lake", tmp_path, "local")
    lake = Lake(uri)
    assert lake.part_files("quotes") == [f"{lake.root}/quotes/ingest_date=2024-01-02/part-0.parquet"]
    texts = {r["article_id"]: r["text"] for r in read_table(uri, "articles").to_pylist()}
    quotes = read_table(uri, "quotes").to_pylist()
    assert quotes and all(texts[q["article_id"]][q["start_char"]:q["end_char"]] == q["text"] for q in quotes)


def test_a_write_to_a_uri_lake_replaces_the_file_and_leaves_no_temporary():
    lake = Lake(f"memory://newsetl-{uuid.uuid4().hex}/lake")
    path = lake.part_file("rejects", DAY)
    write_atomic(pa.table({"x": [1]}), path, lake)
    write_atomic(pa.table({"x": [2, 3]}), path, lake)
    assert lake.read(path).column("x").to_pylist() == [2, 3]
    folder = lake.fs.get_file_info(pafs.FileSelector(lake.partition("rejects", DAY)))
    assert [f.base_name for f in folder] == ["part-0.parquet"]


def test_the_assets_write_a_lake_at_a_uri(newsetl_env, monkeypatch):
    uri = f"memory://newsetl-{uuid.uuid4().hex}/lake"
    monkeypatch.setenv("NEWSETL_LAKE", uri)
    articles = [p for p in SAMPLES.iterdir() if p.suffix in {".json", ".jsonl", ".txt"} and ".meta" not in p.name]
    for path in SAMPLES.iterdir():
        (newsetl_env / "landing" / path.name).write_bytes(path.read_bytes())
    assert dg.materialize([raw_articles, extraction], partition_key=DAY.isoformat()).success
    files = {uri_.split("#")[0] for uri_ in read_table(uri, "articles").column("source_uri").to_pylist()}
    assert files == {p.name for p in articles}
    assert read_table(uri, "participants").num_rows > 0
    assert not (newsetl_env / "lake").exists()  # nothing went to the local default
