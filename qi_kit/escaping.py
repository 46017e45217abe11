"""One home for making a participant's text inert wherever the kit shows or writes it.

Participants type colleagues' names, notes and answers; any of them may look like markup
(``<img src=x onerror=...>``, ``[x](javascript:...)``, ``**bold**``, ``$x$``) or like a
spreadsheet formula (``=HYPERLINK(...)``). Every view and export of the kit passes typed text
through one of these functions, so it always shows exactly as typed and never runs:

- :func:`html_text`: HTML (quotes too), for HTML widgets, pages and notebook outputs;
  :func:`html_lines` keeps line breaks as ``<br>``;
- :func:`markdown_text`: Markdown's own backslash escapes, so the text reads as typed in a text
  editor and renders as typed in any viewer: no raw HTML, links, emphasis, tables, headings,
  lists or ``$...$`` maths (no ``&lt;b&gt;``);
- :func:`csv_cell` and :func:`csv_frame`: OWASP's CSV-injection rule, so a cell never starts a
  formula in Excel, LibreOffice or Google Sheets; :func:`csv_uncell` reads such a cell back;
- :data:`NO_MATHS` and :func:`no_maths_html`: the class JupyterLab's MathJax skips, so a
  ``$`` in a name in a table or a widget is never typeset as maths; :func:`no_maths_in_tables`
  does the same for every DataFrame a notebook shows (pandas' own switch);
- :func:`file_stem`: a readable file name (non-ASCII letters kept) made from any text.

Examples
--------
>>> html_text('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> markdown_text("Dr <b>O'Brien</b> *sceptical* | costs $5 $10")
"Dr \\\\<b\\\\>O'Brien\\\\</b\\\\> \\\\*sceptical\\\\* \\\\| costs \\\\$5 \\\\$10"
>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("Rosa"), csv_cell(-2)
('\\'=HYPERLINK("http://x")', 'Rosa', -2)
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported only when a table is escaped
    import pandas as pd

#: classes MathJax skips (MathJax 3 in JupyterLab 4: ``mathjax_ignore``; older: ``tex2jax_ignore``)
NO_MATHS = "tex2jax_ignore mathjax_ignore"


def _text(value: Any) -> str:
    """Any value as text; None, NaN and pandas' missing values are empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    return str(value)


# --------------------------------------------------------------------------- HTML


def html_text(value: Any) -> str:
    """Any value as HTML text: ``& < > " '`` become entities; ``None`` is empty.

    >>> html_text("Rosa & <Tom>"), html_text(None)
    ('Rosa &amp; &lt;Tom&gt;', '')

    See Also
    --------
    html_lines
        The same with line breaks kept.
    markdown_text
        The Markdown twin.
    message_box
        A message box with the text escaped.
    """
    return html.escape(_text(value), quote=True)


def html_lines(value: Any) -> str:
    """:func:`html_text` with each line break kept as ``<br>``.

    >>> html_lines("one\\n<two>")
    'one<br>&lt;two&gt;'
    """
    return "<br>".join(html_text(line) for line in _text(value).splitlines())


def no_maths_html(fragment: str, tag: str = "div") -> str:
    """An (already escaped) HTML fragment inside an element MathJax skips: ``$x$`` stays text.

    >>> no_maths_html("<p>costs $5 and $10</p>")
    '<div class="tex2jax_ignore mathjax_ignore"><p>costs $5 and $10</p></div>'
    """
    return f'<{tag} class="{NO_MATHS}">{fragment}</{tag}>'


def no_maths_in_tables() -> None:
    """Tell pandas to mark the HTML of every DataFrame shown in a notebook as "no maths".

    pandas' documented switch (``display.html.use_mathjax``): tables get the ``mathjax_ignore``
    class, so a name such as ``$x$`` in a table is shown as typed. Called when the kit is
    imported in a notebook.
    """
    import pandas as pd

    pd.set_option("display.html.use_mathjax", False)


# --------------------------------------------------------------------------- message boxes

#: kind -> (background, border, icon) of a message box; colour is never the only signal
MESSAGE_STYLES: dict[str, tuple[str, str, str]] = {
    "ok": ("#E8F4EC", "#009E73", "✔"),
    "info": ("#EAF3FA", "#0072B2", "ℹ"),
    "warn": ("#FDF3E1", "#E69F00", "!"),
    "error": ("#FBEAE5", "#D55E00", "✘"),
}


