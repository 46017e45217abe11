"""Read a stakeholder map from spreadsheets (CSV or Excel), DataFrames or lists of dicts.

Column names are matched ignoring case, spaces and punctuation, with common synonyms
("from"/"to", "full name", "department"...). Every problem in the input is collected and
reported together in one :class:`~qi_kit.errors.MapError`, each with its file, row and a fix.
Files are read as text and checked here, so a learner never sees a pandas traceback.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import MapError, Problem, suggest
from .model import FIELD_HELP, PEOPLE_COLUMNS, TIE_COLUMNS, Origin, StakeholderMap, raise_if_problems

#: canonical column -> other headers people use for it (compared after folding)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("person", "full name", "fullname", "stakeholder", "actor", "who", "label", "person name"),
    "title": ("job title", "job", "position", "post", "job role"),
    "unit": ("department", "dept", "team", "ward", "service", "division", "group", "profession"),
    "authority": ("formal authority", "power", "formal power", "decision power", "authority 0 5"),
    "influence": ("informal influence", "tower", "influence tower", "influence 0 5"),
    "interest": ("interest 0 5", "stake", "impact"),
    "stance": ("attitude", "support", "position on change", "view", "stance 2 2"),
    "role": ("engagement role", "stakeholder role", "change role"),
    "notes": ("note", "comments", "comment", "description"),
    "source": ("from", "seeker", "ego", "asker", "who asks", "person asking", "source name"),
    "target": ("to", "alter", "listened to", "asks", "goes to", "target name"),
    "kind": ("type", "tie type", "relationship", "relation", "link type", "tie kind", "connection type"),
    "strength": ("weight", "value", "tie strength", "how strong"),
}
_SHEETS = {"people": ("people", "stakeholders", "actors", "elements", "persons", "nodes"),
           "ties": ("ties", "links", "connections", "relationships", "edges", "network")}
_EXCEL = (".xlsx", ".xlsm", ".xls")


def _fold(text: Any) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).strip()


def match_columns(headers: list[Any], wanted: tuple[str, ...]) -> dict[Any, str]:
    """Map each header that means one of ``wanted`` to its canonical name (first match wins)."""
    lookup: dict[str, str] = {}
    for column in wanted:
        lookup.setdefault(_fold(column), column)
        for synonym in SYNONYMS.get(column, ()):
            lookup.setdefault(_fold(synonym), column)
    mapping: dict[Any, str] = {}
    taken: set[str] = set()
    for header in headers:
        column = lookup.get(_fold(header))
        if column and column not in taken:
            mapping[header] = column
            taken.add(column)
    return mapping


# --------------------------------------------------------------------------- files


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("cp1252", errors="replace")  # spreadsheets saved by Excel on Windows


def _read_csv(path: Path, label: str) -> list[dict[str, Any]]:
    text = _decode(path.read_bytes())
    if not text.strip():
        raise MapError(Problem(label, "The file is empty.",
                               "it needs a header row (e.g. 'name,title,unit') and one row per entry."))
    first_line = text.lstrip().splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise MapError(Problem(label, f"The file could not be read as a table ({exc}).",
                               "open it in a spreadsheet and save it again as CSV.")) from None
    header, body = rows[0], rows[1:]
    records = []
    for row in body:
        if not any(cell.strip() for cell in row):
            records.append({})  # keep numbering; blank rows are skipped later
            continue
        records.append({h: (row[i] if i < len(row) else "") for i, h in enumerate(header)})
    return _with_header(header, records)


def _with_header(header: list[Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Remember the header even when there are no rows, for the missing-column check.
    return [{"__header__": list(header)}] + records


def _read_excel_sheet(path: Path, sheet: Any, label: str) -> list[dict[str, Any]]:
    try:
        frame = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False)
    except (ValueError, KeyError, zipfile.BadZipFile, OSError) as exc:
        raise MapError(Problem(label, f"The spreadsheet could not be read ({type(exc).__name__}).",
                               "save it again from Excel as .xlsx, or export it as CSV.")) from None
    except ImportError:
        raise MapError(Problem(label, "Reading Excel files needs the openpyxl package.",
                               "run `make lab` again (or `pip install openpyxl`).")) from None
    return _with_header(list(frame.columns), frame.to_dict("records"))


def _excel_sheets(path: Path, label: str) -> list[str]:
    try:
        return list(pd.ExcelFile(path).sheet_names)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise MapError(Problem(label, f"The spreadsheet could not be opened ({type(exc).__name__}).",
                               "save it again from Excel as .xlsx, or export it as CSV.")) from None


def _pick_sheet(sheets: list[str], table: str) -> str | None:
    folded = {_fold(s): s for s in sheets}
    for name in _SHEETS[table]:
        if name in folded:
            return folded[name]
    return None


def _load_table(source: Any, table: str, *, sheet: Any = None) -> tuple[list[dict[str, Any]], Origin]:
    """Raw rows (plus a header marker) and where they came from."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = path.name
        if not path.exists():
            raise MapError(Problem(label, "The file was not found.",
                                   "check the file name and that the file is in the folder you named "
                                   "(upload it to my_work/ and use 'my_work/<file name>')."))
        if path.is_dir():
            raise MapError(Problem(label, "This is a folder, not a file.", "name a .csv or .xlsx file."))
        if path.suffix.casefold() in _EXCEL:
            sheets = _excel_sheets(path, label)
            chosen = sheet if sheet is not None else (_pick_sheet(sheets, table) or sheets[0])
            if isinstance(chosen, str) and chosen not in sheets:
                hint = suggest(chosen, sheets)
                raise MapError(Problem(label, f"There is no sheet called '{chosen}'.",
                                       f"{hint}Sheets: {', '.join(sheets)}."))
            return _read_excel_sheet(path, chosen, label), Origin(f"{label}, sheet '{chosen}'", 2)
        if path.suffix.casefold() not in (".csv", ".txt", ".tsv", ""):
            raise MapError(Problem(label, f"The kit cannot read '{path.suffix}' files.",
                                   "save the table as CSV (.csv) or Excel (.xlsx)."))
        return _read_csv(path, label), Origin(label, 2)
    if isinstance(source, pd.DataFrame):
        return _with_header(list(source.columns), source.to_dict("records")), Origin(f"{table} table", 1)
    if isinstance(source, (list, tuple)):
        headers: list[Any] = []
        for i, row in enumerate(source):
            if not isinstance(row, dict):
                raise MapError(Problem(f"{table} table, row {i + 1}",
                                       f"a row must be a dict of columns, not {type(row).__name__}.",
                                       "write each row like {'name': 'Rosa Delgado', 'unit': 'Ward 7B'}."))
            headers += [h for h in row if h not in headers]
        return _with_header(headers, [dict(r) for r in source]), Origin(f"{table} table", 1)
    raise MapError(Problem(table, f"The kit cannot read a {type(source).__name__} as the {table} table.",
                           "give a CSV or Excel file name, a pandas DataFrame or a list of dicts."))


