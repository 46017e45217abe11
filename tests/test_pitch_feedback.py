"""The feedback checklist: each rule passes and fails where it should, with a helpful message."""

from __future__ import annotations

import pandas as pd
import pytest

from qi_kit import MapError
from qi_kit.pitch import feedback as fb
from qi_kit.pitch.model import Pitch

SPONSOR = dict(leader="Margaret Okafor", leader_title="Chief Nurse", leader_role="sponsor", leader_stance=2,
               leader_authority=5, leader_interest=4)
RESISTOR = dict(leader="Dr James Whitfield", leader_role="resistor", leader_stance=-2, leader_authority=4,
                leader_interest=3)


def words(n: int) -> str:
    return " ".join(["word"] * n)


# --------------------------------------------------------------------------- the ask


def test_no_ask_fails_with_a_helpful_message():
    row = fb.ask_is_explicit(Pitch(**SPONSOR))
    assert (row.rule, row.passed) == ("ask", False)
    assert row.why.startswith("There is no ask yet.")
    assert "be clear about the ask" in row.why
    assert "who does what by when" in row.how_to_improve and "Could you" in row.how_to_improve


def test_an_ask_with_action_who_and_by_when_passes():
    row = fb.ask_is_explicit(Pitch(**SPONSOR, ask="Could you come to our huddle?", ask_by="14 March"))
    assert row.passed
    assert row.why == "Your ask has a who ('you'), a what ('come ... huddle') and a by-when."
    assert row.how_to_improve == ""


def test_a_date_inside_the_ask_counts_as_the_by_when():
    assert fb.ask_is_explicit(Pitch(ask="Could you approve two hours a week from Monday 3 March?")).passed
    assert fb.ask_is_explicit(Pitch(ask="Could you decide at next week's board?")).passed


def test_the_leaders_name_counts_as_the_who_and_verb_endings_are_understood():
    row = fb.ask_is_explicit(Pitch(**SPONSOR, ask="Margaret, would it be possible, approving the rota by Friday?"))
    assert row.passed and "('margaret')" in row.why and "('approving ... rota')" in row.why


def test_support_alone_is_not_an_action():
    row = fb.ask_is_explicit(Pitch(ask="We would value your support.", ask_by="Friday"))
    assert not row.passed
    assert row.why == ("Your ask is missing an action ('support' alone is not something a leader can do).")
    assert row.how_to_improve.startswith("Start with what they will do")


def test_an_action_with_nothing_concrete_to_do_fails():
    row = fb.ask_is_explicit(Pitch(ask="Could you give us your support by Friday?"))
    assert not row.passed
    assert row.why == "Your ask is missing a concrete thing to do ('support' is not one)."
    assert "which meeting, decision, budget" in row.how_to_improve
    assert fb.ask_is_explicit(Pitch(ask="Could you give us two hours of cover by Friday?")).passed


def test_an_ask_without_a_who_fails():
    row = fb.ask_is_explicit(Pitch(ask="Approve the funding by Friday."))
    assert not row.passed and row.why == "Your ask is missing who is to act."
    assert "'Could you ...'" in row.how_to_improve


def test_an_ask_without_a_by_when_fails_and_soon_is_not_a_date():
    row = fb.ask_is_explicit(Pitch(ask="Could you approve the funding?"))
    assert not row.passed and row.why == "Your ask is missing a by-when."
    row = fb.ask_is_explicit(Pitch(ask="Could you approve the funding?", ask_by="Soon."))
    assert not row.passed and "'Soon.' is not a date" in row.why
    assert "By when" in row.how_to_improve


def test_everything_missing_is_listed_at_once():
    row = fb.ask_is_explicit(Pitch(ask="Buy-in from the team."))
    assert row.why == ("Your ask is missing an action ('buy-in' alone is not something a leader can do) "
                       "and who is to act and a by-when.")


# --------------------------------------------------------------------------- the aim, priority, story, number


