"""Loading the spaCy model by its configurable name, parsing texts of any length, and what the
extractors read from a parse: lemmas (on demand) and the doc's text (built once)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipelines.config import DEFAULT_MODEL, FALLBACK_MODEL
from pipelines.extract.attribute_index import index_attribute_ruler

CHUNK_CHARS = 100_000  # parse long articles in paragraph chunks of at most this size
ON_DEMAND = "lemmatizer"  # loaded but not run over every token: `lemma_of` asks it for the tokens read
_lemmatizers: dict[int, Callable[[Token], list[str]]] = {}  # id(vocab) -> its model's lemmatizer
_LEMMAS_KEPT = 50_000  # lemmas remembered across docs, by what the lemmatizer reads of a token
_lemma_memo: dict[tuple[int, int, int, int], str] = {}
# verb forms the model's rule lemmatizer cuts to another word it knows ("hoped" -> "hop")
VERB_LEMMA_FIXES = {"hoped": "hope", "hoping": "hope", "retweeted": "retweet", "retweeting": "retweet"}


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: the headline, a dateline or a paragraph never runs into the next."""
    space = doc.to_array(IS_SPACE).astype(bool)
    for i in (numpy.flatnonzero(space[:-1] & ~space[1:]) + 1).tolist():
        if "\n" in doc[i - 1].text:
            doc[i].is_sent_start = True
    return doc


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline package `name` (falling back to en_core_web_sm when it is not installed),
    with sentences broken at line breaks before the parser runs, the attribute ruler indexed (same
    attributes, less time) and the lemmatizer kept for `lemma_of`."""
    try:
        nlp = spacy.load(name, disable=[ON_DEMAND])
    except OSError:
        if name != DEFAULT_MODEL:
            raise
        nlp = spacy.load(FALLBACK_MODEL, disable=[ON_DEMAND])
    nlp.add_pipe("paragraph_breaks", before="parser")
    index_attribute_ruler(nlp)
    if ON_DEMAND in nlp.component_names:
        lemmatizer = nlp.get_pipe(ON_DEMAND)
        _index_as_sets(lemmatizer)
        _lemmatizers[id(nlp.vocab)] = lemmatizer.lemmatize
    return nlp


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer asks whether a candidate lemma is in its word index, a list of up to 57,000
    words per part of speech; as a set the answer is the same and takes no scan."""
    if "lemma_index" in lemmatizer.lookups.tables:
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            index[pos] = frozenset(words)


def lemma_of(tok: Token) -> str:
    """The token's lemma in lower case, as the model's lemmatizer gives it. Only the tokens an extractor
    asks about are lemmatized (most never are), each once per doc."""
    lemmas = tok.doc.user_data.setdefault("lemmas", {})
    found = lemmas.get(tok.i)
    if found is None:
        found = lemmas[tok.i] = _lemma(tok)
    return found


def _lemma(tok: Token) -> str:
    if tok.lemma:  # the attribute ruler's exceptions ("'d" -> "would"), which the lemmatizer keeps
        return tok.lemma_.lower()
    lemmatize = _lemmatizers.get(id(tok.vocab))
    if lemmatize is None:
        return tok.lemma_.lower()
    key = (id(tok.vocab), tok.orth, tok.pos, tok.morph.key)  # all the rule lemmatizer reads of a token
    found = _lemma_memo.get(key)
    if found is None:
        if len(_lemma_memo) >= _LEMMAS_KEPT:
            _lemma_memo.clear()
        fixed = VERB_LEMMA_FIXES.get(tok.lower_) if tok.pos_ == "VERB" else None
        found = _lemma_memo[key] = fixed or lemmatize(tok)[0].lower()
    return found


def clause_subject(verb: Token) -> Token | None:
    """The verb's subject, or for a relative clause's "who"/"which" what it stands for: "Roman Chekushov,
    vice-minister of the Russian Federation, who paid ..." is Chekushov (a "who" is a person)."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.tag_ not in {"WP", "WDT"} or verb.dep_ != "relcl":
        return subject
    head = verb.head
    if subject.lower_ == "who":
        person = head
        while person.ent_type_ != "PERSON" and person.dep_ in {"pobj", "prep", "appos"} and person.head != person:
            person = person.head
        head = person if person.ent_type_ == "PERSON" else head
    return head


def tokens_of(doc: Doc) -> list[Token]:
    """The doc's tokens, made once per doc (spaCy makes a new Token object on every access)."""
    if "tokens" not in doc.user_data:
        doc.user_data["tokens"] = list(doc)
    return doc.user_data["tokens"]


def sentences_of(doc: Doc) -> list[Span]:
    """The doc's sentences, found once per doc."""
    if "sentences" not in doc.user_data:
        doc.user_data["sentences"] = list(doc.sents)
    return doc.user_data["sentences"]


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per doc (spaCy joins every token on each `doc.text`)."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


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
