"""The templates: the same answers render into SBAR, problem-aim-ask and the elevator pitch,
as plain text, Markdown, escaped HTML, an email and take-home files."""

from __future__ import annotations

import html
import re

import pytest

from qi_kit.pitch import templates as t
from qi_kit.pitch.feedback import pitch_feedback
from qi_kit.pitch.model import ANSWER_FIELDS, FORMATS, Pitch

XSS = "<img src=x onerror=alert(1)>"

#: a distinct token per answer, so each can be found in the output
TOKENS = {field: f"Token{field.replace('_', '')}" for field in ANSWER_FIELDS}


def tokened(**extra) -> Pitch:
    return Pitch(leader="Margaret Okafor", leader_title="Chief Nurse", leader_role="sponsor",
                 leader_stance=2, leader_authority=5, leader_interest=4, **{**TOKENS, **extra})


def spoken_fields(format: str) -> set[str]:
    return {field for _, parts in t.LAYOUTS[format] for _, field in parts}


@pytest.mark.parametrize(("format", "headings"), [
    ("sbar", ["Situation", "Background", "Assessment", "Recommendation"]),
    ("problem_aim_ask", ["Problem", "Aim", "Ask"]),
    ("elevator", ["Your 60-second pitch"]),
])
def test_each_template_has_its_sections(format, headings):
    assert [s.heading for s in t.pitch_sections(tokened(), format=format)] == headings


def test_every_template_shows_the_case_the_ask_and_the_follow_up():
    for format in FORMATS:
        fields = spoken_fields(format)
        assert {"problem", "aim", "priority", "story", "evidence", "their_values", "ask", "ask_by",
                "next_step"} <= fields, format
    # cadence of updates is agreed in a briefing, not squeezed into a minute
    assert "updates" in spoken_fields("sbar") and "updates" in spoken_fields("problem_aim_ask")
    assert "updates" not in spoken_fields("elevator")


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("render", [t.render_text, t.render_markdown, t.render_html, t.render_email])
def test_the_same_answers_render_into_each_template(format, render):
    out = render(tokened(), format=format)
    for field in spoken_fields(format):
        assert TOKENS[field] in out, (format, render.__name__, field)
    assert "Margaret" in out


def test_the_pitch_format_is_the_default_and_can_be_overridden():
    p = tokened(format="elevator")
    assert "60-second elevator pitch" in t.render_text(p)
    assert "SBAR" in t.render_text(p, format="sbar")
    assert "SBAR" not in t.render_text(p)


def test_sbar_tells_the_story_before_the_numbers_and_ends_with_the_ask():
    text = t.render_text(tokened(), format="sbar")
    order = [text.index(TOKENS[f]) for f in ("problem", "story", "evidence", "priority", "aim",
                                               "their_values", "ask", "ask_by", "next_step", "updates")]
    assert order == sorted(order)


def test_the_elevator_pitch_opens_with_the_story_and_has_no_labels():
    p = tokened(ask_by="14 March")
    text = t.render_text(p, format="elevator")
    body = text.split("--------------------\n", 1)[1]
    assert body.startswith(TOKENS["story"])
    assert "The ask:" not in text and "I would need this by 14 March." in text


def test_labelled_templates_name_each_part_and_the_kind_of_ask():
    text = t.render_text(tokened(ask_type="visible support"), format="problem_aim_ask")
    assert f"The ask (visible support): {TOKENS['ask']}" in text
    assert f"Our aim: {TOKENS['aim']}" in text


def test_blank_answers_show_what_is_still_to_write():
    p = Pitch(ask="Could you come?")
    text = t.render_text(p)
    assert "The problem: [still to write: the problem]" in text
    assert "[still to write: the ask]" not in text
    bare = t.render_text(p, placeholders=False)
    assert "still to write" not in bare and "Could you come?" in bare
    assert "Pitch to a leader (choose the leader first)" in text


@pytest.mark.parametrize(("typed", "phrase"), [
    ("14 March", "by 14 March"), ("by Friday", "by Friday"), ("before the May board", "before the May board"),
    ("next week.", "next week"), ("end of June", "end of June"), ("", ""),
])
def test_by_when_phrase(typed, phrase):
    assert t.by_when_phrase(typed) == phrase


def test_spoken_text_has_only_the_answers():
    p = Pitch(problem="Falls at night.", ask="Could you come?", ask_by="Friday", updates="Weekly.")
    assert t.spoken_text(p) == "Falls at night.\nCould you come?\nFriday\nWeekly."
    assert t.spoken_text(p, format="elevator") == "Falls at night.\nCould you come?\nI would need this by Friday."
    assert t.word_count("Come to the 7:30 huddle on 7B") == 7
    assert t.word_count("") == 0


def test_html_escapes_every_thing_a_participant_typed():
    p = Pitch(leader=XSS, leader_title=XSS, ask_type=XSS, **{f: XSS for f in ANSWER_FIELDS if f != "ask_type"})
    for format in FORMATS:
        out = t.render_html(p, format=format)
        assert "<img" not in out
        assert html.escape(XSS) in out
    table = pitch_feedback(p)
    assert "<img" not in t.checklist_html(table)
    page = t.pitch_exports(p, table)["html"]
    assert "<img" not in page and "onerror=alert(1)&gt;" in page


