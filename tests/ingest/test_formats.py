"""Web pages, WARC archives, languages, datelines and the reject reasons of the Ingest issue."""
from __future__ import annotations

import io
import json
from datetime import date, datetime, timezone

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.ingest import ingest_paths

DAY = date(2024, 1, 2)
CAP = 5 * 1024 * 1024
PAGE = """<!doctype html>
<html lang="en"><head>
<title>Allies condemn missile launch | Harbor Times</title>
<meta property="og:site_name" content="Harbor Times">
<meta property="og:title" content="Allies condemn missile launch">
<link rel="canonical" href="https://harbortimes.example/world/allies-condemn-launch">
<meta name="author" content="Jane Park">
<meta property="article:published_time" content="2024-01-02T08:30:00+09:00">
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/login">Log in</a></nav></header>
<main><article>
<h1>Allies condemn missile launch</h1>
<p>SEOUL -- South Korea, the United States and Japan on Tuesday condemned North Korea's launch of a ballistic
missile, calling it a clear violation of United Nations Security Council resolutions.</p>
<div class="ad-slot"><span>Skip Ad</span></div>
<p>Advertisement</p>
<p>The three deputy foreign ministers held phone calls and agreed to meet in Tokyo later this month, the
foreign ministry in Seoul said in a statement released to reporters on Tuesday afternoon.</p>
<p>"We will respond firmly to any provocation," the ministry spokesperson told a briefing in Seoul.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Markets fall on rate fears</a></li>
<li><a href="/b">Storm hits the coast</a></li></ul></aside>
</main>
<footer>Copyright 2024 Harbor Times. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""
FURNITURE = ("Skip Ad", "Advertisement", "cookies", "Log in", "Related stories", "Markets fall", "Privacy", "Home")


def test_html_page_gives_main_text_and_metadata_without_page_furniture(tmp_path):
    (tmp_path / "launch.html").write_text(PAGE, encoding="utf-8")
    out = ingest_paths([tmp_path], DAY, CAP)
    assert out.rejects == []
    [a] = out.articles
    assert a["title"] == "Allies condemn missile launch"
    assert a["text"].startswith("Allies condemn missile launch\n\nSEOUL -- South Korea, the United States and Japan")
    assert "agreed to meet in Tokyo later this month" in a["text"]
    assert a["text"].endswith('"We will respond firmly to any provocation," the ministry spokesperson told a '
                              "briefing in Seoul.")
    assert [word for word in FURNITURE if word in a["text"]] == []
    assert (a["source_name"], a["byline"], a["url"]) == (
        "Harbor Times", "Jane Park", "https://harbortimes.example/world/allies-condemn-launch")
    assert a["published_at"] == datetime(2024, 1, 1, 23, 30, tzinfo=timezone.utc)
    assert a["published_tz"] == "+09:00"
    assert (a["dateline_place"], a["language"]) == ("SEOUL", "en")


def test_html_sidecar_overrides_what_the_page_says(tmp_path):
    (tmp_path / "launch.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "launch.meta.json").write_text(json.dumps({"url": "https://feed.example/item/7", "source": "Feed"}))
    [a] = ingest_paths([tmp_path], DAY, CAP).articles
    assert (a["url"], a["source_name"], a["byline"]) == ("https://feed.example/item/7", "Feed", "Jane Park")


def test_html_without_article_text_and_binary_html_are_rejected(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    reasons = {r["source_uri"]: r["reason"] for r in ingest_paths([tmp_path], DAY, CAP).rejects}
    assert reasons == {"menu.html": "no_text", "logo.html": "binary"}


def _response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes, when: str):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": when})
    writer.write_record(record)


def test_warc_html_responses_become_articles_and_other_records_rejects(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warc_record("https://harbortimes.example/world/1", "request",
                                                      payload=io.BytesIO(b"GET /world/1 HTTP/1.1\r\n\r\n")))
        _response(writer, "https://harbortimes.example/world/1", "200 OK", "text/html; charset=utf-8",
                  PAGE.encode(), "2024-01-02T03:04:05Z")
        _response(writer, "https://harbortimes.example/logo.png", "200 OK", "image/png", b"\x89PNG....",
                  "2024-01-02T03:04:06Z")
        _response(writer, "https://harbortimes.example/gone", "404 Not Found", "text/html", b"<p>gone</p>",
                  "2024-01-02T03:04:07Z")
    out = ingest_paths([tmp_path], DAY, CAP)
    [a] = out.articles
    assert a["source_uri"] == "crawl.warc.gz#r2"
    assert a["url"] == "https://harbortimes.example/world/1"
    assert a["fetched_at"] == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert a["published_at"] == datetime(2024, 1, 1, 23, 30, tzinfo=timezone.utc)  # the page's date, not the crawl's
    assert "Skip Ad" not in a["text"] and "agreed to meet in Tokyo" in a["text"]
    assert {(r["source_uri"], r["reason"]) for r in out.rejects} == {("crawl.warc.gz#r3", "not_html"),
                                                                     ("crawl.warc.gz#r4", "http_4xx")}


def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    _response(writer, "https://harbortimes.example/world/1", "200 OK", "text/html", PAGE.encode(), "2024-01-02T03:04:05Z")
    (tmp_path / "cut.warc").write_bytes(buffer.getvalue() + b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>")
    out = ingest_paths([tmp_path], DAY, CAP)
    assert [a["source_uri"] for a in out.articles] == ["cut.warc#r1"]
    assert [(r["source_uri"], r["reason"]) for r in out.rejects] == [("cut.warc#r2", "bad_warc")]


def test_non_english_articles_are_rejected_with_the_language_found(tmp_path):
    german = ("Die Außenminister Südkoreas, der Vereinigten Staaten und Japans haben am Dienstag den Start einer "
              "ballistischen Rakete durch Nordkorea verurteilt und eine Sitzung in Tokio vereinbart.")
    (tmp_path / "de.json").write_text(json.dumps({"title": "Minister verurteilen Raketenstart", "text": german}))
    (tmp_path / "en.json").write_text(json.dumps({"title": "Ministers condemn launch", "language": "de",
                                                  "text": "The foreign ministers of South Korea, the United States "
                                                          "and Japan condemned the launch of a ballistic missile by "
                                                          "North Korea on Tuesday and agreed to meet in Tokyo."}))
    (tmp_path / "short.json").write_text(json.dumps({"title": "Kurz", "language": "ko", "text": "Kim Jong Un."}))
    out = ingest_paths([tmp_path], DAY, CAP)
    assert [a["source_uri"] for a in out.articles] == ["en.json"]  # the text says English, whatever the metadata
    details = {r["source_uri"]: (r["reason"], r["detail"]) for r in out.rejects}
    assert details["de.json"][0] == "not_english" and "'de'" in details["de.json"][1]
    assert details["short.json"][0] == "not_english" and "metadata" in details["short.json"][1]


def test_dateline_bylines_and_lost_letters_are_kept_as_metadata(tmp_path):
    (tmp_path / "kcna.json").write_text(json.dumps({
        "title": "Press Statement", "published_at": "2023-12-25T06:00:00+09:00",
        "text": "Pyongyang, December 24 (KCNA) -- The spokesman said Ant?nio Guterres should speak up.\n"
                "He urged the UN to act."}))
    (tmp_path / "xinhua.txt").write_text(
        "China and Japan hold talks\nXinhua | Updated: 2017-09-15 17:52\nBEIJING -- China and Japan held talks.\n")
    (tmp_path / "wire.txt").write_text("Talks end\nBy Jane Doe and John Roe, Reuters\nThe talks ended on Monday.\n")
    by_uri = {a["source_uri"]: a for a in ingest_paths([tmp_path], DAY, CAP).articles}
    kcna = by_uri["kcna.json"]
    assert (kcna["dateline_place"], kcna["dateline_date"]) == ("Pyongyang", date(2023, 12, 24))
    assert kcna["text"].startswith("Press Statement\n\nPyongyang, December 24 (KCNA) -- ")  # kept in the text too
    [lost] = kcna["lost_chars"]
    assert kcna["text"][lost - 3:lost + 4] == "Ant?nio"
    xinhua = by_uri["xinhua.txt"]
    assert (xinhua["source_hint"], xinhua["dateline_place"], xinhua["dateline_date"]) == ("Xinhua", "BEIJING", None)
    assert xinhua["text"] == "China and Japan hold talks\n\nBEIJING -- China and Japan held talks."
    assert by_uri["wire.txt"]["byline"] == "Jane Doe and John Roe, Reuters"
    assert by_uri["wire.txt"]["text"] == "Talks end\n\nThe talks ended on Monday."


def test_a_file_over_the_cap_is_rejected_without_being_read(tmp_path):
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: never read
    [reject] = ingest_paths([tmp_path], DAY, CAP).rejects
    assert (reject["source_uri"], reject["reason"]) == ("huge.txt", "too_large")
    assert "52428800 bytes" in reject["detail"]


def test_page_furniture_lines_are_dropped_from_plain_text(tmp_path):
    (tmp_path / "a.txt").write_text("Storm hits coast\nThe storm hit the coast on Monday.\nAdvertisement Continue "
                                    "reading the main story\nScroll down for video\n___\nTwo people were hurt.\n")
    [a] = ingest_paths([tmp_path], DAY, CAP).articles
    assert a["text"] == "Storm hits coast\n\nThe storm hit the coast on Monday.\nTwo people were hurt."
