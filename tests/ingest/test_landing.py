"""A day's ingest from the landing folder: only new or changed files, copies across days, accounting."""
from __future__ import annotations

import json
import os
from datetime import date

import pyarrow.parquet as pq

from pipelines.ingest.landing import MANIFEST_FILE, ingest_day, manifest_dir
from pipelines.lake import read_table

DAY1, DAY2, DAY3 = date(2024, 1, 2), date(2024, 1, 3), date(2024, 1, 4)
CAP = 5 * 1024 * 1024
STORY = ("South Korea, the United States and Japan condemned North Korea's launch of a ballistic missile on "
         "Tuesday. The three deputy foreign ministers held phone calls and agreed to meet in Tokyo later this "
         "month. The launch violated United Nations Security Council resolutions, the ministers said in a joint "
         "statement. Seoul said it would respond firmly to any further provocation by Pyongyang.")


def _write(path, title, text, **meta):
    path.write_text(json.dumps({"title": title, "text": text, **meta}), encoding="utf-8")


def _ingest(tmp_path, day, **kwargs):
    return ingest_day(tmp_path / "landing", tmp_path / "lake", tmp_path / "manifests", day, CAP, **kwargs)


def _articles(tmp_path, day=None):
    rows = read_table(tmp_path / "lake", "articles").to_pylist()
    return {r["source_uri"]: r for r in rows if day is None or r["ingest_date"] == day}


