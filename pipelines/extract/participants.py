"""Participants: mentions clustered into one row per person, country, organization or group.

Coreference is rule-based: names by their words (accents and lost letters folded), titles
and pronouns by recency, groups by size and role.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipelines.extract.lexicon import Lexicon, fold
from pipelines.extract.mentions import (
    ORGANIZATION_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    STATE_AGENTS,
    Mention,
    country_mentions,
    group_mentions,
    named_organization_mentions,
    official_mentions,
    place_mentions,
    organization_mentions,
    person_mentions,
    pronoun_and_nominal_mentions,
)
from pipelines.extract.nlp import clause_subject, doc_text, sentences_of, tokens_of
from pipelines.ids import stable_id

NATIONAL_ROLES = {"foreign minister", "deputy foreign minister", "head of government", "head of state",
                  "deputy head of state", "minister", "deputy minister", "defense minister", "ambassador",
                  "envoy", "military officer", "spokesperson", "legislator"}
GIVEN_NAME_TITLES = {"prince", "princess", "king", "queen", "pope", "emperor", "empress", "sir", "dame"}
PRONOUN_REACH = 600  # characters back a pronoun or bare title may look for its antecedent
CONTEXT_REACH = 250  # characters back a country named before a titled official still sets whom they act for


@dataclass
class Entity:
    """One participant of the article, with every mention resolved to it."""

    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    actor_id: str | None = None
    title: str | None = None
    role: str | None = None
    country_code: str | None = None
    affiliation: str | None = None
    members: list["Entity"] = field(default_factory=list)
    participant_id: str | None = None

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


@dataclass
class ArticleParticipants:
    """Every participant of an article and the mention that covers each character."""

    entities: list[Entity]
    mentions: list[Mention]
    home_country: str | None
    _index: tuple[list[int], list[Mention], int] | None = field(default=None, repr=False)

    def _near(self, start: int, end: int) -> list[Mention]:
        """Mentions that can overlap [start, end), by start: a window of the sorted mentions, so that
        looking up spans costs the same in a long article as in a short one."""
        if self._index is None:
            ordered = sorted(self.mentions, key=lambda m: m.start)
            longest = max((m.end - m.start for m in ordered), default=0)
            self._index = ([m.start for m in ordered], ordered, longest)
        starts, ordered, longest = self._index
        return ordered[bisect_left(starts, start - longest):bisect_left(starts, end)]

    def at(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end), in text order."""
        return [m for m in self._near(start, end) if m.entity is not None and start <= m.start and m.end <= end]

    def covering(self, start: int, end: int) -> Mention | None:
        """The resolved mention that overlaps [start, end) most."""
        best, size = None, 0
        for m in self._near(start, end):
            overlap = min(end, m.end) - max(start, m.start)
            if m.entity is not None and overlap > size:
                best, size = m, overlap
        return best


