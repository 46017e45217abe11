"""The pitch's take-home files: the pitch in its template, with its checklist, as Markdown, HTML and email text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..export import html_document, write_exports
from ..pitch.feedback import pitch_feedback
from ..pitch.model import Pitch, check_format
from ..pitch.templates import (checklist_html, checklist_markdown, render_email, render_html, render_markdown,
                               title_of)
from ..workspace import work_folder

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["export_pitch", "export_stem", "pitch_exports", "where_saved"]


def export_stem(pitch: Pitch) -> str:
    """The file name (without extension) for a pitch's exports: 'pitch-<leader>'."""
    return f"pitch-{pitch.leader}" if pitch.leader else "pitch"


def pitch_exports(pitch: Pitch, checklist: "pd.DataFrame | None" = None, *,
                  format: str | None = None) -> dict[str, str]:
    """The take-home files as text: ``{"md": ..., "html": ..., "txt": ...}``.

    The Markdown and the self-contained HTML page hold the pitch in the chosen template and,
    if given, the feedback checklist; the plain text is the pitch as an email to paste. Nothing
    in them depends on the clock or the machine, so the same pitch gives the same files.
    """
    format = check_format(format or pitch.format)
    markdown = render_markdown(pitch, format=format)
    body = render_html(pitch, format=format, heading=False)
    if checklist is not None:
        markdown += "\n## Checklist\n\n" + checklist_markdown(checklist) + "\n"
        body += "\n<h2>Checklist</h2>\n" + checklist_html(checklist)
    page = html_document(title_of(pitch), body,
                         note="Made with the qi_kit pitch builder. Rehearse it aloud once, then "
                              "send the email version after you have spoken.")
    return {"md": markdown, "html": page, "txt": render_email(pitch, format=format)}


def export_pitch(pitch: Pitch, *, folder: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """Write the pitch's take-home files (Markdown, HTML, email text) with its checklist.

    The files go to ``my_work/exports/`` (or ``folder``) as ``pitch-<leader>.md``, ``.html`` and
    ``.txt``, written atomically. Returns the paths by extension; :func:`where_saved` describes
    them without the machine's folders.
    """
    files = pitch_exports(pitch, pitch_feedback(pitch))
    return write_exports(export_stem(pitch), files, folder=folder)


def where_saved(paths: Mapping[str, Path]) -> str:
    """'my_work/exports/pitch-x.md, .html and .txt': where the files are, with no machine path."""
    shown = []
    base = work_folder().parent
    for path in paths.values():
        try:
            shown.append(Path(path).resolve().relative_to(base.resolve()).as_posix())
        except ValueError:  # saved outside the work folder: show the file name only
            shown.append(Path(path).name)
    if not shown:
        return "Nothing was saved."
    first, rest = shown[0], [Path(s).suffix for s in shown[1:]]
    if rest:
        return f"Saved {first}" + (", " + ", ".join(rest[:-1]) if len(rest) > 1 else "") + f" and {rest[-1]}."
    return f"Saved {first}."
