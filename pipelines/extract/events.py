"""Events: who did what to whom, when and where, coded with PLOVER and CAMEO from `data/events.yml`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from pipelines.extract.dates import DateExpr, find_dates, resolve
from pipelines.extract.lexicon import Lexicon
from pipelines.extract.nlp import clause_subject, doc_text, lemma_of, sentences_of, tokens_of
from pipelines.extract.participants import ArticleParticipants, Entity
from pipelines.extract.quotes import DOUBLE_MARKS, in_phrasal_form
from pipelines.ids import stable_id
from pipelines.ingest.dateline import find_dateline

PLANNING_VERBS = {"agree", "plan", "decide", "intend", "expect", "schedule", "pledge", "vow", "promise", "prepare",
                  "aim", "seek", "hope", "want", "propose", "arrange", "set"}
HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should", "must"}
FUTURE_AUX = {"will", "shall", "'ll"}
# Verbs too plain to name what a headline reports.
PLAIN_VERBS = {"be", "have", "do", "get", "go", "make", "take", "come", "see", "know", "want", "need", "look", "find",
               "give", "put", "keep", "let", "begin", "start", "become", "seem", "use"}
HOLDING_VERBS = {"hold", "have", "conduct", "make", "stage", "host", "attend", "pay", "issue", "reiterate", "renew",
                 "repeat"}
SUBJECTS = {"nsubj", "nsubjpass"}
# Verbs whose "by" phrase on an event noun names who does it ("a rally organized by", "drills staged by").
ORGANIZING_VERBS = {"organize", "organise", "sponsor", "stage", "host", "hold", "lead", "call", "convene", "conduct",
                    "pursue", "launch", "mount", "carry"}
# Nouns a relative clause tells the time of ("the moment North Korea launches"), not the background of.
TIME_NOUNS = {"moment", "day", "time", "night", "morning", "afternoon", "evening", "week", "hour", "year", "month"}
# Prepositions whose event noun happened whatever the clause around it says.
PRESUPPOSING = {"during", "since", "amid", "following"}  # not "after": "after the next election"
# What an act that has not happened may be feared as ("without fear of arrest").
RISKS = {"fear", "risk", "threat", "danger", "prospect", "possibility", "spectre", "specter"}
# Acts of law enforcement, and the bodies that do them when no one else is named.
ENFORCEMENT_ACTS = {"arrest", "detain", "charge", "indict", "investigation", "probe"}
ENFORCERS = re.compile(r"\b(?:Police|Authorities|Prosecutors|Sheriff|Constabulary)\b", re.IGNORECASE)
PRESENT, PAST = {"VBZ", "VBP", "NNS"}, {"VBD"}  # tags of verbs told in the present and past tense
TARGET_PREPS = {"with", "against", "on", "to", "at", "over", "into"}
ASKING_VERBS = {"request", "urge", "call", "demand", "ask", "press", "appeal"}
# Verbs whose noun object is what they ask for, plan, threaten or refuse, not something that happened.
REQUEST_VERBS = {"agree", "request", "urge", "call", "demand", "propose", "plan", "seek", "ask", "threaten", "oppose",
                 "reject", "refuse", "want", "consider", "incite", "encourage", "provoke"}
# Subjects that stand for the state or body named in their modifiers ("the DPRK permanent mission").
BODY_HEADS = {"mission", "delegation", "embassy", "government", "authorities", "side", "army", "military", "forces",
              "navy", "police", "regime", "administration", "ministry", "office", "leadership", "troops", "consulate"}
COUNTRY_WORDS = {"country", "state", "nation"}
STATEMENT_TITLE = re.compile(r"\b(?:statement|communiqu[eé]|declaration|commentary|remarks)\b", re.IGNORECASE)
# Types whose object is someone's act: the target is whoever acts, not whom the act aims at.
STANCE_TYPES = {"ACCUSE", "REJECT", "SUPPORT"}
# Types done together: who is named first does not matter.
MUTUAL_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# Types whose object is what is given: the target is whom it goes to.
TRANSFER_TYPES = {"COOPERATE", "AID"}
# Dates chosen for an event rather than written for it.
WEAK_DATE_SOURCES = {"publication", "inherited"}
# Of one happening told twice, the better-founded date wins: written, then carried over, then the report's.
DATE_SOURCE_RANK = {"explicit": 3, "relative": 3, "inherited": 2, "publication": 1}
# Last words of a building's name: "Mansudae Assembly Hall", "Kumsusan Palace", "Sage Centre".
BUILDINGS = {"hall", "palace", "house", "centre", "center", "stadium", "arena", "square", "airport", "hotel",
             "theatre", "theater", "building", "tower", "museum", "cathedral", "church", "mosque", "temple"}
AFTERMATH_OF = {"ACCUSE": {"MOBILIZE", "ASSAULT"}}


@dataclass
class Event:
    event_type: str
    cameo: str | None
    mode: str | None
    trigger_start: int
    trigger_end: int
    sentence: Span
    sources: list[Entity] = field(default_factory=list)
    targets: list[Entity] = field(default_factory=list)
    date_value: date | None = None
    date_text: str | None = None
    date_precision: str = "unknown"
    date_source: str | None = "publication"
    location: str | None = None
    location_code: str | None = None
    modality: str = "asserted"
    separate: bool = False
    is_root: bool = False
    lemma: str = ""
    implied: bool = False  # read from a modal ("X should stop"), not named by a trigger word
    present: bool = False  # told in the present tense: happening as the article is written
    named_before: list[Entity] = field(default_factory=list)  # "denounces it": whose act "it" may be
    they: bool = False  # done by a "they" no participant stands for


def extract_events(doc: Doc, parts: ArticleParticipants, lex: Lexicon, pub: date | None, title_end: int) -> list[Event]:
    events: list[Event] = []
    text = doc_text(doc)
    for sent in sentences_of(doc):
        dates = find_dates(text, sent.start_char, sent.end_char)
        for tok in tokens_of(doc)[sent.start:sent.end]:
            for event in _events_at(tok, sent, parts, lex):
                _anchor(event, tok, dates, pub, parts, lex)
                events.append(event)
    title = _headline(doc, title_end, lex)
    if parts.home_country and STATEMENT_TITLE.search(title):
        demands = _statement_demands(doc, parts, title_end)
        asked = {d.trigger_start for d in demands}  # "The world should denounce the ROK": the demand, not a denunciation
        events = [e for e in events if e.sources or e.trigger_start not in asked] + demands
    events += _headline_act(doc, events, parts, lex, pub, title, title_end)
    _parties_between(events, parts)
    _enforcers(events, parts)
    with_parties = [e for e in events if e.sources or e.targets or e.event_type == "OTHER"
                    or _headline_rank(e, title, title_end) is not None]
    # an article whose events name no party still reports its first one, so it has a root event
    events = with_parties or events[:1]
    _protesters_as_they(events)
    events = _one_per_acting_country(events)
    _targets_from_antecedents(events)
    _host_countries(events, parts)
    _pair_the_parties(events)
    _targets_told_before(events)
    _date_from_the_next_sentence(events, pub)
    _inherit_dates(events, pub, _statement_date(doc, pub, title_end))
    events = _merge_title_events(events, title_end)
    events = _merge_same(events)
    _choose_root(events, title_end, title, parts.home_country)
    _place_the_root(events, parts, lex, title_end)
    return events


def _anchor(event: Event, tok: Token, dates: list[DateExpr], pub: date | None, parts: ArticleParticipants,
            lex: Lexicon) -> None:
    """The trigger's lemma, the event's date and place, and unnamed protesters as the people of the
    country they protest in."""
    event.lemma = lemma_of(tok)
    _date_event(event, tok, dates, pub)
    _locate(event, tok, lex)
    if event.event_type == "PROTEST" and not event.sources:
        event.sources = [e for e in parts.entities if e.kind == "country" and e.country_code == event.location_code][:1]


def _recent_sentences(sentence: Span, before: int) -> set[int]:
    """Where the sentence and the `before` sentences ahead of it start."""
    sentences, at = _sentence_at(sentence)
    return {s.start for s in sentences[max(0, at - before):at + 1]}


def _sentence_at(sentence: Span) -> tuple[list[Span], int]:
    """The doc's sentences and the index of this one among them."""
    sentences = sentences_of(sentence.doc)
    return sentences, next(i for i, s in enumerate(sentences) if s.start == sentence.start)


