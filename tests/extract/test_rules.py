"""Extraction rules on short self-written articles: one behaviour per test, exact values."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from pipelines.extract import extract_tables


def extract(text: str, published: datetime = datetime(2024, 10, 14, 9, tzinfo=timezone.utc),
            source: str | None = None) -> dict[str, list[dict]]:
    article = {"article_id": "a1", "text": text, "title": text.split("\n", 1)[0], "published_at": published,
               "published_tz": None, "source_name": source, "source_hint": None, "url": None, "duplicate_of": None}
    return extract_tables([article])


@pytest.fixture(scope="module")
def defence_spokesman():
    return extract("Defence ministry warns Seoul\n\nA spokesman for the Ministry of National Defence of the DPRK "
                   "released a press statement on Sunday. The spokesman said the drones had violated the border.")


def test_unnamed_official_is_a_person_acting_for_the_body(defence_spokesman):
    officials = [p for p in defence_spokesman["participants"] if p["actor_id"].startswith("official:")]
    assert [(p["name"], p["kind"], p["title"], p["role"], p["country_code"], p["mention_count"]) for p in officials] == [
        ("Ministry of Defense (North Korea) spokesman", "person",
         "spokesman for the Ministry of National Defence of the DPRK", "spokesperson", "PRK", 2)]


def test_same_office_has_the_same_actor_in_every_article(defence_spokesman):
    other = extract("Statement\n\nA spokesman for the Ministry of National Defence of the DPRK said on Monday "
                    "that the drills were a provocation.")
    ids = {p["actor_id"] for rows in (defence_spokesman, other) for p in rows["participants"]
           if p["actor_id"].startswith("official:")}
    assert ids == {"official:org-prk-mod-spokesperson"}


def test_a_letter_received_comes_from_its_sender():
    rows = extract("Letter\n\nKim Jong Un received a letter of sympathy from Vladimir Putin on Thursday.")
    (event,) = [e for e in rows["events"] if e["trigger"] == "received"]
    assert (event["event_type"], event["cameo_root"]) == ("SUPPORT", "05")
    names = {p["participant_id"]: p["name"] for p in rows["participants"]}
    roles = {(names[link["participant_id"]], link["role"]) for link in rows["event_participants"]
             if link["event_id"] == event["event_id"]}
    assert roles == {("Vladimir Putin", "source"), ("Kim Jong Un", "target")}


@pytest.mark.parametrize("sentence, trigger, coding", [
    ("North Korea launched two ballistic missiles on Monday.", "launched", ("MOBILIZE", "15", "weapons")),
    ("Israel and Hamas struck a deal on Monday.", "struck", ("AGREE", "03", None)),
    ("Israeli jets struck Gaza on Monday.", "struck", ("ASSAULT", "18", None)),
    ("Tony Blair attacked the way the war was sold to the public.", "attacked", ("ACCUSE", "11", None)),
    ("Apple launched its new phone on Monday.", "launched", ("OTHER", None, None)),
    ("The army launched an offensive against the rebels on Monday.", "launched", ("ASSAULT", "18", None)),
    ("The ambassador attended the inauguration ceremony in Tehran on Monday.", "attended", ("CONSULT", "04", None)),
])
def test_trigger_coding_depends_on_what_it_governs(sentence, trigger, coding):
    rows = extract("News\n\n" + sentence)
    assert [(e["event_type"], e["cameo_root"], e["mode"]) for e in rows["events"] if e["trigger"] == trigger] == [coding]


def test_launches_without_an_object_are_not_product_launches():
    rows = extract("News\n\nChina said it opposes missile launches against the resolutions.")
    assert [e["event_type"] for e in rows["events"] if e["trigger"] == "launches"] in ([], ["MOBILIZE"])


def people(rows: dict[str, list[dict]]) -> list[tuple]:
    persons = sorted((p for p in rows["participants"] if p["kind"] == "person"), key=lambda p: p["first_start"])
    return [(p["name"], p["title"], p["country_code"]) for p in persons]


def test_a_country_closing_the_title_is_whom_the_person_acts_for():
    rows = extract("Statement\n\nVice Foreign Minister of DPRK Kim Son Gyong issued a statement. First Vice Minister "
                   "of Foreign Affairs of the Democratic People's Republic of Korea Choe Son Hui met him.")
    assert people(rows) == [("Kim Son Gyong", "Vice Foreign Minister", "PRK"),
                            ("Choe Son Hui", "First Vice Minister of Foreign Affairs", "PRK")]


def test_datelines_and_capitals_for_governments_are_countries():
    rows = extract("Talks\n\nPyongyang, October 25 (KCNA) -- The talks ended. Moscow said Seoul and Washington "
                   "were to blame. The museum in Tokyo opened.")
    countries = {p["country_code"]: p["aliases"] for p in rows["participants"] if p["kind"] == "country"}
    assert countries == {"PRK": ["Pyongyang"], "RUS": ["Moscow"], "KOR": ["Seoul"], "USA": ["Washington"]}


def test_names_before_apposed_titles_and_occupations_are_people():
    rows = extract("Greeting\n\nChoe Son Hui, foreign minister of the DPRK, received a message from Fayssal Mekdad, "
                   "minister of Foreign Affairs and Expatriates of Syria. Lawyer Louise Christian said she would "
                   "appeal, with the backing of the Fostering Network.")
    assert people(rows) == [("Choe Son Hui", "foreign minister", "PRK"),
                            ("Fayssal Mekdad", "minister of Foreign Affairs", "SYR"),
                            ("Louise Christian", "Lawyer", None)]


def test_names_the_article_shows_are_not_people_are_dropped():
    rows = extract("Vote\n\nThe General Election will be held in May, the election commission said. Voters in "
                   "Melton Mowbray queued on Twitter. Theresa May said the general election was fair.")
    assert people(rows) == [("Theresa May", None, "GBR")]


def test_a_country_last_the_subject_nearby_is_whom_a_titled_official_acts_for():
    rows = extract("Worries\n\nRussia is extremely worried about the situation. Deputy foreign minister Sergei "
                   "Ryabkov said talks were needed.")
    assert people(rows) == [("Sergei Ryabkov", "Deputy foreign minister", "RUS")]


def test_apposed_country_and_demonyms_set_whom_people_act_for():
    rows = extract("Tensions\n\nColonel Lee Kuk-no, of South Korea, warned of force. Aussie Foreign Minister Julie "
                   "Bishop urged calm. Choe Son Hui, foreign minister of the Democratic People's Republic of Korea, "
                   "replied.")
    assert people(rows) == [("Lee Kuk-no", "Colonel", "KOR"), ("Julie Bishop", "Foreign Minister", "AUS"),
                            ("Choe Son Hui", "foreign minister", "PRK")]


def test_actor_ids_ignore_accents_and_middle_initials_and_repair_lost_letters_across_articles():
    from pipelines.extract.participants import person_id

    assert person_id("George W. Bush") == person_id("George Bush") == "person:george-bush"
    assert person_id("José Mújica") == "person:jose-mujica"
    texts = ["Visit\n\nFormer president José Mújica met students.", "Talks\n\nJosé M?jica said he was tired."]
    articles = [{"article_id": f"a{i}", "text": t, "title": t.split("\n", 1)[0], "published_at": None,
                 "published_tz": None, "source_name": None, "source_hint": None, "url": None, "duplicate_of": None}
                for i, t in enumerate(texts)]
    rows = extract_tables(articles)
    people = sorted((p["article_id"], p["actor_id"], p["name"]) for p in rows["participants"] if p["kind"] == "person")
    assert people == [("a0", "person:jose-mujica", "José Mújica"), ("a1", "person:jose-mujica", "José Mújica")]


def test_titles_in_appositions_with_an_age_a_possessive_or_before_the_name():
    rows = extract("Care\n\nTony Hunter, the organisation's president, said so. Robert Jackson, 58, MP for Wantage, "
                   "agreed. Her lawyer, Gaby Lasky, said on Wednesday that she would appeal.")
    assert people(rows) == [("Tony Hunter", "president", None), ("Robert Jackson", "MP", None),
                            ("Gaby Lasky", "lawyer", None)]


def test_parties_and_agencies_before_a_title_or_in_an_apposition_set_whom_people_act_for():
    rows = extract("Budget\n\nLiberal Democrat spokeswoman for women Sandra Gidley said no. Simon Thomas, of Plaid "
                   "Cymru, called it a budget for England. NASA astronaut Peggy Whitson landed.")
    assert [(p["name"], p["title"], p["affiliation"], p["country_code"]) for p in rows["participants"]
            if p["kind"] == "person"] == [
        ("Sandra Gidley", "spokeswoman for women", "Liberal Democrats", "GBR"),
        ("Simon Thomas", None, "Plaid Cymru", "GBR"),
        ("Peggy Whitson", "astronaut", "NASA", "USA")]


def test_speaker_labels_possessive_runs_and_places_are_not_people():
    rows = extract("Transcript\n\nAILSA CHANG: Hello. Hemsworth’s Norse god returns. Voters in North Hykeham and "
                   "Simon Thomas, of Plaid Cymru, met on Monday.")
    assert people(rows) == [("Simon Thomas", None, "GBR")]


def test_we_in_a_state_agency_statement_acts_for_its_country_against_the_owner_of_the_object():
    article = {"article_id": "a1", "text": "Statement\n\nPyongyang, August 22 (KCNA) -- We strongly reject the "
               "hostile moves of the U.S.", "title": "Statement", "published_at": None, "published_tz": None,
               "source_name": "KCNA", "source_hint": None, "url": None, "duplicate_of": None}
    rows = extract_tables([article])
    names = {p["participant_id"]: p["name"] for p in rows["participants"]}
    (event,) = rows["events"]
    assert (event["event_type"], event["trigger"]) == ("REJECT", "reject")
    assert sorted((names[link["participant_id"]], link["role"]) for link in rows["event_participants"]) == [
        ("North Korea", "source"), ("United States", "target")]


def test_a_group_of_people_merged_into_one_actor_links_events_to_kept_participants():
    rows = extract("Talks\n\nKim Jong Un met Vladimir Putin. Kim Jong-un and Putin, the two leaders, signed a "
                   "treaty. The two leaders then condemned the sanctions.")
    ids = {p["participant_id"] for p in rows["participants"]}
    assert rows["events"] and all(link["participant_id"] in ids for link in rows["event_participants"])
    assert [p["name"] for p in rows["participants"] if p["actor_id"] == "person:kim-jong-un"] == ["Kim Jong Un"]


def test_a_line_break_ends_a_sentence_and_a_first_name_the_recognizer_missed_joins_the_surname():
    rows = extract("Fireworks over the square\n\nFireworks, gunshots, and shrieking\nZeynep Akar also watched from "
                   "her balcony as the scene unfolded.")
    assert people(rows) == [("Zeynep Akar", None, None)]


def test_pronouns_prefer_the_last_subject_and_respect_a_gender_the_text_shows():
    rows = extract("News\n\nMaria Lopez endorsed John Carter on Monday. She also called for calm. Mr Smith met "
                   "Anna Berg. She said it went well.")
    speakers = [(q["speaker"], q["text"]) for q in rows["quotes"]]
    assert ("Maria Lopez", "calm") in speakers and ("Anna Berg", "it went well") in speakers


def test_possessives_bare_titles_and_plural_groups_resolve_to_participants():
    rows = extract("Talks\n\nChina's Foreign Minister Wang Yi met U.S. Deputy Secretary of State Wendy Sherman in "
                   "Tianjin. Sherman's remarks were blunt, the minister said. The two diplomats later spoke again.")
    by_name = {p["name"]: p for p in rows["participants"]}
    assert sorted(by_name["Wang Yi"]["aliases"]) == ["Wang Yi", "the minister"]
    assert by_name["Wang Yi"]["country_code"] == "CHN" and by_name["Wendy Sherman"]["mention_count"] == 2
    group = by_name["Wang Yi and Wendy Sherman"]
    assert group["kind"] == "group" and group["aliases"] == ["The two diplomats"]
    assert sorted(group["members"]) == sorted([by_name["Wang Yi"]["participant_id"],
                                               by_name["Wendy Sherman"]["participant_id"]])


def test_a_dateline_gives_the_reports_local_day_and_a_mission_acts_for_its_state():
    from pipelines.ingest.dateline import dateline_date

    assert dateline_date("Rejection\n\nPyongyang, November 5 (KCNA) -- The talks ended.", date(2024, 11, 6)) == \
        date(2024, 11, 5)
    assert dateline_date("Rejection\n\nPyongyang, March 5 (KCNA) -- The talks ended.", date(2024, 11, 6)) is None
    rows = extract("Rejection\n\nPyongyang, November 5 (KCNA) -- The DPRK permanent mission rejects the resolution "
                   "of the European Union.", published=datetime(2024, 11, 6, 1, tzinfo=timezone.utc))
    names = {p["participant_id"]: p["name"] for p in rows["participants"]}
    (event,) = [e for e in rows["events"] if e["trigger"] == "rejects"]
    assert event["event_date"] == date(2024, 11, 5)
    assert ("North Korea", "source") in {(names[x["participant_id"]], x["role"]) for x in rows["event_participants"]}


def test_a_given_name_after_a_royal_title_is_not_someone_elses_first_name():
    rows = extract("Wedding\n\nLiberal Democrat leader Charles Kennedy said Prince Charles would marry in April.")
    assert people(rows) == [("Charles Kennedy", "leader", "GBR"), ("Charles", "Prince", None)]


def test_police_with_no_country_written_act_for_the_country_the_article_is_about():
    rows = extract("Arrests in Seoul\n\nSouth Korea tightened security on Monday. Police arrested two activists "
                   "outside the embassy.")
    names = {p["participant_id"]: (p["name"], p["country_code"]) for p in rows["participants"]}
    (event,) = [e for e in rows["events"] if e["trigger"] == "arrested"]
    assert {(names[x["participant_id"]], x["role"]) for x in rows["event_participants"]
            if x["event_id"] == event["event_id"]} == {(("Police (South Korea)", "KOR"), "source")}


def _roles(rows: dict, trigger: str) -> set[tuple[str, str, str]]:
    names = {p["participant_id"]: p["name"] for p in rows["participants"]}
    events = {e["event_id"]: e for e in rows["events"] if e["trigger"] == trigger}
    return {(events[link["event_id"]]["event_type"], names[link["participant_id"]], link["role"])
            for link in rows["event_participants"] if link["event_id"] in events}


ROLE_CASES = [  # (what the rule is, text, trigger, (event type, participant, role) of every link)
    ("the_subject_of_a_passive_verb_is_its_target",
     "News\n\nBritish MP John Hartley was mugged by two men in Nairobi on Monday.",
     "mugged", {("ASSAULT", "John Hartley", "target")}),
    ("what_was_received_decides_the_coding_not_the_senders_title",
     "Greetings\n\nKim Jong Un received a message of greeting from Vladimir Putin, president of "
     "Russia, on Sunday.",
     "received", {("SUPPORT", "Kim Jong Un", "target"), ("SUPPORT", "Vladimir Putin", "source")}),
    ("an_arms_sale_approved_targets_the_buyer",
     "Sale\n\nThe U.S. State Department approved the sale of 20 attack helicopters to Poland on "
     "Friday.",
     "approved", {("COOPERATE", "Poland", "target"), ("COOPERATE", "U.S. State Department", "source")}),
    ("an_arrangement_with_a_countrys_military_is_with_that_country",
     "Supply\n\nLast year, the U.S. concluded a \"security of supply arrangement\" with the ROK military.",
     "concluded", {("AGREE", "South Korea", "target"), ("AGREE", "United States", "source")}),
    ("a_meeting_two_parties_held_is_between_them",
     "Talks\n\nThe U.S. and the ROK held a consultative group meeting in Washington on Monday.",
     "held", {("CONSULT", "South Korea", "target"), ("CONSULT", "United States", "source")}),
    ("backing_a_plan_supports_its_owner",
     "Budget\n\nTony Blair has backed Gordon Brown's budget.",
     "backed", {("SUPPORT", "Gordon Brown", "target"), ("SUPPORT", "Tony Blair", "source")}),
    ("a_bare_title_is_its_holder_however_far_back_and_not_the_shadow_holder",
     "Budget\n\nChancellor Gordon Brown presented his budget on Monday. Shadow chancellor Oliver "
     "Letwin said it was wrong. Mr Letwin accused the chancellor of using fancy statistics.",
     "accused", {("ACCUSE", "Gordon Brown", "target"), ("ACCUSE", "Oliver Letwin", "source")}),
    ("joint_drills_of_two_countries_go_from_the_first_to_the_second",
     "Drills\n\nNorth Korea said the launch was to counter U.S. and South Korean military drills.",
     "drills", {("MOBILIZE", "South Korea", "target"), ("MOBILIZE", "United States", "source")}),
    ("rejecting_it_is_aimed_at_the_last_doer_named_before_not_the_last_name",
     "Statement\n\nThe Foreign Ministry of the DPRK expresses regret that NATO slandered the "
     "cooperation while distorting the Ukrainian incident, and resolutely denounces it.",
     "denounces", {("ACCUSE", "Ministry of Foreign Affairs (North Korea)", "source"),
                   ("ACCUSE", "NATO", "target")}),
    ("an_act_named_after_as_is_done_by_the_subject_of_the_clause_into_the_owner_of_the_place",
     "Drones\n\nIf South Korea commits such a provocation as infiltrating a drone into the DPRK's "
     "airspace, the DPRK will respond.",
     "infiltrating", {("MOBILIZE", "North Korea", "target"), ("MOBILIZE", "South Korea", "source")}),
    ("a_fight_against_someone_is_an_assault",
     "News\n\nRussia's army fought against Ukraine near Kharkiv on Monday.",
     "fought", {("ASSAULT", "Russia", "source"), ("ASSAULT", "Ukraine", "target")}),
    ("a_past_tense_verb_coordinated_into_a_subordinate_clause_belongs_to_the_main_subject",
     "Council\n\nThe Security Council said it was vital that North Korea take concrete actions, and "
     "called on all states to implement the sanctions.",
     "called", {("DEMAND", "UN Security Council", "source")}),
    ("a_reception_held_abroad_with_no_guest_named_is_with_the_host_country",
     "Reception\n\nThe DPRK embassy in Moscow hosted a reception on Oct. 5 to mark the anniversary "
     "of diplomatic relations between the DPRK and Russia.",
     "hosted", {("CONSULT", "North Korea", "source"), ("CONSULT", "Russia", "target")}),
    ("a_demand_targets_whoever_its_clause_asks_to_act_and_the_country_means_the_most_named_one",
     "UN\n\nThe United Nations condemned North Korea's firing of a missile over Japan, demanding "
     "that the isolated country halts its weapons programme.",
     "demanding", {("DEMAND", "North Korea", "target"), ("DEMAND", "United Nations", "source")}),
    ("apposed_names_say_who_a_state_is_and_whose_capital_a_city_is",
     "Drones\n\nThe most hostile rogue state, the ROK, committed such a grave provocation as "
     "infiltrating drones into Pyongyang, the capital city of the DPRK.",
     "infiltrating", {("MOBILIZE", "North Korea", "target"), ("MOBILIZE", "South Korea", "source")}),
    ("of_two_subjects_the_one_nearer_the_verb_acts",
     "Statement by spokesman.\n\nAmid the drills, Ulji Freedom Shield, the U.S. Department of State approved the "
     "sale of helicopters to the ROK.",
     "approved", {("COOPERATE", "U.S. State Department", "source"), ("COOPERATE", "South Korea", "target")}),
    ("both_countries_of_a_hyphenated_pair_hold_the_drills",
     "Statement by spokesman.\n\nAmid the ongoing large-scale U.S.-ROK military exercises, the U.S. approved "
     "the sale.",
     "exercises", {("MOBILIZE", "United States", "source"), ("MOBILIZE", "South Korea", "target")}),
]


@pytest.mark.parametrize("text, trigger, roles", [case[1:] for case in ROLE_CASES],
                         ids=[case[0] for case in ROLE_CASES])
def test_sources_and_targets_come_from_the_parse(text, trigger, roles):
    assert _roles(extract(text), trigger) == roles


def test_a_present_tense_verb_coordinated_into_a_subordinate_clause_belongs_to_the_main_subject():
    rows = extract("Statement\n\nThe Foreign Ministry of the DPRK expresses regret that Japan slandered the talks, "
                   "and strongly denounces and rejects it.")
    ministry = "Ministry of Foreign Affairs (North Korea)"
    assert _roles(rows, "denounces") == {("ACCUSE", ministry, "source"), ("ACCUSE", "Japan", "target")}
    assert _roles(rows, "rejects") == {("REJECT", ministry, "source"), ("REJECT", "Japan", "target")}


def test_an_event_noun_carried_out_by_an_agent_has_it_as_source_and_its_date():
    rows = extract("Drones\n\nDrone infiltrations were conducted by the ROK military on October 3.")
    (event,) = [e for e in rows["events"] if e["trigger"] == "infiltrations"]
    assert (event["event_type"], event["event_date"], event["date_source"]) == (
        "MOBILIZE", date(2024, 10, 3), "explicit")
    assert _roles(rows, "infiltrations") == {("MOBILIZE", "South Korea", "source")}


def test_a_statement_in_the_present_tense_is_dated_by_publication_not_by_an_earlier_event():
    rows = extract("Statement\n\nJapan deployed destroyers on October 3. The Foreign Ministry of the DPRK strongly "
                   "denounces Japan.")
    (event,) = [e for e in rows["events"] if e["trigger"] == "denounces"]
    assert (event["event_date"], event["date_source"]) == (date(2024, 10, 14), "publication")


def test_a_headline_event_is_the_bodys_event_of_the_same_verb():
    rows = extract("Tory veteran Meyer dies\n\nSir Anthony Meyer, the Conservative MP, has died at 84.")
    assert [(e["trigger"], e["is_root"]) for e in rows["events"]] == [("died", True)]
    assert _roles(rows, "died") == {("OTHER", "Sir Anthony Meyer", "source")}


def test_a_call_on_someone_to_act_is_a_demand_and_the_act_asked_for_is_theirs_and_hypothetical():
    rows = extract("Talks\n\nThe European Union called on Russia to withdraw its troops.")
    assert _roles(rows, "called") == {("DEMAND", "European Union", "source"), ("DEMAND", "Russia", "target")}
    assert _roles(rows, "withdraw") == {("RETREAT", "Russia", "source")}
    assert [e["modality"] for e in rows["events"] if e["trigger"] == "withdraw"] == ["hypothetical"]


def test_a_visit_in_an_opening_phrase_is_made_by_the_clauses_subject_to_the_country_named():
    rows = extract("Visit\n\nSpeaking during a visit to the Japanese city of Osaka, British Prime Minister Theresa May "
                   "called on China to put more pressure on North Korea.")
    assert _roles(rows, "visit") == {("CONSULT", "Theresa May", "source"), ("CONSULT", "Japan", "target")}
    assert _roles(rows, "called") == {("DEMAND", "Theresa May", "source"), ("DEMAND", "China", "target")}


def test_an_act_a_noun_of_intent_introduces_is_its_owners_and_no_intention_negates_it():
    rows = extract("Statement\n\nNorth Korea said it has no intention to attack South Korea.")
    assert _roles(rows, "attack") == {("ASSAULT", "North Korea", "source"), ("ASSAULT", "South Korea", "target")}
    assert [e["modality"] for e in rows["events"] if e["trigger"] == "attack"] == ["negated"]


def test_an_anniversary_ordinal_is_not_a_day_of_the_month():
    rows = extract("Basket\n\nKim Jong Un received a floral basket from Xi Jinping on the occasion of the 79th "
                   "founding anniversary of the party.")
    (event,) = [e for e in rows["events"] if e["trigger"] == "received"]
    assert (event["event_date"], event["date_text"], event["date_source"]) == (date(2024, 10, 14), None, "publication")


def test_under_a_statement_headline_the_root_is_the_statements_own_act():
    text = ("Statement of DPRK Foreign Ministry\n\nPyongyang, August 22 (KCNA) -- The U.S. staged military drills "
            "with South Korea last week. We strongly denounce the U.S. for the drills.")
    rows = extract(text, datetime(2024, 8, 22, tzinfo=timezone.utc), source="KCNA")
    assert [(e["trigger"], e["event_type"]) for e in rows["events"] if e["is_root"]] == [("denounce", "ACCUSE")]


def test_a_statements_present_tense_acts_are_dated_by_the_day_it_was_issued():
    text = ("Statement\n\nPyongyang, August 23 (KCNA) -- The DPRK Foreign Ministry on Thursday issued a press "
            "statement, which said:\nWe strongly denounce the U.S. arms sales to Taiwan.")
    rows = extract(text, datetime(2024, 8, 23, tzinfo=timezone.utc), source="KCNA")
    (event,) = [e for e in rows["events"] if e["trigger"] == "denounce"]
    assert (event["event_date"], event["date_source"]) == (date(2024, 8, 22), "inherited")


@pytest.mark.parametrize("sentence, trigger", [
    ("Gordon Brown said he had met his golden rule.", "met"),
    ("Chancellor Gordon Brown rallies Labour voters in Gateshead.", "rallies"),
    ("Neither does UKIP have to fight every seat.", "fight"),
    ("North Korea said its military display was met with admiration.", "met"),
    ("Jack McConnell was speaking to more than 100 pupils in Inverness.", "speaking"),
    ("Lord Falconer said the proposals strike a balance between security and liberty.", "strike"),
    ("The Liberal Democrats have demonstrated that they can beat the Conservatives.", "demonstrated"),
    ("Sion Roberts was convicted in 1993 of sending letter bombs in the post.", "sending"),
    ("Labour is aiming to send a message that it will make a difference.", "send"),
    ("Gordon Brown refused to rule out future tax rises.", "refused"),
])
def test_figurative_uses_of_event_verbs_are_not_events(sentence, trigger):
    rows = extract("News\n\n" + sentence)
    assert [e["event_type"] for e in rows["events"] if e["trigger"] == trigger] == []


def test_an_act_told_twice_a_day_apart_is_one_event_with_the_written_date():
    rows = extract("News\n\nJapan condemned North Korea's launch of a ballistic missile over Japan. North Korea "
                   "launched the missile over Japan on Sunday.")
    launches = [e for e in rows["events"] if e["event_type"] == "MOBILIZE"]
    assert [(e["trigger"], e["event_date"], e["date_source"]) for e in launches] == [
        ("launch", date(2024, 10, 13), "relative")]


def test_an_act_told_twice_with_no_written_date_is_one_event_with_the_date_carried_over_not_the_reports():
    rows = extract("News\n\nJapan condemned North Korea's launch of a ballistic missile over Japan. On Sunday, South "
                   "Korea held drills. The launch of the missile by North Korea over Japan was a rare move.")
    launches = [e for e in rows["events"] if e["trigger"] == "launch"]
    assert [(e["event_date"], e["date_source"]) for e in launches] == [(date(2024, 10, 13), "inherited")]


def test_a_peer_in_an_article_whose_parties_are_all_of_one_country_acts_for_it():
    rows = extract("Reform\n\nLord Falconer said the Conservative Party plans were wrong. The Labour Party backed him.")
    assert people(rows) == [("Lord Falconer", None, "GBR")]


def test_in_a_statement_what_another_party_should_do_is_the_authors_demand_not_the_root():
    text = ("Statement of DPRK Foreign Ministry\n\nPyongyang, October 11 (KCNA) -- The ROK should immediately stop "
            "such dangerous provocation. We seriously warn the ROK.")
    rows = extract(text, datetime(2024, 10, 11, tzinfo=timezone.utc), source="KCNA")
    assert _roles(rows, "stop") == {("DEMAND", "North Korea", "source"), ("DEMAND", "South Korea", "target")}
    assert [e["trigger"] for e in rows["events"] if e["is_root"]] == ["warn"]


def test_a_title_after_a_comma_and_a_conjunction_belongs_to_someone_else():
    rows = extract("Tsunami\n\nTony Blair also spoke on the telephone to US President George Bush, and the presidents "
                   "of Sri Lanka and Indonesia.")
    assert people(rows) == [("Tony Blair", None, "GBR"), ("George Bush", "President", "USA")]


def test_a_proverb_in_a_statement_is_no_demand():
    text = ("Statement\n\nPyongyang, October 11 (KCNA) -- He that puts on a public gown must put off a private person.")
    rows = extract(text, datetime(2024, 10, 11, tzinfo=timezone.utc), source="KCNA")
    assert [e["event_type"] for e in rows["events"]] == []


def test_a_bare_surname_the_recognizer_missed_is_the_person_named_in_full():
    text = ("Farm vote next week.\n\nRob Calabrese, a radio host in Cape Breton, Nova Scotia, has set up a website for anyone "
            "seeking refuge.\n\nCalabrese told the National Post he has already received hundreds of emails.")
    (told,) = [q for q in extract(text)["quotes"] if q["cue"] == "tell"]
    assert (told["speaker"], told["speaker_start"]) == ("Rob Calabrese", text.index("Calabrese told"))


def test_a_surname_after_an_honorific_is_the_person_named_in_full_even_where_it_is_also_a_place():
    text = ("Farm panel row\n\nHelen Carter-Jones, a county councillor, has left the farm panel after a row over water "
            "rights.\n\nMs Carter-Jones said the panel had ignored farmers for years. Local MP Brian Kennedy was at the "
            "meeting. Mr Kennedy said the row would not end there.")
    rows = extract(text)
    assert [(q["speaker"], q["speaker_start"]) for q in rows["quotes"]] == [
        ("Helen Carter-Jones", text.index("Carter-Jones said")), ("Brian Kennedy", text.index("Kennedy said"))]
    assert [(p["name"], p["mention_count"]) for p in rows["participants"]] == [
        ("Helen Carter-Jones", 2), ("Brian Kennedy", 2)]


def test_a_company_named_without_its_inc_is_the_company():
    text = ("Chip wars\n\nNorvanta rejected a hostile bid from a rival chipmaker on Monday. The offer undervalues "
            "Norvanta, its board wrote in a letter to shareholders of Norvanta Inc.\n\nNorvanta said in a statement "
            "it had received the new proposal.")
    rows = extract(text)
    (said,) = [q for q in rows["quotes"] if q["cue"] == "say"]
    assert (said["speaker"], said["speaker_start"]) == ("Norvanta Inc.", text.index("Norvanta said"))
    assert [(p["name"], p["kind"], p["mention_count"]) for p in rows["participants"]] == [
        ("Norvanta Inc.", "organization", 4)]


def test_someone_new_doing_the_act_is_not_the_speaker_of_the_sentence():
    rows = extract("Farm vote next week.\n\nU.S. Senator Joshua Freed spoke on Monday. Freed said an airline manager "
                   "apologized to the players.")
    assert _roles(rows, "apologized") == set()


def organizations(rows: dict[str, list[dict]]) -> list[tuple]:
    return [(p["name"], p["country_code"], p["mention_count"]) for p in rows["participants"]
            if p["kind"] == "organization"]


def test_companies_and_associations_the_recognizer_finds_are_organizations_of_no_country():
    rows = extract("Airline says sorry\n\nAmerican Airlines apologized to two basketball players on Tuesday. "
                   "The Muslim Association of Britain (MAB) said the MAB had written to Google.")
    assert organizations(rows) == [("American Airlines", None, 1), ("Muslim Association of Britain", None, 3),
                                   ("Google", None, 1)]
    assert not [p for p in rows["participants"] if p["kind"] == "country"]
    assert _roles(rows, "apologized") == {("SUPPORT", "American Airlines", "source")}


def test_an_arm_of_a_state_or_a_party_acts_for_its_country_and_a_part_of_a_known_body_is_that_body():
    rows = extract("Navy drills\n\nThe U.S. Navy held drills on Monday. The British National Party objected. "
                   "The Central Committee of the Communist Party of China sent a letter.")
    assert organizations(rows) == [("Communist Party of China", "CHN", 1), ("U.S. Navy", "USA", 2),
                                   ("British National Party", "GBR", 1)]


def test_a_capitalized_common_noun_the_article_also_writes_in_lower_case_is_no_organization():
    rows = extract("Budget day\n\nBudget talks ended on Monday. The budget was approved by Parliament.")
    assert [name for name, _, _ in organizations(rows)] == ["Parliament"]


def _root(rows: dict) -> dict:
    """The article's one root event."""
    (root,) = [e for e in rows["events"] if e["is_root"]]
    return root


