"""Injection payloads through every widget, repr and export: 0 raw.

Every payload is typed where a participant can type: names, titles, units, notes, the map
title, the pitch's answers, the written reflection and plan, the engagement plan's decisions and
audiences. Then every surface the kit shows or writes is read back as a browser, a Markdown
viewer or a spreadsheet would read it:

- HTML (widget values, notebook HTML outputs, exported pages): no element, attribute or link
  made from typed text; a ``$`` in a notebook output or a Label only where MathJax skips it;
- Markdown (notebook Markdown outputs, exported .md files): rendered with GitHub's extensions
  and maths, every payload reads back as typed, and none becomes markup;
- CSV: no cell a spreadsheet would run.

Each place a payload is found raw counts as one failure; the count is printed at the end.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest

import qi_kit
from qi_kit import StakeholderMap, save_workspace

from .conftest import record

PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "[click](javascript:alert(3))",
            "![i](http://evil.example/i.png)", "**bold** _it_", "$x^2$ and $y$", "`code` ~~gone~~",
            "=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "<b onmouseover=alert(4)>b</b>",
            "a | b", "&lt;i&gt;", "https://evil.example/x", "# heading"]
RAW: list[str] = []
CHECKED = {"html": 0, "markdown": 0, "csv": 0, "labels": 0}
ALLOWED_TAGS = {"div", "span", "p", "b", "i", "em", "strong", "br", "table", "thead", "tbody", "tr", "th", "td",
                "h1", "h2", "h3", "h4", "h5", "ul", "ol", "li", "code", "small", "details", "summary", "html", "head",
                "body", "meta", "title", "style", "hr", "blockquote", "sup", "sub", "caption", "figure", "figcaption",
                "img", "label", "section", "header", "footer", "a", "pre"}


def payload_map() -> StakeholderMap:
    people = [{"name": f"{p} {i}", "title": p, "unit": p, "notes": p, "stance": (i % 5) - 2,
               "role": ["sponsor", "champion", "influencer", "resistor", ""][i % 5], "influence": i % 6,
               "authority": (i * 2) % 6, "interest": (i * 3) % 6}
              for i, p in enumerate(PAYLOADS)]
    names = [p["name"] for p in people]
    ties = [{"source": s, "target": t, "kind": k} for s, t, k in
            zip(names, names[1:] + names[:1], ["advice", "trust", "reports_to", "information"] * 10)]
    return StakeholderMap(people, ties, title=PAYLOADS[0] + " " + PAYLOADS[5])


class Reader(HTMLParser):
    """Tags, attributes and text of HTML, with the classes of the elements each text is inside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.text: list[tuple[str, bool]] = []  # (text, inside an element MathJax skips)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute")
            if name in ("href", "src") and value and re.match(r"\s*(javascript|vbscript):", value, re.I):
                self.problems.append(f"{name}={value}")
            if name == "src" and value and not value.startswith("data:image/"):
                self.problems.append(f"src={value}")
        if tag not in ("br", "meta", "img", "hr"):
            self.stack.append(attributes.get("class") or "")

    def handle_endtag(self, tag):
        if tag not in ("br", "meta", "img", "hr") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        skipped = any("mathjax_ignore" in c for c in self.stack)
        self.text.append((data, skipped))


def check_html(where: str, html: str, *, maths_matter: bool) -> None:
    CHECKED["html"] += 1
    reader = Reader()
    reader.feed(html)
    for problem in reader.problems:
        RAW.append(f"{where}: {problem}")
    if maths_matter:
        for text, skipped in reader.text:
            if re.search(r"\$[^$\s][^$]*\$", text) and not skipped:
                RAW.append(f"{where}: '$...$' outside a no-maths element: {text[:80]!r}")


def render_markdown(text: str) -> str:
    mistune = pytest.importorskip("mistune")
    return mistune.create_markdown(plugins=["strikethrough", "table", "url", "math"])(text)


def check_markdown(where: str, text: str) -> None:
    CHECKED["markdown"] += 1
    html = render_markdown(text)
    reader = Reader()
    reader.feed(html)
    for problem in reader.problems:
        RAW.append(f"{where}: Markdown made {problem}")
    for tag in ("img", "a", "script", "h1 ", "del", "code"):
        if re.search(rf"<{tag.strip()}\b", html) and f"<{tag.strip()}" not in render_markdown(
                _without_payloads(text)):
            RAW.append(f"{where}: Markdown made <{tag.strip()}> from typed text")
    if re.search(r'class="math', html):
        RAW.append(f"{where}: Markdown made maths from typed text")
    shown = " ".join("".join(t for t, _ in reader.text).split())
    for payload in PAYLOADS:
        if _escaped_form_in(payload, text) and " ".join(payload.split()) not in shown:
            RAW.append(f"{where}: {payload!r} does not read as typed")


def _without_payloads(text: str) -> str:
    from qi_kit.escaping import markdown_text

    for payload in PAYLOADS:
        text = text.replace(markdown_text(payload), "X")
    return text


def _escaped_form_in(payload: str, text: str) -> bool:
    from qi_kit.escaping import markdown_text

    return markdown_text(payload) in text


def check_csv(where: str, text: str) -> None:
    CHECKED["csv"] += 1
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for cell in row:
            if cell.startswith(("=", "+", "@", "\t", "\r")) or (cell.startswith("-") and not re.fullmatch(r"-\d+", cell)):
                RAW.append(f"{where}: CSV cell {cell[:40]!r} would run in a spreadsheet")


