"""Take-home files: Markdown, self-contained HTML and plain text, written safely.

Every export goes to ``my_work/exports/`` (git-ignored) unless a folder is given, is written
atomically, and escapes everything a participant typed. HTML files have their style inline and
load nothing from the internet, so they open anywhere, offline, and can be printed or emailed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from . import escaping
from .workspace import atomic_write_text, work_folder

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.6rem;border-bottom:3px solid #0072B2;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:1.8rem;color:#0072B2}
table{border-collapse:collapse;margin:.6rem 0;width:100%}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#EAF3FA}
.note{color:#555;font-size:.9rem}
@media print{body{margin:0}h2{break-after:avoid}}
"""


def exports_folder(folder: str | os.PathLike | None = None) -> Path:
    """``my_work/exports`` (created if needed), or the folder given."""
    path = Path(folder) if folder is not None else work_folder() / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def safe_filename(text: str, default: str = "export") -> str:
    """A readable file name made from any text (see :func:`qi_kit.escaping.file_stem`)."""
    return escaping.file_stem(text, default)


def html_document(title: str, body_html: str, *, note: str = "") -> str:
    """A complete, self-contained HTML page. ``title`` and ``note`` are escaped; ``body_html``
    must already be safe (built with :func:`esc`, :func:`html_table`...)."""
    footer = f'<p class="note">{esc(note)}</p>' if note else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{esc(title)}</h1>\n{body_html}\n{footer}\n</body>\n</html>\n"
    )


#: HTML-escape anything a participant typed (:func:`qi_kit.escaping.html_text`)
esc = escaping.html_text
#: text safe in a Markdown line or table cell (:func:`qi_kit.escaping.markdown_text`)
md_escape = escaping.markdown_text
#: a DataFrame as an escaped Markdown pipe table (:func:`qi_kit.escaping.markdown_table`)
markdown_table = escaping.markdown_table


def html_table(frame: pd.DataFrame, *, index: bool = False) -> str:
    """A DataFrame as an escaped HTML table that MathJax leaves alone (``$x$`` stays text)."""
    return frame.to_html(index=index, escape=True, border=0, na_rep="", classes=escaping.NO_MATHS)


def write_exports(stem: str, files: dict[str, str], *, folder: str | os.PathLike | None = None) -> dict[str, Path]:
    """Write ``{"md": text, "html": text, "txt": text}`` as ``<stem>.<ext>``; returns the paths."""
    target = exports_folder(folder)
    return {ext: atomic_write_text(target / f"{safe_filename(stem)}.{ext}", text) for ext, text in files.items()}


def bullet_list(items: Iterable[Any]) -> str:
    """Escaped items as an HTML list."""
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
