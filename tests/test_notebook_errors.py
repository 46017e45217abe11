"""In a notebook, a learner's mistake shows as the kit's plain message, never as a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

IPython = pytest.importorskip("IPython")


def test_map_error_shows_as_a_message_not_a_traceback():
    # A fresh process, as in a kernel: the shell exists before the notebook imports the kit.
    code = ("from IPython.core.interactiveshell import InteractiveShell\n"
            "shell = InteractiveShell.instance()\n"
            "result = shell.run_cell(\"import qi_kit\\nqi_kit.load_case('wrd')\")\n"
            "print('cell failed:', not result.success)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    text = out.stdout + out.stderr
    assert "cell failed: True" in text  # the cell still counts as failed, so Run All stops there
    assert "Did you mean 'ward'?" in text
    assert "Traceback" not in text and "File " not in text


def test_other_errors_keep_their_traceback(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell("import qi_kit\n1/0")
        out = capsys.readouterr()
    finally:
        InteractiveShell.clear_instance()
    assert "ZeroDivisionError" in out.out + out.err


def test_nothing_happens_outside_ipython():
    from qi_kit.errors import install_notebook_handler

    assert install_notebook_handler() is False
