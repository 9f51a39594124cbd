"""Quotes: direct quotations, partial quotations inside reported speech, and indirect speech.

Content spans follow PolNeAR: a quotation keeps its marks and the punctuation inside them; reported content
is the clause the cue governs, "that" included, the final period left out. A quotation that its attribution
interrupts ('"...," she said. "..."') is one quote running from its first mark to its last.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipelines.extract.lexicon import Lexicon, lexicon
from pipelines.extract.mentions import Mention
from pipelines.extract.nlp import doc_text, lemma_of, sentences_of, tokens_of
from pipelines.extract.participants import ArticleParticipants, Entity
from pipelines.ids import stable_id

DOUBLE_MARKS = re.compile(r"(?<![^\s(\[—–-])''(?=')|''(?!')|[“”«»\"]")  # "'''": '' then ' opening, ' then '' closing
SINGLE_MARKS = re.compile(r"[‘’]")
OPENING = {"“": "”", "«": "»", "‘": "’"}
CLOSING = frozenset(OPENING.values())
DOUBLE_CLOSERS = frozenset('”"“')  # a quotation opened with one of these may close with another: “...."
QUOTE_MARKS = "“”«»\"'‘’"
PARAGRAPH_BREAK = re.compile(r"\n+")
SENTENCE_END = re.compile(r"[.!?]+['\"”’]*(?=\s|$)")
WORD_BEFORE = re.compile(r"(?:^|[^\w.])([\w.]+)$")
ABBREVIATIONS = frozenset({"Mr", "Ms", "Mrs", "Dr", "Jr", "Sr", "St", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt",
                           "Prof", "Rev", "Mt", "Ft", "No", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec"})
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
FINITE = {"VBD", "VBZ", "VBP"}  # verb tags no reduced relative clause has
PARTICLES = {"prt", "advmod", "dobj"}  # "pointed out", "shot back", "as she put it"
NOUN_PHRASE_POS = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "PART", "NUM", "PUNCT"}  # words a speaker's phrase has
CONTRASTS = {"while", "whereas", "though", "although"}  # a clause they open after a quotation is the writer's
DASHES = ("-", "—", "–")
CLIMB = {"advcl", "xcomp", "conj", "acl", "pcomp", "prep"}  # a cue's subject may be its head's: "X left, saying"
MIN_UNATTRIBUTED_WORDS = 6
TITLE_WORDS = 8
HEADLINE_WORDS = 15  # a line this short opened by a name and a colon is a headline: 'Milbank: Republicans ‘...’'
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "is", "by"})
MIN_QUOTATION_WORDS = 3  # shorter marked stretches ("Cia", a title) may sit inside an attribution
# "Rubio: ...", "Rubio on Iowa: ...", 'Rep. Doe (D-Ore.):"..."' opening a line (a headline, a transcript), maybe after
# a kicker ("EXCLUSIVE – ")
SPEAKER_LINE = re.compile(r"^(?:[A-Z]+ [–—-] )?([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,5})(?: \([^()\n]{1,20}\))?"
                          r"(?: on [^:\n]{1,80})?:(?:\s+(?=\S)|(?=[\"“]))", re.M)
# a paragraph a mark opens and a short signature line closes: '"We will win.\nJane Doe, Farm Bureau."'
SIGNED_PARAGRAPH = re.compile(r'^(["“][^\n"“”]{20,})\n([^\n"“”]{3,80}?)\.?["”][ \t]*$', re.M)
SAID_COMMA = re.compile(  # 'Clinton said, "as long as ..."', 'As Politico reported, "... if ..."'
    r"\b(?:said|says|added|adds|asked|asks|wrote|writes|reported|reports|noted|notes|explained|explains"
    r"|continued|continues|replied|replies|tweeted|tweets|declared|declares|told(?: \w+){1,3}"
    r"|saying|adding|asking|writing|noting|explaining|replying|tweeting(?: at \w+)?),$")
BYLINE = re.compile(r",?[ \t]*by [^:\"“”\n]{1,80}:[ \t]*")  # a cited article: '"Headline," by Times' Jane Doe: "..."'
DASH_NAME = re.compile(r"\s*[―—–-]+\s*([A-Z][\w.'’ -]{1,60}?)\s*(?:[,(]|\.?\s*$)")  # "― Jane Doe, on Twitter"
FRAGMENT_WORDS = 6  # a quotation this long inside a verb's object is what the verb's subject said
SPEAKING_KINDS = {"person", "organization", "group"}
SPEAKING_PRONOUNS = {"he", "she", "they", "we", "i"}
PERSON_OBJECTS = frozenset({"him", "her", "them", "me", "us", "himself", "herself", "themselves", "myself"})
JOIN_GAP = 1.0  # a speaker's two quotations are one span when the text between is no longer than they are
SIGNATURE_WORDS = 6  # a sentence this short after a closed quotation may be its cue: '"... missing." Trump said.'
SIGNATURE_VERB_WORDS = 4  # '"...," Hannity started.': so short a sentence after a quotation's comma is its cue
ASIDE_TAIL = 4  # words after a cue that still belong to an aside attribution: ", she said in an interview,"
CUE_REACH = 10  # tokens after a quotation within which its cue ("…," the senator from Ohio said) must come
CONTINUATION_REACH = 2  # paragraphs after a speaker's quote within which a quotation with no cue is still theirs


@dataclass
class Quote:
    start: int
    end: int
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Entity | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    via: str | None = None


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quotation, marks included, in text order, never overlapping; unbalanced marks
    are left alone.

    Double marks are curly, straight or doubled apostrophes (''); single curly marks count outside double ones. A
    curly quotation inside another double one is part of it when the paragraph closes both or the outer one goes
    on into the next paragraph (“... “list” ...”, "... “list” ...").
    """
    doubles = _pairs(text, DOUBLE_MARKS)
    starts = [s for s, _ in doubles]

    def outside_doubles(s: int, e: int) -> bool:
        k = bisect.bisect_left(starts, e) - 1  # the last double quotation starting before e
        return k < 0 or doubles[k][1] <= s
    singles = [(s, e) for s, e in _pairs(text, SINGLE_MARKS) if outside_doubles(s, e)]
    return sorted(span for span in doubles + singles if span[1] - span[0] > 2)


def _pairs(text: str, marks: re.Pattern) -> list[tuple[int, int]]:
    """Opening and closing marks paired; a quotation runs over paragraphs that each open with a mark again."""
    spans: list[tuple[int, int]] = []
    open_at, closer, last, nested = None, "", 0, 0
    for m in marks.finditer(text):
        if open_at is not None and "\n" in text[last:m.start()]:
            if _starts_paragraph(text, m.start()) and _can_open(text, m) \
                    and len(PARAGRAPH_BREAK.findall(text, last, m.start())) == 1:
                last = m.end()
                continue
            open_at, nested = None, 0
        if open_at is not None and m.group() == "“" and m.start() > open_at + 1 \
                and _nests(text, m.end(), text[open_at]):
            nested += 1  # “... “list” ...”: a curly quotation inside another double one
            continue
        if nested and m.group() == "”":
            nested -= 1
            continue
        if open_at is not None and _can_close(text, m, closer):
            spans.append((open_at, m.end()))
            open_at = None
        elif _can_open(text, m) and (open_at is None or m.group() in OPENING):
            open_at, closer, last = m.start(), OPENING.get(m.group(), m.group()), m.end()
    return spans


def _nests(text: str, i: int, outer: str) -> bool:
    """Whether a curly quotation opening before i nests in one `outer` opened: the rest of the paragraph closes two
    curly quotations more than it opens (“... “list” ...”), or, in straight marks, closes the curly one and then
    the straight one or goes on in a paragraph the straight mark opens again ("... “list” ...")."""
    end = text.find("\n", i)
    rest = text[i:end if end >= 0 else len(text)]
    if outer == "“":
        return rest.count("”") - rest.count("“") >= 2
    if outer != '"' or rest.count("”") - rest.count("“") < 1:
        return False
    return '"' in rest[rest.rfind("”"):] or end >= 0 and text[end:].lstrip().startswith('"')


def _starts_paragraph(text: str, i: int) -> bool:
    return not text[text.rfind("\n", 0, i) + 1:i].strip()


def _can_open(text: str, m: re.Match) -> bool:
    mark, before, after = m.group(), text[m.start() - 1:m.start()] or " ", text[m.end():m.end() + 1] or " "
    if mark == "”":  # a closing mark typed for an opening one: '”This is why,” he said', '” … and so,” she said'
        return (before.isspace() or before in "([{—–-:" or unicodedata.category(before) == "Cf") \
            and (after.isalnum() or text[m.end():m.end() + 4].lstrip().startswith(("…", "...")))
    if mark in CLOSING:
        return False
    if mark == "‘":
        return not before.isalnum() and not after.isspace() and not after.isdigit()
    if mark in OPENING:
        return True
    return (before.isspace() or before in "([{—–-:,/") and not after.isspace()


