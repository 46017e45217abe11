"""Small helpers that keep the workshop notebooks' code cells to one or two lines.

- :func:`my_map`: the participant's own saved map if there is one, otherwise a case study, with
  a sentence saying which (CI always runs with an empty work folder, so stored outputs show the
  ward case).
- :func:`work_summary`: where work is saved and what has been saved so far, in relative names.
- :func:`practice_slider`, :func:`reflection_form`, :func:`action_plan_form`: the small widgets of
  notebooks 00, 01 and 07 (the questions are written here, so a facilitator can change them in
  one place).
- :func:`export_everything`: the take-home files: one summary page of the day's work, the pitch
  and engagement plan files, and the map as CSV (or a pseudonymised version to share).
- :func:`in_words`: any analysis table read aloud: its summary sentence, then one line per row.
- :func:`people_table`: the influence table with a few columns under plain headings.
- :func:`roles_in_words`: the suggested engagement roles, each with its reason.
- :func:`route_ends`, :func:`first_route`: where a route of influence starts and ends on a map,
  and the people on the strongest route found.

Nothing here holds analysis logic: the helpers only load, choose and hand over.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import WorkspaceError
from .model import StakeholderMap
from .text import count_of

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
    "what_matters": "Which person who does the work, or which patient or family, will you ask 'What matters to "
                    "you?' this week, and what will you do with the answer?",
    "cadence": "How, and how often, will you keep your sponsor up to date?",
    "keep_going": "What will tell you it is working, and what will keep you going when it is slow?",
}


def saved_sections(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The saved workspace's sections, or ``{}`` (after printing why) when it cannot be read."""
    from .workspace import load_workspace

    try:
        return load_workspace(path)
    except WorkspaceError as exc:
        print(exc)
        return {}


#: the fewest people a saved map needs before the notebooks analyse it instead of the case study
MIN_PEOPLE = 2


def my_map(default: str = "ward", *, path: str | os.PathLike | None = None, quiet: bool = False) -> StakeholderMap:
    """Your saved map if there is one (with at least two people), else the case ``default``.

    Prints one sentence saying which map the notebook will use, unless ``quiet``.

    Examples
    --------
    >>> m = my_map(quiet=True)  # nothing saved in a fresh work folder: the ward case
    >>> len(m)
    37
    """
    saved = saved_sections(path).get("map")
    if isinstance(saved, StakeholderMap) and len(saved) >= MIN_PEOPLE:
        if not quiet:
            print(f"Using your own map, saved in my_work: {saved.summary()}")
        return saved
    from .cases import load_case

    case = load_case(default)
    if not quiet:
        started = isinstance(saved, StakeholderMap) and len(saved)
        why = ("Your saved map has only one person so far" if started
               else "You have not saved a map of your own yet")
        print(f"{why}, so this notebook uses the '{default}' case study: {case.summary()}")
    return case


def work_summary(path: str | os.PathLike | None = None) -> str:
    """Where the participant's work is saved and which pieces are saved so far (relative names)."""
    from .workspace import default_path

    file = Path(path) if path is not None else default_path()
    where = f"{file.parent.name}/{file.name}"
    sections = saved_sections(file)
    exports = sorted(p.name for p in (file.parent / "exports").glob("*") if p.is_file() and not p.name.startswith(".")) \
        if (file.parent / "exports").is_dir() else []
    lines = [f"Your work is saved in {where}, on this computer only, as you go (with a second copy "
             f"{file.name}.bak). The folder is never shared or put in git, and it is kept until you delete it "
             "(the 'Delete my work' button in notebook 07)."]
    shown = [name.replace("_", " ") for name in sections if not name.endswith("_history")]
    if shown:
        lines.append("Saved so far: " + ", ".join(shown) + ".")
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


def in_words(table: Any, *, limit: int = 8) -> None:
    """Print an analysis table in words: its summary, then each row's reason or sentence.

    Works with every table of the kit's analysis that carries ``.attrs["summary"]`` and a
    ``reason`` or ``sentence`` column; at most ``limit`` rows are read out.
    """
    summary = getattr(table, "attrs", {}).get("summary", "")
    if summary:
        print(summary)
    column = next((c for c in ("reason", "sentence") if c in getattr(table, "columns", ())), None)
    if column is None:
        return
    rows = [str(text) for text in table[column].tolist() if str(text).strip()]
    for text in rows[:limit]:
        print(f"- {text}")
    if len(rows) > limit:
        print(f"- ... and {len(rows) - limit} more.")


#: the influence table's columns a participant reads first, under plain headings
PLAIN_COLUMNS: dict[str, str] = {
    "title": "title",
    "authority": "authority (0-5)",
    "sought_out_by": "colleagues who go to them",
    "leadership": "where they sit",
}
#: the scores, shown only when asked for (``people_table(..., scores=True)``)
SCORE_COLUMNS: dict[str, str] = {"pull": "network pull (0-1)", "betweenness": "betweenness (0-1)"}


def people_table(table: Any, *, n: int = 10, scores: bool = False) -> Any:
    """The ``n`` most sought-out people under plain headings, counts first ("17 of 36").

    Ranked by how many colleagues go to them, then by pull. Scores (pull, betweenness) are left
    out unless ``scores=True``: participants read counts; the scores stay behind a fold.

    Examples
    --------
    >>> import qi_kit
    >>> view = people_table(qi_kit.influence_table(qi_kit.load_case("ward")), n=2)
    >>> view.loc["Rosa Delgado", "colleagues who go to them"]
    '17 of 36'
    """

    columns = [c for c in PLAIN_COLUMNS if c in table.columns]
    if scores:
        columns += [c for c in SCORE_COLUMNS if c in table.columns]
    top = table.assign(_name=table.index).sort_values(["sought_out_by", "pull", "_name"],
                                                      ascending=[False, False, True]).head(n)
    view = top[columns].rename(columns={**PLAIN_COLUMNS, **SCORE_COLUMNS})
    if "colleagues who go to them" in view.columns:
        others = max(len(table) - 1, 0)
        view["colleagues who go to them"] = [count_of(int(c), others).replace(" colleagues", "").replace(
            " colleague", "") if c else "none" for c in top["sought_out_by"]]
    for column in SCORE_COLUMNS.values():
        if column in view.columns:
            view[column] = view[column].round(2)
    view.index.name = "person"
    return view