def _sides(rows: dict, trigger: str) -> list[tuple]:
    """Each event of the trigger as its sorted (role, country) links."""
    countries = {p["participant_id"]: p["country_code"] for p in rows["participants"]}
    return sorted(tuple(sorted((x["role"], countries[x["participant_id"]]) for x in rows["event_participants"]
                               if x["event_id"] == e["event_id"]))
                  for e in rows["events"] if e["trigger"] == trigger)


def test_messages_from_a_list_of_senders_are_one_event_per_sender_and_a_title_down_an_of_chain_is_its_bodys():
    rows = extract("Greetings\n\nKim Jong Un received messages of greeting from the president of the Russian "
                   "Federation, the general secretary of the Central Committee of the Communist Party of Vietnam "
                   "and president of the Socialist Republic of Vietnam, and the president of Cuba on Monday.")
    assert _sides(rows, "received") == [(("source", "CUB"), ("target", "PRK")), (("source", "RUS"), ("target", "PRK")),
                                        (("source", "VNM"), ("target", "PRK"))]


def test_each_country_of_a_compound_actor_does_the_act_but_a_meeting_and_an_act_in_it_stay_one_event():
    rows = extract("Envoys speak out.\n\nChina’s and Russia’s ambassadors to the United Nations said they opposed any "
                   "unilateral sanctions on North Korea. Japan and South Korea condemned North Korea on Monday. "
                   "Japan and South Korea met on Monday.")
    assert _sides(rows, "opposed") == [(("source", "CHN"),), (("source", "RUS"),)]
    assert _sides(rows, "condemned") == [(("source", "JPN"), ("target", "PRK")),
                                         (("source", "KOR"), ("target", "PRK"))]
    assert _sides(rows, "met") == [(("source", "JPN"), ("target", "KOR"))]
    joint = extract("Leaders talk.\n\nJapan and South Korea held a phone call on Monday. Japan and South Korea "
                    "condemned North Korea's launch.")
    assert _sides(joint, "condemned") == [(("source", "JPN"), ("source", "KOR"), ("target", "PRK"))]


