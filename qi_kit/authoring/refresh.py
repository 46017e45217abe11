"""Refresh the stored outputs of notebooks on purpose, after an instructor edits them.

``make validate`` compares every workshop and solution notebook with the outputs stored in it.
After a deliberate edit those stored outputs are out of date: :func:`refresh_notebook` runs the
notebook top to bottom in a fresh kernel and saves the new outputs, in exactly the form the
validation expects:

- the kernel is a plain Python 3 kernel from this environment (the same one ``pytest --nbval
  --nbval-current-env`` uses), started in the notebook's own folder;
- the work folder is an empty temporary one (``QI_KIT_WORK_DIR``), so stored outputs show the
  built-in case, never the instructor's own map, and nothing in ``my_work/`` is touched;
- cells are numbered 1, 2, 3... with no gaps; printed text is one output per run of prints; no
  widget state, no timing metadata, no Python version are saved; the kernelspec is the plain ``python3``; stored widget views get model ids
  derived from their place, so refreshing an unchanged notebook changes nothing.

If a cell fails, the file is left as it was and the error names the notebook and the cell.
"""

from __future__ import annotations

import contextlib
import subprocess
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

from .exercises import read_notebook

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: language_info keys kept (the Python version is dropped: it would change with every machine)
LANGUAGE_INFO_KEYS = ("codemirror_mode", "file_extension", "mimetype", "name", "nbconvert_exporter",
                      "pygments_lexer")
#: cell metadata that only records how a notebook was last run or displayed
VOLATILE_CELL_METADATA = ("execution", "scrolled", "collapsed", "ExecuteTime")
CELL_TIMEOUT = 300


class RefreshError(RuntimeError):
    """A notebook that could not be run top to bottom (the message names the cell)."""


@contextlib.contextmanager
def fresh_work_folder() -> Iterator[Path]:
    """Point ``QI_KIT_WORK_DIR`` at a new empty folder for the duration (kernels inherit it)."""
    from ..workspace import WORK_DIR_ENV

    old = os.environ.get(WORK_DIR_ENV)
    with tempfile.TemporaryDirectory(prefix="qi_kit-refresh-") as folder:
        os.environ[WORK_DIR_ENV] = os.path.join(folder, "my_work")
        try:
            yield Path(folder)
        finally:
            if old is None:
                os.environ.pop(WORK_DIR_ENV, None)
            else:
                os.environ[WORK_DIR_ENV] = old


def _kernel_manager() -> Any:
    """A kernel manager for this environment's Python, whatever kernels are installed elsewhere."""
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    class CurrentEnvironment(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> Any:
            return self.kernel_spec_class(resource_dir=RESOURCES, **get_kernel_dict())

    return KernelManager(kernel_name="python3", kernel_spec_manager=CurrentEnvironment())


def normalise_metadata(notebook: dict[str, Any]) -> dict[str, Any]:
    """Plain python3 kernelspec, no widget state, no Python version, no timing (in place)."""
    metadata = notebook.setdefault("metadata", {})
    metadata.pop("widgets", None)
    metadata["kernelspec"] = dict(KERNELSPEC)
    info = metadata.get("language_info") or {"name": "python"}
    metadata["language_info"] = {k: info[k] for k in LANGUAGE_INFO_KEYS if k in info}
    for cell in notebook.get("cells", []):
        for key in VOLATILE_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
    return notebook


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stable_widget_ids(notebook: dict[str, Any], name: str) -> dict[str, Any]:
    """Give each stored widget view a model id derived from its place, not a random one (in place).

    A stored id never matches a live widget anyway (a new kernel makes new ones, and JupyterLab
    shows the text fallback until the cell runs again); a stable one means refreshing an unchanged
    notebook changes nothing in git.
    """
    import hashlib

    for c, cell in enumerate(notebook.get("cells", [])):
        for o, output in enumerate(cell.get("outputs", []) if cell.get("cell_type") == "code" else []):
            view = (output.get("data") or {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = hashlib.sha1(f"{name}:{c}:{o}".encode()).hexdigest()[:32]
    return notebook


def coalesce_streams(notebook: dict[str, Any]) -> dict[str, Any]:
    """Join each run of printed text into one output (in place), as nbval compares it.

    A busy kernel may send one ``print`` as two messages (the text, then its newline); stored
    as they came, the same notebook would be saved differently from one refresh to the next.
    """
    for cell in notebook.get("cells", []):
        merged: list[Any] = []
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            previous = merged[-1] if merged else None
            if (output.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
                previous["text"] = "".join(previous.get("text") or "") + "".join(output.get("text") or "")
            else:
                merged.append(output)
        if cell.get("cell_type") == "code":
            cell["outputs"] = merged
    return notebook


def execute_notebook(notebook: dict[str, Any], folder: str | Path, *, name: str = "notebook",
                     timeout: int = CELL_TIMEOUT) -> dict[str, Any]:
    """Run a notebook (an nbformat node) top to bottom in ``folder``; returns it with outputs.

    Raises
    ------
    RefreshError
        If a cell raises; the message names the notebook, the cell number and the error.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    current = {"index": 0}

    def started(cell: Any, cell_index: int) -> None:
        current["index"] = cell_index

    client = NotebookClient(notebook, km=_kernel_manager(), timeout=timeout, allow_errors=False,
                            record_timing=False, store_widget_state=False, on_cell_execute=started,
                            shutdown_kernel="immediate",  # outputs are in; a graceful stop costs ~1 s
                            resources={"metadata": {"path": str(folder)}})
    try:
        client.execute(stderr=subprocess.DEVNULL)  # kernel logs; cell errors come through the notebook
    except (CellExecutionError, CellTimeoutError) as exc:
        code_number = sum(1 for c in notebook.cells[:current["index"]] if c.cell_type == "code")
        lines = [line for line in str(exc).strip().splitlines() if line.strip()]
        summary = lines[-1] if lines else type(exc).__name__
        raise RefreshError(f"{name}: Cell {code_number} (code cells counted from 0, as `make validate` "
                           f"names them) failed: {summary}") from None
    return notebook


def refresh_notebook(path: str | Path) -> Path:
    """Re-run one notebook in a fresh kernel and an empty work folder, and save its outputs."""
    import nbformat

    path = Path(path)
    notebook = read_notebook(path)
    with fresh_work_folder():
        execute_notebook(notebook, path.parent.resolve(), name=str(path))
    normalise_metadata(notebook)
    coalesce_streams(notebook)
    stable_widget_ids(notebook, path.name)
    from ..workspace import atomic_write_text

    atomic_write_text(path, nbformat.writes(notebook, version=4) + "\n")
    return path


def notebooks_in(paths: list[str | Path]) -> list[Path]:
    """The ``.ipynb`` files named, or found in the folders named, sorted (checkpoints skipped)."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found += sorted(p for p in item.glob("*.ipynb"))
        elif item.suffix == ".ipynb":
            found.append(item)
        else:
            raise RefreshError(f"{item}: not a notebook or a folder of notebooks.")
    return found
