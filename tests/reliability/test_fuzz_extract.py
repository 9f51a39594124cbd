"""Property tests of the extractors: hostile article texts never raise, every span slices the text
exactly, and the same articles give the same rows."""
from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.extract import extract_tables
from pipelines.ingest import ingest_paths

DAY = date(2024, 1, 2)
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
# Pieces of news text and of everything that breaks naive quote and name rules: quotation marks of every
# style, unbalanced and nested; apostrophes; names with lost letters; titles; RTL text, emoji, controls
PIECES = ["The minister said", "said", "told reporters", "according to", "Kim Jong Un", "Ant?nio Guterres",
          "Foreign Minister Park Jin", "the spokesperson", "he", "they", "North Korea", "condemned the launch",
          "will meet in Tokyo on Monday", "last week", "on the 4th", "“", "”", "‘", "’", '"', "'", "«", "»",
          "„", "「", "」", "Clinton's", "'90s", "don't", ":", ",", ".", "!", "?", "--", "(", ")", "\n", "\n\n",
          "مرحبا", "👍", "e\u0301", "\u202e", "  ", "A", "of", "and", "the", "missile"]
ARTICLE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map(" ".join)


def _articles(bodies: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        lines = [json.dumps({"title": body[:40] or "T", "text": body, "published_at": "2024-01-02T09:00:00+09:00"})
                 for body in bodies]
        (Path(tmp) / "fuzz.jsonl").write_text("\n".join(lines), encoding="utf-8")
        return ingest_paths([Path(tmp)], DAY, 1 << 20).articles


def _check_spans(tables: dict[str, list[dict]], texts: dict[str, str]) -> None:
    for q in tables["quotes"]:
        assert texts[q["article_id"]][q["start_char"]:q["end_char"]] == q["text"]
        if q["speaker_start"] is not None:
            assert 0 <= q["speaker_start"] < q["speaker_end"] <= len(texts[q["article_id"]])
    for e in tables["events"]:
        assert texts[e["article_id"]][e["start_char"]:e["end_char"]] == e["trigger"]
    for p in tables["participants"]:
        assert 0 <= p["first_start"] < p["first_end"] <= len(texts[p["article_id"]])
    ids = {"quotes": "quote_id", "events": "event_id", "participants": "participant_id"}
    for table, column in ids.items():
        assert len({r[column] for r in tables[table]}) == len(tables[table])


@FUZZ
@given(bodies=st.lists(ARTICLE, min_size=1, max_size=4))
def test_hostile_articles_give_exact_spans_and_the_same_rows_twice(bodies):
    articles = _articles(bodies)
    tables = extract_tables(articles)
    _check_spans(tables, {a["article_id"]: a["text"] for a in articles})
    assert extract_tables(articles) == tables


def test_a_one_megabyte_paragraph_is_extracted_with_exact_spans(tmp_path):
    sentence = ('Foreign Minister Park Jin said "the talks in Seoul will continue" and condemned the launch. ')
    [article] = _articles([sentence * (1_000_000 // len(sentence))])
    assert len(article["text"]) > 990_000
    tables = extract_tables([article])
    _check_spans(tables, {article["article_id"]: article["text"]})
    assert len(tables["quotes"]) > 1000