def _can_close(text: str, m: re.Match, closer: str) -> bool:
    mark, before, after = m.group(), text[m.start() - 1:m.start()] or " ", text[m.end():m.end() + 1] or " "
    if mark != closer:
        return mark in DOUBLE_CLOSERS and closer in DOUBLE_CLOSERS and _closes_here(before, after)
    if mark == "’":
        return not after.isalnum() and not before.isspace()
    return mark in CLOSING or not _can_open(text, m) or m.end() == len(text)


def _closes_here(before: str, after: str) -> bool:
    """Whether a mark stands where a quotation ends: after a word or punctuation, before a space or punctuation."""
    return not before.isspace() and not after.isalnum()


def extract_quotes(doc: Doc, parts: ArticleParticipants, lex: Lexicon) -> list[Quote]:
    """Direct quotations with the cue around them first, then the content clauses of the remaining cues and of the
    speech nouns with an owner ("her claim that ..."; a partial quote replaces its fragments), then the lines a
    speaker's name opens ("Rubio: ..."), then the quotations that have no cue of their own, then long quotations
    inside the object of a verb whose subject speaks."""
    quotations = quotation_spans(doc_text(doc))
    direct, uncued, used_cues = _direct_quotes(doc, quotations, parts, lex)
    found = _QuoteSet(direct)
    marks = _Marks(quotations)
    for sent in sentences_of(doc):
        cues = [t for t in _cues(sent, lex) if t.i not in used_cues and not marks.inside(t.idx)]
        candidates = [q for cue in cues if (q := _attribution(cue, sent, quotations, parts, lex))]
        candidates += [q for t in sent if t.pos_ == "NOUN" and t.dep_ != "ROOT" and lemma_of(t) in lex.speech_nouns
                       and not marks.inside(t.idx) and (q := _owned_statement(t, quotations, parts))]
        _nested_conduits(candidates)
        for q in candidates:
            found.add(q, absorbs=q.kind == "partial")
    for q in _speaker_lines(doc_text(doc), quotations, parts):
        found.add(q, absorbs=True)
    for q in _signed_paragraphs(doc_text(doc), parts):
        found.add(q, absorbs=True)
    quotes = found.items
    _cued_without_subject(doc_text(doc), quotes)
    _extend_reported(doc_text(doc), quotations, quotes)
    for s, e in uncued:
        if not any(q.start <= s and e <= q.end for q in quotes):
            _attach_uncued(doc_text(doc), s, e, quotes)
    taken = _QuoteSet(quotes)
    for s, e in quotations:
        if len(_inner(doc_text(doc), s, e).split()) >= FRAGMENT_WORDS and not taken.overlapping(s, e) \
                and (q := _fragment_quote(doc, s, e, quotations, parts)):
            taken.add(q, absorbs=False)
    return sorted((q for q in taken.items if doc_text(doc)[q.start:q.end].lower() not in PERSON_OBJECTS),
                  key=lambda q: q.start)  # "criticized him" reports nothing


def _fragment_quote(doc: Doc, s: int, e: int, quotations, parts: ArticleParticipants) -> Quote | None:
    """A quotation inside the object of a verb whose subject speaks: 'she thanked its members "for their support
    in my campaign"'; the content is what follows the verb up to the quotation's phrase."""
    inside = _tokens(doc, _starts(doc), s, e)
    words = [t for t in inside if t.text not in QUOTE_MARKS]
    if not words:
        return None
    child = words[0]
    while child.head.i != child.i and s <= child.head.idx < e:
        child = child.head
    verb = child.head
    for _ in range(3):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        child, verb = verb, verb.head
    if verb.pos_ != "VERB" or verb.idx > s or (subject := _subject(verb)) is None:
        return None
    mention = parts.covering(subject.idx, subject.idx + len(subject))
    if not (subject.lower_ in SPEAKING_PRONOUNS or mention is not None and mention.entity.kind in SPEAKING_KINDS):
        return None
    right = [c for c in verb.children if verb.i < c.i <= child.i and not c.is_punct]
    first = min(c.left_edge.i for c in right) if right else child.left_edge.i
    last = child.right_edge
    start, end = _trim(doc, doc[first].idx, last.idx + len(last), quotations)
    kind = _kind(start, end, quotations, doc_text(doc)) if start <= s and e <= end + 1 else None
    if kind is None:
        return None
    q = Quote(start, end, kind, lemma_of(verb), verb.idx, verb.idx + len(verb))
    _set_speaker(q, subject, parts)
    return q


class _QuoteSet:
    """Quotes kept in text order, so that finding the ones a new quote overlaps looks only near it."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.items = sorted(quotes, key=lambda q: q.start)
        self.longest = max((q.end - q.start for q in quotes), default=0)

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotes that overlap [start, end)."""
        lo = bisect.bisect_left(self.items, start - self.longest, key=lambda c: c.start)
        hi = bisect.bisect_left(self.items, end, key=lambda c: c.start)
        return [c for c in self.items[lo:hi] if start < c.end]

    def add(self, q: Quote, absorbs: bool) -> None:
        """Add q unless it overlaps a quote; if it `absorbs`, the quotes inside it (the fragments of a partial
        quote) give way to it."""
        overlapping = [c for c in self.overlapping(q.start, q.end)
                       if _overlap((q.start, q.end), (c.start, c.end)) > 0.5]
        if overlapping and not (absorbs and all(q.start <= c.start and c.end <= q.end and not _cued_apart(c, q)
                                                for c in overlapping)):
            return
        for c in overlapping:
            self.items.remove(c)
        bisect.insort(self.items, q, key=lambda c: c.start)
        self.longest = max(self.longest, q.end - q.start)


def _cued_apart(c: Quote, q: Quote) -> bool:
    """A direct quote with its own cue after it that a clause cued before it would take in ('Lopez declared the
    need for change: “...,” she said'): the quotation is hers as said, not part of the clause."""
    return c.kind == "direct" and c.cue_start is not None and c.cue_start >= c.end \
        and q.cue_start is not None and q.cue_start < c.start