def test_a_name_set_apart_as_speaking_for_a_party_is_a_person_of_its_country_even_if_read_as_an_organization():
    rows = extract("Budget row.\n\nVincent Cable, for the Liberal Democrats, called on Gordon Brown to open up the "
                   "government's books. Mr Cable told MPs the plan was sound.")
    cable = [p for p in rows["participants"] if p["name"] == "Vincent Cable"]
    assert [(p["kind"], p["country_code"], p["affiliation"], p["mention_count"]) for p in cable] == [
        ("person", "GBR", "Liberal Democrats", 2)]
    assert _sides(rows, "called") == [(("source", "GBR"), ("target", "GBR"))]


def test_a_legislator_with_no_country_written_sits_in_the_legislature_the_article_names():
    rows = extract("MP robbed in Kenya\n\nJane Holt, the MP for Hexham, was robbed in a park in Nairobi, Kenya, on "
                   "Saturday. She was in Kenya before travelling to Sudan, where she rejoined a House of Commons "
                   "committee.")
    assert [(p["name"], p["country_code"]) for p in rows["participants"] if p["kind"] == "person"] == [
        ("Jane Holt", "GBR")]
    assert _sides(rows, "travelling") == [(("source", "GBR"), ("target", "SDN"))]


def test_what_a_statement_does_not_do_is_dated_by_the_day_it_is_reported():
    rows = extract("UN statement.\n\nThe U.S.-drafted statement, which was agreed by consensus, does not threaten "
                   "new sanctions on North Korea.")
    assert [(e["modality"], e["event_date"], e["date_source"]) for e in rows["events"] if e["trigger"] == "threaten"] \
        == [("negated", date(2024, 10, 14), "publication")]


