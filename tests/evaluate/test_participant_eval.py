"""`newsetl eval participants`: matching rules on tiny self-written cases, and the run on the annotated set."""
from __future__ import annotations

from pipelines.cli import main
from pipelines.evaluate.participants import GoldPerson, Scores, name_key, score_article, title_right
from tests.conftest import CORPORA, needs


def gold(name: str, *aliases: str, title: str | None = None, country: str | None = None) -> GoldPerson:
    return GoldPerson(name, frozenset(name_key(n) for n in (name, *aliases)), title, country)


def row(name: str, *aliases: str, start: int = 0, title: str | None = None, country: str | None = None,
        actor: str | None = None) -> dict:
    return {"name": name, "aliases": list(aliases), "first_start": start, "title": title, "country_code": country,
            "actor_id": actor or "person:" + name_key(name)}


def test_a_second_row_for_one_person_and_a_non_person_are_false_persons():
    scores = Scores()
    score_article(scores, "a", [gold("Choe Son Hui", "Choe"), gold("Tony Blair")],
                  [row("Choe Son Hui", start=1), row("Choe", start=5), row("Trump Tower", start=9)])
    assert (scores.gold, scores.predictions, scores.matches) == (2, 3, 1)
    assert scores.row("x")[3:6] == ("0.333", "0.500", "0.400")


def test_names_match_folded_and_through_aliases():
    scores = Scores()
    score_article(scores, "a", [gold("António Guterres"), gold("Kim Jong Un")],
                  [row("Antonio Guterres"), row("Kim Jong-un", start=3)])
    assert scores.matches == 2


def test_titles_and_countries_are_scored_where_the_gold_has_them():
    scores = Scores()
    score_article(scores, "a", [gold("Park Jin", title="Foreign Minister", country="KOR"), gold("Ban Ki-moon")],
                  [row("Park Jin", title="South Korean Foreign Minister", country="PRK"), row("Ban Ki-moon", start=4)])
    assert (scores.titled, scores.right_titles, scores.with_country, scores.right_countries) == (1, 1, 1, 0)
    assert not title_right("Minister", "Foreign Secretary") and title_right("First Vice Minister", "Vice Minister")


def test_one_actor_id_per_person_across_articles():
    scores = Scores()
    score_article(scores, "a", [gold("Kim Jong Un")], [row("Kim Jong Un", actor="person:kim-jong-un")])
    score_article(scores, "b", [gold("Kim Jong Un")], [row("Kim Jong-un", actor="person:kim-jong-un")])
    score_article(scores, "c", [gold("Tony Blair")], [row("Tony Blair", actor="person:tony-blair")])
    score_article(scores, "d", [gold("Tony Blair")], [row("Blair", "Tony Blair", actor="person:blair")])
    assert scores.one_id_share() == (1, 2)


def test_the_annotated_set(capsys):
    needs(CORPORA / "news")
    assert main(["eval", "participants"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ours = dict(zip([c.strip() for c in lines[0].split("|")], [c.strip() for c in lines[2].split("|")]))
    assert ours["system"] == "newsetl" and ours["gold"] == "139"
    # figures of 2026-11-28 (docs/quality.md): a guard against regressions
    assert float(ours["person F1"]) >= 0.75 and float(ours["country acc"]) >= 0.6