def message_box(text: Any, kind: str = "info", *, escaped: bool = False, role: str = "status",
                icon: str | None = None, kind_class: str = "qi-message", maths: bool = False,
                keep_spacing: bool = False) -> str:
    """The kit's message box: a coloured bar with an icon, and ``text`` escaped.

    Every message the kit shows (a widget's status, a notebook error, a self-check's
    feedback) is this box, so they all look alike and typed text in them is always inert.

    Parameters
    ----------
    text
        The message; escaped (line breaks as ``<br>``) unless ``escaped=True``, when it is
        HTML the caller has already escaped.
    kind
        ``"ok"``, ``"info"``, ``"warn"`` or ``"error"`` (:data:`MESSAGE_STYLES`).
    role
        The ARIA role: ``"status"``, or ``"alert"`` for an error a screen reader should announce.
    icon
        Another icon than the kind's own.
    kind_class
        The box's class (``qi-message``; a self-check's feedback is ``qi-check``), with
        ``qi-<kind>`` after it.
    maths
        False (the default) marks the box :data:`NO_MATHS`, so a ``$`` shows as typed.
    keep_spacing
        True keeps the text's spaces and line breaks as typed (``white-space:pre-wrap``).

    See Also
    --------
    html_text : the escaping applied to ``text``.

    Examples
    --------
    >>> box = message_box("Saved <b>Rosa</b>", "ok")
    >>> box[:70]
    '<div class="qi-message qi-ok tex2jax_ignore mathjax_ignore" role="stat'
    >>> box[box.index("<span"):]
    '<span aria-hidden="true">✔</span> Saved &lt;b&gt;Rosa&lt;/b&gt;</div>'
    """
    background, border, own_icon = MESSAGE_STYLES[kind]
    body = text if escaped else html_text(text) if keep_spacing else html_text(text).replace("\n", "<br>")
    classes = f"{kind_class} qi-{kind}" + ("" if maths else f" {NO_MATHS}")
    spacing = ";white-space:pre-wrap" if keep_spacing else ""
    return (f'<div class="{classes}" role="{role}" style="background:{background};'
            f'border-left:4px solid {border};padding:6px 10px;margin:4px 0;border-radius:3px{spacing}">'
            f'<span aria-hidden="true">{own_icon if icon is None else icon}</span> {body}</div>')


# --------------------------------------------------------------------------- Markdown

# Characters that start markup anywhere in a line: code, emphasis, links and images, raw HTML
# and autolinks, tables, strikethrough and (in Jupyter and GitHub) maths.
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~$])")
# An HTML entity such as &lt; or &#60; would be decoded: escape its ampersand only.
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Bare web addresses and e-mail addresses that GitHub-flavoured Markdown turns into links.
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=www)(\.)|(@)(?=[\w-]+\.)")
# What makes a line a heading, a list, a quote, a rule or a setext underline at its start.
_MD_LINE_START = re.compile(r"^(?:([#+\-=])|(\d+)(?=[.)]))")


def markdown_text(value: Any, *, keep_lines: bool = False) -> str:
    """Text that renders exactly as typed in Markdown (table cells, lists, paragraphs).

    Uses Markdown's own backslash escapes (every one is a CommonMark escape of an ASCII
    punctuation character), only where a character could start markup, so the file still reads
    as typed in a text editor: ``Dr O'Brien (A&E)`` is unchanged, ``<b>`` becomes ``\\<b\\>``
    (never ``&lt;b&gt;``). No raw HTML, links, autolinks, emphasis, code, tables, headings,
    lists, quotes or ``$...$`` maths can come out of it.

    Line breaks become spaces (one line, safe in a table cell or a list item); with
    ``keep_lines=True`` they become Markdown hard breaks (two spaces and a newline), each line
    escaped on its own.

    >>> markdown_text("[x](javascript:alert(1))")
    '\\\\[x\\\\](javascript:alert(1))'
    >>> markdown_text("# 1. see https://example.org or me@example.org")
    '\\\\# 1. see https\\\\://example.org or me\\\\@example.org'
    >>> markdown_text("A&E &amp; ICU"), markdown_text("2. Rosa")
    ('A&E \\\\&amp; ICU', '2\\\\. Rosa')

    See Also
    --------
    html_text
        The HTML twin.
    markdown_table
        A whole table for Markdown.
    """
    text = _text(value).replace("\r\n", "\n").replace("\r", "\n")
    if keep_lines:
        return "  \n".join(_markdown_line(line) for line in text.split("\n"))
    return _markdown_line(" ".join(text.split("\n")))


