"""Scoring person participants against the hand-annotated set in `tests/evaluate/participants_gold.yml`.

A predicted person matches a gold person of its article when one of its names (canonical name or an
alias) equals one of the gold person's names, folded (case, accents, punctuation, KCNA's missing spaces);
one to one, in text order. A second row for a matched person is a false person, like a row for a name
that is not a person. Unnamed office holders (`official:` actors) are left out: the set names people.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.config import settings
from pipelines.evaluate.annotated import extract_annotated
from pipelines.extract.lexicon import fold

COLUMNS = ["system", "gold", "pred", "person P", "person R", "person F1", "title acc", "country acc"]


@dataclass(frozen=True)
class GoldPerson:
    name: str
    names: frozenset[str]  # folded name and aliases
    title: str | None
    country: str | None


@dataclass
class Scores:
    """Tallies of one system over the set; `actor_ids` maps each real person to the id it got in each article."""

    gold: int = 0
    predictions: int = 0
    matches: int = 0
    titled: int = 0
    right_titles: int = 0
    with_country: int = 0
    right_countries: int = 0
    actor_ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    errors: list[dict] = field(default_factory=list)

    def row(self, system: str) -> tuple:
        p, r = _ratio(self.matches, self.predictions), _ratio(self.matches, self.gold)
        f1 = 2 * p * r / (p + r) if p and r else 0.0
        return (system, self.gold, self.predictions, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}",
                _fmt(_ratio(self.right_titles, self.titled)) if self.titled else "",
                _fmt(_ratio(self.right_countries, self.with_country)) if self.with_country else "")

    def one_id_share(self) -> tuple[int, int]:
        """(people found in two or more articles who got one actor_id in all of them, people found in two or more)."""
        multi = [ids for ids in self.actor_ids.values() if len(ids) >= 2]
        return sum(1 for ids in multi if len(set(ids)) == 1), len(multi)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def name_key(name: str) -> str:
    """A name folded for comparison: accents, case, punctuation and spacing do not count."""
    return re.sub(r"[^a-z0-9?]", "", fold(name))


def read_gold(path: Path) -> dict[str, list[GoldPerson]]:
    """Gold persons by article file (relative to the news corpus folder)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {a["file"]: [GoldPerson(p["name"], frozenset(name_key(n) for n in [p["name"], *(p.get("aliases") or [])]),
                                   p.get("title"), p.get("country")) for p in a["persons"] or []]
            for a in data["articles"]}


def title_right(predicted: str | None, gold: str) -> bool:
    """Same words, or one title is the other with words added ("Vice Minister" / "First Vice Minister")."""
    if not predicted:
        return False
    p, g = (" " + re.sub(r"[^a-z0-9]+", " ", fold(t)).strip() + " " for t in (predicted, gold))
    return p == g or p in g or g in p


def score_article(scores: Scores, file: str, gold: list[GoldPerson], predicted: list[dict]) -> None:
    """Match one article's predicted persons to its gold persons and tally."""
    scores.gold += len(gold)
    scores.predictions += len(predicted)
    unmatched = list(gold)
    for row in sorted(predicted, key=lambda r: r["first_start"]):
        names = {name_key(row["name"]), *(name_key(a) for a in row.get("aliases") or [])}
        person = next((g for g in unmatched if g.names & names), None)
        if person is None:
            scores.errors.append({"file": file, "false_person": row["name"]})
            continue
        unmatched.remove(person)
        scores.matches += 1
        scores.actor_ids[name_key(person.name)].append(row["actor_id"])
        if person.title:
            scores.titled += 1
            right = title_right(row.get("title"), person.title)
            scores.right_titles += right
            if not right:
                scores.errors.append({"file": file, "person": person.name, "gold_title": person.title,
                                      "title": row.get("title")})
        if person.country:
            scores.with_country += 1
            right = row.get("country_code") == person.country
            scores.right_countries += right
            if not right:
                scores.errors.append({"file": file, "person": person.name, "gold_country": person.country,
                                      "country": row.get("country_code")})
    scores.errors.extend({"file": file, "missed": g.name} for g in unmatched)


def ner_baseline(articles: list[dict], nlp) -> dict[str, list[dict]]:
    """A plain spaCy NER pass: each distinct PERSON entity text is a person row, no title or country."""
    out = {}
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles)):
        seen: dict[str, dict] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.text not in seen:
                seen[ent.text] = {"name": ent.text, "aliases": [], "first_start": ent.start_char,
                                  "actor_id": "ner:" + name_key(ent.text), "title": None, "country_code": None}
        out[article["article_id"]] = list(seen.values())
    return out


@dataclass
class Report:
    systems: dict[str, Scores]
    articles: int
    seconds: float


def evaluate_participants(gold_path: Path, corpus: Path) -> Report:
    """Extract the annotated articles, score them, and score a bare NER pass as the baseline."""
    from pipelines.extract.nlp import load_model

    gold = read_gold(gold_path)
    run = extract_annotated(corpus, list(gold))
    ours: dict[str, list[dict]] = defaultdict(list)
    for row in run.tables["participants"]:
        if row["kind"] == "person" and not row["actor_id"].startswith("official:"):
            ours[row["article_id"]].append(row)
    baseline = ner_baseline(list(run.by_file.values()), load_model(settings().spacy_model))
    systems = {"newsetl": Scores(), "spaCy NER": Scores()}
    for file, article in run.by_file.items():
        score_article(systems["newsetl"], file, gold[file], ours[article["article_id"]])
        score_article(systems["spaCy NER"], file, gold[file], baseline[article["article_id"]])
    return Report(systems, len(run.by_file), run.seconds)