def _trigger(event: Event) -> Token:
    """The head word of the event's trigger."""
    return event.sentence.doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand").root


def _headline_act(doc: Doc, events: list[Event], parts: ArticleParticipants, lex: Lexicon, pub: date | None,
                  title: str, title_end: int) -> list[Event]:
    """General news: when no coded event carries the headline's verb ("Sarah Silverman and Michael Sheen
    split after four years"), the body's first use of that verb is an event of type OTHER, so the
    article's root is what the headline reports."""
    if any(_headline_rank(e, title, title_end) is not None or e.trigger_start < title_end and e.event_type != "OTHER"
           for e in events):
        return []
    words = tokens_of(doc)
    body = [t for t in words if t.idx >= title_end]
    main = [t for t in words if t.idx < title_end and t.pos_ == "VERB"
            and (t.dep_ in {"ROOT", "conj"} or t.dep_ == "acl" and t.head.dep_ == "ROOT")]  # not "busted buying"
    for verb in main:
        lemma = lemma_of(verb)
        if lemma in PLAIN_VERBS or lemma in lex.cue_verbs and in_phrasal_form(verb, lex):  # "hits back", not "hits"
            continue
        for tok in (t for t in body if t.pos_ == "VERB" and lemma_of(t) == lemma):
            found = _verb_events(tok, tok.sent, parts, {"type": "OTHER"})
            dates = find_dates(doc_text(doc), tok.sent.start_char, tok.sent.end_char)
            for event in found:
                _anchor(event, tok, dates, pub, parts, lex)
            return found
    return []


def _targets_from_antecedents(events: list[Event]) -> None:
    """"condemned the launch" / "condemning it": the target is whoever carried out the act condemned;
    else, for "rejects it", the doer named before the pronoun."""
    for i, e in enumerate(events):
        kinds = AFTERMATH_OF.get(e.event_type)
        if kinds and not e.targets:
            act = next((p for p in reversed(events[:i]) if p.event_type in kinds and p.sources), None) or next(
                (p for p in events[i + 1:] if p.event_type in kinds and p.sources), None)
            if act is not None:
                e.targets = [t for t in act.sources if t not in e.sources]
        if not e.targets:
            e.targets = e.named_before


def _statement_demands(doc: Doc, parts: ArticleParticipants, title_end: int) -> list[Event]:
    """In a statement, "The ROK should immediately stop ..." and "The international community must
    denounce ..." are the author's demands of whoever should act (CAMEO 10)."""
    author = [e for e in parts.entities if e.kind == "country" and e.country_code == parts.home_country]
    out = []
    for sent in sentences_of(doc):
        root = sent.root
        if sent.start_char < title_end or root.pos_ != "VERB" or not any(
                c.dep_ == "aux" and c.lower_ in {"should", "must"} for c in root.children):
            continue
        subject = _subject(root)
        asked = [e for e in _actors_of(subject, parts) if e not in author]
        if not author or subject is None or subject.pos_ == "PRON" and not asked:
            continue  # "we should", "he that puts on a public gown must ..."
        event = Event("DEMAND", "10", None, root.idx, root.idx + len(root), sent, author[:1], asked)
        event.lemma, event.present, event.implied = lemma_of(root), True, True
        out.append(event)
    return out


def _protesters_as_they(events: list[Event]) -> None:
    """"A rally took place in Seoul ... They condemned Yoon": a "they" no participant stands for, within
    three sentences after a protest, or after the protesters' last "they", is the protesters; so is the
    doer of "a rally calling for ..."."""
    by_noun = {p.trigger_start: p for p in events if p.event_type == "PROTEST" and p.sources}
    last: Event | None = None
    for e in sorted(events, key=lambda e: e.trigger_start):
        if not e.sources and (trigger := _trigger(e)).dep_ in {"acl", "relcl"} \
                and (protest := by_noun.get(trigger.head.idx)) is not None:
            e.sources = [x for x in protest.sources if x not in e.targets] or protest.sources
        if e.event_type == "PROTEST" and e.sources:
            last = e
        elif e.they and last is not None and last.sentence.start in _recent_sentences(e.sentence, 3):
            e.sources = [x for x in last.sources if x not in e.targets] or last.sources
            last = e  # the protesters' "they" goes on


def _one_per_acting_country(events: list[Event]) -> list[Event]:
    """"China's and Russia's ambassadors said they opposed ...", "sanctions imposed by the U.S. and Japan":
    each country did it, one event each (as PETRARCH splits compound actors). A meeting, agreement or
    cooperation stays one event of all its parties, and so does an act its parties do together in a call
    or meeting told in the same or the sentence before ("Ministers Park and Blinken ... condemning it");
    sources with no country go with the first country."""
    out = []
    for e in events:
        codes = list(dict.fromkeys(x.country_code for x in e.sources if x.country_code))
        if e.event_type in MUTUAL_TYPES | {"OTHER"} or len(codes) < 2 or _done_together(e, events):
            out.append(e)
            continue
        for code in codes:
            group = [x for x in e.sources if x.country_code == code or not x.country_code and code == codes[0]]
            out.append(replace(e, sources=group, targets=[t for t in e.targets if t not in group]))
    return out


def _done_together(event: Event, events: list[Event]) -> bool:
    """Whether a meeting or call in the event's sentence or the one before has all its sources taking part."""
    sentences = _recent_sentences(event.sentence, 1)
    return any(c.event_type == "CONSULT" and c.sentence.start in sentences
               and _ids(event.sources) <= _ids(c.sources) | _ids(c.targets) for c in events)


def _parties_between(events: list[Event], parts: ArticleParticipants) -> None:
    """"the agreements reached at the recent talks held in Pyongyang would promote the cooperation between
    the Russian Federation and the DPRK": talks or agreements that name no party are between the two
    parties the sentence names with "between"."""
    for e in events:
        if e.event_type not in MUTUAL_TYPES or e.sources or e.targets:
            continue
        pairs = [_entities_of(g, parts) for t in e.sentence if t.dep_ == "prep" and t.lower_ == "between"
                 for g in t.children if g.dep_ == "pobj"]
        pair = next((found for found in pairs if len(found) == 2), None)
        if pair is not None:
            e.sources, e.targets = pair[:1], pair[1:]


def _pair_the_parties(events: list[Event]) -> None:
    """"The U.S. and the ROK held a meeting": a meeting, agreement or cooperation of two parties with no
    one else named is between them, a dyad; of three or more it stays multilateral (all sources). So is a
    drill two parties held together ("U.S.-ROK drills")."""
    for e in events:
        if e.event_type in MUTUAL_TYPES | {"MOBILIZE"} and not e.targets and len(e.sources) == 2:
            e.sources, e.targets = e.sources[:1], e.sources[1:]


def _enforcers(events: list[Event], parts: ArticleParticipants) -> None:
    """"Authorities have been collecting emails. In May, six people were placed under arrest": an arrest,
    charge or investigation whose doer goes unnamed is the work of the police or authorities named before it,
    when those the article names are all one country's (the nearest before)."""
    bodies = [e for e in parts.entities if e.kind == "organization" and e.country_code and ENFORCERS.search(e.name)]
    if len({b.country_code for b in bodies}) != 1:
        return
    for e in events:
        before = [(m.start, b) for b in bodies for m in b.mentions if m.start < e.trigger_start]
        if e.sources or e.lemma not in ENFORCEMENT_ACTS or e.modality != "asserted" or not before:
            continue
        if not _doer_unwritten(_trigger(e)):
            continue
        e.sources = [max(before, key=lambda x: x[0])[1]]


def _doer_unwritten(trigger: Token) -> bool:
    """No one is written as doing the act, resolved or not: a passive with no "by", a noun with no owner or
    name before it ("the Newsweek investigation") that no active verb's subject acts out ("rebels detained
    two journalists", "Britain vowed investigations")."""
    if any(c.dep_ == "poss" or c.dep_ in {"agent", "prep"} and c.lower_ == "by"
           or c.dep_ == "compound" and c.pos_ == "PROPN" for c in trigger.children):
        return False
    if trigger.pos_ == "VERB":
        return _passive(trigger)
    verb = _governing_verb(trigger) if trigger.dep_ not in SUBJECTS else None
    return verb is None or not any(c.dep_ == "nsubj" for c in verb.children)


def _passive(verb: Token) -> bool:
    """A passive verb, or one coordinated with a passive ("had been arrested and charged")."""
    while True:
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
            return True
        if verb.dep_ != "conj" or verb.head == verb:
            return False
        verb = verb.head


