"""Every workshop notebook, run in a real JupyterLab as a participant runs it (Run > Run All Cells).

The notebooks are found when the tests are collected, so a new notebook in ``workshops/`` is
covered without touching this file. As with ``make lab``, the participant's own copies in
``my_work/notebooks/`` are opened, never the lesson files. They run in name order (the order of
the workshop) in one kernel each, sharing one temporary work folder, as a participant's
notebooks share ``my_work/``.

After each run a screenshot of the whole notebook is saved in ``test-artifacts/screenshots/``
(git-ignored): what a participant sees, for a person to look at.
"""

from __future__ import annotations

import pytest

from .conftest import WORKSHOPS, notebook_path

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(path.name for path in WORKSHOPS.glob("*.ipynb"))


# ids without ".ipynb": a failure here is not an nbval output difference (the root conftest
# prints nbval's "run make refresh" hint for failed test ids that name a notebook file)
@pytest.mark.parametrize("notebook", NOTEBOOKS or [None],
                         ids=lambda name: name.removesuffix(".ipynb") if name else "no-notebooks-yet")
def test_notebook_runs_cleanly_in_the_browser(participant, notebook):
    if notebook is None:
        pytest.skip("No notebooks in workshops/ yet.")
    name = notebook.removesuffix(".ipynb")
    participant.open(notebook_path(notebook))
    finished = participant.run_all()
    report = participant.read(name)
    report.screenshot = participant.screenshot(name)
    problems = report.problems() + participant.problems()
    assert not problems, (f"{report.summary()}\nWhat a participant would see going wrong in {notebook} "
                          f"(screenshot: {report.screenshot}):\n  " + "\n  ".join(problems))
    assert finished, f"Run All did not finish cleanly in {notebook} ({report.summary()})"
