"""Shared test set-up: no test ever touches a participant's real my_work/ folder."""

from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _isolated_work_folder(tmp_path, monkeypatch):
    """Every test saves into its own temporary work folder."""
    folder = tmp_path / "my_work"
    monkeypatch.setenv("QI_KIT_WORK_DIR", os.fspath(folder))
    return folder


@pytest.fixture
def work_folder(_isolated_work_folder):
    return _isolated_work_folder


def pytest_collection_modifyitems(config, items):
    """Browser tests last: they are the slowest, and Playwright's event loop stays alive for the
    whole session, which would make widgets that debounce on a running loop wait forever.
    The hub tests (tests/hub) just before them: they start and stop their own Playwright."""
    def order(item):
        if item.get_closest_marker("browser") is not None:
            return 2
        return 1 if "/tests/hub/" in str(item.path).replace(os.sep, "/") else 0

    items.sort(key=order)
