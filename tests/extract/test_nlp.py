"""Parsing: batches keep their order, long texts are parsed in chunks that join back exactly."""
from __future__ import annotations

import spacy

from pipelines.extract.nlp import lemma_of, load_model, paragraph_chunks, parse_texts


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


def test_lemmas_on_demand_are_the_lemmatizers_own():
    text = "The ministers strongly condemned the launches, and said they'd hold talks in Tokyo."
    nlp = load_model()
    assert "lemmatizer" not in nlp.pipe_names  # it does not run over every token
    full = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    ours, theirs = [lemma_of(t) for t in nlp(text)], [t.lemma_.lower() for t in full(text)]
    assert ours == theirs
    assert [ours[i] for i in (1, 3, 5, 10, 12)] == ["minister", "condemn", "launch", "would", "talk"]


def test_the_indexed_attribute_ruler_sets_what_the_stock_one_sets():
    text = ("There's a cat, and I'd say y'all ain't gonna win. Let's c'm on!  Me and him 'd go.\n"
            "The ministers strongly condemned the launches on Monday, a spokesperson told reporters. Nuthin' new.")
    nlp = load_model()
    stock = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "IndexedAttributeRuler"
    ours, theirs = nlp(text), stock(text)
    assert nlp.get_pipe("attribute_ruler").match(ours) == stock.get_pipe("attribute_ruler").match(theirs)
    assert [(t.pos_, str(t.morph)) for t in ours] == [(t.pos_, str(t.morph)) for t in theirs]
    assert [(t.text, t.pos_) for t in ours][1:3] == [("'s", "VERB"), ("a", "DET")]  # "There's": a two-token rule