def extract_participants(doc: Doc, article: dict, lex: Lexicon) -> ArticleParticipants:
    text = doc_text(doc)
    home = lex.home_country(article.get("source_name"), article.get("source_hint"), article.get("url"),
                            article.get("_site_domain"))
    persons = person_mentions(doc, lex)
    for m in persons:
        m.text = m.name = article["text"][m.start:m.end]
    taken = [(m.start, m.end) for m in persons]
    countries = [m for m in country_mentions(text, lex) if not _inside(m, taken)]
    for m in countries:
        if m.text in lex.home_names.get(home, ()):
            m.code = home
    named = [(m.start, m.end) for m in countries] + taken
    countries += [m for m in place_mentions(doc, lex) if not any(s < m.end and m.start < e for s, e in named)]
    orgs = [m for m in organization_mentions(text, lex) if not _inside(m, taken)]
    orgs = _drop_nested(orgs)
    title_end = len(article.get("title") or "")
    lower_words = {t.text for t in tokens_of(doc) if t.is_lower}
    named_orgs, misread_people = _named_organizations(doc, lex, persons, orgs, countries, home, title_end,
                                                      lower_words)
    orgs += named_orgs + _short_names(doc, countries, named_orgs)
    persons += misread_people
    countries = [m for m in countries if not _inside(m, [(o.start, o.end) for o in orgs if o.code != "body:MFA"])
                 or _inside(m, [(o.start, o.end) for o in orgs if o.code.startswith("body:") or o.title_country])]
    entities: list[Entity] = []
    _cluster_people(persons, entities, lex)
    entities[:] = [e for e in entities if e.kind != "person" or _looks_like_a_person(doc, e, lex, lower_words)
                   and not _headline_words(doc, e, title_end)]
    kept = {id(e) for e in entities}
    persons = [m for m in persons if id(m.entity) in kept]
    persons += _surnames_alone(doc, entities, persons + countries + orgs, lex, lower_words)
    _cluster_by_code(countries, entities, "country", lambda m: lex.country_display.get(m.code, m.text),
                     lambda m: f"country:{m.code}")
    _resolve_bodies(orgs, countries, home, lex)
    _cluster_by_code(orgs, entities, "organization", lambda m: m.name, lambda m: m.code)
    orgs += _organizations_again(doc, entities, persons + countries + orgs, lex)
    for e in entities:
        if e.kind == "country":
            e.country_code = e.actor_id.split(":", 1)[1]
            e.affiliation = e.name
        elif e.kind == "organization":
            actor = lex.actors_by_id.get(e.actor_id)
            e.country_code = next((m.title_country for m in e.mentions if m.title_country),
                                  actor.country if actor else None)
            e.affiliation = lex.country_display.get(e.country_code) if e.country_code else None
    _assign_person_affiliations(doc, entities, countries, home, lex)
    officials = _resolve_officials(official_mentions(doc, taken), entities, lex)
    others = [m for m in pronoun_and_nominal_mentions(doc, lex) if not _inside(m, [(o.start, o.end) for o in officials])]
    groups = group_mentions(doc, lex)
    _resolve_groups(groups, entities)
    groups += _resolve_coordinated_titles(doc, entities, lex)
    _resolve_pronouns_and_titles(doc, others, entities, lex)
    _resolve_state_agents(doc, others, entities, countries, home, lex)
    all_mentions = sorted(persons + countries + orgs + officials + groups + others, key=lambda m: (m.start, -m.end))
    for m in all_mentions:  # names as the article writes them (the parser saw lost letters replaced)
        m.text = article["text"][m.start:m.end]
        if m.kind == "person":
            m.name = m.text
    entities = _merge_same_actor([e for e in entities if e.mentions])
    for e in entities:
        e.participant_id = stable_id(article["article_id"], e.actor_id)
    return ArticleParticipants(entities, all_mentions, home)


def _named_organizations(doc: Doc, lex: Lexicon, persons: list[Mention], orgs: list[Mention],
                         countries: list[Mention], home: str | None,
                         title_end: int, lower_words: set[str]) -> tuple[list[Mention], list[Mention]]:
    """Recognized organizations clear of people and dictionary organizations; an arm of a state or a
    party acts for the country it names; a police force, army or government named without one for the
    outlet's country ("South Wales Police" in the BBC), else for the country the article names most.
    A short name ending in a person's surname, or in a name the text gives an honorific ("Mr Cable"),
    is that person ("Vincent Cable"). A headline's name the body never repeats is the recognizer
    reading the headline ("North Korea Test-Fires Missiles")."""
    surnames = {w for m in persons for w in _name_tokens(m.name)}
    taken = [(m.start, m.end) for m in persons + orgs]
    found = named_organization_mentions(doc, lex, lower_words)
    owners = {m.start for m in orgs + countries + found}
    most_named = Counter(m.code for m in countries).most_common(1)
    text = doc_text(doc)
    out, people = [], []
    for m in found:
        if any(s < m.end and m.start < e for s, e in taken) or fold(m.text) in surnames \
                or m.start < title_end and m.text not in text[title_end:]:
            continue
        if 1 < len(words := _name_tokens(m.text)) <= 3:
            surname = m.text.split()[-1]
            titled = [Mention(t.start(1), t.end(1), surname, "person", name=surname)
                      for t in re.finditer(HONORIFIC + "(" + re.escape(surname) + r")\b", text)
                      if not any(s < t.end(1) and t.start(1) < e for s, e in taken)]
            if words[-1] in surnames or titled:
                people += [Mention(m.start, m.end, m.text, "person", name=m.text)] + titled
                continue
        if (of := OF_THE.match(text, m.end)) and of.end() in owners:
            continue  # "the Central Committee of the Communist Party of China" is the party's
        inner = [c for c in countries if _inside(c, [(m.start, m.end)])]
        if any(c.start == m.start and c.end == m.end for c in inner):  # "DPRK" is the country
            continue
        if inner and lex.national_org_words.search(fold(m.text)):
            m.title_country = inner[0].code
        elif lex.state_arm_words.search(fold(m.text)):
            m.title_country = home or (most_named[0][0] if most_named else None)
        out.append(m)
    return out, people


