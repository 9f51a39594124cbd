"""One article through every extractor: participants, quotes, events and their links."""
from __future__ import annotations

from spacy.tokens import Doc

from pipelines.extract.events import event_rows, extract_events
from pipelines.extract.lexicon import Lexicon
from pipelines.extract.mentions import LOST_LETTER
from pipelines.extract.participants import extract_participants, participant_rows
from pipelines.extract.quotes import extract_quotes, quote_rows
from pipelines.ingest.clean import LOST_CHAR
from pipelines.ingest.dateline import dateline_date
from pipelines.ingest.published import local_publication_date


def text_for_parser(text: str) -> str:
    """The article text with letters lost to `?` replaced by a letter, same length, so offsets hold."""
    return LOST_CHAR.sub(LOST_LETTER, text)


def extract_article(doc: Doc, article: dict, lex: Lexicon) -> dict[str, list[dict]]:
    """Rows of the four extraction tables for one parsed article."""
    article_id, text = article["article_id"], article["text"]
    parts = extract_participants(doc, article, lex)
    quotes = extract_quotes(doc, parts, lex)
    pub = local_publication_date(article.get("published_at"), article.get("published_tz"))
    pub = dateline_date(text, pub) or pub  # the report's own local day, when a dateline gives it
    title_end = len(article.get("title") or "")
    events = extract_events(doc, parts, lex, pub, title_end)
    events_rows, links = event_rows(events, article_id, text, lex)
    return {
        "participants": participant_rows(parts, article_id),
        "quotes": quote_rows(quotes, article_id, text),
        "events": events_rows,
        "event_participants": links,
    }
