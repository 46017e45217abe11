"""The package's layout: imports go one way (no module imports another that imports it back) and
importing any part of the kit changes no global setting."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qi_kit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _aliases(tree: ast.Module) -> set[ast.AST]:
    """The nodes inside a module-level ``__getattr__``: old names of moved functions, resolved
    on first use (PEP 562), not a dependency of the module's own code."""
    inside: set[ast.AST] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            inside.update(ast.walk(node))
    return inside


def imports_of(name: str) -> set[str]:
    """The kit's modules that module ``name`` imports, at the top or inside a function."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _aliases(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if node in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from . import export" imports the module qi_kit.export; "from .x import f" imports qi_kit.x
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:  # "qi_kit.plots._style.x" -> the module itself
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    return {name: imports_of(name) for name in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_reader_sees_relative_and_function_level_imports():
    graph = import_graph()
    assert "qi_kit.errors" in graph["qi_kit.model"]  # from .errors import ...
    assert "qi_kit.export" in graph["qi_kit.widgets.room"]  # from .. import export
    assert "qi_kit.plots.engagement" in graph["qi_kit.takehome.plan"]  # inside export_engagement
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_two_modules_import_each_other():
    graph = import_graph()
    pairs = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, ())})
    assert pairs == []


def test_imports_go_one_way_no_cycles():
    assert cycles(import_graph()) == []


SETTINGS = """
import sys, importlib, json
import matplotlib, pandas
before = dict(matplotlib.rcParams)
options = {k: repr(pandas.get_option(k)) for k in ("display.html.use_mathjax", "display.max_rows")}
for name in sys.argv[1:]:
    importlib.import_module(name)
changed = sorted(k for k, v in matplotlib.rcParams.items() if repr(before.get(k)) != repr(v))
changed += sorted(k for k, v in options.items() if repr(pandas.get_option(k)) != v)
print(json.dumps(changed))
"""


@pytest.mark.parametrize("modules", [["qi_kit.plots"], ["qi_kit.plots.network", "qi_kit.plots.engagement",
                                                        "qi_kit.plots.room"], sorted(MODULES)])
def test_importing_the_kit_leaves_matplotlib_and_pandas_settings_as_they_were(modules):
    out = subprocess.run([sys.executable, "-c", SETTINGS, *modules], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
