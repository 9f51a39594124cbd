"""The hand-annotated news articles: ingested as users' files would be, extracted in one batch."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.config import settings


@dataclass
class Extracted:
    """Each annotated file's article, the extraction tables of them all, and the extraction time."""

    by_file: dict[str, dict]
    tables: dict[str, list[dict]]
    seconds: float


def extract_annotated(corpus: Path, files: list[str]) -> Extracted:
    """Ingest the files (named relative to `corpus`) and extract them; a file that ingest rejects is left out."""
    from pipelines.extract import extract_tables
    from pipelines.ingest import ingest_paths

    by_file = {}
    for file in files:
        for article in ingest_paths([corpus / file], date.today(), settings().max_bytes).articles:
            by_file[file] = article
    started = time.monotonic()
    tables = extract_tables(list(by_file.values()))
    return Extracted(by_file, tables, time.monotonic() - started)