def test_aim_needs_a_number_and_a_date():
    assert fb.aim_is_measurable(Pitch(aim="Reduce falls with harm by 30% within six months.")).passed
    assert fb.aim_is_measurable(Pitch(aim="By June, 80% of children meet the benchmark.")).passed
    row = fb.aim_is_measurable(Pitch(aim="Reduce falls by 30%."))
    assert not row.passed and row.why == "Your aim does not yet say by when (a date)."
    row = fb.aim_is_measurable(Pitch(aim="Improve falls care."))
    assert row.why == "Your aim does not yet say how much (a number) or by when (a date)."
    row = fb.aim_is_measurable(Pitch())
    assert not row.passed and row.why == "There is no aim yet."


def test_priority_is_named():
    row = fb.priority_is_named(Pitch(priority="The Board's patient-safety priority on falls."))
    assert row.passed and row.why == "You link it to 'The Board's patient-safety priority on falls'."
    row = fb.priority_is_named(Pitch())
    assert not row.passed and "Name the strategy" in row.how_to_improve


STORY = "Last month an 86-year-old woman got up in the night, fell and broke her wrist on the way to the toilet."


def test_a_story_needs_a_person_and_what_happened_not_just_words():
    row = fb.story_is_present(Pitch(story=STORY))
    assert row.passed and row.why.startswith("Your story has a person ('86-year-old') and something that "
                                             "happened ('got'), in 21 words")
    assert not fb.story_is_present(Pitch(story=words(12))).passed  # any 12 words are not a story
    row = fb.story_is_present(Pitch(story="Falls are a big issue and the data are clear on every ward in the division."))
    assert not row.passed and "a person the leader can picture" in row.why and "what happened to them" in row.why
    row = fb.story_is_present(Pitch(story="Mrs K fell."))
    assert not row.passed and row.why.startswith("Your story does not yet have at least 12 words (it has 3)")
    assert "who, what happened, what it meant" in row.how_to_improve
    assert fb.story_is_present(Pitch()).why.startswith("There is no story yet.")
    assert fb.story_is_present(Pitch(story="Her son asked why."), min_words=3).passed


@pytest.mark.parametrize("story, person, event", [
    ("In September Sami hid his reading book every morning.", "his", "hid"),
    ("A nurse noticed the call bell was out of reach.", "nurse", "noticed"),
    ("The data need a closer look.", "", ""),
])
def test_story_person_and_event(story, person, event):
    assert (fb.story_person(story), fb.story_event(story)) == (person, event)


def test_at_least_one_number():
    assert fb.has_a_number(Pitch(evidence="64 falls last year.")).why == "There is a number in your evidence."
    assert fb.has_a_number(Pitch(problem="Half of our falls are at night.")).passed
    assert fb.has_a_number(Pitch(story="It happened twice in one night.")).passed
    row = fb.has_a_number(Pitch(problem="Falls are common.", evidence="Many falls."))
    assert not row.passed and "64 falls last year" in row.how_to_improve


# --------------------------------------------------------------------------- speaking time


def test_speaking_time_at_the_stated_rate():
    assert fb.WORDS_PER_MINUTE == 130
    ok = fb.speaking_time(Pitch(format="elevator", problem=words(130)))
    assert ok.passed and ok.why.startswith("About 1 minute: 130 words at 130 words a minute")
    assert "rule of thumb" in ok.why
    assert ok.check == "It fits the time (elevator pitch: 1 minute)"
    long = fb.speaking_time(Pitch(format="elevator", problem=words(150)))
    assert not long.passed
    assert long.why.endswith("this template fits about 130 words.")
    assert long.how_to_improve.startswith("Cut about 20 words")


def test_speaking_time_depends_on_the_template_and_the_rate():
    p = Pitch(problem=words(150))
    assert fb.speaking_time(p).passed  # SBAR: two minutes
    assert not fb.speaking_time(p.with_answers(format="elevator")).passed
    assert fb.speaking_time(p.with_answers(format="elevator"), words_per_minute=160).passed
    assert fb.TARGET_SECONDS == {"elevator": 60, "problem_aim_ask": 90, "sbar": 120}


def test_speaking_time_of_an_empty_pitch_fails():
    row = fb.speaking_time(Pitch())
    assert not row.passed and row.why == "There is nothing to say yet."


