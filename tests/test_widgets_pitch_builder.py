"""The pitch builder without a browser: fill every step by setting values, click through, and
check the preview, the checklist, the autosaved workspace and the exported files."""

from __future__ import annotations

import asyncio
import html
import json

import ipywidgets as w
import pytest

import qi_kit
from qi_kit import StakeholderMap, load_workspace, save_workspace
from qi_kit.pitch import example_pitches
from qi_kit.pitch.model import ANSWER_FIELDS, Pitch
from qi_kit.widgets.pitch_builder import STEPS, Debouncer, PitchBuilder, leader_options

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def small_map() -> StakeholderMap:
    return StakeholderMap([
        {"name": "Pat Lee", "title": "Ward clerk", "authority": 0},
        {"name": "Margaret Okafor", "title": "Chief Nurse", "authority": 5, "interest": 4, "stance": 2,
         "role": "sponsor"},
        {"name": "Dr James Whitfield", "title": "Consultant Geriatrician", "authority": 4, "interest": 3,
         "stance": -2, "role": "resistor"},
        {"name": XSS, "title": XSS, "authority": 3},
    ])


def all_widgets(builder: PitchBuilder) -> list[w.Widget]:
    """Every widget in the builder, including the steps not on screen."""
    found: list[w.Widget] = []
    todo: list[w.Widget] = [builder, *[x for step in builder._steps for x in step]]
    while todo:
        widget = todo.pop()
        if widget in found:
            continue
        found.append(widget)
        todo.extend(getattr(widget, "children", ()))
    return found


def html_values(builder: PitchBuilder) -> list[str]:
    return [x.value for x in all_widgets(builder) if isinstance(x, w.HTML)]


def fill_from(builder: PitchBuilder, pitch: Pitch) -> None:
    """Answer every step as a participant would: set the values, click Next."""
    builder.go(0)
    builder.leader.value = pitch.leader
    builder.template.value = pitch.format
    for index, (_, fields) in enumerate(STEPS):
        assert builder.step == index
        for field in fields:
            if field != "leader":
                builder.answers[field].value = getattr(pitch, field)
        if index < len(STEPS) - 1:
            builder.next_button.click()


def test_fill_every_step_and_click_through(work_folder):
    ward = qi_kit.load_case("ward")
    good = example_pitches("ward")["good_sponsor"]
    builder = PitchBuilder(ward)
    assert builder.step == 0 and builder.back_button.disabled and not builder.next_button.disabled
    fill_from(builder, good)
    assert builder.step == len(STEPS) - 1 and builder.next_button.disabled
    assert builder.value == good
    # the preview shows the answers in the chosen template
    assert "Pitch to Margaret Okafor (Chief Nurse)" in builder.preview.value
    assert "Recommendation" in builder.preview.value
    assert html.escape(good.ask, quote=True) in builder.preview.value
    # the checklist: the shipped good example passes every check
    assert builder.feedback_table["passed"].all()
    assert builder.checklist.value.count("✔") == 10 and "✘" not in builder.checklist.value
    assert "All 10 checks pass" in builder.summary.value
    assert builder.progress_label.value == "Step 13 of 13: Review and take it home · 16 of 16 answers written"
    assert builder.progress.value == 13
    # the workspace holds the pitch, in the section "pitch"
    saved = load_workspace(work_folder / "workspace.json")["pitch"]
    assert Pitch.from_dict(saved) == good
    assert builder.saved_label.value == "All changes saved"


def test_back_and_next_stay_in_range(small_map):
    builder = PitchBuilder(small_map)
    builder.back_button.click()
    assert builder.step == 0
    for _ in range(len(STEPS) + 3):
        builder.next_button.click()
    assert builder.step == len(STEPS) - 1
    builder.back_button.click()
    assert builder.step == len(STEPS) - 2 and not builder.next_button.disabled
    assert "Step 12 of 13: If they say no" in builder.progress_label.value


def test_each_step_shows_its_prompt_an_example_and_a_hint(small_map):
    builder = PitchBuilder(small_map)
    for index, (title, fields) in enumerate(STEPS):
        builder.go(index)
        shown = "".join(x.value for x in builder.step_box.children if isinstance(x, w.HTML))
        assert f"Step {index + 1}: {html.escape(title, quote=True)}" in shown
        assert "Example:" in shown and "<details" in shown and "<summary>Hint</summary>" in shown
        for field in fields:
            control = builder.leader if field == "leader" else builder.answers[field]
            assert control in builder.step_box.children
    assert builder.export_button in builder.step_box.children  # the last step


def test_leader_dropdown_lists_the_map_most_authority_first(small_map):
    options = leader_options(small_map)
    assert [value for _, value in options] == ["", "Margaret Okafor", "Dr James Whitfield", XSS, "Pat Lee"]
    assert options[1][0] == "Margaret Okafor · Chief Nurse · sponsor"
    builder = PitchBuilder(small_map)
    assert builder.leader.options == tuple(options)


