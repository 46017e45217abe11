"""Every example in the package's docstrings runs and gives what it shows (``make test`` runs them all)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qi_kit"
MODULES = sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
                 for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
#: examples in the package today; fewer means examples were lost
AT_LEAST = 60


def run_examples(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> doctest.TestResults:
    monkeypatch.chdir(tmp_path)  # an example that saves work saves it here, never in the kit's folder
    monkeypatch.setenv("QI_KIT_WORK_DIR", str(tmp_path / "my_work"))
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    module = importlib.import_module(name)
    for test in finder.find(module, name, extraglobs={"tmp_path": tmp_path}):
        runner.run(test)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, tmp_path, monkeypatch):
    result = run_examples(name, tmp_path, monkeypatch)
    assert result.failed == 0


def test_the_package_has_at_least_60_examples_and_skips_none_it_could_run(tmp_path, monkeypatch):
    total = sum(run_examples(name, tmp_path / name, monkeypatch).attempted
                for name in MODULES if (tmp_path / name).mkdir() is None)
    assert total >= AT_LEAST
    skipped = [p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*.py")
               if "doctest: +SKIP" in p.read_text(encoding="utf-8")]
    assert skipped == [], "an example marked +SKIP: make it run (or show output that is honestly unpredictable with ...)"
