"""Take-home files: Markdown, self-contained HTML and plain text, written safely.

Every export goes to ``my_work/exports/`` (git-ignored) unless a folder is given, is written
atomically, and escapes everything a participant typed. HTML files have their style inline and
load nothing from the internet, so they open anywhere, offline, and can be printed or emailed.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

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
    """A file name made from any text: letters, digits, '-' and '_' only."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-").lower()
    return stem[:60] or default


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


def esc(text: Any) -> str:
    """HTML-escape anything a participant typed."""
    return html.escape("" if text is None else str(text), quote=True)


def html_table(frame: pd.DataFrame, *, index: bool = False) -> str:
    """A DataFrame as an escaped HTML table."""
    return frame.to_html(index=index, escape=True, border=0, na_rep="")


def md_escape(text: Any) -> str:
    """Text safe inside a Markdown table cell or line: no table breaks, links or raw HTML.

    ``<``, ``>`` and ``&`` become HTML entities (Markdown viewers show them as typed), and the
    characters that start links, emphasis or code are backslash-escaped.
    """
    value = "" if text is None else str(text)
    value = value.replace("\\", "\\\\")
    value = html.escape(value, quote=False)
    for ch in "|[]*_`":
        value = value.replace(ch, "\\" + ch)
    return value.replace("\n", " ").strip()


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown pipe table (no extra dependency)."""
    columns = [md_escape(c) for c in frame.columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(md_escape(v) for v in row) + " |")
    return "\n".join(lines)


def write_exports(stem: str, files: dict[str, str], *, folder: str | os.PathLike | None = None) -> dict[str, Path]:
    """Write ``{"md": text, "html": text, "txt": text}`` as ``<stem>.<ext>``; returns the paths."""
    target = exports_folder(folder)
    return {ext: atomic_write_text(target / f"{safe_filename(stem)}.{ext}", text) for ext, text in files.items()}


def bullet_list(items: Iterable[Any]) -> str:
    """Escaped items as an HTML list."""
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
