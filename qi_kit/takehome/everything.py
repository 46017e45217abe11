"""The day's take-home files: a summary page, the map as CSV, and the saved pitch and plan.

:func:`export_everything` writes them all to ``my_work/exports`` (the pseudonymised version to
share with a facilitator with ``pseudonymised=True``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model import StakeholderMap
from ..workshop import (ACTION_PLAN, ACTION_PLAN_QUESTIONS, REFLECTION, REFLECTION_QUESTIONS, my_map,
                        saved_sections)

__all__ = ["EXPORT_STEM", "SavedFiles", "export_everything", "summary_files", "summary_sections"]


EXPORT_STEM = "my-workshop"


def _answers_lines(answers: Any, questions: dict[str, str]) -> list[str]:
    if not isinstance(answers, dict):
        return []
    return [f"{question} {str(answers.get(key, '')).strip()}" for key, question in questions.items()
            if str(answers.get(key, "")).strip()]


def _map_lines(m: StakeholderMap) -> list[str]:
    from ..analysis.groups import quiet_voices
    from ..analysis.influence import formal_leaders_with_little_pull, informal_leaders

    lines = [m.summary()]
    for table in (informal_leaders(m), formal_leaders_with_little_pull(m), quiet_voices(m)):
        lines.append(table.attrs.get("summary", ""))
        column = "reason" if "reason" in table.columns else "sentence"
        lines += [str(text) for text in table[column].tolist()[:6]] if column in table.columns else []
    return [line for line in lines if line]


def summary_sections(m: StakeholderMap, sections: dict[str, Any], *, pseudonymised: bool = False,
                     keep: tuple[str, ...] = ()) -> list[tuple[str, list[str]]]:
    """The summary page as (heading, lines) pairs: the map in words, then the written answers.

    With ``pseudonymised=True`` the map is shown with pseudonyms (:func:`qi_kit.pseudonymise`,
    keeping only the fields in ``keep``), every free-text answer is left out (it may name
    colleagues), and the warnings of :func:`qi_kit.privacy.singled_out` come first.
    """
    from ..privacy import pseudonymise, singled_out

    shown = pseudonymise(m, keep=keep) if pseudonymised else m
    parts = [("Your map", _map_lines(shown))]
    if pseudonymised:
        warnings = singled_out(m, keep=keep)
        parts.insert(0, ("Before you share it", warnings + [SHAPE_WARNING]))
        parts.append(("Left out", [LEFT_OUT]))
        return parts
    parts.append(("Your reflection", _answers_lines(sections.get(REFLECTION), REFLECTION_QUESTIONS)
                  or ["(not written yet: notebook 01)"]))
    parts.append(("What you will do on Monday", _answers_lines(sections.get(ACTION_PLAN), ACTION_PLAN_QUESTIONS)
                  or ["(not written yet: notebook 07)"]))
    return parts


#: what the pseudonymised files leave out, and what they can still tell
LEFT_OUT = ("This is the pseudonymised version: each name is replaced by a staff group and a letter (\"Nurse B\"); "
            "the map's title, job titles, units, notes, stance, roles and everything you wrote (reflection, pitch, "
            "plans) are left out. The ratings of authority, influence and interest and the ties are kept.")
SHAPE_WARNING = ("Someone who knows the team may still recognise a person from the shape of the map (for example "
                 "the one everyone reports to): share it only with your facilitator.")


def summary_files(title: str, parts: list[tuple[str, list[str]]], others: list[str]) -> dict[str, str]:
    """The summary page as ``{"md": ..., "html": ...}`` (everything typed is escaped)."""
    from ..export import bullet_list, esc, html_document, md_escape

    if others:
        parts = parts + [("Your other files", others)]
    markdown = [f"# {md_escape(title)}", ""]
    body = []
    for heading, lines in parts:
        markdown += [f"## {md_escape(heading)}", "", *(f"- {md_escape(line)}" for line in lines), ""]
        body.append(f"<h2>{esc(heading)}</h2>{bullet_list(lines)}")
    note = "Made with qi_kit. Private: keep it on your own computer; share only the pseudonymised version."
    return {"md": "\n".join(markdown), "html": html_document(title, "\n".join(body), note=note)}


class SavedFiles(dict):
    """Files written, by name -> path; shown as a sentence with relative names (never a machine path)."""

    def __init__(self, files: dict[str, Path], *, note: str = ""):
        super().__init__(files)
        self.note = note

    def sentence(self) -> str:
        if not self:
            return "Nothing was saved."
        folder = next(iter(self.values())).parent
        names = ", ".join(sorted(p.name for p in self.values()))
        return f"Saved in {folder.parent.name}/{folder.name}: {names}." + (f"\n{self.note}" if self.note else "")

    def __repr__(self) -> str:
        return self.sentence()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.sentence())


def export_everything(m: StakeholderMap | None = None, *, pseudonymised: bool = False, keep: Any = (),
                      folder: str | os.PathLike | None = None, path: str | os.PathLike | None = None,
                      anonymised: bool | None = None) -> SavedFiles:
    """Write every take-home file to ``my_work/exports``; shows where, in relative names.

    - ``my-workshop.md`` and ``.html``: the map in words (informal leaders, formal leaders with
      little pull, quiet voices), the reflection and the Monday action plan;
    - ``my-map-people.csv`` and ``my-map-ties.csv``: the map, to open in a spreadsheet or load again;
    - the pitch (``pitch-<leader>.md/.html/.txt``) and the engagement plan, if they were saved.

    With ``pseudonymised=True`` only a pseudonymised summary and map are written
    (``my-workshop-pseudonymised.*``, ``my-map-pseudonymised-*.csv``), made with
    :func:`qi_kit.pseudonymise`: names become a staff group and a letter, and the map title,
    titles, units, notes, stance, roles and everything typed are left out, unless named in
    ``keep``. The summary starts with the warnings of :func:`qi_kit.privacy.singled_out`. This
    is the version to share with a facilitator. (``anonymised=True``, the old name, does the same.)

    Returns
    -------
    SavedFiles
        A dict of the paths written; in a notebook it shows as one sentence naming the files.

    Raises
    ------
    WorkspaceError
        If the files cannot be written (a full disk, a read-only folder): a plain message.
    """
    from ..export import csv_text, write_exports
    from ..privacy import check_keep, pseudonymise, singled_out

    if anonymised is not None:
        pseudonymised = anonymised
    keep = check_keep(keep)
    sections = saved_sections(path)
    m = m if m is not None else my_map(path=path, quiet=True)
    suffix = "-pseudonymised" if pseudonymised else ""
    shown = pseudonymise(m, keep=keep) if pseudonymised else m
    written: dict[str, Path] = {}
    others: list[str] = []
    if not pseudonymised:
        others = _export_saved_work(m, sections, folder, written)
    files = summary_files("My workshop: leading improvement with others" + (" (pseudonymised)" if pseudonymised else ""),
                          summary_sections(m, sections, pseudonymised=pseudonymised, keep=keep), others)
    for ext, file in write_exports(EXPORT_STEM + suffix, files, folder=folder).items():
        written[f"summary.{ext}"] = file
    for stem, frame in (("people", shown.people), ("ties", shown.ties)):
        written[f"map-{stem}"] = write_exports(f"my-map{suffix}-{stem}", {"csv": csv_text(frame)}, folder=folder)["csv"]
    note = ""
    if pseudonymised:
        warnings = singled_out(m, keep=keep)
        note = "Names are replaced by staff groups and letters; titles, units, notes, stance, roles and everything " \
               "you wrote are left out."
        if keep:
            note += f" Kept on purpose: {', '.join(keep)}."
        if warnings:
            note += "\nBefore you share: " + " ".join(warnings)
    return SavedFiles(written, note=note)


def _export_saved_work(m: StakeholderMap, sections: dict[str, Any], folder: Any, written: dict[str, Path]) -> list[str]:
    """Write the saved pitch and engagement plan with their own exporters; returns a line per file set."""
    lines = []
    if sections.get("pitch"):
        from ..pitch import Pitch
        from .pitch import export_pitch

        pitch = Pitch.from_dict(sections["pitch"])
        if pitch.leader:
            paths = export_pitch(pitch, folder=folder)
            written.update({f"pitch.{ext}": p for ext, p in paths.items()})
            lines.append(f"Your pitch to {pitch.leader}: " + ", ".join(sorted(p.name for p in paths.values())))
    if sections.get("engagement"):
        from ..engage import EngagementPlan
        from .plan import export_engagement

        plan = EngagementPlan.from_dict(sections["engagement"])
        paths = export_engagement(m, plan, folder=folder)
        written.update({f"engagement.{ext}": p for ext, p in paths.items()})
        lines.append("Your engagement plan: " + ", ".join(sorted(p.name for p in paths.values())))
    return lines
