"""Actor ids across the articles of one batch: a name that lost a letter to `?` ("Ant?nio Guterres")
takes the id and name of the one person of the batch it can be."""
from __future__ import annotations

import re


def resolve_lost_letters(tables: dict[str, list[dict]]) -> None:
    """Rewrite, in place, person rows whose actor_id holds `?` when exactly one other id fits it."""
    people = {r["actor_id"]: r["name"] for r in tables["participants"]
              if r["kind"] == "person" and "?" not in r["actor_id"]}
    renamed: dict[str, str] = {}
    for row in tables["participants"]:
        if row["kind"] != "person" or "?" not in row["actor_id"]:
            continue
        pattern = re.compile(re.escape(row["actor_id"]).replace(r"\?", "[a-z0-9]"))
        fits = sorted(actor_id for actor_id in people if pattern.fullmatch(actor_id))
        if len(fits) == 1:
            row["actor_id"], row["name"] = fits[0], people[fits[0]]
            renamed[row["participant_id"]] = row["name"]
    for quote in tables["quotes"]:
        if quote.get("speaker_participant_id") in renamed:
            quote["speaker"] = renamed[quote["speaker_participant_id"]]