class _Marks:
    """Quotation spans looked up by position."""

    def __init__(self, quotations: list[tuple[int, int]]) -> None:
        self.spans = quotations
        self.starts = [s for s, _ in quotations]

    def inside(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and self.spans[k][0] < i < self.spans[k][1] - 1


def _direct_quotes(doc: Doc, quotations, parts: ArticleParticipants,
                   lex: Lexicon) -> tuple[list[Quote], list[tuple[int, int]], set[int]]:
    """Quotations standing as whole sentences with their cue before or after them (or a name or a subject before
    their colon, in their paragraph or ending the one before), the quotations standing alone with no cue, and the
    cue tokens used.

    A quotation with no cue right after a quote in its paragraph joins that quote ('"...," she said. "..."').
    """
    text = doc_text(doc)
    starts = _starts(doc)
    quotes: list[Quote] = []
    uncued: list[tuple[int, int]] = []
    used: set[int] = set()
    for k, (s, e) in enumerate(quotations):
        if _is_title(text, s, e) or _cited(text, quotations, k):
            continue
        if quotes and _resumes(doc, starts, quotes[-1], s, lex):
            _go_on(quotes, s, e)
            continue
        left, right = _clause_start(text, quotations, k), _clause_end(text, quotations, k)
        before = text[left:s].strip()
        cue = _cue_before(doc, starts, left, s, lex) if before and _utterance(text, s, e, before) else None
        if cue is not None and _ends_that_clause(text, cue, s, e, right):
            uncued.append((s, e))  # the reported clause is the content, found with the other cues
            continue
        set_off = before.endswith(DASHES) and _opens_sentence(text, s, e) \
            and not text[e:right].lstrip().startswith(DASHES)  # '... - "He would," she said - ...'
        if cue is None and (not before or before.endswith(":") or set_off) or cue is not None and before.endswith(":"):
            cue = _cue_after(doc, starts, quotations, k, right, lex) or cue  # '...: "...," she said': she speaks
        if cue is None and not before and _opens_sentence(text, s, e):  # 'Jane Doe agreed. "..."'
            cue = _cue_of_sentence_before(doc, starts, left, lex)
        if cue is None and not before and (above := _introduction(text, left)):
            left = above[0]
            cue = _cue_before(doc, starts, *above, lex) or _verb_before(doc, starts, *above)
        named = _name_before_colon(doc, starts, left, s, parts) if cue is None and before.endswith(":") else None
        if named is not None:
            quotes.append(Quote(s, e, "direct"))
            _set_speaker_at(quotes[-1], *named, parts)
            continue
        if cue is None and before.endswith(":"):
            cue = _verb_before(doc, starts, left, s)
        if cue is None and before.endswith(",") and _opens_sentence(text, s, e):
            cue = _verb_before_comma(doc, starts, left, s)
        if cue is not None and _interrupts_prose(text, cue, quotations):
            continue
        if cue is not None:
            quotes.append(_cued_quote(doc, starts, s, e, cue, (left, s) if cue.idx < s else (e, right), parts, lex))
            used.add(cue.i)
        elif before or not _opens_sentence(text, s, e):
            continue
        elif quotes and _same_paragraph(text, quotes[-1].end, s) and quotes[-1].end <= s:
            _go_on(quotes, s, e)
        elif name := _dash_name(text, e, _paragraph(text, e)[1]):
            quotes.append(Quote(s, e, "direct"))
            _set_speaker_at(quotes[-1], *name, parts)
        else:
            uncued.append((s, e))
    return quotes, uncued, used


def _cue_of_sentence_before(doc: Doc, starts: list[int], left: int, lex: Lexicon) -> Token | None:
    """The cue of the sentence right before `left` in its paragraph when it says nothing of its own: no clause, no
    quotation ('Jane Doe agreed.', 'the director said in a statement.', 'she tweeted a warning.')."""
    text = doc_text(doc)
    start = _paragraph(text, left)[0]
    tokens = _tokens(doc, starts, start, left)
    if not len(tokens) or tokens[-1].text not in {".", "!"} or DOUBLE_MARKS.search(text, start, left):
        return None
    root = tokens[-1].sent.root
    if not _is_cue(root, lex) or _subject(root) is None or root.idx < tokens[0].idx \
            or any(c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in root.children):
        return None
    return root


def _cited(text: str, quotations, k: int) -> bool:
    """Whether quotation k is the headline of an article a byline cites, or the excerpt after that byline: words
    written for that article, not said by its author ('"Farm show opens," by Times' Jane Doe: "The show ..."')."""
    s, e = quotations[k]
    headline = k + 1 < len(quotations) and BYLINE.fullmatch(text, e, quotations[k + 1][0]) is not None
    return headline or k > 0 and BYLINE.fullmatch(text, quotations[k - 1][1], s) is not None


def _cued_quote(doc: Doc, starts: list[int], s: int, e: int, cue: Token, stretch: tuple[int, int],
                parts: ArticleParticipants, lex: Lexicon) -> Quote:
    """The quote of quotation [s, e) and its cue; the speaker is looked for in the stretch around the cue."""
    q = Quote(s, e, "direct", _cue_lemma(cue, lex), cue.idx, cue.idx + len(cue))
    if cue.pos_ not in {"VERB", "AUX"} and cue.idx > e:  # a cue read as a noun: the phrase before it speaks
        words = [t for t in _tokens(doc, starts, e, cue.idx) if not t.is_punct]
        _set_speaker_at(q, words[0].idx, words[-1].idx + len(words[-1]), parts)
        return q
    speaker = _speaker_token(cue, *stretch)
    if speaker is None and cue.idx < s:  # 'needled the "reporter," saying, "..."': the subject before a quotation
        speaker = _speaker_token(cue, cue.sent.start_char, cue.idx)
    if speaker is None:
        _set_speaker_at(q, *_speaker_near(doc, starts, cue, *stretch, parts, first=cue.idx > e), parts)
    else:
        _set_speaker(q, speaker, parts)
    q.via = _conduit(cue, cue.sent, parts, lex) or _principal(q, speaker, parts, lex)
    return q


def _speaker_lines(text: str, quotations, parts: ArticleParticipants) -> Iterator[Quote]:
    """'Rubio: America Needs a Leader': the rest of a line that a participant's name and a colon open; a name the
    recognizer missed (in a headline) is a participant's when it is the last word of the participant's name, and
    any name speaks a short headline with a quotation in it."""
    for m in SPEAKER_LINE.finditer(text):
        named = next((e for e in parts.entities if e.kind in {"person", "organization"}
                      and e.name.split()[-1] == m.group(1).split()[-1]), None)
        s, e = m.end(), _paragraph(text, m.end())[1]
        if not parts.at(*m.span(1)) and named is None \
                and not (_between(quotations, s, e) and len(text[s:e].split()) <= HEADLINE_WORDS):
            continue  # a headline with a quotation: 'Milbank: Republicans ‘Waving The Flag Of Surrender’'
        while e > s and text[e - 1] in " .\xa0":
            e -= 1
        if len(text[s:e].split()) > 1 and (kind := _kind(s, e, quotations, text)):
            q = Quote(s, e, kind)
            _set_speaker_at(q, *m.span(1), parts)
            if q.speaker is None:
                q.speaker = named
            yield q


def _signed_paragraphs(text: str, parts: ArticleParticipants) -> Iterator[Quote]:
    """A paragraph a quotation mark opens that a line naming its speaker closes: '"We will win.\nJane Doe, Farm
    Bureau."' is Jane Doe's quote, without the signature."""
    for m in SIGNED_PARAGRAPH.finditer(text):
        if any(mention.entity.kind in SPEAKING_KINDS for mention in parts.at(*m.span(2))):
            q = Quote(m.start(1), m.start(1) + len(m.group(1).rstrip()), "direct")
            _set_speaker_at(q, *m.span(2), parts)
            yield q


def _introduction(text: str, start: int) -> tuple[int, int] | None:
    """The sentence ending in a colon that introduces the paragraph at `start`: 'She said in a statement:'."""
    end = len(text[:start].rstrip())
    if end == start or not text[:end].endswith(":"):
        return None
    begin = _paragraph(text, end - 1)[0]
    for stop in _sentence_ends(text, begin, end - 1):
        begin = stop
    return begin, end


def _name_before_colon(doc: Doc, starts: list[int], a: int, s: int,
                       parts: ArticleParticipants) -> tuple[int, int] | None:
    """The name right before the colon that opens a quotation: a participant's ('Pollster Jane Doe: "..."'), else
    the proper nouns there ('... - Pew Research: "..."'), else the owner of a document ('From Bush's post: "..."')."""
    text = doc_text(doc)
    mention = next((m for m in reversed(parts.at(a, s)) if text[m.end:s].strip() == ":"
                    and m.entity.kind in {"person", "organization"}), None)
    if mention is not None:
        return mention.start, mention.end
    tokens = [t for t in _tokens(doc, starts, a, s) if not t.is_space]
    if len(tokens) < 2 or tokens[-1].text != ":":
        return None
    k = len(tokens) - 2
    while k >= 0 and (tokens[k].pos_ == "PROPN" or tokens[k].is_title and tokens[k].pos_ == "NOUN"):
        k -= 1  # a name the tagger takes for common nouns: '... - Pew Research: "..."'
    if k < len(tokens) - 2 and (k < 0 or tokens[k].is_punct or tokens[k].lower_ in {"from", "by"}):
        return tokens[k + 1].idx, tokens[-2].idx + len(tokens[-2])
    owner = next((c for c in tokens[-2].children if c.dep_ == "poss"), None)
    if owner is not None and lemma_of(tokens[-2]) in lexicon().documents:
        return owner.left_edge.idx, owner.idx + len(owner)
    return None


def _verb_before(doc: Doc, starts: list[int], a: int, b: int) -> Token | None:
    """The verb with a subject that the colon ending [a, b) hangs on: 'She released the following statement:', 'X
    said ..., but he gave a back-handed compliment:' (gave); else the main verb of the sentence in [a, b); else a
    verb with a subject there that the parse hangs on the quotation ('X has apologized for it: "Yes, I ..."')."""
    tokens = _tokens(doc, starts, a, b)
    if not len(tokens):
        return None
    tok = tokens[-1]
    while a <= tok.idx < b:
        if tok.pos_ == "VERB" and any(c.dep_ in SUBJECTS for c in tok.children):
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    root = tokens[-1].sent.root
    if root.pos_ == "VERB" and a <= root.idx < b and _subject(root) is not None:
        return root
    return next((t for t in reversed(tokens) if t.pos_ == "VERB" and not a <= t.head.idx < b
                 and any(c.dep_ in SUBJECTS for c in t.children)), None)  # the parse hangs it on the quotation


def _verb_before_comma(doc: Doc, starts: list[int], a: int, b: int) -> Token | None:
    """A verb with a subject right before the comma that opens a quotation: 'she boomed, "Today, ..."'."""
    tokens = _tokens(doc, starts, a, b)
    verb = tokens[-2] if len(tokens) > 1 and tokens[-1].text == "," else None
    return verb if verb is not None and verb.pos_ == "VERB" and _subject(verb) is not None else None


def _resumes(doc: Doc, starts: list[int], q: Quote, s: int, lex: Lexicon) -> bool:
    """Whether the quotation at s goes on with quote q: '"...," "..."', '"...," she said, "and ..."'; not after a
    second cue ('"...," she said, adding, "..."')."""
    text = doc_text(doc)
    between = text[q.end:s]
    if q.end > s or "\n" in between:
        return False
    return not between.strip(" \xa0") or q.cue_start is not None and q.end <= q.cue_start < s \
        and between.rstrip().endswith(",") and next(_sentence_ends(text, q.end, s), None) is None \
        and not any(_is_cue(t, lex) and t.idx != q.cue_start for t in _tokens(doc, starts, q.end, s))


def _go_on(quotes: list[Quote], s: int, e: int) -> None:
    """Quotation [s, e) goes on with the last quote: one span with it when the words between them are few beside
    the quoted ones (PolNeAR joins a speaker's quotations), else a quote of its own by the same speaker."""
    q = quotes[-1]
    if s - q.end <= JOIN_GAP * (q.end - q.start + e - s):
        q.end = e
    else:
        quotes.append(_continuation(q, s, e))


def _ends_that_clause(text: str, cue: Token, s: int, e: int, right: int) -> bool:
    """Whether the quotation [s, e) ends the "that" clause of its cue: 'said that after all these years, "It is
    time."', 'said that farmers have two choices: "Sell or wait."'."""
    return re.search(r"\bthat\b", text[cue.idx + len(cue):s]) is not None and not re.search(r"\w", text[e:right])


def _utterance(text: str, s: int, e: int, before: str) -> bool:
    """Whether a quotation after its cue is a whole utterance ('X said: "..."', 'X said, "We ..."'), not a fragment
    inside the reported clause ('X said the plan was "a disaster"'); after "said," it is one even in lower case."""
    return before.endswith(":") or _opens_sentence(text, s, e) or SAID_COMMA.search(before) is not None


def _dash_name(text: str, e: int, end: int) -> tuple[int, int] | None:
    """The name signing a quotation after a dash, up to `end`, or opening the paragraph after it when the
    quotation ends its own: '"..." ― Jane Doe', '"..."\n\n- President Obama, on Twitter.'."""
    m = DASH_NAME.match(text, e, end)
    if m is None and not text[e:end].strip(" .\xa0") and end < len(text):
        after = len(text) - len(text[end:].lstrip())  # where the next paragraph starts
        m = DASH_NAME.match(text, after, _paragraph(text, after)[1])
    return m.span(1) if m and len(m.group(1).split()) <= 6 else None


def _continuation(q: Quote, s: int, e: int) -> Quote:
    """Quotation [s, e) as a quote of its own by q's speaker, with q's cue."""
    return Quote(s, e, "direct", q.cue, None, None, q.speaker, q.speaker_start, q.speaker_end, q.via)


def _same_speaker(q: Quote, before: Quote) -> None:
    """q was said by the speaker of `before`, through the same conduit."""
    q.speaker, q.speaker_start, q.speaker_end, q.via = before.speaker, before.speaker_start, before.speaker_end, before.via


def _attach_uncued(text: str, s: int, e: int, quotes: list[Quote]) -> None:
    """A quotation with no cue is said by the speaker of the quote before it in its paragraph or the paragraph
    before, else of a direct quote shortly before; a long one stands unattributed."""
    previous = sorted((q for q in quotes if q.start < s), key=lambda q: q.start)  # quotes attached so far come last
    near = previous[-1] if previous and len(PARAGRAPH_BREAK.findall(text, previous[-1].start, s)) <= 1 else next(
        (q for q in reversed(previous) if q.kind == "direct"), None)
    words = len(text[s:e].split())
    if near is not None and near.speaker_start is not None and words >= 3 \
            and len(PARAGRAPH_BREAK.findall(text, near.end, s)) <= CONTINUATION_REACH:
        quotes.append(_continuation(near, s, e))
    elif words >= MIN_UNATTRIBUTED_WORDS:
        quotes.append(Quote(s, e, "direct"))


def _cued_without_subject(text: str, quotes: list[Quote]) -> None:
    """A quotation whose cue has no subject is said by the speaker of the quote before it, in its paragraph or the
    one before: 'Maher stated that the report "wasn't good." Adding, "..."'."""
    for before, q in zip(quotes, quotes[1:]):
        if q.kind == "direct" and q.cue_start is not None and q.speaker_start is None \
                and before.speaker_start is not None and len(PARAGRAPH_BREAK.findall(text, before.end, q.start)) <= 1:
            _same_speaker(q, before)


def _extend_reported(text: str, quotations, quotes: list[Quote]) -> None:
    """Reported speech that a quotation follows right after, in its sentence or the next, takes the quotation in
    ('said it was better, "because ..."', 'said that ... must change. "Nobody will ..."'), as PolNeAR does."""
    ends = sorted((q for q in quotes if q.kind != "direct"), key=lambda q: q.end)
    for s, e in quotations:
        k = bisect.bisect_right(ends, s, key=lambda q: q.end) - 1
        if k >= 0 and not text[ends[k].end:s].strip(" .,;:\xa0") and not any(q.start < e and s < q.end for q in quotes):
            ends[k].end, ends[k].kind = e, "partial"


def _clause_start(text: str, quotations, k: int) -> int:
    """Where the stretch before quotation k starts: its paragraph, previous sentence or previous quotation."""
    s = quotations[k][0]
    start = text.rfind("\n", 0, s) + 1
    if k and quotations[k - 1][1] > start:
        start = quotations[k - 1][1]
    for end in _sentence_ends(text, start, s):
        start = end
    return start


def _clause_end(text: str, quotations, k: int) -> int:
    """Where the stretch after quotation k ends: its sentence, paragraph or the next quotation."""
    s, e = quotations[k]
    paragraph_end = _paragraph(text, e)[1]
    end = next(_sentence_ends(text, e, paragraph_end), paragraph_end)
    if _inner(text, s, e).endswith(".") and len(text[e:end].split()) > SIGNATURE_WORDS:
        return e
    if k + 1 < len(quotations) and len(_inner(text, *quotations[k + 1]).split()) >= MIN_QUOTATION_WORDS:
        end = min(end, quotations[k + 1][0])
    return end


def _sentence_ends(text: str, a: int, b: int) -> Iterator[int]:
    """Ends of the sentences in text[a:b]; the period of a title ("Mr.") or an initial ("J.", "U.S.") ends none."""
    for m in SENTENCE_END.finditer(text, a, b):
        word = WORD_BEFORE.search(text, max(a, m.start() - 20), m.start())
        if text[m.start()] == "." and word and (word.group(1) in ABBREVIATIONS or len(word.group(1).rstrip(".")) == 1
                                                or "." in word.group(1)):
            continue
        yield m.end()


def _is_title(text: str, s: int, e: int) -> bool:
    """Whether a quotation is the title of a work or a show ("Fox News Sunday", "The Lead with Jake Tapper"): a few
    words, every one but the small ones capitalized, no sentence inside."""
    words = re.findall(r"[^\W\d_][\w’'-]*", _inner(text, s, e))
    return 2 <= len(words) <= TITLE_WORDS and not re.search(r"[.!?;:]\s", _inner(text, s, e)) \
        and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


def _opens_sentence(text: str, s: int, e: int) -> bool:
    """Whether a quotation starts with a capital, maybe inside an editor's bracket ('"[Americans are] worried"')."""
    return _inner(text, s, e).lstrip("[(")[:1].isupper()


def _inner(text: str, s: int, e: int) -> str:
    """What a quotation's marks enclose."""
    return text[s:e].strip(QUOTE_MARKS)


def _starts(doc: Doc) -> list[int]:
    """Character offsets of the doc's tokens, computed once per doc."""
    if "quotes.token_starts" not in doc.user_data:
        doc.user_data["quotes.token_starts"] = [t.idx for t in tokens_of(doc)]
    return doc.user_data["quotes.token_starts"]


def _tokens(doc: Doc, starts: list[int], a: int, b: int) -> Span:
    return doc[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]


def _cue_before(doc: Doc, starts: list[int], a: int, s: int, lex: Lexicon) -> Token | None:
    """The cue introducing a quotation: 'X said, "..."', 'X told reporters: "..."'."""
    tokens = _tokens(doc, starts, a, s)
    if not len(tokens) or not (tokens[-1].text in {",", ":"} or _is_cue(tokens[-1], lex)):
        return None
    return next((t for t in reversed(tokens) if _is_cue(t, lex)), None)


def _cue_after(doc: Doc, starts: list[int], quotations, k: int, b: int, lex: Lexicon) -> Token | None:
    """The cue right after a quotation: '"...," X said', '"...," said X', '"...," X, a senator from Y, said'; any verb
    right after it whose subject follows ('"...!" beamed X'), a cue the tagger reads as a noun ('"...," the editorial
    read'), or a verb after its comma whose subject the words there open ('"...," the mayor scoffed at ...'), or after
    its question or exclamation mark when that verb says nothing of its own ('"...?" Hannity pressed.')."""
    words = [t for t in _tokens(doc, starts, quotations[k][1], b) if not t.is_punct]
    for n, t in enumerate(words):
        if _is_cue(t, lex):
            subject = _subject(t)
            return t if n < CUE_REACH or subject is not None and subject.left_edge.i <= words[0].i else None
    s, e = quotations[k]
    last_mark = doc_text(doc)[s:e].rstrip(QUOTE_MARKS)[-1:]  # the punctuation closing the quoted words
    if words and words[0].pos_ == "VERB" and last_mark in {",", "!", "?"} \
            and (subject := _subject(words[0])) is not None and subject.i > words[0].i:
        return words[0]  # '"This is fantastic!" beamed Jane Doe'
    if last_mark in {",", "!", "?"} and (misread := _cue_read_as_noun(words, lex)) is not None:
        return misread  # '"...," the editorial read.'
    if not words or last_mark != "," and (last_mark not in {"?", "!"} or not doc_text(doc)[e:e + 1].isspace()):
        return None  # not '"... Hispanics!"Former candidate Jeb Bush broke down ...'

    def speaks(verb: Token) -> bool:  # after "?" or "!" a verb with its own object or clause starts a new sentence
        return verb.pos_ == "VERB" and (last_mark == "," or not any(
            c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children))
    if len(words) <= SIGNATURE_VERB_WORDS:
        return next((t for t in words if speaks(t) and (subject := _subject(t)) is not None
                     and subject.idx >= e), None)  # '"...," Hannity started.', '"...?" Hannity pressed.'
    return next((t for t in words[:CUE_REACH] if speaks(t) and (subject := _subject(t)) is not None
                 and subject.left_edge.i == words[0].i and subject.i < t.i), None)  # '"...," the mayor scoffed


def _cue_read_as_noun(words: list[Token], lex: Lexicon) -> Token | None:
    """A cue verb the tagger reads as a noun, closing the phrase that follows a quotation and names its speaker:
    '"...," the editorial read.', '"...," a voice-over in the ad states.', '"...," the Saudis state in a paper.'."""
    if not words or words[0].pos_ not in {"DET", "PROPN"}:
        return None
    for n, t in enumerate(words[1:CUE_REACH], 1):
        if t.pos_ not in NOUN_PHRASE_POS:
            return None
        form = t.lower_[:-1] if t.lower_.endswith("s") else t.lower_  # "states": "state"
        if t.pos_ in {"NOUN", "ADJ"} and form in lex.cue_verbs and t.text.islower() \
                and (n + 1 == len(words) or words[n + 1].pos_ == "ADP"):  # the phrase's last word or before a "in ..."
            return t
    return None


def _is_cue(tok: Token, lex: Lexicon) -> bool:
    if tok.lower_ == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    return tok.pos_ in {"VERB", "AUX"} and lemma_of(tok) in lex.cue_verbs and in_phrasal_form(tok, lex)


def in_phrasal_form(tok: Token, lex: Lexicon) -> bool:
    """False for a verb that is a cue only with its particle, written without it ("shot", not "shot back")."""
    lemma = lemma_of(tok)
    return lemma not in lex.cue_phrasal_only or any(c.dep_ in PARTICLES and c.lower_ == lex.cue_phrasal[lemma]
                                                    for c in tok.children)


def _speaker_token(cue: Token, lo: int, hi: int) -> Token | None:
    """The subject of the cue, or the object of "according to", when the parse puts it in [lo, hi)."""
    if cue.lower_ == "according":
        tok = next((g for g in cue.doc[cue.i + 1].children if g.dep_ == "pobj"), None)
    else:
        tok = _subject(cue)
    return tok if tok is not None and lo <= tok.idx < hi else None


def _speaker_near(doc: Doc, starts: list[int], cue: Token, lo: int, hi: int, parts: ArticleParticipants,
                  first: bool = False) -> tuple[int, int]:
    """Where the parse finds no subject: the participant an aside separates from the cue ("Mr. Trump, asked about
    Mr. Putin, had said"), else the participant or noun nearest the cue, before it, else after it; with `first`, a
    name or pronoun opening the stretch ('"...," Trump, the frontrunner of the GOP ..., said')."""
    lo = max(lo, _paragraph(doc_text(doc), cue.idx)[0])
    span = _tokens(doc, starts, lo, cue.idx)
    k = len(span) - 1
    while k > 0 and span[k].dep_ in {"aux", "neg", "advmod"}:
        k -= 1
    if k > 0 and span[k].text == ",":
        comma = next((j for j in range(k - 1, 0, -1) if span[j].text == ","), None)
        mention = parts.covering(span[comma - 1].idx, span[comma - 1].idx + 1) if comma else None
        if mention is not None and mention.entity.kind in {"person", "organization"}:
            return mention.start, mention.end
    before = [t for t in span if not t.is_punct]
    if first and before and before[0].pos_ in {"PROPN", "PRON"}:
        mention = parts.covering(before[0].idx, before[0].idx + len(before[0]))
        return (mention.start, mention.end) if mention is not None else (before[0].idx, before[0].idx + len(before[0]))
    after = [t for t in _tokens(doc, starts, cue.idx + len(cue), hi) if not t.is_punct]
    for words in (before[::-1], after):
        for t in words:
            mention = parts.covering(t.idx, t.idx + len(t))
            if mention is not None and mention.entity.kind != "country":
                return mention.start, mention.end
        noun = next((t for t in words if t.pos_ in {"PROPN", "PRON", "NOUN"}), None)
        if noun is not None:
            return noun.idx, noun.idx + len(noun)
    return cue.idx, cue.idx


def _paragraph(text: str, i: int) -> tuple[int, int]:
    """[start, end) of the paragraph around position i."""
    end = text.find("\n", i)
    return text.rfind("\n", 0, i) + 1, len(text) if end < 0 else end


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1, min(a[1] - a[0], b[1] - b[0])) if inter > 0 else 0.0


