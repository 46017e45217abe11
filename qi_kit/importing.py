"""Read a stakeholder map from spreadsheets (CSV or Excel), DataFrames or lists of dicts.

Column names are matched ignoring case, spaces and punctuation, with common synonyms
("from"/"to", "full name", "department"...). Every problem in the input is collected and
reported together in one :class:`~qi_kit.errors.MapError`, each with its file, row and a fix.
Files are read as text and checked here, so a learner never sees a pandas traceback.
"""

from __future__ import annotations

import csv
import io
import json
import numbers
import os
import re
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from .errors import MapError, Problem, suggest
from .escaping import csv_uncell
from .model import (FIELD_HELP, PEOPLE_COLUMNS, TIE_COLUMNS, TIE_KINDS, Origin, StakeholderMap, _is_blank, kind_of,
                    raise_if_problems)
from .text import fold, plural

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
#: table -> the sheet (or file) names that hold it
SHEET_NAMES = {"people": ("people", "stakeholders", "actors", "elements", "persons", "nodes"),
           "ties": ("ties", "links", "connections", "relationships", "edges", "network")}
_EXCEL = (".xlsx", ".xlsm", ".xls")


def match_columns(headers: list[Any], wanted: tuple[str, ...]) -> dict[Any, str]:
    """Map each header that means one of ``wanted`` to its canonical name (first match wins)."""
    lookup: dict[str, str] = {}
    for column in wanted:
        lookup.setdefault(fold(column, how="letters"), column)
        for synonym in SYNONYMS.get(column, ()):
            lookup.setdefault(fold(synonym, how="letters"), column)
    mapping: dict[Any, str] = {}
    taken: set[str] = set()
    for header in headers:
        column = lookup.get(fold(header, how="letters"))
        if column and column not in taken:
            mapping[header] = column
            taken.add(column)
    return mapping


# --------------------------------------------------------------------------- files

#: the largest file the kit reads, and the most an .xlsx may unpack to (checked before parsing):
#: well above a large map (2,000 people and 20,000 ties are 0.7 MB of CSV and unpack to 5 MB as
#: .xlsx), and small enough that a file at the limit is still read in seconds, not minutes
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_UNPACKED_BYTES = 12 * 1024 * 1024
MAX_PATH_CHARACTERS = 1024
_MB = 1024 * 1024


def _decode(raw: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without a BOM), UTF-16 (with or without a BOM), or
    Windows' cp1252, the encoding Excel on Windows saves."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    guess = _utf16_without_bom(raw)
    if guess:
        try:
            return raw.decode(guess)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL (ASCII text saved
    as UTF-16 with no byte-order mark), else None."""
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _file_label(source: str | os.PathLike) -> str:
    """The file's name as messages show it (never the folders; long names cut)."""
    text = os.fspath(source)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    name = text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or text
    name = _short(name.replace("\x00", "\N{SYMBOL FOR NULL}"))
    if not name.strip():
        return "(a blank file name)"
    return name if name == name.strip() else f"'{name}'"  # spaces around it shown


def _checked_path(source: str | os.PathLike, label: str) -> Path:
    """The path, or a MapError for a name no file can have (a NUL, far too long)."""
    text = os.fspath(source)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if "\x00" in text:
        raise MapError(Problem(label, "The file name holds an invisible character (NUL), so no file can have it.",
                               "type the file name again, or pick the file with the editor's upload button."))
    if len(text) > MAX_PATH_CHARACTERS or any(len(part.encode("utf-8", "replace")) > 255
                                              for part in text.replace("\\", "/").split("/")):
        raise MapError(Problem(label, f"The file name is too long ({len(text):,} characters).",
                               "give the file a short name (for example people.csv) and try again."))
    return Path(text)


def _file_problem(label: str, exc: OSError) -> MapError:
    reason = exc.strerror or type(exc).__name__
    return MapError(Problem(label, f"The file could not be opened ({reason}).",
                            "check the file exists and can be read; copy it into my_work/ and try again."))