def _canonical_rows(raw: list[dict[str, Any]], wanted: tuple[str, ...], required: tuple[str, ...],
                    origin: Origin, problems: list[Problem]) -> list[dict[str, Any]] | None:
    header = raw[0]["__header__"]
    mapping = match_columns(header, wanted)
    missing = [c for c in required if c not in mapping.values()]
    for column in missing:
        hint = suggest(column, [str(h) for h in header if h not in mapping])
        found = ", ".join(f"'{h}'" for h in header) or "none"
        problems.append(Problem(origin.label, f"There is no '{column}' column (columns found: {found}).",
                                f"{hint}Add a column headed '{column}' ({FIELD_HELP[column]})."))
    if missing:
        return None
    rows = []
    for record in raw[1:]:
        rows.append({mapping[h]: v for h, v in record.items() if h in mapping})
    return rows


def _drop_blank_rows(rows: list[dict[str, Any]], origin: Origin) -> tuple[list[dict[str, Any]], list[int]]:
    kept, numbers = [], []
    for i, row in enumerate(rows):
        if any(str(v).strip() for v in row.values() if v is not None and v == v):
            kept.append(row)
            numbers.append(i)
    return kept, numbers


def read_map(people: Any, ties: Any = None, *, kind: str | None = None, title: str = "",
             people_sheet: Any = None, ties_sheet: Any = None) -> StakeholderMap:
    """Read a stakeholder map and check it, reporting every problem at once.

    Parameters
    ----------
    people
        A CSV or Excel file name, a pandas DataFrame or a list of dicts, one row per person.
        An Excel workbook with a "people" and a "ties" sheet can be given alone.
    ties
        The same kinds of input, one row per tie ``source -> target`` (source goes to target).
    kind
        The kind used for ties whose ``kind`` is blank or missing (e.g. ``"advice"`` for a
        survey that asked one question).
    title
        A short name for the project.

    Returns
    -------
    StakeholderMap

    Raises
    ------
    MapError
        Listing each problem with its file, row and how to fix it: missing columns, blank or
        duplicate names, unknown people in ties (with "did you mean"), self-ties, ratings out
        of range or not numbers, unknown roles or kinds, empty files.

    Examples
    --------
    >>> m = read_map([{"Full name": "Rosa Delgado"}, {"Full name": "Tom Barker", "Power": 3}],
    ...              [{"From": "Tom Barker", "To": "Rosa Delgado", "Type": "advice"}])
    >>> m.people[["name", "authority"]].values.tolist()
    [['Rosa Delgado', 0], ['Tom Barker', 3]]
    """
    problems: list[Problem] = []
    if ties is None and isinstance(people, (str, os.PathLike)) and Path(people).suffix.casefold() in _EXCEL \
            and Path(people).exists():
        sheets = _excel_sheets(Path(people), Path(people).name)
        if _pick_sheet(sheets, "ties") is not None or ties_sheet is not None:
            ties = people
    raw_people, people_origin = _load_table(people, "people", sheet=people_sheet)
    people_rows = _canonical_rows(raw_people, PEOPLE_COLUMNS, ("name",), people_origin, problems)
    ties_rows: list[dict[str, Any]] | None = []
    ties_origin = Origin("ties table")
    if ties is not None:
        raw_ties, ties_origin = _load_table(ties, "ties", sheet=ties_sheet)
        required = ("source", "target") if kind else ("source", "target", "kind")
        ties_rows = _canonical_rows(raw_ties, TIE_COLUMNS, required, ties_origin, problems)
    if people_rows is None or ties_rows is None:
        raise_if_problems(problems)
    assert people_rows is not None and ties_rows is not None
    people_rows, people_numbers = _drop_blank_rows(people_rows, people_origin)
    ties_rows, ties_numbers = _drop_blank_rows(ties_rows, ties_origin)
    if not people_rows:
        problems.append(Problem(people_origin.label, "There are no people in this table.",
                                "add one row per person under the header row."))
        raise_if_problems(problems)
    origins = (replace(people_origin, positions=tuple(people_numbers)),
               replace(ties_origin, positions=tuple(ties_numbers)))
    return StakeholderMap(people_rows, ties_rows, title=title, _origins=origins, _default_kind=kind)