def _cues(sent: Span, lex: Lexicon) -> list[Token]:
    """Speech verbs, "according to", and verbs whose object or infinitive is an attitude's content."""
    frames = lexicon().cue_frames
    return [tok for tok in tokens_of(sent.doc)[sent.start:sent.end] if _is_cue(tok, lex) or tok.pos_ == "VERB" and frames.knows(lemma_of(tok))]


def _cue_lemma(tok: Token, lex: Lexicon) -> str:
    lemma = lemma_of(tok)
    if tok.lower_ == "according":  # the tagger may read a capitalized "According" as a form of "accord"
        return "according to"
    particle = lex.cue_phrasal.get(lemma)
    if particle and any(c.dep_ in PARTICLES and c.lower_ == particle for c in tok.children):
        return f"{lemma} {particle}"
    preps = lexicon().cue_frames.prepositions.get(lemma, frozenset())
    if prep := next((c.lower_ for c in tok.children if c.dep_ in {"prep", "prt"} and c.lower_ in preps), None):
        return f"{lemma} {prep}"
    return {"emphasise": "emphasize", "criticise": "criticize"}.get(lemma, lemma)


def _attribution(cue: Token, sent: Span, quotations, parts: ArticleParticipants, lex: Lexicon) -> Quote | None:
    doc = cue.doc
    if cue.lower_ == "according":
        return _according_to(cue, sent, quotations, parts, lex)
    if not in_phrasal_form(cue, lex):
        return None
    content = _around_aside(cue, sent) or _content_span(cue, sent, quotations)
    if content is None:
        return None
    start, end = _quotation_around(content, quotations)
    kind = _kind(start, end, quotations, doc_text(doc))
    if kind is None:
        return None
    q = Quote(start, end, kind, _cue_lemma(cue, lex), cue.idx, cue.idx + len(cue))
    subject = _subject(cue)
    if subject is None and cue.i > sent.start:
        _set_speaker_at(q, *_speaker_near(doc, _starts(doc), cue, sent.start_char, cue.idx, parts), parts)
    else:
        _set_speaker(q, subject, parts)
    q.via = _conduit(cue, sent, parts, lex) or _principal(q, subject, parts, lex)
    return q


