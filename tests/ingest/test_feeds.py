"""Fetching RSS/Atom feeds from a real local HTTP server into the landing folder."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipelines.ingest.feeds import FeedSource, FetchPolicy, fetch_feeds, load_sources

FAST = FetchPolicy(min_interval=0)
RSS_ETAG = '"rss-v1"'
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@dataclass
class FakeWeb:
    """In-memory web site: path -> (status, headers, body), with a log of every request."""

    base: str
    resources: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: str | bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.resources[path] = (status, headers or {}, data)

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]


def _handler_for(web: FakeWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            web.requests.append((self.path, dict(self.headers)))
            time.sleep(web.delays.get(self.path, 0))
            status, headers, body = web.resources.get(self.path, (404, {}, b"not found"))
            if "ETag" in headers and self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def web():
    web = FakeWeb(base="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(web))
    server.handle_error = lambda request, client_address: None  # a client that gave up is expected
    web.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield web
    server.shutdown()
    server.server_close()


def _article(title: str, paragraph: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n"
            f"<body><article><h1>{title}</h1><p class=\"byline\">By Kim Min-ji</p>\n<p>{paragraph}</p>\n"
            f"<p>The talks are to resume next month.</p></article></body></html>\n")


def _rss(title: str, items: list[tuple[str, str, str]]) -> str:
    """RSS 2.0 with items (title, link, pubDate)."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{date}</pubDate>"
                      f"<dc:creator>Kim Min-ji</dc:creator><guid>{link}</guid></item>\n" for t, link, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{title}</title><link>https://example.com/</link>"
            f"<description>News</description>\n{entries}</channel></rss>\n")


def _atom(title: str, link: str, updated: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Pyongyang Times Online</title><id>urn:feed:pt</id><updated>{updated}</updated>"
            f'<entry><title>{title}</title><link href="{link}"/><id>urn:entry:1</id><updated>{updated}</updated>'
            "<author><name>Ri Chol</name></author></entry></feed>\n")


