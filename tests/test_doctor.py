"""The morning-of-the-workshop environment check."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata

import pytest

from qi_kit import envcheck as doc


def test_this_environment_is_ready(capsys):
    assert doc.doctor(quiet=True) is True
    assert capsys.readouterr().out.startswith("READY: all")


def test_command_line_passes_and_prints_no_secrets():
    env = {**os.environ, "QI_KIT_SECRET_TOKEN": "s3cr3t-value"}
    result = subprocess.run([sys.executable, "-m", "qi_kit", "doctor"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout
    assert "READY" in result.stdout
    assert "s3cr3t-value" not in result.stdout + result.stderr
    assert os.environ.get("HOME", "/nonexistent-home") not in result.stdout


def test_missing_package_says_how_to_fix(monkeypatch):
    real = metadata.version

    def fake(name):
        if name == "networkx":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(doc.metadata, "version", fake)
    check = doc.check_package("networkx")
    assert not check.ok and "make lab" in check.line()


def test_old_package_and_mismatched_widgets(monkeypatch):
    versions = {"pandas": "1.5.3", "ipywidgets": "7.8.1", "jupyterlab_widgets": "3.0.9"}
    monkeypatch.setattr(doc.metadata, "version", lambda n: versions[n])
    assert "pip install -U pandas" in doc.check_package("pandas").line()
    widgets = doc.check_widget_extension()
    assert not widgets.ok and "widgets would show as plain text" in widgets.detail


def test_unwritable_work_folder(monkeypatch):
    def boom(*a, **k):
        raise PermissionError("read-only")

    monkeypatch.setattr(doc.tempfile, "NamedTemporaryFile", boom)
    check = doc.check_work_folder()
    assert not check.ok and "make lab" in check.fix


def test_report_is_readable_at_a_glance():
    checks = [doc.Check("Python", True, "3.11.7"), doc.Check("networkx", False, "not installed", "make lab")]
    text = doc.report(checks)
    assert "[OK  ] Python: 3.11.7" in text
    assert "[FIX ] networkx: not installed\n        -> make lab" in text
    assert text.endswith("NOT READY: 1 of 2 checks need a fix (see the arrows above).")


@pytest.mark.parametrize("args, code", [(["help"], 0), (["nonsense"], 2)])
def test_usage(args, code, capsys):
    from qi_kit.__main__ import main

    assert main(args) == code
    assert "doctor" in capsys.readouterr().out
