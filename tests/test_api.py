"""The public API: every advertised name exists, and importing the kit stays light."""

from __future__ import annotations

import subprocess
import sys

import qi_kit


def test_every_public_name_resolves():
    for name in qi_kit.__all__:
        assert getattr(qi_kit, name) is not None, name


def test_unknown_name_is_an_attribute_error():
    try:
        qi_kit.no_such_thing
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_does_not_pull_in_plotting_or_widgets():
    code = ("import sys, qi_kit; m = qi_kit.StakeholderMap([{'name': 'A'}]); qi_kit.read_map([{'name': 'A'}]);"
            "qi_kit.pseudonymise(m); qi_kit.save_workspace;"
            "print(sorted(k for k in ('matplotlib', 'ipywidgets', 'IPython') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
