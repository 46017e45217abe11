"""The committed notebooks follow the rules that keep their validation honest.

``make validate`` runs every notebook with nbval. These tests guard what nbval cannot see:
a reference notebook committed without outputs would pass strict nbval untested, a custom
kernel name or saved widget state breaks other machines, an exercise that drifted from its
solution misleads learners, and a workshop lesson without objectives or key points, or with a
long code cell, is not the lesson participants were promised.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qi_kit import checks
from qi_kit.authoring import check_sync, notebook_problems, read_notebook
from qi_kit.authoring.rules import MAX_WORKSHOP_LINES, minutes_needed, workshop_problems

ROOT = Path(__file__).resolve().parents[1]
WORKSHOPS = sorted((ROOT / "workshops").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
FACILITATOR = sorted((ROOT / "workshops" / "facilitator").glob("*.ipynb"))  # not on the participants' path
ALL = WORKSHOPS + SOLUTIONS + EXERCISES + FACILITATOR


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_there_are_notebooks_in_every_folder():
    assert WORKSHOPS and WORKSHOPS[0].name == "00_start_here.ipynb"
    assert SOLUTIONS and EXERCISES and FACILITATOR


def test_facilitator_notebooks_are_checked_as_their_own_kind():
    from qi_kit.authoring.rules import folder_role

    assert {folder_role(p) for p in FACILITATOR} == {"facilitator"}
    assert folder_role(WORKSHOPS[0]) == "workshops"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_notebook_follows_the_rules(path):
    problems = notebook_problems(path)
    assert not problems, f"{_id(path)}:\n" + "\n".join(f"- {p}" for p in problems)


@pytest.mark.parametrize("path", WORKSHOPS + SOLUTIONS + FACILITATOR, ids=_id)
def test_reference_notebooks_were_executed(path):
    """Strict nbval compares a cell only if it was executed: every code cell must have been."""
    code = [c for c in read_notebook(path).cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code)
    assert any(c.outputs for c in code), "no stored outputs at all: run `make refresh`"


@pytest.mark.parametrize("path", WORKSHOPS, ids=_id)
def test_workshop_lesson_shape(path):
    notebook = read_notebook(path)
    assert workshop_problems(notebook) == []
    assert 5 <= minutes_needed(notebook) <= 90
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert len([line for line in cell.source.splitlines() if line.strip()]) <= MAX_WORKSHOP_LINES


@pytest.mark.parametrize("path", WORKSHOPS, ids=_id)
def test_workshops_have_no_logic(path):
    """Code cells are calls into qi_kit: no loops, functions or classes defined in a lesson."""
    for cell in read_notebook(path).cells:
        if cell.cell_type == "code":
            assert not re.search(r"^\s*(def|class|for|while|if|with|try)\b", cell.source, re.M), cell.source


def test_exercises_are_in_step_with_solutions():
    report = check_sync(ROOT / "solutions", ROOT / "exercises")
    assert report.ok, report.message()


@pytest.mark.parametrize("path", SOLUTIONS, ids=_id)
def test_every_solution_has_solution_blocks_and_checks_that_exist(path):
    notebook = read_notebook(path)
    sources = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "# BEGIN SOLUTION" in sources
    for name in set(re.findall(r"\b(check_\w+)\(", sources)):
        assert hasattr(checks, name), f"{_id(path)} calls {name}, which qi_kit.checks does not define"


@pytest.mark.parametrize("path", SOLUTIONS, ids=_id)
def test_every_solution_check_passes_in_the_stored_outputs(path):
    """The reference run of a solution shows every self-check passing."""
    for cell in read_notebook(path).cells:
        if cell.cell_type == "code" and re.search(r"^check_\w+\(", cell.source, re.M):
            text = " ".join(str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
            assert "Correct." in text, f"{_id(path)}: {cell.source!r} shows {text[:200]!r}"


# --------------------------------------------------------------------------- the sanitize file

NBVAL_PAIR = re.compile("^regex: (.*)$\n^replace: (.*)$", flags=re.MULTILINE)  # nbval's own parser


def test_sanitize_file_pairs_are_each_justified():
    text = (ROOT / "tests" / "nbval_sanitize.cfg").read_text()
    pairs = NBVAL_PAIR.findall(text)
    assert len(pairs) == text.count("\nregex:") + text.startswith("regex:"), \
        "a 'regex:' line is not followed by a 'replace: ' line (nbval silently drops the pair)"
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("regex: "):
            assert i > 0 and lines[i - 1].startswith("#"), f"justify the pattern {line!r} in a comment above it"
            re.compile(line[len("regex: "):])
    assert len(pairs) <= 5, "keep the sanitize file short: fix the output instead"


# --------------------------------------------------------------------------- how validation is run


def test_make_validate_is_strict_current_env_and_uses_a_temporary_work_folder():
    makefile = (ROOT / "Makefile").read_text()
    assert "--nbval-current-env" in makefile and "--nbval-sanitize-with tests/nbval_sanitize.cfg" in makefile
    validate = makefile.split("\nvalidate:", 1)[1].split("\n\n", 1)[0]
    assert "--nbval " in validate and "workshops solutions exercises" in validate
    assert "QI_KIT_WORK_DIR=" in validate and "mktemp -d" in validate
    assert "\nrefresh:" in makefile and "qi_kit.authoring refresh" in makefile


def test_notebook_conftest_skips_stderr_only_for_notebooks():
    conftest = (ROOT / "conftest.py").read_text()
    assert "isinstance(collector, IPyNbFile)" in conftest and '"stderr"' in conftest
    assert "make refresh" in conftest


# --------------------------------------------------------------------------- the facilitator guide


def test_facilitator_guide_covers_every_workshop_notebook_and_is_linked():
    guide = (ROOT / "workshops" / "FACILITATOR.md").read_text()
    for path in WORKSHOPS:
        assert path.stem in guide, f"the facilitator guide does not mention {path.stem}"
    for words in ("90 minutes", "Half a day", "full day", "consent", "anonymis", "JupyterHub", "Binder",
                  "make validate", "make refresh"):
        assert words in guide, words
    assert "workshops/FACILITATOR.md" in (ROOT / "README.md").read_text()


def test_facilitator_timings_match_the_notebooks():
    """The guide's table of minutes per notebook says what each notebook's first cell says."""
    guide = (ROOT / "workshops" / "FACILITATOR.md").read_text()
    for path in WORKSHOPS:
        row = re.search(rf"^\|\s*`{path.stem}`\s*\|\s*(\d+)\s*\|", guide, re.M)
        assert row, f"no row for {path.stem} in the guide's timing table"
        assert int(row.group(1)) == minutes_needed(read_notebook(path)), path.stem
