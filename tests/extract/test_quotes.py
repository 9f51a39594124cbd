"""Quote extraction on short self-written articles: one construction per case, exact spans, speakers and cues."""
from __future__ import annotations

import pytest

from pipelines.extract.quotes import quotation_spans
from tests.extract.test_rules import extract

HEADLINE = "Farm vote next week.\n\n"


def quotes(body: str) -> list[tuple]:
    """(text, kind, speaker, speaker mention, cue, via) of every quote of an article with this body."""
    text = HEADLINE + body
    rows = extract(text)["quotes"]
    assert all(text[q["start_char"]:q["end_char"]] == q["text"] for q in rows)
    return [(q["text"], q["kind"], q["speaker"],
             text[q["speaker_start"]:q["speaker_end"]] if q["speaker_start"] is not None else None, q["cue"], q["via"])
            for q in rows]


@pytest.mark.parametrize("body, expected", [
    ('Maria Lopez said: "We will win the vote."',
     ('"We will win the vote."', "direct", "Maria Lopez", "Maria Lopez", "say", None)),
    ('"We will win the vote," Maria Lopez said on Monday.',
     ('"We will win the vote,"', "direct", "Maria Lopez", "Maria Lopez", "say", None)),
    ("“We will win the vote,” Lopez, the county’s longest-serving mayor and the head of its Farm Bureau by a wide "
     "margin, said on Monday.",
     ("“We will win the vote,”", "direct", None,
      "Lopez, the county’s longest-serving mayor and the head of its Farm Bureau by a wide margin", "say", None)),
    ("“Very good farmer, very good farmer this guy,” Lopez, the county’s longest-serving mayor and the head of its "
     "Farm Bureau by a wide margin after winning the spring primaries, said when Carter asked her a question.",
     ("“Very good farmer, very good farmer this guy,”", "direct", None, "Lopez", "say", None)),
    ("“We will win the vote,” said Maria Lopez, the mayor of Springfield.",
     ("“We will win the vote,”", "direct", "Maria Lopez", "Maria Lopez", "say", None)),
    ('John Carter, the spokesperson, said: "The plan is sound."',
     ('"The plan is sound."', "direct", "John Carter", "John Carter", "say", None)),
    ("Maria Lopez told reporters: “We will win the vote.”",
     ("“We will win the vote.”", "direct", "Maria Lopez", "Maria Lopez", "tell", None)),
])
def test_direct_quote_with_its_speaker_before_after_or_around(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ("Or, as Maria Lopez put it: “The rain is late and the silos are empty.”",
     ("“The rain is late and the silos are empty.”", "direct", "Maria Lopez", "Maria Lopez", "put it", None)),
    ("Maria Lopez thanked the farmers and then boomed, “Today, you proved the county right.”",
     ("“Today, you proved the county right.”", "direct", "Maria Lopez", "Maria Lopez", "boom", None)),
])
def test_a_speaking_phrase_or_any_verb_before_the_comma_that_opens_a_quotation_is_its_cue(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ('"It is about time," exhorted her introducer, actress Jamie Curtis.',
     ('"It is about time,"', "direct", "Jamie Curtis", "Jamie Curtis", "exhort", None)),
    ('As the Rainmakers sang in the 1980s, "They will turn us all into beggars."',
     ('"They will turn us all into beggars."', "direct", "Rainmakers", "Rainmakers", "sing", None)),
    ("A woman in the crowd screamed that the mayor must go.",
     ("that the mayor must go", "indirect", None, "A woman in the crowd", "scream", None)),
])
def test_exhorting_singing_and_screaming_are_cues(body, expected):
    assert quotes(body) == [expected]


def test_a_lower_case_quotation_after_a_participle_cue_and_its_comma_is_a_whole_utterance():
    assert quotes('Maria Lopez offered a retort on Monday, tweeting at him, "you are not just a loser, you are a '
                  'whiner."')[-1] == ('"you are not just a loser, you are a whiner."', "direct", "Maria Lopez",
                                      "Maria Lopez", "tweet", None)