def _short_names(doc: Doc, countries: list[Mention], orgs: list[Mention]) -> list[Mention]:
    """"American pledged ..." after "American Airlines": a country word standing alone as a noun, where a
    company's name starts with it, is that company (the country mention then drops as inside it)."""
    out = []
    for c in countries:
        owner = next((o for o in orgs if o.name.startswith(c.text + " ") and not o.title_country), None)
        tok = doc.char_span(c.start, c.end, alignment_mode="expand")
        if owner is None or tok is None or len(tok) != 1 or tok[0].dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            continue
        out.append(Mention(c.start, c.end, c.text, "organization", name=owner.name, code=owner.code))
    return out


def _merge_same_actor(entities: list[Entity]) -> list[Entity]:
    """Two clusters that resolved to one actor are one participant."""
    by_id: dict[str, Entity] = {}
    for e in entities:
        if e.actor_id in by_id:
            keep = by_id[e.actor_id]
            keep.mentions.extend(e.mentions)
            for m in e.mentions:
                m.entity = keep
            keep.title = keep.title or e.title
        else:
            by_id[e.actor_id] = e
    for group in by_id.values():  # a group's members point at the kept participants
        group.members = _unique_entities(by_id[m.actor_id] for m in group.members if m.actor_id in by_id)
    return list(by_id.values())


def _unique_entities(entities) -> list[Entity]:
    out: list[Entity] = []
    for e in entities:
        if all(e is not o for o in out):
            out.append(e)
    return out


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping organization mentions ("UN Security Council" over "UN")."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s]+", fold(name)) if t]


def _token_match(a: str, b: str) -> bool:
    if "?" not in a and "?" not in b:
        return a == b
    if len(a) != len(b):
        return False
    return all(x == y or "?" in (x, y) for x, y in zip(a, b))


def _cluster_people(persons: list[Mention], entities: list[Entity], lex: Lexicon) -> None:
    """Full names start a person; a later surname or partial name joins the most recent match."""
    people: list[Entity] = []
    for m in sorted(persons, key=lambda m: (-len(_name_tokens(m.name)), m.start)):
        tokens = _name_tokens(m.name)
        given_name = len(tokens) == 1 and m.title is not None and m.title.split()[-1].lower() in GIVEN_NAME_TITLES
        match = None
        for e in sorted(people, key=lambda e: -max(x.start for x in e.mentions)):
            etoks = _name_tokens(e.name)
            if given_name and etoks != tokens:
                continue  # "Prince Charles" is not "Charles Kennedy"
            if all(any(_token_match(t, et) for et in etoks) for t in tokens):
                match = e
                break
        if match is None:
            match = Entity("person", m.name)
            people.append(match)
        match.mentions.append(m)
        m.entity = match
    for e in people:
        actor = lex.actor_for(e.name)
        if actor is not None and actor.kind == "person":
            e.name, e.actor_id = actor.name, actor.actor_id
        else:
            e.actor_id = person_id(e.name)
        titled = [m for m in e.mentions if m.title]
        if titled:
            e.title = max(titled, key=lambda m: (len(m.title.split()), -m.start)).title
        elif actor is not None and actor.kind == "person":
            e.title = actor.title
        e.role = lex.role_of(e.title) or (actor.role if actor is not None and actor.kind == "person" else None)
    entities.extend(people)


