"""Timings that add up: the minutes of each section of a workshop notebook, and the agendas.

The agreed rule (interface 1): every ``## `` heading of a workshop notebook, except the lesson's
frame ("Learning objectives", "What you will leave with", "Key points", "Discussion prompts",
"Sources"), ends with ``(N min)``, and the sections' minutes add up to the notebook's
``**Time needed:** about T minutes`` line. The facilitator guide's agendas are tables whose rows
say when each part starts, how many minutes it takes and which notebook sections it covers::

    | start | minutes | what | notebook sections |
    | --- | --- | --- | --- |
    | 0:10 | 10 | Three kinds of leadership; the poll | `01_leadership_is_everywhere` §1, §3 |
    | 1:30 |  | end |  |

:func:`agenda_problems` checks that each row's minutes are the sum of the sections it names,
that each row starts when the one before ends, and that the agenda ends when its heading says.
:func:`code_to_type` finds markdown that asks a participant to type a call (interface 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

#: the lesson's frame: headings that carry no minutes
FRAME_HEADINGS: tuple[str, ...] = ("learning objectives", "what you will leave with", "key points",
                                   "discussion prompts", "sources")
SECTION = re.compile(r"^## +(?P<title>.+?)\s*$", re.M)
MINUTES = re.compile(r"\((?P<n>\d+) min\)$")
TIME_NEEDED = re.compile(r"\*\*Time needed:\*\*\s*about\s+(?P<n>\d+)\s+minutes", re.I)
_FENCE = re.compile(r"```.*?```", re.S)


@dataclass(frozen=True)
class Section:
    """One timed section of a notebook: its number (from 1), title (without the minutes) and minutes."""

    number: int
    title: str
    minutes: int | None


def _markdown(notebook: Mapping[str, Any]) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook.get("cells", []) if c.get("cell_type") == "markdown"]


def sections(notebook: Mapping[str, Any]) -> list[Section]:
    """The notebook's ``## `` sections outside the lesson's frame, numbered from 1, in order.

    >>> nb = {"cells": [{"cell_type": "markdown", "source": ["## Key points", "\\n", "## Meet the ward (5 min)"]}]}
    >>> sections(nb)
    [Section(number=1, title='Meet the ward', minutes=5)]
    """
    found = []
    for text in _markdown(notebook):
        for match in SECTION.finditer(_FENCE.sub("", text)):
            title = match.group("title").strip()
            if title.casefold().startswith(FRAME_HEADINGS):
                continue
            minutes = MINUTES.search(title)
            found.append(Section(len(found) + 1, MINUTES.sub("", title).strip(),
                                 int(minutes.group("n")) if minutes else None))
    return found


def time_needed(notebook: Mapping[str, Any]) -> int | None:
    """The minutes on the notebook's ``**Time needed:** about T minutes`` line (None if there is none)."""
    for text in _markdown(notebook):
        found = TIME_NEEDED.search(text)
        if found:
            return int(found.group("n"))
    return None


def timing_problems(notebook: Mapping[str, Any]) -> list[str]:
    """Every broken timing rule of one workshop notebook, in words an instructor can act on."""
    problems = []
    parts = sections(notebook)
    for part in parts:
        if part.minutes is None:
            problems.append(f"the section '{part.title}' does not end with its minutes, e.g. '(5 min)'.")
    needed = time_needed(notebook)
    if needed is None:
        problems.append("the first cell needs a '**Time needed:** about T minutes' line.")
    elif all(p.minutes is not None for p in parts):
        total = sum(p.minutes for p in parts)  # type: ignore[misc]
        if total != needed:
            problems.append(f"the sections add up to {total} minutes, but 'Time needed' says {needed}: change one "
                            "of them so they agree.")
    return problems


# --------------------------------------------------------------------------- code a participant would type

#: inline code that is a call (``qi_kit.explain("x")``, ``ReflectionSliders(...)``)
_INLINE_CALL = re.compile(r"`[^`\n]*[A-Za-z_][\w.]*\([^`\n]*\)[^`\n]*`")
_FENCED_CALL = re.compile(r"```[^\n]*\n(?P<code>.*?)```", re.S)


def code_to_type(notebook: Mapping[str, Any]) -> list[str]:
    """Markdown that asks a participant to type or edit a call: each snippet found ([] if none).

    Interface 2: everything in a workshop notebook is reached by a widget, so no markdown cell
    shows a call to type (inline code with brackets, or a fenced block of code).
    """
    found = []
    for text in _markdown(notebook):
        for match in _FENCED_CALL.finditer(text):
            if re.search(r"[A-Za-z_][\w.]*\(", match.group("code")):
                found.append(match.group(0).strip()[:80])
        found += [m.group(0) for m in _INLINE_CALL.finditer(_FENCE.sub("", text))]
    return found


# --------------------------------------------------------------------------- agendas