def _targets_told_before(events: list[Event]) -> None:
    """A party left out of a clause is the one just named for the same act: "The U.S. concluded an
    arrangement with the ROK after deciding to deliver F-35 fighters" (arms or aid go to whom the same giver
    deals with in the sentence); "the ROK infiltrated drones into Pyongyang. Drone infiltrations were
    conducted by the ROK on October 3" (the same doer's same act in the sentence before)."""
    for e in events:
        if e.targets or not e.sources:
            continue
        if e.event_type in TRANSFER_TYPES:
            mate = next((k for k in events if k is not e and k.sentence.start == e.sentence.start and k.targets
                         and _ids(k.sources) == _ids(e.sources)), None)
        else:
            recent = _recent_sentences(e.sentence, 1)
            mate = next((k for k in reversed(events) if k is not e and k.event_type == e.event_type and k.targets
                         and k.sentence.start in recent and k.trigger_start < e.trigger_start
                         and _ids(k.sources) == _ids(e.sources)), None)
        if mate is not None:
            e.targets = list(mate.targets)


def _host_countries(events: list[Event], parts: ArticleParticipants) -> None:
    """A meeting, visit or reception abroad with no one named across the table is with the host country:
    "the DPRK embassy in Moscow hosted a reception", "the minister visited Tokyo"."""
    countries = {e.country_code: e for e in parts.entities if e.kind == "country"}
    for e in events:
        if e.event_type != "CONSULT" or e.targets or not e.sources or e.location_code not in countries:
            continue
        if all(x.country_code and x.country_code != e.location_code for x in e.sources):
            e.targets = [countries[e.location_code]]


def _merge_title_events(events: list[Event], title_end: int) -> list[Event]:
    """A headline's event is the body's event of the same type that shares its parties, else the body's
    first event of the same verb ("Meyer dies" / "has died"): keep the body's, with the parties of the
    headline's noun when it names none ("Timberlake's halftime show was a joke" / "during the halftime
    show"; headline verbs parse too poorly to lend their subjects)."""
    body = [e for e in events if e.trigger_start >= title_end]
    out = []
    for e in events:
        if e.trigger_start < title_end:
            parties = {id(x) for x in e.sources + e.targets}
            twin = next((b for b in body if b.event_type == e.event_type and
                         (not parties or parties & {id(x) for x in b.sources + b.targets})), None) or next(
                (b for b in body if b.lemma == e.lemma), None)
            if twin is not None:
                twin.is_root = True
                if not twin.sources and not twin.targets and _trigger(e).pos_ == "NOUN":
                    twin.sources, twin.targets = e.sources, e.targets
                continue
        out.append(e)
    return out


def _coding(entry: dict) -> tuple[str, str | None, str | None]:
    return entry["type"], entry.get("cameo"), entry.get("mode")