def test_a_headline_verb_no_coded_event_carries_makes_the_bodys_use_of_it_the_root():
    rows = extract("Maria Lopez and John Carter split after four years\n\nMaria Lopez and John Carter have split after "
                   "almost four years together, blaming long distance. The comedian shared the news on Monday.")
    root = _root(rows)
    assert (root["event_type"], root["trigger"], _roles(rows, "split")) == (
        "OTHER", "split", {("OTHER", "Maria Lopez", "source"), ("OTHER", "John Carter", "source")})


def test_a_verb_that_is_speech_only_with_its_particle_is_a_headline_act_without_it():
    rows = extract("Cruise ship hits bridge on the Rhine\n\nA river cruise ship hit a bridge pylon on the Rhine on "
                   "Sunday, injuring 25 passengers, the police said. The crew was supporting the rescue.")
    assert (_root(rows)["event_type"], _root(rows)["trigger"]) == ("OTHER", "hit")
    assert extract("Lopez hits back at Carter\n\nMaria Lopez hit back at John Carter on Monday, calling his "
                   "remarks unfair.")["events"] == []


def test_police_and_the_airline_are_the_organization_so_named_before_or_after():
    rows = extract("Police probe leaflet\n\nPolice are investigating a leaflet posted to homes. South Wales Police said "
                   "the leaflet was offensive. American Airlines apologized to two players. The airline said it would "
                   "review the matter.")
    assert _roles(rows, "investigating") == {("ACCUSE", "South Wales Police", "source")}
    mentions = {p["name"]: p["mention_count"] for p in rows["participants"] if p["kind"] == "organization"}
    assert mentions == {"South Wales Police": 3, "American Airlines": 2}


