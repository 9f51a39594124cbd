"""Extraction: articles to participants, quotes, events and event_participants rows (no Dagster here)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import tee

from pipelines.config import settings
from pipelines.extract.article import extract_article, text_for_parser
from pipelines.extract.canonical import resolve_lost_letters
from pipelines.extract.lexicon import lexicon
from pipelines.extract.nlp import load_model, parse_texts
from pipelines.extract.workers import BATCH_ARTICLES, Rows, extract_in_workers
from pipelines.ids import stable_id
from pipelines.tables import EXTRACTED_TABLES

_ID_COLUMNS = {"participants": ("participant_id",), "quotes": ("quote_id", "speaker_participant_id"),
               "events": ("event_id",), "event_participants": ("event_id", "participant_id")}


class ExtractionError(RuntimeError):
    """An extractor failed on an article; the message names its source_uri."""


Extraction = tuple[str, Rows]  # (article_id the rows belong to, rows by table)


def iter_extracted(articles: Iterable[dict], model_name: str | None = None) -> Iterator[tuple[dict, Rows]]:
    """(article, rows by table) for each article, parsed in batches as the articles come."""
    nlp = load_model(model_name or settings().spacy_model)
    lex = lexicon()
    for_docs, for_rows = tee(articles)
    for article, doc in zip(for_rows, parse_texts(nlp, (text_for_parser(a["text"]) for a in for_docs))):
        try:
            rows = extract_article(doc, article, lex)
        except Exception as exc:  # name the article, so a failed run says which input to look at
            raise ExtractionError(f"extraction failed on {article['source_uri']} (article "
                                  f"{article['article_id']}): {type(exc).__name__}: {exc}") from exc
        yield article, rows


def extract_stream(articles: Iterable[dict], total: int, model_name: str | None = None,
                   workers: int = 1) -> Iterator[tuple[dict, Rows]]:
    """(article, rows by table) for each of `total` articles, in order: in this process, in `workers`
    processes, or on the Dask cluster `NEWSETL_DASK_SCHEDULER` names. The rows are the same."""
    scheduler = settings().dask_scheduler
    if scheduler or (workers > 1 and total > BATCH_ARTICLES):
        return extract_in_workers(articles, model_name, workers, total, scheduler)
    return iter_extracted(articles, model_name)


def content_key(article: dict) -> str:
    """Articles with the same key have the same text: one extraction serves them all."""
    return article.get("content_hash") or stable_id(article["text"])


def sources_of(articles: Iterable[dict], prior: dict[str, Extraction]) -> dict[str, str]:
    """{content key: article_id of the article extracted for it} for keys `prior` does not hold:
    the first original with that text, else the first copy."""
    sources: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: a.get("duplicate_of") is not None):  # originals first
        if content_key(article) not in prior:
            sources.setdefault(content_key(article), article["article_id"])
    return sources


def extract_tables(articles: list[dict], model_name: str | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   prior: dict[str, Extraction] | None = None, workers: int = 1) -> dict[str, list[dict]]:
    """All extraction rows for the articles, in memory. An exact copy (the same text as another article
    of the batch, or as an earlier article whose rows `prior` holds by content key) reuses those rows
    under its own ids; near copies are extracted like any article (their offsets differ). With `workers`
    > 1 the articles are extracted by that many processes; the rows are the same.

    `progress(done, total)` is called after each article extracted.
    """
    prior = prior or {}
    chosen = set(sources_of(articles, prior).values())
    sources = [a for a in articles if a["article_id"] in chosen]
    extracted = dict(prior)
    for done, (article, rows) in enumerate(extract_stream(sources, len(sources), model_name, workers), start=1):
        extracted[content_key(article)] = (article["article_id"], rows)
        if progress is not None:
            progress(done, len(sources))
    tables: dict[str, list[dict]] = {name: [] for name in EXTRACTED_TABLES}
    for article in articles:
        owner, rows = extracted[content_key(article)]
        rows = rows if owner == article["article_id"] else copy_rows(rows, article["article_id"])
        for name in EXTRACTED_TABLES:
            tables[name].extend(rows.get(name, []))
    resolve_lost_letters(tables)
    return tables


def copy_rows(rows: Rows, article_id: str) -> Rows:
    """The original's extraction re-keyed to the copy: same offsets (same text), new ids."""
    out = {}
    for name, table in rows.items():
        copied = []
        for row in table:
            new = dict(row, article_id=article_id)
            for column in _ID_COLUMNS[name]:
                if new.get(column) is not None:
                    new[column] = stable_id(article_id, row[column])
            if name == "participants" and new.get("members"):
                new["members"] = [stable_id(article_id, m) for m in new["members"]]
            copied.append(new)
        out[name] = copied
    return out
