"""Web pages to raw articles: main text and metadata with trafilatura.

Navigation, cookie banners, ads and comments are left out by trafilatura; the
page furniture that survives inside the article body ("Advertisement", "Skip Ad")
is dropped line by line when the article is cleaned (`clean.FURNITURE`).
"""
from __future__ import annotations

import trafilatura

from pipelines.ingest.records import RawArticle, Reject

_DATE_FORMAT = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def read_html(data: bytes, source_uri: str, where: str, meta: dict | None = None) -> RawArticle | Reject:
    """The main text of a page; `meta` (a sidecar, a WARC header) overrides what the page says of itself."""
    try:
        doc = trafilatura.bare_extraction(
            data, url=(meta or {}).get("url"), with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True, date_extraction_params=_DATE_FORMAT)
    except (ValueError, TypeError) as exc:  # lxml on markup it cannot build a tree from
        return Reject(source_uri, "bad_html", f"{where}: the page could not be parsed ({exc})")
    if doc is None or not (doc.text or "").strip():
        return Reject(source_uri, "no_text", f"{where}: no article text found in the page")
    page = {"url": doc.url, "source": doc.sitename, "published_at": doc.date, "byline": doc.author}
    merged = {k: v for k, v in page.items() if v} | dict(meta or {})
    title = merged.pop("title", None) or doc.title
    return RawArticle(source_uri, title, "\n\n".join(line for line in doc.text.splitlines() if line.strip()),
                      merged)
