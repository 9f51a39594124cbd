"""The article the product was created for, extracted by `newsetl extract`, checked value by value."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from pipelines.cli import main
from tests.conftest import SEED, load_output, needs


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    needs(SEED)
    out = tmp_path_factory.mktemp("seed")
    assert main(["extract", str(SEED), "--out", str(out), "--date", "2022-10-05"]) == 0
    tables = load_output(out)
    assert len(tables["articles"]) == 1
    return tables


def _people(seed):
    return {p["name"]: p for p in seed["participants"] if p["kind"] == "person"}


def _quote(seed, fragment):
    found = [q for q in seed["quotes"] if fragment in q["text"]]
    assert found, f"no quote containing {fragment!r}"
    return found[0]


def _links(seed, event):
    names = {p["participant_id"]: p for p in seed["participants"]}
    return {(l["role"], names[l["participant_id"]]["name"]) for l in seed["event_participants"]
            if l["event_id"] == event["event_id"]}


def test_article_metadata_and_clean_text(seed):
    a = seed["articles"][0]
    assert a["title"] == ("Deputy Foreign Ministers of Korea, the US, and Japan Confirm North Korea's Ballistic "
                          "Missile Launch Violates UN Security Council")
    assert a["byline"] == "Yoo In-ho"
    assert a["source_hint"] == "Asia Economy"
    assert a["published_at"] == datetime(2022, 10, 5, 0, 0, tzinfo=timezone.utc)
    assert a["published_tz"] == "+09:00"
    assert a["text"].startswith(a["title"] + "\n\n")
    assert "All rights reserved" not in a["text"] and "©" not in a["text"]
    assert "[Asia Economy Reporter" not in a["text"]
    assert a["ingest_date"] == date(2022, 10, 5)


@pytest.mark.parametrize("name,title,country,affiliation", [
    ("Wendy Sherman", "Deputy Secretary of State", "USA", "United States"),
    ("Cho Hyun-dong", "First Vice Minister of Foreign Affairs", "KOR", "South Korea"),
    ("Takeo Mori", "Vice Minister of Foreign Affairs", "JPN", "Japan"),
    ("Park Jin", "Foreign Minister", "KOR", "South Korea"),
    ("Antony Blinken", "Secretary of State", "USA", "United States"),
    ("Yoshimasa Hayashi", "Foreign Minister", "JPN", "Japan"),
    ("António Guterres", "Secretary-General", None, "United Nations"),
    ("Stéphane Dujarric", "spokesperson", None, "United Nations"),
])
def test_people_with_titles_and_countries(seed, name, title, country, affiliation):
    person = _people(seed)[name]
    assert (person["title"], person["country_code"], person["affiliation"]) == (title, country, affiliation)


def test_one_row_per_person_and_no_reporter(seed):
    people = [p["name"] for p in seed["participants"] if p["kind"] == "person"]
    assert sorted(people) == sorted(["Wendy Sherman", "Cho Hyun-dong", "Takeo Mori", "Park Jin", "Antony Blinken",
                                     "Yoshimasa Hayashi", "António Guterres", "Stéphane Dujarric"])
    sherman = _people(seed)["Wendy Sherman"]
    assert sherman["mention_count"] >= 3 and "Sherman" in sherman["aliases"]


def test_lost_letters_repaired_and_offsets_kept(seed):
    text = seed["articles"][0]["text"]
    guterres = _people(seed)["António Guterres"]
    assert text[guterres["first_start"]:guterres["first_end"]] == "Ant?nio Guterres"
    assert "Ant?nio Guterres" in guterres["aliases"]


def test_countries_and_organizations(seed):
    countries = {p["country_code"] for p in seed["participants"] if p["kind"] == "country"}
    assert countries == {"KOR", "USA", "JPN", "PRK"}
    orgs = {p["name"]: p["country_code"] for p in seed["participants"] if p["kind"] == "organization"}
    assert "UN Security Council" in orgs
    assert orgs["U.S. State Department"] == "USA"
    assert orgs["Ministry of Foreign Affairs (South Korea)"] == "KOR"


def test_groups_record_their_members(seed):
    by_id = {p["participant_id"]: p["name"] for p in seed["participants"]}
    groups = {tuple(sorted(by_id[m] for m in p["members"])) for p in seed["participants"] if p["kind"] == "group"}
    assert ("Cho Hyun-dong", "Takeo Mori", "Wendy Sherman") in groups
    assert ("Antony Blinken", "Park Jin") in groups


def test_partial_quote_through_press_release(seed):
    q = _quote(seed, '"reckless and destabilizing launch')
    assert (q["kind"], q["speaker"], q["cue"]) == ("partial", "Wendy Sherman", "condemn")
    assert "press release" in q["via"]


def test_direct_quote_of_sherman(seed):
    q = _quote(seed, "The United States will take all necessary measures")
    assert q["text"] == '"The United States will take all necessary measures to guarantee the security of its allies."'
    assert (q["kind"], q["speaker"], q["cue"], q["via"]) == ("direct", "Wendy Sherman", "emphasize", None)


def test_guterres_quotes_and_conduit(seed):
    q = _quote(seed, "a reckless act and a violation of Security Council resolutions.")
    assert (q["speaker"], q["via"]) == ("António Guterres", "Stéphane Dujarric")
    q = _quote(seed, "It is very concerning that North Korea")
    assert (q["kind"], q["speaker"], q["cue"]) == ("direct", "António Guterres", "criticize")
    assert q["text"].endswith('maritime safety."')


def test_reported_speech(seed):
    q = _quote(seed, "the launch came after seven ballistic missile launches")
    assert (q["kind"], q["speaker"], q["cue"], q["via"]) == (
        "indirect", "Wendy Sherman, Cho Hyun-dong and Takeo Mori", "note", "U.S. State Department")
    q = _quote(seed, "the three deputy ministers agreed to continue consultations")
    assert (q["kind"], q["speaker"], q["cue"], q["via"]) == (
        "indirect", "Ministry of Foreign Affairs (South Korea)", "state", "press release")
    q = _quote(seed, "North Korea's missile launch clearly violates multiple UN Security Council resolutions")
    assert (q["speaker"], q["cue"]) == ("Park Jin and Antony Blinken", "point out")
    q = _quote(seed, "North Korea's ongoing provocations cannot be tolerated")
    assert (q["speaker"], q["cue"]) == ("Park Jin and Antony Blinken", "emphasize")


def test_every_quote_speaker_span_is_its_mention(seed):
    text = seed["articles"][0]["text"]
    q = _quote(seed, "The United States will take all necessary measures")
    assert text[q["speaker_start"]:q["speaker_end"]] == "Sherman"


def _events(seed, etype, trigger=None):
    return [e for e in seed["events"] if e["event_type"] == etype and (trigger is None or e["trigger"] == trigger)]


def test_trilateral_call_is_one_multilateral_event(seed):
    calls = [e for e in _events(seed, "CONSULT") if e["modality"] == "asserted" and
             {n for _, n in _links(seed, e)} == {"Wendy Sherman", "Cho Hyun-dong", "Takeo Mori"}]
    assert len(calls) == 1
    call = calls[0]
    assert (call["cameo_root"], call["mode"], call["event_date"], call["quad_class"]) == ("04", "phone", date(2022, 10, 4), 1)


def test_park_separate_calls_are_two_events(seed):
    pairs = {frozenset(n for _, n in _links(seed, e)) for e in _events(seed, "CONSULT")
             if e["event_date"] == date(2022, 10, 4)}
    assert frozenset({"Park Jin", "Antony Blinken"}) in pairs
    assert frozenset({"Park Jin", "Yoshimasa Hayashi"}) in pairs


def test_condemnations_target_north_korea(seed):
    sources = set()
    for e in _events(seed, "ACCUSE"):
        links = _links(seed, e)
        assert ("target", "North Korea") in links, e["trigger"]
        assert (e["cameo_root"], e["quad_class"], e["goldstein"]) == ("11", 3, -2.0)
        sources |= {frozenset(n for r, n in links if r == "source")}
    for expected in ({"Wendy Sherman", "Cho Hyun-dong", "Takeo Mori"}, {"Park Jin", "Antony Blinken"},
                     {"Park Jin"}, {"António Guterres"}):
        assert frozenset(expected) in sources


def test_missile_launch(seed):
    launches = [e for e in _events(seed, "MOBILIZE") if e["event_date"] == date(2022, 10, 4)]
    assert launches and launches[0]["cameo_root"] == "15" and launches[0]["mode"] == "weapons"
    assert ("source", "North Korea") in _links(seed, launches[0])


def test_planned_meeting_in_tokyo(seed):
    planned = [e for e in seed["events"] if e["modality"] == "planned" and e["location"] == "Tokyo"]
    assert planned
    assert {e["event_type"] for e in planned} <= {"AGREE", "CONSULT"}
    later = [e for e in planned if e["date_text"] == "later this month"]
    assert later and later[0]["event_date"] == date(2022, 10, 1) and later[0]["date_precision"] == "month"


def test_security_council_request(seed):
    demand = _events(seed, "DEMAND", "requested")
    assert demand and (demand[0]["cameo_root"], demand[0]["event_date"]) == ("02", date(2022, 10, 5))
    assert ("source", "United States") in _links(seed, demand[0])


def test_exactly_one_root_and_no_unplanned_future_dates(seed):
    assert sum(e["is_root"] for e in seed["events"]) == 1
    for e in seed["events"]:
        if e["event_date"] and e["modality"] != "planned":
            assert e["event_date"] <= date(2022, 10, 5)