@pytest.fixture
def site(web):
    """Three feeds (RSS with ETag, Atom with Last-Modified, one answering 500) and their pages."""
    web.serve("/rss.xml", _rss("Seoul Daily", [
        ("Ministers Meet in Seoul", web.url("/news/ministers"), "Fri, 27 Nov 2026 17:30:00 +0900"),
        ("Trade Talks Resume", web.url("/news/trade"), "Sat, 28 Nov 2026 09:00:00 +0900"),
        ("Deleted Story", web.url("/news/deleted"), "Sat, 28 Nov 2026 10:00:00 +0900"),
    ]), headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": RSS_ETAG})
    web.serve("/atom.xml", _atom("Harvest Report", web.url("/pt/harvest"), "2026-11-28T09:15:00Z"),
              headers={"Content-Type": "application/atom+xml", "Last-Modified": "Sat, 28 Nov 2026 09:15:00 GMT"})
    web.serve("/broken.xml", "Internal error", status=500)
    web.serve("/news/ministers", _article("Ministers Meet in Seoul", "The ministers met on Tuesday."),
              headers={"Content-Type": "text/html; charset=utf-8"})
    web.serve("/news/trade", _article("Trade Talks Resume", "Negotiators returned to the table."),
              headers={"Content-Type": "text/html; charset=utf-8"})
    web.serve("/pt/harvest", _article("Harvest Report", "Farmers brought in a record crop."),
              headers={"Content-Type": "text/html; charset=utf-8"})
    return [FeedSource("seoul", web.url("/rss.xml")),
            FeedSource("ptimes", web.url("/atom.xml"), source_name="Pyongyang Times"),
            FeedSource("broken", web.url("/broken.xml"))]


def _stem(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def _files(landing: Path) -> list[str]:
    return sorted(p.relative_to(landing).as_posix() for p in landing.rglob("*") if p.is_file())


def _sidecar(html: Path) -> dict:
    return json.loads(html.with_name(html.stem + ".meta.json").read_text(encoding="utf-8"))


def _one_item_feed(web: FakeWeb, feed_path: str, item_path: str) -> FeedSource:
    web.serve(feed_path, _rss("Tiny", [("Item", web.url(item_path), "Fri, 27 Nov 2026 08:30:00 GMT")]))
    return FeedSource("tiny", web.url(feed_path))


def test_first_fetch_writes_pages_sidecars_and_rejects(web, site, tmp_path):
    landing = tmp_path / "landing"
    report = fetch_feeds(site, landing, tmp_path / "state", FAST)

    ministers, trade, harvest = web.url("/news/ministers"), web.url("/news/trade"), web.url("/pt/harvest")
    assert _files(landing) == sorted([
        f"feeds/seoul/{_stem(ministers)}.html", f"feeds/seoul/{_stem(ministers)}.meta.json",
        f"feeds/seoul/{_stem(trade)}.html", f"feeds/seoul/{_stem(trade)}.meta.json",
        f"feeds/ptimes/{_stem(harvest)}.html", f"feeds/ptimes/{_stem(harvest)}.meta.json"])
    assert report.pages == [landing / "feeds/seoul" / f"{_stem(ministers)}.html",
                            landing / "feeds/seoul" / f"{_stem(trade)}.html",
                            landing / "feeds/ptimes" / f"{_stem(harvest)}.html"]
    assert report.pages[0].read_bytes() == web.resources["/news/ministers"][2]
    assert _sidecar(report.pages[0]) == {
        "url": ministers, "title": "Ministers Meet in Seoul", "published_at": "2026-11-27T08:30:00+00:00",
        "source": "Seoul Daily", "byline": "Kim Min-ji", "feed": web.url("/rss.xml")}
    assert _sidecar(report.pages[2]) == {
        "url": harvest, "title": "Harvest Report", "published_at": "2026-11-28T09:15:00+00:00",
        "source": "Pyongyang Times", "byline": "Ri Chol", "feed": web.url("/atom.xml")}

    assert [(r["source_uri"], r["reason"]) for r in report.rejects] == [
        (web.url("/news/deleted"), "http_4xx"), (web.url("/broken.xml"), "http_5xx")]
    assert "404" in report.rejects[0]["detail"]
    assert "500" in report.rejects[1]["detail"] and web.url("/broken.xml") in report.rejects[1]["detail"]
    assert (report.feeds_ok, report.feeds_failed, report.items_skipped, report.not_modified) == (2, 1, 0, 0)


def test_second_fetch_is_conditional_and_requests_no_page_again(web, site, tmp_path):
    landing, state = tmp_path / "landing", tmp_path / "state"
    fetch_feeds(site, landing, state, FAST)
    files_before = _files(landing)
    first_fetch_requests = len(web.requests)

    report = fetch_feeds(site, landing, state, FAST)

    second = web.requests[first_fetch_requests:]
    assert [path for path, _ in second] == ["/rss.xml", "/atom.xml", "/broken.xml"]
    assert second[0][1]["If-None-Match"] == RSS_ETAG
    assert second[1][1]["If-Modified-Since"] == "Sat, 28 Nov 2026 09:15:00 GMT"
    assert "If-None-Match" not in second[2][1]
    assert (report.not_modified, report.feeds_ok, report.items_skipped) == (1, 2, 1)
    assert report.pages == []
    assert [r["reason"] for r in report.rejects] == ["http_5xx"]
    assert _files(landing) == files_before


def test_feed_without_etag_only_new_item_is_requested(web, tmp_path):
    items = [("Old one", web.url("/p/1"), "Fri, 27 Nov 2026 08:00:00 GMT"),
             ("Old two", web.url("/p/2"), "Fri, 27 Nov 2026 09:00:00 GMT")]
    web.serve("/plain.xml", _rss("Plain News", items))
    for path in ("/p/1", "/p/2", "/p/3"):
        web.serve(path, _article(path, "Text."))
    source = FeedSource("plain", web.url("/plain.xml"))
    fetch_feeds([source], tmp_path / "landing", tmp_path / "state", FAST)
    web.serve("/plain.xml", _rss("Plain News", [("New three", web.url("/p/3"), "Sat, 28 Nov 2026 08:00:00 GMT"),
                                                *items]))
    web.requests.clear()

    report = fetch_feeds([source], tmp_path / "landing", tmp_path / "state", FAST)

    assert web.paths_requested() == ["/plain.xml", "/p/3"]
    assert report.items_skipped == 2
    assert report.pages == [tmp_path / "landing/feeds/plain" / f"{_stem(web.url('/p/3'))}.html"]


def test_user_agent_is_sent_on_every_request(web, site, tmp_path):
    policy = FetchPolicy(min_interval=0, user_agent="newsetl-test/9.9 (+https://example.com/bot)")
    fetch_feeds(site, tmp_path / "landing", tmp_path / "state", policy)
    assert len(web.requests) == 7
    assert {headers["User-Agent"] for _, headers in web.requests} == {policy.user_agent}


def test_requests_to_one_host_are_spaced_by_min_interval(web, tmp_path):
    web.serve("/spaced.xml", _rss("Spaced", [("A", web.url("/s/a"), ""), ("B", web.url("/s/b"), "")]))
    web.serve("/s/a", _article("A", "a"))
    web.serve("/s/b", _article("B", "b"))
    started = time.monotonic()
    report = fetch_feeds([FeedSource("spaced", web.url("/spaced.xml"))], tmp_path / "landing", tmp_path / "state",
                         FetchPolicy(min_interval=0.2))
    assert time.monotonic() - started >= 0.4
    assert len(report.pages) == 2 and len(web.requests) == 3


def test_page_over_max_bytes_is_rejected_too_large(web, tmp_path):
    source = _one_item_feed(web, "/big.xml", "/big-page")
    web.serve("/big-page", _article("Big", "x" * 5000))
    report = fetch_feeds([source], tmp_path / "landing", tmp_path / "state", FetchPolicy(min_interval=0, max_bytes=1000))
    assert [(r["source_uri"], r["reason"]) for r in report.rejects] == [(web.url("/big-page"), "too_large")]
    assert _files(tmp_path / "landing") == []


def test_redirect_to_file_scheme_is_refused(web, tmp_path):
    source = _one_item_feed(web, "/redirecting.xml", "/go")
    web.serve("/go", b"", status=302, headers={"Location": "file:///etc/passwd"})
    report = fetch_feeds([source], tmp_path / "landing", tmp_path / "state", FAST)
    assert [(r["source_uri"], r["reason"]) for r in report.rejects] == [(web.url("/go"), "fetch_failed")]
    assert report.pages == [] and _files(tmp_path / "landing") == []


def test_read_timeout_is_fetch_failed_and_fetch_returns(web, tmp_path):
    source = _one_item_feed(web, "/slow-feed.xml", "/slow")
    web.serve("/slow", _article("Slow", "Eventually."))
    web.delays["/slow"] = 1.0
    started = time.monotonic()
    report = fetch_feeds([source], tmp_path / "landing", tmp_path / "state",
                         FetchPolicy(min_interval=0, read_timeout=0.3))
    assert time.monotonic() - started < 1.0
    [reject] = report.rejects
    assert (reject["source_uri"], reject["reason"]) == (web.url("/slow"), "fetch_failed")
    assert "Timeout" in reject["detail"]
    assert _files(tmp_path / "landing") == []


def test_garbage_instead_of_a_feed_is_bad_feed(web, tmp_path):
    web.serve("/logo.png", PNG_BYTES, headers={"Content-Type": "image/png"})
    web.serve("/page.html", "<html>not a feed", headers={"Content-Type": "text/html"})
    sources = [FeedSource("png", web.url("/logo.png")), FeedSource("html", web.url("/page.html"))]
    report = fetch_feeds(sources, tmp_path / "landing", tmp_path / "state", FAST)
    assert [(r["source_uri"], r["reason"]) for r in report.rejects] == [
        (web.url("/logo.png"), "bad_feed"), (web.url("/page.html"), "bad_feed")]
    assert (report.feeds_ok, report.feeds_failed) == (0, 2)


def test_load_sources(tmp_path):
    listed = tmp_path / "sources.yml"
    listed.write_text("feeds:\n"
                      "  - name: bbc_world\n    url: https://feeds.bbci.co.uk/news/world/rss.xml\n"
                      "  - name: yonhap\n    url: https://en.yna.co.kr/RSS/news.xml\n    source_name: Yonhap\n")
    assert load_sources(listed) == ([
        FeedSource("bbc_world", "https://feeds.bbci.co.uk/news/world/rss.xml"),
        FeedSource("yonhap", "https://en.yna.co.kr/RSS/news.xml", "Yonhap")], [])

    empty = tmp_path / "empty.yml"
    empty.write_text("feeds: []\n")
    assert load_sources(empty) == ([], [])
    assert load_sources(tmp_path / "missing.yml") == ([], [])
    assert load_sources(Path(__file__).parents[2] / "sources.yml") == ([], [])


def test_hostile_source_entries_are_refused_and_the_good_ones_kept(tmp_path):
    listed = tmp_path / "sources.yml"
    listed.write_text("feeds:\n"
                      "  - name: ../../etc\n    url: https://example.com/rss\n"
                      "  - name: ok\n    url: ftp://example.com/rss\n"
                      "  - name: good\n    url: https://example.com/good.xml\n"
                      "  - name: good\n    url: https://example.com/again.xml\n")
    sources, rejects = load_sources(listed)
    assert sources == [FeedSource("good", "https://example.com/good.xml")]
    assert [(r["source_uri"], r["reason"]) for r in rejects] == [
        ("sources.yml#feeds[0]", "bad_source"), ("sources.yml#feeds[1]", "bad_source"),
        ("sources.yml#feeds[3]", "bad_source")]
    assert "'../../etc'" in rejects[0]["detail"] and "http" in rejects[1]["detail"]
    listed.write_text("feeds: [unclosed\n")
    assert [(r["source_uri"], r["reason"]) for r in load_sources(listed)[1]] == [("sources.yml", "bad_source")]


def test_the_nightly_assets_turn_feed_items_into_articles_and_failures_into_rejects(site, tmp_path, monkeypatch):
    import dagster as dg
    import pyarrow.parquet as pq

    from pipelines.defs.assets import feed_pages, raw_articles
    from pipelines.defs.checks import ingest_checks

    sources = tmp_path / "sources.yml"
    sources.write_text("feeds:\n" + "".join(f"  - name: {s.name}\n    url: {s.url}\n" for s in site))
    monkeypatch.setenv("NEWSETL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSETL_SOURCES", str(sources))
    monkeypatch.delenv("NEWSETL_LANDING_DIR", raising=False)
    result = dg.materialize([feed_pages, raw_articles, ingest_checks], partition_key="2026-11-28")
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())
    lake = tmp_path / "data" / "lake"
    articles = pq.read_table(lake / "articles" / "ingest_date=2026-11-28" / "part-0.parquet").to_pylist()
    by_title = {a["title"]: a for a in articles}
    assert sorted(by_title) == ["Harvest Report", "Ministers Meet in Seoul", "Trade Talks Resume"]
    ministers = by_title["Ministers Meet in Seoul"]
    assert (ministers["url"], ministers["source_name"]) == (site[0].url.replace("/rss.xml", "/news/ministers"),
                                                            "Seoul Daily")
    assert ministers["source_uri"].startswith("feeds/seoul/") and ministers["source_uri"].endswith(".html")
    assert ministers["text"] == ("Ministers Meet in Seoul\n\nThe ministers met on Tuesday.\n\n"
                                 "The talks are to resume next month.")
    rejects = pq.read_table(lake / "rejects" / "ingest_date=2026-11-28" / "part-0.parquet").to_pylist()
    assert {(r["source_uri"].rsplit("/", 1)[1], r["reason"]) for r in rejects} == {("deleted", "http_4xx"),
                                                                                   ("broken.xml", "http_5xx")}
    again = dg.materialize([feed_pages, raw_articles], partition_key="2026-11-28")  # a rerun fetches nothing new
    assert again.success
    assert pq.read_table(lake / "articles" / "ingest_date=2026-11-28" / "part-0.parquet").to_pylist() == articles


BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "lol">'
                  + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
                  + ']>\n<rss version="2.0"><channel><title>&j;</title><item><title>&j;</title>'
                  "<link>http://127.0.0.1:9/x</link></item></channel></rss>\n")


