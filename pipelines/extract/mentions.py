"""Finding mentions in a parsed article: people (with titles), countries, organizations, groups.

A mention is a character span with what it names; `participants.py` clusters them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from pipelines.ingest.dateline import DATELINE
from pipelines.extract.lexicon import Lexicon, fold
from pipelines.extract.nlp import doc_text, lemma_of, tokens_of

PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = {"they", "them", "their"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "both": 2, "2": 2, "3": 3, "4": 4}
NOT_PERSON_AFTER = {"administration", "commission", "government", "era", "doctrine", "foundation", "university",
                    "institute", "center", "centre", "plan", "act", "law", "award", "prize", "campaign", "cabinet",
                    "family", "regime", "report", "stadium", "museum", "airport", "street", "square", "company"}
# Common nouns that refer back to an organization named in the article, with the word its name ends in
# ("the airline" for "American Airlines", "police" for "South Wales Police").
ORGANIZATION_NOUNS = {"company": "company", "airline": "airlines", "firm": "firm", "police": "police",
                      "party": "party", "council": "council", "commission": "commission", "bank": "bank",
                      "association": "association", "union": "union", "agency": "agency", "group": "group"}
# A state's law enforcers named by their office alone ("police shot him", "regulators in Texas").
STATE_AGENTS = {"police": "Police", "authorities": "Authorities", "regulators": "Regulators",
                "prosecutors": "Prosecutors"}
GROUP_HEADS = {"countries", "nations", "governments", "allies"}
# Offices an unnamed person holds for a country or organization ("a spokesman for the Defence Ministry").
OFFICE_HEADS = {"spokesperson", "spokesman", "spokeswoman", "minister", "ambassador", "envoy", "official",
                "diplomat", "chief", "director", "commander", "adviser", "advisor", "officer"}
LOST_LETTER = "ı"  # stands in, for the parser, for a letter the text lost to "?"
LOST_LETTER_WORD = rf"[A-Z][^\W\d_]*{LOST_LETTER}[^\W\d_]+"


@dataclass
class Mention:
    """A span of the article text that names or refers to a participant."""

    start: int
    end: int
    text: str
    kind: str  # person, country, organization, group, official, pronoun, nominal
    name: str = ""  # the name as written, titles and possessive stripped
    title: str | None = None
    title_country: str | None = None  # country given with the title ("U.S.", "of Japan")
    title_org: str | None = None  # organization given with the title ("United Nations")
    title_start: int | None = None  # where a title written before the name starts
    code: str | None = None  # country code (country mentions) or actor id (dictionary organizations)
    number: int | None = None  # a group's size, when written
    head: str | None = None  # group or nominal head noun ("ministers", "minister")
    modifiers: tuple[str, ...] = ()
    member_names: tuple[str, ...] = ()
    entity: object = field(default=None, repr=False)


@cache
def _surface_regex(surfaces: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<![\w.-])(?:{_alternatives(surfaces)})(?![\w-]|\.\w)")


def _alternatives(surfaces: tuple[str, ...]) -> str:
    """The surfaces as one regex alternation, longest first."""
    return "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))


def country_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Country names, short forms and demonyms, whole words as written, and both sides of a hyphenated
    pair ("U.S.-ROK drills")."""
    out = []
    for m in _surface_regex(tuple(lex.country_names)).finditer(text):
        surface = m.group(0)
        if text[m.end():m.end() + 10].lower() == " peninsula":  # "the Korean peninsula" is no country
            continue
        before = text[max(0, m.start() - 12):m.start()]
        if before.endswith(" ") and before.split() and before.split()[-1].lower() in lex.honorifics:
            continue  # "Mr. English" is a person
        out.append(Mention(m.start(), m.end(), surface, "country", name=surface, code=lex.country_names[surface]))
    for m in _pair_regex(tuple(lex.country_names)).finditer(text):
        for side in (1, 2):
            surface = m.group(side)
            out.append(Mention(m.start(side), m.end(side), surface, "country", name=surface,
                               code=lex.country_names[surface]))
    return sorted(out, key=lambda m: m.start)