def test_updates_are_not_counted_in_the_elevator_pitch():
    p = Pitch(format="elevator", problem=words(100), updates=words(100))
    assert fb.speaking_time(p).passed
    assert not fb.speaking_time(p.with_answers(format="problem_aim_ask")).passed


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 seconds"), (1, "1 second"), (45, "45 seconds"),
                                               (60, "1 minute"), (80, "1 minute 20 seconds"), (120, "2 minutes")])
def test_duration(seconds, text):
    assert fb.duration(seconds) == text


# --------------------------------------------------------------------------- plain words


def test_plain_words_pass():
    row = fb.plain_words(Pitch(problem="Older patients fall at night on Ward 7B; the NHS counts them."))
    assert row.passed and row.why == "No jargon or unexplained abbreviations found."


def test_jargon_is_flagged_with_a_plainer_alternative():
    row = fb.plain_words(Pitch(problem="Our run-chart shows special cause. Three PDSA cycles went well."))
    assert not row.passed
    assert row.why == "Flagged jargon: run chart, special cause, PDSA."
    assert row.how_to_improve.startswith("Say 'a chart of the numbers week by week' instead of 'run chart'; ")


def test_abbreviations_must_be_spelt_out():
    row = fb.plain_words(Pitch(problem="The HCAs do the night rounds."))
    assert not row.passed and row.why == "Flagged abbreviations not spelt out: HCA."
    assert "healthcare assistants (HCAs)" in row.how_to_improve
    assert fb.plain_words(Pitch(problem="The healthcare assistants (HCAs) do the rounds; HCAs see most falls.")).passed
    assert fb.plain_words(Pitch(problem="The HCA (healthcare assistant) does the rounds.")).passed


def test_the_jargon_and_acronym_lists_can_be_extended():
    p = Pitch(problem="Raise it at the ICU huddle.")
    assert not fb.plain_words(p).passed
    assert fb.plain_words(p, known_acronyms=(*fb.KNOWN_ACRONYMS, "ICU")).passed
    row = fb.plain_words(p, jargon={**fb.JARGON, "huddle": "short team meeting"},
                         known_acronyms=(*fb.KNOWN_ACRONYMS, "ICU"))
    assert not row.passed and row.why == "Flagged jargon: huddle."
    table = fb.pitch_feedback(p, known_acronyms=(*fb.KNOWN_ACRONYMS, "ICU"))
    assert table.loc["plain_words", "passed"]


# --------------------------------------------------------------------------- tailored advice


def test_no_leader_fails_the_tailored_check():
    row = fb.tailored_to_leader(Pitch(ask="Could you come?"))
    assert not row.passed and row.why == "No leader is chosen yet."


CONCERN = "Why does the bundle repeat what our comprehensive geriatric assessment already covers?"


def test_a_resistor_s_stated_concern_must_be_answered_in_its_own_words():
    p = Pitch(**RESISTOR, ask="Could you review the checks by Friday?")
    row = fb.tailored_to_leader(p)
    assert not row.passed
    assert row.check == "It is tailored to Dr James Whitfield (resistor)"
    assert row.why == "For a resistor (stance -2): their concern is not written down yet, so the pitch cannot answer it."
    assert row.how_to_improve.startswith("Write down their concern in their own words")
    said = p.with_answers(questions=CONCERN)
    polite = fb.tailored_to_leader(said.with_answers(their_values="I understand, and I hear your concern."))
    assert not polite.passed and "'I understand' is all they would hear" in polite.why
    generic = fb.tailored_to_leader(said.with_answers(their_values="The bundle is good for patients."))
    assert not generic.passed  # 'bundle' is too general to show an answer
    ok = fb.tailored_to_leader(said.with_answers(
        their_values="You are right that nothing should be done twice: the checks your geriatric assessment "
                     "already covers will come from it."))
    assert ok.passed and "'already', 'assessment', 'covers'" in ok.why
    assert fb.answers_concern(said.with_answers(offer="We will use your assessment.")) == ["assessment"]


