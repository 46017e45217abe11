"""Planner widgets without a browser: set values, click, and check the model, the HTML shown and the
autosaved workspace file."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from qi_kit import StakeholderMap, load_case, load_workspace
from qi_kit.engage import EngagementPlan
from qi_kit.widgets.planner import (CommsPlanEditor, DecisionRolesEditor, EngagementPlanner, ExportPanel, PlanStore,
                                    ReflectionSliders, RoleGrid)

EVIL = "<img src=x onerror=alert(1)>"
START = dt.date(2026, 1, 12)


@pytest.fixture
def ward():
    return load_case("ward")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "my_work" / "workspace.json"


def saved(path):
    return load_workspace(path)["engagement"]


# --------------------------------------------------------------------------- roles and grid


def test_role_grid_starts_from_the_suggestion(ward, path):
    grid = RoleGrid(ward, path=path)
    assert grid.value["Margaret Okafor"] == "sponsor" and grid.value["Rosa Delgado"] == "influencer"
    assert bytes(grid.picture.value).startswith(b"\x89PNG")
    assert "Sponsor: Margaret Okafor" in grid.summary.value
    assert not path.exists()  # nothing is saved until the participant changes something
    with pytest.raises(AttributeError):
        grid.value = {}


def test_picking_a_person_shows_the_reason(ward, path):
    grid = RoleGrid(ward, path=path)
    grid.person.value = "Dr Aisha Rahman"
    assert grid.role.value == ""
    assert "takes their lead from Dr James Whitfield" in grid.reason.value
    assert "Manage closely" in grid.reason.value or "manage closely" in grid.reason.value
    assert grid.now.value == "no commitment" and grid.needed.value == "help it happen"


def test_keep_my_choices_saves_redraws_and_marks_the_choice(ward, path):
    grid = RoleGrid(ward, path=path)
    before = grid.picture.value
    grid.person.value = "Kwame Asante"
    grid.role.value = "influencer"
    grid.needed.value = "make it happen"
    grid.keep.click()
    assert grid.value["Kwame Asante"] == "influencer"
    assert grid.picture.value != before
    assert "Kept your choices for Kwame Asante. Saved." in grid.message.value
    data = saved(path)
    assert data["role_overrides"] == {"Kwame Asante": "influencer"}
    assert data["commitment_needed"] == {"Kwame Asante": "make it happen"}
    assert data["commitment_now"] == {"Kwame Asante": "help it happen"}  # keeping it confirms the first guess
    assert "first guess" not in grid.reason.value
    assert "your choice" in grid.table.value
    grid.use_suggestion.click()
    assert grid.value["Kwame Asante"] == ""
    assert saved(path)["role_overrides"] == {} and saved(path)["commitment_needed"] == {}


def test_choices_come_back_in_a_new_session(ward, path):
    grid = RoleGrid(ward, path=path)
    grid.person.value = "Helen Brooks"
    grid.role.value = "champion"
    grid.keep.click()
    again = RoleGrid(ward, path=path)
    assert again.value["Helen Brooks"] == "champion"


def test_the_role_typed_on_the_map_is_where_the_grid_starts(path):
    m = StakeholderMap([{"name": "Ann", "authority": 5, "interest": 4, "stance": 2},
                        {"name": "Bo", "influence": 1, "role": "champion"}])
    grid = RoleGrid(m, path=path)
    assert grid.value == {"Ann": "sponsor", "Bo": "champion"}
    grid.person.value = "Bo"
    assert grid.role.value == "champion" and "(on your map)" in grid.reason.value
    assert "promotes the change among peers" in grid.reason.value
    grid.role.value = ""
    grid.keep.click()
    assert grid.value["Bo"] == "" and saved(path)["role_overrides"] == {"Bo": ""}
    grid.use_suggestion.click()
    assert grid.value["Bo"] == "champion"


def test_the_ward_grid_and_the_editor_agree_on_every_role(ward, path):
    grid = RoleGrid(ward, path=path)
    recorded = {n: r for n, r in zip(ward.people["name"], ward.people["role"]) if r}
    assert {n: grid.value[n] for n in recorded} == recorded
    grid.person.value = "Joan Fletcher"
    assert "A partner on the change team" in grid.reason.value


def test_names_are_escaped_everywhere(path):
    m = StakeholderMap([{"name": EVIL, "title": "<b>Chief</b>", "authority": 5, "interest": 4, "stance": 2},
                        {"name": "Bo"}])
    grid = RoleGrid(m, path=path)
    grid.person.value = EVIL
    grid.keep.click()
    html = grid.reason.value + grid.summary.value + grid.table.value + grid.message.value
    assert "<img src=x" not in html and "<b>Chief" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --------------------------------------------------------------------------- decision roles


def test_raci_editor_sets_checks_and_saves(ward, path):
    editor = DecisionRolesEditor(ward, path=path)
    assert "Checked: every decision has exactly one A" in editor.check.value
    editor.decision.value = "Run a small test of change"
    editor.person.value = "Tom Barker"
    assert editor.letter.value == "C"
    editor.letter.value = "A"
    editor.set_button.click()
    assert editor.value.loc["Run a small test of change", "Tom Barker"] == "A"
    assert "Hannah Price and Tom Barker are all accountable (A)" in editor.check.value
    assert "qi-warn" in editor.check.value
    decisions = saved(path)["raci"]["decisions"]
    row = next(d for d in decisions if d["decision"] == "Run a small test of change")
    assert row["roles"]["Tom Barker"] == "A"


def test_raci_editor_adds_removes_and_redrafts(ward, path):
    editor = DecisionRolesEditor(ward, path=path)
    editor.new_decision.value = "Approve <extra> night staffing"
    editor.add_button.click()
    assert editor.decision.value == "Approve <extra> night staffing"
    assert "Nobody is accountable (A)" in editor.check.value
    assert "<extra>" not in editor.table.value + editor.check.value + editor.message.value
    editor.add_button.click()  # blank name
    assert "The decision has no name" in editor.message.value and "qi-error" in editor.message.value
    editor.decision.value = "Approve <extra> night staffing"
    editor.remove_button.click()
    assert "Approve <extra> night staffing" not in editor.value.index
    editor.redraft_button.click()
    assert saved(path)["raci"] is None
    assert len(editor.value) == 5


def test_raci_adds_a_person_with_a_column(ward, path):
    editor = DecisionRolesEditor(ward, path=path)
    assert "Pauline Reid" not in editor.value.columns and "Others in Ward 7B" in editor.person.options
    editor.person.value = "Pauline Reid"
    editor.letter.value = "C"
    editor.set_button.click()
    assert editor.value.loc[editor.decision.value, "Pauline Reid"] == "C"
    editor.person.value = "Others in Ward 7B nights HCAs"
    assert editor.letter.value == "I"  # the charter: the night HCAs are told, then asked at their huddle


# --------------------------------------------------------------------------- communication plan


def test_comms_editor_shows_the_draft_and_saves_a_row(ward, path):
    editor = CommsPlanEditor(ward, path=path, start=START)
    assert editor.value.loc[0, "audience"] == "Margaret Okafor (sponsor)"
    assert editor.next_date.value == START
    editor.row.value = 6
    assert editor.audience.value == "Rosa Delgado (influencer)"
    editor.owner.value = "Hannah"
    editor.channel.value = "huddle"
    editor.save_row.click()
    data = saved(path)
    assert data["comms"][6]["owner"] == "Hannah" and data["comms"][6]["channel"] == "huddle"
    assert data["start"] == "2026-01-12"  # the dates the draft was counted from are kept
    assert "Saved row 7" in editor.message.value


def test_comms_done_moves_the_next_date_on(ward, path):
    editor = CommsPlanEditor(ward, path=path, start=START)
    editor.row.value = 0  # the sponsor, fortnightly
    editor.done.click()
    assert editor.value.loc[0, "next_date"] == "2026-01-26"
    assert editor.next_date.value == dt.date(2026, 1, 26)


def test_comms_add_remove_and_mistakes(ward, path):
    editor = CommsPlanEditor(ward, path=path, start=START)
    n = len(editor.value)
    editor.new_audience.value = "Pharmacy <team>"
    editor.add_row.click()
    assert len(editor.value) == n + 1 and editor.row.value == n
    assert "There is no ask" in editor.summary.value
    assert "<team>" not in editor.summary.value + editor.table.value + editor.message.value
    editor.audience.value = "  "
    editor.save_row.click()
    assert "The audience is blank" in editor.message.value and "qi-error" in editor.message.value
    editor.remove_row.click()
    assert len(editor.value) == n
    assert len(saved(path)["comms"]) == n


def test_comms_redraft_uses_the_start_date(ward, path):
    editor = CommsPlanEditor(ward, path=path, start=START)
    editor.start.value = dt.date(2026, 3, 2)
    editor.redraft.click()
    assert editor.value.loc[0, "next_date"] == "2026-03-02"
    data = saved(path)
    assert data["start"] == "2026-03-02" and data["comms"] is None


# --------------------------------------------------------------------------- reflection


def test_sliders_save_redraw_and_read(path):
    sliders = ReflectionSliders("competencies", path=path)
    assert sliders.value == {}
    blank = sliders.picture.value
    assert "Answer the prompts" in sliders.reading.value
    sliders.sliders["proactive_1"].value = 4
    sliders.sliders["supportive_2"].value = 1
    assert sliders.value == {"proactive_1": 4, "supportive_2": 1}
    assert saved(path)["reflection"] == {"competencies": {"proactive_1": 4, "supportive_2": 1}}
    assert sliders.picture.value != blank
    assert "highest on Proactive (4.0 of 4" in sliders.reading.value
    assert "Aarons GA, Ehrhart MG, Farahnak LR (2014)" in sliders.children[-1].value
    again = ReflectionSliders("competencies", path=path)
    assert again.sliders["proactive_1"].value == 4
    sliders.reset.click()
    assert sliders.value == {} and saved(path)["reflection"]["competencies"] == {}


# --------------------------------------------------------------------------- export and the whole planner


def test_export_writes_the_files_and_names_them_plainly(ward, path, tmp_path):
    panel = ExportPanel(ward, path=path, folder=tmp_path / "exports")
    panel.title.value = "Falls <7B>"
    panel.button.click()
    assert set(panel.value) == {"md", "html"}
    assert panel.value["html"].exists() and panel.value["md"].exists()
    assert "exports/engagement-plan.html" in panel.message.value
    assert str(tmp_path) not in panel.message.value  # no machine path
    assert "Engagement plan: Falls &lt;7B&gt;" in panel.value["html"].read_text(encoding="utf-8")
    assert saved(path)["title"] == "Falls <7B>"


def test_planner_tabs_share_one_plan(ward, path):
    planner = EngagementPlanner(ward, path=path, start=START)
    assert [planner.tabs.get_title(i) for i in range(5)] == ["Roles and grid", "Decision path", "Communication plan",
                                                             "Reflection", "Export"]
    planner.roles.person.value = "Kwame Asante"
    planner.roles.role.value = "influencer"
    planner.roles.keep.click()
    assert "Kwame Asante (influencer)" not in planner.comms.value["audience"].tolist()  # redrafted when opened
    planner.tabs.selected_index = 2
    assert "Kwame Asante (influencer)" in planner.comms.value["audience"].tolist()
    planner.tabs.selected_index = 1
    assert planner.decisions.value.loc["Agree the aim, scope and measures (the project charter)", "Kwame Asante"] == "C"
    planner.reflections["levers"].sliders["skills_1"].value = 3
    plan = planner.value
    assert isinstance(plan, EngagementPlan)
    assert plan.role_overrides == {"Kwame Asante": "influencer"}
    assert plan.reflection == {"levers": {"skills_1": 3}}
    assert EngagementPlan.from_dict(saved(path)) == plan


def test_edited_drafts_stop_following_the_roles(ward, path):
    planner = EngagementPlanner(ward, path=path, start=START)
    planner.tabs.selected_index = 1
    planner.decisions.set_button.click()  # any edit makes the table the participant's own
    planner.tabs.selected_index = 0
    planner.roles.person.value = "Kwame Asante"
    planner.roles.role.value = "champion"
    planner.roles.keep.click()
    planner.tabs.selected_index = 1
    assert planner.decisions.value.loc["Run a small test of change", "Kwame Asante"] == "I"


def test_two_stores_do_not_undo_each_other(ward, path):
    grid = RoleGrid(ward, path=path)
    sliders = ReflectionSliders("roles", path=path)  # its own store, loaded before the grid's edit
    grid.person.value = "Helen Brooks"
    grid.role.value = "champion"
    grid.keep.click()
    sliders.sliders["coach_1"].value = 2
    data = saved(path)
    assert data["role_overrides"] == {"Helen Brooks": "champion"}
    assert data["reflection"] == {"roles": {"coach_1": 2}}


def test_a_damaged_section_starts_fresh_with_a_warning(ward, path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": "qi_kit.workspace", "version": 1,
                                "sections": {"engagement": {"role_overrides": "oops"}}}), encoding="utf-8")
    store = PlanStore(path)
    assert store.plan == EngagementPlan()
    grid = RoleGrid(ward, store=store)
    assert "damaged" in grid.message.value and "qi-warn" in grid.message.value


def test_an_empty_map_gives_plain_messages_not_tracebacks(path):
    planner = EngagementPlanner(StakeholderMap([]), path=path, start=START)
    planner.roles.keep.click()
    assert "There is no person to pick yet" in planner.roles.message.value
    planner.decisions.set_button.click()
    assert "There is no person to pick yet" in planner.decisions.message.value
    planner.comms.save_row.click()
    assert "There is no row to pick yet" in planner.comms.message.value
    planner.export.button.click()
    assert "Written: exports/engagement-plan.md" in planner.export.message.value
    assert "went wrong" not in planner.roles.message.value + planner.comms.message.value


def test_text_fallbacks_are_short_plain_and_dateless(ward, path):
    """A notebook shows at most 110 characters of a widget's text (ipywidgets cuts the rest)."""
    planner = EngagementPlanner(ward, path=path)  # no start given: the widget uses today
    assert repr(planner.roles) == ("Roles and power/interest grid for 37 people: 7 have a role; the sponsor is "
                                   "Margaret Okafor.")
    assert repr(planner.decisions) == "Decision roles (RACI): 5 decisions, signed off by 3 people; checked."
    assert repr(planner.comms) == "Communication plan: 19 audiences, 9 of them at least weekly."
    assert repr(planner.reflections["levers"]) == ("Reflection, four levers of the influence model: 0 of 8 prompts "
                                                   "answered.")
    assert repr(planner).startswith("Engagement planner for 37 people")
    assert repr(planner.export).startswith("Export:")
    for widget in (planner, planner.roles, planner.decisions, planner.comms, planner.export, planner.reflection):
        assert len(repr(widget)) <= 110, repr(widget)