def _markdown_line(line: str) -> str:
    line = _MD_ANYWHERE.sub(r"\\\1", line.strip())
    line = _MD_ENTITY.sub(r"\\&", line)
    line = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(0), line)
    start = _MD_LINE_START.match(line)
    if start is None:
        return line
    if start.group(1):  # "# heading", "- item", "+ item", "=== underline"
        return "\\" + line
    digits = start.end()  # "1. item" or "1) item"
    return line[:digits] + "\\" + line[digits:]


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown pipe table, every cell and heading escaped.

    >>> import pandas as pd
    >>> print(markdown_table(pd.DataFrame({"name": ["a|b", "$x$"]})))
    | name |
    |---|
    | a\\|b |
    | \\$x\\$ |
    """
    columns = [markdown_text(c) for c in frame.columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(markdown_text(v) for v in row) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- CSV

#: what a spreadsheet reads as the start of a formula (OWASP CSV injection)
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell that no spreadsheet runs as a formula: text starting with ``= + - @``, a tab or a
    carriage return (also after leading spaces) gets a leading apostrophe. Numbers stay numbers.

    >>> csv_cell("+cmd|' /C calc'!A0"), csv_cell("@SUM(A1)"), csv_cell("  =1+1"), csv_cell(3)
    ("'+cmd|' /C calc'!A0", "'@SUM(A1)", "'  =1+1", 3)

    See Also
    --------
    csv_uncell
        Read such a cell back.
    csv_frame
        A whole table.
    """
    if not isinstance(value, str):
        return value
    stripped = value.lstrip(" ")
    if value.startswith(CSV_TRIGGERS) or stripped.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def csv_uncell(value: Any) -> Any:
    """The text :func:`csv_cell` protected, as typed (a leading apostrophe before a trigger removed).

    >>> csv_uncell("'=HYPERLINK(1)"), csv_uncell("'Tis"), csv_uncell("Rosa")
    ('=HYPERLINK(1)', "'Tis", 'Rosa')

    See Also
    --------
    csv_cell
        The other way.
    """
    if isinstance(value, str) and value.startswith("'") and value[1:].lstrip(" ").startswith(CSV_TRIGGERS):
        return value[1:]
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name made safe with :func:`csv_cell`.

    >>> import pandas as pd
    >>> csv_frame(pd.DataFrame({"name": ["=1+1", "Rosa"], "stance": [-2, 1]})).values.tolist()
    [["'=1+1", -2], ['Rosa', 1]]

    See Also
    --------
    csv_cell
        One cell.
    """
    import pandas as pd

    safe = frame.rename(columns=lambda c: csv_cell(str(c)))
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(csv_cell)
    return safe


# --------------------------------------------------------------------------- file names

#: characters no file system accepts in a name (Windows is the strictest), and controls
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SEPARATORS = re.compile(r"[\s.,;'`~!@#$%^&()+=\[\]{}]+")
STEM_LENGTH = 60  # characters; far below any file system's limit, even in UTF-8 bytes


def file_stem(value: Any, default: str = "export") -> str:
    """A readable, portable file name (without extension) made from any text.

    Letters of every alphabet are kept (``Zoë``, ``Łukasz``, ``李``), lower-cased;
    punctuation and spaces become single hyphens; nothing a file system refuses remains; at
    most :data:`STEM_LENGTH` characters. Different texts can give the same stem
    (``Dr O'Brien`` / ``Dr O Brien``): :func:`qi_kit.export.write_exports` keeps both files.

    >>> file_stem("Dr O'Brien"), file_stem("Zoë Łukasz"), file_stem("../../etc/passwd"), file_stem("***")
    ('dr-o-brien', 'zoë-łukasz', 'etc-passwd', 'export')
    """
    text = unicodedata.normalize("NFC", _text(value)).casefold()
    text = _NOT_IN_NAMES.sub("-", text)
    text = _SEPARATORS.sub("-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    text = text[:STEM_LENGTH].rstrip("-_")
    # names Windows reserves whatever the extension
    if re.fullmatch(r"(con|prn|aux|nul|com\d|lpt\d)", text):
        text = f"{text}-file"
    return text or default
