"""A printable handout opens in a real browser: readable, every table there, nothing loaded from outside."""

from __future__ import annotations

import pytest

from qi_kit.handouts import write_handouts

pytestmark = pytest.mark.browser


def test_the_pitch_card_opens_and_prints(browser, tmp_path):
    files = write_handouts(tmp_path / "handouts", formats=("html",))
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(files["pitch-card"]["html"].as_uri())
        assert page.title() == "Your two-way pitch"
        assert page.locator("h1").inner_text() == "Your two-way pitch"
        assert page.locator("table").count() == 2
        rows = page.locator("table").first.locator("tbody tr")
        assert rows.count() == 11 and "If they say no" in rows.last.inner_text()
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
        assert size >= 10, f"table text is {size}px"
        assert page.pdf(format="A4")[:5] == b"%PDF-"  # the browser's own print route works too
        assert outside == [] and errors == []
    finally:
        page.close()
