"""The model's attribute ruler (its tag map and word exceptions, which set POS, MORPH and some lemmas),
with its patterns looked up by the tag and word of their first token instead of tried at every token.

spaCy's Matcher tries each of the ruler's ~180 patterns at every token, which costs about as much as the
tagger and the parser together. Here a token is checked only against the patterns whose first token names
its tag or its word (and the few that name neither), once per distinct tag, dependency, space and word
(words no pattern names count as one, split only by the word regexes they meet). The matches, and so every attribute set, are the stock ruler's (the test compares them)."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

FACTORY = "indexed_attribute_ruler"
WORDS_KEPT = 50_000  # words whose key is remembered (memory stays flat however many articles pass)
_KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]  # everything a one-token pattern of the ruler reads, in this order
_TOKEN_VALUES: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_, "IS_SPACE": lambda t: t.is_space,
}
Check = Callable[[Token], bool]


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler whose `match` finds the same matches through an index of its patterns' first tokens."""

    def __init__(self, vocab, name: str = FACTORY, **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._indexed: dict[tuple[str, object], list[_Pattern]] = defaultdict(list)
        self._unindexed: list[_Pattern] = []
        self._match_ids: list[int] = []
        self._seen: dict[tuple, tuple[tuple[int, ...], tuple[_Pattern, ...]]] = {}  # token key -> what it starts
        self._words: set[str] = set()  # every word a pattern names
        self._word_regexes: list[re.Pattern] = []  # every pattern on a word's form
        self._word_keys: dict[int, object] = {}  # LOWER -> the word as patterns tell it apart

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        attr_id = len(self.attrs)
        super().add(patterns, attrs, index)
        self._match_ids.append(self.vocab.strings[str(attr_id)])  # the match id the stock ruler's Matcher gives
        for tokens in patterns:
            for spec in tokens:
                self._note_words(spec.get("LOWER"))
            pattern = _Pattern(attr_id, tuple(_check(spec) for spec in tokens))
            keys = _index_keys(tokens[0])
            for key in keys:
                self._indexed[key].append(pattern)
            if not keys:
                self._unindexed.append(pattern)
        self._seen.clear()
        self._word_keys.clear()

    def _note_words(self, value: object) -> None:
        if isinstance(value, str):
            self._words.add(value)
        elif isinstance(value, dict):
            (op, arg), = value.items()
            if op == "REGEX":
                self._word_regexes.append(re.compile(arg))
            else:
                self._words.update(arg)

    def _word_key(self, lower: int, doc: Doc) -> object:
        """The word itself when a pattern names it; else only which word patterns it meets, so that all
        other words share a key (every pattern answers the same for them)."""
        key = self._word_keys.get(lower)
        if key is None:
            if len(self._word_keys) >= WORDS_KEPT:
                self._word_keys.clear()
            word = doc.vocab.strings[lower]
            key = self._word_keys[lower] = word if word in self._words else tuple(
                bool(r.search(word)) for r in self._word_regexes)
        return key

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        keys = doc.to_array(_KEY_ATTRS).tolist() if n else []
        found = []
        for i, (tag, lower, dep, space) in enumerate(keys):  # tokens alike to the patterns start the same ones
            key = (tag, self._word_key(lower, doc), dep, space)
            starting = self._seen.get(key)
            if starting is None:
                starting = self._seen[key] = self._starting_at(doc[i])
            singles, longer = starting
            found.extend((attr_id, i, i + 1) for attr_id in singles)
            for pattern in longer:
                end = i + len(pattern.checks)
                if end <= n and all(check(doc[j]) for j, check in enumerate(pattern.checks[1:], start=i + 1)):
                    found.append((pattern.attr_id, i, end))
        return [(attr_id, self._match_ids[attr_id], start, end) for attr_id, start, end in sorted(set(found))]

    def _starting_at(self, tok: Token) -> tuple[tuple[int, ...], tuple[_Pattern, ...]]:
        """The attribute sets of the one-token patterns the token matches, and the longer patterns it starts."""
        candidates = (*self._indexed.get(("TAG", tok.tag_), ()), *self._indexed.get(("LOWER", tok.lower_), ()),
                      *self._unindexed)
        starting = dict.fromkeys(p for p in candidates if p.checks[0](tok))
        return (tuple(p.attr_id for p in starting if len(p.checks) == 1),
                tuple(p for p in starting if len(p.checks) > 1))


@dataclass(frozen=True)
class _Pattern:
    """One pattern of the ruler: its attribute set, and a check per token."""

    attr_id: int
    checks: tuple[Check, ...]


@Language.factory(FACTORY)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def _index_keys(spec: dict) -> list[tuple[str, object]]:
    """Where a one-token pattern is filed: under each tag it requires, else each word; [] if it names neither."""
    for attr in ("TAG", "LOWER"):
        value = spec.get(attr)
        if isinstance(value, str):
            return [(attr, value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(attr, v) for v in value["IN"]]
    return []


def _check(spec: dict) -> Check:
    """Whether a token meets every condition of a one-token pattern, as the Matcher reads them."""
    conditions = [(_TOKEN_VALUES[attr], _condition(value)) for attr, value in spec.items()]
    return lambda tok: all(holds(get(tok)) for get, holds in conditions)


def _condition(value: object) -> Callable[[object], bool]:
    if not isinstance(value, dict):
        return lambda v: v == value
    (op, arg), = value.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda v: v in allowed
    if op == "NOT_IN":
        refused = frozenset(arg)
        return lambda v: v not in refused
    if op == "REGEX":
        return re.compile(arg).search
    raise ValueError(f"attribute ruler pattern operator {op!r} is not supported")


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the pipeline's attribute ruler by the indexed one, with the same patterns, when it has one
    and every pattern is of the kinds read here (fixed tokens; equality, IN, NOT_IN and REGEX)."""
    if name not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe(name).patterns
    if all(_readable(spec) for p in patterns for tokens in p["patterns"] for spec in tokens):
        nlp.replace_pipe(name, FACTORY).add_patterns(patterns)


def _readable(spec: dict) -> bool:
    return set(spec) <= set(_TOKEN_VALUES) and all(
        not isinstance(v, dict) or len(v) == 1 and set(v) <= {"IN", "NOT_IN", "REGEX"} for v in spec.values())