def test_choosing_a_leader_updates_the_details_advice_and_checklist(small_map):
    builder = PitchBuilder(small_map)
    builder.leader.value = "Dr James Whitfield"
    assert builder.value.leader_role == "resistor" and builder.value.leader_stance == -2
    assert "Stance -2 (opposes the change)" in builder.leader_info.value
    assert "Write down their concern in their own words" in builder.leader_info.value
    assert "tailored to Dr James Whitfield (resistor)" in builder.checklist.value
    builder.answers["questions"].value = "He says the bundle is another form to fill in."
    builder.answers["their_values"].value = "You have said the bundle is another form to fill in."
    assert builder.feedback_table.loc["tailored", "passed"]
    builder.leader.value = ""
    assert builder.value.leader == "" and builder.value.their_values.startswith("You have said")
    assert "choose the leader first" in builder.preview.value


def test_the_leader_details_use_the_influence_analysis():
    builder = PitchBuilder(qi_kit.load_case("ward"))
    builder.leader.value = "Margaret Okafor"
    assert ("On your map 1 person goes to Margaret Okafor for advice: their title alone may not carry the "
            "change to the front line") in builder.leader_info.value
    assert "such as Rosa Delgado" in builder.leader_info.value
    builder.leader.value = "Rosa Delgado"
    assert "17 people go to Rosa Delgado for advice" in builder.leader_info.value


def test_the_template_can_be_switched_at_any_time(small_map):
    builder = PitchBuilder(small_map)
    builder.answers["problem"].value = "Falls at night."
    assert "Situation" in builder.preview.value
    builder.template.value = "elevator"
    assert builder.value.format == "elevator"
    assert "Your 60-second pitch" in builder.preview.value and "Situation" not in builder.preview.value
    assert "elevator pitch: 1 minute" in builder.checklist.value


def test_typing_is_debounced_and_flush_runs_the_update_once(small_map, work_folder):
    builder = PitchBuilder(small_map, debounce=None)  # updates wait for flush()
    before = builder.preview.value
    for text in ("C", "Co", "Cou", "Could you come on Friday?"):
        builder.answers["ask"].value = text
    assert builder.value.ask == "Could you come on Friday?"  # the model follows every keystroke
    assert builder.pending and builder.preview.value == before
    assert builder.saved_label.value == "Unsaved changes…"
    assert not (work_folder / "workspace.json").exists()
    assert builder.flush() is True
    assert not builder.pending and builder._debouncer.runs == 1 and builder._saver.saves == 1
    assert "Could you come on Friday?" in builder.preview.value
    assert load_workspace(work_folder / "workspace.json")["pitch"]["ask"] == "Could you come on Friday?"
    assert builder.flush() is False  # nothing left to do


def test_buttons_and_dropdowns_flush_pending_typing(small_map, work_folder):
    builder = PitchBuilder(small_map, debounce=None)
    builder.answers["problem"].value = "Falls at night."
    builder.next_button.click()
    assert not builder.pending and "Falls at night." in builder.preview.value
    builder.answers["aim"].value = "Halve them by June."
    builder.template.value = "elevator"  # a choice updates at once, typing included
    assert not builder.pending and "Halve them by June." in builder.preview.value


def test_debounce_runs_once_after_typing_pauses_on_the_event_loop(small_map):
    async def scenario() -> tuple[int, int, bool, str]:
        builder = PitchBuilder(small_map, debounce=0.05)
        for n in range(1, 6):  # five keystrokes in a row: no update in between
            builder.answers["story"].value = "One night " * n
        runs_while_typing = builder._debouncer.runs
        await asyncio.sleep(0.5)
        return runs_while_typing, builder._debouncer.runs, builder.pending, builder.preview.value

    while_typing, after, pending, preview = asyncio.run(scenario())
    assert (while_typing, after, pending) == (0, 1, False)
    assert ("One night " * 5).strip() in preview


def test_without_an_event_loop_updates_run_at_once(small_map):
    builder = PitchBuilder(small_map)  # default debounce, but no running loop here
    builder.answers["story"].value = "A night to remember."
    assert not builder.pending and "A night to remember." in builder.preview.value


def test_debouncer_alone():
    calls = []
    manual = Debouncer(lambda: calls.append(1), None)
    manual.trigger(); manual.trigger()
    assert calls == [] and manual.pending
    assert manual.flush() and calls == [1] and not manual.flush()
    now = Debouncer(lambda: calls.append(2), 0)
    now.trigger()
    assert calls == [1, 2]


def test_a_restart_loses_nothing(small_map, work_folder):
    first = PitchBuilder(small_map)
    first.leader.value = "Margaret Okafor"
    first.template.value = "problem_aim_ask"
    first.answers["problem"].value = "Falls at night."
    first.answers["aim"].value = "Reduce falls with harm by 30% within six months."
    first.answers["ask_type"].value = "visible support"
    again = PitchBuilder(small_map)  # as after a kernel restart
    assert again.value == first.value
    assert again.leader.value == "Margaret Okafor" and again.template.value == "problem_aim_ask"
    assert again.answers["problem"].value == "Falls at night."
    assert again.answers["ask_type"].value == "visible support"
    assert again.step == 3  # the first step not yet answered: the priority
    assert "Welcome back: your pitch to Margaret Okafor is restored." in again.message.value
    assert "Falls at night." in again.preview.value