def test_members_of_a_national_delegation_are_its_country_and_a_headline_only_name_is_no_person():
    rows = extract("DPRK Premier Meets Russian Delegation\n\nPyongyang, August 28 (KCNA) -- Kim Jong Un met with "
                   "leading members of the Russian expert delegation on Tuesday.")
    assert _roles(rows, "met") == {("CONSULT", "Kim Jong Un", "source"), ("CONSULT", "Russia", "target")}
    assert [p["name"] for p in rows["participants"] if p["kind"] == "person"] == ["Kim Jong Un"]


def test_a_country_word_standing_alone_for_a_company_named_with_it_is_the_company():
    rows = extract("Airline says sorry\n\nAmerican Airlines apologized to two players. American pledged to hire an "
                   "outside firm. The American ambassador praised the move.")
    assert _roles(rows, "pledged") == {("AGREE", "American Airlines", "source")}
    assert organizations(rows) == [("American Airlines", None, 2)]


def test_laws_buildings_and_headline_verbs_are_no_organizations_and_only_state_arms_take_an_unnamed_country():
    rows = extract("North Korea Test-Fires Missiles\n\nMPs voted on the Road Safety Bill at the Nairobi Serena Hotel. "
                   "The Refugee Council and the South Korean Government's envoy spoke. South Korea said police were "
                   "there. Greater Manchester Police arrested a man.")
    assert organizations(rows) == [("Refugee Council", None, 1), ("South Korean Government", "KOR", 1),
                                   ("Greater Manchester Police", "KOR", 2)]


