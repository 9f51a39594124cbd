"""Reading and cleaning input files: formats, metadata, bylines and every reject reason."""
from __future__ import annotations

import json
from datetime import date

from pipelines.ingest import ingest_paths

DAY = date(2024, 1, 2)


def _ingest(folder):
    return ingest_paths([folder], DAY, 5 * 1024 * 1024)


def test_txt_with_sidecar_bracket_byline_and_copyright(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Ministers Meet in Seoul\n[Seoul Daily Reporter Kim Min-ji] The ministers met on Tuesday.\n"
        "They agreed to talk again.\n© Seoul Daily. All rights reserved.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"source": "Seoul Daily", "published_at": "2024-01-02T10:00:00+09:00", "url": "https://example.com/a"}))
    out = _ingest(tmp_path)
    assert out.rejects == []
    [a] = out.articles
    assert a["text"] == "Ministers Meet in Seoul\n\nThe ministers met on Tuesday.\nThey agreed to talk again."
    assert (a["byline"], a["source_hint"], a["source_name"], a["published_tz"]) == (
        "Kim Min-ji", "Seoul Daily", "Seoul Daily", "+09:00")
    assert a["source_uri"] == "a.txt" and a["ingest_date"] == DAY


def test_jsonl_bad_line_is_rejected_and_others_kept(tmp_path):
    good = json.dumps({"title": "One", "text": "Body one."})
    (tmp_path / "feed.jsonl").write_text(f"{good}\n{{not json\n" + json.dumps({"title": "Two"}) + "\n")
    out = _ingest(tmp_path)
    assert [a["source_uri"] for a in out.articles] == ["feed.jsonl#L1"]
    assert {(r["source_uri"], r["reason"]) for r in out.rejects} == {("feed.jsonl#L2", "bad_json"),
                                                                     ("feed.jsonl#L3", "no_text")}


def test_reject_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "list.json").write_text("[1, 2]")
    out = ingest_paths([tmp_path], DAY, 5 * 1024 * 1024)
    reasons = {r["source_uri"]: r["reason"] for r in out.rejects}
    assert reasons == {"empty.txt": "empty", "image.txt": "binary", "notes.docx": "unsupported_format",
                       "list.json": "bad_json"}
    big = tmp_path / "big.txt"
    big.write_text("Title\n" + "word " * 1000)
    assert {r["reason"] for r in ingest_paths([big], DAY, 100).rejects} == {"too_large"}


def test_latin1_and_mojibake_are_repaired(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Café talks\nThe café in Zürich hosted the talks.".encode("latin-1"))
    (tmp_path / "moji.txt").write_text("Title\nThe envoy said it was Ã¢â‚¬Å“fineÃ¢â‚¬Â\x9d.", encoding="utf-8")
    texts = {a["source_uri"]: a["text"] for a in _ingest(tmp_path).articles}
    assert "Zürich" in texts["latin.txt"]
    assert "Ã" not in texts["moji.txt"]


def test_exact_copy_points_to_the_earliest(tmp_path):
    body = {"title": "Same story", "text": "The ministers met in Tokyo on Monday."}
    (tmp_path / "b.json").write_text(json.dumps(dict(body, published_at="2024-01-01T08:00:00Z")))
    (tmp_path / "a.json").write_text(json.dumps(dict(body, published_at="2024-01-01T09:00:00Z")))
    out = _ingest(tmp_path)
    by_uri = {a["source_uri"]: a for a in out.articles}
    assert by_uri["b.json"]["duplicate_of"] is None
    assert by_uri["a.json"]["duplicate_of"] == by_uri["b.json"]["article_id"]
    assert by_uri["a.json"]["article_id"] != by_uri["b.json"]["article_id"]


def test_ids_are_stable(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"title": "T", "text": "Body."}))
    assert _ingest(tmp_path).articles[0]["article_id"] == _ingest(tmp_path).articles[0]["article_id"]


def test_words_run_together_around_names_are_split_again():
    from pipelines.ingest.clean import unglue_words

    glued = ("The respected ComradeKim Jong Unreceived a basket from HEKim Jong Unand PresidentKim Il Sung. "
             "Kim Jong Un thanked him in Poland and on the Island, honouring Kim Il SungandKim Jong Il. "
             "Photo: China DailyZhang Yuanxun. Zhang met McDonald at the Daily.")
    assert unglue_words(glued) == ("The respected Comrade Kim Jong Un received a basket from HE Kim Jong Un and "
                                   "President Kim Il Sung. Kim Jong Un thanked him in Poland and on the Island, "
                                   "honouring Kim Il Sung and Kim Jong Il. Photo: China Daily Zhang Yuanxun. "
                                   "Zhang met McDonald at the Daily.")