def roles_in_words(m: StakeholderMap) -> None:
    """Print the roles in use (sponsor, day-to-day leader, champion, ...) and the reason for each suggestion."""
    from .engage.roles import roles_summary, suggest_roles

    roles = suggest_roles(m)
    print(roles_summary(roles))
    for row in roles[roles["suggested"] != ""].itertuples():
        print(f"- {row.name}, {row.suggested}: {row.reason}")


def route_ends(m: StakeholderMap, *, quiet: bool = False) -> tuple[str, str]:
    """Where a route of influence starts and ends on a map, with a sentence saying why.

    From the day-to-day leader (or else a champion, or else the person with most formal
    authority) to the resistor (or else the person with the lowest stance, or else the formal
    leader other than the start with most authority). On the ward: from Hannah Price, the
    day-to-day leader, to Dr James Whitfield, the resistor.
    """
    people = m.people
    if len(people) < 2:
        from .errors import MapError, Problem

        raise MapError(Problem("", "A route needs at least two people on the map.",
                               "add people and who goes to whom in the editor (notebook 02)."))
    by_authority = people.sort_values("authority", ascending=False, kind="stable")
    leaders = people[people["role"] == "day-to-day leader"]
    champions = leaders if len(leaders) else people[people["role"] == "champion"]
    start = champions["name"].iloc[0] if len(champions) else by_authority["name"].iloc[0]
    others = people[people["name"] != start]
    resistors = others[others["role"] == "resistor"]
    if len(resistors):
        end, why = resistors["name"].iloc[0], "the resistor"
    elif others["stance"].min() < 0:
        end, why = others.sort_values("stance", kind="stable")["name"].iloc[0], "the person most against the change"
    else:
        end, why = others.sort_values("authority", ascending=False, kind="stable")["name"].iloc[0], \
            "the most senior person after them" if not len(champions) else "the person with most formal authority"
    starts = ("the day-to-day leader" if len(leaders) else "a champion") if len(champions) \
        else "the person with most formal authority"
    if not quiet:
        print(f"From {start} ({starts}) to {end} ({why}).")
    return start, end


def first_route(routes: Any) -> list[str] | None:
    """The people on the strongest route of an :func:`qi_kit.influence_paths` table (None if no route)."""
    if routes is None or len(routes) == 0 or "people" not in routes.columns:
        return None
    return list(routes["people"].iloc[0])


def practice_slider() -> Any:
    """The practice widget of ``00_start_here`` (a slider and a sentence that follows it)."""
    from .widgets.notes import PracticeSlider

    return PracticeSlider()


def reflection_form(*, path: str | os.PathLike | None = None) -> Any:
    """The short written reflection of ``01_leadership_is_everywhere`` (autosaved)."""
    from .widgets.notes import NotesForm

    return NotesForm(REFLECTION, REFLECTION_QUESTIONS, title="Your reflection", path=path)


def support_your_leader(*, path: str | os.PathLike | None = None) -> Any:
    """'How can I support my leader?' (Khan, source 001): three questions, autosaved (notebook 01)."""
    from .activities import SUPPORT_QUESTIONS
    from .widgets.notes import NotesForm

    return NotesForm("support_leader", SUPPORT_QUESTIONS, title="How can I support my leader?", path=path)


def what_matters_form(*, path: str | os.PathLike | None = None) -> Any:
    """A 'What matters to you?' conversation to plan (IHI Joy in Work blog, source 003), autosaved (notebook 05)."""
    from .activities import WHAT_MATTERS_QUESTIONS
    from .widgets.notes import NotesForm

    return NotesForm("what_matters", WHAT_MATTERS_QUESTIONS, title="What matters to you?", path=path)


def equity_form(m: StakeholderMap, *, path: str | os.PathLike | None = None) -> Any:
    """The equity prompt under the map's quiet-voices finding (source 002), autosaved (notebook 05)."""
    import ipywidgets as w

    from .activities import EQUITY_QUESTIONS, equity_reading
    from .escaping import message_box
    from .widgets.notes import NotesForm

    form = NotesForm("equity", EQUITY_QUESTIONS, title="Who is most affected, and who speaks for them?", path=path)
    reading = equity_reading(m)
    if reading:  # the finding above the questions, as the activities' forms show it
        form.children = (w.HTML(message_box(reading, "info")), *form.children)
    return form


def action_plan_form(*, path: str | os.PathLike | None = None) -> Any:
    """The Monday action plan of ``07_action_plan`` (autosaved)."""
    from .widgets.notes import NotesForm

    return NotesForm(ACTION_PLAN, ACTION_PLAN_QUESTIONS, title="What you will do on Monday", path=path)


# --------------------------------------------------------------------------- moved names

#: the take-home files moved to :mod:`qi_kit.takehome.everything`; the old names keep working
_MOVED = ("EXPORT_STEM", "LEFT_OUT", "SHAPE_WARNING", "SavedFiles", "export_everything", "summary_files",
          "summary_sections")


def __getattr__(name: str):
    """``workshop.export_everything`` and the other moved names, from :mod:`qi_kit.takehome.everything`."""
    if name in _MOVED:
        from .takehome import everything

        return getattr(everything, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