def test_unnamed_protesters_are_the_people_of_the_country_protested_in_against_whom_they_call_and_they():
    rows = extract("Protest in Seoul\n\nPolitics in South Korea is in turmoil. A candlelight rally calling for "
                   "impeaching Yoon Suk Yeol took place in Seoul on Saturday. They condemned Yoon for bringing a "
                   "war crisis.")
    assert _roles(rows, "rally") == {("PROTEST", "South Korea", "source"), ("PROTEST", "Yoon Suk Yeol", "target")}
    assert _roles(rows, "condemned") == {("ACCUSE", "South Korea", "source"), ("ACCUSE", "Yoon Suk Yeol", "target")}
    (rally,) = [e for e in rows["events"] if e["trigger"] == "rally"]
    assert (rally["event_date"], rally["location"]) == (date(2024, 10, 12), "Seoul")


def test_a_country_in_an_appositions_of_phrase_is_whom_the_person_acts_for():
    rows = extract("Envoy speaks\n\nRi Son Gwon, member of the Political Bureau of the Central Committee of the "
                   "Workers' Party of Korea, met the envoy on Tuesday.")
    people = {p["name"]: (p["country_code"], p["affiliation"]) for p in rows["participants"] if p["kind"] == "person"}
    assert people == {"Ri Son Gwon": ("PRK", "Workers' Party of Korea")}


def test_a_courtesy_call_told_in_a_relative_clause_dates_and_places_the_meeting():
    rows = extract("Premier meets envoy\n\nKim Tok Hun, premier of the DPRK, met with Roman Chekushov, vice-minister of "
                   "the Russian Federation, who paid a courtesy call on him at Mansudae Assembly Hall on Tuesday.")
    (meeting,) = [e for e in rows["events"] if e["event_type"] == "CONSULT"]
    assert (meeting["trigger"], meeting["event_date"], meeting["date_source"], meeting["location"]) == (
        "met", date(2024, 10, 8), "relative", "Mansudae Assembly Hall")
    assert _roles(rows, "met") == {("CONSULT", "Kim Tok Hun", "source"), ("CONSULT", "Roman Chekushov", "target")}


def test_in_kcna_korea_is_the_dprk():
    rows = extract("Greetings\n\nThe message said the two peoples fought together for Korea's liberation.", source="KCNA")
    assert [(p["name"], p["country_code"]) for p in rows["participants"] if p["kind"] == "country"] == [
        ("North Korea", "PRK")]


def test_a_noun_modifying_another_is_no_event_and_no_headline_word():
    rows = extract("Voters discuss election concerns\n\nHe has worked as an election strategist. Mr Blair told the "
                   "audience he would win. Last year MAB, which opposed the war in Iraq, urged Muslims not to vote "
                   "for Labour.")
    assert [e["trigger"] for e in rows["events"] if e["trigger"] == "election"] == []
    root = _root(rows)
    assert (root["trigger"], root["location"]) == ("urged", None)


def test_police_and_authorities_no_named_force_stands_for_act_for_the_country_they_are_placed_in():
    rows = extract("Gunman was paranoid\n\nA gunman killed five people in Rancho Tehama, California, on Tuesday. Police "
                   "shot him dead near Corning. Chinese authorities detained a journalist. Securities regulators in "
                   "Texas and Ohio fined a firm.")
    assert _roles(rows, "shot") == {("ASSAULT", "Police (United States)", "source")}
    assert _roles(rows, "detained") == {("COERCE", "Authorities (China)", "source")}
    assert organizations(rows) == [("Police (United States)", "USA", 1), ("Authorities (China)", "CHN", 1),
                                   ("Regulators (United States)", "USA", 1)]


def test_receiving_needs_a_named_receiver_and_what_the_world_should_do_is_only_the_statements_demand():
    rows = extract("Trump warns\n\nDonald Trump said the world had received North Korea's message. The Central "
                   "Committee of the Workers' Party of Korea received a floral basket from the Communist Party of China.")
    assert [e["trigger"] for e in rows["events"]] == ["received"]
    assert _roles(rows, "received") == {("SUPPORT", "Communist Party of China", "source"),
                                        ("SUPPORT", "Workers' Party of Korea", "target")}
    statement = extract("Press Statement of DPRK Foreign Ministry\n\nPyongyang, October 11 (KCNA) -- The international "
                        "community should strongly denounce the bravado of the ROK.", source="KCNA")
    assert [(e["event_type"], e["trigger"]) for e in statement["events"]] == [("DEMAND", "denounce")]


def test_arms_whose_recipient_the_clause_leaves_out_go_to_whom_the_giver_deals_with_in_the_sentence():
    rows = extract("Arms\n\nThe U.S. offered six P-8A planes to South Korea in June and is going to hand over 12 "
                   "helicopters in December.")
    assert _roles(rows, "hand") == {("COOPERATE", "United States", "source"), ("COOPERATE", "South Korea", "target")}
    (hand,) = [e for e in rows["events"] if e["trigger"] == "hand"]
    assert (hand["modality"], hand["event_date"], hand["date_text"]) == ("planned", date(2024, 12, 1), "in December")