LOCATIVE = {"in", "at", "near", "across", "around", "outside"}
PERSON_LINK = re.compile(r"(?:\s*,)?\s*(?:and\s+)?")  # between coordinated names: ", ", " and ", ", and "
HONORIFIC = r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? "
FOR_BODY = re.compile(r",\s+for\s+(?:the\s+)?")
OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
CORPORATE_SUFFIX = re.compile(r",?\s+(?:Inc|Corp|Corporation|Co|Ltd|LLC|plc|PLC|AG|SA|GmbH)\.?$")
NOT_PERSON_LABELS = {"GPE", "LOC", "FAC", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW"}


def _surnames_alone(doc: Doc, entities: list[Entity], mentions: list[Mention], lex: Lexicon,
                    lower_words: set[str]) -> list[Mention]:
    """Later bare surnames of people named in full that the recognizer did not take for names ("Rob Calabrese ...
    Calabrese told the Post", "Mr Kilroy-Silk"), even tagged as common nouns ("Sanders, who ..., said") when the
    article never writes them in lower case; a surname two people share is left alone."""
    owners: dict[str, list[Entity]] = {}
    for e in entities:
        words = e.name.split()
        if e.kind == "person" and len(words) > 1 and len(words[-1]) > 2 and words[-1][0].isupper():
            owners.setdefault(words[-1], []).append(e)
    common = {w for w in owners if w.lower() not in lower_words}
    return _named_again(doc, owners, mentions, "person", lex, common=common)


def _organizations_again(doc: Doc, entities: list[Entity], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Other mentions of an organization's name, or of its name without "Inc." or "Ltd", that the recognizer read
    as something else ("Qualcomm said" after "Qualcomm Inc.")."""
    owners: dict[str, list[Entity]] = {}
    orgs = [e for e in entities if e.kind == "organization"]
    for e in orgs:
        for name in {m.text for m in e.mentions if len(m.text) > 2 and m.text[0].isupper()}:
            owners.setdefault(name, []).append(e)
    for e in orgs:  # a short name no organization is written as ("Qualcomm" for "Qualcomm Inc.")
        for name in {CORPORATE_SUFFIX.sub("", m.text) for m in e.mentions} - {m.text for m in e.mentions}:
            if len(name) > 2 and name not in owners:
                owners[name] = [e]
    return _named_again(doc, owners, mentions, "organization", lex, anywhere=True)


def _named_again(doc: Doc, owners: dict[str, list[Entity]], mentions: list[Mention], kind: str,
                 lex: Lexicon, anywhere: bool = False, common: set[str] = frozenset()) -> list[Mention]:
    """Each occurrence of a name that only one entity bears, after its first mention unless `anywhere`, written on
    its own (not inside another mention or a longer name, though an honorific may precede it), as a mention of
    that entity; a name in `common` even where the tagger took it for a common noun."""
    if not owners:
        return []
    text, taken, found = doc_text(doc), [(m.start, m.end) for m in mentions], []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(owners, key=len, reverse=True))) + r")(?!\w)")
    for match in pattern.finditer(text):
        owner, start, end = owners[match.group()], match.start(), match.end()
        span = doc.char_span(start, end)
        if span is None or len(owner) > 1 or span[0].pos_ != "PROPN" and match.group() not in common \
                or not anywhere and start < owner[0].first.start or any(s < end and start < e for s, e in taken):
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.pos_ == "PROPN" and before.lower_ not in lex.honorifics \
                or after is not None and after.pos_ == "PROPN":
            continue  # part of a longer name ("Calabrese Foundation", "Joe Calabrese")
        m = Mention(start, end, match.group(), kind, name=match.group(),
                    code=owner[0].actor_id if kind == "organization" else None)
        m.entity = owner[0]
        owner[0].mentions.append(m)
        found.append(m)
    return found


def _looks_like_a_person(doc: Doc, e: Entity, lex: Lexicon, lower_words: set[str]) -> bool:
    """Keep a name cluster unless the article shows it is not a person: a single untitled word
    ("Twitter", "Thor"), words the article also uses in lower case ("Election", "Young People"), or a
    place ("in Melton Mowbray") or what the entity recognizer only calls something else ("Pacific Ocean").
    The actor dictionary or an honorific vouch for a person; so does a title, for a name not made of
    the article's own lower-case words ("General Election")."""
    if e.actor_id in lex.actors_by_id:
        return True
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in e.mentions]
    spans = [s for s in spans if s is not None]
    if any(s.start > 0 and doc[s.start - 1].lower_ in lex.honorifics for s in spans):
        return True
    words = e.name.split()
    if "\n" in e.name or words[-1].lower() in lex.not_name_ends or words[0] in lex.not_name_starts:
        return False
    if all(w.isupper() and len(w) > 1 for w in words) or any(re.search(r"['’]s$", w) for w in words[:-1]):
        return False  # "AILSA CHANG" (a transcript's speaker label), "Hemsworth’s Norse"
    if all(w.lower() in lower_words for w in words):
        return False
    labels = {s.root.ent_type_ for s in spans}
    if len(words) == 1:  # "General Election", "Queen Mother": one word needs the recognizer's word too
        return bool(e.title) and "PERSON" in labels
    if e.title:
        return True
    if "PERSON" not in labels and labels & NOT_PERSON_LABELS:
        return False
    first = min(spans, key=lambda s: s.start_char)
    return not (first.root.dep_ == "pobj" and first.root.head.lower_ in LOCATIVE)


def _headline_words(doc: Doc, person: Entity, title_end: int) -> bool:
    """A "name" only the headline gives that holds a verb: "DPRK Premier Meets Russian Delegation"."""
    if any(m.start >= title_end for m in person.mentions):
        return False
    spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in person.mentions)
    return any(t.pos_ == "VERB" for s in spans if s is not None for t in s)


def person_id(name: str) -> str:
    """A person's actor_id from the name: accents, case, punctuation and middle initials do not count
    ("George W. Bush" and "George Bush" are one id)."""
    words = re.sub(r"[^a-z0-9?]+", " ", fold(name)).split()
    kept = [w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1)]
    return "person:" + "-".join(kept)


