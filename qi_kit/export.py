"""Take-home files: Markdown, self-contained HTML and plain text, written safely.

Every export goes to ``my_work/exports/`` (git-ignored) unless a folder is given, is written
atomically, and escapes everything a participant typed (:mod:`qi_kit.escaping`): HTML, Markdown,
and CSV cells a spreadsheet would run. HTML files have their style inline and load nothing from
the internet, so they open anywhere, offline, and can be printed or emailed.

File names are readable (non-ASCII letters kept) and never overwrite another export silently:
two different texts that make the same name ("Dr O'Brien", "Dr O Brien") get ``-2``, ``-3``...
(an index in the exports folder remembers which text made which name), while exporting the
same thing again updates its own files. A full disk or a read-only folder is a plain
:class:`~qi_kit.errors.WorkspaceError`, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from . import escaping
from .errors import Problem, WorkspaceError
from .workspace import atomic_write_text, work_folder

INDEX_NAME = ".qi_kit-exports.json"  # which text made which file name, in the exports folder

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
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return path


def _cannot_write(path: Path, exc: OSError) -> WorkspaceError:
    reason = exc.strerror or type(exc).__name__
    return WorkspaceError(Problem(path.name, f"The file could not be written ({reason}).",
                                  "free some space on the disk, or check that the my_work folder can be written "
                                  "to; your saved work is unchanged. `python -m qi_kit doctor` checks the folder."),
                          title="Your files were not exported:")


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
    """A DataFrame as an escaped HTML table that MathJax leaves alone (``$x$`` stays text).

    The same text as pandas' ``to_html(escape=True, border=0, na_rep="")``; a table of text and
    whole numbers with nothing missing (the map's people and ties) is written directly, about ten
    times quicker (the map editor rewrites its tables at every change).

    >>> print(html_table(pd.DataFrame({"name": ["<b>Ana</b>"], "ties": [2]})))  # doctest: +NORMALIZE_WHITESPACE
    <table class="dataframe tex2jax_ignore mathjax_ignore">
      <thead> <tr style="text-align: right;"> <th>name</th> <th>ties</th> </tr> </thead>
      <tbody> <tr> <td>&lt;b&gt;Ana&lt;/b&gt;</td> <td>2</td> </tr> </tbody>
    </table>
    """
    if not index and _plain(frame):
        return _plain_html_table(frame)
    return frame.to_html(index=index, escape=True, border=0, na_rep="", classes=escaping.NO_MATHS)


_CELL = str.maketrans({"\t": "\\t", "\n": "\\n", "\r": "\\r", "&": "&amp;", "<": "&lt;", ">": "&gt;"})
_HEADER = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _plain(frame: pd.DataFrame) -> bool:
    """Only text (pandas' string dtype) and whole numbers, nothing missing, one level of columns."""
    return (not isinstance(frame.columns, pd.MultiIndex)
            and all(isinstance(d, pd.StringDtype) or pd.api.types.is_integer_dtype(d) for d in frame.dtypes)
            and not frame.isna().to_numpy().any())


def _plain_html_table(frame: pd.DataFrame) -> str:
    """``frame.to_html(index=False, escape=True, border=0, classes=NO_MATHS)`` for a :func:`_plain`
    frame, written directly: cells escaped, tabs and line breaks shown as ``\\t`` and ``\\n``, and
    the ends trimmed, as pandas does."""
    head = "".join(f"      <th>{str(c).translate(_HEADER).strip()}</th>\n" for c in frame.columns)
    rows = ["    <tr>\n" + "".join(f"      <td>{str(v).translate(_CELL).strip()}</td>\n" for v in values)
            + "    </tr>\n" for values in zip(*(frame[c].tolist() for c in frame.columns))]
    return (f'<table class="dataframe {escaping.NO_MATHS}">\n  <thead>\n    <tr style="text-align: right;">\n'
            f"{head}    </tr>\n  </thead>\n  <tbody>\n{''.join(rows)}  </tbody>\n</table>")


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_index(folder: Path) -> dict[str, str]:
    try:
        index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in index.items()} if isinstance(index, dict) else {}


def unique_stem(folder: Path, stem: str, exts: Iterable[str], key: str, index: dict[str, str]) -> str:
    """A file name (without extension) for ``stem`` that no other export already uses.

    The readable name itself if it is free or was made from the same ``key`` before (an
    update); otherwise the first of ``name-2``, ``name-3``... that is.
    """
    base = safe_filename(stem)
    mark = _fingerprint(key)
    for n in range(1, 10_000):
        candidate = base if n == 1 else f"{base}-{n}"
        owner = index.get(candidate)
        taken = any((folder / f"{candidate}.{ext}").exists() for ext in exts)
        if owner == mark or (owner is None and not taken):
            return candidate
    raise WorkspaceError(Problem(base, "There are too many exports with this name.",
                                 "delete old files in my_work/exports and export again."))


def write_exports(stem: str, files: dict[str, str], *, folder: str | os.PathLike | None = None,
                  key: str | None = None) -> dict[str, Path]:
    """Write ``{"md": text, "html": text, "txt": text}`` as ``<stem>.<ext>``; returns the paths.

    ``key`` says what the files are of (default: ``stem`` as given, before it is made a file
    name): the same key updates its own files, a different key never overwrites them.

    Raises
    ------
    WorkspaceError
        If the files cannot be written (a full disk, a read-only folder).
    """
    from filelock import FileLock, Timeout

    target = exports_folder(folder)
    key = stem if key is None else key
    try:
        with FileLock(os.fspath(target / ".qi_kit-exports.lock"), timeout=15):
            index = _read_index(target)
            name = unique_stem(target, stem, files, key, index)
            for leftover in target.glob(f".{name}.*.tmp"):  # from an export that was interrupted
                leftover.unlink(missing_ok=True)
            written = {ext: atomic_write_text(target / f"{name}.{ext}", text) for ext, text in files.items()}
            if index.get(name) != _fingerprint(key):
                index[name] = _fingerprint(key)
                atomic_write_text(target / INDEX_NAME, json.dumps(index, indent=1, sort_keys=True) + "\n")
    except Timeout:
        raise WorkspaceError(Problem(target.name, "Another notebook is exporting files at the same moment.",
                                     "try again in a moment."), title="Your files were not exported:") from None
    except OSError as exc:
        raise _cannot_write(target / f"{safe_filename(stem)}", exc) from None
    return written


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV text that Excel opens as UTF-8 and that no spreadsheet runs as a formula.

    Every text cell is made safe with :func:`qi_kit.escaping.csv_cell` (a leading apostrophe
    before ``= + - @``, a tab or a carriage return); :func:`qi_kit.read_map` reads such cells
    back as typed.
    """
    return "\ufeff" + escaping.csv_frame(frame).to_csv(index=False, lineterminator="\n")


def bullet_list(items: Iterable[Any]) -> str:
    """Escaped items as an HTML list."""
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
