"""Input files to `articles` and `rejects` rows: reading, cleaning, language, ids, fingerprints."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipelines.ids import stable_id
from pipelines.ingest.clean import clean_article
from pipelines.ingest.dateline import dateline_date
from pipelines.ingest.duplicates import DuplicateFinder, Fingerprint, signature
from pipelines.ingest.language import MIN_CONFIDENCE, detect_language
from pipelines.ingest.published import local_publication_date
from pipelines.ingest.readers import iter_input_files, read_file
from pipelines.ingest.records import RawArticle, Reject

LANGUAGE = "en"  # the extractors read English; other languages are rejected as `not_english`


@dataclass
class Ingested:
    """The outcome of one ingest: article rows (originals and duplicates) and reject rows."""

    articles: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def originals(self) -> list[dict]:
        return [a for a in self.articles if a["duplicate_of"] is None]


def ingest_paths(paths: Iterable[Path], ingest_date: date, max_bytes: int) -> Ingested:
    """Every article file under the paths, in memory, copies marked among themselves (`newsetl extract`)."""
    out = Ingested()
    files = list(iter_input_files([Path(p) for p in paths]))
    out.files = [uri for _, uri in files]
    for table, row in read_records(files, ingest_date, max_bytes):
        getattr(out, table).append(row)
    originals = DuplicateFinder().assign(fingerprint(row) for row in out.articles)
    for row in out.articles:
        row["duplicate_of"] = originals.get(row["article_id"])
    return out


def read_records(files: Iterable[tuple[Path, str]], ingest_date: date, max_bytes: int) -> Iterator[tuple[str, dict]]:
    """("articles", row) or ("rejects", row) for every record of the files, in order; `duplicate_of` is
    left for the caller, who knows which earlier articles to compare with."""
    for path, source_uri in files:
        for item in _guarded(read_file(path, source_uri, max_bytes), source_uri):
            if isinstance(item, RawArticle):
                item = _guarded_row(item, ingest_date)
            if isinstance(item, Reject):
                yield "rejects", {**item.row(), "ingest_date": ingest_date}
            else:
                yield "articles", item


def _guarded(items: Iterator[RawArticle | Reject], source_uri: str) -> Iterator[RawArticle | Reject]:
    """A reader's records; a reader that fails (a bug, or a library choking on odd input) ends its file with
    a `read_error` reject naming the failure, and the run goes on."""
    try:
        yield from items
    except Exception as exc:
        yield Reject(source_uri, "read_error", f"reading failed: {type(exc).__name__}: {exc}")


def _guarded_row(raw: RawArticle, ingest_date: date) -> dict | Reject:
    try:
        return article_row(raw, ingest_date)
    except Exception as exc:
        return Reject(raw.source_uri, "read_error", f"cleaning failed: {type(exc).__name__}: {exc}")


def article_row(raw: RawArticle, ingest_date: date) -> dict | Reject:
    """The `articles` row of a raw record, or why it cannot be one."""
    clean = clean_article(raw)
    if len(clean.text) <= clean.body_start:
        return Reject(raw.source_uri, "no_text", "nothing is left of the article once bylines, copyright lines and page furniture are removed")
    found, probability = detect_language(clean.text)
    language = found or clean.language or LANGUAGE
    if language != LANGUAGE and (probability >= MIN_CONFIDENCE or found is None):
        how = f"detected with probability {probability:.2f}" if found else "as its metadata says"
        return Reject(raw.source_uri, "not_english", f"the article is in language '{language}' ({how}); "
                      "the extractors read English")
    pub = local_publication_date(clean.published_at, clean.published_tz)
    return {
        "article_id": stable_id(clean.source_uri, clean.text),
        "source_uri": clean.source_uri,
        "source_name": clean.source_name,
        "url": clean.url,
        "title": clean.title,
        "byline": clean.byline,
        "published_at": clean.published_at,
        "published_tz": clean.published_tz,
        "language": LANGUAGE,
        "text": clean.text,
        "ingest_date": ingest_date,
        "duplicate_of": None,
        "source_hint": clean.source_hint,
        "content_hash": stable_id(clean.text),
        "fetched_at": clean.fetched_at,
        "dateline_place": clean.dateline.place if clean.dateline else None,
        "dateline_date": dateline_date(clean.text, pub, clean.body_start),
        "lost_chars": clean.lost_chars,
        "_site_domain": clean.site_domain,
    }


def fingerprint(row: dict) -> Fingerprint:
    """What duplicate detection keeps of an article: its keys, text hash and body signature."""
    body = row["text"][len(row["title"] or "") + 2:]
    return Fingerprint(row["article_id"], row["source_uri"], row["published_at"], row["content_hash"],
                       signature(body), row.get("duplicate_of"))
