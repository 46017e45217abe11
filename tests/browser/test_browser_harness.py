"""The checker checks: it sees live widgets and figures, and it catches every kind of failure.

A browser test that cannot fail proves nothing. These run two small notebooks of our own
(``tests/browser/notebooks/``) and one JupyterLab started *without its widget extension* (what a
participant sees when ``jupyterlab_widgets`` is missing or mismatched: widgets as plain text).
"""

from __future__ import annotations

import pytest

from .conftest import browser_tab, offline_context, running_lab
from .labdriver import audit_accessibility, legibility_problems, read_legibility

pytestmark = pytest.mark.browser

HARNESS = "browser-checks/harness_check.ipynb"
WIDGET_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
BROKEN = "browser-checks/broken_on_purpose.ipynb"
UNREADABLE = "browser-checks/unreadable_on_purpose.ipynb"


def test_widgets_and_figures_render(participant):
    participant.open(HARNESS)
    assert participant.run_all() is True
    report = participant.read("harness_check")
    participant.screenshot("harness_check")
    assert report.problems() == []
    assert [w["live"] for w in report.widgets] == [True, True]  # the slider, the VBox
    assert len(report.figures) == 1 and report.figures[0]["ok"]
    assert report.figures[0]["alt"] == "[picture] A line that goes up, then down."
    slider = participant.page.locator(".widget-slider").first
    assert "Slider" in slider.inner_text()
    # The kit's JupyterLab settings are installed (make does it): no "Jupyter news" question.
    toasts = participant.page.locator(".Toastify__toast").all_inner_texts()
    assert not any("news" in t for t in toasts), (
        f"JupyterLab asked about news: {toasts}; install the kit's settings with "
        "`python -m qi_kit lab-settings` (make does it)")


def test_nothing_leaves_the_machine(participant, lab):
    """Requests to anywhere but the test server are blocked and recorded (then the test fails)."""
    participant.page.goto(lab.url("lab"), wait_until="domcontentloaded")
    outcome = participant.page.evaluate("""async () => {
        const tries = ['https://example.com/news.json', 'http://cdn.jsdelivr.net/npm/x.js'];
        return Promise.all(tries.map(url => fetch(url).then(() => 'reached', () => 'blocked'))); }""")
    assert outcome == ["blocked", "blocked"]
    assert participant.accept_outside_requests() == ["https://example.com/news.json",
                                                     "http://cdn.jsdelivr.net/npm/x.js"]


def test_checker_catches_errors_and_unrun_cells(participant):
    participant.open(BROKEN)
    assert participant.run_all() is False  # JupyterLab stops Run All at the ZeroDivisionError
    report = participant.read("broken_on_purpose")
    kinds = sorted(e["kind"] for e in report.errors)
    assert kinds == ["ZeroDivisionError", "shown in a widget", "stderr"], report.errors
    assert any("an error inside an Output widget" in e["text"] for e in report.errors)
    assert [u["cell"] for u in report.unrun] == [5]
    problems = report.problems()
    assert len(problems) == 4 and any("never ran" in p for p in problems)


def test_checker_fails_when_the_widget_extension_is_missing(browser, tmp_path):
    """JupyterLab with the widget extension switched off (``page_config.json``), as on a broken install.

    The kernel still sends widgets, but the page can only show their text fallback
    (``IntSlider(value=3, ...)``): exactly what a participant with a broken install sees.
    """
    broken = {"disabledExtensions": {WIDGET_EXTENSION: True}}
    with running_lab(tmp_path, page_config=broken) as server, offline_context(browser, server) as context, \
            browser_tab(context, server) as person:
        person.open(HARNESS)
        assert person.run_all() is True
        report = person.read("harness_check_without_widget_extension")
        person.screenshot("harness_check_without_widget_extension")
    assert [w["live"] for w in report.widgets] == [False, False]
    shown = [w["shown"] for w in report.dead_widgets]
    assert shown[0].startswith("IntSlider(value=3"), shown
    assert shown[1].startswith("VBox(children=("), shown
    assert report.figures and report.figures[0]["ok"]  # the figure does not need the extension
    assert len(report.problems()) == 2
    # and the browser console says why: the kernel's widgets have no one to talk to
    assert person.console_errors and all("Exception opening new comm" in e for e in person.console_errors)
    assert person.dialogs == [] and person.outside_requests == []


def test_legibility_checks_and_the_audit_catch_what_a_room_cannot_read(participant):
    """A picture shrunk to half, a picture with no alt text, a cut button label, a slider with no name."""
    participant.open(UNREADABLE)
    assert participant.run_all() is True
    problems = legibility_problems(read_legibility(participant))
    assert any("is shown at 400 of its 800 pixels, so its smallest text is 5.6 px" in p for p in problems), problems
    assert any("not drawn by the kit" in p for p in problems), problems
    assert any("the button 'Save all my changes now' is cut off" in p for p in problems), problems
    impacts = {v["id"]: v["impact"] for v in audit_accessibility(participant)}
    assert impacts.get("image-alt") == "critical", impacts
    assert impacts.get("aria-input-field-name") == "serious", impacts
