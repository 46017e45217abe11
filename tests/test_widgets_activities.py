"""The activity widgets: predict then reveal, sorting, the process, the charter, the take-home export."""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import activities as act
from qi_kit.widgets.activities import CharterForm, LeadershipSort, PollReveal, TakeHomeExport, TouchPointsEditor
from qi_kit.widgets.planner import DecisionRolesEditor, ReflectionTabs, RoleGrid
from qi_kit.workspace import load_workspace

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def path(tmp_path):
    return tmp_path / "my_work" / "workspace.json"


@pytest.fixture
def ward():
    return qi_kit.load_case("ward")


def test_the_poll_reveals_only_when_asked():
    poll = PollReveal()
    assert poll.value == "" and poll.result.value == ""
    poll.guess.value = 60
    poll.reveal.click()
    assert poll.value.startswith("You guessed 60%") and "85% did" in poll.result.value
    assert "Engage in improvement training yourself" in poll.advice.value
    assert repr(poll).startswith("Poll:")


def test_sorting_is_checked_against_the_kit_with_reasons():
    sort = LeadershipSort()
    run_chart = "Draws a run chart of falls week by week"
    sort.choices[run_chart].value = act.TECHNICAL
    sort.check.click()
    assert "You agree with the kit on 1 of the 1 you sorted" in sort.summary.value
    assert "same" in sort.table.value and "not sorted" in sort.table.value


def test_touch_points_are_saved_and_feed_the_map(path):
    editor = TouchPointsEditor(path=path)
    editor.add.click()
    assert "The step has no name" in editor.message.value and "qi-error" in editor.message.value
    editor.step.value, editor.who.value, editor.hands_to.value = "Night rounds", "Night HCA", EVIL
    editor.decision.value = "Bed alarm?"
    editor.add.click()
    assert "1 steps" in editor.table.value or "1 step" in editor.table.value
    assert EVIL not in editor.table.value and "&lt;img" in editor.table.value
    assert load_workspace(path)["process"][0]["who"] == "Night HCA"
    editor.to_map.click()
    saved = load_workspace(path)["map"]
    assert saved.names == ["Night HCA", EVIL]
    assert "Added 2 to your map" in editor.message.value
    editor.to_map.click()
    assert "already on your map" in editor.message.value
    again = TouchPointsEditor(path=path)
    assert len(again.value) == 1
    again.remove.click()
    again.remove.click()
    assert "There is no step to remove yet" in again.message.value


def test_the_charter_feeds_roles_decisions_and_the_pitch(ward, path):
    form = CharterForm(ward, path=path)
    assert "There is no aim yet" in form.checks.value
    form.boxes["aim"].value = "Reduce falls by 30% within six months."
    form.boxes["decisions"].value = "Release the link nurse four hours a week"
    form.boxes["sponsor"].value = "David Reyes"
    assert "David Reyes is now the sponsor in your engagement plan" in form.message.value
    form.boxes["local"].value = "Priya Shah"
    form.boxes["partner"].value = "Joan Fletcher"
    saved = load_workspace(path)
    assert saved["charter"]["aim"].startswith("Reduce falls") and saved["engagement"]["local"] == "Priya Shah"
    grid = RoleGrid(ward, path=path)
    assert grid.value["David Reyes"] == "sponsor"
    assert grid.value["Margaret Okafor"] == "sponsor"  # still on the map as a sponsor: the participant decides
    form.boxes["sponsor"].value = "Dr Fiona Campbell"
    assert "David Reyes" not in load_workspace(path)["engagement"]["role_overrides"]
    raci = DecisionRolesEditor(ward, path=path).value
    assert "Release the link nurse four hours a week" in raci.index
    assert raci.loc["Adopt a change as the standard way of working here", "Priya Shah"] == "A"
    builder = qi_kit.PitchBuilder(ward, path=path)
    assert builder.value.aim == "Reduce falls by 30% within six months."
    assert "from your project charter" in builder.message.value
    assert CharterForm(ward, path=path).value.aim.startswith("Reduce falls")
    assert repr(form).startswith("Project charter: 2 of 10 parts written")


def test_reflection_tabs_share_one_plan(path):
    tabs = ReflectionTabs(path=path)
    assert [tabs.get_title(i) for i in range(4)] == ["Four competencies", "TCI capabilities", "Eight roles",
                                                     "Influence model"]
    tabs.sliders["capabilities"].sliders["understand_1"].value = 3
    tabs.sliders["levers"].sliders["skills_1"].value = 2
    assert load_workspace(path)["engagement"]["reflection"] == {"capabilities": {"understand_1": 3},
                                                                "levers": {"skills_1": 2}}
    assert repr(tabs) == "Leadership reflection in four tabs: 2 of 38 prompts answered."


def test_the_take_home_export_waits_for_the_button(ward, path, tmp_path):
    panel = TakeHomeExport(ward, path=path, folder=tmp_path / "exports")
    assert panel.value == {} and not (tmp_path / "exports").exists()
    panel.mine.click()
    assert "my-workshop.html" in panel.message.value and (tmp_path / "exports" / "my-workshop.html").exists()
    panel.shared.click()
    assert "my-workshop-pseudonymised.html" in panel.message.value
    assert str(tmp_path) not in panel.message.value
    assert repr(panel) == "Take-home export: press a button once your plan is written."


def test_the_forms_for_support_what_matters_and_equity(ward, path):
    support = qi_kit.support_your_leader(path=path)
    support.boxes["off_their_plate"].value = "Draft the board lines."
    assert load_workspace(path)["support_leader"]["off_their_plate"] == "Draft the board lines."
    assert len(qi_kit.what_matters_form(path=path).boxes) == 3
    equity = qi_kit.equity_form(ward, path=path)
    assert "Ward 7B nights HCAs" in equity.children[0].value
    assert repr(equity) == "Notes form 'equity': 4 questions, 0 answered."
