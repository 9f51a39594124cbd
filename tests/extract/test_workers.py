"""Extraction in worker processes, local or on a Dask cluster, gives the rows of one process, row for row;
so does the streamed extraction of a lake partition."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.config import REPO_ROOT
import pyarrow.parquet as pq

from pipelines.extract import extract_tables
from pipelines.extract.partition import extract_partition
from pipelines.extract.workers import BATCH_ARTICLES
from pipelines.ids import stable_id
from pipelines.ingest import ingest_paths
from pipelines.lake import partition_file, write_partition
from pipelines.tables import EXTRACTED_TABLES, SCHEMAS, to_table

DAY = date(2024, 1, 2)


def _distinct_articles() -> list[dict]:
    """More than one batch of distinct texts, made from the samples."""
    samples = ingest_paths([REPO_ROOT / "data" / "samples"], DAY, 1 << 20).articles
    articles = []
    for n in range(BATCH_ARTICLES + 8):
        article = dict(samples[n % len(samples)])
        article["text"] += f"\nThe ministry said on Monday that talks would resume in round {n}."
        article["article_id"], article["content_hash"] = f"{article['article_id']}-{n}", None
        articles.append(article)
    return articles


def test_two_workers_give_the_rows_of_one_process():
    articles = _distinct_articles()
    one = extract_tables(articles)
    assert one["quotes"] and one["events"]
    assert extract_tables(articles, workers=2) == one


def test_a_dask_cluster_gives_the_rows_of_one_process(monkeypatch):
    from distributed import LocalCluster

    articles = _distinct_articles()
    one = extract_tables(articles)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        monkeypatch.setenv("NEWSETL_DASK_SCHEDULER", cluster.scheduler_address)
        assert extract_tables(articles) == one


def test_a_streamed_partition_holds_the_rows_of_one_process_copies_included(tmp_path):
    articles = _distinct_articles()
    articles[0]["text"] = "Vice Minister Oh Y?ng-ju said the talks would go on.\n" + articles[0]["text"]
    articles[1]["text"] += "\nVice Foreign Minister Oh Yong-ju said the talks would go on."
    for article in articles:  # as ingest sets it
        article["content_hash"] = stable_id(article["text"])
    copy = dict(articles[1], article_id="copy-of-1", source_uri="copy.json", duplicate_of=articles[1]["article_id"])
    articles.append(copy)
    write_partition(tmp_path, "articles", DAY, articles)
    in_memory = extract_tables([{**a, "ingest_date": DAY} for a in articles])
    done = extract_partition(tmp_path, DAY, workers=2)
    assert (done.articles, done.copies) == (len(articles), 1)
    for name in EXTRACTED_TABLES:
        key = SCHEMAS[name].names[:2]
        written = pq.read_table(partition_file(tmp_path, name, DAY))
        expected = to_table(name, in_memory[name]).select(written.column_names).to_pylist()  # float32 as stored
        assert sorted(written.to_pylist(), key=lambda r: [r[k] for k in key]) == \
               sorted(expected, key=lambda r: [r[k] for k in key]), name
        assert done.rows[name] == written.num_rows
    quotes = Path(partition_file(tmp_path, "quotes", DAY))
    assert list(quotes.parent.iterdir()) == [quotes]  # no staged file left
    people = {(r["article_id"], r["name"]) for r in in_memory["participants"] if r["kind"] == "person"}
    assert (articles[0]["article_id"], "Oh Yong-ju") in people  # the lost letter, resolved by another article
    assert ("copy-of-1", "Oh Yong-ju") in people
