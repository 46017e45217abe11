"""The rules that keep notebook validation honest and the lessons in shape.

``pytest --nbval`` compares a cell's outputs only if the stored cell was executed: a notebook
stripped of its outputs would pass as a mere "it runs" check. Other small things break
validation on another machine (a custom kernel name, stale widget state, a path or a time in
an output). :func:`notebook_problems` lists every such problem in one notebook, in words an
instructor can act on; ``python -m qi_kit.authoring lint`` runs it on every notebook, and
``tests/test_notebooks.py`` fails on any problem.

The rules per folder:

- every notebook: plain ``python3`` kernelspec; no saved widget state (``metadata.widgets``);
  no error outputs, no warnings (stderr) in stored outputs; no magics or shell commands; no
  machine path, date, time or memory address in any output; every picture has a text
  alternative; widgets show a short sentence, not their default repr, as their text fallback.
- ``workshops/`` and ``solutions/`` (reference notebooks): executed top to bottom, code cells
  numbered 1, 2, 3... with no gaps and no empty code cell.
- ``exercises/``: stored without outputs or execution counts.
- ``workshops/`` also follows the lesson skeleton: the first cell gives the learning objectives,
  the minutes needed and what you will leave with; the notebook ends with key points and
  discussion prompts; a markdown cell comes before every code cell; a code cell is at most
  :data:`MAX_WORKSHOP_LINES` lines; a picture is followed by a "what to notice" sentence.
- ``workshops/facilitator/`` (the facilitator's notebooks): executed like the lessons, and
  widget-first (the same cell rules), without the lesson skeleton.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

MAX_WORKSHOP_LINES = 4
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MAX_WIDGET_TEXT = 160

#: what must never appear in a stored output, with the reason shown to the instructor
FORBIDDEN_IN_OUTPUT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![\w.])(/home/|/Users/|/tmp/|/var/folders/|/private/|/root/|/work/|/mnt/)"),
     "a machine path (say 'my_work/...' instead)"),
    (re.compile(r"[A-Za-z]:\\\\?[A-Za-z]"), "a Windows path"),
    (re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b"), "a date (it changes every run)"),
    (re.compile(r"\b[0-2]\d:[0-5]\d:[0-5]\d\b"), "a time of day (it changes every run)"),
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "a memory address (a default Python repr)"),
)
#: a default widget repr starts with the class name and a bracket: long and full of values
DEFAULT_WIDGET_REPR = re.compile(r"^[A-Z]\w*\((children|value|layout|options|description)=")

OBJECTIVES = re.compile(r"^#+\s*(learning objectives|what you will learn)\b", re.I | re.M)
MINUTES = re.compile(r"\b\d+\s*(minutes|min)\b", re.I)
LEAVE_WITH = re.compile(r"^#+\s*what you will leave with\b", re.I | re.M)
KEY_POINTS = re.compile(r"^#+\s*key points\b", re.I | re.M)
DISCUSSION = re.compile(r"^#+\s*(discussion|questions to discuss)", re.I | re.M)
NOTICE = re.compile(r"\bnotice\b", re.I)


def _outputs_text(output: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(kind, text) for every text an output holds (images skipped)."""
    if output.get("output_type") == "stream":
        yield output.get("name", "stream"), output.get("text", "")
    for mime, value in (output.get("data") or {}).items():
        if mime.startswith("text/") or mime == "application/json":
            yield mime, value if isinstance(value, str) else str(value)


def _code_cells(notebook: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, c) for i, c in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code")]


def common_problems(notebook: dict[str, Any]) -> list[str]:
    """Problems any notebook of the kit must not have."""
    problems = []
    metadata = notebook.get("metadata", {})
    kernel = (metadata.get("kernelspec") or {}).get("name")
    if kernel != "python3":
        problems.append(f"the kernelspec is {kernel!r}, not the plain 'python3' (run `make refresh`).")
    if "widgets" in metadata:
        problems.append("saved widget state in metadata.widgets (turn off 'Save widget state "
                        "automatically' and run `make refresh`).")
    for number, cell in _code_cells(notebook):
        where = f"Cell {number}"
        for line in cell["source"].splitlines():
            if line.lstrip().startswith(("%", "!")):
                problems.append(f"{where}: magics and shell commands are not allowed ({line.strip()[:40]}).")
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "error":
                problems.append(f"{where}: a stored error ({output.get('ename')}): fix the cell, then `make refresh`.")
            if kind == "stream" and output.get("name") == "stderr":
                problems.append(f"{where}: a warning or error text (stderr) is stored: fix its cause.")
            data = output.get("data") or {}
            if ("image/png" in data or "image/svg+xml" in data) and not str(data.get("text/plain", "")).startswith("[picture]"):
                problems.append(f"{where}: a picture without a text alternative (show it with qi_kit's Picture).")
            if WIDGET_VIEW in data:
                text = str(data.get("text/plain", ""))
                if len(text) > MAX_WIDGET_TEXT or DEFAULT_WIDGET_REPR.match(text):
                    problems.append(f"{where}: a widget's text fallback is its long default repr "
                                    f"({text[:40]}...): give the widget a short __repr__ sentence.")
            for mime, text in _outputs_text(output):
                for pattern, what in FORBIDDEN_IN_OUTPUT:
                    found = pattern.search(text)
                    if found:
                        problems.append(f"{where}: the output ({mime}) shows {what}: {found.group(0)!r}.")
    return problems


