"""read_map: every learner mistake is reported at once, with its file, row and a fix."""

from __future__ import annotations

import pandas as pd
import pytest

from qi_kit import MapError, read_map

PEOPLE_CSV = "name,title,unit,authority,influence,interest,stance,role,notes\n" \
             "Rosa Delgado,Staff Nurse,Nights,0,5,3,1,influencer,\n" \
             "Tom Barker,Ward Manager,Ward 7B,3,1,4,0,,new in post\n"
TIES_CSV = "source,target,kind,strength\nTom Barker,Rosa Delgado,advice,2\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(call):
    with pytest.raises(MapError) as info:
        call()
    return str(info.value), info.value.problems


def test_reads_csv_files(tmp_path):
    m = read_map(write(tmp_path, "people.csv", PEOPLE_CSV), write(tmp_path, "ties.csv", TIES_CSV), title="Falls")
    assert m.names == ["Rosa Delgado", "Tom Barker"]
    assert m.person("Tom Barker")["notes"] == "new in post"
    assert m.ties.to_dict("records") == [{"source": "Tom Barker", "target": "Rosa Delgado", "kind": "advice", "strength": 2}]


def test_accepts_semicolons_and_a_byte_order_mark(tmp_path):
    people = write(tmp_path, "people.csv", PEOPLE_CSV.replace(",", ";"), encoding="utf-8-sig")
    ties = write(tmp_path, "ties.csv", TIES_CSV.replace(",", ";"), encoding="utf-8-sig")
    assert read_map(people, ties).names == ["Rosa Delgado", "Tom Barker"]


def test_accepts_tabs_and_windows_encoding(tmp_path):
    people = write(tmp_path, "people.csv", "Name\tUnit\nJosé Núñez\tPharmacy\n", encoding="cp1252")
    assert read_map(people).names == ["José Núñez"]


def test_reads_excel_workbook_with_two_sheets(tmp_path):
    path = tmp_path / "project.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"Name": ["A", "B"], "Power": [5, 1]}).to_excel(writer, sheet_name="People", index=False)
        pd.DataFrame({"From": ["B"], "To": ["A"], "Type": ["Advice"]}).to_excel(writer, sheet_name="Ties", index=False)
    m = read_map(path)
    assert m.person("A")["authority"] == 5
    assert len(m.ties) == 1


def test_excel_row_numbers_and_sheet_in_messages(tmp_path):
    path = tmp_path / "people.xlsx"
    pd.DataFrame({"name": ["A", "B"], "stance": [1, 7]}).to_excel(path, index=False)
    text, _ = problems_of(lambda: read_map(path))
    assert "people.xlsx, sheet 'Sheet1', row 3, column 'stance': 7 is outside the scale -2 to 2" in text


def test_column_synonyms_ignore_case_and_spaces():
    m = read_map([{" Full Name ": "A", "JOB TITLE": "Nurse", "Department": "ICU"},
                  {" Full Name ": "B"}],
                 [{"From": "A", "To": "B", "Relationship": "Trust", "Weight": "3"}])
    assert m.person("A")["unit"] == "ICU" and m.person("A")["title"] == "Nurse"
    assert m.ties.iloc[0].tolist() == ["A", "B", "trust", 3]


def test_dataframes_and_default_kind():
    people = pd.DataFrame({"name": ["A", "B", "C"]})
    ties = pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"]})
    m = read_map(people, ties, kind="advice")
    assert m.kinds() == ["advice"]


def test_unknown_person_suggests_a_name(tmp_path):
    ties = write(tmp_path, "ties.csv", "source,target,kind\nTom Barker,Rosa Delgato,advice\n")
    text, problems = problems_of(lambda: read_map(write(tmp_path, "people.csv", PEOPLE_CSV), ties))
    assert problems[0].where == "ties.csv, row 2, column 'target'"
    assert "'Rosa Delgato' is not in the people table" in text
    assert "Did you mean 'Rosa Delgado'?" in text


def test_duplicate_and_blank_names_name_their_rows(tmp_path):
    people = write(tmp_path, "people.csv", "name,unit\nAna,ICU\n,ICU\nana ,Ward\n")
    text, problems = problems_of(lambda: read_map(people))
    assert [p.where for p in problems] == ["people.csv, row 3, column 'name'", "people.csv, row 4, column 'name'"]
    assert "The name is blank" in text and "'ana' is already on row 2" in text
    assert "make the names different" in text


def test_blank_lines_are_skipped_but_rows_keep_their_numbers(tmp_path):
    people = write(tmp_path, "people.csv", "name,authority\nA,1\n\n,\nB,high\n")
    _, problems = problems_of(lambda: read_map(people))
    assert problems[0].where == "people.csv, row 5, column 'authority'"