def _events_at(tok: Token, sent: Span, parts: ArticleParticipants, lex: Lexicon) -> list[Event]:
    verb = _verb_tagged_noun(tok, lex) if tok.pos_ != "VERB" else None
    if tok.pos_ not in {"VERB", "NOUN", "PROPN"} and verb is None:
        return []
    if tok.pos_ == "VERB" and tok.text[:1].isupper() and tok.i > sent.start and sent.start > 0 \
            and tok.doc[tok.i - 1].text[:1].isupper():
        return []  # a word of a title in the body ("performing I Would Die 4 U"), not an act
    lemma = verb or lemma_of(tok)
    if (tok.pos_ == "VERB" or verb is not None) and lemma in lex.event_verbs:
        entry = next((e for e in lex.event_verbs[lemma] if _verb_fits(tok, e) and _objects_fit(tok, e, parts)), None)
        if entry is None:
            return []
        if lemma == "agree" and not any(c.dep_ in {"xcomp", "ccomp", "prep"} for c in tok.children):
            return []
        if lemma == "call" and tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(
                c.dep_ == "prep" and c.lower_ in {"on", "for"} for c in tok.children):
            return []  # "a war monster called NATO" names it
        if _background(tok):
            return []
        return _verb_events(tok, sent, parts, entry)
    if tok.pos_ in {"NOUN", "PROPN"} and (lemma in lex.event_nouns or tok.lower_ in lex.event_nouns):
        entries = lex.event_nouns.get(tok.lower_) or lex.event_nouns[lemma]
        entry = next((e for e in entries if _noun_fits(tok, e)), None)
        if entry is None or tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and entry["type"] != "ASSAULT":
            return []  # "an election strategist", "a protest vote"; but "the shooting victims" tell of a shooting
        first = tok
        while first.dep_ == "conj" and first.head != first:  # "held a meeting and a drill": the drill was held too
            first = first.head
        head = first.head
        if _governed_by_request(tok) or any(c.dep_ == "det" and c.lower_ in {"any", "no"} for c in tok.children):
            return []  # "agreed to hold a meeting", "requested a meeting": the agreement or request is the event
        etype, cameo, mode = _coding(entry)
        start = tok.idx
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"phone", "telephone"}:
            start = tok.doc[tok.i - 1].idx
        sources, targets, separate = [], [], False
        targets += [e for g in _phrase_targets(tok) if g.head.head != tok for e in _entities_of(g, parts)]
        for c in tok.children:
            if c.dep_ == "poss":
                sources += _entities_of(c, parts)
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS | {"between"}:
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    targets += _named_or_owned(pobj, parts)  # "a visit to the Japanese city"
            if c.dep_ == "prep" and c.lower_ == "by":
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    sources += _entities_of(pobj, parts)
            if c.dep_ == "acl" and c.tag_ == "VBN" and lemma_of(c) in ORGANIZING_VERBS:
                sources += _agents(c, parts)  # "a rally organized by the KCTU"
            if c.lower_ in {"separate", "bilateral"} and c.dep_ == "amod":
                separate = c.lower_ == "separate"
        if entry.get("asks") and not targets:  # "calls to halt deployment of a U.S. system": the U.S. is asked
            asked = [g for c in tok.children if c.dep_ in {"acl", "relcl"} for g in c.children if g.dep_ == "dobj"]
            asked += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                      if g.dep_ == "pobj"]
            targets += [e for g in asked for e in _event_owner(g, parts)]
        if etype == "PROTEST":  # "a rally calling for impeaching Yoon", "protests against the government"
            targets += [m.entity for c in tok.children if c.dep_ in {"acl", "relcl"} or c.lower_ == "against"
                        for m in parts.at(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                        if m.entity.kind != "group" and m.entity not in sources]
        if lemma_of(head) in HOLDING_VERBS or tok.dep_ in {"nsubjpass"}:
            if not sources and tok.dep_ == "nsubjpass":  # "infiltrations were conducted by the ROK"
                sources = _agents(head, parts)
            if not sources:
                sources = _entities_of(_subject(head), parts) or _preceding_actor(head, sent, parts)
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in {"with", "between"}:
                    for pobj in (g for g in c.children if g.dep_ == "pobj"):
                        targets += _entities_of(pobj, parts)
        if not sources and head.dep_ == "prep" and head.lower_ in {"during", "in", "at", "on"} and (
                head.lower_ != "on" or etype == "CONSULT"):  # "on a visit to", not "pushing hard on sanctions"
            sources = _taking_part(head.head, parts)
            if etype == "CONSULT" and not targets and len(sources) == 1:
                return []  # "made a speech at the meeting": no counterpart named, no consultation to code
        if etype in {"MOBILIZE", "ASSAULT"} and not sources:  # "U.S.-ROK military drills": the first holds them with the rest
            joint = _unique([m.entity for m in parts.at(tok.doc[tok.left_edge.i].idx, tok.idx) if m.entity.kind == "country"])
            sources, targets = joint[:1], targets or joint[1:]
        sources, targets = _unique(sources), [t for t in _unique(targets) if t not in sources]
        modality = _modality(head if head.pos_ in {"VERB", "AUX"} else tok, noun=tok)
        if separate and len(targets) > 1:
            return [Event(etype, cameo, mode, start, tok.idx + len(tok), sent, sources, [t], modality=modality,
                          separate=True) for t in targets]
        return [Event(etype, cameo, mode, start, tok.idx + len(tok), sent, sources, targets, modality=modality,
                      separate=separate)]
    return []


def _background(verb: Token) -> bool:
    """"Trump, who has vowed not to let North Korea ..., said": a relative clause set off by commas on a
    subject tells the doer's past, not what the article reports (as PETRARCH codes main clauses)."""
    head = verb.head
    return verb.dep_ == "relcl" and head.dep_ in SUBJECTS and head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ","


def _verb_events(tok: Token, sent: Span, parts: ArticleParticipants, entry: dict) -> list[Event]:
    """The event(s) a verb carries, coded by its lexicon entry: sides from the parse."""
    etype, cameo, mode = _coding(entry)
    subject = _subject(tok)
    targets = []
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head == tok:
        targets = _entities_of(subject, parts) or _body_country(subject, parts)  # "the MP was mugged"
        sources = []
    else:
        sources = (_entities_of(subject, parts) or _speaking_for(subject, parts)
                   or _body_country(subject, parts) or _pronoun_actor(subject, sent, parts)
                   or (_preceding_actor(tok, sent, parts) if not _someone_new(subject) else []))
    if etype == "OTHER" and not sources and subject is not None and subject.pos_ == "NOUN":
        sources = _users_of(subject, parts)
    objects = [c for c in tok.children if c.dep_ in {"dobj", "dative"}] or _shared_objects(tok)
    objects = [g for c in objects for g in ([c] if c.pos_ != "ADP" else c.children) if g.dep_ != "punct"]
    for c in objects:
        if etype in TRANSFER_TYPES and c.dep_ == "dobj":  # what is given, not to whom
            targets += [e for g in _phrase_targets(c) for e in _actors_in(g, parts)]
            continue
        targets += (_named_or_owned(c, parts)
                    or [e for g in _phrase_targets(c) if etype not in STANCE_TYPES for e in _actors_in(g, parts)])
    against = [e for c in objects for p in _phrase_of(c) if p.dep_ == "prep" and p.lower_ == "against"
               for g in p.children if g.dep_ == "pobj" for e in _named_or_owned(g, parts)]
    targets += against  # "submitted a resolution against the DPRK to the UN": the DPRK, not the UN
    named_before = [e for c in objects for e in _pronoun_antecedent(c, sent, parts)]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS | {"for"} and not (against and c.lower_ == "to"):
            for pobj in (g for g in c.children if g.dep_ == "pobj"):
                # "into the DPRK's airspace", not "at his home"
                targets += _named_or_owned(pobj, parts) if c.lower_ != "at" else _entities_of(pobj, parts)
    sources = _agents(tok, parts) or sources
    if not targets and etype in {"DEMAND", "THREATEN"}:  # "demanding that the isolated country halts ..."
        targets = [e for c in tok.children if c.dep_ == "ccomp" for e in _actors_of(_subject(c), parts)]
    if not targets and etype == "DEMAND":  # "called for toppling Yoon": whom the act asked for is done to
        targets = [e for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                   if g.dep_ == "pcomp" for o in g.children if o.dep_ == "dobj" for e in _named_or_owned(o, parts)]
    senders = [sources]
    if entry.get("from_source"):  # "received a letter (of sympathy) from X": X sent it
        receivers = (_entities_of(subject, parts) or _speaking_for(subject, parts) or _body_country(subject, parts)
                     or (_of_chain(subject, parts) if subject is not None else []))
        if not receivers:
            return []  # "the world has received the message": no one named received anything
        heads = [tok] + [t for c in tok.children if c.dep_ == "dobj" for t in _object_core(c)]
        senders = [found for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj" for found in _senders(g, tok, parts)] or [[]]
        sources, targets = [e for found in senders for e in found], sources
    events = []
    for sender in senders if len(senders) > 1 else [sources]:
        event = Event(etype, cameo, mode, tok.idx, tok.idx + len(tok), sent,
                      _unique(sender), [t for t in _unique(targets) if t not in sender])
        event.modality = _modality(tok)
        event.present = tok.tag_ in PRESENT or tok.tag_ == "VB" and tok.dep_ == "conj" and tok.head.tag_ in PRESENT
        event.named_before = [e for e in named_before if e not in event.sources]
        event.they = not event.sources and subject is not None and subject.lower_ == "they"
        events.append(event)
    return events


def _users_of(thing: Token, parts: ArticleParticipants) -> list[Entity]:
    """Who a thing that crashed or exploded belonged to or was used by: "Thurman's car", "allowing Uma
    Thurman to drive a car that crashed"."""
    owner = [e for c in thing.children if c.dep_ == "poss" for e in _entities_of(c, parts)]
    if owner or thing.dep_ != "dobj" or thing.head.pos_ != "VERB":
        return owner
    return _entities_of(_subject(thing.head), parts)


def _senders(pobj: Token, verb: Token, parts: ArticleParticipants) -> list[list[Entity]]:
    """Who sent what came "from" a list: "messages from the president of Russia, the general secretary
    of the CPC and president of China, ...": each listed sender (a phrase opened by "the" or a name after
    a comma or "and") sent one; a title joined by "and" with no "the" is the same person's."""
    doc = pobj.doc
    listed = [pobj] + [t for t in doc[pobj.i + 1:verb.right_edge.i + 1]
                       if t.dep_ in {"appos", "conj", "npadvmod"} and t.pos_ in {"NOUN", "PROPN"}
                       and (doc[t.left_edge.i].dep_ == "det" or t.pos_ == "PROPN")
                       and doc[t.left_edge.i - 1].lower_ in {",", "and"}]
    groups = [_named_or_owned(t, parts) for t in listed]
    later = {id(e) for g in groups[1:] for e in g}
    groups[0] = [e for e in groups[0] if id(e) not in later] or groups[0]
    return [g for g in groups if g]


def _taking_part(holder: Token, parts: ArticleParticipants) -> list[Entity]:
    """Who takes part in an event named in a locative phrase: "Speaking during a visit to Osaka, May said"
    (the clause's subject), "head of the U.S. delegation in talks with North Korea" (the body)."""
    if holder.pos_ in {"VERB", "AUX"}:
        return _actors_of(_subject(holder), parts)
    if lemma_of(holder) in BODY_HEADS:
        return _event_owner(holder, parts)
    return []


def _governed_by_request(tok: Token) -> bool:
    t = tok
    for _ in range(4):
        if t.dep_ not in {"dobj", "xcomp", "pobj", "prep", "dative"} or t.head == t:
            return False
        t = t.head
        if t.pos_ == "VERB" and lemma_of(t) in REQUEST_VERBS:
            return True
    return False


def _pronoun_actor(subject: Token | None, sent: Span, parts: ArticleParticipants) -> list[Entity]:
    """"The ministry said it would ...", "The U.S. concluded a deal. It also offered ...": "it" and "they"
    stand for the subject of the clause above them, else of the sentence before."""
    if subject is None or subject.lower_ not in {"it", "they"}:
        return []
    kinds = {"country", "organization"} | ({"group", "person"} if subject.lower_ == "they" else set())
    clause = subject.head
    while clause.dep_ in {"ccomp", "xcomp", "advcl", "conj"} and clause.head != clause:
        clause = clause.head
        found = [e for e in _actors_of(_subject(clause), parts) if e.kind in kinds]
        if found:
            return found
    doc = sent.doc
    if sent.start == 0:
        return []
    before = doc[sent.start - 1].sent
    if before.text.strip() == "" or "\n\n" in doc.text[before.end_char:sent.start_char]:
        return []  # a new paragraph starts a new topic
    return [e for e in _actors_of(_subject(before.root), parts) if e.kind in kinds]


def _actors_of(subject: Token | None, parts: ArticleParticipants) -> list[Entity]:
    return _entities_of(subject, parts) or _body_country(subject, parts)


def _someone_new(subject: Token | None) -> bool:
    """Whether a subject brings in someone not named before ("an airline manager apologized"), who is nobody
    the sentence named earlier."""
    return subject is not None and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subject.children)


def _preceding_actor(verb: Token, sent: Span, parts: ArticleParticipants) -> list[Entity]:
    """With no parsed subject: the subject of the sentence, else the nearest actor named before the verb."""
    if verb.dep_ in {"acl", "relcl", "amod"}:
        return []
    if sent.root != verb and (main := _entities_of(_subject(sent.root), parts)):
        return main
    before = [m for m in parts.at(sent.start_char, verb.idx) if m.entity.kind in {"person", "group", "organization"}]
    if not before:
        return []
    entity = max(before, key=lambda m: (m.end, m.end - m.start)).entity
    return entity.members if entity.kind == "group" else [entity]


def _verb_fits(tok: Token, entry: dict) -> bool:
    objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "attr", "pobj"}]
    objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ != "from" for g in c.children if g.dep_ == "pobj"]
    if "needs" in entry:
        core = [t for o in objects for t in _object_core(o)]
        words = {t.lower_ for t in core} | {lemma_of(t) for t in core}
        if tok.dep_ == "acl":
            words |= {t.lower_ for t in tok.head.subtree}
        if not words & set(entry["needs"]):
            return False
    if "unless" in entry:  # "strike a balance", "struck a chord", "refused to comment"
        core = [t for o in objects for t in _object_core(o)] + [c for c in tok.children if c.dep_ == "xcomp"]
        if ({t.lower_ for t in core} | {lemma_of(t) for t in core}) & set(entry["unless"]):
            return False
    if entry.get("not_content") and any(m.dep_ == "mark" and m.lower_ == "that" for o in objects for c in o.children
                                        if c.dep_ in {"acl", "ccomp", "relcl"} for m in c.children):
        return False
    if "needs_prep" in entry and not any(c.dep_ == "prep" and c.lower_ in entry["needs_prep"] for c in tok.children) \
            and not any(c.dep_ == "prep" and c.lower_ in entry["needs_prep"]  # "discussing the situation with X"
                        for o in tok.children if o.dep_ == "dobj" for c in _phrase_of(o)):
        return False
    if "needs_subject" in entry:
        subject = _subject(tok)
        if subject is None or lemma_of(subject) not in entry["needs_subject"]:
            return False
    if "needs_object_kind" in entry and not objects:
        return False
    if entry.get("needs_object") and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children):
        return False
    return True


