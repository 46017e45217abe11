"""Property-based fuzzing of read_map: every input a message, fast.

Thousands of generated inputs of every kind a learner (or a browser) can hand the kit: lists of
dicts, DataFrames of odd dtypes, CSV bytes in any encoding with any damage, real and broken
.xlsx workbooks (and one that unpacks to far more than it weighs), uploads with any file name,
and odd arguments (sheets, kinds, titles). For each, the only exception allowed is the kit's
own MapError (or WorkspaceError), within 5 seconds, and every problem it lists names a place
and a fix. The counts are printed at the end of the run.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import math
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qi_kit import MapError, StakeholderMap, read_map
from qi_kit.widgets.editor import read_uploaded

from .conftest import record, scale

LIMIT_SECONDS = 5.0
TALLY: Counter[str] = Counter()
SLOWEST: dict[str, float] = {"seconds": 0.0}
FAILURES: list[str] = []

HEADERS = ["name", "Name", "NAME ", "full name", "Person", "title", "job title", "unit", "department", "authority",
           "power", "influence", "interest", "stance", "attitude", "role", "notes", "source", "target", "kind",
           "strength", "from", "to", "type", "weight", "", " ", "??", "x", "名前", "name\x00", "\ufeffname", "nan"]
WORDS = ["", " ", "Rosa", "rosa ", "Tom", "Dr O'Brien", "Zoë", "advice", "trust", "reports to", "Sponsor", "resistor",
         "3", "-2", "+2", "2.5", "1e3", "1e400", "nan", "NaN", "inf", "=HYPERLINK(\"x\")", "<img src=x onerror=alert(1)>",
         "$x$", "\x00", "\u202e", "\t", "a\nb", "x" * 300, "'=1+1"]
CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([10 ** 400, -10 ** 400, 2 ** 63, -1]),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(WORDS), st.binary(max_size=6),
    st.sampled_from([pd.NA, pd.NaT, np.nan, np.int64(4), np.float64(2.0), np.bool_(True), 1j, dt.date(2024, 1, 1),
                     [1, 2], {"a": 1}, ("t",), {1}, object()]),
)
ROWS = st.lists(st.dictionaries(st.sampled_from(HEADERS), CELLS, max_size=7), max_size=9)


def outcome(call) -> None:
    """Run one case: record what happened; any exception but MapError, a slow case or a message
    without a place or a fix is a failure (kept, with its traceback, for the assertion)."""
    start = time.perf_counter()
    try:
        result = call()
    except MapError as error:
        TALLY["messages"] += 1
        bad = [p for p in error.problems if not str(p.where).strip() or not str(p.what).strip() or not str(p.fix).strip()]
        if bad or not error.problems or "Traceback" in str(error):
            TALLY["messages without a place or a fix"] += 1
            FAILURES.append(f"message without a place or a fix: {bad or str(error)[:300]}")
    except Exception:  # what the suite is here to find
        TALLY["unexpected exceptions"] += 1
        FAILURES.append(traceback.format_exc(limit=6)[-1500:])
    else:
        TALLY["maps read"] += 1
        if not isinstance(result, StakeholderMap):
            FAILURES.append(f"not a map: {type(result)}")
    seconds = time.perf_counter() - start
    TALLY["cases"] += 1
    SLOWEST["seconds"] = max(SLOWEST["seconds"], seconds)
    if seconds > LIMIT_SECONDS:
        TALLY["over 5 s"] += 1
        FAILURES.append(f"took {seconds:.1f} s")


SETTINGS = dict(deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])


# --------------------------------------------------------------------------- tables in code


@settings(max_examples=scale(800, 5000), **SETTINGS)
@given(people=st.one_of(ROWS, CELLS), ties=st.one_of(st.none(), ROWS, CELLS),
       kind=st.one_of(st.none(), st.sampled_from(["advice", "Reports To", "gossip", ""]), CELLS),
       title=st.one_of(st.text(max_size=10), CELLS))
def test_lists_of_dicts_and_odd_arguments(people, ties, kind, title):
    outcome(lambda: read_map(people, ties, kind=kind, title=title))


@st.composite
def nearly_valid(draw):
    """A map that reads (unique names, ties between them), then one cell changed to anything."""
    names = draw(st.lists(st.text(alphabet="abcdefgh XYZé'-", min_size=1, max_size=8).filter(str.strip),
                          min_size=1, max_size=8, unique_by=lambda n: " ".join(n.split()).casefold()))
    people = [{"name": n, "authority": draw(st.integers(0, 5)), "stance": draw(st.integers(-2, 2)),
               "role": draw(st.sampled_from(["", "sponsor", "resistor"]))} for n in names]
    ties = [{"source": s, "target": t, "kind": draw(st.sampled_from(["advice", "trust", "reports to"]))}
            for s, t in zip(names, names[1:])]
    table = draw(st.sampled_from(["people", "ties", "none"]))
    rows = people if table == "people" or not ties else ties
    if table != "none":
        row = draw(st.sampled_from(rows))
        row[draw(st.sampled_from(sorted(row) + ["strength", "notes"]))] = draw(CELLS)
    return people, ties


@settings(max_examples=scale(450, 3000), **SETTINGS)
@given(case=nearly_valid(), as_frames=st.booleans())
def test_nearly_valid_maps_with_one_cell_changed(case, as_frames):
    people, ties = case
    if as_frames:
        people, ties = pd.DataFrame(people), pd.DataFrame(ties) if ties else None
    outcome(lambda: read_map(people, ties))


@st.composite
def frames(draw):
    columns = draw(st.lists(st.sampled_from(HEADERS + [0, 1.5, None, ("name", "x")]), min_size=0, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(columns), max_size=len(columns)), max_size=8))
    frame = pd.DataFrame(rows, columns=pd.Index(columns, dtype=object, tupleize_cols=False)) if columns \
        else pd.DataFrame(rows)
    if columns and draw(st.booleans()):
        try:
            frame = frame.astype("string")
        except Exception:  # not every odd value converts: keep the object frame
            pass
    return frame


@settings(max_examples=scale(600, 4000), **SETTINGS)
@given(people=frames(), ties=st.one_of(st.none(), frames()))
def test_dataframes_of_any_shape_and_dtype(people, ties):
    outcome(lambda: read_map(people, ties))


# --------------------------------------------------------------------------- files


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


@st.composite
def csv_bytes(draw, table: str):
    heads = ["name", "title", "authority", "stance"] if table == "people" else ["source", "target", "kind", "strength"]
    header = draw(st.lists(st.sampled_from(heads + HEADERS[:8]), min_size=0, max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 8))):
        cells = draw(st.lists(st.sampled_from(WORDS + ["Rosa", "Tom", "advice", "1", "9"]), max_size=6))
        rows.append(delimiter.join(f'"{c}"' if draw(st.booleans()) else c for c in cells))
    text = "\n" * draw(st.integers(0, 3)) + "\r\n".join(rows) if draw(st.booleans()) else "\n".join(rows)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    damage = draw(st.sampled_from(["none", "none", "truncate", "nul", "random", "huge field", "bytes"]))
    if damage == "truncate":
        data = data[: draw(st.integers(0, max(0, len(data))))]
    elif damage == "nul":
        data = data.replace(b",", b"\x00,")
    elif damage == "random":
        data = draw(st.binary(max_size=200))
    elif damage == "huge field":
        data += b"\n" + b"x" * 200_000
    elif damage == "bytes":
        data = bytes(b ^ 0x80 for b in data)
    return data


@settings(max_examples=scale(650, 4000), **SETTINGS)
@given(people=csv_bytes("people"), ties=st.one_of(st.none(), csv_bytes("ties")),
       suffix=st.sampled_from([".csv", ".tsv", ".txt", "", ".CSV", ".pdf"]))
def test_csv_files_in_any_encoding_with_any_damage(tmp_path_factory, people, ties, suffix):
    folder = tmp_path_factory.mktemp("csv", numbered=True)
    p = folder / f"people{suffix}"
    p.write_bytes(people)
    t = None
    if ties is not None:
        t = folder / f"ties{suffix}"
        t.write_bytes(ties)
    outcome(lambda: read_map(p, t))


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, index=False, header=False)
    return buffer.getvalue()


def bomb() -> bytes:
    """A small .xlsx that unpacks to far more than the kit reads (a zip bomb)."""
    good = workbook_bytes({"people": [["name"], ["Rosa"]]})
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"</sheetData>", b"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>"
                                    + b"A" * (50 * 1024 * 1024) + b"</t></is></c></row></sheetData>")
            target.writestr(item, data)
    return out.getvalue()


SHEET_CELL = st.one_of(st.none(), st.integers(-10, 10), st.floats(allow_nan=False, allow_infinity=False),
                       st.sampled_from([w for w in WORDS if "\x00" not in w and w not in ("\u202e",)]))


@st.composite
def workbooks(draw):
    kind = draw(st.sampled_from(["good", "good", "good", "damaged", "not a zip", "empty"]))
    if kind == "not a zip":
        return draw(st.binary(max_size=100))
    if kind == "empty":
        return b""
    names = draw(st.lists(st.sampled_from(["people", "ties", "People", "Sheet1", "links", "x", "-1"]),
                          min_size=1, max_size=3, unique_by=str.casefold))
    sheets = {}
    for name in names:
        width = draw(st.integers(1, 4))
        header = draw(st.lists(st.sampled_from(["name", "source", "target", "kind", "stance", "authority", "", "x"]),
                               min_size=width, max_size=width))
        body = draw(st.lists(st.lists(SHEET_CELL, min_size=width, max_size=width), max_size=5))
        sheets[name] = ([[None] * width] * draw(st.integers(0, 2))) + [header] + body
    data = workbook_bytes(sheets)
    if kind == "damaged":  # a share of the file, not a byte count: a workbook's size varies with its timestamp
        cut = int(draw(st.floats(0, 1)) * len(data))
        data = data[:cut] + draw(st.binary(max_size=20))
    return data


@settings(max_examples=scale(150, 1000), **SETTINGS)
@given(book=workbooks(), people_sheet=st.one_of(st.none(), st.sampled_from(["people", "nope", 0, 1, -1, 5]),
                                                  st.sampled_from([1.5, ["people"], True])),
       ties_sheet=st.one_of(st.none(), st.sampled_from(["ties", 1, 9])))
def test_excel_workbooks_real_damaged_and_odd_sheets(tmp_path_factory, book, people_sheet, ties_sheet):
    path = tmp_path_factory.mktemp("xlsx", numbered=True) / "map.xlsx"
    path.write_bytes(book)
    outcome(lambda: read_map(path, people_sheet=people_sheet, ties_sheet=ties_sheet))


def test_a_workbook_that_unpacks_to_50_mb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb())
    assert path.stat().st_size < 200_000
    start = time.perf_counter()
    with pytest.raises(MapError, match="unpacks to .* MB, more than the kit reads"):
        read_map(path)
    assert time.perf_counter() - start < 1.0


NAMES = st.one_of(st.text(max_size=40), st.sampled_from(["people.csv", "ties.csv", "map.xlsx", "a" * 300 + ".csv",
                                                         "x\x00y.csv", "../../etc/passwd", "", "名前.csv", "ties",
                                                         "CON.csv", "people.CSV"]), st.none(), st.integers())


@settings(max_examples=scale(400, 3000), **SETTINGS)
@given(files=st.lists(st.fixed_dictionaries({"name": NAMES, "content": st.one_of(csv_bytes("people"), csv_bytes("ties"),
                                                                                  st.binary(max_size=50), st.none(),
                                                                                  st.sampled_from([5, "text"]))}),
                      max_size=3) | st.sampled_from([[1], [None], ["x"]]))
def test_uploads_with_any_name_and_content(files):
    outcome(lambda: read_uploaded(files))


# --------------------------------------------------------------------------- the counts


def test_zz_fuzzing_counts():
    """Printed at the end: cases tried, messages, maps read, unexpected exceptions, slow cases."""
    total = TALLY["cases"]
    record("fuzzing read_map", f"{total:,} cases (lists, DataFrames, CSV bytes, .xlsx, uploads): "
           f"{TALLY['messages']:,} plain messages, {TALLY['maps read']:,} maps read, "
           f"{TALLY['unexpected exceptions']} unexpected exceptions, {TALLY['over 5 s']} over 5 s "
           f"(slowest {SLOWEST['seconds']:.2f} s), {TALLY['messages without a place or a fix']} messages without "
           "a place or a fix")
    if total:
        assert not FAILURES, f"{len(FAILURES)} failures; the first:\n" + "\n---\n".join(FAILURES[:3])
        assert total >= scale(3000, 20000), f"only {total} cases ran"


@pytest.mark.parametrize("value, message", [
    (10 ** 400, "is outside the scale 0 to 5"), (decimal.Decimal("NaN"), "is not a number"),
    ("1e400", "is outside the scale"), (math.inf, "is not a number"), ("9" * 5000, "is outside the scale"),
])
def test_hand_picked_numbers_from_the_issue(value, message):
    with pytest.raises(MapError, match=message):
        read_map([{"name": "Rosa", "authority": value}])


def test_hand_picked_files_from_the_issue(tmp_path):
    blank_first = tmp_path / "people.csv"
    blank_first.write_text("\n\nname,stance\nRosa,9\n")
    with pytest.raises(MapError, match=r"people.csv, row 4, column 'stance': 9 is outside"):
        read_map(blank_first)
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes("name\nRosa\n".encode("utf-16-le"))
    assert read_map(utf16).names == ["Rosa"]
    twice = tmp_path / "twice.csv"
    twice.write_text("name,Name\nRosa,Tom\n")
    with pytest.raises(MapError, match="Two columns are headed 'Name' \\(columns 1 and 2\\)"):
        read_map(twice)
    assert Path(blank_first).exists()