def _owned_statement(noun: Token, quotations, parts: ArticleParticipants) -> Quote | None:
    """The "that" clause of a speech noun with an owner, said by the owner: "her claim that she never sent ...",
    "a claim by X that ...", "his claim is that ..."; the infinitive of a promise: "his vow to be 'neutral'"."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
        (g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
         for g in c.children if g.dep_ == "pobj"), None)
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > noun.i
                   and _opens_with_that(c)
                   or c.dep_ == "acl" and lemma_of(noun) in lexicon().promise_nouns
                   and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if clause is None and noun.dep_ == "nsubj" and lemma_of(noun.head) == "be":  # "her claim is that ..."
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i
                       and _opens_with_that(c)), None)
    if owner is None or clause is None:
        return None
    doc, text = noun.doc, doc_text(noun.doc)
    first = clause.left_edge.i
    last = _before_trailing_aside(doc, first, clause.right_edge.i)
    start, end = _paragraph(text, noun.idx)
    s, e = _quotation_around(_trim(doc, max(doc[first].idx, start), min(doc[last].idx + len(doc[last]), end),
                                   quotations), quotations)
    if (kind := _kind(s, e, quotations, text)) is None:
        return None
    q = Quote(s, e, kind, lemma_of(noun), noun.idx, noun.idx + len(noun))
    _set_speaker(q, owner, parts)
    return q


def _quotation_around(content: tuple[int, int], quotations) -> tuple[int, int]:
    """The content, or the quotation it lies inside: a cue after a quotation of several sentences governs only the
    last ('The vote "came early. They were still talking about the drought," Carter said.')."""
    return next(((qs, qe) for qs, qe in _between(quotations, *content)
                 if qs < content[0] - 1 and content[1] < qe - 1), content)


def _around_aside(cue: Token, sent: Span) -> tuple[int, int] | None:
    """The sentence an attribution interrupts between commas, without its final period: 'The plan, she said, is
    sound', '"Only you," she said, "would do that"'; None when the cue does not stand so."""
    subject = _subject(cue)
    if cue.dep_ != "parataxis" or subject is None or not subject.i < cue.i or cue.i + 1 >= sent.end:
        return None
    doc, text = cue.doc, doc_text(cue.doc)
    start, end = _paragraph(text, cue.idx)
    start, end = max(start, sent.start_char), min(end, sent.end_char)
    last = cue.i  # "she told friends,", "he said in an interview,"
    while last + 1 < sent.end - 1 and doc[last + 1].text != "," and doc[last + 1].pos_ not in {"VERB", "AUX"} \
            and last - cue.i < ASIDE_TAIL:
        last += 1
    opening, closing = doc[subject.left_edge.i].idx, doc[last].idx + len(doc[last])
    after = next((t for t in doc[last + 2:sent.end] if not t.is_punct), cue)
    if doc[last + 1].text != "," or not text[start:opening].rstrip().rstrip(QUOTE_MARKS).endswith(",") \
            or after in cue.subtree or text[start:opening].lstrip()[:1] in QUOTE_MARKS and (
                after.tag_ == "VBG" or after.pos_ == "CCONJ" and doc[after.i + 1].text not in QUOTE_MARKS):
        return None  # the cue's own words or a new clause: '"...," she said, showing off a hat', '..., and they left'
    if not re.search(r"\w", text[start:opening]) or not re.search(r"\w", text[closing + 1:end]):
        return None
    if opening_mark := re.search(r"\s+(?:''|[“\"‘«])$", text[start:end]):  # the next quotation's opening mark
        end = start + opening_mark.start()
    while end > start and text[end - 1] in " .\n":
        end -= 1
    return start, end


