"""Scoring events against the hand-annotated set in `tests/evaluate/events_gold.yml`.

Country-dyad events: a predicted event counts when it has a PLOVER type and a country on either side.
It matches a gold event of its article with the same type, the gold source country among its source
countries (no source country when the gold has none) and likewise for the target; CONSULT, AGREE and
COOPERATE may match with sides swapped. One to one, preferring a prediction with the gold date.
Root events are scored on who (a gold actor among the root's participants, or a gold country code
among the countries they act for), what (type), when (date; the annotations leave it null where only a
month or year is known) and where (place or its country). `tests/evaluate/events_heldout.yml` holds
root events only, of articles the rules were not developed on: its entries have no `events` list.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from pipelines.evaluate.annotated import extract_annotated
from pipelines.evaluate.participants import name_key
from pipelines.extract.lexicon import fold, lexicon

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
COLUMNS = ["measure", "right", "of", "score"]


@dataclass(frozen=True)
class Predicted:
    """An event row with the countries and participants on each side."""

    event_type: str
    sources: frozenset[str]
    targets: frozenset[str]
    event_date: date | None
    modality: str
    is_root: bool
    location: str | None
    location_code: str | None
    names: frozenset[str]  # folded names and country codes of every participant linked to it
    trigger: str
    date_precision: str = "day"


@dataclass
class Tally:
    """Counts over the set: dyad events, their dates, future-dated events and root-event aspects."""

    gold: int = 0
    predictions: int = 0
    matches: int = 0
    dated: int = 0
    right_dates: int = 0
    future_unplanned: int = 0
    events_total: int = 0
    roots: int = 0
    root_right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[dict] = field(default_factory=list)


def _side(code: str | None, have: frozenset[str]) -> bool:
    """The gold country is on this side, or the gold names none and neither does the prediction."""
    return code in have if code else not have


def _fits(gold: dict, p: Predicted, swapped: bool = False) -> bool:
    sources, targets = (p.targets, p.sources) if swapped else (p.sources, p.targets)
    return gold["type"] == p.event_type and _side(gold.get("source"), sources) and _side(gold.get("target"), targets)


def _matches(gold: dict, p: Predicted) -> bool:
    return _fits(gold, p) or (gold["type"] in SYMMETRIC and _fits(gold, p, swapped=True))


def score_events(tally: Tally, file: str, gold: list[dict], predicted: list[Predicted]) -> None:
    """Type + dyad matching of one article's country-dyad events, with date accuracy."""
    candidates = [p for p in predicted if p.event_type != "OTHER" and (p.sources or p.targets)]
    tally.gold += len(gold)
    tally.predictions += len(candidates)
    free = list(candidates)
    for g in gold:
        fits = [p for p in free if _matches(g, p)]
        if not fits:
            tally.errors.append({"file": file, "missed": g})
            continue
        best = next((p for p in fits if p.event_date == g.get("date")), fits[0])
        free.remove(best)
        tally.matches += 1
        if g.get("date") is not None:
            tally.dated += 1
            tally.right_dates += best.event_date == g["date"]
            if best.event_date != g["date"]:
                tally.errors.append({"file": file, "wrong_date": str(best.event_date), "gold": g})
    for p in free:
        tally.errors.append({"file": file, "false_event": [p.event_type, sorted(p.sources), sorted(p.targets),
                                                           p.trigger]})


def score_root(tally: Tally, file: str, gold: dict, predicted: list[Predicted]) -> None:
    """Who, what, when and where of the article's root event."""
    tally.roots += 1
    root = next((p for p in predicted if p.is_root), None)
    if root is None:
        tally.errors.append({"file": file, "no_root": gold})
        return
    who = {name_key(w) if len(w) != 3 or not w.isupper() else w for w in gold.get("who") or []}
    right = {
        "who": bool(who & root.names) if who else not root.names,
        "what": root.event_type == gold["type"],
        # the annotations leave a date null when only its month or year is known
        "when": root.event_date == gold.get("when") or gold.get("when") is None and root.date_precision in {"month", "year"},
        "where": _place_right(gold.get("where"), root),
    }
    for aspect, ok in right.items():
        tally.root_right[aspect] += ok
    if not all(right.values()):
        tally.errors.append({"file": file, "root": [root.event_type, root.trigger, str(root.event_date),
                                                    root.location, sorted(root.names)], "gold_root": gold,
                             "wrong": [a for a, ok in right.items() if not ok]})