def test_a_saved_leader_no_longer_on_the_map_is_kept(small_map):
    first = PitchBuilder(small_map)
    first.leader.value = "Dr James Whitfield"
    first.answers["ask"].value = "Could you review it?"
    smaller = small_map.remove_person("Dr James Whitfield")
    again = PitchBuilder(smaller)
    assert again.value.leader == "Dr James Whitfield" and again.value.leader_role == "resistor"
    assert again.leader.value == "Dr James Whitfield"
    assert again.leader.options[-1] == ("Dr James Whitfield (saved; not on this map)", "Dr James Whitfield")
    assert "not on this map" in again.message.value
    again.leader.value = "Margaret Okafor"
    again.leader.value = "Dr James Whitfield"
    assert again.value.leader_role == "resistor" and again.value.ask == "Could you review it?"


def test_the_map_comes_from_the_workspace_when_not_given(small_map, work_folder):
    save_workspace(work_folder / "workspace.json", map=small_map)
    builder = PitchBuilder()
    assert "Margaret Okafor" in [value for _, value in builder.leader.options]
    assert builder.message.value == ""


def test_no_map_at_all_shows_a_plain_message(work_folder):
    builder = PitchBuilder()
    assert builder.leader.options == (("— choose the leader —", ""),)
    assert "There is no map yet" in builder.message.value
    with pytest.raises(qi_kit.MapError, match="needs your stakeholder map"):
        PitchBuilder("ward")  # type: ignore[arg-type]


def test_a_damaged_workspace_is_reported_not_a_traceback(small_map, work_folder):
    work_folder.mkdir(parents=True, exist_ok=True)
    (work_folder / "workspace.json").write_text("{not json", encoding="utf-8")
    builder = PitchBuilder(small_map)
    assert "damaged" in builder.message.value
    builder.answers["ask"].value = "Could you come?"
    assert builder.value.ask == "Could you come?"


def test_a_bad_saved_pitch_starts_fresh_with_a_message(small_map, work_folder):
    save_workspace(work_folder / "workspace.json", pitch={"format": "memo"})
    builder = PitchBuilder(small_map)
    assert builder.value == Pitch()
    assert "could not be read" in builder.message.value


def test_export_writes_readable_files_and_says_where(small_map, work_folder):
    builder = PitchBuilder(small_map)
    builder.export_button.click()
    assert "nothing to export yet" in builder.message.value
    builder.leader.value = "Margaret Okafor"
    builder.answers["ask"].value = "Could you come to the huddle on Monday 3 March?"
    builder.go(len(STEPS) - 1)
    builder.export_button.click()
    exports = work_folder / "exports"
    names = sorted(p.name for p in exports.iterdir())
    assert names == ["pitch-margaret-okafor.html", "pitch-margaret-okafor.md", "pitch-margaret-okafor.txt"]
    for name in names:
        assert "Could you come to the huddle on Monday 3 March?" in (exports / name).read_text(encoding="utf-8")
    assert "Saved my_work/exports/pitch-margaret-okafor.md, .html and .txt." in builder.message.value
    assert str(work_folder) not in builder.message.value and str(work_folder.parent) not in builder.message.value
    assert set(builder.exported) == {"md", "html", "txt"}


def test_script_in_a_name_or_an_answer_is_escaped_everywhere(small_map, work_folder):
    builder = PitchBuilder(small_map)
    builder.leader.value = XSS
    for field in ANSWER_FIELDS:
        if field != "ask_type":
            builder.answers[field].value = XSS
    for format in ("sbar", "problem_aim_ask", "elevator"):
        builder.template.value = format
        for value in html_values(builder):
            assert "<img" not in value, value[:200]
        assert "&lt;img src=x onerror=alert(1)&gt;" in builder.preview.value
    assert "&lt;img" in builder.leader_info.value
    builder.export_button.click()
    assert "<img" not in builder.message.value
    page = next((work_folder / "exports").glob("*.html")).read_text(encoding="utf-8")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    markdown = next((work_folder / "exports").glob("*.md")).read_text(encoding="utf-8")
    assert "\\<img src=x onerror=alert(1)\\>" in markdown
    saved = json.loads((work_folder / "workspace.json").read_text(encoding="utf-8"))
    assert saved["sections"]["pitch"]["leader"] == XSS  # stored as typed; escaped only when shown


def test_the_text_fallback_is_short_and_plain(small_map):
    builder = PitchBuilder(small_map)
    assert repr(builder) == "Pitch builder: a pitch (no leader chosen yet), step 1 of 13. 1 of 10 checks pass."
    builder.leader.value = "Margaret Okafor"
    assert repr(builder).startswith("Pitch builder: a pitch to Margaret Okafor, step 1 of 13.")


def test_public_name():
    assert qi_kit.PitchBuilder is PitchBuilder