def _interrupts_prose(text: str, cue: Token, quotations) -> bool:
    """Whether the cue is an aside in a sentence that goes on in the writer's words after it ('The plan, she said,
    "is sound" for now'): the sentence is then one partial quote."""
    span = _around_aside(cue, cue.sent)
    if span is None:
        return False
    last = text.find(",", cue.idx, span[1]) + 1
    pieces = []  # the words after the aside outside quotation marks
    for qs, qe in _between(quotations, last, span[1]):
        pieces.append(text[last:max(qs, last)])
        last = max(last, qe)
    pieces.append(text[last:span[1]])
    return len(re.findall(r"\w+", " ".join(pieces))) >= 2


def _content_span(cue: Token, sent: Span, quotations) -> tuple[int, int] | None:
    """The content the cue governs: a clause, an infinitive, an object, a prepositional object, a quotation."""
    frames = lexicon().cue_frames
    lemma = lemma_of(cue)
    clause, obj = _clause(cue), lemma in frames.objects and _object(cue)
    if clause and obj and clause[0] < cue.i:  # 'For that she drew his ire - he called her "weak"': the object
        clause = None
    tokens = (clause
              or lemma in frames.infinitives and _child(cue, {"xcomp"})
              or obj
              or _prepositional_object(cue, frames.prepositions.get(lemma, frozenset()))
              or _as_clause(cue))
    if tokens:
        first, last = tokens
        doc = cue.doc
        last = _second_object(cue, last)
        last = _before_trailing_aside(doc, first, last)
        last = _before_second_cue(doc, first, last)
        last = _before_medium(doc, first, last)
        start, end = _paragraph(doc_text(doc), cue.idx)
        s, e = _trim(doc, max(doc[first].idx, start), min(doc[last].idx + len(doc[last]), end), quotations)
        said = [(qs, qe) for qs, qe in _between(quotations, s, e) if s < qs and qe >= e - 1]
        if e <= cue.idx and said and doc_text(doc)[s:said[-1][0]].rstrip().endswith(":"):
            return said[-1]  # 'X asserted that ...: "France is no longer France," he claimed': the quotation
        return s, e
    return _quoted_object(cue, quotations) or _adjacent_quotation(cue, sent, quotations) \
        or _before_trailing_speaker(cue, sent, quotations)


def _before_trailing_speaker(cue: Token, sent: Span, quotations) -> tuple[int, int] | None:
    """Where the parse gives a cue that ends its sentence no content: the words before the comma that sets off the
    speaker ('The rejection signals "the end" for the union, Geert Wilders said', '..., said Wilders, a founder')."""
    doc = cue.doc
    if cue.dep_ != "ROOT" or any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "oprd"} for c in cue.children):
        return None  # the cue governs something of its own
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS]
    before = [c for c in subjects if c.i < cue.i and doc[c.left_edge.i - 1].text == "," and c.right_edge.i == cue.i - 1]
    after = [c for c in subjects if c.i > cue.i] if doc[cue.i - 1].text == "," else []
    rest = doc[(after[0].right_edge.i if after else cue.i) + 1:sent.end]
    if not (before or after) or any(t.pos_ in {"VERB", "AUX"} for t in rest):
        return None
    comma = before[0].left_edge.i - 1 if before else cue.i - 1
    if comma - sent.start < 4 or any(t.head.i == cue.i and t.dep_ not in SUBJECTS | {"punct"}
                                     for t in doc[sent.start:comma]):
        return None  # 'Speaking on Monday, she said little': the words before tell how, not what
    start, end = _paragraph(doc_text(doc), cue.idx)
    return _trim(doc, max(sent.start_char, start), min(doc[comma].idx, end), quotations)


def _second_object(cue: Token, last: int) -> int:
    """The content goes on to a second object of the cue after a quotation that ends the first, which the marks cut
    off in the parse: 'called the governor "the most extreme pick" and someone who had "threatened" women'."""
    doc = cue.doc
    k = last + 1
    while k < cue.sent.end and (DOUBLE_MARKS.fullmatch(doc[k].text) or doc[k].text == ","):
        k += 1
    if k >= cue.sent.end or doc[k].lower_ != "and" or not any(DOUBLE_MARKS.fullmatch(t.text) for t in doc[last:k]):
        return last
    conj = next((t for t in doc[k + 1:cue.sent.end] if t.dep_ == "conj" and t.head.i == cue.i
                 and t.pos_ in {"NOUN", "PROPN", "PRON"}), None)
    return conj.right_edge.i if conj is not None else last


def _before_trailing_aside(doc: Doc, first: int, last: int) -> int:
    """The content's last token before a participle clause, an apposition or a "which"/"who" clause in the writer's
    words that a comma or dash sets off at its end: 'that it was "a distortion," describing the team as ...', 'that
    ... pay "more", an acknowledgment ...', 'backed "self-deportation," which is ...'; not 'that he is a "loser," a
    "liar"', nor a clause with no cue that holds the content's only quotation ('..., which means Dahl "can win"')."""
    for tok in doc[first + 1:last + 1]:
        according = tok.lower_ == "according" and tok.i < last and doc[tok.i + 1].lower_ == "to"
        aside = (tok.dep_ in {"advcl", "acl"} and tok.tag_ == "VBG"
                 or tok.dep_ == "appos" and not any(t.text in QUOTE_MARKS for t in tok.subtree)
                 or tok.dep_ == "relcl" and doc[tok.left_edge.i].lower_ in {"which", "who"}) \
            and first <= tok.head.i <= last and tok.right_edge.i >= last
        if not (according or aside):
            continue
        if any(t.text in QUOTE_MARKS for t in tok.subtree) and not any(_is_cue(t, lexicon()) for t in tok.subtree) \
                and not any(t.text in QUOTE_MARKS for t in doc[first:tok.left_edge.i]):
            continue
        k = tok.left_edge.i - 1
        while k > first and doc[k].text in QUOTE_MARKS:
            k -= 1
        if doc[k].text in {",", "—", "–", "--"} and k > first:
            return k - 1
    return last


def _before_medium(doc: Doc, first: int, last: int) -> int:
    """The content's closing quotation mark before a phrase that ends it naming where it was said: 'called Palin a
    "clown" on his radio show', 'called it "a farce" in a tweet'."""
    lex = lexicon()
    for tok in doc[first + 1:last + 1]:
        if tok.dep_ != "prep" or tok.lower_ not in {"in", "on", "during"}:
            continue
        after = [c for c in tok.head.children if c.i > tok.i and not c.is_punct]  # 'in a tweet on Tuesday'
        if all(c.dep_ in {"prep", "npadvmod"} for c in after) \
                and max([tok.right_edge.i] + [c.right_edge.i for c in after]) == last \
                and doc[tok.i - 1].text in QUOTE_MARKS and tok.i - 1 > first \
                and any(g.dep_ == "pobj" and (lemma_of(g) in lex.documents or g.lower_ in lex.media)
                        for g in tok.children):
            return tok.i - 1
    return last


def _before_second_cue(doc: Doc, first: int, last: int) -> int:
    """The content's last token before a second cue coordinated with it or its verb that brings a quotation of its
    own after "that", a comma or a colon: 'that ... "save the farms" and insisted that ...', '... but added, "..."'."""
    lex = lexicon()
    for tok in doc[first + 1:last + 1]:
        if tok.dep_ in {"conj", "advcl"} and first <= tok.head.i <= last and tok.right_edge.i >= last - 1 \
                and _is_cue(tok, lex) and tok.i + 2 <= last \
                and (doc[tok.i + 1].lower_ == "that" or doc[tok.i + 1].text in {",", ":"}
                     and doc[tok.i + 2].text in QUOTE_MARKS) \
                and any(t.text in QUOTE_MARKS for t in doc[tok.i + 1:last + 1]):
            k = tok.left_edge.i - 1
            while k > first and (doc[k].is_punct or doc[k].dep_ == "cc"):
                k -= 1
            return k if k > first else last
    return last