def _place_right(gold: str | None, root: Predicted) -> bool:
    if gold is None:
        return root.location is None
    if root.location and (fold(gold) in fold(root.location) or fold(root.location) in fold(gold)):
        return True
    return root.location_code is not None and root.location_code == lexicon().place_country(gold)


def predicted_by_article(tables: dict[str, list[dict]]) -> dict[str, list[Predicted]]:
    """Events of every article with their sides' countries and participants' names."""
    people = {p["participant_id"]: p for p in tables["participants"]}
    links = defaultdict(list)
    for link in tables["event_participants"]:
        links[link["event_id"]].append((people[link["participant_id"]], link["role"]))
    out = defaultdict(list)
    for e in tables["events"]:
        linked = links[e["event_id"]]
        names = frozenset(name_key(n) for p, _ in linked for n in [p["name"], *(p.get("aliases") or [])])
        codes = frozenset(p["country_code"] for p, _ in linked if p["country_code"])
        out[e["article_id"]].append(Predicted(
            e["event_type"], _countries(linked, "source"), _countries(linked, "target"), e["event_date"],
            e["modality"], e["is_root"], e["location"], e.get("location_country_code"), names | codes, e["trigger"],
            e["date_precision"]))
    return out


def _score(value: float | None) -> str:
    """A figure to three places; "-" where there was nothing to score (root-only annotations)."""
    return "-" if value is None else f"{value:.3f}"


def _countries(linked: list[tuple[dict, str]], role: str) -> frozenset[str]:
    return frozenset(p["country_code"] for p, r in linked if r == role and p["country_code"])


@dataclass
class Report:
    tally: Tally
    articles: int
    seconds: float

    def rows(self) -> list[tuple]:
        t = self.tally
        p = t.matches / t.predictions if t.predictions else None
        r = t.matches / t.gold if t.gold else None
        f1 = (2 * p * r / (p + r) if p and r else 0.0) if p is not None and r is not None else None
        rows = [("events precision (type + dyad)", t.matches, t.predictions, _score(p)),
                ("events recall (type + dyad)", t.matches, t.gold, _score(r)),
                ("events F1", "", "", _score(f1)),
                ("dates right, of matched events with a gold date", t.right_dates, t.dated,
                 f"{t.right_dates / t.dated:.3f}" if t.dated else "-"),
                ("events dated after publication, not planned", t.future_unplanned, t.events_total,
                 f"{t.future_unplanned / t.events_total:.3f}" if t.events_total else "-")]
        for aspect in ("who", "what", "when", "where"):
            right = t.root_right[aspect]
            rows.append((f"root event: {aspect}", right, t.roots, f"{right / t.roots:.3f}" if t.roots else "-"))
        return rows


def read_gold(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]


def evaluate_events(gold_path: Path, corpus: Path) -> Report:
    """Extract the annotated articles and score their events and root events."""
    gold = read_gold(gold_path)
    run = extract_annotated(corpus, [entry["file"] for entry in gold])
    predicted = predicted_by_article(run.tables)
    tally = Tally()
    for entry in gold:
        article = run.by_file.get(entry["file"])
        if article is None:
            continue
        events = predicted[article["article_id"]]
        if "events" in entry:  # an entry with no `events` list is annotated for its root alone
            score_events(tally, entry["file"], entry["events"] or [], events)
        score_root(tally, entry["file"], entry["root"], events)
        published = entry.get("published")
        for p in events:
            tally.events_total += 1
            if published and p.event_date and p.event_date > published and p.modality != "planned":
                tally.future_unplanned += 1
                tally.errors.append({"file": entry["file"], "future": [p.event_type, p.trigger, str(p.event_date)]})
    return Report(tally, len(run.by_file), run.seconds)
