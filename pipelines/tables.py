"""The output tables of docs/CONTRACT.md as pyarrow schemas: the one place they are defined.

Columns beyond the contract's minimum are marked "extra" in the comments.
"""
from __future__ import annotations

import pyarrow as pa

ARTICLES = pa.schema([
    ("article_id", pa.string()),
    ("source_uri", pa.string()),
    ("source_name", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("byline", pa.string()),
    ("published_at", pa.timestamp("us", tz="UTC")),
    ("published_tz", pa.string()),
    ("language", pa.string()),
    ("text", pa.string()),
    ("ingest_date", pa.date32()),
    ("duplicate_of", pa.string()),
    ("source_hint", pa.string()),  # extra: outlet named in a bracketed byline ("Asia Economy")
    ("content_hash", pa.string()),  # extra: hash of the normalized text, for duplicate detection
    ("fetched_at", pa.timestamp("us", tz="UTC")),  # extra: when a crawler or feed fetched the page
    ("dateline_place", pa.string()),  # extra: the dateline's place as written ("PYONGYANG")
    ("dateline_date", pa.date32()),  # extra: the dateline's day, in the publication's year
    ("lost_chars", pa.list_(pa.int32())),  # extra: offsets of "?" standing for a letter the encoding lost
])

PARTICIPANTS = pa.schema([
    ("participant_id", pa.string()),
    ("article_id", pa.string()),
    ("actor_id", pa.string()),
    ("name", pa.string()),
    ("kind", pa.string()),
    ("title", pa.string()),
    ("affiliation", pa.string()),
    ("country_code", pa.string()),
    ("mention_count", pa.int32()),
    ("first_start", pa.int32()),
    ("first_end", pa.int32()),
    ("role", pa.string()),  # extra: normalized role ("foreign minister", "spokesperson")
    ("members", pa.list_(pa.string())),  # extra: participant_ids of a group's members
    ("aliases", pa.list_(pa.string())),  # extra: every distinct mention text resolved to it
])

QUOTES = pa.schema([
    ("quote_id", pa.string()),
    ("article_id", pa.string()),
    ("text", pa.string()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("kind", pa.string()),
    ("speaker", pa.string()),
    ("speaker_participant_id", pa.string()),
    ("speaker_start", pa.int32()),
    ("speaker_end", pa.int32()),
    ("cue", pa.string()),
    ("via", pa.string()),
    ("cue_start", pa.int32()),  # extra: span of the cue as written
    ("cue_end", pa.int32()),
])

EVENTS = pa.schema([
    ("event_id", pa.string()),
    ("article_id", pa.string()),
    ("event_type", pa.string()),
    ("mode", pa.string()),
    ("cameo_root", pa.string()),
    ("quad_class", pa.int8()),
    ("goldstein", pa.float32()),
    ("trigger", pa.string()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("event_date", pa.date32()),
    ("date_text", pa.string()),
    ("date_precision", pa.string()),
    ("location", pa.string()),
    ("modality", pa.string()),
    ("is_root", pa.bool_()),
    ("date_source", pa.string()),  # extra: explicit, relative, inherited or publication
    ("location_country_code", pa.string()),  # extra: ISO alpha-3 of the location
    ("sentence_start", pa.int32()),  # extra: the evidence sentence's span
    ("sentence_end", pa.int32()),
])

EVENT_PARTICIPANTS = pa.schema([
    ("event_id", pa.string()),
    ("participant_id", pa.string()),
    ("role", pa.string()),
    ("article_id", pa.string()),  # extra: so the table partitions and joins like the others
])

REJECTS = pa.schema([
    ("source_uri", pa.string()),
    ("reason", pa.string()),
    ("detail", pa.string()),
    ("ingest_date", pa.date32()),
])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "participants": PARTICIPANTS,
    "quotes": QUOTES,
    "events": EVENTS,
    "event_participants": EVENT_PARTICIPANTS,
    "rejects": REJECTS,
}
TABLE_NAMES = tuple(SCHEMAS)
EXTRACTED_TABLES = ("participants", "quotes", "events", "event_participants")


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) to an Arrow table with the table's schema; missing columns are null."""
    schema = SCHEMAS[name]
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.table(columns, schema=schema)