def test_a_sponsor_is_asked_for_visible_support():
    p = Pitch(**SPONSOR, ask="Could you approve the budget by Friday?")
    row = fb.tailored_to_leader(p)
    assert not row.passed and "visible support" in row.how_to_improve
    assert fb.tailored_to_leader(p.with_answers(ask="Could you come to the huddle on Monday?")).passed
    chosen = fb.tailored_to_leader(p.with_answers(ask_type="visible support"))  # a dropdown is not enough
    assert not chosen.passed and "choosing 'visible support' in the list is not enough" in chosen.why
    # whole words only: 'significant' is not 'sign'
    assert not fb.tailored_to_leader(p.with_answers(ask="Could you approve a significant sum?")).passed


def test_a_decision_maker_is_asked_for_a_decision():
    p = Pitch(leader="David Reyes", leader_authority=4, leader_stance=1, leader_interest=2,
              ask="Could you come along on Friday?")
    row = fb.tailored_to_leader(p)
    assert row.check.endswith("(decision maker)") and not row.passed
    assert "Their interest is low (2 of 5)" in row.why
    ok = fb.tailored_to_leader(p.with_answers(ask="Could you approve two hours of cover?"))
    assert ok.passed and ok.how_to_improve.startswith("Their interest is low")


def test_partners_bring_others_and_influencers_give_advice():
    champion = Pitch(leader="Hannah", leader_role="champion", leader_stance=2, leader_interest=5)
    assert champion.leader_kind == "partner"
    assert Pitch(leader="Joan", leader_role="patient partner").leader_kind == "partner"
    assert not fb.tailored_to_leader(champion.with_answers(ask="Could you fill in the form?")).passed
    assert fb.tailored_to_leader(champion.with_answers(ask="Could you introduce me to the night team?")).passed
    influencer = Pitch(leader="Rosa", leader_role="influencer", leader_stance=1, leader_interest=4)
    assert not fb.tailored_to_leader(influencer.with_answers(ask="Could you sign the form?")).passed
    assert fb.tailored_to_leader(influencer.with_answers(ask="Could you try it first on nights?")).passed


def test_the_leader_advice_can_be_changed():
    p = Pitch(leader="Pat Lee", leader_authority=1, their_values="Fewer calls at night.")
    strict = {**fb.LEADER_ADVICE, "other": fb.Advice("Mention the rota.", ("their_values",), ("rota",), "",
                                                     "the rota is mentioned.", "the rota is not mentioned.")}
    table = fb.pitch_feedback(p, leader_advice=strict)
    assert not table.loc["tailored", "passed"] and table.loc["tailored", "how_to_improve"] == "Mention the rota."
    assert fb.pitch_feedback(p).loc["tailored", "passed"]


def test_anyone_else_hears_what_is_in_it_for_them():
    p = Pitch(leader="Pat Lee", leader_authority=1, leader_interest=3)
    assert not fb.tailored_to_leader(p).passed
    assert fb.tailored_to_leader(p.with_answers(their_values="Fewer calls at night.")).passed


# --------------------------------------------------------------------------- follow-up


def test_a_two_way_pitch_prepares_their_questions_an_offer_and_a_plan_if_no():
    row = fb.two_way(Pitch())
    assert not row.passed and row.why.startswith("Not yet written: their likely questions and pressures; what you "
                                                 "will take off their plate; what you will do if they say no.")
    full = Pitch(questions="She will ask about extra shifts.", offer="I will draft the board lines.",
                 if_no="Ask for a two-week trial on one bay instead.")
    assert fb.two_way(full).passed
    assert not fb.two_way(full.with_answers(if_no="Try.")).passed  # a word is not a plan


def test_next_step_and_updates():
    assert fb.next_step_and_updates(Pitch(next_step="I will send a summary.", updates="Fortnightly email.")).passed
    row = fb.next_step_and_updates(Pitch(next_step="I will send a summary."))
    assert not row.passed and row.why == "Not yet said: how often you will update them."
    assert "regular updates" in row.how_to_improve


# --------------------------------------------------------------------------- what the map says


