"""The engagement plan: saving, the tables recomputed from the map, Markdown and HTML exports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from qi_kit import MapError, StakeholderMap, load_case, load_workspace, save_workspace
from qi_kit.engage import EngagementPlan, engagement_tables, plan_html, plan_markdown, write_plan
from qi_kit.engage.raci import raci_to_dict, set_raci

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def ward():
    return load_case("ward")


@pytest.fixture
def evil_map():
    return StakeholderMap([
        {"name": EVIL, "title": "Chief | Nurse", "authority": 5, "interest": 4, "stance": 2},
        {"name": "Lead <b>", "authority": 2, "influence": 2, "interest": 5, "stance": 2},
    ], title="<script>alert('t')</script>")


def test_round_trip_through_the_workspace(tmp_path):
    plan = EngagementPlan(title="Falls", start="2026-01-12", role_overrides={"Kwame Asante": "influencer"},
                          commitment_needed={"Rosa Delgado": "make it happen"},
                          reflection={"levers": {"skills_1": 3}})
    data = plan.to_dict()
    assert data["version"] == 1
    json.dumps(data)  # JSON-ready
    assert EngagementPlan.from_dict(data) == plan
    path = tmp_path / "w.json"
    save_workspace(path, engagement=plan)
    assert EngagementPlan.from_dict(load_workspace(path)["engagement"]) == plan


def test_from_dict_ignores_unknown_keys_and_rejects_damage():
    assert EngagementPlan.from_dict(None) == EngagementPlan()
    assert EngagementPlan.from_dict({"title": "x", "later_feature": 1, "raci": None}).title == "x"
    with pytest.raises(MapError, match="'role_overrides'"):
        EngagementPlan.from_dict({"role_overrides": ["not", "a", "dict"]})
    with pytest.raises(MapError):
        EngagementPlan.from_dict("garbage")


def test_tables_follow_the_participants_choices(ward):
    plan = EngagementPlan(start="2026-01-12", role_overrides={"Kwame Asante": "influencer", "Gone Person": "sponsor"})
    tables = engagement_tables(ward, plan)
    assert set(tables) == {"roles", "commitment", "grid", "raci", "comms", "reflection"}
    roles = tables["roles"].set_index("name")
    assert roles.loc["Kwame Asante", ["role", "source"]].tolist() == ["influencer", "your choice"]
    assert tables["grid"].set_index("name").loc["Kwame Asante", "role"] == "influencer"
    assert "Kwame Asante (influencer)" in tables["comms"]["audience"].tolist()
    assert tables["raci"].loc["Agree the aim, scope and measures (the project charter)", "Kwame Asante"] == "C"


def test_edited_tables_are_kept_as_edited(ward):
    draft = engagement_tables(ward, EngagementPlan(start="2026-01-12"))
    raci = set_raci(draft["raci"], "Run a small test of change", "Tom Barker", "R")
    comms = draft["comms"].head(2).to_dict("records")
    comms[0]["owner"] = "Tom"
    plan = EngagementPlan(raci=raci_to_dict(raci), comms=comms)
    tables = engagement_tables(ward, plan)
    assert tables["raci"].loc["Run a small test of change", "Tom Barker"] == "R"
    assert tables["comms"]["owner"].tolist() == ["Tom", "you"]


def test_without_a_start_date_the_next_dates_are_blank(ward):
    comms = engagement_tables(ward, EngagementPlan())["comms"]
    assert (comms["next_date"] == "").all()
    assert "No next dates yet: give the plan a start date." in plan_markdown(ward, EngagementPlan())
    assert engagement_tables(ward, EngagementPlan(), start="2026-02-02")["comms"].loc[0, "next_date"] == "2026-02-02"
    with pytest.raises(MapError, match="no start date"):
        EngagementPlan().start_date()


def test_markdown_has_every_section(ward):
    plan = EngagementPlan(title="Falls on 7B", start="2026-01-12", reflection={"competencies": {"proactive_1": 3}})
    text = plan_markdown(ward, plan)
    for heading in ("# Engagement plan: Falls on 7B", "## 1. Roles", "## 2. Commitment", "## 3. Power/interest grid",
                    "## 4. Decision path (RACI)", "## 5. Communication plan", "## 6. Leadership reflection",
                    "### Four implementation-leadership competencies", "## Sources"):
        assert heading in text
    assert "| Margaret Okafor | Chief Nurse | sponsor | on the map |" in text
    assert "Others in Ward 7B nights HCAs" in text and "everyone in that unit without a column" in text
    assert "X? = a first guess" in text
    assert "Checked: every decision has exactly one A" in text
    assert "Keep it private" in text
    assert "Implementation Science 9:45" in text


def test_markdown_says_what_is_still_to_fix(ward):
    draft = engagement_tables(ward, EngagementPlan(start="2026-01-12"))["raci"]
    raci = set_raci(draft, "Spread the change to other teams", "Margaret Okafor", "")
    text = plan_markdown(ward, EngagementPlan(start="2026-01-12", raci=raci_to_dict(raci)))
    assert "Still to fix: decision 'Spread the change to other teams': Nobody is accountable (A)." in text
    assert "Not done yet: the reflection sliders are in the planner." in text


def test_html_is_self_contained_and_escapes_everything(evil_map):
    plan = EngagementPlan(title="<i>t</i>", start="2026-01-12", comms=[{"audience": EVIL, "ask": "<script>x</script>"}])
    page = plan_html(evil_map, plan, images={"grid": (b"\x89PNG fake", f"grid of {EVIL}")})
    assert "<img src=x" not in page and "<script>" not in page and "<b>" not in page.replace("<body>", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'src="data:image/png;base64,' in page
    assert "http://" not in page and "https://" not in page
    markdown = plan_markdown(evil_map, plan)
    assert "Chief \\| Nurse" in markdown


def test_write_plan_writes_two_files(ward, tmp_path):
    paths = write_plan(ward, EngagementPlan(start="2026-01-12"), folder=tmp_path, stem="My plan!")
    assert sorted(p.name for p in paths.values()) == ["my-plan.html", "my-plan.md"]
    assert paths["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_exports_are_deterministic(ward, tmp_path):
    plan = EngagementPlan(start="2026-01-12")
    assert plan_markdown(ward, plan) == plan_markdown(ward, plan)
    assert plan_html(ward, plan) == plan_html(ward, plan)


def test_logic_modules_do_not_import_matplotlib_or_ipywidgets():
    code = ("import sys, qi_kit.engage, qi_kit.reflect, qi_kit\n"
            "m = qi_kit.load_case('ward')\n"
            "qi_kit.engage.plan_markdown(m, qi_kit.engage.EngagementPlan(start='2026-01-12'))\n"
            "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("module", ["qi_kit.engage.grid", "qi_kit.engage.commitment", "qi_kit.engage.raci",
                                    "qi_kit.engage.comms", "qi_kit.engage.roles", "qi_kit.reflect",
                                    "qi_kit.activities", "qi_kit.pitch.templates", "qi_kit.choices",
                                    "qi_kit.handouts", "qi_kit.authoring.timings"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_a_wide_decision_table_is_turned_round_to_fit_a_page(ward):
    text = plan_markdown(ward, EngagementPlan(start="2026-01-12"))  # 14 people, 5 decisions
    assert "| person | Agree the aim, scope and measures (the project charter) | Choose which change ideas to test |" \
        in text
    assert "| Margaret Okafor | A | I | I | I | A |" in text
    assert "| Joan Fletcher | C | C | C | C | C |" in text
    narrow = StakeholderMap([{"name": "Ann", "authority": 5, "interest": 4, "stance": 2},
                             {"name": "Bo", "authority": 2, "influence": 2, "interest": 5, "stance": 2}])
    assert "| decision | Ann | Bo |" in plan_markdown(narrow, EngagementPlan(start="2026-01-12"))