def _phrase_of(noun: Token) -> list[Token]:
    """The noun's phrase without the clauses inside it: "the resignation of the group, which is escalating
    confrontation against the DPRK" stops at "group"."""
    out, todo = [], [noun]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ not in {"relcl", "acl", "ccomp", "advcl"}]
    return out


def _shared_objects(verb: Token) -> list[Token]:
    """"strongly oppose and reject the U.S. moves": coordinated verbs share the last one's object."""
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            return [g for g in c.children if g.dep_ == "dobj"] or _shared_objects(c)
    return []


def _phrase_targets(obj: Token) -> list[Token]:
    """"the sale of helicopters to the ROK", "an arrangement with the ROK", "a missile over Japan", "a missile
    that flew over Japan": whom the object phrase is aimed at."""
    core = _object_core(obj)
    preps = [c for t in core for c in t.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
    preps += [p for t in core for c in t.children if c.dep_ in {"relcl", "acl"}
              for p in c.children if p.dep_ == "prep" and p.lower_ in {"over", "into", "at"}]
    return [g for c in preps for g in c.children if g.dep_ == "pobj"]


def _named_or_owned(phrase: Token, parts: ArticleParticipants) -> list[Entity]:
    """The participants a phrase names, else whose it is ("the Japanese city", "Pyongyang, the DPRK's capital")."""
    return _entities_of(phrase, parts) or _event_owner(phrase, parts)


def _agents(verb: Token, parts: ArticleParticipants) -> list[Entity]:
    """Who a passive verb's "by" phrase names: "were conducted by the ROK military"."""
    return [e for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
            for e in _named_or_owned(g, parts)]


def _actors_in(phrase: Token, parts: ArticleParticipants) -> list[Entity]:
    """Who a phrase names: a participant, else the owner of a body ("the ROK military")."""
    return _entities_of(phrase, parts) or (_event_owner(phrase, parts) if lemma_of(phrase) in BODY_HEADS else [])


def _pronoun_antecedent(obj: Token, sent: Span, parts: ArticleParticipants) -> list[Entity]:
    """"... that NATO slandered the cooperation, and denounces and rejects it": an act named by a pronoun
    is the act of the last actor named before it in the sentence."""
    if obj.lower_ not in {"it", "this", "them"} or obj.i <= sent.start:
        return []
    own = {id(e) for e in _actors_of(_subject(obj.head), parts)}
    doers = [e for t in obj.doc[sent.start:obj.i] if t.pos_ in {"VERB", "AUX"}
             for c in t.children if c.dep_ in SUBJECTS for e in _actors_of(c, parts) if id(e) not in own]
    if doers:  # "... that NATO slandered the cooperation ..., and rejects it": NATO's act
        return doers[-1:]
    before = [m for m in parts.at(sent.start_char, obj.idx) if m.entity.kind in {"country", "organization"}]
    named = [m.entity for m in sorted(before, key=lambda m: m.start) if id(m.entity) not in own]
    return named[-1:]


def _objects_fit(verb: Token, entry: dict, parts: ArticleParticipants) -> bool:
    """`needs_object_kind`: an object that is a participant (or, for "actor", owned by one: "backed Brown's
    budget"); `object_actor`: any object is a participant ("met his golden rule" is no meeting);
    `intransitive`: no object at all ("rallies voters" is no protest). Objects include passive subjects and
    the objects of `needs_prep`."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    if entry.get("intransitive") and (objects or any(c.dep_ == "ccomp" for c in verb.children)):
        return False  # "rallies voters", "demonstrated that ..."
    if entry.get("object_actor"):  # also "was met with admiration", "speaking to 100 pupils"
        met = objects + [c for c in verb.children if c.dep_ == "nsubjpass"] + [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ in entry.get("needs_prep", ())
            for g in c.children if g.dep_ == "pobj"]
        if met and not any(_entities_of(c, parts) for c in met):
            return False
    kind = entry.get("needs_object_kind")
    # "warn them" (not "fight it out"): the parties named before in the sentence
    return not kind or any(_entities_of(c, parts) or kind == "actor" and (
        _event_owner(c, parts) or c.lower_ == "them" and _pronoun_antecedent(c, c.sent, parts)) for c in objects)


def _object_core(obj: Token) -> list[Token]:
    """What an object is, not whom it comes from nor what kind: "a message of greeting from V. Putin,
    president of Russia" is a message of greeting; "a barrage of short-range missiles" is missiles;
    "letter bombs" are bombs."""
    core = [obj]
    for c in obj.children:
        if c.dep_ == "conj":
            core += _object_core(c)
        if c.dep_ == "prep" and c.lower_ == "of":
            core += [t for g in c.children if g.dep_ == "pobj" for t in _object_core(g)]
    return core


def _noun_fits(tok: Token, entry: dict) -> bool:
    if entry.get("asks") and not any(c.dep_ == "prep" and c.lower_ == "for" or c.dep_ in {"acl", "relcl"} and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children):
        return False
    words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.doc[max(0, tok.i - 4):tok.i]}
    if "needs" in entry and not words & set(entry["needs"]):
        return False
    if "needs_context" in entry:
        context = words | {lemma_of(tok.head)}
        if not context & set(entry["needs_context"]):
            return False
    return True


def _subject(tok: Token) -> Token | None:
    tok = _tense_conjunct(tok)
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        if subjects:  # of two, the nearer: "Amid the drills, Ulji Freedom Shield, the U.S. State Department approved"
            subject = min(subjects, key=lambda c: abs(tok.i - c.i))
            return clause_subject(tok) if subject.tag_ in {"WP", "WDT"} else subject  # "X, who paid"
        if tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ == "PROPN" \
                and not any(c.dep_ == "agent" for c in tok.children):
            return tok.head  # "Vincent Cable, for the Liberal Democrats, called on ...": a name the parser made the root
        if tok.dep_ == "pcomp" or tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
            verb = _governing_verb(tok)  # "has no intention to attack", "commits a provocation as infiltrating"
            if verb is None:
                return None
            tok = verb
        elif tok.dep_ in {"advcl", "xcomp", "conj", "acl", "ccomp", "relcl"} and tok.head != tok:
            if tok.dep_ == "relcl":
                return tok.head
            if tok.dep_ == "xcomp" and (asked := _asked(tok.head)) is not None:
                return asked  # "urged Russia to withdraw", "called on Russia to withdraw": Russia would
            tok = tok.head
        else:
            return None
    return None


def _governing_verb(tok: Token) -> Token | None:
    """The verb a phrase hangs from through prepositions and the noun it modifies."""
    for _ in range(4):
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.dep_ not in {"prep", "pobj", "dobj", "attr", "pcomp"}:
            return None
    return None


def _asked(verb: Token) -> Token | None:
    """Whom a request verb asks to act: its object, or the object of "on" ("called on X to ...")."""
    if lemma_of(verb) not in ASKING_VERBS:
        return None
    for c in verb.children:
        if c.dep_ == "dobj":
            return c
        if c.dep_ == "prep" and c.lower_ == "on":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _tense_conjunct(tok: Token) -> Token:
    """"X expresses regret that Y slandered it, and denounces and rejects it": a present-tense verb the
    parser coordinated with a past-tense verb of a subordinate clause belongs to the main verb in its tense."""
    tense = PRESENT if tok.tag_ in PRESENT else PAST if tok.tag_ in PAST else None
    if tok.dep_ != "conj" or tense is None:
        return tok
    first = tok
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.tag_ in tense or first.dep_ not in {"acl", "ccomp", "relcl", "advcl"}:
        return tok
    return next((a for a in first.ancestors if a.pos_ == "VERB" and a.tag_ in tense), tok)


def _entities_of(tok: Token | None, parts: ArticleParticipants) -> list[Entity]:
    """The participants a noun phrase names: its head (and coordinated heads), not every name inside it."""
    if tok is None:
        return []
    heads = [tok] + [c for c in tok.conjuncts]
    out = []
    for h in heads:
        m = parts.covering(h.idx, h.idx + len(h))
        if m is None and h != tok:  # "China's and Russia's ambassadors": the parser made the second a conjunct
            out += [e for c in h.children if c.dep_ == "poss" for e in _entities_of(c, parts)]
        if m is not None:
            groups = [g for g in parts.at(tok.doc[tok.left_edge.i].idx, tok.doc[tok.right_edge.i].idx + 1)
                      if g.entity.kind == "group" and g.start <= h.idx < g.end]
            out.append(groups[0].entity if groups else m.entity)
    expanded = []
    for e in out:
        expanded += e.members if e.kind == "group" else [e]
    return expanded


def _verb_tagged_noun(tok: Token, lex: Lexicon) -> str | None:
    """"strongly denounces and rejects": a present-tense verb the tagger read as a plural noun, known by
    the adverb before it or the verb it is coordinated with."""
    if tok.tag_ != "NNS" or not tok.lower_.endswith("s"):
        return None
    verbal = tok.i > 0 and tok.doc[tok.i - 1].lower_.endswith("ly") or tok.dep_ == "conj" and tok.head.pos_ == "VERB" \
        or any(c.dep_ == "conj" and c.pos_ == "VERB" for c in tok.children) or _headline_verb(tok)
    for lemma in (tok.lower_[:-1], tok.lower_[:-2]):
        if verbal and lemma in lex.event_verbs:
            return lemma
    return None


def _headline_verb(tok: Token) -> bool:
    """"American Airlines apologizes after ...": a headline's root read as a plural noun after a name is
    its verb."""
    return tok.dep_ == "ROOT" and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "PROPN" and tok.doc[tok.i - 1].dep_ == "compound"


def _body_country(subject: Token | None, parts: ArticleParticipants) -> list[Entity]:
    """"The DPRK permanent mission", "the Chinese government", "police": a body acts for the state in
    its modifiers, else for the outlet's country, else for the country the article names most."""
    if subject is None or lemma_of(subject) not in BODY_HEADS | COUNTRY_WORDS:
        return []
    if owner := _event_owner(subject, parts) or [e for c in subject.children if c.dep_ == "appos"
                                                  for e in _entities_of(c, parts)]:
        return owner  # "the DPRK mission", "the rogue state, the ROK,"
    if lemma_of(subject) in COUNTRY_WORDS:  # "the isolated country": the most named of those named before it
        named = {id(m.entity): m.entity for m in parts.at(subject.sent.start_char, subject.idx) if m.entity.kind == "country"}
        return sorted(named.values(), key=lambda e: -len(e.mentions))[:1]
    countries = [e for e in parts.entities if e.kind == "country"]
    home = [e for e in countries if e.country_code == parts.home_country]
    return home or sorted(countries, key=lambda e: -len(e.mentions))[:1]


def _speaking_for(subject: Token | None, parts: ArticleParticipants) -> list[Entity]:
    """"We strongly reject": a first-person plural subject acts for the outlet's country (a state
    agency's statement)."""
    if subject is None or subject.lower_ != "we" or parts.home_country is None:
        return []
    return [e for e in parts.entities if e.kind == "country" and e.country_code == parts.home_country]


def _event_owner(tok: Token, parts: ArticleParticipants) -> list[Entity]:
    """"North Korea's launch", "the U.S. hostile acts", "the moves of the U.S.": whose act or thing an
    action on it targets."""
    for c in tok.children:
        if c.dep_ == "poss":
            return _entities_of(c, parts)
    for c in tok.children:
        if c.dep_ in {"compound", "amod", "nmod"} and (found := _entities_of(c, parts)):
            return found
    for c in tok.subtree:
        if c.dep_ == "poss" and (found := _entities_of(c, parts)):
            return found
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "by"}):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if found := _named_or_modified(pobj, parts) or _of_chain(pobj, parts):
                return found
    for appos in (c for c in tok.children if c.dep_ == "appos"):  # "Pyongyang, the capital of the DPRK"
        if found := _named_or_owned(appos, parts):
            return found
    return []


