"""Real articles from the shared corpora: no crash, a valid contract, and sensible yield."""
from __future__ import annotations

import itertools
import shutil

import pytest

from pipelines.cli import main
from tests.conftest import CORPORA, load_output, needs

FOLDERS = ("giveme5w1h", "kcna", "bbc_politics")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    needs(CORPORA / "news")
    src = tmp_path_factory.mktemp("corpus_in")
    for folder in FOLDERS:  # 17 articles from each folder, 51 in all
        files = sorted(p for p in (CORPORA / "news" / folder).iterdir() if p.suffix in {".json", ".txt"})
        for path in itertools.islice(files, 0, None, max(1, len(files) // 17)):
            shutil.copy(path, src / f"{folder}_{path.name}")
    out = tmp_path_factory.mktemp("corpus_out")
    assert main(["extract", str(src), "--out", str(out)]) == 0
    return load_output(out)


def test_spans_slice_the_text(corpus):
    texts = {a["article_id"]: a["text"] for a in corpus["articles"]}
    for q in corpus["quotes"]:
        assert texts[q["article_id"]][q["start_char"]:q["end_char"]] == q["text"]
    for e in corpus["events"]:
        assert texts[e["article_id"]][e["start_char"]:e["end_char"]] == e["trigger"]
    for p in corpus["participants"]:
        assert 0 <= p["first_start"] < p["first_end"] <= len(texts[p["article_id"]])


def test_ids_unique_and_one_root_per_article(corpus):
    for table, key in (("articles", "article_id"), ("participants", "participant_id"), ("quotes", "quote_id"),
                       ("events", "event_id")):
        ids = [r[key] for r in corpus[table]]
        assert len(ids) == len(set(ids)), table
    with_events = {e["article_id"] for e in corpus["events"]}
    roots = [e["article_id"] for e in corpus["events"] if e["is_root"]]
    assert sorted(roots) == sorted(with_events)


def test_yield(corpus):
    articles = {a["article_id"] for a in corpus["articles"]}
    assert len(articles) >= 50
    with_person = {p["article_id"] for p in corpus["participants"] if p["kind"] == "person"}
    with_event = {e["article_id"] for e in corpus["events"]}
    with_quote = {q["article_id"] for q in corpus["quotes"]}
    assert len(with_person & with_event) >= 0.8 * len(articles)
    assert len(with_quote) >= 0.7 * len(articles)
