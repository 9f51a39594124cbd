"""WARC archives (`*.warc`, `*.warc.gz`): every HTML response record becomes an article.

A record's `source_uri` is the archive's followed by `#r<N>`, its position among the
archive's records, so the same page crawled twice stays two inputs. The record's
target URI becomes `url` and its WARC-Date `fetched_at` (when the crawler saw the
page; the publication date comes from the page itself, never from the crawl).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipelines.ingest.html import read_html
from pipelines.ingest.records import RawArticle, Reject

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


def read_warc(path: Path, source_uri: str, max_bytes: int) -> Iterator[RawArticle | Reject]:
    """Articles and rejects of one archive's response records; request and metadata records are not inputs,
    but an archive with no response record at all is itself a reject."""
    number = responses = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type == "response":
                    responses += 1
                    yield _read_response(record, f"{source_uri}#r{number}", max_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError) as exc:  # warcio on cut records
        yield Reject(f"{source_uri}#r{number + 1}", "bad_warc",
                     f"{path.name}: the archive is damaged after record {number} ({exc})")
        return
    if not responses and number:
        yield Reject(source_uri, "no_text", f"{path.name}: the archive holds no response records")


def _read_response(record, source_uri: str, max_bytes: int) -> RawArticle | Reject:
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"WARC record {source_uri.rsplit('#', 1)[1]} ({url})"
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status and not status.startswith("2"):
        return Reject(source_uri, f"http_{status[0]}xx", f"{where}: the server answered HTTP {status}")
    content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if not content_type.lower().startswith(_HTML_TYPES):
        return Reject(source_uri, "not_html", f"{where}: content type {content_type or '(none)'} is not a web page")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Reject(source_uri, "too_large", f"{where}: over the cap of {max_bytes} bytes")
    meta = {"url": url, "fetched_at": record.rec_headers.get_header("WARC-Date")}
    return read_html(body, source_uri, where, {k: v for k, v in meta.items() if v})