def test_map_advice_follows_the_case_stories():
    import qi_kit
    ward = qi_kit.load_case("ward")
    # story.md: Margaret Okafor has authority 5 and 1 advice tie; Rosa Delgado is asked by 17
    assert fb.map_advice(ward, "margaret okafor") == (
        "On your map 1 person goes to Margaret Okafor for advice: their title alone may not carry the change "
        "to the front line. Ask them to act alongside someone people already listen to, such as Rosa Delgado.")
    assert fb.map_advice(ward, "Rosa Delgado").startswith("On your map 17 people go to Rosa Delgado for advice, "
                                                          "more than their title suggests")
    assert fb.map_advice(ward, "Dr James Whitfield") == "On your map 4 people go to Dr James Whitfield for advice."
    school = qi_kit.load_case("school")
    assert fb.map_advice(school, "Maya Thompson").startswith(
        "On your map 7 people go to Maya Thompson for advice: their title and their network both carry weight")
    assert fb.map_advice(school, "Michael Ferraro").startswith("Nobody on your map goes to Michael Ferraro")
    with pytest.raises(MapError, match="Did you mean"):
        fb.map_advice(ward, "Margret Okafor")


# --------------------------------------------------------------------------- the table


def test_pitch_feedback_is_a_table_one_row_per_rule():
    table = fb.pitch_feedback(Pitch())
    assert isinstance(table, pd.DataFrame)
    assert table.index.name == "rule"
    assert table.index.tolist() == ["ask", "aim", "priority", "story", "number", "time", "plain_words",
                                    "tailored", "two_way", "follow_up"]
    assert table.columns.tolist() == ["check", "passed", "why", "how_to_improve", "looks_for"]
    assert (table["looks_for"].str.len() > 20).all()  # every check says what it looks for
    assert table["passed"].dtype == bool
    assert not table["passed"].drop("plain_words").any()
    assert table.equals(fb.pitch_feedback(Pitch()))  # pure: same pitch, same table


def test_pitch_feedback_options_reach_the_rules():
    p = Pitch(story="Her son fell.", format="elevator", problem=words(140))
    assert not fb.pitch_feedback(p).loc["story", "passed"]
    assert fb.pitch_feedback(p, min_story_words=3).loc["story", "passed"]
    assert fb.pitch_feedback(p, words_per_minute=200).loc["time", "passed"]


def test_pitch_feedback_needs_a_pitch():
    with pytest.raises(MapError, match="Feedback needs a Pitch"):
        fb.pitch_feedback({"ask": "x"})  # type: ignore[arg-type]


def test_feedback_summary():
    table = fb.pitch_feedback(Pitch(**SPONSOR))
    summary = fb.feedback_summary(table)
    assert summary.startswith(f"{int(table['passed'].sum())} of 10 checks pass. Start with 'The ask is clear")
    all_pass = table.assign(passed=True)
    assert fb.feedback_summary(all_pass) == "All 10 checks pass. Rehearse it aloud once and time yourself."


# --------------------------------------------------------------------------- the small helpers


@pytest.mark.parametrize(("text", "expected"), [
    ("by 14 March", True), ("14th of March", True), ("Mar 14", True), ("May 3", True), ("Friday", True), ("next week", True),
    ("by the end of the month", True), ("within two weeks", True), ("in 3 months", True), ("by May", True),
    ("May I ask you", False), ("14/03", True), ("Q3", True), ("2027", True), ("by email", False),
    ("soon", False), ("launch day", False),
])
def test_has_time(text, expected):
    assert fb.has_time(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("64 falls", True), ("half of them", True), ("twice a night", True), ("one of them", False), ("many", False),
    ("30%", True), ("at 7:30", True), ("1,200 bed days", True), ("on Ward 7B", False), ("a NEWS2 score", False),
])
def test_has_number(text, expected):
    assert fb.has_number(text) is expected


def test_lists_a_facilitator_can_read():
    assert "approve" in fb.ACTION_VERBS and "support" not in fb.ACTION_VERBS
    assert "support" in fb.VAGUE_ASK_WORDS
    assert all(isinstance(v, str) and v for v in fb.JARGON.values())
    assert set(fb.LEADER_ADVICE) == {"resistor", "sponsor", "partner", "influencer", "decision maker", "other"}