def _of_chain(tok: Token, parts: ArticleParticipants) -> list[Entity]:
    """"the Central Committee of the Communist Party of Vietnam", "members of the Russian expert delegation":
    the first participant down a chain of "of" phrases, named or modifying one of them."""
    for _ in range(3):
        tok = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
        if tok is None:
            return []
        if found := _named_or_modified(tok, parts):
            return found
    return []


def _named_or_modified(tok: Token, parts: ArticleParticipants) -> list[Entity]:
    """The participants a phrase names, else those its modifiers name ("the Russian expert delegation")."""
    return _entities_of(tok, parts) or [e for c in tok.children if c.dep_ in {"compound", "amod", "poss"}
                                        for e in _entities_of(c, parts)]


def _unique(entities: list[Entity]) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        if id(e) not in seen:
            seen.add(id(e))
            out.append(e)
    return out


def _modality(verb: Token, noun: Token | None = None) -> str:
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in PRESUPPOSING:
        return "asserted"  # "not paying tribute during the halftime show would've been sacrilege": the show was held
    chain = [verb] + list(verb.ancestors)[:3]
    if any(c.dep_ == "neg" for c in verb.children) or any(  # "has no intention to attack"
            t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in chain[1:3]):
        return "negated"
    if noun is not None and re.match(r"\s+(?:to be held|to be hosted|scheduled|planned|set to|due to)\b",
                                     noun.doc[noun.i:noun.i + 6].text[len(noun):]):
        return "planned"
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma_of(noun.head.head) in RISKS:
        return "hypothetical"  # "without fear of arrest"
    for t in chain:
        if any(c.lower_ in HYPOTHETICAL_AUX and c.dep_ == "aux" for c in t.children) or \
                any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return "hypothetical"
        if t is not verb and (lemma_of(t) == "threaten" or lemma_of(t) in ASKING_VERBS and verb.dep_ == "xcomp"):
            return "hypothetical"  # threatened to fire; urged them to withdraw
    for t in chain:
        if any(c.lower_ in FUTURE_AUX and c.dep_ == "aux" for c in t.children):
            return "planned"
        if t is not verb and (lemma_of(t) in PLANNING_VERBS or t.lower_ == "going" and verb.dep_ == "xcomp"):
            return "planned"  # "agreed to hold", "is going to hand over"
    if lemma_of(verb) == "agree" and any(c.dep_ == "xcomp" for c in verb.children):
        return "planned"
    if noun is not None:
        around = {t.lower_ for t in noun.subtree}
        if {"planned", "upcoming", "scheduled", "proposed"} & around or any(
                c.dep_ in {"acl", "relcl"} and any(g.lower_ in {"be", "will"} for g in c.children) for c in noun.children):
            return "planned"
    return "asserted"


