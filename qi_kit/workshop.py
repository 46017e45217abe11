"""Small helpers that keep the workshop notebooks' code cells to one or two lines.

- :func:`my_map`: the participant's own saved map if there is one, otherwise a case study, with
  a sentence saying which (CI always runs with an empty work folder, so stored outputs show the
  ward case).
- :func:`work_summary`: where work is saved and what has been saved so far, in relative names.
- :func:`practice_slider`, :func:`reflection_form`, :func:`action_plan_form`: the small widgets of
  notebooks 00, 01 and 07 (the questions are written here, so a facilitator can change them in
  one place).
- :func:`export_everything`: one take-home page with all the participant's work.

Nothing here holds analysis logic: the helpers only load, choose and hand over.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import WorkspaceError
from .model import StakeholderMap

#: workspace sections written by the notebooks' forms
REFLECTION = "reflection"
ACTION_PLAN = "action_plan"

REFLECTION_QUESTIONS: dict[str, str] = {
    "change_that_stuck": "Think of a change at work that stuck. Who made it happen: someone with a title, "
                         "someone people listen to, or many people together?",
    "listened_to": "Who are the people everyone listens to in your team? Use initials or roles, not names.",
    "your_sources": "Where do you lead without a title? Name one source of influence you already have "
                    "(what you know, who trusts you, what you have done before).",
}

ACTION_PLAN_QUESTIONS: dict[str, str] = {
    "first_conversation": "On Monday, who will you talk to first about your change, and why them?",
    "the_ask": "What exactly will you ask them for, and by when?",
    "informal_leader": "Which informal leader will you ask for advice or to try the change first?",
    "missing_voice": "Whose voice is missing or quiet on your map, and how will you hear it?",
    "cadence": "How, and how often, will you keep your sponsor up to date?",
    "keep_going": "What will tell you it is working, and what will keep you going when it is slow?",
}


def _saved_sections(path: str | os.PathLike | None = None) -> dict[str, Any]:
    from .workspace import load_workspace

    try:
        return load_workspace(path)
    except WorkspaceError as exc:
        print(exc)
        return {}


def my_map(default: str = "ward", *, path: str | os.PathLike | None = None, quiet: bool = False) -> StakeholderMap:
    """Your saved map if there is one (with at least one person), else the case ``default``.

    Prints one sentence saying which map the notebook will use, unless ``quiet``.

    Examples
    --------
    >>> m = my_map(quiet=True)  # nothing saved in a fresh work folder: the ward case
    >>> len(m)
    37
    """
    saved = _saved_sections(path).get("map")
    if isinstance(saved, StakeholderMap) and len(saved):
        if not quiet:
            print(f"Using your own map, saved in my_work: {saved.summary()}")
        return saved
    from .cases import load_case

    case = load_case(default)
    if not quiet:
        print(f"You have not saved a map of your own yet, so this notebook uses the '{default}' case study: "
              f"{case.summary()}")
    return case


def work_summary(path: str | os.PathLike | None = None) -> str:
    """Where the participant's work is saved and which pieces are saved so far (relative names)."""
    from .workspace import default_path

    file = Path(path) if path is not None else default_path()
    where = f"{file.parent.name}/{file.name}"
    sections = _saved_sections(file)
    exports = sorted(p.name for p in (file.parent / "exports").glob("*") if p.is_file()) \
        if (file.parent / "exports").is_dir() else []
    lines = [f"Your work is saved in {where}, on this computer only, as you go (with a backup copy "
             f"{file.name}.bak). The folder is never shared or put in git."]
    if sections:
        lines.append("Saved so far: " + ", ".join(name.replace("_", " ") for name in sections) + ".")
    else:
        lines.append("Saved so far: nothing yet. Your map, notes, plans and pitch will appear here as you work.")
    if exports:
        lines.append(f"Take-home files in {file.parent.name}/exports: " + ", ".join(exports) + ".")
    return "\n".join(lines)


class Reading:
    """Markdown text shown as formatted text in a notebook, with the same text as its plain fallback."""

    def __init__(self, markdown: str):
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


#: the parts of a case story participants read (the facilitator's answers stay in the guide)
CASE_SECTIONS: tuple[str, ...] = ("The setting", "The project", "The story")


def case_reading(name: str, *, sections: tuple[str, ...] = CASE_SECTIONS) -> Reading:
    """The participant's part of a case story: its title and the sections named (no answers).

    Examples
    --------
    >>> text = case_reading("ward").markdown
    >>> "## The project" in text, "What the analysis should find" in text
    (True, False)
    """
    from .cases import case_story

    story = case_story(name)
    parts = story.split("\n## ")
    keep = [parts[0].strip()]
    for part in parts[1:]:
        heading = part.splitlines()[0].strip()
        if heading in sections:
            keep.append("## " + part.strip())
    return Reading("\n\n".join(keep))


def practice_slider() -> Any:
    """The practice widget of ``00_start_here`` (a slider and a sentence that follows it)."""
    from .widgets.notes import PracticeSlider

    return PracticeSlider()


def reflection_form(*, path: str | os.PathLike | None = None) -> Any:
    """The short written reflection of ``01_leadership_is_everywhere`` (autosaved)."""
    from .widgets.notes import NotesForm

    return NotesForm(REFLECTION, REFLECTION_QUESTIONS, title="Your reflection", path=path)


def action_plan_form(*, path: str | os.PathLike | None = None) -> Any:
    """The Monday action plan of ``07_action_plan`` (autosaved)."""
    from .widgets.notes import NotesForm

    return NotesForm(ACTION_PLAN, ACTION_PLAN_QUESTIONS, title="What you will do on Monday", path=path)
