"""`newsetl eval events`: matching rules on tiny self-written cases, and the run on the annotated set."""
from __future__ import annotations

from datetime import date

from pipelines.cli import main
from pipelines.config import REPO_ROOT
from pipelines.evaluate.events import Predicted, Tally, score_events, score_root
from tests.conftest import CORPORA, needs


def pred(event_type: str, sources=(), targets=(), day=None, root=False, location=None, names=(),
         precision="day") -> Predicted:
    return Predicted(event_type, frozenset(sources), frozenset(targets), day, "asserted", root, location, None,
                     frozenset(names), "x", precision)


def test_type_and_dyad_must_match_one_to_one_and_symmetric_types_may_swap_sides():
    tally = Tally()
    gold = [{"type": "ACCUSE", "source": "KOR", "target": "PRK", "date": date(2022, 10, 4)},
            {"type": "CONSULT", "source": "KOR", "target": "USA", "date": None}]
    score_events(tally, "a", gold, [pred("ACCUSE", ["KOR", "USA"], ["PRK"], date(2022, 10, 3)),
                                    pred("ACCUSE", ["KOR"], ["PRK"]),  # the same event twice: a false event
                                    pred("CONSULT", ["USA"], ["KOR"]),
                                    pred("OTHER", ["KOR"])])  # not a dyad event: not scored
    assert (tally.gold, tally.predictions, tally.matches) == (2, 3, 2)
    assert (tally.dated, tally.right_dates) == (1, 0)


def test_a_missing_side_in_the_gold_needs_no_country_on_that_side():
    tally = Tally()
    score_events(tally, "a", [{"type": "DEMAND", "source": None, "target": "PRK"}],
                 [pred("DEMAND", ["USA"], ["PRK"])])
    assert tally.matches == 0


def test_root_who_what_when_where():
    tally = Tally()
    gold = {"type": "OTHER", "who": ["Justin Timberlake"], "when": date(2018, 2, 4), "where": "Minneapolis"}
    score_root(tally, "a", gold, [pred("OTHER", day=date(2018, 2, 4), root=True, location="Minneapolis",
                                       names=["justintimberlake"])])
    score_root(tally, "b", {"type": "ACCUSE", "who": ["PRK"], "when": None, "where": None},
               [pred("ACCUSE", root=True, names=["KOR"])])
    assert dict(tally.root_right) == {"who": 1, "what": 2, "when": 2, "where": 2}


def test_a_root_dated_only_to_the_month_is_right_where_the_annotation_leaves_the_date_null():
    tally = Tally()
    gold = {"type": "OTHER", "who": [], "when": None, "where": None}
    score_root(tally, "a", gold, [pred("OTHER", day=date(2018, 3, 1), root=True, precision="month")])
    score_root(tally, "b", gold, [pred("OTHER", day=date(2018, 3, 1), root=True)])
    assert tally.root_right["when"] == 1


def test_the_annotated_set(capsys):
    needs(CORPORA / "news")
    assert main(["eval", "events"]) == 0
    table = capsys.readouterr().out
    assert "events recall (type + dyad)" in table and "| 102 " in table


def test_the_held_out_roots_are_scored_for_the_root_alone(capsys):
    needs(CORPORA / "news")
    assert main(["eval", "events", "--gold", str(REPO_ROOT / "tests" / "evaluate" / "events_heldout.yml")]) == 0
    lines = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")[1:]]
             for line in capsys.readouterr().out.splitlines() if "|" in line}
    assert lines["events recall (type + dyad)"] == ["0", "0", "-"]  # no dyad annotations: no dyad figures
    assert lines["root event: what"][1] == "13"