def _read_bytes(path: Path, label: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise MapError(Problem(label, f"The file is {size / _MB:.0f} MB, more than the kit reads "
                                          f"({MAX_FILE_BYTES // _MB} MB).",
                                   "keep only the people and ties tables, one row each, and save it again."))
        return path.read_bytes()
    except OSError as exc:
        raise _file_problem(label, exc) from None


def _table_rows(rows: list[list[Any]], label: str, problems: list[Problem]) -> tuple[list[dict[str, Any]], int]:
    """Rows of cells (header first) as records with a header marker, and the header's row number.

    Blank rows above the header are skipped (the header is the first row with something in it);
    two columns with the same heading are a problem, since the kit could not know which to read.
    """
    skipped = 0
    while skipped < len(rows) and not any(_filled(cell) for cell in rows[skipped]):
        skipped += 1
    if skipped == len(rows):
        raise MapError(Problem(label, "The file is empty.",
                               "it needs a header row (e.g. 'name,title,unit') and one row per entry."))
    header = ["" if not _filled(cell) else str(cell) for cell in rows[skipped]]
    seen: dict[str, int] = {}
    for number, heading in enumerate(header, start=1):
        key = fold(heading, how="letters")
        if not key:
            continue
        if key in seen:
            problems.append(Problem(label, f"Two columns are headed '{_short(heading, 40)}' "
                                           f"(columns {seen[key]} and {number}).",
                                    "rename or delete one of them, so the kit knows which to read."))
        else:
            seen[key] = number
    records: list[dict[str, Any]] = []
    for row in rows[skipped + 1:]:
        if not any(_filled(cell) for cell in row):
            records.append({})  # keep numbering; blank rows are skipped later
            continue
        # a cell the kit's own CSV export protected from spreadsheets ('=...) reads back as typed
        records.append({h: (csv_uncell(row[i]) if i < len(row) else "") for i, h in enumerate(header) if h})
    return _with_header([h for h in header if h], records), skipped + 1


def _filled(cell: Any) -> bool:
    return not _is_blank(cell)


def _read_csv(path: Path, label: str, problems: list[Problem]) -> tuple[list[dict[str, Any]], Origin]:
    text = _decode(_read_bytes(path, label))
    if not text.strip():
        raise MapError(Problem(label, "The file is empty.",
                               "it needs a header row (e.g. 'name,title,unit') and one row per entry."))
    first_line = next(line for line in text.splitlines() if line.strip())
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise MapError(Problem(label, f"The file could not be read as a table ({exc}).",
                               "open it in a spreadsheet and save it again as CSV.")) from None
    records, header_row = _table_rows(rows, label, problems)
    return records, Origin(label, header_row + 1)


def _with_header(header: list[Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Remember the header even when there are no rows, for the missing-column check.
    return [{"__header__": list(header)}] + records


def _check_workbook(path: Path, label: str) -> None:
    """Refuse, before any parsing, a workbook that is not a zip file or unpacks to too much."""
    try:
        with zipfile.ZipFile(path) as book:
            unpacked = sum(max(entry.file_size, 0) for entry in book.infolist())
    except zipfile.BadZipFile:
        raise MapError(Problem(label, "This is not a working Excel (.xlsx) file: it may be damaged, or another "
                                      "kind of file renamed.",
                               "open it in Excel and save it again as .xlsx, or export it as CSV.")) from None
    except OSError as exc:
        raise _file_problem(label, exc) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise MapError(Problem(label, f"This spreadsheet unpacks to {unpacked / _MB:,.0f} MB, more than the kit "
                                      f"reads ({MAX_UNPACKED_BYTES // _MB} MB).",
                               "copy only the people and ties tables into a new workbook, or export them as CSV."))


def _read_excel_sheet(path: Path, sheet: str, label: str, problems: list[Problem]) -> tuple[list[dict[str, Any]], int]:
    try:
        frame = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str, keep_default_na=False)
    except ImportError:
        raise MapError(Problem(label, "Reading Excel files needs the openpyxl package.",
                               "run `make lab` again (or `pip install openpyxl`).")) from None
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged workbook
        raise MapError(Problem(label, f"The spreadsheet could not be read ({type(exc).__name__}).",
                               "save it again from Excel as .xlsx, or export it as CSV.")) from None
    return _table_rows(frame.values.tolist(), f"{label}, sheet '{sheet}'", problems)


def _excel_sheets(path: Path, label: str) -> list[str]:
    _check_workbook(path, label)
    try:
        return [str(name) for name in pd.ExcelFile(path).sheet_names]
    except ImportError:
        raise MapError(Problem(label, "Reading Excel files needs the openpyxl package.",
                               "run `make lab` again (or `pip install openpyxl`).")) from None
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise MapError(Problem(label, f"The spreadsheet could not be opened ({type(exc).__name__}).",
                               "save it again from Excel as .xlsx, or export it as CSV.")) from None


def _pick_sheet(sheets: list[str], table: str) -> str | None:
    folded = {fold(s, how="letters"): s for s in sheets}
    for name in SHEET_NAMES[table]:
        if name in folded:
            return folded[name]
    return None


def _chosen_sheet(sheets: list[str], sheet: Any, table: str, label: str) -> str:
    """The sheet to read: the one asked for (a name, or a number counted from 0), else the
    sheet named like the table ('people', 'ties'...), else the first."""
    listed = ", ".join(f"{i} '{name}'" for i, name in enumerate(sheets))
    argument = f"{table}_sheet"
    if sheet is None:
        return _pick_sheet(sheets, table) or sheets[0]
    if isinstance(sheet, str):
        if sheet in sheets:
            return sheet
        folded = {fold(s, how="letters"): s for s in sheets}
        if fold(sheet, how="letters") in folded:
            return folded[fold(sheet, how="letters")]
        raise MapError(Problem(label, f"There is no sheet called '{_short(sheet, 40)}'.",
                               f"{suggest(sheet, sheets)}Sheets: {', '.join(sheets)}."))
    if isinstance(sheet, numbers.Integral) and not isinstance(sheet, bool):
        if 0 <= sheet < len(sheets):
            return sheets[int(sheet)]
        raise MapError(Problem(label, f"There is no sheet number {sheet}: the workbook has "
                                      f"{plural(len(sheets), 'sheet')}, numbered from 0 "
                                      f"({listed}).",
                               f"give the sheet's name, e.g. {argument}='{sheets[0]}'."))
    raise MapError(Problem(label, f"{argument} must be a sheet's name or number, not {kind_of(sheet)}.",
                           f"give the sheet's name, e.g. {argument}='{sheets[0]}' (sheets: {listed})."))


def _frame_records(frame: pd.DataFrame, label: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """A DataFrame's rows as records (columns joined when they have several levels)."""
    header = [" ".join(str(part) for part in c) if isinstance(c, tuple) else c for c in frame.columns]
    seen: dict[str, int] = {}
    for number, heading in enumerate(header, start=1):
        key = fold(heading, how="letters") if _filled(heading) else ""
        if key and key in seen:
            problems.append(Problem(label, f"Two columns are headed '{_short(str(heading), 40)}' "
                                           f"(columns {seen[key]} and {number}).",
                                    "rename or delete one of them, so the kit knows which to read."))
        elif key:
            seen[key] = number
    values = frame.astype(object).values.tolist()
    records = [{h: v for h, v in zip(header, row)} for row in values]
    return _with_header(header, records)


def _load_table(source: Any, table: str, problems: list[Problem], *,
                sheet: Any = None) -> tuple[list[dict[str, Any]], Origin]:
    """Raw rows (plus a header marker) and where they came from."""
    if isinstance(source, (str, os.PathLike)):
        label = _file_label(source)
        path = _checked_path(source, label)
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except OSError as exc:
            raise _file_problem(label, exc) from None
        if not exists:
            raise MapError(Problem(label, "The file was not found.",
                                   "check the file name and that the file is in the folder you named "
                                   "(upload it to my_work/ and use 'my_work/<file name>')."))
        if is_dir:
            raise MapError(Problem(label, "This is a folder, not a file.", "name a .csv or .xlsx file."))
        suffix = path.suffix.casefold()
        if suffix == ".xls":
            raise MapError(Problem(label, "This is an old Excel file (.xls), which the kit cannot read.",
                                   "open it in Excel and save it as .xlsx (Excel Workbook), or as CSV."))
        if suffix in _EXCEL:
            sheets = _excel_sheets(path, label)
            chosen = _chosen_sheet(sheets, sheet, table, label)
            records, header_row = _read_excel_sheet(path, chosen, label, problems)
            return records, Origin(f"{label}, sheet '{chosen}'", header_row + 1)
        if suffix not in (".csv", ".txt", ".tsv", ""):
            raise MapError(Problem(label, f"The kit cannot read '{_short(path.suffix, 20)}' files.",
                                   "save the table as CSV (.csv) or Excel (.xlsx)."))
        if sheet is not None:
            raise MapError(Problem(label, f"A CSV file has no sheets, so {table}_sheet cannot be used with it.",
                                   f"leave {table}_sheet out (it is for Excel workbooks)."))
        return _read_csv(path, label, problems)
    if isinstance(source, pd.DataFrame):
        return _frame_records(source, f"{table} table", problems), Origin(f"{table} table", 1)
    if isinstance(source, (list, tuple)):
        headers: list[Any] = []
        for i, row in enumerate(source):
            if not isinstance(row, dict):
                raise MapError(Problem(f"{table} table, row {i + 1}",
                                       f"a row must be a dict of columns, not {type(row).__name__}.",
                                       "write each row like {'name': 'Rosa Delgado', 'unit': 'Ward 7B'}."))
            headers += [h for h in row if h not in headers]
        return _with_header(headers, [dict(r) for r in source]), Origin(f"{table} table", 1)
    raise MapError(Problem(table, f"The kit cannot read {kind_of(source)} as the {table} table.",
                           "give a CSV or Excel file name, a pandas DataFrame or a list of dicts."))


def _canonical_rows(raw: list[dict[str, Any]], wanted: tuple[str, ...], required: tuple[str, ...],
                    origin: Origin, problems: list[Problem]) -> list[dict[str, Any]] | None:
    header = raw[0]["__header__"]
    mapping = match_columns(header, wanted)
    missing = [c for c in required if c not in mapping.values()]
    for column in missing:
        hint = suggest(column, [str(h) for h in header if h not in mapping])
        found = ", ".join(f"'{_short(str(h), 30)}'" for h in header[:8]) or "none"
        if len(header) > 8:
            found += f" and {len(header) - 8} more"
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
        if any(_filled(v) for v in row.values()):
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
    if kind is not None and (not isinstance(kind, str) or kind.strip().casefold().replace(" ", "_") not in TIE_KINDS):
        raise MapError(Problem("kind", f"'{_short(str(kind), 40)}' is not a kind of tie.",
                               f"{suggest(str(kind), TIE_KINDS)}Use one of: {', '.join(TIE_KINDS)}."))
    if ties is None and _is_workbook(people):
        label = _file_label(people)
        sheets = _excel_sheets(_checked_path(people, label), label)
        if _pick_sheet(sheets, "ties") is not None or ties_sheet is not None:
            ties = people
    raw_people, people_origin = _load_table(people, "people", problems, sheet=people_sheet)
    people_rows = _canonical_rows(raw_people, PEOPLE_COLUMNS, ("name",), people_origin, problems)
    ties_rows: list[dict[str, Any]] | None = []
    ties_origin = Origin("ties table")
    if ties is not None:
        raw_ties, ties_origin = _load_table(ties, "ties", problems, sheet=ties_sheet)
        required = ("source", "target") if kind else ("source", "target", "kind")
        ties_rows = _canonical_rows(raw_ties, TIE_COLUMNS, required, ties_origin, problems)
    if people_rows is None or ties_rows is None or problems:
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
    return StakeholderMap(people_rows, ties_rows, title=title, _origins=origins,
                          _default_kind=kind.strip().casefold().replace(" ", "_") if kind else None)


def _is_workbook(source: Any) -> bool:
    """True for the name of an existing Excel workbook (never raises)."""
    if not isinstance(source, (str, os.PathLike)):
        return False
    try:
        path = Path(os.fspath(source))
        return path.suffix.casefold() in _EXCEL and path.suffix.casefold() != ".xls" and path.is_file()
    except (OSError, ValueError, TypeError):
        return False


# --------------------------------------------------------------------------- uploads (the editor's upload button)


def _looks_like_ties(path: Path) -> bool:
    stem = path.stem.casefold()
    return any(word.rstrip("s") in stem for word in SHEET_NAMES["ties"])


UPLOAD_NAME_BYTES = 120  # an uploaded file is saved under its own name, cut to this many bytes


def upload_name(name: Any, index: int = 0) -> str:
    """A safe file name for an upload, as close to the participant's as it can be.

    Folders, NULs and control characters are dropped and a long name is cut (keeping its
    extension), so any name a browser sends can be written and every message names the file
    the participant recognises.

    >>> upload_name("../../people.csv"), upload_name("a\\x00b.csv"), len(upload_name("x" * 300 + ".csv"))
    ('people.csv', 'ab.csv', 120)
    """
    text = "" if name is None else str(name)
    text = re.sub(r"[\x00-\x1f\x7f]", "", text).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if text in ("", ".", ".."):
        text = f"upload-{index + 1}.csv"
    stem, dot, suffix = text.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = text, ""
    suffix = f".{suffix}" if suffix else ""
    room = UPLOAD_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore") or f"upload-{index + 1}"
    return stem + suffix


def read_uploaded(files: Iterable[Mapping[str, Any]], *, title: str = "") -> StakeholderMap:
    """A map from files uploaded with a ``FileUpload`` widget (one Excel file, or people + ties CSV).

    The bytes are written to a temporary folder under their own file names (so every problem
    names the participant's file, row and column) and read with :func:`~qi_kit.read_map`.

    Raises
    ------
    MapError
        Everything ``read_map`` finds, or a wrong number of files.
    """
    files = list(files)
    for item in files:
        if not isinstance(item, Mapping):
            raise MapError(Problem("the upload", f"An upload holds {kind_of(item)}, not a file.",
                                   "upload the file again with the upload button."))
    if not 1 <= len(files) <= 2:
        raise MapError(Problem("the upload", f"{len(files)} files were uploaded.",
                               "upload one Excel file (sheets 'people' and 'ties'), or two CSV "
                               "files: the people and the ties."))
    with tempfile.TemporaryDirectory(prefix="qi-upload-") as folder:
        paths: list[Path] = []
        for i, item in enumerate(files):
            name = upload_name(item.get("name"), i)
            path = Path(folder) / name
            if path.exists():  # two files with the same name
                path = Path(folder) / f"{i + 1}-{name}"
            content = item.get("content") or b""
            if not isinstance(content, (bytes, bytearray, memoryview)):
                raise MapError(Problem(name, f"The upload holds {kind_of(content)}, not a file's contents.",
                                       "upload the file again with the upload button."))
            path.write_bytes(bytes(content))
            paths.append(path)
        if len(paths) == 1:
            return read_map(paths[0], title=title)
        people, ties = paths
        if _looks_like_ties(people) and not _looks_like_ties(ties):
            people, ties = ties, people
        try:
            return read_map(people, ties, title=title)
        except MapError as first:
            try:  # the names did not say which is which: try the other way round
                return read_map(ties, people, title=title)
            except MapError:
                raise first from None


def read_uploaded_maps(files: Iterable[Mapping[str, Any]]) -> dict[str, StakeholderMap]:
    """Several informants' maps from uploaded ``.json`` files (saved workspaces or shared files).

    Each file is one informant, labelled "Map 1", "Map 2", ... in the order uploaded.

    Raises
    ------
    MapError
        A file that holds no map, listed with its name.
    """
    maps, problems = {}, []
    for i, item in enumerate(files, start=1):
        name = Path(str(item.get("name") or f"file {i}")).name
        try:
            data = json.loads(bytes(item.get("content") or b"").decode("utf-8"))
            section = data.get("sections", {}).get("map") if "sections" in data else data.get("map")
            maps[f"Map {i}"] = StakeholderMap.from_dict(section)
        except (ValueError, AttributeError, TypeError, RecursionError, MapError):
            problems.append(Problem(name, "this file holds no map.",
                                    "upload files saved by the kit: workspace.json, or files shared with the "
                                    "facilitator."))
    if problems:
        raise MapError(problems)
    return maps
