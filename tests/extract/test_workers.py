"""Extraction in worker processes gives the rows of one process, row for row."""
from __future__ import annotations

from datetime import date

from pipelines.config import REPO_ROOT
from pipelines.extract import extract_tables
from pipelines.extract.workers import BATCH_ARTICLES
from pipelines.ingest import ingest_paths


def test_two_workers_give_the_rows_of_one_process():
    samples = ingest_paths([REPO_ROOT / "data" / "samples"], date(2024, 1, 2), 1 << 20).articles
    articles = []
    for n in range(BATCH_ARTICLES + 8):  # more than one batch of distinct texts
        article = dict(samples[n % len(samples)])
        article["text"] += f"\nThe ministry said on Monday that talks would resume in round {n}."
        article["article_id"], article["content_hash"] = f"{article['article_id']}-{n}", None
        articles.append(article)
    one = extract_tables(articles)
    assert one["quotes"] and one["events"]
    assert extract_tables(articles, workers=2) == one
