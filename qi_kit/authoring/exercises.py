"""Exercises are generated from solutions, so the two can never drift apart.

``solutions/`` is the only folder an author edits. :func:`exercise_from_solution` turns one
solution notebook into its exercise:

- in a code cell, the lines between a ``# BEGIN SOLUTION`` line and an ``# END SOLUTION`` line
  (markers included) become one placeholder line, indented like the marker. The placeholder
  assigns ``...`` to the name the solution block's *last* statement assigns, so the learner
  sees ``leaders = ...  # your code here`` and the self-check after it answers "not answered
  yet" instead of failing; a block whose last statement assigns nothing becomes
  ``# your code here``;
- cells tagged ``solution`` (a worked answer, a note for the instructor) are left out;
- outputs, execution counts and execution metadata are dropped: exercises are stored clean.

The output is deterministic (same solution in, same bytes out), so :func:`check_sync` can
compare the committed exercises with what the solutions generate today.

References
----------
The scheme follows INRIA's scikit-learn MOOC (``build_tools/generate-exercise-from-solution.py``),
written after exercises and solutions drifted apart during a live course; the markers are
nbgrader's, which many teaching tools recognise.
"""

from __future__ import annotations

import ast
import copy
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
SOLUTION_TAG = "solution"
PLACEHOLDER_COMMENT = "# your code here"

_BEGIN_RE = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION\s*$")
_END_RE = re.compile(r"^[ \t]*# END SOLUTION\s*$")


class AuthoringError(ValueError):
    """A solution notebook that cannot be turned into an exercise (the message says where)."""


@dataclass(frozen=True)
class SyncReport:
    """How ``exercises/`` compares with what ``solutions/`` would generate."""

    missing: tuple[str, ...] = ()     # a solution whose exercise does not exist
    orphaned: tuple[str, ...] = ()    # an exercise with no solution
    differing: tuple[str, ...] = ()   # an exercise that is not what its solution generates
    details: tuple[str, ...] = ()     # the first lines of each difference

    @property
    def ok(self) -> bool:
        return not (self.missing or self.orphaned or self.differing)

    def message(self) -> str:
        if self.ok:
            return "exercises/ is in step with solutions/."
        lines = ["exercises/ is out of step with solutions/:"]
        lines += [f"- {name}: there is a solution but no exercise." for name in self.missing]
        lines += [f"- {name}: there is an exercise but no solution (exercises are made from "
                  "solutions; delete it or add its solution)." for name in self.orphaned]
        lines += [f"- {name}: differs from what its solution generates." for name in self.differing]
        lines += list(self.details)
        lines.append("Fix: edit the solution only, then run `make exercises` "
                     "(python -m qi_kit.authoring exercises) and commit both folders.")
        return "\n".join(lines)


# --------------------------------------------------------------------------- one cell


def placeholder_for(block: str, indent: str = "") -> str:
    """The line that replaces a solution block.

    ``name = ...  # your code here`` for the name the block's last statement assigns (an
    assignment, an annotated or augmented assignment, or a ``def``), else ``# your code here``.

    >>> placeholder_for("g = m.graph('advice')\\nleaders = top(g)")
    'leaders = ...  # your code here'
    >>> placeholder_for("print('hi')")
    '# your code here'
    """
    try:
        tree = ast.parse(_dedent(block, indent))
    except SyntaxError as exc:
        raise AuthoringError(f"the solution block does not parse as Python ({exc.msg}, line {exc.lineno}).") from None
    name = _assigned_name(tree.body[-1]) if tree.body else None
    return f"{indent}{name} = ...  {PLACEHOLDER_COMMENT}" if name else f"{indent}{PLACEHOLDER_COMMENT}"


def _dedent(block: str, indent: str) -> str:
    lines = block.splitlines()
    return "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines)