def _date_event(event: Event, tok: Token, dates: list[DateExpr], pub: date | None) -> None:
    if not dates:
        return
    clause = tok.head if tok.pos_ in {"NOUN", "PROPN"} and tok.head.pos_ in {"VERB", "AUX"} else tok
    lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    inside = [d for d in dates if lo <= d.start and d.end <= hi and not _embedded(tok.doc, d, clause)]
    # outside its clause, a date inside another clause ("Meyer, who ran in 1989, has died") dates a
    # happened event only through a parse error; a planned one's often hangs on "to be held ..."
    pool = inside or [d for d in dates if not (lo <= d.start and d.end <= hi)
                      and (event.modality == "planned" or not _embedded(tok.doc, d, None))]
    if not pool:
        return
    expr = min(pool, key=lambda d: abs(d.start - event.trigger_start))
    if expr.kind == "relative" and expr.text.lower() in {"the same day"}:
        event.date_text = expr.text
        return
    r = resolve(expr, pub, future=event.modality == "planned")
    event.date_text = expr.text
    if event.modality in {"hypothetical", "negated"} and pub is not None and r.value is not None and r.value > pub:
        event.date_source = None  # "an election should be held next year": no day for what may never be
        return
    event.date_value, event.date_precision = r.value, r.precision
    event.date_source = r.source if r.value is not None or r.precision != "unknown" else "relative"


def _embedded(doc: Doc, expr: DateExpr, clause: Token | None) -> bool:
    """The date belongs to a clause of its own inside the sentence or inside `clause` ("Meyer, who
    challenged Thatcher in 1989, has died"; "said on Monday that it was launched in 2011")."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    while t.head != t and (clause is None or t != clause):
        own = clause is not None and t.head == clause and clause.pos_ in {"NOUN", "PROPN"}  # "talks to be held ..."
        if t.dep_ in {"relcl", "acl", "appos", "ccomp"} and not own:
            return True
        t = t.head
    return False


def _statement_date(doc: Doc, pub: date | None, title_end: int) -> date | None:
    """The day a statement the article carries was issued: "The Foreign Ministry on Thursday issued a
    press statement, which said: ...". Its present-tense acts ("denounces") happened that day."""
    text = doc_text(doc)
    for sent in sentences_of(doc):
        if sent.end_char <= title_end:
            continue
        if sent.start_char > title_end + 600:
            return None
        for tok in sent:
            if lemma_of(tok) in {"issue", "release", "publish", "make"} and any(
                    t.lower_ == "statement" for t in tok.subtree):
                lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
                for expr in find_dates(text, sent.start_char, sent.end_char):
                    r = resolve(expr, pub)
                    if lo <= expr.start < hi and r.value is not None and r.precision == "day":
                        return r.value
    return None


def _date_from_the_next_sentence(events: list[Event], pub: date | None) -> None:
    """"X received a floral basket from Y. The floral basket was conveyed ... on Oct. 9.": an act with no date
    of its own takes the day the next sentence gives the thing it acted on, named again with "the"."""
    for e in events:
        if e.date_text is not None or e.modality != "asserted":
            continue
        doc = e.sentence.doc
        thing = next((c for c in _trigger(e).children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        sentences, at = _sentence_at(e.sentence)
        if thing is None or at + 1 >= len(sentences):
            continue
        after = sentences[at + 1]
        subject = next((c for c in after.root.children if c.dep_ in SUBJECTS), None)
        if subject is None or lemma_of(subject) != lemma_of(thing) or not any(
                c.dep_ == "det" and c.lower_ in {"the", "this"} for c in subject.children):
            continue
        days = [(x, r) for x in find_dates(doc_text(doc), after.start_char, after.end_char)
                if (r := resolve(x, pub)).precision == "day"]
        if len(days) == 1:
            (expr, r), = days
            e.date_value, e.date_precision, e.date_text, e.date_source = r.value, r.precision, expr.text, r.source


def _inherit_dates(events: list[Event], pub: date | None, statement: date | None) -> None:
    """An event with no date expression takes the previous event's date in the body, else the publication's;
    one told in the present tense, the day of the statement the article carries, else the publication's;
    one told in a relative clause, none."""
    last: Event | None = None
    for e in sorted(events, key=lambda e: e.trigger_start):
        if e.date_value is None and e.date_precision == "unknown" and (e.date_text is None or e.date_text.lower() == "the same day"):
            if e.modality not in {"asserted", "negated"} or _background_clause(_trigger(e)):
                e.date_source = None  # what did not happen did not, that day; "a car that crashed" is background
            elif e.present and statement is not None:
                e.date_value, e.date_precision, e.date_source = statement, "day", "inherited"
            elif last is not None and not (e.present and pub is not None):
                e.date_value, e.date_precision, e.date_source = last.date_value, last.date_precision, "inherited"
            elif pub is not None:
                e.date_value, e.date_precision, e.date_source = pub, "day", "publication"
        if e.date_source in {"explicit", "relative"} and e.date_precision == "day" and e.modality == "asserted":
            last = e


def _background_clause(trigger: Token) -> bool:
    """A relative clause on a thing or a person ("a car that crashed on the set") tells background; one on
    a time ("the moment North Korea launches its missile") tells the event itself."""
    return trigger.dep_ == "relcl" and lemma_of(trigger.head) not in TIME_NOUNS


def _entity_text(tok: Token) -> str:
    """The named entity a token is part of, as written."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    start += doc[start].lower_ == "the" and start + 1 < end and doc[start].is_lower  # "the Gaza Strip", not "The Hague"
    return doc[start:end].text


def _locate(event: Event, tok: Token, lex: Lexicon) -> None:
    scope = [tok] + [c for c in tok.children if c.dep_ in {"acl", "relcl"}]
    scope += [tok.head] if tok.pos_ in {"NOUN", "PROPN"} else []
    scope += [t for t in tok.doc[tok.i + 1:tok.i + 4] if t.dep_ in {"acl", "relcl"} and t.i == tok.i + 3
              and tok.doc[tok.i + 1].lower_ == "to"]  # "a meeting to be held in Tokyo", however it was parsed
    for t in scope:
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            place = _place_in(pobj) if pobj is not None else None
            if place is not None:
                name = _entity_text(place)
                event.location, event.location_code = name, lex.place_country(name)
                return
    for t in (c for c in tok.subtree if c.dep_ == "xcomp" or c == tok):
        for c in t.subtree:
            if c.dep_ == "pobj" and c.head.lower_ in {"in", "at"} and c.ent_type_ in {"GPE", "LOC", "FAC"} \
                    and not _in_subject_clause(c, t):  # not "MAB, which opposed the war in Iraq, urged ..."
                name = _entity_text(c)
                event.location, event.location_code = name, lex.place_country(name)
                return


def _in_subject_clause(tok: Token, verb: Token) -> bool:
    """The token is inside a relative clause on the verb's subject: what the doer did before."""
    relative = False
    while tok.head != tok and tok.head != verb:
        relative = relative or tok.dep_ == "relcl"
        tok = tok.head
    return relative and tok.dep_ in SUBJECTS


def _place_in(phrase: Token, depth: int = 0) -> Token | None:
    """The place a locative phrase names: "in Tokyo", "at his London home", "in a park in the capital, Nairobi",
    "at the Mansudae Assembly Hall" (a building the recognizer took for an organization)."""
    if phrase.ent_type_ in {"GPE", "LOC", "FAC"} or phrase.ent_type_ == "ORG" and phrase.lower_ in BUILDINGS \
            and phrase.ent_iob_ != "B":
        return phrase
    if depth > 2:
        return None
    for c in phrase.children:
        if c.dep_ in {"compound", "nmod", "appos"} and c.ent_type_ in {"GPE", "LOC", "FAC"}:
            return c
    for c in phrase.children:
        if c.dep_ == "appos":
            inner = c
        elif c.dep_ == "prep" and c.lower_ in {"in", "of"}:
            inner = next((g for g in c.children if g.dep_ == "pobj"), None)
        else:
            continue
        if inner is not None and (found := _place_in(inner, depth + 1)) is not None:
            return found
    return None


def _same_happening(k: Event, e: Event) -> bool:
    if (k.event_type, k.modality) != (e.event_type, e.modality):
        return False
    if e.event_type in MUTUAL_TYPES and k.sentence.start == e.sentence.start and _countries(k) \
            and _countries(k) == _countries(e) and (k.date_value == e.date_value or WEAK_DATE_SOURCES & {k.date_source, e.date_source}):
        return True  # "X met Russian delegates, who paid a courtesy call on him on Tuesday": one meeting
    if not _same_day(k, e) or k.mode and e.mode and k.mode != e.mode:
        return False
    if k.date_value != e.date_value:  # a day apart: the same doer and the same done-to
        return _ids(k.sources) == _ids(e.sources) and _ids(k.targets) == _ids(e.targets)
    if _ids(k.sources + k.targets) == _ids(e.sources + e.targets):
        return True
    return e.event_type in {"MOBILIZE", "ASSAULT"} and _ids(k.sources) == _ids(e.sources)


def _countries(event: Event) -> set[str] | None:
    """The countries of an event's parties, None if one of them acts for none."""
    codes = [x.country_code for x in event.sources + event.targets]
    return None if None in codes else set(codes)


def _ids(entities: list[Entity]) -> set[int]:
    return {id(x) for x in entities}


def _same_day(k: Event, e: Event) -> bool:
    """The same date, or a day apart when one of them was only dated by the report ("condemned the
    firing", told under a dateline, and "Tuesday's launch")."""
    if k.date_value == e.date_value:
        return True
    return (k.date_value is not None and e.date_value is not None and abs((k.date_value - e.date_value).days) <= 1
            and WEAK_DATE_SOURCES & {k.date_source, e.date_source} and bool(k.sources + k.targets))


def _merge_same(events: list[Event]) -> list[Event]:
    """One event for one happening told twice in an article (same type, date and parties)."""
    kept: list[Event] = []
    for e in sorted(events, key=lambda e: e.trigger_start):
        twin = next((k for k in kept if _same_happening(k, e)), None)
        if twin is None:
            kept.append(e)
            continue
        if DATE_SOURCE_RANK.get(e.date_source, 0) > DATE_SOURCE_RANK.get(twin.date_source, 0):
            twin.date_value, twin.date_text, twin.date_precision, twin.date_source = (
                e.date_value, e.date_text, e.date_precision, e.date_source)
        twin.mode = twin.mode or e.mode
        twin.location, twin.location_code = twin.location or e.location, twin.location_code or e.location_code
        twin.is_root = twin.is_root or e.is_root
    return kept


def _choose_root(events: list[Event], title_end: int, title: str, home: str | None) -> None:
    """The headline's event: the body's event whose verb the headline uses first ("UN Condemns North
    Korea's Firing ..."; headlines parse poorly, so words are compared, not parses); under a headline that
    announces a statement, the statement's own first act (the outlet's country acting); else a headline
    event the body repeats, else the headline's own event, else the body's first."""
    if not events:
        return
    named = [(rank, e.trigger_start, i) for i, e in enumerate(events)
             if (rank := _headline_rank(e, title, title_end)) is not None]
    if not named and home and STATEMENT_TITLE.search(title):
        named = [(0, e.trigger_start, i) for i, e in enumerate(events) if e.trigger_start >= title_end
                 and e.modality == "asserted" and not e.implied and any(x.country_code == home for x in e.sources)]
    if named:
        for e in events:
            e.is_root = False
        events[min(named)[2]].is_root = True
        return
    if any(e.is_root for e in events):
        marked = [e for e in events if e.is_root]
        for e in marked[1:]:
            e.is_root = False
        return
    in_title = [e for e in events if e.trigger_start < title_end]
    coded = [e for e in in_title if e.event_type != "OTHER"] or in_title
    body = sorted((e for e in events if e.trigger_start >= title_end), key=lambda e: e.trigger_start)
    told = [e for e in body if e.modality == "asserted" and (e.sources or e.targets) and not _aside(e)]
    pick = coded[0] if coded else (told or body or events)[0]
    pick.is_root = True


def _aside(event: Event) -> bool:
    """Told in a relative clause: "MAB, which opposed the war in Iraq, urged ..." is background."""
    return _trigger(event).dep_ == "relcl"


def _place_the_root(events: list[Event], parts: ArticleParticipants, lex: Lexicon, title_end: int) -> None:
    """"Tony Blair has backed the report. In a speech in Edinburgh, the prime minister said ...": a root event
    with no place of its own happened where one of the next four sentences has its doer speak or act; else,
    where the report says "here" about it (in its sentence or the next two), in the dateline's place
    ("Pyongyang, October 10 (KCNA) -- ... received a floral basket ... conveyed by the councilor of the
    Chinese embassy here"); a dateline alone says where the report was filed, not where the act was."""
    root = next((e for e in events if e.is_root), None)
    if root is None or root.location:
        return
    if root.sources and _place_of_doer(root, parts, lex):
        return
    line = find_dateline(doc_text(root.sentence.doc), title_end)
    sentences, at = _sentence_at(root.sentence)
    if line is not None and any(_says_here(sent) for sent in sentences[at:at + 3]):
        root.location = line.place.title() if line.place.isupper() else line.place
        root.location_code = lex.place_country(line.place) or lex.place_country(line.place.title())


def _says_here(sent: Span) -> bool:
    """The writer's own "here" (the dateline's place): "took place here", "the embassy here"; not "here is",
    nor a speaker's "here" inside quotation marks."""
    for tok in sent:
        if tok.lower_ == "here" and tok.dep_ == "advmod" and lemma_of(tok.head) != "be" \
                and sum(bool(DOUBLE_MARKS.fullmatch(t.text)) for t in sent.doc[sent.start:tok.i]) % 2 == 0:
            return True
    return False


def _place_of_doer(root: Event, parts: ArticleParticipants, lex: Lexicon) -> bool:
    """Place the root where one of the next four sentences has its doer speak or act; False if none does."""
    sentences, at = _sentence_at(root.sentence)
    doers = _ids(root.sources)
    for sent in sentences[at + 1:at + 5]:
        verb = sent.root
        subject = _subject(verb)
        actors = _actors_of(subject, parts)
        if not doers & _ids(actors) and (actors or subject is None or subject.tag_ != "NN"
                                          or subject.lower_ not in lex.title_heads
                                          or not any(x.kind == "person" for x in root.sources)):
            continue  # the doer, or a title no one else holds standing for a person ("the prime minister")
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "to"}):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                phrases = [pobj] + [t for t in pobj.subtree if t.dep_ == "pobj" and t.head.lower_ in {"in", "at"}]
                place = next((found for t in phrases if (found := _place_in(t)) is not None), None)
                if place is not None:
                    root.location = _entity_text(place)
                    root.location_code = lex.place_country(root.location)
                    return True
    return False


