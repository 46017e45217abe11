"""Fixtures for the hub tests: the kit's real JupyterHub with real accounts, and headless Chromium.

When the machine cannot run them (not root, no proxy, no Chromium), every hub test is skipped
with one reason, unless ``QI_KIT_REQUIRE_HUB=1`` (set by ``.ci/run``): then they fail, so CI
can never pass by skipping them. Playwright is started for this folder's modules only and
stopped after them (the hub tests run before the browser tests: see tests/conftest.py).
"""

from __future__ import annotations

import os

import pytest

from browser.labdriver import find_chromium, launch_chromium

from .hubdriver import REQUIRE_ENV, missing


def unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: the hub tests must run here)", pytrace=False)
    pytest.skip(f"{reason}: the hub tests need it")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/hub/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.hub)


@pytest.fixture(scope="module")
def hub_ready():
    reasons = missing()
    if reasons:
        unavailable("; ".join(reasons))


@pytest.fixture(scope="module")
def hub_browser(hub_ready):
    executable = find_chromium()
    if executable is None:
        unavailable("Chromium not found (sudo apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright (Python) is not installed (pip install -e '.[test]')")
    with sync_playwright() as api:
        browser = launch_chromium(api, executable)
        try:
            yield browser
        finally:
            browser.close()