def _clause(cue: Token) -> tuple[int, int] | None:
    """A content clause: "said (that) ...", "said that ... and that ...", and "said to reporters that ..."; one
    after the cue before one the parse hangs on it from before ("After X suspended ..., Cruz said he ..."); with a
    verb the parse splits off right after it with no subject of its own ("explained why being cast as such | is a
    'compliment'")."""
    clauses = [c for c in cue.children if c.dep_ in {"ccomp", "parataxis"} and c.i > cue.i] or [
        c for c in cue.children if c.dep_ == "ccomp"]
    if clauses:
        child = clauses[0]
        last = max([child.right_edge.i] + [
            c.right_edge.i for c in cue.children if c.dep_ == "conj" and c.i > child.i
            and (_opens_with_that(c) or _quoted_predicate(c))
            or c.dep_ == "ccomp" and c.i > child.i and c.left_edge.i == child.right_edge.i + 1
            and c.pos_ in {"VERB", "AUX"} and not cue.doc[child.right_edge.i].is_punct
            and not any(g.dep_ in SUBJECTS for g in c.children)])
        return child.left_edge.i, _past_closing_mark(cue, last)
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if pobj.i + 1 <= pobj.right_edge.i and cue.doc[pobj.i + 1].lower_ == "that":
                return pobj.i + 1, pobj.right_edge.i
    return None


def _past_closing_mark(cue: Token, last: int, deps: frozenset[str] = frozenset({"prep", "advcl", "conj"})) -> int:
    """The content goes on past its closing quotation mark into the phrases, clauses and conjuncts the marks make
    the parse hang on the cue: 'told them that it is "peanuts," compared to what ...', 'said polls could be "way
    off," and have been unreliable', 'called it "a mistake" because ...'; not into a participle or a contrast the
    writer sets off ('likes "The Walking Dead," while ...'), nor one with a cue or a colon of its own."""
    doc = cue.doc
    for c in cue.children:
        if c.i <= last or c.dep_ in {"punct", "cc"}:
            continue
        if c.dep_ not in deps or not any(t.text in QUOTE_MARKS for t in doc[last:c.left_edge.i + 1]) \
                or not all(t.is_punct or t.dep_ == "cc" for t in doc[last + 1:c.left_edge.i]) \
                or c.dep_ == "advcl" and (c.tag_ == "VBG" or doc[c.left_edge.i].lower_ in CONTRASTS) \
                or any(_is_cue(t, lexicon()) or t.text == ":" for t in c.subtree):
            break
        last = c.right_edge.i
    return last


def _as_clause(cue: Token) -> tuple[int, int] | None:
    """The sentence an "as" clause of the cue attributes: 'As the senator noted, the bill is dead', 'The bill is
    dead, as the senator noted', 'as she put it'; not when the cue has an object ('as he laments a "throwaway
    culture"') or the sentence is an attribution already ('she said, as the crowd applauded')."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            or any(c.dep_ in {"dobj", "ccomp", "xcomp", "oprd", "attr"} and c.lower_ != "it" for c in cue.children) \
            or _is_cue(cue.head, lexicon()):
        return None
    doc, head = cue.doc, cue.head
    first, last = (cue.right_edge.i + 1, head.right_edge.i) if cue.i < head.i \
        else (head.left_edge.i, cue.left_edge.i - 1)
    while last > first and doc[last].is_punct and doc[last].text not in QUOTE_MARKS:
        last -= 1
    return (first, last) if first < last else None


def _opens_with_that(clause: Token) -> bool:
    """Whether a clause is marked by "that" ("said that ...", "her claim that ...")."""
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)


def _quoted_predicate(verb: Token) -> bool:
    """A verb coordinated with the cue that opens a quotation and has no subject: 'said that ... "in debt," and
    "struggled to pay"'."""
    return verb.doc[verb.left_edge.i].text in QUOTE_MARKS and not any(c.dep_ in SUBJECTS for c in verb.children)


def _child(cue: Token, deps: set[str]) -> tuple[int, int] | None:
    child = next((c for c in cue.children if c.dep_ in deps and c.i > cue.i), None)
    return (child.left_edge.i, child.right_edge.i) if child is not None else None


def _object(cue: Token) -> tuple[int, int] | None:
    """The direct object with what is said of it: "called it a disaster", "described him as a threat", "accused
    him of lying", and a phrase after it that holds a quotation ('blamed the law on "lazy politicians"')."""
    dobj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if dobj is None:
        return None
    last, complements = dobj.right_edge.i, lexicon().cue_frames.object_complements
    for c in cue.children:
        if c.i > last and (c.dep_ in {"oprd", "xcomp"} or c.dep_ == "prep" and (
                c.lower_ in complements or any(t.text in QUOTE_MARKS for t in c.subtree))):
            last = c.right_edge.i
    return dobj.left_edge.i, _past_closing_mark(cue, last, frozenset({"prep", "advcl"}))


def _prepositional_object(cue: Token, preps: frozenset[str]) -> tuple[int, int] | None:
    """The object of the cue's preposition, and the infinitive or "as" after it: "called on them to resign",
    "referred to them as rapists"."""
    prep = next((c for c in cue.children if c.dep_ in {"prep", "prt"} and c.lower_ in preps), None)
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return None
    last = max([pobj.right_edge.i] + [c.right_edge.i for c in cue.children if c.i > pobj.i and (
        c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "as")])
    return pobj.left_edge.i, last


def _quoted_object(cue: Token, quotations) -> tuple[int, int] | None:
    """A quoted object: condemning the "reckless ... launch", calling the launch "a reckless act"; after the cue
    only ('what former employees called a "fraudulent scheme"': the scheme)."""
    doc = cue.doc
    objs = [c for c in cue.children if c.i > cue.i and (c.dep_ in {"dobj", "oprd", "xcomp", "attr"}
                                                        or c.dep_ == "prep" and c.lower_ == "as")]
    if not objs:
        return None
    left = min(o.left_edge.i for o in objs)
    right = max(o.right_edge.i for o in objs)
    s, e = _trim(doc, doc[left].idx, doc[right].idx + len(doc[right]), quotations)
    inside = [qe for qs, qe in quotations if qs >= s and qe <= e + 1]
    return (s, max(e, inside[0])) if inside else None


def _adjacent_quotation(cue: Token, sent: Span, quotations) -> tuple[int, int] | None:
    """A whole quotation next to the cue: 'X said: "..."', '"...," X said'; not a fragment ('called it "bad"')."""
    text = doc_text(cue.doc)
    for qs, qe in quotations:
        if sent.start_char <= qs and qe <= sent.end_char + 1:
            between = text[qe:cue.idx] if qe <= cue.idx else text[cue.idx + len(cue):qs]
            if len(between) < 60 and not re.search(r"[.!?]\s", between) and _inner(text, qs, qe)[:1].isupper() \
                    and not _is_title(text, qs, qe):
                return qs, qe
    return None


def _between(quotations, a: int, b: int) -> list[tuple[int, int]]:
    """The quotations (sorted, never overlapping) that end after `a` and start before `b`."""
    return quotations[bisect.bisect_right(quotations, a, key=lambda q: q[1]):
                      bisect.bisect_left(quotations, b, key=lambda q: q[0])]


def _trim(doc: Doc, s: int, e: int, quotations) -> tuple[int, int]:
    text = doc_text(doc)
    for qs, qe in _between(quotations, s - 3, e + 1):  # a quotation cut by the parse keeps its marks, and its end
        if s <= qs < e < qe and (qe - e <= 3 or _same_paragraph(text, e, qe)):
            e = qe
        if qs < s < qe <= e and s - qs <= 2:
            s = qs
        if qs < s and e < qe and s - qs <= 2 and (qe - e <= 3 or _same_paragraph(text, e, qe)):
            s, e = qs, qe  # content the parse cut inside a quotation it opens: 'called “a farce | from start to end.”'
    while e > s and text[e - 1] in " ,;:—–-":
        e -= 1
    while s < e and text[s] in " ,;:—–-":
        s += 1
    return s, e


def _kind(s: int, e: int, quotations, text: str) -> str | None:
    inside = [(qs, qe) for qs, qe in _between(quotations, s, e) if s <= qs and qe <= e]
    if not inside:
        return "indirect" if e - s > 1 else None
    if len(inside) == 1 and inside[0][0] - s <= 1 and e - inside[0][1] <= 1:
        return "direct"
    return "partial"


def _subject(cue: Token) -> Token | None:
    """The subject of the cue or of the verb it depends on ("X left, saying"; "X said it was bad, describing": X),
    within the cue's paragraph; of two, the nearer ("LONDON (Reuters) - Jane Doe said")."""
    tok = cue
    start, end = _paragraph(doc_text(cue.doc), cue.idx)
    if (document := _document_of(cue)) is not None:
        author = next((c for c in document.children if c.dep_ == "poss"), None)
        if author is None and document.dep_ == "dobj":
            tok = document.head
        elif author is not None:
            return author if start <= author.idx < end else None
    if cue.dep_ == "acl" and cue.tag_ in FINITE and cue.head.i == cue.i - 1 and cue.head.pos_ == "NOUN":
        return cue.head if start <= cue.head.idx < end else None  # "a man yelled" read as "a man (who was) yelled"
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:  # "X was asked by Y": Y
            return agent if start <= agent.idx < end else None
        if subjects:
            c = min(subjects, key=lambda s: abs(s.i - tok.i))
            return c if start <= c.idx < end else None
        controller = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i
                           and c.tag_ in {"PRP", "NNP", "NNPS"} and c.lower_ != "it"), None)
        if tok.dep_ == "xcomp" and controller is not None:  # "the win led her to declare": her
            return controller if start <= controller.idx < end else None
        if tok.dep_ in CLIMB and tok.head is not tok:
            tok = tok.head
            if tok.dep_ == "ccomp" and _is_cue(tok.head, lexicon()):  # 'said that it was bad, describing ...'
                tok = tok.head
        else:
            break
    return None