def test_calls_to_act_are_demands_of_whoever_would_act_and_discussing_a_matter_with_others_is_a_consultation():
    rows = extract("Sanctions\n\nChina's and Russia's ambassadors to the United Nations said they opposed any unilateral "
                   "sanctions and reiterated calls to halt deployment of a U.S. missile defense system. China was "
                   "discussing the situation with Japan.")
    assert _roles(rows, "calls") == {("DEMAND", "China", "source"), ("DEMAND", "Russia", "source"),
                                     ("DEMAND", "United States", "target")}
    assert _roles(rows, "discussing") == {("CONSULT", "China", "source"), ("CONSULT", "Japan", "target")}


def test_a_thing_named_again_with_a_day_dates_the_act_done_with_it():
    rows = extract("Basket\n\nThe Central Committee of the Workers' Party of Korea received a floral basket from the "
                   "Communist Party of China. The floral basket was conveyed by a councilor on Oct. 9.")
    (received,) = [e for e in rows["events"] if e["trigger"] == "received"]
    assert (received["event_date"], received["date_text"], received["date_source"]) == (
        date(2024, 10, 9), "Oct. 9", "explicit")


def test_a_peninsula_named_after_a_country_is_no_country():
    rows = extract("War\n\nThey accused Yoon of trying to unleash a war on the Korean peninsula.", source="KCNA")
    assert [p["name"] for p in rows["participants"] if p["kind"] == "country"] == []


def test_a_root_with_no_place_happened_where_its_doer_acts_in_the_sentences_after():
    rows = extract("Blair backs budget\n\nTony Blair has backed Chancellor Gordon Brown's report.\n\nIn a speech in "
                   "Edinburgh, the prime minister said the report reinforced stability.")
    root = _root(rows)
    assert (root["trigger"], root["location"], root["location_country_code"]) == ("backed", "Edinburgh", "GBR")
    elsewhere = extract("Blair backs budget\n\nTony Blair has backed Chancellor Gordon Brown's report.\n\nIn a speech in "
                        "Edinburgh, Michael Howard said the report was wrong.")
    root = _root(elsewhere)
    assert root["location"] is None


def test_a_root_the_report_says_happened_here_happened_in_the_datelines_place():
    rows = extract("Basket to WPK\n\nPyongyang, October 10 (KCNA) -- The Central Committee of the Workers' Party of "
                   "Korea received a floral basket from the Central Committee of the Communist Party of China. The "
                   "basket was conveyed by the councilor of the Chinese embassy here on Oct. 9.")
    root = _root(rows)
    assert (root["trigger"], root["location"], root["location_country_code"]) == ("received", "Pyongyang", "PRK")
    abroad = extract("Farewell call\n\nPyongyang, August 11 (KCNA) -- The DPRK ambassador to Equatorial Guinea paid a "
                     "farewell call on the president of Equatorial Guinea on August 8.")
    root = _root(abroad)
    assert (root["trigger"], root["location"]) == ("call", None)  # the dateline is where the report was filed
    quoted = extract("Missile launch\n\nWASHINGTON -- North Korea fired a ballistic missile into the sea on Tuesday. "
                     "\"We are watching it here,\" an official said.")
    root = _root(quoted)
    assert (root["trigger"], root["location"]) == ("fired", None)


def test_an_arrest_or_investigation_with_no_doer_written_is_the_work_of_the_police_named_before():
    rows = extract("Ring busted\n\nSeattle police have been collecting emails for years. In May, six people were "
                   "placed under arrest as part of another investigation into the ring. Later, John Carter was "
                   "arrested. Rebels detained two reporters. Britain vowed investigations.")
    assert [(e["trigger"], _roles(rows, e["trigger"])) for e in rows["events"] if e["event_type"] != "OTHER"] == [
        ("arrest", {("COERCE", "Police (United States)", "source")}),
        ("investigation", {("ACCUSE", "Police (United States)", "source")}),
        ("arrested", {("COERCE", "Police (United States)", "source"), ("COERCE", "John Carter", "target")}),
        ("vowed", {("AGREE", "United Kingdom", "source")})]
    before = extract("Ring busted\n\nSix people were placed under arrest in May. Seattle police declined to comment.")
    assert [(e["trigger"], e["is_root"]) for e in before["events"]] == [("arrest", True)]
    assert _roles(before, "arrest") == set()  # the police are named after it


def test_a_cease_and_desist_order_coerces_and_federal_regulators_act_for_the_united_states():
    rows = extract("Crypto crackdown\n\nEarly last month, securities regulators in Texas issued cease-and-desist orders "
                   "to BitConnect. In January, the Commodity Futures Trading Commission shut down My Big Coin.")
    assert _sides(rows, "orders") == [(("source", "USA"),)]
    assert [(p["name"], p["country_code"]) for p in rows["participants"] if p["name"].startswith("Commodity")] == [
        ("Commodity Futures Trading Commission", "USA")]


def test_who_organized_a_rally_holds_it_and_is_not_its_target():
    rows = extract("Rally in Seoul\n\nA rally organized by the Korean Confederation of Trade Unions took place in Seoul "
                   "on Saturday. KCNA released photos of an explosion.")
    assert _roles(rows, "rally") == {("PROTEST", "Korean Confederation of Trade Unions", "source")}
    assert _roles(rows, "explosion") == set()


def test_a_headline_nouns_owner_is_who_the_root_is_about_and_an_event_during_a_hypothetical_took_place():
    rows = extract("Maria Lopez's halftime show was a flop\n\nConsidering the game was held in Denver, not thanking the "
                   "fans during the halftime show would have been a mistake. The crowd cheered as the band played "
                   "I Would Die 4 U.")
    assert [(e["trigger"], e["is_root"], e["modality"]) for e in rows["events"]] == [("show", True, "asserted")]
    assert _roles(rows, "show") == {("OTHER", "Maria Lopez", "source")}
    later = extract("Labour plans\n\nLabour will review its rules after the next election, Tony Blair said.")
    assert [(e["trigger"], e["modality"]) for e in later["events"]] == [("election", "planned")]


def test_a_relative_clause_on_a_thing_tells_background_with_no_date():
    rows = extract("Crash on set\n\nJohn Carter has said that allowing Maria Lopez to drive a car that "
                   "crashed on the set was a mistake.")
    assert [(e["trigger"], e["event_date"], e["date_source"]) for e in rows["events"]] == [("crashed", None, None)]


def test_hosting_is_a_consultation_only_with_a_guest_or_a_meeting():
    assert [e["event_type"] for e in extract("Super Bowl\n\nThe Super Bowl was hosted in Minneapolis on Sunday.")[
        "events"]] == []
    rows = extract("Visit\n\nJapan hosted Kim Jong Un on Monday. China will host a summit in Beijing.")
    assert [(e["trigger"], e["event_type"]) for e in rows["events"]] == [("hosted", "CONSULT"), ("host", "CONSULT")]
    assert _roles(rows, "hosted") == {("CONSULT", "Japan", "source"), ("CONSULT", "Kim Jong Un", "target")}


def test_what_may_happen_later_has_its_date_expression_but_no_day():
    rows = extract("Missile warning\n\nSeoul warned that North Korea could launch a missile next month.")
    assert [(e["trigger"], e["modality"], e["event_date"], e["date_text"], e["date_source"]) for e in rows["events"]
            if e["trigger"] == "launch"] == [("launch", "hypothetical", None, "next month", None)]


