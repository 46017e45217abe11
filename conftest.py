"""pytest set-up for validating the notebooks with nbval (``make validate``).

Only notebook collectors are touched (``isinstance(..., IPyNbFile)``): the unit tests in
``tests/`` are unaffected, and a missing nbval changes nothing.

1. Each notebook's kernel starts with its own empty work folder (``QI_KIT_WORK_DIR``), under the
   folder the Makefile made for the run or else a pytest temporary folder: validation never
   reads or writes an instructor's real ``my_work/``, and one notebook's saved work cannot
   change another notebook's outputs. This is how ``make refresh`` ran them too.
2. ``stderr`` is not compared. A new library version can add a DeprecationWarning to any cell;
   that is not a change in what the notebook teaches (nbval issue #167; the documented hook,
   guarded as issue #168 advises). ``tests/test_notebooks.py`` still fails if a warning is
   *stored* in a notebook.
3. Notebooks in ``exercises/`` are checked as ``--nbval-lax`` would (they must run; they have
   no stored outputs to compare), so one pytest run validates all three folders.
4. After a failed notebook cell, one line says what to do about it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile

import pytest

try:
    from nbval.plugin import IPyNbCell, IPyNbFile
except ImportError:  # nbval not installed: nothing to set up
    IPyNbCell = IPyNbFile = None

WORK_DIR_ENV = "QI_KIT_WORK_DIR"
HINT = ("a stored output differs: if you changed the notebook on purpose, run `make refresh` "
        "and commit (or `python -m qi_kit.authoring refresh NOTEBOOK` for one notebook).")
_counter = itertools.count(1)
_made: list[str] = []  # a base folder this run created (removed at the end)


def pytest_collectstart(collector):
    if IPyNbFile is not None and isinstance(collector, IPyNbFile):
        collector.skip_compare = tuple(collector.skip_compare) + ("stderr",)
        if collector.path.parent.name == "exercises":
            # Exercises are stored without outputs and only have to run (--nbval-lax), so one
            # pytest run can validate all three folders.
            collector.compare_outputs = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a notebook's kernel starts (its first cell), give it a fresh work folder."""
    if IPyNbCell is None or not isinstance(item, IPyNbCell) or item.parent.kernel is not None:
        return
    base = os.environ.get("QI_KIT_VALIDATE_DIR")  # made fresh by `make validate`
    if base is None:
        base = os.environ["QI_KIT_VALIDATE_DIR"] = tempfile.mkdtemp(prefix="qi_kit-validate-")
        _made.append(base)
    folder = os.path.join(base, f"{next(_counter):02d}-{item.parent.path.stem}", "my_work")
    os.makedirs(folder, exist_ok=True)
    os.environ[WORK_DIR_ENV] = folder


def pytest_unconfigure(config):
    for base in _made:
        shutil.rmtree(base, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    failed = terminalreporter.stats.get("failed", [])
    if any(".ipynb" in report.nodeid for report in failed):
        terminalreporter.write_line("")
        terminalreporter.write_line(HINT)
        if any("Cell outputs differ" not in (report.longreprtext or "") for report in failed
               if ".ipynb" in report.nodeid):
            terminalreporter.write_line("A cell that raised an error is a real fault: fix the cell first.")
