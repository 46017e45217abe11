"""Every workshop notebook, run in a real JupyterLab as a participant runs it (Run > Run All Cells).

The notebooks are found when the tests are collected, so a new notebook in ``workshops/`` is
covered without touching this file. As with ``make lab``, the participant's own copies in
``my_work/notebooks/`` are opened, never the lesson files. They run in name order (the order of
the workshop) in one kernel each, sharing one temporary work folder, as a participant's
notebooks share ``my_work/``.
Each notebook runs once, in a browser window of a typical laptop's width (1280 x 800 CSS
pixels, JupyterLab's file browser open); three tests then read what was seen:

1. it ran cleanly: no error, every cell ran, every widget and picture drew;
2. a room can read it: every picture of the kit shows its text at 10 pixels or more (the kit
   draws text of 11 pixels or more, so a picture may be shrunk to 90 % at most), no picture is
   cut at the output's edge, every picture has alt text, and no button, label or drop-down
   shows its words cut off ("Add per…");
3. the kit's output passes an accessibility audit (axe-core, bundled in the
   ``axe-playwright-python`` package, so nothing is downloaded) with no serious or critical
   violation.

After each run a screenshot of the whole notebook is saved in ``test-artifacts/screenshots/``
(git-ignored): what a participant sees, for a person to look at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from .conftest import WORKSHOPS, browser_tab, notebook_path
from .labdriver import NotebookReport, audit_accessibility, legibility_problems, read_legibility

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(path.name for path in WORKSHOPS.glob("*.ipynb"))
#: axe-core's impact levels that fail the audit
BLOCKING = ("serious", "critical")


@dataclass
class Seen:
    """What a participant saw in one notebook after Run All."""

    report: NotebookReport
    finished: bool
    browser_problems: list[str]
    legibility: dict = field(default_factory=dict)
    violations: list[dict] = field(default_factory=list)


@pytest.fixture(scope="session")
def seen_notebooks() -> dict[str, Seen]:
    return {}


def look_at(notebook: str, context, lab, cache: dict[str, Seen]) -> Seen:
    """Run one workshop notebook in a fresh tab (once per test session) and record what it shows."""
    if notebook not in cache:
        name = notebook.removesuffix(".ipynb")
        with browser_tab(context, lab) as person:
            person.open(notebook_path(notebook))
            finished = person.run_all()
            report = person.read(name)
            report.screenshot = person.screenshot(name)
            legibility = read_legibility(person)
            violations = audit_accessibility(person)
            cache[notebook] = Seen(report, finished, person.problems(), legibility, violations)
    return cache[notebook]


def _params():
    # ids without ".ipynb": a failure here is not an nbval output difference (the root conftest
    # prints nbval's "run make refresh" hint for failed test ids that name a notebook file)
    return pytest.mark.parametrize("notebook", NOTEBOOKS or [None],
                                   ids=lambda name: name.removesuffix(".ipynb") if name else "no-notebooks-yet")


@_params()
def test_notebook_runs_cleanly_in_the_browser(browser_context, lab, seen_notebooks, notebook):
    if notebook is None:
        pytest.skip("No notebooks in workshops/ yet.")
    seen = look_at(notebook, browser_context, lab, seen_notebooks)
    report = seen.report
    problems = report.problems() + seen.browser_problems
    assert not problems, (f"{report.summary()}\nWhat a participant would see going wrong in {notebook} "
                          f"(screenshot: {report.screenshot}):\n  " + "\n  ".join(problems))
    assert seen.finished, f"Run All did not finish cleanly in {notebook} ({report.summary()})"


@_params()
def test_a_room_can_read_it(browser_context, lab, seen_notebooks, notebook):
    if notebook is None:
        pytest.skip("No notebooks in workshops/ yet.")
    seen = look_at(notebook, browser_context, lab, seen_notebooks)
    problems = legibility_problems(seen.legibility)
    assert not problems, (f"In {notebook} at {seen.legibility['viewport']} (screenshot: {seen.report.screenshot}):"
                          "\n  " + "\n  ".join(problems))


@_params()
def test_the_kit_output_passes_the_accessibility_audit(browser_context, lab, seen_notebooks, notebook):
    if notebook is None:
        pytest.skip("No notebooks in workshops/ yet.")
    seen = look_at(notebook, browser_context, lab, seen_notebooks)
    blocking = [v for v in seen.violations if v["impact"] in BLOCKING]
    lines = [f"{v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])} element(s), e.g. {v['nodes'][0]}"
             for v in blocking]
    assert not blocking, f"axe-core in {notebook}:\n  " + "\n  ".join(lines)


def test_next_opens_the_next_notebook(participant):
    """The "Next:" link at the end of a notebook opens the next one in JupyterLab (a click, no typing)."""
    if len(NOTEBOOKS) < 2:
        pytest.skip("Fewer than two workshop notebooks.")
    first, second = NOTEBOOKS[:2]
    cells = json.loads((WORKSHOPS / second).read_text(encoding="utf-8"))["cells"]
    title = next(line[2:].strip() for cell in cells if cell["cell_type"] == "markdown"
                 for line in "".join(cell["source"]).splitlines() if line.startswith("# "))
    participant.open(notebook_path(first))
    with participant.tall() as page:
        link = page.locator(".jp-RenderedMarkdown a", has_text=title).last
        link.click()
        page.wait_for_function("(path) => window.jupyterapp.shell.currentWidget.context.path === path",
                               arg=notebook_path(second), timeout=30_000, polling=200)