@cache
def _pair_regex(surfaces: tuple[str, ...]) -> re.Pattern:
    alternatives = _alternatives(surfaces)
    return re.compile(rf"(?<![\w.-])({alternatives})-({alternatives})(?![\w-]|\.\w)")


METONYM_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "pobj", "dobj"}


def place_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Places standing for a country: the dateline ("Pyongyang, October 25 (KCNA) --", "BEIJING --") and
    capitals used for their governments ("Pyongyang said", "talks between Seoul and Washington")."""
    text, out = doc_text(doc), []
    for m in DATELINE.finditer(text):
        place = m.group("place").strip()
        if code := lex.place_country(place) or lex.place_country(place.title()):
            out.append(Mention(m.start("place"), m.start("place") + len(place), place, "country", name=place, code=code))
    for ent in doc.ents:
        code = lex.capitals.get(ent.text)
        if ent.label_ != "GPE" or code is None:
            continue
        root = ent.root
        partners = [t for t in root.children if t.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
        governing = root.dep_ in METONYM_DEPS - {"pobj"} or (
            root.dep_ == "pobj" and root.head.lower_ in {"by", "between", "with", "against", "from"})
        if governing or any(lex.place_country(t.text) for t in partners):
            out.append(Mention(ent.start_char, ent.end_char, ent.text, "country", name=ent.text, code=code))
    return out


def organization_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Dictionary organizations and national bodies ("the Foreign Ministry")."""
    orgs = {alias: lex.actors_by_id[actor_id] for actor_id, aliases in lex.org_surfaces.items() for alias in aliases}
    out = []
    for m in _surface_regex(tuple(orgs)).finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(0), "organization", name=orgs[m.group(0)].name,
                           code=orgs[m.group(0)].actor_id))
    bodies = lex.national_bodies
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(bodies, key=len, reverse=True))
                         + r")(?![\w-])", re.IGNORECASE)
    for m in pattern.finditer(text):
        if not m.group(0)[0].isupper():
            continue
        body = bodies[fold(m.group(0))]
        out.append(Mention(m.start(), m.end(), m.group(0), "organization", name=body.name, code="body:" + body.key))
    return out


def named_organization_mentions(doc: Doc, lex: Lexicon, lower_words: set[str]) -> list[Mention]:
    """Organizations the recognizer finds (companies, police forces, parties, associations) that the
    dictionary does not list. An acronym of a longer name ("MAB" for "Muslim Association of Britain")
    or its last words ("Navy" for "U.S. Navy") is that organization."""
    ents = [ent[1:] if ent[0].lower_ == "the" else ent for ent in doc.ents if ent.label_ == "ORG"]
    ents = [ent[:-1] if len(ent) > 1 and ent[-1].text in {"'s", "’s"} else ent for ent in ents]
    ents = [ent for ent in ents if _looks_like_an_organization(ent, lex, lower_words)]
    names = sorted({ent.text for ent in ents}, key=len, reverse=True)
    out = []
    for ent in ents:
        name = next((n for n in names if ent.text == _acronym(n) or n.endswith(" " + ent.text)), ent.text)
        out.append(Mention(ent.start_char, ent.end_char, ent.text, "organization", name=name,
                           code="org:" + "-".join(re.sub(r"[^a-z0-9]+", " ", fold(name)).split())))
    return out