def _document_of(cue: Token) -> Token | None:
    """The document a cue tells what it says: 'released an ad that urges', 'sent a press release saying'."""
    head = cue.head
    if cue.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in cue.children) \
            or cue.dep_ == "acl" and cue.tag_ == "VBG":
        return head if lemma_of(head) in lexicon().documents or head.lower_ in lexicon().documents else None
    return None


def _set_speaker(q: Quote, tok: Token | None, parts: ArticleParticipants) -> None:
    """The speaker is the participant the subject phrase of `tok` mentions, else that phrase unresolved."""
    if tok is None:
        return
    doc = tok.doc
    start, end = _paragraph(doc_text(doc), tok.idx)
    modifiers = [(doc[p.left_edge.i].idx, doc[p.right_edge.i].idx + len(doc[p.right_edge.i]))
                 for p in tok.subtree if p.dep_ in {"prep", "relcl"}
                 or p.dep_ == "acl" and not any(c.dep_ == "agent" for c in p.children)]
    _set_speaker_at(q, max(doc[tok.left_edge.i].idx, start),
                    min(doc[tok.right_edge.i].idx + len(doc[tok.right_edge.i]), end), parts, tok.idx, modifiers)
    clauses = {t.i for c in tok.children if c.dep_ == "acl" and c.tag_ in FINITE and c.i > tok.i
               for t in c.subtree}  # "a man yelled", not "a document filed by the county"
    words = [t for t in doc[tok.left_edge.i:tok.right_edge.i + 1] if not t.is_punct and t.i not in clauses]
    while words and words[-1].dep_ == "case":  # "Dahl's warning that ...": Dahl
        words.pop()
    if q.speaker is None and words:  # unresolved: the phrase without the marks and commas around it
        q.speaker_start, q.speaker_end = max(words[0].idx, start), min(words[-1].idx + len(words[-1]), end)


def _principal(q: Quote, subject: Token | None, parts: ArticleParticipants, lex: Lexicon) -> str | None:
    """"X's office said", "a spokesperson for X said": X is the speaker and the office or spokesperson the conduit,
    unless the spokesperson is named."""
    if subject is None or lemma_of(subject) not in lex.conduits \
            or any(c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" for c in subject.children):
        return None
    owner = next((c for c in subject.children if c.dep_ == "poss"), None) or next(
        (g for c in subject.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}
         for g in c.children if g.dep_ == "pobj"), None)
    mention = parts.covering(owner.idx, owner.idx + len(owner)) if owner is not None else None
    if mention is None or mention.start < owner.left_edge.idx:
        return None
    q.speaker, q.speaker_start, q.speaker_end = mention.entity, mention.start, mention.end
    return lemma_of(subject)


def _set_speaker_at(q: Quote, s: int, e: int, parts: ArticleParticipants, head: int | None = None,
                    modifiers: list[tuple[int, int]] = ()) -> None:
    """The mention at the phrase's head, else a group, else a person ("the Bank's chief economist, Maria Lopez"),
    else an organization in it that no modifier holds: a prepositional phrase ("the head of its Farm Bureau" is
    not the Farm Bureau), a relative clause ("a woman who accused Carter") or a participle without an agent."""
    if s == e:
        return
    head = s if head is None else head
    inside = parts.at(s, e)
    mention = None
    heads = [m for m in inside if m.start <= head < m.end]
    inside = [m for m in inside if not any(a <= m.start and m.end <= b for a, b in modifiers)]
    if inside or heads:
        groups = [m for m in inside if m.entity.kind == "group"]
        mention = groups[0] if groups else heads[0] if heads else next(
            (m for m in inside if m.entity.kind == "person"), None) or next(
            (m for m in inside if m.entity.kind == "organization"), inside[0])
    if mention is None:
        q.speaker_start, q.speaker_end = s, e
        return
    q.speaker, q.speaker_start, q.speaker_end = mention.entity, mention.start, mention.end


def _conduit(cue: Token, sent: Span, parts: ArticleParticipants, lex: Lexicon) -> str | None:
    """"through spokesperson X", "in a press release", "according to a ... press release"."""
    doc = cue.doc
    tok, chain = cue, [cue]
    while tok.dep_ in {"advcl", "xcomp", "conj"} and tok.head is not tok:
        tok = tok.head
        chain.append(tok)
    for t in chain:
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in {"through", "via", "in"}):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if prep.lower_ != "in" or lemma_of(pobj) in lex.documents or pobj.text.lower() in lex.documents:
                return _phrase(doc, pobj, parts)
        for dobj in (c for c in t.children if c.dep_ == "dobj" and lemma_of(c) in lex.documents):
            for prep in (c for c in dobj.children if c.dep_ == "prep" and c.lower_ in {"through", "via"}):
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return _phrase(doc, pobj, parts)
    if (document := _document_of(cue)) is not None:
        return _phrase(doc, document, parts)
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((g for g in doc[tok.i + 1].children if g.dep_ == "pobj"), None)
            if pobj is not None and (lemma_of(pobj) in lex.documents or
                                     doc[pobj.left_edge.i:pobj.i + 1].text.lower().endswith(tuple(lex.documents))):
                return _phrase(doc, pobj, parts)
    return None


def _phrase(doc: Doc, head: Token, parts: ArticleParticipants) -> str:
    mention = parts.covering(head.idx, head.idx + len(head))
    if mention is not None and mention.entity.kind == "person":
        return mention.entity.name
    left = head.left_edge.i
    while left < head.i and doc[left].dep_ in {"det", "poss"} and doc[left].lower_ in {"a", "an", "the", "its", "his", "her", "their"}:
        left += 1
    return doc[left:head.i + 1].text


def _according_to(cue: Token, sent: Span, quotations, parts: ArticleParticipants, lex: Lexicon) -> Quote | None:
    doc, text = cue.doc, doc_text(cue.doc)
    to = doc[cue.i + 1]
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    document = pobj is not None and lemma_of(pobj) in lex.documents
    if pobj is None or document and len(_cues(sent, lex)) > 1:
        return None  # "X said ..., according to a press release": the release is X's conduit
    phrase_start, phrase_end = cue.idx, doc[pobj.right_edge.i].idx + len(doc[pobj.right_edge.i])
    after = text[phrase_end:sent.end_char]
    if phrase_start - sent.start_char < 3:
        s, e = phrase_end, sent.end_char
    elif after.startswith(",") and re.search(r"\w", after) \
            and text[sent.start_char:phrase_start].rstrip().endswith(","):
        s, e = sent.start_char, sent.end_char  # an aside: 'The county, according to X, has ...'
    else:
        s, e = sent.start_char, phrase_start
    s, e = _trim(doc, s, e, quotations)
    while e > s and text[e - 1] in ".\n ":
        e -= 1
    if e - s < 10:
        return None
    q = Quote(s, e, _kind(s, e, quotations, text) or "indirect", "according to", cue.idx, to.idx + len(to))
    author = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}
                   for g in c.children if g.dep_ == "pobj"), None) if document else None
    _set_speaker(q, author or pobj, parts)
    if document:
        q.via = _phrase(doc, pobj, parts)
    return q


def _nested_conduits(quotes: list[Quote]) -> None:
    """"X noted that ..., the State Department reported": the trailing reporter becomes X's conduit. A trailing
    speaker who is not reporting ("He promised to ..., Frankel said"), or a cue inside that says nothing ("Trump
    plans to ..., Carson said"), makes the whole clause the trailing speaker's quote instead."""
    for outer in list(quotes):
        inner = [q for q in quotes if q is not outer and q.cue_start is not None
                 and outer.start <= q.cue_start < outer.end and q.end <= (outer.cue_start or 0)]
        if not inner or outer.speaker is None or outer.cue_start <= outer.end:
            continue
        if outer.cue != "report" or all(q.cue not in lexicon().cue_verbs for q in inner):
            for q in inner:
                quotes.remove(q)
            continue
        for q in inner:
            q.via = q.via or outer.speaker.name
        quotes.remove(outer)


def quote_rows(quotes: list[Quote], article_id: str, text: str) -> list[dict]:
    rows = []
    for q in quotes:
        rows.append({
            "quote_id": stable_id(article_id, q.start, q.end, q.kind),
            "article_id": article_id,
            "text": text[q.start:q.end],
            "start_char": q.start,
            "end_char": q.end,
            "kind": q.kind,
            "speaker": q.speaker.name if q.speaker else None,
            "speaker_participant_id": q.speaker.participant_id if q.speaker else None,
            "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end,
            "cue": q.cue,
            "via": q.via,
            "cue_start": q.cue_start,
            "cue_end": q.cue_end,
        })
    return rows
