"""Actor ids across the articles of one batch: a name that lost a letter to `?` ("Ant?nio Guterres")
takes the id and name of the one person of the batch it can be."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class LostLetterIndex:
    """The persons seen so far: those with whole names by actor id, and the participants whose id holds `?`."""

    people: dict[str, str] = field(default_factory=dict)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (participant_id, actor_id)

    def add(self, participants: Iterable[dict]) -> None:
        for row in participants:
            if row["kind"] != "person":
                continue
            if "?" in row["actor_id"]:
                self.unresolved.append((row["participant_id"], row["actor_id"]))
            else:
                self.people[row["actor_id"]] = row["name"]

    def renames(self) -> dict[str, tuple[str, str]]:
        """{participant_id: (actor_id, name)} for each `?` id that exactly one whole id fits."""
        out = {}
        for participant_id, actor_id in self.unresolved:
            pattern = re.compile(re.escape(actor_id).replace(r"\?", "[a-z0-9]"))
            fits = sorted(known for known in self.people if pattern.fullmatch(known))
            if len(fits) == 1:
                out[participant_id] = (fits[0], self.people[fits[0]])
        return out


def apply_renames(renames: dict[str, tuple[str, str]], participants: list[dict], quotes: list[dict]) -> None:
    """Rewrite, in place, the renamed participants and the speaker names of their quotes."""
    for row in participants:
        if row["participant_id"] in renames:
            row["actor_id"], row["name"] = renames[row["participant_id"]]
    for quote in quotes:
        if quote.get("speaker_participant_id") in renames:
            quote["speaker"] = renames[quote["speaker_participant_id"]][1]


def resolve_lost_letters(tables: dict[str, list[dict]]) -> None:
    """Rewrite, in place, person rows whose actor_id holds `?` when exactly one other id fits it."""
    index = LostLetterIndex()
    index.add(tables["participants"])
    apply_renames(index.renames(), tables["participants"], tables["quotes"])