def test_entity_expansion_in_a_feed_is_refused_not_expanded(web, tmp_path):
    web.serve("/laughs.xml", BILLION_LAUGHS, headers={"Content-Type": "application/rss+xml"})
    started = time.monotonic()
    report = fetch_feeds([FeedSource("laughs", web.url("/laughs.xml"))], tmp_path / "landing", tmp_path / "state",
                         FAST)
    assert time.monotonic() - started < 10
    assert [(r["source_uri"], r["reason"]) for r in report.rejects] == [(web.url("/laughs.xml"), "bad_feed")]
    assert report.pages == []


def test_a_gzip_bomb_stops_at_the_size_cap(web, tmp_path):
    import gzip

    bomb = gzip.compress(b"<p>" + b"A" * (50 * 1024 * 1024) + b"</p>")  # 50 MB inflated, about 50 KB on the wire
    web.serve("/rss.xml", _rss("Bombs", [("Boom", web.url("/bomb.html"), "Sat, 28 Nov 2026 09:00:00 +0900")]))
    web.serve("/bomb.html", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    report = fetch_feeds([FeedSource("bombs", web.url("/rss.xml"))], tmp_path / "landing", tmp_path / "state",
                         FetchPolicy(min_interval=0, max_bytes=1024 * 1024))
    assert [(r["source_uri"], r["reason"]) for r in report.rejects] == [(web.url("/bomb.html"), "too_large")]
    assert not list((tmp_path / "landing").rglob("*.html"))
