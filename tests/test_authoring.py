"""The authoring tools: exercises generated from solutions, the sync check, refresh and the rules."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from qi_kit.authoring import AuthoringError, check_sync, exercise_from_solution, placeholder_for, strip_solution
from qi_kit.authoring.__main__ import main
from qi_kit.authoring.exercises import notebook_text, write_exercises
from qi_kit.authoring.refresh import RefreshError, normalise_metadata, refresh_notebook
from qi_kit.authoring.rules import minutes_needed, notebook_problems, workshop_problems


def _notebook(*cells, **metadata):
    nb = new_notebook(cells=list(cells))
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                        **metadata})
    return nb


def _write(path, nb):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path


SOLUTION_CELL = "import networkx as nx\n# BEGIN SOLUTION\ng = ward.graph('advice')\ncounts = dict(g.in_degree())\n# END SOLUTION\ncheck(counts)"


# --------------------------------------------------------------------------- placeholders


def test_placeholder_assigns_the_last_name_of_the_block():
    assert placeholder_for("g = 1\nanswer = g + 1") == "answer = ...  # your code here"
    assert placeholder_for("total: int = 3") == "total = ...  # your code here"
    assert placeholder_for("def spread(G, seeds):\n    return set(seeds)") == "spread = ...  # your code here"


def test_placeholder_without_an_assignment_is_a_comment():
    assert placeholder_for("print('hello')") == "# your code here"
    assert placeholder_for("a, b = 1, 2") == "# your code here"  # no single name to fill in


def test_placeholder_keeps_the_indentation():
    assert placeholder_for("    x = 1", "    ") == "    x = ...  # your code here"


def test_strip_solution_replaces_only_the_marked_block():
    assert strip_solution(SOLUTION_CELL) == "import networkx as nx\ncounts = ...  # your code here\ncheck(counts)"


def test_strip_solution_handles_two_blocks_and_indented_markers():
    source = ("# BEGIN SOLUTION\na = 1\n# END SOLUTION\nfor i in range(2):\n    # BEGIN SOLUTION\n"
              "    b = i\n    # END SOLUTION\n    pass")
    assert strip_solution(source) == ("a = ...  # your code here\nfor i in range(2):\n"
                                      "    b = ...  # your code here\n    pass")


@pytest.mark.parametrize("source, message", [
    ("# BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n# END SOLUTION", "without"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "second"),
    ("# BEGIN SOLUTION\n\n# END SOLUTION", "empty"),
    ("# BEGIN SOLUTION\nx = = 1\n# END SOLUTION", "does not parse"),
])
def test_bad_markers_are_explained(source, message):
    with pytest.raises(AuthoringError, match=message) as info:
        strip_solution(source, where="solutions/x.ipynb, cell 3")
    assert "cell 3" in str(info.value)


# --------------------------------------------------------------------------- whole notebooks


def _solution():
    code = new_code_cell(SOLUTION_CELL, execution_count=4,
                         outputs=[new_output("stream", name="stdout", text="17\n")])
    code.metadata["execution"] = {"iopub.status.busy": "2026-01-01T10:00:00"}
    worked = new_markdown_cell("The answer is 17 because...")
    worked.metadata["tags"] = ["solution"]
    return _notebook(new_markdown_cell("# Exercise"), code, worked, widgets={"state": {}})


def test_exercise_drops_solution_cells_outputs_and_widget_state():
    exercise = exercise_from_solution(_solution())
    assert [c.cell_type for c in exercise.cells] == ["markdown", "code"]
    code = exercise.cells[1]
    assert code.outputs == [] and code.execution_count is None and "execution" not in code.metadata
    assert "counts = ...  # your code here" in code.source
    assert "widgets" not in exercise.metadata


def test_generation_does_not_change_the_solution_and_is_deterministic():
    solution = _solution()
    before = nbformat.writes(solution)
    first = notebook_text(exercise_from_solution(solution))
    assert nbformat.writes(solution) == before
    assert notebook_text(exercise_from_solution(_solution())) == first


def test_write_and_check_sync(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    _write(solutions / "01_a.ipynb", _solution())
    assert check_sync(solutions, exercises).missing == ("01_a.ipynb",)
    assert [p.name for p in write_exercises(solutions, exercises)] == ["01_a.ipynb"]
    assert check_sync(solutions, exercises).ok
    assert write_exercises(solutions, exercises) == []  # nothing changed the second time


def test_check_sync_names_a_drifted_exercise(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    _write(solutions / "01_a.ipynb", _solution())
    write_exercises(solutions, exercises)
    edited = nbformat.read(exercises / "01_a.ipynb", as_version=4)
    edited.cells[0].source = "# Exercise, edited by hand"
    _write(exercises / "01_a.ipynb", edited)
    _write(exercises / "99_orphan.ipynb", _notebook())
    report = check_sync(solutions, exercises)
    assert not report.ok
    assert report.differing == ("01_a.ipynb",) and report.orphaned == ("99_orphan.ipynb",)
    message = report.message()
    assert "01_a.ipynb: differs" in message and "edited by hand" in message and "make exercises" in message


def test_cli_exercises_and_check_sync(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "solutions" / "01_a.ipynb", _solution())
    assert main(["check-sync"]) == 1
    assert "no exercise" in capsys.readouterr().out
    assert main(["exercises"]) == 0
    assert main(["check-sync"]) == 0
    assert "in step" in capsys.readouterr().out
    assert main(["no-such-command"]) == 2


# --------------------------------------------------------------------------- rules


def _executed(*sources, outputs=None):
    cells = [new_markdown_cell("# Title")]
    for i, source in enumerate(sources, start=1):
        cells.append(new_code_cell(source, execution_count=i, outputs=(outputs or {}).get(i, [])))
    return _notebook(*cells)


def test_a_clean_reference_notebook_has_no_problems(tmp_path):
    assert notebook_problems(tmp_path / "solutions" / "a.ipynb", _executed("x = 1", "print(x)")) == []


def test_an_unexecuted_reference_cell_is_a_problem(tmp_path):
    nb = _executed("x = 1", "y = 2")
    nb.cells[2].execution_count = None
    problems = notebook_problems(tmp_path / "solutions" / "a.ipynb", nb)
    assert any("Cell 1: not executed" in p for p in problems)


def test_gaps_in_execution_counts_are_a_problem(tmp_path):
    nb = _executed("x = 1", "y = 2")
    nb.cells[2].execution_count = 5
    assert any("expected 2" in p for p in notebook_problems(tmp_path / "workshops" / "a.ipynb", nb))


@pytest.mark.parametrize("output, words", [
    (new_output("error", ename="ValueError", evalue="bad", traceback=[]), "stored error"),
    (new_output("stream", name="stderr", text="DeprecationWarning: old\n"), "stderr"),
    (new_output("stream", name="stdout", text="saved to /home/ana/my_work/map.csv\n"), "machine path"),
    (new_output("stream", name="stdout", text="C:\\Users\\ana\\map.csv\n"), "Windows path"),
    (new_output("stream", name="stdout", text="exported on 2026-03-14\n"), "date"),
    (new_output("stream", name="stdout", text="at 14:03:59\n"), "time of day"),
    (new_output("execute_result", data={"text/plain": "<Thing at 0x7f3a2b1c9d00>"}, execution_count=1), "memory address"),
    (new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Figure size 800x600 with 1 Axes>"}),
     "without a text alternative"),
    (new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "a"},
                                      "text/plain": "VBox(children=(HTML(value='x'),))"}), "default repr"),
])
def test_forbidden_outputs_are_problems(tmp_path, output, words):
    nb = _executed("x = 1", outputs={1: [output]})
    problems = notebook_problems(tmp_path / "solutions" / "a.ipynb", nb)
    assert any(words in p for p in problems), problems


def test_relative_work_paths_are_allowed(tmp_path):
    nb = _executed("x = 1", outputs={1: [new_output("stream", name="stdout", text="Saved in my_work/exports/pitch.html\n")]})
    assert notebook_problems(tmp_path / "solutions" / "a.ipynb", nb) == []


def test_kernelspec_widget_state_and_magics_are_problems(tmp_path):
    nb = _executed("%matplotlib inline", "!pip install x")
    nb.metadata["kernelspec"]["name"] = "qi-workshop"
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    problems = " ".join(notebook_problems(tmp_path / "solutions" / "a.ipynb", nb))
    assert "'qi-workshop'" in problems and "metadata.widgets" in problems and "magics" in problems


def test_exercises_must_be_stored_without_outputs(tmp_path):
    assert any("without outputs" in p for p in notebook_problems(tmp_path / "exercises" / "a.ipynb", _executed("x = 1")))


WORKSHOP_OPENING = ("# 09 · A lesson\n\n**Time needed:** about 20 minutes.\n\n## Learning objectives\n\n1. one\n\n"
                    "## What you will leave with\n\n- a thing")
WORKSHOP_CLOSING = "## Key points\n\n- one\n\n## Discussion prompts\n\n1. why?"


def _workshop(*code, closing=WORKSHOP_CLOSING):
    cells = [new_markdown_cell(WORKSHOP_OPENING)]
    for i, source in enumerate(code, start=1):
        cells += [new_markdown_cell("This cell shows the map."), new_code_cell(source, execution_count=i)]
    cells.append(new_markdown_cell(closing))
    return _notebook(*cells)


def test_a_well_shaped_workshop_notebook_passes():
    nb = _workshop("import qi_kit", "qi_kit.my_map()")
    assert workshop_problems(nb) == []
    assert minutes_needed(nb) == 20


def test_workshop_skeleton_is_required():
    nb = _workshop("x = 1", closing="## The end")
    nb.cells[0].source = "# Title only"
    problems = " ".join(workshop_problems(nb))
    for words in ("Learning objectives", "minutes", "What you will leave with", "Key points", "Discussion"):
        assert words in problems


def test_long_workshop_cells_and_missing_markdown_are_problems():
    nb = _workshop("a = 1\nb = 2\nc = 3\nd = 4\ne = 5")
    nb.cells.insert(2, new_code_cell("x = 1", execution_count=1))
    problems = " ".join(workshop_problems(nb))
    assert "5 lines" in problems and "markdown cell before it" in problems


def test_a_picture_needs_a_what_to_notice_sentence():
    picture = new_output("display_data", data={"image/png": "iVBOR", "text/plain": "[picture] A map."})
    nb = _workshop("show()")
    nb.cells[2].outputs = [picture]
    assert any("What to notice" in p for p in workshop_problems(nb))
    nb.cells[3].source = "**What to notice:** Rosa is at the centre.\n\n" + nb.cells[3].source
    assert workshop_problems(nb) == []


# --------------------------------------------------------------------------- refresh


def test_normalise_metadata():
    nb = _executed("x = 1")
    nb.metadata.update({"widgets": {}, "kernelspec": {"name": "workshop"},
                        "language_info": {"name": "python", "version": "3.11.7"}})
    nb.cells[1].metadata["execution"] = {}
    normalise_metadata(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3" and "widgets" not in nb.metadata
    assert nb.metadata["language_info"] == {"name": "python"} and nb.cells[1].metadata == {}


def test_refresh_runs_in_an_empty_work_folder_and_stores_outputs(tmp_path):
    real = os.environ["QI_KIT_WORK_DIR"]
    nb = _notebook(new_markdown_cell("# Try"),
                   new_code_cell("import os, qi_kit\nprint(os.environ['QI_KIT_WORK_DIR'] != %r)" % real),
                   new_code_cell("print(qi_kit.work_summary().splitlines()[1])"))
    path = _write(tmp_path / "solutions" / "try.ipynb", nb)
    refresh_notebook(path)
    done = nbformat.read(path, as_version=4)
    codes = [c for c in done.cells if c.cell_type == "code"]
    assert [c.execution_count for c in codes] == [1, 2]
    assert codes[0].outputs[0]["text"] == "True\n"
    assert codes[1].outputs[0]["text"].startswith("Saved so far: nothing yet")
    assert notebook_problems(path) == []
    assert os.environ["QI_KIT_WORK_DIR"] == real  # restored


def test_refresh_of_a_failing_notebook_names_the_cell_and_keeps_the_file(tmp_path):
    nb = _notebook(new_markdown_cell("# Try"), new_code_cell("x = 1"), new_code_cell("1 / 0"))
    path = _write(tmp_path / "workshops" / "bad.ipynb", nb)
    before = path.read_text()
    with pytest.raises(RefreshError, match="Cell 1 .*ZeroDivisionError"):
        refresh_notebook(path)
    assert path.read_text() == before


def test_refreshing_twice_gives_the_same_file(tmp_path):
    nb = _notebook(new_markdown_cell("# Try"),
                   new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"))
    path = _write(tmp_path / "workshops" / "widget.ipynb", nb)
    refresh_notebook(path)
    first = path.read_text()
    refresh_notebook(path)
    assert path.read_text() == first
    view = nbformat.read(path, as_version=4).cells[1].outputs[0].data["application/vnd.jupyter.widget-view+json"]
    assert len(view["model_id"]) == 32