def _cluster_by_code(mentions, entities, kind, name_of, id_of) -> None:
    by_id: dict[str, Entity] = {}
    for m in mentions:
        aid = id_of(m)
        if aid not in by_id:
            by_id[aid] = Entity(kind, name_of(m), actor_id=aid)
            entities.append(by_id[aid])
        by_id[aid].mentions.append(m)
        m.entity = by_id[aid]


def _resolve_bodies(orgs: list[Mention], countries: list[Mention], home: str | None, lex: Lexicon) -> None:
    """"the Foreign Ministry" belongs to the country written next to it, else the outlet's country."""
    counts = Counter(m.code for m in countries)
    for m in orgs:
        if not m.code.startswith("body:"):
            continue
        near = [c for c in countries if 0 <= m.start - c.end <= 3 or 0 <= c.start - m.end <= 4]
        code = near[0].code if near else home or (counts.most_common(1)[0][0] if counts else None)
        m.name = f"{m.name} ({lex.country_display.get(code, code)})" if code else m.name
        m.code = f"org:{code}-{m.code.split(':', 1)[1]}" if code else f"org:{m.code.split(':', 1)[1]}"
        m.title_country = code


def _assign_person_affiliations(doc: Doc, entities: list[Entity], countries: list[Mention], home: str | None,
                                lex: Lexicon) -> None:
    orgs = {e.actor_id: e for e in entities if e.kind == "organization"}
    text = doc_text(doc)
    for e in entities:
        if e.kind != "person":
            continue
        actor = lex.actors_by_id.get(e.actor_id)
        country = next((m.title_country for m in e.mentions if m.title_country), None)
        org_id = next((m.title_org for m in e.mentions if m.title_org), None)
        if country is None and org_id is None and actor is not None:
            country, org_id = actor.country, actor.affiliation_id
        if org_id is not None:
            org = lex.actors_by_id.get(org_id)
            e.affiliation = org.name if org else orgs.get(org_id, e).name
            e.country_code = country or (org.country if org else None)
        elif country is not None:
            e.country_code = country
            e.affiliation = lex.country_display.get(country, country)
        elif (body := _body_before_title(text, e, entities) or _body_after_name(text, e, entities)) is not None:
            e.country_code, e.affiliation = body.country_code, body.name
        elif (body := _body_in_apposition(doc, e, entities)) is not None:
            e.country_code, e.affiliation = body.country_code, body.name
        elif e.role == "legislator" and (code := _legislatures_country(entities, lex)):
            e.country_code = code
            e.affiliation = lex.country_display.get(code, code)
        elif (e.role or _is_peer(e)) and (
                code := _country_in_context(doc, e.first, countries, home) or _bodies_country(entities)):
            e.country_code = code
            e.affiliation = lex.country_display.get(code, code)


def _is_peer(person: Entity) -> bool:
    """"Lord Falconer", "Baroness Scotland": a member of a parliament's upper house."""
    return person.name.split()[0].lower() in {"lord", "baroness"}


def _bodies_country(entities: list[Entity]) -> str | None:
    """An article that names no country but whose parties and agencies all belong to one: that country."""
    codes = {e.country_code for e in entities if e.kind == "organization" and e.country_code}
    return codes.pop() if len(codes) == 1 else None


def _legislatures_country(entities: list[Entity], lex: Lexicon) -> str | None:
    """The one country whose legislature the article names: where a legislator with no country sits."""
    codes = {e.country_code for e in entities
             if e.kind == "organization" and e.country_code and lex.legislature_words.search(fold(e.name))}
    return codes.pop() if len(codes) == 1 else None


def _body_before_title(text: str, person: Entity, entities: list[Entity]) -> Entity | None:
    """"Foreign Ministry spokeswoman Hua", "Liberal Democrat spokeswoman Gidley": the body written
    just before the title is whom the person acts for."""
    starts = [m.title_start for m in person.mentions if m.title_start is not None]
    for e in entities:
        if e.kind in {"organization", "country"} and any(
                0 <= s - m.end <= 2 and not text[m.end:s].strip() for m in e.mentions for s in starts):
            return e
    return None


def _body_after_name(text: str, person: Entity, entities: list[Entity]) -> Entity | None:
    """"Vincent Cable, for the Liberal Democrats, said": the body a name is set apart as speaking for."""
    for end in {m.end for m in person.mentions}:
        if (after := FOR_BODY.match(text, end)) is None:
            continue
        for e in entities:
            if e.kind in {"organization", "country"} and any(m.start == after.end() for m in e.mentions):
                return e
    return None


