"""One home for escaping: typed text shows as typed in HTML, Markdown and CSV, and never runs."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qi_kit import escaping
from qi_kit.escaping import csv_cell, csv_frame, csv_uncell, file_stem, html_text, markdown_table, markdown_text

PAYLOADS = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](x.png)",
    "**bold** _it_ `code` ~~del~~", "$x^2$ and $$y$$", "# heading", "- item", "+ item", "1. first", "2) second",
    "> quote", "a | b | c", "=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
    "\tTab", "\rCR", "https://evil.example/x", "www.evil.example", "me@evil.example", "&lt;b&gt; &amp;",
    "<http://x>", "Dr O'Brien (A&E)", "Zoë Łukasz 李", "back\\slash", "===", "***", "---",
]


class _Reader(HTMLParser):
    """Text and tags of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _read(fragment: str) -> tuple[list[str], str]:
    reader = _Reader()
    reader.feed(fragment)
    return reader.tags, "".join(reader.text)


def test_html_text_escapes_markup_and_quotes():
    assert html_text('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    assert html_text("it's") == "it&#x27;s"
    assert html_text(None) == "" and html_text(pd.NA) == "" and html_text(float("nan")) == ""
    assert html_text(3) == "3"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_reads_back_as_typed_with_no_tags(payload):
    tags, text = _read(f"<p>{html_text(payload)}</p>")
    assert tags == ["p"] and text == payload


def test_markdown_text_uses_backslashes_not_entities():
    assert markdown_text("<b>Rosa</b>") == "\\<b\\>Rosa\\</b\\>"
    assert "&lt;" not in markdown_text("<b>")
    assert markdown_text("Dr O'Brien (A&E)") == "Dr O'Brien (A&E)"  # reads as typed
    assert markdown_text("$5 or $10") == "\\$5 or \\$10"
    assert markdown_text("line one\nline two") == "line one line two"
    assert markdown_text("a\nb", keep_lines=True) == "a  \nb"


def RENDER(text: str) -> str:
    """Markdown to HTML with GitHub's extensions and maths (mistune comes with nbconvert)."""
    mistune = pytest.importorskip("mistune")
    return mistune.create_markdown(plugins=["strikethrough", "table", "url", "math"])(text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_renders_as_typed(payload):
    html = RENDER(markdown_text(payload))
    tags, text = _read(html)
    assert tags == ["p"], (payload, html)
    assert " ".join(text.split()) == " ".join(payload.split()), (payload, html)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>[]()*_`~$#+-=!|&;:/.@\\'\"1\n")), min_size=1, max_size=30))
def test_markdown_text_never_makes_markup(text):
    escaped = markdown_text(text)
    if not escaped:
        return
    tags, shown = _read(RENDER(escaped))
    assert set(tags) <= {"p"}, (text, escaped, tags)
    assert " ".join(shown.split()) == " ".join(text.split())


def test_markdown_table_is_one_cell_per_value():
    table = markdown_table(pd.DataFrame({"name": ["a|b", "<i>x</i>"], "note": ["line\nbreak", "$y$"]}))
    html = RENDER(table)
    tags, text = _read(html)
    assert tags.count("td") == 4 and "i" not in tags
    assert "a|b" in text and "<i>x</i>" in text and "$y$" in text


@pytest.mark.parametrize("cell, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("  =1", "'  =1"), ("Rosa", "Rosa"), ("O'Brien", "O'Brien"), ("", ""), (-2, -2), (3.5, 3.5), (None, None),
])
def test_csv_cell_follows_the_owasp_rule(cell, safe):
    assert csv_cell(cell) == safe
    assert csv_uncell(csv_cell(cell)) == cell


def test_csv_frame_protects_text_and_headers_only():
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "Rosa"], "stance": [-2, 1], "=bad": ["ok", "+1"]})
    text = csv_frame(frame).to_csv(index=False)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["name", "stance", "'=bad"]
    assert rows[1] == ["'=HYPERLINK(\"x\")", "-2", "ok"]
    assert rows[2] == ["Rosa", "1", "'+1"]
    for row in rows:
        for cell in row:
            assert not cell.startswith(escaping.CSV_TRIGGERS) or cell.lstrip("-").isdigit()


@pytest.mark.parametrize("text, stem", [
    ("Dr O'Brien", "dr-o-brien"), ("Zoë Łukasz", "zoë-łukasz"), ("李 明", "李-明"), ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
    ("  ", "export"), ("CON", "con-file"), ("x" * 300, "x" * 60), ("Ward 7B", "ward-7b"), ("a\x00b", "a-b"),
])
def test_file_stem_is_readable_and_portable(text, stem):
    assert file_stem(text) == stem


def test_no_maths_marks_the_fragment_and_pandas_tables():
    assert escaping.NO_MATHS in escaping.no_maths_html("<p>$x$</p>")
    with pd.option_context("display.html.use_mathjax", True):
        escaping.no_maths_in_tables()
        assert "mathjax_ignore" in pd.DataFrame({"a": ["$x$"]})._repr_html_()
    pd.reset_option("display.html.use_mathjax")
