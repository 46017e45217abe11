"""Every workshop notebook ends with a real link to the next one (the last links back to the start).

A participant clicks "Next:" to open the next notebook in JupyterLab; a name in backticks cannot
be clicked. The links are relative, so they work in ``workshops/`` and in a participant's own
copies of the notebooks alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

WORKSHOPS = Path(__file__).resolve().parents[1] / "workshops"
NOTEBOOKS = sorted(WORKSHOPS.glob("*.ipynb"))
NEXT = re.compile(r"\*\*Next:\*\*[^\n]*?\[([^\]]+)\]\(([^)\s]+)\)")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _title(path: Path) -> str:
    for cell in _cells(path):
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return line[2:].strip()
    return ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_last_cell_links_to_the_next_notebook(path):
    following = NOTEBOOKS[(NOTEBOOKS.index(path) + 1) % len(NOTEBOOKS)]
    last = _cells(path)[-1]
    assert last["cell_type"] == "markdown", f"{path.name}: the last cell is not a markdown cell"
    text = "".join(last["source"])
    found = NEXT.findall(text)
    assert found, f"{path.name}: the last cell has no '**Next:** [title](file.ipynb)' link"
    words, target = found[-1]
    assert target == following.name, f"{path.name}: 'Next' links to {target}, not to {following.name}"
    assert (path.parent / target).is_file()
    assert words == _title(following), f"{path.name}: the link says {words!r}, the next notebook is {_title(following)!r}"
    assert not re.search(r"\*\*Next:\*\*\s*`", text), f"{path.name}: a 'Next' in backticks cannot be clicked"


def test_there_are_workshop_notebooks():
    assert len(NOTEBOOKS) >= 2
