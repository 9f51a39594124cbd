"""Extraction: articles to participants, quotes, events and event_participants rows (no Dagster here)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pipelines.config import settings
from pipelines.extract.article import extract_article, text_for_parser
from pipelines.extract.canonical import resolve_lost_letters
from pipelines.extract.lexicon import lexicon
from pipelines.extract.nlp import load_model, parse_texts
from pipelines.ids import stable_id

EXTRACT_TABLES = ("participants", "quotes", "events", "event_participants")
_ID_COLUMNS = {"participants": ("participant_id",), "quotes": ("quote_id", "speaker_participant_id"),
               "events": ("event_id",), "event_participants": ("event_id", "participant_id")}


def iter_extracted(articles: Iterable[dict], model_name: str | None = None) -> Iterator[tuple[dict, dict[str, list[dict]]]]:
    """(article, rows by table) for each original article, parsed in batches."""
    nlp = load_model(model_name or settings().spacy_model)
    lex = lexicon()
    originals = [a for a in articles if a.get("duplicate_of") is None]
    for article, doc in zip(originals, parse_texts(nlp, (text_for_parser(a["text"]) for a in originals))):
        yield article, extract_article(doc, article, lex)


def extract_tables(articles: list[dict], model_name: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> dict[str, list[dict]]:
    """All extraction rows for the articles; an exact copy reuses its original's rows under its own ids.

    `progress(done, total)` is called after each original article.
    """
    total = sum(1 for a in articles if a.get("duplicate_of") is None)
    by_article: dict[str, dict[str, list[dict]]] = {}
    for done, (article, rows) in enumerate(iter_extracted(articles, model_name), start=1):
        by_article[article["article_id"]] = rows
        if progress is not None:
            progress(done, total)
    tables = reuse_for_copies(articles, by_article)
    resolve_lost_letters(tables)
    return tables


def reuse_for_copies(articles: list[dict], by_article: dict[str, dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Rows for every article in order: originals' own, copies' re-keyed from their original."""
    tables: dict[str, list[dict]] = {name: [] for name in EXTRACT_TABLES}
    for article in articles:
        original = article.get("duplicate_of")
        rows = by_article.get(article["article_id"]) if original is None else _copy_rows(by_article.get(original), article["article_id"])
        for name in EXTRACT_TABLES:
            tables[name].extend((rows or {}).get(name, []))
    return tables


def _copy_rows(rows: dict[str, list[dict]] | None, article_id: str) -> dict[str, list[dict]]:
    """The original's extraction re-keyed to the copy: same offsets (same text), new ids."""
    if rows is None:
        return {}
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
