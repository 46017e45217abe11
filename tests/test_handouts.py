"""The printable handouts: their words come from the kit, the HTML is safe, the PDFs are real and repeatable."""

from __future__ import annotations

import re

import pytest

from qi_kit import handouts as h
from qi_kit.engage.roles import ROLE_MEANINGS
from qi_kit.pitch.feedback import LOOKS_FOR
from qi_kit.widgets.pitch_builder import STEPS


def test_three_handouts_in_session_order():
    assert [x.key for x in h.handouts()] == ["mapping-worksheet", "pitch-card", "evaluation-form"]


def test_the_worksheet_has_the_process_the_people_the_ties_and_the_commitment_chart():
    sheet = h.mapping_worksheet()
    headings = [b.heading for b in sheet.blocks]
    assert headings[:4] == ["1. Who touches the process?", "2. The people", "3. Who goes to whom",
                            "4. The commitment chart (Beckhard and Harris)"]
    chart = sheet.blocks[3]
    assert chart.columns == ("Person", "No commitment", "Let it happen", "Help it happen", "Make it happen")
    assert "X where they are now and O where the change needs them" in chart.paragraphs[0]
    assert dict(sheet.blocks[4].rows) == ROLE_MEANINGS  # the roles' meanings, as the kit states them
    assert "initials or roles" in sheet.footer[0]


def test_the_pitch_card_follows_the_builder_and_the_checks():
    card = h.pitch_card()
    steps = card.blocks[1]
    assert [r[0] for r in steps.rows] == [title for title, _ in STEPS[1:-1]]
    assert "If they say no" in [r[0] for r in steps.rows]
    assert len(card.blocks[2].rows) == len(LOOKS_FOR)


def test_html_is_self_contained_and_escaped():
    evil = h.Handout("x", "<b>T</b>", "s", (h.Block("<i>", ("<script>alert(1)</script>",), ("a<", "b"),
                                                    (("<img>", "ok"),), blank_rows=2),))
    page = h.render_html(evil)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;img&gt;" in page
    assert page.count('<tr class="blank">') == 2
    for handout in h.handouts():
        page = h.render_html(handout)
        assert "http" not in page.replace("http-equiv", "")  # nothing loaded from the web
        assert page.count("<table>") >= 2 and f"<title>{handout.title}</title>" in page
        assert "@page{size:A4" in page


@pytest.mark.skipif(not h.pdf_available(), reason="ReportLab is not installed (make lab and make test install it)")
def test_pdfs_are_real_a4_documents_and_the_same_every_time():
    for handout in h.handouts():
        pdf = h.render_pdf(handout)
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert len(re.findall(rb"/Type /Page\b", pdf)) >= 1
        assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf  # A4
        assert b"DejaVu" in pdf  # the font that prints every character
        assert h.render_pdf(handout) == pdf  # invariant: no creation time inside


def test_write_handouts_html_always_pdf_when_possible(tmp_path, monkeypatch):
    written = h.write_handouts(tmp_path / "out")
    assert set(written) == {"mapping-worksheet", "pitch-card", "evaluation-form"}
    assert all(files["html"].exists() for files in written.values())
    if h.pdf_available():
        assert all(files["pdf"].read_bytes().startswith(b"%PDF-") for files in written.values())
    monkeypatch.setattr(h, "pdf_available", lambda: False)
    html_only = h.write_handouts(tmp_path / "html-only")
    assert all(set(files) == {"html"} for files in html_only.values())


def test_the_command_line(tmp_path, capsys, monkeypatch):
    from qi_kit.__main__ import main

    assert main(["handouts", "--out", str(tmp_path / "x")]) == 0
    assert "Handouts written to" in capsys.readouterr().out
    assert (tmp_path / "x" / "pitch-card.html").exists()
    assert main(["handouts", "--out"]) == 2
    monkeypatch.setattr(h, "pdf_available", lambda: False)
    main(["handouts", "--out", str(tmp_path / "y")])
    assert "PDF needs ReportLab" in capsys.readouterr().out
