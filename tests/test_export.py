"""Take-home files escape whatever a participant typed."""

from __future__ import annotations

import pandas as pd

from qi_kit.export import html_document, markdown_table, md_escape


def test_markdown_exports_show_typed_text_as_text():
    assert md_escape("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"  # reads as typed
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    table = markdown_table(pd.DataFrame({"name": ["a|b"], "note": ["line\nbreak"]}))
    assert table.splitlines()[2] == "| a\\|b | line break |"


def test_html_document_escapes_title_and_note():
    page = html_document("<b>x</b>", "<p>ok</p>", note="<script>")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page and "&lt;script&gt;" in page and "<p>ok</p>" in page
    assert "http" not in page  # self-contained: nothing loaded from the internet
