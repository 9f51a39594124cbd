"""Loading the spaCy model by its configurable name and parsing texts of any length."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.config import DEFAULT_MODEL, FALLBACK_MODEL

CHUNK_CHARS = 100_000  # parse long articles in paragraph chunks of at most this size
UNUSED_COMPONENTS: tuple[str, ...] = ()


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: the headline, a dateline or a paragraph never runs into the next."""
    for tok in doc[1:]:
        if doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text and not tok.is_space:
            tok.is_sent_start = True
    return doc


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline package `name` (falling back to en_core_web_sm when it is not installed),
    with sentences broken at line breaks before the parser runs."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        if name != DEFAULT_MODEL:
            raise
        nlp = spacy.load(FALLBACK_MODEL, exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def paragraph_chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split text at line breaks into pieces of at most `limit` characters that join back to `text`."""
    if len(text) <= limit:
        return [text]
    chunks, current = [], ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            head, line = line[:limit], line[limit:]
            if current:
                chunks.append(current)
                current = ""
            chunks.append(head)
        if len(current) + len(line) > limit and current:
            chunks.append(current)
            current = ""
        current += line
    if current:
        chunks.append(current)
    return chunks


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16,
                chunk_chars: int = CHUNK_CHARS) -> Iterator[Doc]:
    """Docs for the texts, in order, parsed in batches; a text longer than a chunk is parsed piecewise
    and re-joined."""
    parts: list[Doc] = []
    for doc, n_chunks in nlp.pipe(_chunks(texts, chunk_chars), as_tuples=True, batch_size=batch_size):
        parts.append(doc)
        if len(parts) == n_chunks:
            yield parts[0] if n_chunks == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            parts = []


def _chunks(texts: Iterable[str], chunk_chars: int) -> Iterator[tuple[str, int]]:
    """(chunk, how many chunks its text has) for every text, in order."""
    for text in texts:
        chunks = paragraph_chunks(text, chunk_chars)
        for chunk in chunks:
            yield chunk, len(chunks)