def test_a_missile_that_flew_over_a_country_was_fired_at_it_and_places_keep_their_whole_names_and_owners():
    rows = extract("Launch\n\nNorth Korea on Tuesday fired a ballistic missile that flew over Japan, officials said. "
                   "China opposed Israel's military operations, which continued in the Gaza Strip. The ministers "
                   "met in Sankt-Peterburg of Russia.")
    assert _sides(rows, "fired") == [(("source", "PRK"), ("target", "JPN"))]
    assert [(e["trigger"], e["location"]) for e in rows["events"]] == [("fired", None), ("opposed", "Gaza Strip")]


def test_an_act_feared_has_not_happened():
    rows = extract("Party leaflets\n\nPolice in Swansea are reading the leaflets. The party argues that it should be "
                   "able to debate this without fear of arrest.")
    assert [(e["trigger"], e["modality"]) for e in rows["events"] if e["trigger"] == "arrest"] == [
        ("arrest", "hypothetical")]
    assert _roles(rows, "arrest") == set()


def test_a_thing_that_crashed_is_its_owners_or_its_users():
    rows = extract("Crash\n\nQuentin Tarantino has said allowing Uma Thurman to drive a car that crashed on the set was "
                   "a mistake. Maria Lopez's truck exploded on Monday.")
    assert _roles(rows, "crashed") == {("OTHER", "Uma Thurman", "source")}
    assert _roles(rows, "exploded") == {("OTHER", "Maria Lopez", "source")}


def test_a_relative_clause_on_the_subject_tells_the_doers_past_not_an_event():
    rows = extract("Trump speaks\n\nDonald Trump, who has vowed not to let North Korea develop missiles, said the "
                   "world had heard. Japan, which invaded other countries in the past, is now dumping water.")
    assert [e["trigger"] for e in rows["events"]] == []


def test_a_speech_at_a_meeting_or_pushing_on_sanctions_is_no_act_of_the_speaker():
    rows = extract("Premier speaks\n\nKim Tok Hun, premier of the DPRK, made a speech at the meeting. Hua Chunying "
                   "of China said some sides were carrying out the resolutions by pushing hard on sanctions.")
    assert [e["event_type"] for e in rows["events"]] == ["SANCTION"]  # kept only as the article's root
    assert rows["event_participants"] == []


def test_an_attack_incited_is_not_an_attack_and_a_body_called_by_a_name_is_not_phoned():
    rows = extract("NATO\n\nNATO is openly inciting Ukraine to attacks on the territory of Russia. We watch a war "
                   "monster called NATO.")
    assert [e["trigger"] for e in rows["events"] if e["trigger"] in {"attacks", "called"}] == []


def test_them_warned_are_the_parties_named_before_and_a_coordinated_bare_verb_keeps_the_present_tense():
    rows = extract("Statement of DPRK Foreign Ministry\n\nPyongyang, August 23 (KCNA) -- The DPRK Foreign Ministry on "
                   "Thursday issued a statement. We strongly oppose the U.S. arms buildup and warn them seriously of "
                   "the consequences.", datetime(2024, 8, 23, 9, tzinfo=timezone.utc), source="KCNA")
    assert _roles(rows, "warn") == {("THREATEN", "North Korea", "source"), ("THREATEN", "United States", "target")}
    (warn,) = [e for e in rows["events"] if e["trigger"] == "warn"]
    assert warn["event_date"] == date(2024, 8, 22)


def test_a_resolution_or_complaint_lodged_against_a_party_accuses_it():
    rows = extract("EU\n\nThe European Union submitted again a resolution on human rights against the DPRK to the UN "
                   "General Assembly. Japan filed a complaint against China. Protesters demand the resignation of "
                   "the Yoon group, which is escalating confrontation against the DPRK.")
    assert _roles(rows, "submitted") == {("ACCUSE", "European Union", "source"), ("ACCUSE", "North Korea", "target")}
    assert _roles(rows, "filed") == {("ACCUSE", "Japan", "source"), ("ACCUSE", "China", "target")}
    assert ("DEMAND", "North Korea", "target") not in _roles(rows, "demand")


def test_a_rally_calling_for_an_act_and_the_protesters_they_go_on_demanding_it():
    rows = extract("Protest in Seoul\n\nPolitics in South Korea is in turmoil. A candlelight rally calling for "
                   "impeaching Yoon Suk Yeol took place in Seoul on Saturday. Many people took part. They condemned "
                   "Yoon Suk Yeol. They said the economy was in crisis. And they called for toppling Yoon Suk Yeol.")
    demands = {("DEMAND", "South Korea", "source"), ("DEMAND", "Yoon Suk Yeol", "target")}
    assert _roles(rows, "calling") == demands
    assert _roles(rows, "condemned") == {("ACCUSE", "South Korea", "source"), ("ACCUSE", "Yoon Suk Yeol", "target")}
    assert [e["trigger"] for e in rows["events"] if e["event_type"] == "DEMAND"] == ["calling"]  # "called" is that demand


def test_military_activities_conducted_are_a_mobilization():
    rows = extract("DPRK\n\nThe DPRK will steadily conduct the necessary military activities for self-defence.")
    assert _roles(rows, "activities") == {("MOBILIZE", "North Korea", "source")}
    (event,) = [e for e in rows["events"] if e["trigger"] == "activities"]
    assert (event["mode"], event["modality"]) == ("troops", "planned")


@pytest.mark.parametrize("text, trigger, roles", [
    pytest.param("Gordon Brown has issued a rallying cry to supporters, warning the stakes are too high.", "cry",
                 {("DEMAND", "Gordon Brown", "source")}, id="a rallying cry issued is the issuer's demand"),
    pytest.param("Cha served as deputy head of the U.S. delegation in multilateral talks with North Korea over its "
                 "nuclear program.", "talks",
                 {("CONSULT", "United States", "source"), ("CONSULT", "North Korea", "target")},
                 id="a delegation's talks are its country's, past a possessive pronoun in its phrase"),
    pytest.param("The ROK infiltrated drones into Pyongyang, the capital of the DPRK. Drone infiltrations were "
                 "conducted by the ROK on October 3.", "infiltrations",
                 {("MOBILIZE", "South Korea", "source"), ("MOBILIZE", "North Korea", "target")},
                 id="an act told again without its target has the target named just before"),
    pytest.param("The U.S. and the ROK recently held a consultation group meeting and a nuclear simulation drill.",
                 "drill", {("MOBILIZE", "United States", "source"), ("MOBILIZE", "South Korea", "target")},
                 id="a drill held with a meeting is held by the same two parties"),
    pytest.param("The message said the agreements reached at the recent talks held in Pyongyang would promote "
                 "cooperation between Russia and the DPRK.", "talks",
                 {("CONSULT", "Russia", "source"), ("CONSULT", "North Korea", "target")},
                 id="talks naming no party are between the two the sentence names"),
])
def test_sides_of_an_event(text, trigger, roles):
    assert _roles(extract("News\n\n" + text), trigger) == roles


def test_a_surname_after_an_honorific_is_the_person_even_where_it_is_also_a_country_s_demonym():
    text = ("Farm vote\n\nBob English, a farmer from Iowa, spoke at the meeting on Monday. ''We will win the vote,'' "
            "Mr. English said.")
    rows = extract(text)
    assert [(q["speaker"], q["speaker_start"]) for q in rows["quotes"]] == [("Bob English", text.index("English said"))]
    assert [(p["name"], p["kind"], p["mention_count"], p["country_code"]) for p in rows["participants"]] == [
        ("Bob English", "person", 2, None)]