def _assigned_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        target = statement.target
    elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return statement.name
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def strip_solution(source: str, *, where: str = "a cell") -> str:
    """A code cell's source with each marked solution block replaced by its placeholder.

    Raises
    ------
    AuthoringError
        For a ``BEGIN`` without ``END`` (or the reverse), nested blocks or an empty block.
    """
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    for number, line in enumerate(source.split("\n"), start=1):
        begin, end = _BEGIN_RE.match(line), _END_RE.match(line)
        if begin:
            if block is not None:
                raise AuthoringError(f"{where}, line {number}: a second '{BEGIN}' before '{END}'.")
            block, indent = [], begin.group("indent")
        elif end:
            if block is None:
                raise AuthoringError(f"{where}, line {number}: '{END}' without '{BEGIN}'.")
            if not "".join(block).strip():
                raise AuthoringError(f"{where}, line {number}: the solution block is empty.")
            try:
                out.append(placeholder_for("\n".join(block), indent))
            except AuthoringError as exc:
                raise AuthoringError(f"{where}: {exc}") from None
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise AuthoringError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return "\n".join(out)


# --------------------------------------------------------------------------- one notebook


def _clean_cell(cell: dict[str, Any]) -> dict[str, Any]:
    cell = copy.deepcopy(cell)
    metadata = cell.get("metadata", {})
    metadata.pop("execution", None)
    metadata.pop("scrolled", None)
    if cell["cell_type"] == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    return cell


def exercise_from_solution(notebook: dict[str, Any], *, name: str = "notebook") -> dict[str, Any]:
    """The exercise notebook (a plain dict in nbformat 4) generated from a solution notebook."""
    exercise = copy.deepcopy(notebook)
    cells = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        cell = _clean_cell(cell)
        if cell["cell_type"] == "code":
            cell["source"] = strip_solution(cell["source"], where=f"{name}, cell {index}")
        cells.append(cell)
    exercise["cells"] = cells
    exercise.get("metadata", {}).pop("widgets", None)
    return exercise


def notebook_text(notebook: dict[str, Any]) -> str:
    """A notebook as text, exactly as nbformat writes it (so files and memory compare equal)."""
    import nbformat

    node = nbformat.from_dict(notebook)
    return nbformat.writes(node, version=4) + "\n"


def read_notebook(path: str | Path) -> dict[str, Any]:
    """A notebook file as an nbformat 4 node (cell sources as single strings)."""
    import nbformat

    return nbformat.reads(Path(path).read_text(encoding="utf-8"), as_version=4)


def generated_exercises(solutions: Path) -> dict[str, str]:
    """File name -> text of every exercise the solution notebooks generate."""
    return {path.name: notebook_text(exercise_from_solution(read_notebook(path), name=f"{solutions.name}/{path.name}"))
            for path in sorted(Path(solutions).glob("*.ipynb"))}


def write_exercises(solutions: str | Path = "solutions", exercises: str | Path = "exercises") -> list[Path]:
    """Write ``exercises/`` from ``solutions/``; returns the files that changed.

    Exercises with no solution are left alone (:func:`check_sync` reports them).
    """
    from ..workspace import atomic_write_text

    target = Path(exercises)
    target.mkdir(parents=True, exist_ok=True)
    changed = []
    for filename, text in generated_exercises(Path(solutions)).items():
        path = target / filename
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
            changed.append(path)
    return changed


def check_sync(solutions: str | Path = "solutions", exercises: str | Path = "exercises") -> SyncReport:
    """Compare ``exercises/`` with what ``solutions/`` generates, without writing anything."""
    expected = generated_exercises(Path(solutions))
    present = {path.name: path for path in sorted(Path(exercises).glob("*.ipynb"))}
    differing, details = [], []
    for filename, text in expected.items():
        if filename in present:
            actual = present[filename].read_text(encoding="utf-8")
            if actual != text:
                differing.append(filename)
                diff = difflib.unified_diff(actual.splitlines(), text.splitlines(),
                                            f"exercises/{filename} (committed)",
                                            f"exercises/{filename} (generated)", lineterm="", n=1)
                details += ["  " + line for line in list(diff)[:12]]
    return SyncReport(missing=tuple(sorted(set(expected) - set(present))),
                      orphaned=tuple(sorted(set(present) - set(expected))),
                      differing=tuple(differing), details=tuple(details))