def walk(widget: w.Widget, where: str) -> None:
    """Every HTML value and Label of a widget tree, as a browser would show them."""
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        check_html(f"{where} ({type(widget).__name__})", widget.value, maths_matter=isinstance(widget, w.HTMLMath))
    if isinstance(widget, w.Label) and "$" in widget.value:
        CHECKED["labels"] += 1
        if not {"mathjax_ignore", "tex2jax_ignore"} & set(widget._dom_classes):
            RAW.append(f"{where}: a Label showing {widget.value[:60]!r} would be typeset as maths")
    for child in getattr(widget, "children", ()) or ():
        walk(child, where)


@pytest.fixture
def day(work_folder):
    """A participant's day in which every field holds a payload."""
    m = payload_map()
    path = work_folder / "workspace.json"
    pitch = qi_kit.Pitch(**{field: PAYLOADS[i % len(PAYLOADS)] for i, field in enumerate(
        ["problem", "aim", "priority", "story", "evidence", "their_values", "ask", "next_step", "updates",
         "presenter"])}).with_leader(m, m.names[0])
    plan = qi_kit.EngagementPlan(title=PAYLOADS[1], role_overrides={m.names[2]: "champion"})
    save_workspace(path, map=m, pitch=pitch.to_dict(), engagement=plan.to_dict(),
                   reflection={"listened_to": PAYLOADS[0], "your_sources": PAYLOADS[5]},
                   action_plan={"first_conversation": PAYLOADS[2], "the_ask": PAYLOADS[7]})
    return m, path


def test_every_widget_shows_typed_text_as_text(day):
    m, path = day
    widgets = {
        "map editor": qi_kit.MapEditor(path=path),
        "explorer": qi_kit.NetworkExplorer(path=path),
        "pitch builder": qi_kit.PitchBuilder(path=path, debounce=None),
        "engagement planner": qi_kit.EngagementPlanner(m, path=path, start="2026-01-05"),
        "reflection form": qi_kit.reflection_form(path=path),
        "action plan form": qi_kit.action_plan_form(path=path),
        "delete my work": qi_kit.DeleteMyWork(),
    }
    editor = widgets["map editor"]
    editor.person_dropdown.value = m.names[0]
    editor.source_dropdown.value, editor.target_dropdown.value = m.names[5], m.names[1]  # a '$' in the sentence
    editor.name_text.value = PAYLOADS[1]
    editor.add_person_button.click()  # an error message quoting typed text
    explorer = widgets["explorer"]
    explorer.person_dropdown.value = m.names[3]
    planner = widgets["engagement planner"]
    planner.comms.new_audience.value = PAYLOADS[0]
    planner.comms.add_row.click()
    planner.decisions.new_decision.value = PAYLOADS[5]
    planner.decisions.add_button.click()
    widgets["delete my work"].ask_button.click()
    for name, widget in widgets.items():
        walk(widget, name)
        text = repr(widget)
        for payload in PAYLOADS[:2]:
            assert payload not in text or "<" not in text.replace(payload, ""), (name, text)


def test_every_repr_and_notebook_output(day):
    from qi_kit.analysis.report import report
    from qi_kit.errors import MapError, show_in_notebook
    from qi_kit.escaping import no_maths_in_tables

    m, path = day
    check_markdown("report()'s Markdown view", report(m)._repr_markdown_())
    check_markdown("case reading", qi_kit.case_reading("ward")._repr_markdown_())
    with pd.option_context("display.html.use_mathjax", True):
        no_maths_in_tables()
        for name, table in (("people table", m.people), ("influence table", qi_kit.influence_table(m)),
                            ("roles", qi_kit.suggest_roles(m)), ("grid", qi_kit.power_interest_grid(m))):
            check_html(f"{name} DataFrame", table._repr_html_(), maths_matter=True)
    shown = {}

    class Shell:
        pass

    import IPython.display as display_module

    real = display_module.display
    display_module.display = lambda data, raw=False: shown.update(data)
    try:
        try:
            qi_kit.read_map([{"name": PAYLOADS[0]}, {"name": PAYLOADS[0]}])
        except MapError as error:
            show_in_notebook(Shell(), MapError, error, None)
        check_html("a MapError in a notebook", shown["text/html"], maths_matter=True)
        shown.clear()
        qi_kit.map_picture(m)._ipython_display_()
        check_html("a picture's words", shown["text/html"], maths_matter=True)
    finally:
        display_module.display = real
    for obj in (m, qi_kit.export_everything(m, path=path)):
        text = repr(obj)
        assert "<img" not in text or PAYLOADS[0] in text


def test_every_export(day, work_folder):
    m, path = day
    written = list(qi_kit.export_everything(m, path=path).values())
    written += list(qi_kit.export_everything(m, path=path, pseudonymised=True, keep=("title", "notes")).values())
    from qi_kit.widgets.editor import export_csv

    written += list(export_csv(m).values())
    for file in sorted(set(written)):
        text = Path(file).read_text(encoding="utf-8")
        where = f"export {Path(file).name}"
        if file.suffix == ".html":
            check_html(where, text, maths_matter=False)
        elif file.suffix == ".md":
            check_markdown(where, text)
        elif file.suffix == ".csv":
            check_csv(where, text)
    assert len(written) >= 10


def test_zz_injection_counts():
    surfaces = sum(CHECKED.values())
    if surfaces:
        record("injection payloads", f"{len(PAYLOADS)} payloads in every field, read back through {CHECKED['html']} "
               f"HTML views, {CHECKED['markdown']} Markdown views, {CHECKED['csv']} CSV files and "
               f"{CHECKED['labels']} labels: {len(RAW)} raw")
        assert not RAW, "\n".join(RAW[:20])
