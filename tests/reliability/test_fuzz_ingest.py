"""Property tests of the readers: any bytes, any Unicode, any size give articles or rejects, never an
exception, with deterministic ids, and every input accounted for."""
from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingest import ingest_paths
from pipelines.ingest.landing import source_file
from pipelines.lake import write_partition

DAY = date(2024, 1, 2)
CAP = 5 * 1024 * 1024
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".json", ".jsonl", ".html", ".htm", ".warc", ".warc.gz", ".xml", ""]
# Text that stresses readers: RTL and bidi controls, emoji and ZWJ, combining marks, control characters
SPECIAL = ["\u202e", "\u200f", "مرحبا", "שלום", "👩\u200d👩\u200d👧", "e\u0301", "\u0000", "\x07", "\r", "\ufeff",
           "“", "”", "«", "»", "‘", "’", '"', "'", "「", "」", "?", "\n\n", " -- ", "Kim Jong Un", "said"]
UNICODE = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(SPECIAL)), max_size=60).map("".join)


def _ingest_and_store(folder: Path):
    """Ingest twice (ids must not change) and write the rows as a partition (Parquet must take them)."""
    first = ingest_paths([folder], DAY, CAP)
    second = ingest_paths([folder], DAY, CAP)
    assert [a["article_id"] for a in first.articles] == [a["article_id"] for a in second.articles]
    assert first.rejects == second.rejects
    write_partition(folder / ".lake", "articles", DAY, first.articles)
    write_partition(folder / ".lake", "rejects", DAY, first.rejects)
    return first


def _accounted(out, files: set[str]) -> None:
    sources = {source_file(r["source_uri"]) for r in out.articles + out.rejects}
    assert sources == files
    for article in out.articles:
        assert article["text"].startswith(article["title"] + "\n\n") and len(article["text"]) > len(article["title"]) + 2


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=3000))
def test_any_bytes_under_any_name_is_an_article_or_a_reject(suffix, data):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"input{suffix}").write_bytes(data)
        _accounted(_ingest_and_store(Path(tmp)), {f"input{suffix}"})


@FUZZ
@given(title=UNICODE, text=UNICODE, surrogate=st.sampled_from(["", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000"]))
def test_json_with_any_unicode_and_lone_surrogate_escapes(title, text, surrogate):
    body = json.dumps({"title": title, "text": text, "source": title})[:-1] + f', "byline": "A{surrogate}B"}}'
    body = body.replace('"text": "', f'"text": "{surrogate}', 1)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.json").write_text(body, encoding="utf-8")
        (Path(tmp) / "b.txt").write_text(f"{title}\n{text}", encoding="utf-8", errors="surrogatepass")
        out = _ingest_and_store(Path(tmp))
        _accounted(out, {"a.json", "b.txt"})
        for article in out.articles:
            assert "\x00" not in article["text"] and not any("\ud800" <= ch <= "\udfff" for ch in article["text"])


@FUZZ
@given(lines=st.lists(st.one_of(UNICODE.map(lambda t: json.dumps({"title": "T", "text": t})), UNICODE), max_size=30))
def test_jsonl_lines_are_each_an_article_or_a_reject(lines):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        out = _ingest_and_store(Path(tmp))
        text = "\n".join(lines).removeprefix("\ufeff")  # a byte order mark opening the file is not content
        records = [f"feed.jsonl#L{n}" for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        found = sorted(r["source_uri"] for r in out.articles + out.rejects)
        if found == ["feed.jsonl"]:  # the file as a whole is refused: white space only, or mostly NUL bytes
            assert [r["reason"] for r in out.rejects] == ["empty" if not records else "binary"]
        else:
            assert found == sorted(records)


def test_ten_thousand_tiny_articles_in_one_jsonl(tmp_path):
    lines = [json.dumps({"title": f"Note {i}", "text": f"Item {i}."}) for i in range(10_000)]
    (tmp_path / "tiny.jsonl").write_text("\n".join(lines))
    out = ingest_paths([tmp_path], DAY, CAP)
    assert len(out.articles) + len(out.rejects) == 10_000
    assert len({a["article_id"] for a in out.articles}) == len(out.articles)


def test_a_one_megabyte_paragraph_and_a_page_of_punctuation(tmp_path):
    sentence = "The minister said the talks in Seoul would continue next week. "
    (tmp_path / "huge.txt").write_text("Long\n" + sentence * (1_000_000 // len(sentence)))
    (tmp_path / "dots.txt").write_text("...\n" + "?!.,;:-–—“”'\"()[]{}…" * 200)
    by_uri = {a["source_uri"]: a for a in _ingest_and_store(tmp_path).articles}
    assert len(by_uri["huge.txt"]["text"]) > 990_000
    assert by_uri["dots.txt"]["title"] == "..."