def _body_in_apposition(doc: Doc, person: Entity, entities: list[Entity]) -> Entity | None:
    """"Kim Tok Hun, member of the Presidium ..., vice-president of the State Affairs Commission of the
    DPRK and premier of the Cabinet,": the one country (or a country's body) an apposition's "of" phrases
    name is whom the person acts for; "ambassador to China" names where, not whom."""
    first = person.first
    name = doc.char_span(first.start, first.end, alignment_mode="expand")
    if name is None:
        return None
    spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in name.root.children if t.dep_ == "appos"]
    found = [x.entity for e in entities if e.kind in {"country", "organization"} and e.country_code
             for x in e.mentions if any(s <= x.start and x.end <= end for s, end in spans)
             and (of := doc.char_span(x.start, x.end, alignment_mode="expand")) is not None
             and of.root.dep_ == "pobj" and of.root.head.lower_ == "of"]
    codes = {e.country_code for e in found}
    return found[0] if len(codes) == 1 else None


def _country_in_context(doc: Doc, first: Mention, countries: list[Mention], home: str | None) -> str | None:
    """A titled official with no country written: the country that was last the subject of a main clause
    just before them ("Russia is worried. Deputy foreign minister Ryabkov said"), else the outlet's
    country, else the country the article names most."""
    before = [c for c in countries if 0 <= first.start - c.end <= CONTEXT_REACH and _is_subject_at(doc, c, main_clause=True)]
    if before:
        return max(before, key=lambda c: c.end).code
    if home is not None:
        return home
    counts = Counter(c.code for c in countries).most_common(2)
    return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None



def _resolve_officials(officials: list[Mention], entities: list[Entity], lex: Lexicon) -> list[Mention]:
    """An unnamed office holder is a person acting for the body or country in its title; one actor per office."""
    kept = []
    by_id: dict[str, Entity] = {}
    for m in officials:
        spans = [tuple(map(int, a.split(":"))) for a in m.modifiers]
        inside = [x for e in entities if e.kind in {"organization", "country"} for x in e.mentions
                  if any(s <= x.start and x.end <= e_ for s, e_ in spans)]
        anchor = min(inside, key=lambda x: (x.entity.kind != "organization", x.start), default=None)
        if anchor is None:
            continue
        body = anchor.entity
        role = lex.role_of(m.name) or lex.role_of(m.head)
        named = next((e for e in entities if e.kind == "person" and e.title and m.head in e.title.lower()
                      and e.country_code == body.country_code and e.first.start < m.start), None)
        owner = named or by_id.get(f"{body.actor_id}|{role or m.head}")
        if owner is None:
            owner = Entity("person", f"{body.name} {m.head}", title=m.title, role=role,
                           country_code=body.country_code, affiliation=body.name,
                           actor_id="official:" + re.sub(r"[^a-z0-9]+", "-", f"{body.actor_id} {role or m.head}".lower()))
            by_id[f"{body.actor_id}|{role or m.head}"] = owner
            entities.append(owner)
        owner.mentions.append(m)
        m.entity = owner
        kept.append(m)
    return kept


def _countries_of_recent_group(g: Mention, entities: list[Entity]) -> list[Entity]:
    """"the three countries" after "the three deputy ministers": the countries those people act for."""
    groups = [e for e in entities if e.kind == "group" and len(e.members) == g.number
              and any(m.start < g.start for m in e.mentions)]
    if not groups:
        return []
    recent = max(groups, key=lambda e: max(m.start for m in e.mentions if m.start < g.start))
    codes = {p.country_code for p in recent.members}
    return [e for e in entities if e.kind == "country" and e.country_code in codes] if len(codes) == g.number else []


def _role_word(head: str) -> str:
    singular = re.sub(r"s$", "", re.sub(r"ies$", "y", head))
    return {"secretary": "minister", "chief": "", "leader": "", "official": "", "diplomat": ""}.get(singular, singular)


def _role_fits(head: str, modifiers: tuple[str, ...], role: str | None) -> bool:
    if role is None:
        return False
    words = _role_word(head)
    if words and words not in role:
        return False
    deputy = any(m in {"deputy", "vice"} for m in modifiers)
    return deputy == role.startswith("deputy") or not words


