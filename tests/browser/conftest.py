"""Fixtures for the browser tests: one JupyterLab and one headless Chromium for the whole run.

- Chromium missing: every browser test is skipped with one message saying how to install it,
  unless ``QI_KIT_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then they fail, so CI can never pass
  by skipping them.
- The server serves a temporary copy of the kit: every file git tracks, committed in a fresh git
  repository (so a test can ask ``git status`` whether a participant's day changed a lesson file),
  with its own work folder ``my_work/`` (``QI_KIT_WORK_DIR``), so a participant's real
  ``my_work/`` is never read or written. As with ``make lab``, the notebooks opened are the
  participant's own copies in ``my_work/notebooks/`` (:func:`notebook_path`), never the lesson
  files in ``workshops/``.
- The server is stopped by its process group at the end of the session, also after a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from .labdriver import (INSTALL_HINT, REQUIRE_ENV, ROOT, SCREENSHOTS, LabServer, Participant, find_chromium,
                        launch_chromium, new_offline_context)

HERE = Path(__file__).resolve().parent
WORKSHOPS = ROOT / "workshops"
FIXTURE_NOTEBOOKS = HERE / "notebooks"


SKIP_MARK = "to run the browser tests"  # ends every reason for skipping them


def _unavailable(reason: str) -> None:
    """Skip (one clear reason), or fail when CI requires the browser tests to run."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: the browser tests must run here)", pytrace=False)
    pytest.skip(reason if reason.endswith(SKIP_MARK) else f"{reason} {SKIP_MARK}")


_UNAVAILABLE_LINE = _unavailable.__code__.co_firstlineno


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    executable = find_chromium()
    if executable is None:
        _unavailable(f"Chromium not found: {INSTALL_HINT}")
    return executable


@pytest.fixture(scope="session")
def playwright_api(chromium_executable):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright (Python) not installed: install it with `pip install -e '.[test]'` "
                     "(make test does it)")
    with sync_playwright() as api:
        yield api


@pytest.fixture(scope="session")
def browser(playwright_api, chromium_executable):
    for stale in (*SCREENSHOTS.glob("FAILED-*.png"), *SCREENSHOTS.glob("own-map-*.png")):
        stale.unlink()  # pictures of an earlier run's failures
    browser = launch_chromium(playwright_api, chromium_executable)
    try:
        yield browser
    finally:
        browser.close()


COPIES = "my_work/notebooks"  # where the participant's own notebooks are, under the server's folder


def notebook_path(name: str) -> str:
    """The path (under the server's folder) of the participant's own copy of a workshop notebook."""
    return f"{COPIES}/{name}"


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [name for name in out.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder`` (as a throwaway identity) and return what it prints."""
    command = ["git", "-c", "user.name=qi_kit tests", "-c", "user.email=tests@localhost", "-c",
               "init.defaultBranch=main", "-c", "core.autocrlf=false", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=True).stdout


def copy_kit(target: Path) -> Path:
    """A throwaway copy of the kit as a participant has it: every tracked file, committed in a
    fresh git repository (when git is there), the test notebooks, and the participant's own
    notebook copies in ``my_work/notebooks`` (made as ``make lab`` makes them)."""
    from qi_kit.lessons import make_copies

    target.mkdir(parents=True, exist_ok=True)
    tracked = _tracked_files()
    for name in tracked:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    if not tracked and WORKSHOPS.is_dir():  # not a git checkout: the lessons are enough
        shutil.copytree(WORKSHOPS, target / "workshops", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(FIXTURE_NOTEBOOKS, target / "browser-checks")
    if tracked and shutil.which("git"):
        git(target, "init", "-q")
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", "the kit as cloned")
    (target / "my_work").mkdir(exist_ok=True)
    make_copies(target / "workshops", target / COPIES)
    return target


def warm_matplotlib() -> None:
    """Build matplotlib's font cache now, so a fresh machine's first figure prints no warning."""
    import matplotlib.font_manager  # noqa: F401  (builds the cache on first import)


@contextmanager
def running_lab(base: Path, *extra_args: str, page_config: dict | None = None):
    """:func:`start_lab`, stopped (by its process group) when the block ends, also on failure."""
    server = start_lab(base, *extra_args, page_config=page_config)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def offline_context(browser, server):
    """:func:`new_offline_context`, closed when the block ends."""
    context = new_offline_context(browser, server)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def lab(chromium_executable, tmp_path_factory):
    """The JupyterLab server every browser test shares."""
    with running_lab(tmp_path_factory.mktemp("browser")) as server:
        yield server


@pytest.fixture(scope="session")
def browser_context(browser, lab):
    with offline_context(browser, lab) as context:
        yield context


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    if report.skipped and isinstance(report.longrepr, tuple) and SKIP_MARK in str(report.longrepr[2]):
        # every browser test skipped for the same reason is summed up in ONE line of the summary
        report.longrepr = (str(Path(__file__).relative_to(ROOT)), _UNAVAILABLE_LINE, report.longrepr[2])
    return report


@contextmanager
def browser_tab(context, server):
    """A fresh tab on ``server``; closed afterwards, and its kernels stopped."""
    person = Participant(context, server)
    try:
        yield person
    finally:
        person.close()
        server.shutdown_kernels()


def in_a_tab(context, server, action):
    """``action(participant)`` in a fresh tab; then the browser must be clean. Returns what it returns."""
    with browser_tab(context, server) as person:
        seen = action(person)
    person.check_clean()
    return seen


def checked_tab(request, context, server):
    """A tab for one test; afterwards, no alert, JavaScript error or outside request (else it fails)."""
    with browser_tab(context, server) as person:
        yield person
        failed = getattr(request.node, "browser_call_failed", False)
        if failed:  # what the page looked like when the test failed
            person.failure_screenshot(request.node.name)
    if not failed:  # (a failed test has said what went wrong already)
        person.check_clean()


@pytest.fixture
def participant(request, browser_context, lab):
    """A participant's browser tab on the shared server."""
    yield from checked_tab(request, browser_context, lab)


def start_lab(base: Path, *extra_args: str, page_config: dict | None = None) -> LabServer:
    """A server on a fresh copy of the kit with an empty work folder: a participant's first day.

    ``page_config`` is written as the server's ``labconfig/page_config.json`` (e.g. to disable
    an extension, as a broken install would).
    """
    warm_matplotlib()
    kit = copy_kit(base / "kit")
    server = LabServer(root=kit, work_dir=kit / "my_work", state_dir=base / "jupyter", extra_args=extra_args)
    if page_config is not None:
        config = server.state_dir / "config" / "labconfig" / "page_config.json"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(json.dumps(page_config), encoding="utf-8")
    return server.start()
