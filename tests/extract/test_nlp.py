"""Parsing: batches keep their order, long texts are parsed in chunks that join back exactly."""
from __future__ import annotations

from pipelines.extract.nlp import load_model, paragraph_chunks, parse_texts


def test_chunks_join_back_to_the_text():
    text = "".join(f"Paragraph {i} says the talks went on.\n" for i in range(50))
    chunks = paragraph_chunks(text, limit=200)
    assert "".join(chunks) == text and max(map(len, chunks)) <= 200 and len(chunks) > 5


def test_batches_keep_order_and_long_texts_come_back_whole():
    long_text = "".join(f"Minister Park met envoy number {i} in Seoul.\n" for i in range(12))
    texts = ["Short one.", long_text, "Another short text.\nWith a second line."]
    docs = list(parse_texts(load_model(), texts, batch_size=2, chunk_chars=120))
    assert [d.text for d in docs] == texts
    assert [t.text for t in docs[2] if t.is_sent_start] == ["Another", "With"]  # a line break ends a sentence
