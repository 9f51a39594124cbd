"""The shared news corpora ingest with no unexpected rejects and no web-page leftovers in the text."""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest import ingest_paths

NEWS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "news"
# Lines that pages leave behind: ads, sign-up and share prompts, media placeholders (checked whole-line,
# case-insensitive, so "an advertisement campaign" in a sentence is not one)
LEFTOVER = re.compile(r"^(?:advertisement\b.*|skip ad|.*continue reading the main story.*|scroll down for video|"
                      r"sign up\b.*|newsletter\b.*|accept (?:all )?cookies|chat with us in facebook messenger.*|"
                      r"read more:?|share this(?: article)?|photo|video|_{3,})$", re.IGNORECASE)
REPEATED_LINE_LIMIT = 5  # a short line in this many different stories is boilerplate, not news


def _ingest(folder: str):
    if not (NEWS / folder).is_dir():
        pytest.skip(f"{NEWS / folder} is not here")
    return ingest_paths([NEWS / folder], date(2024, 1, 2), 5 * 1024 * 1024)


def _body(path: Path) -> str:
    obj = json.loads(path.read_text(encoding="utf-8"))
    return obj.get("text") or obj.get("body") or ""


@pytest.mark.parametrize("folder", ["giveme5w1h", "kcna"])
def test_corpus_ingests_without_unexpected_rejects_or_leftovers(folder):
    out = _ingest(folder)
    for reject in out.rejects:  # the only rejects: files whose body is missing or only page furniture
        assert reject["reason"] == "no_text", reject
        lines = [line.strip() for line in _body(NEWS / folder / reject["source_uri"]).splitlines() if line.strip()]
        assert len(lines) <= 2 and all(len(line) < 100 for line in lines), (reject, lines)
    assert len(out.articles) + len(out.rejects) == len(out.files)
    leftovers = [(a["source_uri"], line) for a in out.articles for line in a["text"].split("\n") if LEFTOVER.match(line)]
    assert leftovers == []


def test_no_short_line_repeats_across_the_stories_of_many_outlets():
    out = _ingest("giveme5w1h")
    counts = Counter(line for a in out.originals for line in set(a["text"].split("\n")[2:]) if 0 < len(line) <= 60)
    assert [(line, n) for line, n in counts.items() if n >= REPEATED_LINE_LIMIT] == []


def test_kcna_datelines_give_place_and_day():
    articles = _ingest("kcna").articles
    with_dateline = [a for a in articles if a["dateline_place"]]
    assert len(with_dateline) >= 0.9 * len(articles)
    assert {a["dateline_place"] for a in with_dateline} == {"Pyongyang"}
    assert all(a["dateline_date"] is not None for a in with_dateline)