def reference_problems(notebook: dict[str, Any]) -> list[str]:
    """A reference notebook (workshops/, solutions/) is stored executed, with no gaps."""
    problems = []
    expected = 1
    for number, cell in _code_cells(notebook):
        if not cell["source"].strip():
            problems.append(f"Cell {number}: an empty code cell (delete it).")
            continue
        count = cell.get("execution_count")
        if count is None:
            problems.append(f"Cell {number}: not executed, so validation would not compare it "
                            "(run `make refresh` and commit the outputs).")
        elif count != expected:
            problems.append(f"Cell {number}: execution count {count}, expected {expected} "
                            "(run the notebook top to bottom with `make refresh`).")
        expected += 1
    return problems


def exercise_problems(notebook: dict[str, Any]) -> list[str]:
    """An exercise is stored clean: no outputs, no execution counts."""
    return [f"Cell {number}: exercises are stored without outputs (run `make exercises`)."
            for number, cell in _code_cells(notebook) if cell.get("outputs") or cell.get("execution_count")]


def workshop_problems(notebook: dict[str, Any]) -> list[str]:
    """The lesson skeleton of a workshop notebook (see the module docstring)."""
    problems = []
    cells = notebook["cells"]
    first = cells[0]["source"] if cells and cells[0]["cell_type"] == "markdown" else ""
    for pattern, what in ((OBJECTIVES, "a '## Learning objectives' heading"),
                          (MINUTES, "the minutes needed (e.g. 'about 20 minutes')"),
                          (LEAVE_WITH, "a '## What you will leave with' heading")):
        if not pattern.search(first):
            problems.append(f"the first cell needs {what}.")
    markdown = "\n".join(c["source"] for c in cells if c["cell_type"] == "markdown")
    for pattern, what in ((KEY_POINTS, "'## Key points'"), (DISCUSSION, "'## Discussion prompts'")):
        if not pattern.search(markdown):
            problems.append(f"the notebook needs a {what} section at the end.")
    return problems + widget_first_problems(notebook)


def widget_first_problems(notebook: dict[str, Any]) -> list[str]:
    """Short code cells, each after a markdown cell; a picture followed by what to notice."""
    problems = []
    cells = notebook["cells"]
    number = -1
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        number += 1
        lines = [line for line in cell["source"].splitlines() if line.strip()]
        if len(lines) > MAX_WORKSHOP_LINES:
            problems.append(f"Cell {number}: {len(lines)} lines; workshop code cells are at most "
                            f"{MAX_WORKSHOP_LINES} (move the logic into a qi_kit function).")
        if index == 0 or cells[index - 1]["cell_type"] != "markdown":
            problems.append(f"Cell {number}: put a markdown cell before it saying what it will show.")
        has_picture = any("image/png" in (o.get("data") or {}) for o in cell.get("outputs", []))
        following = cells[index + 1] if index + 1 < len(cells) else None
        if has_picture and not (following and following["cell_type"] == "markdown"
                                and NOTICE.search(following["source"])):
            problems.append(f"Cell {number}: follow the picture with a markdown 'What to notice' sentence.")
    return problems


def folder_role(path: Path) -> str:
    """'workshops', 'solutions', 'exercises' or 'facilitator' from the folder a notebook is in.

    ``workshops/facilitator/`` holds the facilitator's notebooks: not lessons on the participants'
    path (no objectives or key points), but stored executed and widget-first like the lessons.
    """
    path = Path(path)
    if path.parent.name == "facilitator" and path.parent.parent.name == "workshops":
        return "facilitator"
    return path.parent.name


def notebook_problems(path: str | Path, notebook: dict[str, Any] | None = None) -> list[str]:
    """Every rule broken by one notebook, by the folder it lives in."""
    from .exercises import read_notebook

    path = Path(path)
    notebook = read_notebook(path) if notebook is None else notebook
    role = folder_role(path)
    problems = common_problems(notebook)
    if role in ("workshops", "solutions", "facilitator"):
        problems += reference_problems(notebook)
    if role == "facilitator":
        problems += widget_first_problems(notebook)
    if role == "exercises":
        problems += exercise_problems(notebook)
    if role == "workshops":
        problems += workshop_problems(notebook)
    return problems


def minutes_needed(notebook: dict[str, Any]) -> int | None:
    """The minutes a workshop notebook says it needs (the first number before 'minutes')."""
    cells = notebook.get("cells") or []
    found = MINUTES.search(cells[0]["source"]) if cells else None
    return int(re.match(r"\d+", found.group(0)).group(0)) if found else None