def _resolve_groups(groups: list[Mention], entities: list[Entity]) -> None:
    """A group's members: the people of matching role nearest before it (or after it, when it comes first)."""
    people = [e for e in entities if e.kind == "person"]
    by_members: dict[tuple[str, ...], Entity] = {}
    countries = [e for e in entities if e.kind == "country"]
    for g in groups:
        if g.head in {"countries", "nations", "governments", "allies"}:
            fits = _countries_of_recent_group(g, entities) or countries
        elif _role_word(g.head) or g.number:
            fits = [p for p in people if _role_fits(g.head, g.modifiers, p.role)]
        else:
            continue
        before = sorted(fits, key=lambda p: -max((m.start for m in p.mentions if m.start < g.start), default=-1))
        before = [p for p in before if any(m.start < g.start for m in p.mentions)]
        after = sorted((p for p in fits if p not in before), key=lambda p: p.first.start)
        n = g.number or len(before) or len(after)
        members = (before + after)[:n] if n else []
        if len(members) < 2 or (g.number and len(members) != g.number):
            continue
        _attach_group(g, members, entities, by_members)


def _attach_group(m: Mention, members: list[Entity], entities: list[Entity], by_members: dict) -> None:
    key = tuple(sorted(p.actor_id for p in members))
    group = by_members.get(key) or next((e for e in entities if e.kind == "group" and
                                         tuple(sorted(x.actor_id for x in e.members)) == key), None)
    if group is None:
        ordered = sorted(members, key=lambda p: p.first.start)
        names = [p.name for p in ordered]
        label = ", ".join(names[:-1]) + " and " + names[-1]
        countries = {p.country_code for p in members}
        group = Entity("group", label, actor_id="group:" + stable_id(*key), members=ordered,
                       country_code=countries.pop() if len(countries) == 1 else None)
        entities.append(group)
    by_members[key] = group
    group.mentions.append(m)
    m.entity = group


def _resolve_coordinated_titles(doc: Doc, entities: list[Entity], lex: Lexicon) -> list[Mention]:
    """"Ministers Park and Blinken": people joined under one plural title form a group too."""
    found = []
    person_at = {m.start: m for e in entities if e.kind == "person" for m in e.mentions}
    by_members: dict = {}
    text = doc_text(doc)
    for tok in tokens_of(doc):
        if tok.lower_ not in lex.title_heads or not tok.lower_.endswith("s") or not tok.text[:1].isupper() \
                or tok.i + 1 >= len(doc):
            continue
        mention = person_at.get(doc[tok.i + 1].idx)
        members, end = [], None
        while mention is not None:
            members.append(mention.entity)
            end = mention.end
            link = PERSON_LINK.match(text, end)
            mention = person_at.get(link.end()) if link and link.end() > end else None
        if len(members) > 1:
            gm = Mention(tok.idx, end, text[tok.idx:end], "group", name=text[tok.idx:end])
            _attach_group(gm, members, entities, by_members)
            found.append(gm)
    return found


# A shadow or former chancellor is not "the chancellor".
NOT_THE_OFFICE = {"shadow", "former", "ex"}


def _resolve_pronouns_and_titles(doc: Doc, others: list[Mention], entities: list[Entity], lex: Lexicon) -> None:
    """He/she/bare titles to the nearest fitting person before; they/them to the nearest group.

    A person whose gender the text shows ("Mr", "Mrs", an earlier "she") is not taken for a pronoun
    of the other gender, and a pronoun that is a subject prefers the person who was the subject of its
    own or the previous sentence ("Maria Lopez endorsed John Carter. She also called ..." is Maria Lopez)."""
    resolved = sorted(((m.start, e, _is_subject_at(doc, m)) for e in entities for m in e.mentions),
                      key=lambda x: x[0])
    gender = {id(e): g for e in entities if e.kind == "person" and (g := _gender_shown(doc, e, lex))}
    sentence_starts = [sent.start_char for sent in sentences_of(doc)]
    for m in sorted(others, key=lambda m: m.start):
        candidates = [(e, subj) for s, e, subj in resolved if s < m.start and m.start - s <= PRONOUN_REACH]
        recent = sentence_starts[max(0, bisect_right(sentence_starts, m.start) - 2)]  # the previous sentence's
        near = {id(e) for s, e, subj in resolved if subj and recent <= s < m.start}
        if m.kind == "pronoun" and m.name in PLURAL_PRONOUNS:
            pick = [e for e, _ in candidates if e.kind == "group"]
        elif m.kind == "pronoun":
            bound = _clause_subject_at(doc, m)
            fits = [(e, subj) for e, subj in candidates if e.kind == "person"
                    and gender.get(id(e), PRONOUNS[m.name]) == PRONOUNS[m.name]
                    and not any(x.start <= bound < x.end for x in e.mentions)]
            subjects = [e for e, _ in fits if id(e) in near]
            pick = subjects if subjects and _is_subject_at(doc, m) else [e for e, _ in fits]
        elif m.head in ORGANIZATION_NOUNS.values():  # "the airline": the organization so named, before or else after
            named = [(s, e) for s, e, _ in resolved if e.kind == "organization" and _name_tokens(e.name)[-1:] == [m.head]]
            before = [e for s, e in named if s < m.start]
            pick = before or [e for _, e in named][:1]
        else:  # a bare title: the last person before holding it, however far back ("the chancellor")
            said = set(m.text.lower().split())
            pick = [e for s, e, _ in resolved if s < m.start and e.kind == "person" and e.title
                    and m.head in e.title.lower() and not (NOT_THE_OFFICE & set(e.title.lower().split())) - said]
        if pick:
            m.entity = pick[-1]
            pick[-1].mentions.append(m)
            if m.kind == "pronoun" and m.name in PRONOUNS:
                gender.setdefault(id(pick[-1]), PRONOUNS[m.name])