_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>\d\d)$")
_NOTEBOOK = re.compile(r"`(?P<stem>\d\d_\w+)`(?P<rest>[^|`]*)")
_HEADING = re.compile(r"^### +(?P<title>.+)$", re.M)


@dataclass(frozen=True)
class AgendaRow:
    start: int  # minutes from the start
    minutes: int | None
    what: str
    parts: tuple[tuple[str, tuple[int, ...] | None], ...]  # (notebook stem, section numbers or None = all)


@dataclass(frozen=True)
class Agenda:
    title: str
    total: int | None
    rows: tuple[AgendaRow, ...]


def _clock(text: str) -> int | None:
    found = _CLOCK.match(text.strip())
    return int(found.group("h")) * 60 + int(found.group("m")) if found else None


def _parts(cell: str) -> tuple[tuple[str, tuple[int, ...] | None], ...]:
    out = []
    for match in _NOTEBOOK.finditer(cell):
        numbers = tuple(int(n) for n in re.findall(r"§\s*(\d+)", match.group("rest")))
        out.append((match.group("stem"), numbers or None))
    return tuple(out)


def _total(title: str) -> int | None:
    equal = re.search(r"=\s*(\d+)\s+minutes", title)
    plain = re.search(r"(\d+)\s+minutes", title)
    found = equal or plain
    return int(found.group(1)) if found else None


def read_agendas(guide: str) -> list[Agenda]:
    """The agendas of the facilitator guide: every ``###`` section whose table starts with 'start | minutes'."""
    agendas = []
    headings = list(_HEADING.finditer(guide))
    for i, heading in enumerate(headings):
        body = guide[heading.end(): headings[i + 1].start() if i + 1 < len(headings) else len(guide)]
        lines = [line for line in body.splitlines() if line.startswith("|")]
        if not lines or not re.match(r"^\|\s*start\s*\|\s*minutes\s*\|", lines[0], re.I):
            continue
        rows = []
        for line in lines[2:]:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 4:
                continue
            start = _clock(cells[0])
            if start is None:
                continue
            minutes = int(cells[1]) if cells[1].isdigit() else None
            rows.append(AgendaRow(start, minutes, cells[2], _parts(cells[3])))
        agendas.append(Agenda(heading.group("title").strip(), _total(heading.group("title")), tuple(rows)))
    return agendas


def agenda_problems(agenda: Agenda, notebooks: Mapping[str, Sequence[Section]]) -> list[str]:
    """Every way an agenda does not add up (``notebooks``: stem -> its sections)."""
    problems = []
    rows = list(agenda.rows)
    if not rows:
        return [f"{agenda.title}: no rows."]
    for row, after in zip(rows, rows[1:]):
        if row.minutes is None:
            problems.append(f"{agenda.title}: the row '{row.what}' has no minutes.")
            continue
        if row.start + row.minutes != after.start:
            problems.append(f"{agenda.title}: '{row.what}' starts at {row.start} and takes {row.minutes} minutes, but "
                            f"the next row starts at {after.start}.")
    end = rows[-1]
    if end.minutes is not None:
        problems.append(f"{agenda.title}: the last row should be the end time, with no minutes.")
    if agenda.total is not None and end.start != agenda.total:
        problems.append(f"{agenda.title}: it ends after {end.start} minutes, but its heading says {agenda.total}.")
    for row in rows[:-1]:
        if not row.parts or row.minutes is None:
            continue
        total = 0
        for stem, numbers in row.parts:
            if stem not in notebooks:
                problems.append(f"{agenda.title}: '{row.what}' names `{stem}`, which is not a workshop notebook.")
                continue
            by_number = {s.number: s for s in notebooks[stem]}
            wanted = numbers or tuple(by_number)
            for n in wanted:
                if n not in by_number:
                    problems.append(f"{agenda.title}: `{stem}` has no section §{n}.")
                elif by_number[n].minutes is not None:
                    total += by_number[n].minutes  # type: ignore[operator]
        if total != row.minutes:
            problems.append(f"{agenda.title}: '{row.what}' takes {row.minutes} minutes, but the sections it names add "
                            f"up to {total}.")
    return problems


def covered(agenda: Agenda, notebooks: Mapping[str, Sequence[Section]]) -> dict[str, list[Section]]:
    """Which sections of which notebooks an agenda covers: stem -> sections."""
    out: dict[str, list[Section]] = {}
    for row in agenda.rows:
        for stem, numbers in row.parts:
            parts = list(notebooks.get(stem, ()))
            out.setdefault(stem, []).extend(s for s in parts if numbers is None or s.number in numbers)
    return out


def notebook_sections(folder: str | Path) -> dict[str, list[Section]]:
    """Every workshop notebook in ``folder``: stem -> its sections."""
    import json

    return {p.stem: sections(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(Path(folder).glob("*.ipynb"))}