def _looks_like_an_organization(ent: Span, lex: Lexicon, lower_words: set[str]) -> bool:
    """A capitalized name of at most eight words on one line, with no title word, verb or digits in it,
    not ending like a law or a building ("Road Safety Bill", "Nairobi Serena Hotel"); a single word
    the article also writes in lower case ("Budget") is a common noun."""
    words = [t for t in ent if not t.is_punct]
    return (0 < len(words) <= 8 and ent[0].text[:1].isupper() and "\n" not in ent.text
            and len(ent.text) > 1 and words[-1].lower_ not in lex.not_organization_ends
            and not any(t.like_num or t.pos_ == "VERB" or t.lower_ in lex.title_heads for t in ent)
            and not (len(ent) == 1 and ent.text.lower() in lower_words))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _is_title_token(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    return low in lex.title_heads or low in lex.title_modifiers or low == "-" or low in lex.title_complements


def _title_before(doc: Doc, start: int, lex: Lexicon) -> tuple[Span | None, str | None, str | None, int]:
    """The title run just before token `start` ("U.S. Secretary of State", "Vice Foreign Minister of DPRK"),
    its country or organization."""
    stop, country, org = start, None, None
    walk = start  # the title words run back from here
    for n in range(1, min(4, start - 1)):  # "spokeswoman for women Sandra Gidley": a "for" phrase closes the title
        if doc[start - n - 1].lower_ == "for" and doc[start - n - 2].lower_ in lex.title_heads \
                and not any(t.ent_type_ == "PERSON" for t in doc[start - n:start]):
            walk = start - n - 1
            break
    for n in range(min(8, start - 2), 0, -1):  # "... Minister of DPRK Kim": the country closes the title
        if doc[start - n - 1].lower_ == "of" and (code := lex.country_of(doc[start - n:start].text)):
            stop = walk = start - n - 1
            country = code
            break
    i = walk - 1
    while i >= 0 and _is_title_token(doc[i], lex):
        if doc[i].lower_ in {"the", "and", "of", "for", "a"} and (i == walk - 1):
            break
        i -= 1
    first = i + 1
    while first < stop and doc[first].lower_ in {"of", "the", "and", "for", "-"}:
        first += 1
    if first >= stop or not any(doc[k].lower_ in lex.title_heads for k in range(first, stop)):
        return None, None, None, start
    title = doc[first:stop]
    if country is not None:
        return title, country, org, first
    # the country or organization written before the title: "U.S.", "Japanese", "United Nations", "China's"
    j = first
    while j > 0 and doc[j - 1].text in {"'s", "’s"}:
        j -= 1
    for n in range(min(4, j), 0, -1):
        cand = doc[j - n:j].text
        if code := lex.country_of(cand):
            country = code
            break
        if actor := lex.actor_for(cand):
            if actor.kind == "organization":
                org = actor.actor_id
                break
    return title, country, org, first


def _title_after(doc: Doc, end: int, lex: Lexicon) -> tuple[Span | None, str | None, str | None]:
    """An apposition after the name: ", U.S. Deputy Secretary of State," or ", the spokesperson,"."""
    if end >= len(doc) or doc[end].text != "," or end + 1 < len(doc) and doc[end + 1].lower_ in {"and", "or", "but"}:
        return None, None, None  # ", and the presidents of Sri Lanka" is someone else
    i = end + 1
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":  # "Robert Jackson, 58, MP for Wantage"
        i += 2
    if i < len(doc) and doc[i].lower_ == "of":  # "Colonel Lee Kuk-no, of South Korea," / "Simon Thomas, of Plaid Cymru,"
        for n in range(8, 0, -1):
            phrase = doc[i + 1:i + 1 + n].text
            if code := lex.country_of(phrase):
                return None, code, None
            if (actor := lex.actor_for(phrase)) and actor.kind == "organization":
                return None, None, actor.actor_id
    while i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i + 1 < len(doc) and doc[i + 1].text in {"'s", "’s"} and not _is_title_token(doc[i], lex) \
            and not lex.country_of(doc[i].text):
        i += 2  # "Tony Hunter, the organisation's president,"
    country = org = None
    for n in range(4, 0, -1):
        cand = doc[i:i + n]
        if len(cand) == n and (code := lex.country_of(cand.text)):
            country, i = code, i + n
            break
        if len(cand) == n and (actor := lex.actor_for(cand.text)) and actor.kind == "organization":
            org, i = actor.actor_id, i + n
            break
    if i < len(doc) and doc[i].text in {"'s", "’s"}:
        i += 1
    first = i
    while i < len(doc) and (_is_title_token(doc[i], lex) or (doc[i].is_title and doc[i - 1].lower_ == "of")):
        if doc[i - 1].lower_ == "of" and any(lex.country_of(doc[i:i + n].text) for n in range(1, 9)):
            break
        i += 1
    title = doc[first:i]
    if not len(title) or not any(t.lower_ in lex.title_heads for t in title):
        return None, None, None
    # "of South Korea" / "of Japan" at the end is the country, not part of the title; so is a country
    # closing the apposition further on (", minister of Foreign Affairs and Expatriates of Syria,")
    k = i
    while k < min(len(doc), i + 8) and doc[k].text not in {",", ".", ";", "(", ")"} and country is None:
        if doc[k - 1].lower_ == "of":
            for n in range(8, 0, -1):
                cand = doc[k:k + n]
                if len(cand) == n and (code := lex.country_of(cand.text)):
                    country = code
                    break
        k += 1
    for of_at in range(first, i):
        if doc[of_at].lower_ == "of":
            tail = doc[of_at + 1:i].text
            if code := lex.country_of(tail):
                country = country or code
                title = doc[first:of_at]
                break
    while len(title) and title[-1].lower_ in {"of", "the", "and", "for", "-"}:
        title = title[:-1]
    return (title if len(title) else None), country, org


def person_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """People: spaCy's PERSON entities and names after a title word, with the titles written around them."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            start = ent.start  # "Zeynep Akar" when the recognizer only took "Akar"
            while start > 0 and ent.start - start < 2 and _name_word(doc[start - 1], lex):
                start -= 1
            spans.append((start, ent.end))
        elif ent.label_ in {"ORG", "LOC", "GPE", "NORP"} and ent[0].lower_ in lex.title_heads and len(ent) > 1:
            spans.append((ent.start + 1, ent.end))
    spans.extend(_names_after_titles(doc, lex))
    spans.extend(_names_before_titles(doc, lex))
    spans.extend(_names_with_lost_letters(doc))
    known = [(k.start, k.end) for m in _surface_regex(lex.person_surfaces).finditer(doc_text(doc))
             if (k := doc.char_span(m.start(), m.end(), alignment_mode="contract")) is not None]
    # a dictionary name is exact: it replaces whatever longer span the recognizer made around it
    spans = [s for s in spans if not any(k[0] < s[1] and s[0] < k[1] for k in known)] + known
    out, seen = [], set()
    for start, end in sorted(_merge_overlaps(spans)):
        start, end = _trim_name(doc, start, end, lex)
        if start >= end or (start, end) in seen:
            continue
        seen.add((start, end))
        span = doc[start:end]
        honored = start > 0 and doc[start - 1].lower_ in lex.honorifics  # "Mr Kennedy" is not the town
        if (lex.country_of(span.text) or lex.place_country(span.text) and len(span) == 1) and not honored:
            continue
        if (actor := lex.actor_for(span.text)) and actor.kind == "organization":
            continue
        if end < len(doc) and doc[end].lower_ in NOT_PERSON_AFTER:
            continue
        if not any(t.text[:1].isupper() for t in span):
            continue
        title, country, org, title_first = _title_before(doc, start, lex)
        if title is None and start > 1 and doc[start - 1].text == "," and end < len(doc) and doc[end].text == ",":
            title, country, org, title_first = _title_before(doc, start - 1, lex)  # "Her lawyer, Gaby Lasky,"
        after, country_after, org_after = _title_after(doc, end, lex)
        chosen = after if after is not None and (title is None or len(after) > len(title)) else title
        out.append(Mention(
            span.start_char, span.end_char, span.text, "person", name=span.text,
            title=_clean_title(chosen.text) if chosen is not None else None,
            title_country=country_after or country if chosen is after and after is not None else country or country_after,
            title_org=org or org_after,
            title_start=doc[title_first].idx if title is not None else None,
        ))
    return out


def _clean_title(title: str) -> str:
    return re.sub(r"\s*-\s*", "-", title).strip(" ,")


def _merge_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _trim_name(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in lex.title_heads or doc[start].lower_ in lex.title_modifiers
                           or doc[start].lower_ in lex.honorifics or doc[start].is_punct or doc[start].lower_ == "the"
                           or doc[start].text in lex.credits):
        start += 1
    while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _names_after_titles(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """"Ministers Park and Blinken", "Vice Minister Cho", "Vice Foreign Minister of DPRK Kim Son Gyong":
    capitalized names right after a title head, or after the country that closes the title."""
    out = []
    for tok in tokens_of(doc):
        if tok.lower_ not in lex.title_heads or not tok.text[:1].isupper():
            continue
        i = _after_title_country(doc, tok.i + 1, lex) or tok.i + 1
        while i < len(doc):
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                    and doc[j].text not in lex.not_names and doc[j].lower_ not in lex.title_heads:
                j += 1
            if j == i:
                break
            if not lex.country_of(doc[i:j].text) and not lex.actor_for(doc[i:j].text):
                out.append((i, j))
            if j < len(doc) and doc[j].lower_ == "and" and tok.lower_.endswith("s"):
                i = j + 1
                continue
            break
    return out


def _name_word(tok: Token, lex: Lexicon) -> bool:
    """A capitalized proper noun that can be part of a name (not a title word, a country or a body)."""
    return (tok.pos_ == "PROPN" and tok.is_title and tok.text not in lex.not_names and tok.lower_ not in lex.title_heads
            and tok.lower_ not in lex.title_modifiers and tok.lower_ not in lex.honorifics and not tok.ent_type_
            and not lex.country_of(tok.text) and not lex.actor_for(tok.text))


def _names_before_titles(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """"Choe Son Hui, foreign minister of the DPRK,": two to four capitalized proper nouns before an
    apposed title are a name, whatever the entity recognizer made of them."""
    out = []
    for tok in tokens_of(doc):
        if tok.text != "," or _title_after(doc, tok.i, lex)[0] is None:
            continue
        start = tok.i
        while start > 0 and tok.i - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].text not in lex.not_names and doc[start - 1].lower_ not in lex.title_heads \
                and doc[start - 1].ent_type_ not in {"DATE", "GPE", "NORP"}:
            start -= 1
        if tok.i - start >= 2 and not lex.place_country(doc[start:tok.i].text) and not lex.actor_for(doc[start:tok.i].text):
            out.append((start, tok.i))
    return out


def _after_title_country(doc: Doc, i: int, lex: Lexicon) -> int | None:
    """The token after "... of Foreign Affairs of the DPRK" when a country closes the title run from `i`."""
    while i < len(doc) and _is_title_token(doc[i], lex):
        if doc[i].lower_ == "of":
            for n in range(8, 0, -1):
                if i + 1 + n <= len(doc) and lex.country_of(doc[i + 1:i + 1 + n].text):
                    return i + 1 + n
        i += 1
    return None


def _names_with_lost_letters(doc: Doc) -> list[tuple[int, int]]:
    """"Ant?nio Guterres": a capitalized word with a `?` inside, joined to the name that follows."""
    out = []
    for m in re.finditer(rf"{LOST_LETTER_WORD}(?:\s+[A-Z][^\W\d_]+(?:-[A-Za-z]+)?)+", doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out.append((span.start, span.end))
    return out


def group_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Plural nominal groups: "the three deputy ministers", "the deputy foreign ministers of the three countries"."""
    out = []
    for tok in tokens_of(doc):
        if tok.tag_ != "NNS" or lemma_of(tok) not in lex.title_heads and tok.lower_ not in GROUP_HEADS | lex.title_heads:
            continue
        if tok.lower_ in GROUP_HEADS and not any(c.lower_ in NUMBERS for c in tok.lefts):
            continue
        if not any(c.lower_ in {"the", "these", "both"} for c in tok.children) and not (
                tok.i > 0 and doc[tok.i - 1].lower_ in NUMBERS and tok.i > 1 and doc[tok.i - 2].lower_ == "the"):
            continue
        number = None
        mods = []
        for c in tok.lefts:
            if c.lower_ in NUMBERS:
                number = NUMBERS[c.lower_]
            elif c.dep_ in {"amod", "compound", "nmod"}:
                mods.append(c.lower_)
        for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in prep.children:
                for c in pobj.lefts:
                    if c.lower_ in NUMBERS:
                        number = NUMBERS[c.lower_]
        left = min([c.i for c in tok.lefts] + [tok.i])
        right = tok.i + 1
        for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"):
            right = max(right, prep.right_edge.i + 1)
        span = doc[left:right]
        out.append(Mention(span.start_char, span.end_char, span.text, "group", name=span.text,
                           number=number, head=tok.lower_, modifiers=tuple(mods)))
    return out


def official_mentions(doc: Doc, taken: list[tuple[int, int]]) -> list[Mention]:
    """Unnamed office holders with whom they act for: "A spokesman for the Ministry of National Defence",
    "a State Department spokesperson", "a senior U.S. official". `anchor` spans hold the body or country."""
    out, text = [], doc_text(doc)
    for tok in tokens_of(doc):
        if tok.tag_ != "NN" or tok.lower_ not in OFFICE_HEADS or any(s <= tok.idx < e for s, e in taken):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # a title before a name: the person is named
        dets = [c for c in tok.lefts if c.dep_ == "det" and c.lower_ in {"a", "an", "the"}]
        if not dets:
            continue
        mods = [c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"}]
        preps = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in {"of", "for", "at"}]
        anchors = [(doc[c.left_edge.i].idx, c.right_edge.idx + len(c.right_edge)) for c in mods + preps]
        if not anchors:
            continue
        start = dets[0].idx
        end = max([tok.idx + len(tok)] + [e for s, e in anchors if s > tok.idx])
        title = text[doc[dets[0].i + 1].idx:end]
        office = text[doc[dets[0].i + 1].idx:tok.idx + len(tok)]  # "special envoy", not "envoy for the President"
        out.append(Mention(start, end, text[start:end], "official", name=office, title=title, head=tok.lower_,
                           modifiers=tuple(f"{s}:{e}" for s, e in anchors)))
    return out


def pronoun_and_nominal_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Pronouns ("he", "they"), bare titles ("the minister", "the spokesperson") and common nouns for a
    named organization ("the airline", "police")."""
    out = []
    for tok in tokens_of(doc):
        low = tok.lower_
        if low in PRONOUNS or low in PLURAL_PRONOUNS:
            out.append(Mention(tok.idx, tok.idx + len(tok), tok.text, "pronoun", name=low))
        elif (tok.tag_ == "NN" and low in lex.title_heads and tok.i > 0 and doc[tok.i - 1].lower_ in {"the", "his", "her"}
              and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")):
            start = doc[tok.i - 1]
            out.append(Mention(start.idx, tok.idx + len(tok), doc[tok.i - 1:tok.i + 1].text, "nominal",
                               name=low, head=low))
        elif low in ORGANIZATION_NOUNS and tok.dep_ != "compound" and tok.ent_iob_ == "O" \
                and not any(c.dep_ == "compound" for c in tok.children) and (
                tok.i > 0 and doc[tok.i - 1].lower_ == "the" or low == "police" and tok.dep_ in {"nsubj", "nsubjpass"}):
            first = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ == "the" else tok.i
            out.append(Mention(doc[first].idx, tok.idx + len(tok), doc[first:tok.i + 1].text, "nominal",
                               name=low, head=ORGANIZATION_NOUNS[low],
                               modifiers=_agent_places(tok, lex) if low in STATE_AGENTS else ()))
        elif low in STATE_AGENTS and tok.ent_iob_ == "O" and tok.dep_ in {"nsubj", "nsubjpass", "pobj", "conj"}:
            first = tok.left_edge.i if tok.left_edge.lower_ in {"the", "local", "federal", "state"} else tok.i
            out.append(Mention(doc[first].idx, tok.idx + len(tok), doc[first:tok.i + 1].text, "nominal",
                               name=low, head=low, modifiers=_agent_places(tok, lex)))
    return out


def _agent_places(tok: Token, lex: Lexicon) -> tuple[str, ...]:
    """The countries a state agent's own words place it in: "Chinese authorities", "Seattle police",
    "regulators in Texas and North Carolina"."""
    words = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}]
    words += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    codes = []
    for t in (t for w in words for t in [w, *w.conjuncts]):
        ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
        if code := lex.place_country(ent.text if ent is not None else t.text):
            codes.append(code)
    return tuple(dict.fromkeys(codes))
