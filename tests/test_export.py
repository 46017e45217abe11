"""Take-home files escape whatever a participant typed, never overwrite each other, and fail in words."""

from __future__ import annotations

import csv
import io
import os

import pandas as pd
import pytest

from qi_kit import StakeholderMap, WorkspaceError, read_map
from qi_kit.export import csv_text, html_document, markdown_table, md_escape, write_exports
from qi_kit.pitch import Pitch, export_pitch
from qi_kit.widgets.editor import export_csv


def test_markdown_exports_show_typed_text_as_text():
    assert md_escape("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"  # reads as typed
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    table = markdown_table(pd.DataFrame({"name": ["a|b"], "note": ["line\nbreak"]}))
    assert table.splitlines()[2] == "| a\\|b | line break |"


def test_html_document_escapes_title_and_note():
    page = html_document("<b>x</b>", "<p>ok</p>", note="<script>")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page and "&lt;script&gt;" in page and "<p>ok</p>" in page
    assert "http" not in page  # self-contained: nothing loaded from the internet


# ---------------------------------------------------------------- file names and failures


def test_names_that_make_the_same_file_name_get_their_own_files(tmp_path):
    first = write_exports("pitch-Dr O'Brien", {"md": "one"}, folder=tmp_path)["md"]
    second = write_exports("pitch-Dr O Brien", {"md": "two"}, folder=tmp_path)["md"]
    assert first.name == "pitch-dr-o-brien.md" and second.name == "pitch-dr-o-brien-2.md"
    assert first.read_text() == "one" and second.read_text() == "two"
    again = write_exports("pitch-Dr O'Brien", {"md": "one, updated"}, folder=tmp_path)["md"]
    assert again == first and first.read_text() == "one, updated"  # the same pitch updates its own file


def test_non_ascii_names_stay_readable_and_distinct(tmp_path):
    names = ["Zoë Łukasz", "Zoe Lukasz", "李明", "Jürgen", "Jurgen"]
    paths = [write_exports(f"pitch-{n}", {"txt": n}, folder=tmp_path)["txt"] for n in names]
    assert [p.name for p in paths] == ["pitch-zoë-łukasz.txt", "pitch-zoe-lukasz.txt", "pitch-李明.txt",
                                       "pitch-jürgen.txt", "pitch-jurgen.txt"]
    assert [p.read_text() for p in paths] == names


def test_a_file_not_made_by_the_kit_is_never_overwritten(tmp_path):
    (tmp_path / "my-map-people.csv").write_text("mine")
    path = write_exports("my-map-people", {"csv": "kit"}, folder=tmp_path)["csv"]
    assert path.name == "my-map-people-2.csv" and (tmp_path / "my-map-people.csv").read_text() == "mine"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to a read-only folder")
def test_a_read_only_folder_is_a_plain_message(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(WorkspaceError, match="could not be written"):
            write_exports("x", {"md": "y"}, folder=tmp_path)
    finally:
        tmp_path.chmod(0o700)


def test_a_full_disk_is_a_plain_message(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("qi_kit.export.atomic_write_text", full)
    with pytest.raises(WorkspaceError) as info:
        export_pitch(Pitch(leader="Margaret Okafor"), folder=tmp_path)
    assert "could not be written (No space left on device)" in str(info.value)
    assert "Your files were not exported" in str(info.value)


PAYLOADS = ["=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_csv_exports_never_start_a_formula_and_load_back_as_typed(tmp_path):
    m = StakeholderMap([{"name": p, "title": p, "notes": p} for p in PAYLOADS]
                       + [{"name": "Rosa", "stance": -2}],
                       [{"source": PAYLOADS[0], "target": "Rosa", "kind": "advice"}], title="=cmd")
    written = export_csv(m, folder=tmp_path)
    for path in written.values():
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
                    cell.startswith("-") and not cell.lstrip("-").isdigit()), cell
    again = read_map(written["people"], written["ties"])
    assert again.names == m.names and again.person("Rosa")["stance"] == -2
    assert "'-2+3" in csv_text(m.people)