def _headline(doc: Doc, title_end: int, lex: Lexicon) -> str:
    """The headline, less the nouns written in lower case that only modify another noun: "Muslims
    discuss election concerns" does not report an election, but a "shooting gunman" did shoot."""
    title = list(doc_text(doc)[:title_end])
    for t in tokens_of(doc):
        if t.idx >= title_end:
            break
        if t.is_lower and t.dep_ == "compound" and t.head.pos_ == "NOUN" and not any(
                entry["type"] == "ASSAULT" for entry in lex.event_nouns.get(t.lower_, [])):
            title[t.idx:t.idx + len(t)] = " " * len(t)
    return "".join(title)


def _headline_rank(event: Event, title: str, title_end: int) -> int | None:
    """Where the headline uses the verb of a body event, by word position."""
    if event.trigger_start < title_end or not event.lemma:
        return None
    stem = event.lemma.lower().rstrip("e")
    for i, word in enumerate(re.findall(r"[a-z]+", title.lower())):
        if len(event.lemma) >= 3 and re.sub(r"(?:e?s|ed|ing)$", "", word).rstrip("e") in {stem, stem.rstrip("y") + "i"}:
            return i
    return None


def event_rows(events: list[Event], article_id: str, text: str, lex: Lexicon) -> tuple[list[dict], list[dict]]:
    rows, links = [], []
    for e in events:
        parties = sorted(p.participant_id for p in e.sources + e.targets)
        event_id = stable_id(article_id, e.event_type, e.trigger_start, e.trigger_end, *parties)
        quad, goldstein = lex.cameo.get(e.cameo, (None, None)) if e.cameo else (None, None)
        rows.append({
            "event_id": event_id, "article_id": article_id, "event_type": e.event_type, "mode": e.mode,
            "cameo_root": e.cameo, "quad_class": quad, "goldstein": goldstein,
            "trigger": text[e.trigger_start:e.trigger_end], "start_char": e.trigger_start, "end_char": e.trigger_end,
            "event_date": e.date_value, "date_text": e.date_text, "date_precision": e.date_precision,
            "location": e.location, "modality": e.modality, "is_root": e.is_root, "date_source": e.date_source,
            "location_country_code": e.location_code,
            "sentence_start": e.sentence.start_char, "sentence_end": e.sentence.end_char,
        })
        seen = set()
        for role, group in (("source", e.sources), ("target", e.targets)):
            for p in group:
                if p.participant_id not in seen:
                    seen.add(p.participant_id)
                    links.append({"event_id": event_id, "participant_id": p.participant_id, "role": role,
                                  "article_id": article_id})
    return rows, links
