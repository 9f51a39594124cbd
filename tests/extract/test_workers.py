"""Extraction in worker processes, local or on a Dask cluster, gives the rows of one process, row for row."""
from __future__ import annotations

from datetime import date

from pipelines.config import REPO_ROOT
from pipelines.extract import extract_tables
from pipelines.extract.workers import BATCH_ARTICLES
from pipelines.ingest import ingest_paths


def _distinct_articles() -> list[dict]:
    """More than one batch of distinct texts, made from the samples."""
    samples = ingest_paths([REPO_ROOT / "data" / "samples"], date(2024, 1, 2), 1 << 20).articles
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