def _resolve_state_agents(doc: Doc, others: list[Mention], entities: list[Entity], countries: list[Mention],
                          home: str | None, lex: Lexicon) -> None:
    """Police, authorities, regulators and prosecutors that no named organization stands for act for the
    country their own words place them in ("Seattle police"), else the country most of the article's
    countries and places belong to (a Chinese paper's report of a truck attack in France), else the outlet's."""
    article = _article_country(doc, countries, lex) if any(m.head in STATE_AGENTS for m in others) else None
    for m in others:
        if m.entity is not None or m.head not in STATE_AGENTS or len(m.modifiers) > 1:
            continue
        code = m.modifiers[0] if m.modifiers else article or home
        if code is None:
            continue
        actor_id = f"org:{code}-{m.head}"
        body = next((e for e in entities if e.actor_id == actor_id), None)
        if body is None:
            display = lex.country_display.get(code, code)
            body = Entity("organization", f"{STATE_AGENTS[m.head]} ({display})", actor_id=actor_id,
                          country_code=code, affiliation=display)
            entities.append(body)
        body.mentions.append(m)
        m.entity = body


def _article_country(doc: Doc, countries: list[Mention], lex: Lexicon) -> str | None:
    """The country most of the article's countries, cities and states belong to, if one leads (not
    nationalities: a "Nigerian prince" arrested in Louisiana)."""
    codes = Counter(m.code for m in countries if (span := doc.char_span(m.start, m.end, alignment_mode="expand"))
                    is not None and span[0].ent_type_ != "NORP")
    codes.update(code for ent in doc.ents if ent.label_ == "GPE" and (code := lex.place_country(ent.text)))
    ranked = codes.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def _clause_subject_at(doc: Doc, m: Mention) -> int:
    """Where the subject of an object pronoun's own clause is written (-1 if none): "X, who paid a call
    on him": "him" is not X, nor is "her" in "Smith praised her"."""
    pronoun = doc.char_span(m.start, m.end, alignment_mode="expand")
    if pronoun is None or pronoun.root.dep_ not in {"dobj", "pobj", "dative"}:
        return -1
    verb = pronoun.root.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.dep_ in {"prep", "pobj", "dobj"} and verb.head != verb:
        verb = verb.head
    subject = clause_subject(verb)
    return subject.idx if subject is not None else -1


def _is_subject_at(doc: Doc, m: Mention, main_clause: bool = False) -> bool:
    """The mention is a subject (of the sentence's main verb, with `main_clause`)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"} and (
        not main_clause or span.root.head.dep_ == "ROOT")


def _gender_shown(doc: Doc, person: Entity, lex: Lexicon) -> str | None:
    """"m" or "f" when an honorific before one of the person's names shows it."""
    for m in person.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            honorific = doc[span.start - 1].lower_.rstrip(".")
            if honorific in {"mr", "sir", "lord"}:
                return "m"
            if honorific in {"mrs", "ms", "miss", "lady", "dame"}:
                return "f"
    return None


def participant_rows(parts: ArticleParticipants, article_id: str) -> list[dict]:
    rows = []
    for e in parts.entities:
        first = e.first
        rows.append({
            "participant_id": e.participant_id,
            "article_id": article_id,
            "actor_id": e.actor_id,
            "name": e.name,
            "kind": e.kind,
            "title": e.title,
            "affiliation": e.affiliation,
            "country_code": e.country_code,
            "mention_count": len(e.mentions),
            "first_start": first.start,
            "first_end": first.end,
            "role": e.role,
            "members": [p.participant_id for p in e.members] if e.members else None,
            "aliases": sorted({m.text for m in e.mentions if m.kind not in {"pronoun"}}),
        })
    return rows