def test_self_ties_and_duplicate_ties(tmp_path):
    ties = write(tmp_path, "ties.csv", TIES_CSV + "Tom Barker,Tom Barker,trust,1\ntom barker,Rosa Delgado,advice,1\n")
    text, problems = problems_of(lambda: read_map(write(tmp_path, "people.csv", PEOPLE_CSV), ties))
    assert "ties.csv, row 3: 'Tom Barker' is tied to themself" in text
    assert "ties.csv, row 4: The advice tie Tom Barker -> Rosa Delgado is already on row 2" in text
    assert len(problems) == 2


@pytest.mark.parametrize("column, value, message", [
    ("authority", "high", "'high' is not a number. Fix: type a whole number from 0 to 5"),
    ("authority", "6", "6 is outside the scale 0 to 5"),
    ("influence", "2.5", "2.5 is not a whole number"),
    ("interest", "-1", "-1 is outside the scale 0 to 5"),
    ("stance", "3", "3 is outside the scale -2 to 2"),
    ("stance", "nan", "'nan' is not a number"),
    ("role", "blocker", "'blocker' is not a role the kit knows. Fix: Use one of: sponsor, day-to-day leader, champion, change team, patient partner, influencer, resistor"),
    ("role", "Sponser", "Did you mean 'sponsor'?"),
])
def test_bad_ratings_and_roles(column, value, message):
    text, problems = problems_of(lambda: read_map([{"name": "A", column: value}]))
    assert message in text
    assert problems[0].where == f"people table, row 1, column '{column}'"


def test_accepts_numbers_written_as_text_and_floats():
    m = read_map([{"name": "A", "authority": " 3 ", "stance": "+2", "interest": 4.0, "influence": "2,0"}])
    assert m.person("A") | {} == m.person("A")
    assert [m.person("A")[c] for c in ("authority", "stance", "interest", "influence")] == [3, 2, 4, 2]


def test_unknown_kind_lists_allowed_values():
    text, _ = problems_of(lambda: read_map([{"name": "A"}, {"name": "B"}], [{"source": "A", "target": "B", "kind": "friends"}]))
    assert "'friends' is not a kind of tie the kit knows" in text
    assert "reports_to, advice, trust, information, resources" in text


def test_missing_required_columns(tmp_path):
    people = write(tmp_path, "people.csv", "person_nme,unit\nA,ICU\n")
    ties = write(tmp_path, "ties.csv", "from,to\nA,A\n")
    text, problems = problems_of(lambda: read_map(people, ties))
    assert "people.csv: There is no 'name' column (columns found: 'person_nme', 'unit')" in text
    assert "ties.csv: There is no 'kind' column" in text
    assert len(problems) == 2


def test_empty_files_and_header_only(tmp_path):
    text, _ = problems_of(lambda: read_map(write(tmp_path, "people.csv", "")))
    assert "people.csv: The file is empty" in text
    text, _ = problems_of(lambda: read_map(write(tmp_path, "p.csv", "name,unit\n")))
    assert "There are no people in this table" in text


def test_missing_file_and_wrong_types(tmp_path):
    text, _ = problems_of(lambda: read_map(tmp_path / "nope.csv"))
    assert "nope.csv: The file was not found" in text
    text, _ = problems_of(lambda: read_map(write(tmp_path, "map.pdf", "x")))
    assert "cannot read '.pdf' files" in text
    text, _ = problems_of(lambda: read_map(42))
    assert "cannot read a int as the people table" in text
    text, _ = problems_of(lambda: read_map(["A"]))
    assert "a row must be a dict" in text


def test_damaged_excel_file(tmp_path):
    text, _ = problems_of(lambda: read_map(write(tmp_path, "people.xlsx", "not a zip")))
    assert "could not be opened" in text and "save it again" in text


def test_every_problem_is_reported_at_once(tmp_path):
    people = write(tmp_path, "people.csv", "name,authority,role\nA,9,boss\nA,1,\nB,x,\n")
    ties = write(tmp_path, "ties.csv", "source,target,kind\nA,C,advice\nB,B,trust\nB,A,gossip\n")
    _, problems = problems_of(lambda: read_map(people, ties))
    assert len(problems) == 7


def test_long_lists_are_cut_but_counted():
    people = [{"name": f"P{i}", "authority": 9} for i in range(40)]
    text, problems = problems_of(lambda: read_map(people))
    assert len(problems) == 40
    assert "There are 40 problems to fix" in text and "and 15 more problems like these" in text