def _landing(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir(exist_ok=True)
    return landing


def test_a_second_night_reads_nothing_and_a_changed_file_is_read_again(tmp_path):
    landing = _landing(tmp_path)
    _write(landing / "a.json", "Allies condemn launch", STORY)
    _write(landing / "b.json", "Storm hits coast", "A storm hit the coast on Monday and two people were hurt.")
    (landing / "empty.txt").write_text("")
    first = _ingest(tmp_path, DAY1)
    assert (first.files_read, first.articles, first.rejects) == (3, 2, 1)
    again = _ingest(tmp_path, DAY2)
    assert (again.files_read, again.files_unchanged, again.articles, again.rejects) == (0, 3, 0, 0)
    os.utime(landing / "a.json")  # touched, same bytes: still not read... by its hash
    _write(landing / "b.json", "Storm hits coast", "A storm hit the coast on Monday and three people were hurt.")
    changed = _ingest(tmp_path, DAY3)
    assert (changed.files_read, changed.files_unchanged, changed.articles) == (1, 2, 1)
    assert "three people" in _articles(tmp_path, DAY3)["b.json"]["text"]
    assert len(_articles(tmp_path, DAY1)) == 2  # the old version stays in its day


def test_rebuilding_a_day_gives_the_same_rows_and_never_marks_them_copies_of_themselves(tmp_path):
    landing = _landing(tmp_path)
    _write(landing / "a.json", "Allies condemn launch", STORY, published_at="2024-01-02T09:00:00+09:00")
    _write(landing / "b.json", "Allies condemn launch", STORY, published_at="2024-01-02T08:00:00+09:00")
    _ingest(tmp_path, DAY1)
    before = pq.read_table(tmp_path / "lake/articles/ingest_date=2024-01-02/part-0.parquet")
    _ingest(tmp_path, DAY2)  # nothing new
    rebuilt = _ingest(tmp_path, DAY1)
    assert rebuilt.articles == 2
    assert pq.read_table(tmp_path / "lake/articles/ingest_date=2024-01-02/part-0.parquet").equals(before)
    rows = _articles(tmp_path, DAY1)
    assert rows["b.json"]["duplicate_of"] is None  # the earlier publication is the original
    assert rows["a.json"]["duplicate_of"] == rows["b.json"]["article_id"]


def test_copies_of_earlier_days_point_to_the_lakes_original(tmp_path):
    landing = _landing(tmp_path)
    _write(landing / "wire.json", "Allies condemn launch", STORY, published_at="2024-01-02T09:00:00+09:00")
    _ingest(tmp_path, DAY1)
    original = _articles(tmp_path)["wire.json"]["article_id"]
    _write(landing / "exact.json", "Allies condemn launch", STORY)
    near = STORY + " Tokyo welcomed the talks."  # another headline, a line added at the end
    _write(landing / "near.json", "US, Japan and South Korea condemn North Korean missile launch", near)
    _write(landing / "other.json", "Storm hits coast", "A storm hit the coast on Monday and two people were hurt.")
    day2 = _ingest(tmp_path, DAY2)
    assert (day2.articles, day2.duplicates) == (3, 2)
    rows = _articles(tmp_path, DAY2)
    assert rows["exact.json"]["duplicate_of"] == original
    assert rows["near.json"]["duplicate_of"] == original
    assert rows["near.json"]["content_hash"] != rows["exact.json"]["content_hash"]
    assert rows["other.json"]["duplicate_of"] is None


def test_a_changed_jsonl_file_adds_only_its_new_lines(tmp_path):
    landing = _landing(tmp_path)
    lines = [json.dumps({"title": f"Story {i}", "text": f"Report number {i} on the talks in Seoul."}) for i in range(3)]
    (landing / "feed.jsonl").write_text("\n".join(lines) + "\n{bad\n")
    _ingest(tmp_path, DAY1)
    lines.append(json.dumps({"title": "Story 3", "text": "Report number 3 on the talks in Seoul."}))
    (landing / "feed.jsonl").write_text("\n".join(lines[:3]) + "\n{bad\n" + lines[3] + "\n")
    day2 = _ingest(tmp_path, DAY2)
    assert (day2.files_read, day2.articles, day2.rejects, day2.known) == (1, 1, 0, 4)
    assert list(_articles(tmp_path, DAY2)) == ["feed.jsonl#L5"]
    [record] = pq.read_table(manifest_dir(tmp_path / "manifests", DAY2) / MANIFEST_FILE).to_pylist()
    assert (record["path"], record["articles"], record["rejects"], record["known"]) == ("feed.jsonl", 1, 0, 4)


def test_every_record_is_counted_in_the_manifest_and_large_days_stream_in_batches(tmp_path):
    landing = _landing(tmp_path)
    lines = [json.dumps({"title": f"Item {i}", "text": f"Item {i}: the council met on day {i} to discuss the budget."})
             for i in range(1200)]
    (landing / "many.jsonl").write_text("\n".join(lines + ["[1, 2]"]) + "\n")
    failures = [{"source_uri": "https://feeds.example/rss", "reason": "http_5xx", "detail": "HTTP 503"}]
    day = _ingest(tmp_path, DAY1, fetch_rejects=failures)
    assert (day.articles, day.rejects) == (1200, 2)
    assert len(_articles(tmp_path, DAY1)) == 1200
    manifest = {r["path"]: r for r in pq.read_table(manifest_dir(tmp_path / "manifests", DAY1) / MANIFEST_FILE).to_pylist()}
    assert (manifest["many.jsonl"]["articles"], manifest["many.jsonl"]["rejects"]) == (1200, 1)
    assert manifest["https://feeds.example/rss"]["rejects"] == 1
    rejects = read_table(tmp_path / "lake", "rejects").to_pylist()
    assert {(r["source_uri"], r["reason"]) for r in rejects} == {("many.jsonl#L1201", "bad_json"),
                                                                 ("https://feeds.example/rss", "http_5xx")}


def test_near_copies_are_found_even_when_an_earlier_days_fingerprints_are_missing(tmp_path):
    landing = _landing(tmp_path)
    _write(landing / "wire.json", "Allies condemn launch", STORY)
    _ingest(tmp_path, DAY1)
    (manifest_dir(tmp_path / "manifests", DAY1) / "fingerprints.parquet").unlink()  # a run stopped before it
    _write(landing / "near.json", "US and allies condemn North Korea", STORY + " Tokyo welcomed the talks.")
    _ingest(tmp_path, DAY2)
    assert _articles(tmp_path, DAY2)["near.json"]["duplicate_of"] == _articles(tmp_path, DAY1)["wire.json"]["article_id"]


def test_near_copies_are_looked_for_within_the_window_and_exact_copies_everywhere(tmp_path):
    landing = _landing(tmp_path)
    _write(landing / "wire.json", "Allies condemn launch", STORY)
    _ingest(tmp_path, date(2024, 1, 2))
    _write(landing / "near.json", "US and allies condemn North Korea", STORY + " Tokyo welcomed the talks.")
    _write(landing / "exact.json", "Allies condemn launch", STORY)
    _ingest(tmp_path, date(2024, 3, 2), near_days=30)
    later = _articles(tmp_path, date(2024, 3, 2))
    original = _articles(tmp_path, date(2024, 1, 2))["wire.json"]["article_id"]
    assert (later["exact.json"]["duplicate_of"], later["near.json"]["duplicate_of"]) == (original, None)
