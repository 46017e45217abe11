"""Timings that add up, and no code to type: the notebooks' sections, the agendas, the taster's coverage."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from qi_kit.authoring.timings import (agenda_problems, code_to_type, covered, notebook_sections, read_agendas,
                                      sections, time_needed, timing_problems)

ROOT = Path(__file__).resolve().parents[1]
WORKSHOPS = sorted((ROOT / "workshops").glob("*.ipynb"))
GUIDE = (ROOT / "workshops" / "FACILITATOR.md").read_text(encoding="utf-8")


def notebook(*markdown: str) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text) for text in markdown]
    return nb


# --------------------------------------------------------------------------- the rules themselves


def test_sections_are_numbered_and_the_frame_has_no_minutes():
    nb = notebook("# T\n\n**Time needed:** about 12 minutes.\n\n## Learning objectives\n\n## What you will leave with",
                  "## One (5 min)\n\ntext\n\n## Two (7 min)", "## Key points\n## Discussion prompts\n### Sources")
    assert [(s.number, s.title, s.minutes) for s in sections(nb)] == [(1, "One", 5), (2, "Two", 7)]
    assert time_needed(nb) == 12 and timing_problems(nb) == []


def test_missing_minutes_and_wrong_sums_are_explained():
    nb = notebook("**Time needed:** about 10 minutes.", "## One (5 min)", "## Two")
    assert timing_problems(nb) == ["the section 'Two' does not end with its minutes, e.g. '(5 min)'."]
    nb = notebook("**Time needed:** about 10 minutes.", "## One (5 min)", "## Two (6 min)")
    assert timing_problems(nb) == ["the sections add up to 11 minutes, but 'Time needed' says 10: change one of "
                                   "them so they agree."]
    assert "Time needed" in timing_problems(notebook("## One (5 min)"))[0]


def test_code_to_type_finds_calls_but_not_file_or_notebook_names():
    nb = notebook("Try `qi_kit.explain(\"broker\")` to read more.", "Files go to `my_work/exports`; next: "
                  "`02_map_your_stakeholders`.", "```python\nqi_kit.RoleGrid(m)\n```", "```\nplain text\n```")
    assert code_to_type(nb) == ['`qi_kit.explain("broker")`', "```python\nqi_kit.RoleGrid(m)\n```"]


AGENDA = """
### 20 minutes (a test)

| start | minutes | what | notebook sections |
| --- | --- | --- | --- |
| 0:00 | 5 | Welcome | — |
| 0:05 | 12 | The notebook | `01_x` §1, §2 |
| 0:17 | 3 | Close | — |
| 0:20 |  | end |  |
"""


def test_an_agenda_adds_up_or_says_where_not():
    books = {"01_x": sections(notebook("## A (5 min)", "## B (7 min)", "## C (3 min)"))}
    (agenda,) = read_agendas(AGENDA)
    assert agenda.total == 20 and agenda_problems(agenda, books) == []
    assert [s.title for s in covered(agenda, books)["01_x"]] == ["A", "B"]
    wrong = read_agendas(AGENDA.replace("| 12 | The notebook | `01_x` §1, §2", "| 12 | The notebook | `01_x` §1, §3")
                         .replace("| 0:20 |", "| 0:21 |"))[0]
    problems = agenda_problems(wrong, books)
    assert "20 minutes (a test): 'The notebook' takes 12 minutes, but the sections it names add up to 8." in problems
    assert any("but its heading says 20" in p for p in problems)
    late = read_agendas(AGENDA.replace("| 0:17 | 3 | Close", "| 0:18 | 3 | Close"))[0]
    assert any("the next row starts at 18" in p for p in agenda_problems(late, books))


# --------------------------------------------------------------------------- the kit's own notebooks and guide


@pytest.mark.parametrize("path", WORKSHOPS, ids=lambda p: p.name)
def test_every_workshop_notebook_times_its_sections(path):
    nb = nbformat.read(path, as_version=4)
    assert timing_problems(nb) == [], path.name


@pytest.mark.parametrize("path", WORKSHOPS, ids=lambda p: p.name)
def test_no_markdown_cell_asks_to_type_a_call(path):
    nb = nbformat.read(path, as_version=4)
    assert code_to_type(nb) == [], f"{path.name} asks the participant to type code; reach it by a widget instead"


def agendas():
    return {a.title.split(" (")[0]: a for a in read_agendas(GUIDE)}


def test_the_three_agendas_add_up_exactly():
    books = notebook_sections(ROOT / "workshops")
    found = agendas()
    assert set(found) == {"90 minutes", "Half a day", "A full day"}
    assert [found[k].total for k in ("90 minutes", "Half a day", "A full day")] == [90, 210, 360]
    for agenda in found.values():
        assert agenda_problems(agenda, books) == []


def test_the_taster_covers_roles_and_the_ask():
    books = notebook_sections(ROOT / "workshops")
    taster = covered(agendas()["90 minutes"], books)
    assert any("Roles" in s.title for s in taster.get("05_engage_your_leaders", []))
    assert any("pitch" in s.title.casefold() for s in taster.get("06_your_leader_pitch", []))


def test_the_full_day_covers_every_section_once():
    books = notebook_sections(ROOT / "workshops")
    day = covered(agendas()["A full day"], books)
    for stem, parts in books.items():
        assert sorted(s.number for s in day.get(stem, [])) == [s.number for s in parts], stem