def test_markdown_escapes_markup_so_it_shows_as_text():
    p = Pitch(leader=XSS, ask="[click](javascript:alert(1)) *now* <b>")
    out = t.render_markdown(p)
    assert "\\<img src=x onerror=alert(1)\\>" in out
    assert "\\[click\\](javascript:alert(1)) \\*now\\* \\<b\\>" in out
    assert re.search(r"(?<!\\)<img", out) is None
    assert "\\<img" in t.checklist_markdown(pitch_feedback(p))


def test_multi_line_answers_keep_their_lines():
    p = Pitch(story="First line.\nSecond line.")
    assert "First line.<br>Second line." in t.render_html(p)
    assert "First line.  \nSecond line." in t.render_markdown(p)


@pytest.mark.parametrize(("leader", "greeting"), [
    ("Margaret Okafor", "Dear Margaret,"), ("Dr James Whitfield", "Dear Dr Whitfield,"),
    ("Prof. Ada Byron King", "Dear Prof. King,"), ("Rosa", "Dear Rosa,"), ("", "Hello,"),
])
def test_salutation(leader, greeting):
    assert t.salutation(Pitch(leader=leader)) == greeting


def test_the_email_leads_with_the_ask_and_is_signed():
    p = tokened(ask="Could you come to the huddle on Monday? It takes ten minutes.",
                presenter="Hannah Price, QI Lead")
    email = t.render_email(p)
    assert email.startswith("Subject: Could you come to the huddle on Monday?\n\nDear Margaret,\n")
    assert email.rstrip().endswith("Best wishes,\nHannah Price, QI Lead")
    long = t.email_subject(Pitch(ask="Could you " + "really " * 30 + "come?"))
    assert long.endswith("really come?") and "…" not in long  # the whole first sentence, never cut
    late = t.email_subject(Pitch(ask="Could you come to our 11 p.m. huddle on Monday? Dr. Rahman will be there."))
    assert late == "Could you come to our 11 p.m. huddle on Monday?"
    assert t.email_subject(Pitch()) == "A request"


def test_the_email_never_carries_the_preparation_notes():
    p = tokened(ask="Could you come on Monday?", questions="She will ask about SECRET-QUESTIONS.",
                if_no="Go round her: SECRET-PLAN-B.", offer="I will write the board lines.")
    email = t.render_email(p)
    assert "SECRET" not in email and "I will write the board lines." in email
    for page in (t.render_text(p), t.render_markdown(p), t.render_html(p)):
        assert "SECRET-QUESTIONS" in page and "SECRET-PLAN-B" in page and "Before you go in" in page
    assert "SECRET" not in t.spoken_text(p)  # preparation is not counted in the speaking time


def test_checklist_renderings_have_one_row_per_check():
    table = pitch_feedback(Pitch(ask="Could you come?"))
    html_table = t.checklist_html(table)
    assert html_table.count("<tr>") == len(table) + 1
    assert "✔" in html_table and "✘" in html_table and "not yet" in html_table
    md = t.checklist_markdown(table)
    assert len(md.splitlines()) == len(table) + 2
    text = t.checklist_text(table)
    assert text.count("[ ]") == int((~table["passed"]).sum())
    assert text.count("[x]") == int(table["passed"].sum())


def test_pitch_exports_are_complete_and_deterministic():
    p = tokened(ask_type="time")
    files = t.pitch_exports(p, pitch_feedback(p))
    assert set(files) == {"md", "html", "txt"}
    assert files["html"].startswith("<!DOCTYPE html>") and "<h2>Checklist</h2>" in files["html"]
    assert files["html"].count("Pitch to Margaret Okafor") == 2  # <title> and <h1>, not again in the body
    assert "## Checklist" in files["md"] and "| Result | Check |" in files["md"]
    assert files["txt"].startswith("Subject: ")
    assert "http" not in files["html"].replace("http-equiv", "")  # nothing loaded from the internet
    assert t.pitch_exports(p, pitch_feedback(p)) == files
    assert "Checklist" not in t.pitch_exports(p)["md"]


def test_export_pitch_writes_readable_files_in_the_work_folder(work_folder):
    p = Pitch(leader="Dr James Whitfield", ask="Could you review it by Friday?")
    paths = t.export_pitch(p)
    assert {ext: path.name for ext, path in paths.items()} == {
        "md": "pitch-dr-james-whitfield.md", "html": "pitch-dr-james-whitfield.html",
        "txt": "pitch-dr-james-whitfield.txt"}
    for path in paths.values():
        assert path.parent == work_folder / "exports"
        assert "Could you review it by Friday?" in path.read_text(encoding="utf-8")
    said = t.where_saved(paths)
    assert said == "Saved my_work/exports/pitch-dr-james-whitfield.md, .html and .txt."
    assert str(work_folder) not in said
    assert t.export_stem(Pitch()) == "pitch"


def test_where_saved_outside_the_work_folder_shows_file_names_only(tmp_path_factory):
    paths = t.export_pitch(Pitch(leader="Rosa"), folder=tmp_path_factory.mktemp("elsewhere"))
    assert t.where_saved(paths) == "Saved pitch-rosa.md, .html and .txt."
    assert t.where_saved({}) == "Nothing was saved."