def test_a_short_sentence_after_a_quotation_s_comma_is_its_cue_whatever_the_verb():
    assert quotes("“The county claims that we met in January,” John Carter started. “We had a board meeting,” Maria "
                  "Lopez said.") == [
        ("“The county claims that we met in January,”", "direct", "John Carter", "John Carter", "start", None),
        ("“We had a board meeting,”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


def test_a_verb_right_after_a_quotation_with_its_subject_after_it_is_the_cue():
    assert quotes("“This is fantastic!” beamed Maria Lopez of Springfield, who snapped a photo.") == [
        ("“This is fantastic!”", "direct", "Maria Lopez", "Maria Lopez", "beam", None)]


@pytest.mark.parametrize("body, expected", [
    ("“If she wants to be governor, Maria Lopez should come to Tulsa,” the editorial read.",
     ("“If she wants to be governor, Maria Lopez should come to Tulsa,”", "direct", None, "the editorial", "read",
      None)),
    ("“They know the farm bill is dead,” a voice-over in the new ad states.",
     ("“They know the farm bill is dead,”", "direct", None, "a voice-over in the new ad", "state", None)),
])
def test_a_cue_the_tagger_reads_as_a_noun_after_a_quotation_is_the_cue_of_the_phrase_before_it(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ("Neither man liked the mayor - “Born with a silver spoon in her mouth,” Tom Carter said - but they could not back "
     "Lopez.",
     [("“Born with a silver spoon in her mouth,”", "direct", "Tom Carter", "Tom Carter", "say", None)]),
    ("Maria Lopez suggested Carter had a fondness for strong leaders - “He would have loved the old czar,” Lopez said "
     "twice - and reminded the crowd of the stakes.",
     [("Carter had a fondness for strong leaders", "indirect", "Maria Lopez", "Maria Lopez", "suggest", None),
      ("“He would have loved the old czar,”", "direct", "Maria Lopez", "Lopez", "say", None)]),
])
def test_a_quotation_a_dash_sets_off_is_said_by_the_cue_right_after_it(body, expected):
    assert quotes(body) == expected


def test_a_quotation_after_a_sentence_whose_cue_says_nothing_of_its_own_is_that_cue_s():
    assert quotes("Tom Carter said: “The county will survive the drought.”\n\nMaria Lopez agreed. “The farms cannot "
                  "wait for the rain.”") == [
        ("“The county will survive the drought.”", "direct", "Tom Carter", "Tom Carter", "say", None),
        ("“The farms cannot wait for the rain.”", "direct", "Maria Lopez", "Maria Lopez", "agree", None)]


def test_a_cited_article_s_headline_and_excerpt_are_no_quotes():
    assert quotes('FAREWELL—"The Farm Show to close in December," by Times’ Jane Doe: "The Farm Show, a fair that gave '
                  'an early start to many growers, will close at the end of December."') == []


def test_a_verb_saying_nothing_of_its_own_after_a_question_is_its_cue():
    assert quotes("Maria Lopez said: “The wall is not negotiable.”\n\n“Would the fence be negotiable?” Tom Carter "
                  "pressed. “You know, it happens, right?” Lopez went on, as if she did not hear him.") == [
        ("“The wall is not negotiable.”", "direct", "Maria Lopez", "Maria Lopez", "say", None),
        ("“Would the fence be negotiable?”", "direct", "Tom Carter", "Tom Carter", "press", None),
        ("“You know, it happens, right?”", "direct", "Maria Lopez", "Lopez", "go", None)]


def test_a_question_put_to_someone_is_the_asker_s():
    assert quotes("Maria Lopez was asked by the host John Carter, “Will you win the vote in the county?”") == [
        ("“Will you win the vote in the county?”", "direct", "John Carter", "John Carter", "ask", None)]


def test_the_title_of_the_speaker_between_two_quotations_does_not_end_the_sentence():
    assert quotes("“We will win the vote,” Mr. Carter said, “but not a lot of time is left.”") == [
        ("“We will win the vote,” Mr. Carter said, “but not a lot of time is left.”", "direct", "Carter", "Carter",
         "say", None)]


def test_a_second_cue_between_two_quotations_makes_the_second_a_quote_of_its_own():
    assert quotes("“We will win the vote,” Maria Lopez said, adding, “Nobody can stop us now.”") == [
        ("“We will win the vote,”", "direct", "Maria Lopez", "Maria Lopez", "say", None),
        ("“Nobody can stop us now.”", "direct", "Maria Lopez", "Maria Lopez", "add", None)]


def test_an_attribution_no_longer_than_the_two_quotations_around_it_joins_them():
    body = ("“We will win the vote in every county,” said Maria Lopez, who has run the county farm bureau here. "
            "“Nobody can stop us now.”")
    assert quotes(body) == [(body, "direct", "Maria Lopez", "Maria Lopez", "say", None)]


def test_a_long_attribution_between_two_quotations_leaves_them_two_quotes_of_one_speaker():
    body = ("“We will win,” said Maria Lopez, who has run the county farm bureau for twelve years and chaired three "
            "campaigns before this one, on Monday. “Nobody can stop us.”")
    assert quotes(body) == [("“We will win,”", "direct", "Maria Lopez", "Maria Lopez", "say", None),
                            ("“Nobody can stop us.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


@pytest.mark.parametrize("body, expected", [
    ("The county’s new silos, Maria Lopez said, “are a perfect example of planning” for a dry year.",
     ("The county’s new silos, Maria Lopez said, “are a perfect example of planning” for a dry year", "partial",
      "Maria Lopez", "Maria Lopez", "say", None)),
    ("“Only the farmers,” Maria Lopez said, would vote on a Sunday in harvest time.",
     ("“Only the farmers,” Maria Lopez said, would vote on a Sunday in harvest time", "partial", "Maria Lopez",
      "Maria Lopez", "say", None)),
])
def test_an_attribution_set_between_commas_inside_the_writers_sentence_makes_the_sentence_one_quote(body, expected):
    assert quotes(body) == [expected]


def test_the_title_of_a_show_or_a_book_is_not_a_quote():
    assert quotes("Maria Lopez said: “We will win the vote.”\n\n“The Long Harvest,” her book about the county, "
                  "sold well. Speaking to “Farm Radio This Morning” on Monday, she said little.") == [
        ("“We will win the vote.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


@pytest.mark.parametrize("body, expected", [
    ("“We will win,” Maria Lopez said, showing off the hat of her campaign.",
     ("“We will win,”", "direct", "Maria Lopez", "Maria Lopez", "say", None)),
    ("“Follow us,” Ms. Lopez said, and the boys trailed behind.",
     ("“Follow us,”", "direct", "Lopez", "Lopez", "say", None)),
])
def test_an_attribution_going_on_with_its_own_clause_is_no_aside(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ("“The count is done.” Maria Lopez said.",
     ("“The count is done.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez said, “as long as the rain holds off.”",
     ("“as long as the rain holds off.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)),
    ("“They came for the vote,” Maria Lopez shot back.",
     ("“They came for the vote,”", "direct", "Maria Lopez", "Maria Lopez", "shoot back", None)),
    ("As the Springfield Post reported, “… if the vote were held today, the farmers would win.”",
     ("“… if the vote were held today, the farmers would win.”", "direct", "Springfield Post", "Springfield Post",
      "report", None)),
    ("Maria Lopez told her supporters, “our county is in horrible trouble.”",
     ("“our county is in horrible trouble.”", "direct", "Maria Lopez", "Maria Lopez", "tell", None)),
])
def test_a_cue_after_a_closed_sentence_or_a_lower_case_quotation_after_said(body, expected):
    assert quotes(body) == [expected]


def test_a_quotation_after_a_colon_with_its_own_cue_after_it_is_that_cue_s():
    assert quotes("Soon after the storm, Maria Lopez asserted that the county had lost its farms: “The county is no "
                  "longer the county,” she claimed.") == [
        ("that the county had lost its farms", "indirect", "Maria Lopez", "Maria Lopez", "assert", None),
        ("“The county is no longer the county,”", "direct", "Maria Lopez", "she", "claim", None)]


@pytest.mark.parametrize("body, expected", [
    ("The vote did not surprise the pollster Maria Lopez: “The farmers always vote late.”",
     ("“The farmers always vote late.”", "direct", "Maria Lopez", "Maria Lopez", None, None)),
    ("Maria Lopez addressed the farmers again: “We will win the vote.”",
     ("“We will win the vote.”", "direct", "Maria Lopez", "Maria Lopez", "address", None)),
    ("Late votes matter - Springfield Farm Survey: “The farmers always vote late.”",
     ("“The farmers always vote late.”", "direct", None, "Springfield Farm Survey", None, None)),
    ("From Maria Lopez's blog post: “The farmers always vote late.”",
     ("“The farmers always vote late.”", "direct", "Maria Lopez", "Maria Lopez", None, None)),
    ("Maria Lopez met the farmers, but Tom Carter gave the council a stern warning: \"Sell now or lose the farms.\"",
     ("\"Sell now or lose the farms.\"", "direct", "Tom Carter", "Tom Carter", "give", None)),
])
def test_a_colon_without_a_speech_verb_gives_the_quotation_to_the_name_or_subject_before_it(body, expected):
    assert quotes(body) == [expected]


def test_a_cue_after_a_quotation_of_several_sentences_that_opens_mid_sentence_takes_the_whole_quotation():
    assert quotes("The farm vote “came so early that most farmers did not know the plan. They were still talking "
                  "about the drought,” Carter said.") == [
        ("“came so early that most farmers did not know the plan. They were still talking about the drought,”",
         "direct", None, "Carter", "say", None)]


def test_a_quoted_predicate_coordinated_with_the_cue_belongs_to_the_reported_clause():
    assert quotes('Lopez said that her family "came out of the farm not only broke, but in debt," and "struggled to '
                  'piece together the money for the mortgage."') == [
        ('that her family "came out of the farm not only broke, but in debt," and "struggled to piece together the '
         'money for the mortgage."', "partial", None, "Lopez", "say", None)]


def test_what_a_cue_calls_its_object_is_its_content_even_after_a_clause_before_it():
    assert quotes('For that she drew the ire of the mayor - he called her "weak" and said she had "zero support" '
                  'in the county.')[0] == ('her "weak"', "partial", None, "he", "call", None)


@pytest.mark.parametrize("body, expected", [
    ("Lopez blamed the drought law on “lazy county politicians.”",
     ("the drought law on “lazy county politicians.”", "partial", None, "Lopez", "blame", None)),
    ("Lopez mocked Carter’s bluster about being able to negotiate “a stronger deal” with the county.",
     ("Carter’s bluster about being able to negotiate “a stronger deal” with the county", "partial", None, "Lopez",
      "mock", None)),
])
def test_a_cue_s_object_takes_the_phrase_after_it_that_holds_a_quotation(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ('Lopez said that the council would "try to save the farms" and insisted that her party was "still the first '
     'force in the county."',
     [('that the council would "try to save the farms"', "partial", None, "Lopez", "say", None),
      ('that her party was "still the first force in the county."', "partial", None, "Lopez", "insist", None)]),
    ('Lopez said it was too early to name the winners but added, "I think you all know the results."',
     [("it was too early to name the winners", "indirect", None, "Lopez", "say", None),
      ('"I think you all know the results."', "direct", None, "Lopez", "add", None)]),
])
def test_reported_speech_ends_where_a_second_cue_brings_a_quotation_of_its_own(body, expected):
    assert quotes(body) == expected


def test_a_quotation_interrupted_by_its_attribution_is_one_quote():
    assert quotes('"We will win," Maria Lopez said. "Nobody can stop us now."') == [
        ('"We will win," Maria Lopez said. "Nobody can stop us now."', "direct", "Maria Lopez", "Maria Lopez",
         "say", None)]


def test_a_quotation_over_paragraphs_opens_each_paragraph_and_closes_once():
    assert quotes("Maria Lopez told reporters: “We will win the vote.\n\n“Nobody can stop us now.”\n\n"
                  "The vote is on Friday.") == [
        ("“We will win the vote.\n\n“Nobody can stop us now.”", "direct", "Maria Lopez", "Maria Lopez", "tell", None)]


def test_a_quotation_without_a_cue_continues_the_speaker_before():
    assert quotes("“We will win the vote,” Maria Lopez said.\n\n“Nobody can stop us now, and the polls agree.”") == [
        ("“We will win the vote,”", "direct", "Maria Lopez", "Maria Lopez", "say", None),
        ("“Nobody can stop us now, and the polls agree.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


def test_a_quotation_without_a_cue_continues_the_nearest_speaker_not_an_earlier_unattributed_one():
    body = ("“The farms of this county have fed the state for a hundred years.”\n\n"
            "Maria Lopez told reporters: “We will win the vote.”\n\n“Nobody can stop us now, not even the weather.”")
    assert quotes(body) == [
        ("“The farms of this county have fed the state for a hundred years.”", "direct", None, None, None, None),
        ("“We will win the vote.”", "direct", "Maria Lopez", "Maria Lopez", "tell", None),
        ("“Nobody can stop us now, not even the weather.”", "direct", "Maria Lopez", "Maria Lopez", "tell", None)]


def test_reported_speech_ends_before_a_participle_set_off_at_its_end_whose_doer_is_the_speaker():
    assert quotes("Maria Lopez said that the plan was \"a disaster,\" describing the silos as too small.") == [
        ("that the plan was \"a disaster,\"", "partial", "Maria Lopez", "Maria Lopez", "say", None),
        ("the silos as too small", "indirect", "Maria Lopez", "Maria Lopez", "describe", None)]


@pytest.mark.parametrize("body, expected", [
    ("Maria Lopez told the farmers in Salem on Monday that the drought is “peanuts,” compared to what the county "
     "faced in 1990.",
     ("that the drought is “peanuts,” compared to what the county faced in 1990", "partial", "Maria Lopez",
      "Maria Lopez", "tell", None)),
    ('Her lawyer, Maria Lopez, wrote that such a request was "futile," because if there were more records, the county '
     'now holds them.',
     ('that such a request was "futile," because if there were more records, the county now holds them', "partial",
      "Maria Lopez", "Maria Lopez", "write", None)),
    ('Maria Lopez said her county was watching the race with "bemused interest," and there was a strong current of '
     'opinion online.',
     ('her county was watching the race with "bemused interest," and there was a strong current of opinion online',
      "partial", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez called him “the grownup on the stage” amidst the fight between the three candidates.",
     ("him “the grownup on the stage” amidst the fight between the three candidates", "partial", "Maria Lopez",
      "Maria Lopez", "call", None)),
    ('Maria Lopez described the plan as "a disaster," because the county cannot pay for it.',
     ('the plan as "a disaster," because the county cannot pay for it', "partial", "Maria Lopez", "Maria Lopez",
      "describe", None)),
])
def test_reported_speech_goes_on_past_a_closing_mark_that_makes_the_parse_hang_the_rest_on_the_cue(body, expected):
    assert quotes(body) == [expected]


def test_what_a_cue_calls_its_object_ends_before_a_participle_the_parse_hangs_on_the_quoted_words():
    assert quotes('In a tweet, Maria Lopez called Carter the "ultimate hypocrite," linking to a story about his farm.') \
        == [('Carter the "ultimate hypocrite,"', "partial", "Maria Lopez", "Maria Lopez", "call", "tweet")]


@pytest.mark.parametrize("body, expected", [
    ('Maria Lopez said the county needs "more silos," a plan the farm bureau opposes.',
     ('the county needs "more silos,"', "partial", "Maria Lopez", "Maria Lopez", "say", None)),
    ('Maria Lopez criticized the "Farm Act," a law that cut the grain subsidies.',
     ('the "Farm Act,"', "partial", "Maria Lopez", "Maria Lopez", "criticize", None)),
    ("Maria Lopez said the county backed “self-deportation,” which is harsher than the state plan.",
     ("the county backed “self-deportation,”", "partial", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez said the plan would hurt Tom Carter, who owns the largest farm in the county.",
     ("the plan would hurt Tom Carter", "indirect", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez said that Carter is a “loser,” a “liar” and a “whiner.”",
     ("that Carter is a “loser,” a “liar” and a “whiner.”", "partial", "Maria Lopez", "Maria Lopez", "say", None)),
])
def test_content_ends_before_an_apposition_or_a_which_clause_the_writer_adds_not_one_the_speaker_says(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ('Maria Lopez said that after forty years of waiting, "It is time for the county to act."',
     ('that after forty years of waiting, "It is time for the county to act."', "partial", "Maria Lopez",
      "Maria Lopez", "say", None)),
    ('Maria Lopez said that farmers have two choices: "Sell the grain now or wait for the rain."',
     ('that farmers have two choices: "Sell the grain now or wait for the rain."', "partial", "Maria Lopez",
      "Maria Lopez", "say", None)),
])
def test_a_whole_quotation_inside_a_that_clause_is_part_of_the_reported_clause(body, expected):
    assert quotes(body) == [expected]


@pytest.mark.parametrize("body, expected", [
    ("Maria Lopez thanked the farmers “for their support in my long campaign for the county seat.”",
     ("the farmers “for their support in my long campaign for the county seat.”", "partial", "Maria Lopez",
      "Maria Lopez", "thank", None)),
    ("The silos were full, and the county put out a “bold plan” for the rain.", None),
])
def test_a_long_quotation_in_a_verb_s_object_is_what_the_verb_s_subject_said(body, expected):
    assert quotes(body) == ([expected] if expected else [])


def test_a_quotation_right_after_reported_speech_in_its_sentence_ends_that_speech():
    assert quotes("Maria Lopez said it would be better to sell the grain early, “because the prices will fall.”") == [
        ("it would be better to sell the grain early, “because the prices will fall.”", "partial", "Maria Lopez",
         "Maria Lopez", "say", None)]


def test_a_quotation_right_after_reported_speech_ends_that_speech():
    assert quotes("Maria Lopez said that the farmers must do more to save water. “Nobody will vote for a plan that "
                  "wastes it.”\n\nThe vote is on Friday.") == [
        ("that the farmers must do more to save water. “Nobody will vote for a plan that wastes it.”", "partial",
         "Maria Lopez", "Maria Lopez", "say", None)]


def test_a_quotation_continues_reported_speech_in_the_paragraph_before():
    assert quotes("Maria Lopez said the plan would “hurt the farmers.”\n\n"
                  "“Nobody in this county wants it, and the polls agree.”") == [
        ("the plan would “hurt the farmers.”", "partial", "Maria Lopez", "Maria Lopez", "say", None),
        ("“Nobody in this county wants it, and the polls agree.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


@pytest.mark.parametrize("intro, cue, via", [
    ("Maria Lopez said in a statement:", "say", "statement"),
    ("Maria Lopez released the following statement:", "release", None),
])
def test_a_paragraph_ending_in_a_colon_introduces_the_quotation_below(intro, cue, via):
    assert quotes(intro + "\n\n“The farmers deserve better than this plan.”") == [
        ("“The farmers deserve better than this plan.”", "direct", "Maria Lopez", "Maria Lopez", cue, via)]


@pytest.mark.parametrize("line, expected", [
    ("Maria Lopez: Farmers ‘Deserve Better’ Than This Plan",
     ("Farmers ‘Deserve Better’ Than This Plan", "partial", "Maria Lopez", "Maria Lopez", None, None)),
    ("Maria Lopez: The Vote Is Ours.", ("The Vote Is Ours", "indirect", "Maria Lopez", "Maria Lopez", None, None)),
    ("Maria Lopez on the Farm Vote: ‘We Will Win.’",
     ("‘We Will Win.’", "direct", "Maria Lopez", "Maria Lopez", None, None)),
])
def test_a_line_opened_by_a_name_and_a_colon_is_what_they_said(line, expected):
    text = line + "\n\nThe vote is on Friday."
    rows = extract(text)["quotes"]
    assert [(q["text"], q["kind"], q["speaker"], text[q["speaker_start"]:q["speaker_end"]], q["cue"], q["via"])
            for q in rows] == [expected]


def test_a_headline_name_the_recognizer_missed_is_the_participant_of_that_surname():
    text = "Lopez: ‘The Farmers Deserve Better.’\n\nMaria Lopez, the mayor of Springfield, visited the farm on Monday."
    assert [(q["text"], q["kind"], q["speaker"], text[q["speaker_start"]:q["speaker_end"]])
            for q in extract(text)["quotes"]] == [("‘The Farmers Deserve Better.’", "direct", "Maria Lopez", "Lopez")]


def test_a_line_opened_by_a_word_that_names_no_one_is_not_a_quote():
    assert quotes("Update: The vote is on Friday.\n\nNote: the count starts at noon.") == []


def test_a_quotation_signed_after_a_dash():
    assert quotes("“The farmers deserve better.” ― John Carter") == [
        ("“The farmers deserve better.”", "direct", "John Carter", "John Carter", None, None)]


def test_a_quotation_signed_in_the_paragraph_after_it_is_not_the_speaker_before():
    body = ("“We will win the vote,” John Carter said.\n\n“Nobody can stop the farmers of this county.”\n\n"
            "— Maria Lopez, on the county radio.")
    assert quotes(body) == [("“We will win the vote,”", "direct", "John Carter", "John Carter", "say", None),
                            ("“Nobody can stop the farmers of this county.”", "direct", "Maria Lopez", "Maria Lopez",
                             None, None)]


def test_partial_quotation_inside_reported_speech_is_the_whole_clause():
    assert quotes("Maria Lopez said the plan was \"a disaster\" for farmers in the '90s.") == [
        ("the plan was \"a disaster\" for farmers in the '90s", "partial", "Maria Lopez", "Maria Lopez", "say", None)]


def test_what_someone_called_a_quotation_is_the_quotation_not_the_caller():
    assert quotes("The fight is over whether the farm bureau is what former employees have called a “fraudulent "
                  "scheme” run from the county seat.") == [
        ("a “fraudulent scheme” run from the county seat", "partial", None, "former employees", "call", None)]


@pytest.mark.parametrize("body, expected", [
    ("Maria Lopez said that she liked a good, “honest fight in the county.”",
     ("that she liked a good, “honest fight in the county.”", "partial", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez said the farmers deserve a “fair price” for their corn.",
     ("the farmers deserve a “fair price” for their corn", "partial", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez told reporters that “to win the vote would be helpful. We will do that.”",
     ("that “to win the vote would be helpful. We will do that.”", "partial", "Maria Lopez", "Maria Lopez", "tell",
      None)),
])
def test_a_fragment_is_not_a_quote_of_its_own_and_the_clause_runs_to_its_closing_mark(body, expected):
    assert quotes(body) == [expected]


def test_a_quotation_resumed_in_lower_case_after_its_attribution_is_one_quote():
    assert quotes('"We will win," Maria Lopez said, "and nobody can stop us now."') == [
        ('"We will win," Maria Lopez said, "and nobody can stop us now."', "direct", "Maria Lopez", "Maria Lopez",
         "say", None)]


@pytest.mark.parametrize("body, expected", [
    ("Maria Lopez said that the talks would resume on Monday.",
     ("that the talks would resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "say", None)),
    ("The talks will resume on Monday, according to Maria Lopez.",
     ("The talks will resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "according to", None)),
    ("Maria Lopez endorsed John Carter on Monday.",
     ("John Carter", "indirect", "Maria Lopez", "Maria Lopez", "endorse", None)),
    ("Maria Lopez declined to comment on the vote.",
     ("to comment on the vote", "indirect", "Maria Lopez", "Maria Lopez", "decline", None)),
    ("Maria Lopez called for a recount in the county.",
     ("a recount in the county", "indirect", "Maria Lopez", "Maria Lopez", "call for", None)),
    ("Maria Lopez implied that the talks would resume on Monday.",
     ("that the talks would resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "imply", None)),
    ("Maria Lopez accused John Carter of lying to the farmers.",
     ("John Carter of lying to the farmers", "indirect", "Maria Lopez", "Maria Lopez", "accuse", None)),
    ("Maria Lopez portrayed John Carter as a threat to the farmers.",
     ("John Carter as a threat to the farmers", "indirect", "Maria Lopez", "Maria Lopez", "portray", None)),
    ("Maria Lopez hoped that the talks would resume on Monday.",
     ("that the talks would resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "hope", None)),
    ("Maria Lopez referred to the county's new silos as \"a disaster\" in her speech.",
     ("the county's new silos as \"a disaster\"", "partial", "Maria Lopez", "Maria Lopez", "refer to", "speech")),
    ("Maria Lopez likened John Carter to a fox in the henhouse.",
     ("John Carter to a fox in the henhouse", "indirect", "Maria Lopez", "Maria Lopez", "liken", None)),
    ("LONDON (Reuters) - Maria Lopez said the talks would resume on Monday.",
     ("the talks would resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "say", None)),
    ("Maria Lopez said that the silos were full and that the farmers had sold their grain early.",
     ("that the silos were full and that the farmers had sold their grain early", "indirect", "Maria Lopez",
      "Maria Lopez", "say", None)),
])
def test_indirect_speech_is_the_content_the_cue_governs(body, expected):
    assert quotes(body) == [expected]


def test_a_cue_whose_object_is_only_a_person_reports_nothing():
    assert quotes("John Carter criticized him on Monday. Maria Lopez praised herself and then backed them.") == []


def test_favoring_or_embracing_something_is_not_speech():
    assert quotes("Most farmers favored John Carter in the vote. Maria Lopez embraced her new role on the council.") == []


@pytest.mark.parametrize("body, expected", [
    ("Maria Lopez said through spokesperson John Carter that the talks would resume.",
     ("that the talks would resume", "indirect", "Maria Lopez", "Maria Lopez", "say", "John Carter")),
    ("The talks will resume on Monday, according to a press release from the United Nations.",
     ("The talks will resume on Monday", "indirect", "United Nations", "United Nations", "according to",
      "press release")),
    ("Maria Lopez's office said that the talks would resume on Monday.",
     ("that the talks would resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "say", "office")),
    ('Maria Lopez said the farmers were "angry" about the vote, according to a report in The Springfield Times.',
     ('the farmers were "angry" about the vote', "partial", "Maria Lopez", "Maria Lopez", "say", "report")),
    ('Maria Lopez released a video that said, "We will win the vote in the county."',
     ('"We will win the vote in the county."', "direct", "Maria Lopez", "Maria Lopez", "say", "video")),
    ("Maria Lopez sent out a press release saying that the talks would resume on Monday.",
     ("that the talks would resume on Monday", "indirect", "Maria Lopez", "Maria Lopez", "say", "press release")),
])
def test_speech_delivered_through_a_conduit(body, expected):
    assert quotes(body) == [expected]


def test_according_to_followed_by_a_lone_mark_names_no_speaker_and_does_not_crash():
    assert quotes("The minister said The minister said according to »") == [
        ("The minister said according to »", "indirect", None, "The minister", "say", None)]


def test_an_unclosed_mark_neither_crashes_nor_swallows_the_article():
    assert quotes('Clinton\'s plan don\'t work, Maria Lopez said. "It is broken.\n\n'
                  "The vote is on Friday and everyone in the county knows it.") == [
        ("Clinton's plan don't work", "indirect", "Maria Lopez", "Maria Lopez", "say", None)]


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" and "no".', ['"yes"', '"no"']),
    ("“Straight” and \"curly\" marks", ["“Straight”", '"curly"']),
    ("''Yes,'' he said. ''Now.''", ["''Yes,''", "''Now.''"]),
    ("Clinton's ‘bold plan’ from the '90s don't work", ["‘bold plan’"]),
    ("Voters’ views and the ’90s", []),
    ("“Unclosed at the end.\n\nNext paragraph “closed” here.", ["“closed”"]),
    ("“One.\n\n“Two.”", ["“One.\n\n“Two.”"]),
    ('A lone " mark', []),
    ("“Curly opens, straight closes,\" she said. “Again.”", ["“Curly opens, straight closes,\"", "“Again.”"]),
    ("Print “turned the closer around.“ Then “this.”", ["“turned the closer around.“", "“this.”"]),
    ("“One opens.\n\nNo mark here.\n\n“Another opens.”", ["“Another opens.”"]),
    ("''We call it 'old-school,''' Lopez said. ''Now.''", ["''We call it 'old-school,'''", "''Now.''"]),
    ("Lopez said, '''Tis the season,' they sing,'' and left.", ["'''Tis the season,' they sing,''"]),
    ("Fans wrote back.\n\n\u202a”Ban the tractors,” wrote Dahl. It ends”", ["”Ban the tractors,”"]),
    ("Dahl wrote back.\n\n” … and so it ends,” she said.", ["” … and so it ends,”"]),
    ("Dahl said “those on the “list” will vote” and “soon.”", ["“those on the “list” will vote”", "“soon.”"]),
    ("Dahl said “those on the “list” will vote.", ["“list”"]),
    ('"Written “in a time of crisis,” the plan is short.\n\n"It has two parts."', [
        '"Written “in a time of crisis,” the plan is short.\n\n"It has two parts."']),
    ('A stray " mark, then “a real quote” here.', ["“a real quote”"]),
])
def test_quotation_marks_pair_and_apostrophes_are_not_marks(text, expected):
    assert [text[s:e] for s, e in quotation_spans(text)] == expected


def test_the_name_before_an_aside_speaks_where_the_parse_gives_the_cue_no_subject():
    body = ("The vote came up on Friday after Maria Lopez, asked about the seed prices of John Carter, had said, "
            "“We will win the vote.”")
    assert [q for q in quotes(body) if q[1] == "direct"] == [
        ("“We will win the vote.”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


def test_a_cue_without_a_subject_opening_a_sentence_keeps_the_speaker_before():
    assert quotes("“The vote will be close,” Maria Lopez said on Monday. Adding, “Now, like with all county votes, "
                  "what they do is never that bad.”") == [
        ("“The vote will be close,”", "direct", "Maria Lopez", "Maria Lopez", "say", None),
        ("“Now, like with all county votes, what they do is never that bad.”", "direct", "Maria Lopez", "Maria Lopez",
         "add", None)]


def test_a_quotation_after_a_colon_with_its_own_cue_after_it_is_not_taken_into_the_clause_before():
    assert quotes('In her speech, Maria Lopez stressed the need for hard work, courage and luck: "Build the barn and '
                  'when the barn is full, build another one," she said.') == [
        ('"Build the barn and when the barn is full, build another one,"', "direct", "Maria Lopez", "she", "say",
         None)]


def test_the_speaker_is_not_someone_a_relative_clause_names_but_is_who_a_document_is_released_by():
    assert quotes("John Carter, the county treasurer, opened the meeting. A woman who has accused John Carter of "
                  "fraud said the audit would clear her name. A report released by the Farm Bureau found that the "
                  "silos were full.") == [
        ("John Carter of fraud", "indirect", None, "who", "accuse", None),
        ("the audit would clear her name", "indirect", None, "A woman who has accused John Carter of fraud", "say",
         None),
        ("that the silos were full", "indirect", "Farm Bureau", "Farm Bureau", "find", None)]


def test_a_person_named_in_the_subject_speaks_rather_than_the_organization_they_work_for():
    assert quotes("Maria Lopez joined the World Bank last year. The World Bank’s chief economist, Maria Lopez, noted "
                  "that growth had slowed.") == [
        ("that growth had slowed", "indirect", "Maria Lopez", "Maria Lopez", "note", None)]


def test_a_trailing_speaker_reports_a_clause_whose_own_verb_says_nothing():
    assert quotes('Maria Lopez plans to build a new silo for the "hard-working families of the county," John Carter '
                  'said on Monday.') == [
        ('Maria Lopez plans to build a new silo for the "hard-working families of the county,"', "partial",
         "John Carter", "John Carter", "say", None)]


def test_the_content_clause_after_the_cue_wins_over_one_the_parse_hangs_on_it_from_before():
    assert quotes("In a note published soon after the Iowa governor ended her bid for the nomination, Maria Lopez said "
                  "she’s sure Carter will stay “a voice for the farmers of the valley.”") == [
        ("she’s sure Carter will stay “a voice for the farmers of the valley.”", "partial", "Maria Lopez",
         "Maria Lopez", "say", None)]


def test_a_trailing_speaker_who_is_not_reporting_says_the_whole_clause():
    assert quotes("Maria Lopez promised to open the new silo before the harvest, John Carter said on Monday.") == [
        ("Maria Lopez promised to open the new silo before the harvest", "indirect", "John Carter", "John Carter",
         "say", None)]


def test_a_participle_after_a_trailing_cue_is_the_speaker_s_not_the_quotation_s():
    assert quotes('"Too much debt," Lopez said, blaming some of it on the county board.') == [
        ('"Too much debt,"', "direct", None, "Lopez", "say", None),
        ("some of it", "indirect", None, "Lopez", "blame", None)]


def test_any_verb_whose_subject_follows_a_quotation_s_comma_is_its_cue():
    assert quotes('"We lost the vote by nine," the county’s longest-serving mayor scoffed at the board on Monday.') == [
        ('"We lost the vote by nine,"', "direct", None, "the county’s longest-serving mayor", "scoff", None)]


@pytest.mark.parametrize("body, expected", [
    ('As Maria Lopez noted on Monday, the silos are "nearly empty."',
     ('the silos are "nearly empty."', "partial", "Maria Lopez", "Maria Lopez", "note", None)),
    ("The harvest is late, as John Carter pointed out.",
     ("The harvest is late", "indirect", "John Carter", "John Carter", "point out", None)),
    ("As John Carter put it, the harvest is late.",
     ("the harvest is late", "indirect", "John Carter", "John Carter", "put it", None)),
])
def test_an_as_clause_attributes_the_sentence_it_stands_in(body, expected):
    assert quotes(body) == [expected]


def test_an_as_clause_of_time_or_with_an_object_attributes_nothing():
    assert quotes('The board voted, as the crowd cheered. The plan is a moral one, as he laments a "throwaway '
                  'culture" in the county.') == [('a "throwaway culture"', "partial", None, "he", "lament", None)]


def test_a_cue_after_an_earlier_quotation_in_its_sentence_takes_the_subject_before_that_quotation():
    assert quotes("Maria Lopez needled the county “experts,” saying, “An expert who has never grown wheat!”") == [
        ("“An expert who has never grown wheat!”", "direct", "Maria Lopez", "Maria Lopez", "say", None)]


def test_a_cue_without_a_subject_takes_the_speaker_of_the_reported_speech_before_it():
    assert quotes("Earlier, Maria Lopez said of the drought that the harvest “was not good.” Adding, “Now, like with "
                  "every dry year, the silos are empty.”") == [
        ("that the harvest “was not good.”", "partial", "Maria Lopez", "Maria Lopez", "say", None),
        ("“Now, like with every dry year, the silos are empty.”", "direct", "Maria Lopez", "Maria Lopez", "add", None)]


def test_an_aside_attribution_s_sentence_ends_before_the_next_quotation_s_opening_mark():
    assert quotes("Time, Maria Lopez added, was on the farmers’ side. ''It's early, for heaven's sake,'' she said.") == [
        ("Time, Maria Lopez added, was on the farmers’ side", "indirect", "Maria Lopez", "Maria Lopez", "add", None),
        ("''It's early, for heaven's sake,''", "direct", "Maria Lopez", "she", "say", None)]


def test_a_name_the_tagger_takes_for_common_nouns_speaks_the_quotation_after_its_colon():
    assert quotes("The county budget is particularly problematic - Pew Research: “All the silos we counted hold less "
                  "grain than the county says they should. The gap was very large.”") == [
        ("“All the silos we counted hold less grain than the county says they should. The gap was very large.”",
         "direct", None, "Pew Research", None, None)]


def test_a_headline_opened_by_a_name_and_a_colon_around_a_quotation_is_that_name_s_quote():
    assert quotes("Doe: Farmers ‘Waving The Flag Of Surrender’ To The Board\n\nThe board meets next week.") == [
        ("Farmers ‘Waving The Flag Of Surrender’ To The Board", "partial", None, "Doe", None, None)]


def test_a_long_line_opened_by_a_word_and_a_colon_is_no_headline_quote():
    assert quotes("CORRECTION: An article on Monday about the county board misstated the number of silos it counted "
                  "in the spring, which the board ''counted every year'' and found to be forty, not fourteen.") == []


def test_a_quotation_after_a_colon_is_said_by_the_subject_before_it_where_the_parse_hangs_that_clause_on_it():
    assert quotes('Maria Lopez has since apologized for what happened: "Yes, I should have counted the silos twice. '
                  'Not doing so was a mistake."') == [
        ('"Yes, I should have counted the silos twice. Not doing so was a mistake."', "direct", "Maria Lopez",
         "Maria Lopez", "apologize for", None)]


def test_a_second_object_after_a_quotation_that_ends_the_first_is_part_of_the_content():
    assert quotes('Lopez called the Indiana governor "the most extreme pick in a generation" and someone who had '
                  '"threatened the farms" by signing the law.') == [
        ('the Indiana governor "the most extreme pick in a generation" and someone who had "threatened the farms" by '
         "signing the law", "partial", None, "Lopez", "call", None)]


def test_an_according_to_aside_inside_a_sentence_attributes_the_whole_sentence():
    assert quotes('The county, according to Maria Lopez, has "no money left" for the silos.') == [
        ('The county, according to Maria Lopez, has "no money left" for the silos', "partial", "Maria Lopez",
         "Maria Lopez", "according to", None)]


def test_a_cue_in_an_infinitive_is_said_by_the_person_the_verb_before_it_acts_on():
    assert quotes("Maria Lopez won the county vote by 16 points. The result led her to declare that the farm bill "
                  "was “within reach.”") == [
        ("that the farm bill was “within reach.”", "partial", "Maria Lopez", "her", "declare", None)]


def test_a_surname_the_tagger_takes_for_a_plural_noun_still_names_the_speaker():
    assert quotes("Tove Dahl has 31 endorsements in the council, where her rival Jonas Sanders sits. Sanders, "
                  'meanwhile, who has no such endorsements, said the count shows who is "ready to take on the '
                  'establishment."') == [
        ('the count shows who is "ready to take on the establishment."', "partial", "Jonas Sanders", "Sanders",
         "say", None)]


@pytest.mark.parametrize("body, expected", [
    ("Lopez said three taxes were put off in the deal, costing the county $35 million, “which sounds like a lot of "
     "money but is not.”", "three taxes were put off in the deal, costing the county $35 million, “which sounds like "
     "a lot of money but is not.”"),
    ('Lopez said that 20% of the vote in a district is enough for a seat, which means Dahl "can do a lot of damage" '
     "in the north.", 'that 20% of the vote in a district is enough for a seat, which means Dahl "can do a lot of '
     'damage" in the north'),
])
def test_a_trailing_clause_that_holds_the_only_quotation_stays_in_the_content(body, expected):
    assert quotes(body) == [(expected, "partial", None, "Lopez", "say", None)]


def test_a_second_clause_the_parse_splits_from_the_first_without_a_subject_is_part_of_the_content():
    assert quotes("The actress explained why being cast as such is actually a “backhanded compliment.”") == [
        ("why being cast as such is actually a “backhanded compliment.”", "partial", None, "The actress", "explain",
         None)]


def test_a_paragraph_a_mark_opens_and_a_signature_line_closes_is_the_signer_s_quote():
    assert quotes('Economists were split on the bill.\n\n"We will enter the next slump without the tools we need to '
                  'fight it.\nMaria Lopez, Farm Policy Institute."\n\nThe vote is on Monday.') == [
        ('"We will enter the next slump without the tools we need to fight it.', "direct", "Maria Lopez",
         "Maria Lopez", None, None)]


def test_transcript_lines_take_a_party_in_brackets_and_a_quotation_right_after_the_colon():
    assert quotes('The hearing ran long.\n\nRep. Jane Doe (D-Ore.):"Who told you that the silos were safe? Who told '
                  'you that?"\n\nLopez:"The county did."') == [
        ('"Who told you that the silos were safe? Who told you that?"', "direct", "Jane Doe", "Jane Doe", None, None),
        ('"The county did."', "direct", None, "Lopez", None, None)]


@pytest.mark.parametrize("body, expected", [
    ('Here is what she claimed.\n\n"[Farmers are] worried about the silos, and almost all new money is going to the '
     'towns."\n\n- Maria Lopez.', [('"[Farmers are] worried about the silos, and almost all new money is going to the '
                                   'towns."', "direct", "Maria Lopez", "Maria Lopez", None, None)]),
    ("“There is a fund for the silos,” Dahl said. “(Lopez) has the values I like.”",
     [("“There is a fund for the silos,” Dahl said. “(Lopez) has the values I like.”", "direct", None, "Dahl", "say",
       None)]),
])
def test_a_quotation_opening_with_an_editor_s_bracket_opens_a_sentence(body, expected):
    assert quotes(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Maria Lopez spoke first. The hearing turned to her claim that she “never sent a single letter” to the county.",
     [("that she “never sent a single letter” to the county", "partial", "Maria Lopez", "her", "claim", None)]),
    ("Dahl's warning that the silos would fail went unheeded.",
     [("that the silos would fail", "indirect", None, "Dahl", "warning", None)]),
    ("But Maria Lopez’s main claim is that the county is a “witch hunt” run to “get” the farmers.",
     [("that the county is a “witch hunt” run to “get” the farmers", "partial", "Maria Lopez", "Maria Lopez", "claim",
       None)]),
    ("Dahl's promise to stay \"neutral\" in the talks has worried the growers.",
     [('to stay "neutral" in the talks', "partial", None, "Dahl", "promise", None)]),
    ("The claim by Maria Lopez that the county was “out of money” drew jeers.",
     [("that the county was “out of money”", "partial", "Maria Lopez", "Maria Lopez", "claim", None)]),
])
def test_the_that_clause_of_a_speech_noun_is_said_by_its_owner(body, expected):
    assert quotes(body) == expected


def test_according_to_after_a_quotation_is_the_cue_according_to():
    assert quotes("“The silos are full to the brim,” according to a court document filed by the county.") == [
        ("“The silos are full to the brim,”", "direct", None, "a court document filed by the county", "according to",
         None)]


def test_a_noun_before_a_finite_verb_the_parse_hangs_on_it_is_that_verb_s_speaker():
    assert quotes("Some in the crowd booed, and when Lopez thanked Bergen and said it was great to be home, a man "
                  "yelled “Stay there!”") == [
        ("it was great to be home", "indirect", None, "Lopez", "say", None),
        ("“Stay there!”", "direct", None, "a man", "yell", None)]


@pytest.mark.parametrize("body, expected", [
    ("Lopez called Dahl a “clown” on her radio show.", ("Dahl a “clown”", "partial", None, "Lopez", "call", None)),
    ("Lopez called the vote “a farce” in a tweet.", ("the vote “a farce”", "partial", None, "Lopez", "call", "tweet")),
    ("Lopez called the vote “rigged” in a tweet on Tuesday.",
     ("the vote “rigged”", "partial", None, "Lopez", "call", None)),
])
def test_where_a_quote_was_said_after_its_closing_mark_is_not_content(body, expected):
    assert quotes(body) == [expected]


def test_a_content_the_parse_cuts_inside_the_quotation_it_opens_keeps_the_whole_quotation():
    assert quotes("It was a plan which Lopez called “a farce from start to end.”") == [
        ("“a farce from start to end.”", "direct", "Lopez", "Lopez", "call", None)]


@pytest.mark.parametrize("body", [
    'The rejection of the treaty signals "the beginning of the end" for the union, Geert Wilders said.',
    'The rejection of the treaty signals "the beginning of the end" for the union, said Geert Wilders, founder of the '
    "Dutch Party for Freedom.",
])
def test_a_sentence_ending_in_its_speaker_and_cue_is_the_content_where_the_parse_finds_no_clause(body):
    assert quotes(body) == [('The rejection of the treaty signals "the beginning of the end" for the union', "partial",
                             "Geert Wilders", "Geert Wilders", "say", None)]
