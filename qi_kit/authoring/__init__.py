"""Tools for the people who write and maintain the notebooks (not needed by participants).

``python -m qi_kit.authoring COMMAND`` (or the Makefile targets named in brackets):

- ``exercises`` (``make exercises``): write ``exercises/`` from ``solutions/``;
- ``check-sync``: fail, naming the notebooks, if ``exercises/`` differs from what the
  solutions generate;
- ``refresh [NOTEBOOK-OR-FOLDER ...]`` (``make refresh``): re-run notebooks in a fresh kernel
  and an empty work folder and save their outputs, on purpose, after an edit;
- ``lint [NOTEBOOK-OR-FOLDER ...]``: the rules that keep validation honest (executed reference
  notebooks, plain kernelspec, no widget state, no errors or machine paths in outputs) and the
  shape of the workshop lessons.

The notebook machinery (nbformat, nbclient) comes with JupyterLab and is imported only here.
"""

from __future__ import annotations

from .exercises import (AuthoringError, SyncReport, check_sync, exercise_from_solution, placeholder_for,
                        read_notebook, strip_solution, write_exercises)
from .rules import notebook_problems

__all__ = ["AuthoringError", "SyncReport", "check_sync", "exercise_from_solution", "notebook_problems",
           "placeholder_for", "read_notebook", "strip_solution", "write_exercises"]
