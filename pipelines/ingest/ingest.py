"""Reading, cleaning, identifying and de-duplicating a set of input files."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from pipelines.ids import stable_id
from pipelines.ingest.clean import CleanArticle, clean_article
from pipelines.ingest.readers import iter_input_files, read_file
from pipelines.ingest.records import RawArticle, Reject

_NEVER = datetime.max.replace(tzinfo=timezone.utc)


@dataclass
class Ingested:
    """The outcome of one ingest: article rows (originals and duplicates) and reject rows."""

    articles: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def originals(self) -> list[dict]:
        return [a for a in self.articles if a["duplicate_of"] is None]


def ingest_paths(
    paths: Iterable[Path],
    ingest_date: date,
    max_bytes: int,
    known_hashes: dict[str, dict] | None = None,
) -> Ingested:
    """Read every article file under the paths.

    `known_hashes` maps the content hash of articles already in the lake to their
    row, so a copy of an earlier article is marked as its duplicate.
    """
    out = Ingested()
    for path, source_uri in iter_input_files([Path(p) for p in paths]):
        out.files.append(source_uri)
        for item in read_file(path, source_uri, max_bytes):
            if isinstance(item, Reject):
                out.rejects.append(item.row())
                continue
            row = _article_row(item, ingest_date)
            if isinstance(row, Reject):
                out.rejects.append(row.row())
            else:
                out.articles.append(row)
    _mark_duplicates(out.articles, known_hashes or {})
    return out


def _article_row(raw: RawArticle, ingest_date: date) -> dict | Reject:
    clean: CleanArticle = clean_article(raw)
    if len(clean.text) <= clean.body_start:
        return Reject(raw.source_uri, "no_text", "nothing is left of the article once bylines and copyright lines are removed")
    content_hash = stable_id(clean.text)
    return {
        "article_id": stable_id(clean.source_uri, clean.text),
        "source_uri": clean.source_uri,
        "source_name": clean.source_name,
        "url": clean.url,
        "title": clean.title,
        "byline": clean.byline,
        "published_at": clean.published_at,
        "published_tz": clean.published_tz,
        "language": clean.language,
        "text": clean.text,
        "ingest_date": ingest_date,
        "duplicate_of": None,
        "source_hint": clean.source_hint,
        "content_hash": content_hash,
        "_site_domain": clean.site_domain,
    }


def _mark_duplicates(articles: list[dict], known: dict[str, dict]) -> None:
    """Exact copies (same cleaned text) point to the earliest by `published_at`, then `source_uri`."""
    by_hash: dict[str, list[dict]] = {}
    for row in articles:
        by_hash.setdefault(row["content_hash"], []).append(row)
    for content_hash, rows in by_hash.items():
        candidates = rows + ([known[content_hash]] if content_hash in known else [])
        original = min(candidates, key=lambda r: (r["published_at"] or _NEVER, r["source_uri"]))
        for row in rows:
            if row is not original and row["article_id"] != original["article_id"]:
                row["duplicate_of"] = original["article_id"]
