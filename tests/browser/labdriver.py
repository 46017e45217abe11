"""Drive a real JupyterLab in headless Chromium, as a participant would.

The pieces the browser tests share:

- :func:`find_chromium`: the system Chromium (Debian's ``chromium`` package). Playwright's own
  browser download cannot work on the workshop machines, so the tests never use it.
- :class:`LabServer`: ``jupyter lab`` started on 127.0.0.1, on a free port, with a random token,
  in its own process group, with its own settings, workspace, runtime and work folders, and
  stopped by its process group at the end (even when a test fails).
- :func:`launch_chromium`: the browser, offline: only 127.0.0.1 can be reached.
- :class:`Participant`: one browser tab on JupyterLab; opens a notebook, runs every cell,
  reads what a participant sees (errors, live widgets or their text fallbacks, figures) and
  saves a screenshot; records alerts, page errors and any request that tries to leave the machine.

Everything reads the page the way JupyterLab draws it (CSS classes of JupyterLab 4 and
ipywidgets 8); the notebook model is read through ``window.jupyterapp`` (the server is started
with ``--LabApp.expose_app_in_browser=True``) only to know which output *should* be a widget or
a figure, and when the kernel has finished.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

INSTALL_HINT = "install it with `sudo apt-get install chromium` to run the browser tests"
REQUIRE_ENV = "QI_KIT_REQUIRE_BROWSER"  # "1" in CI: the browser tests must run, never skip

#: Chromium, headless and quiet: no sandbox (CI runs as root), no GPU, no calls home.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    # belt and braces: even a request Playwright does not see cannot resolve any host but ours
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)

#: a typical laptop's browser window (CSS pixels): the size every browser test uses
LAPTOP = {"width": 1280, "height": 800}

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FIGURE_MIMES = ("image/png", "image/jpeg", "image/svg+xml")


# --------------------------------------------------------------------------- the browser


def find_chromium() -> str | None:
    """The system Chromium: ``/usr/bin/chromium`` or ``chromium`` on PATH.

    ``$QI_KIT_CHROMIUM``, when set, is the only candidate (another build, or a path that does
    not exist to see what happens without Chromium).
    """
    chosen = os.environ.get("QI_KIT_CHROMIUM")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium"),
                                          shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def launch_chromium(playwright: Any, executable: str) -> Any:
    """Headless Chromium from ``executable`` (Playwright gives it a fresh, empty profile folder)."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A JupyterLab server for the tests, serving ``root``; kernels save into ``work_dir``.

    ``extra_args`` are added to the command line (e.g. ``--core-mode`` to start JupyterLab
    without any extension, as on a machine where the widget extension is missing).
    """

    root: Path
    work_dir: Path
    state_dir: Path
    extra_args: tuple[str, ...] = ()
    port: int = 0
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "lab") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"

    def command(self) -> list[str]:
        state = self.state_dir
        args = [sys.executable, "-m", "jupyterlab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True",
                f"--LabApp.user_settings_dir={state / 'user-settings'}",
                f"--LabApp.workspaces_dir={state / 'workspaces'}",
                *self.extra_args]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")
        return args

    def environment(self) -> dict[str, str]:
        """The server's (and so every kernel's) environment: nothing of the tester's own Jupyter set-up."""
        env = dict(os.environ)
        for name in ("MPLBACKEND", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PYTHONSTARTUP"):
            env.pop(name, None)
        state = self.state_dir
        env.update(QI_KIT_WORK_DIR=str(self.work_dir), JUPYTER_CONFIG_DIR=str(state / "config"),
                   JUPYTER_DATA_DIR=str(state / "data"), JUPYTER_RUNTIME_DIR=str(state / "runtime"),
                   IPYTHONDIR=str(state / "ipython"), PYTHONUNBUFFERED="1")
        return env

    def start(self, *, timeout: float = 90.0, attempts: int = 3) -> "LabServer":
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        last = ""
        for attempt in range(attempts):
            self.port = free_port()
            self.log_path = self.state_dir / f"jupyter-lab-{attempt + 1}.log"
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(self.command(), cwd=self.root, env=self.environment(),
                                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)  # its own process group
            if self._wait_ready(timeout):
                return self
            last = self.log_tail()
            self.stop()
        raise RuntimeError(f"JupyterLab did not start after {attempts} tries. Its last log:\n{last}")

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False  # it exited (a busy port, a bad option): the log says why
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=2) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        return False

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every running kernel (keeps the 2-core machine free between notebooks)."""
        try:
            for kernel in self.api("GET", "api/kernels") or []:
                try:
                    self.api("DELETE", f"api/kernels/{kernel['id']}")
                except (urllib.error.URLError, OSError):
                    pass
        except (urllib.error.URLError, OSError):
            pass

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the whole process group (the server and its kernels): TERM, then KILL."""
        process, self.process = self.process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=15)
        # kernels that outlived the server in the group
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --------------------------------------------------------------------------- what a participant sees

#: JavaScript: read every cell's outputs as drawn. Returns a list of problems-to-be and counts.
_READ_OUTPUTS = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets;
  const widgetMime = %(widget)s, figureMimes = %(figures)s;
  const text = el => (el ? (el.innerText || el.textContent || '') : '').trim().replace(/\s+/g, ' ').slice(0, 300);
  const report = {widgets: [], figures: [], errors: [], unrun: [], fallbacks: []};
  cells.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const where = index + 1;
    const source = cell.model.sharedModel.getSource();
    const prompt = cell.promptNode ? cell.promptNode.textContent : '';
    if (source.trim() && cell.model.executionCount === null) report.unrun.push({cell: where, prompt, source: source.slice(0, 80)});
    const outputs = cell.model.outputs.toJSON();
    const children = cell.outputArea.widgets;
    outputs.forEach((output, k) => {
      const child = children[k];
      const node = child ? child.node.querySelector('.jp-OutputArea-output') : null;
      const data = output.data || {};
      if (output.output_type === 'error' || (output.output_type === 'stream' && output.name === 'stderr')) {
        report.errors.push({cell: where, kind: output.output_type === 'error' ? output.ename : 'stderr',
                            text: text(node) || (output.text || output.evalue || '').slice(0, 300)});
      }
      if (widgetMime in data) {
        const view = node ? node.querySelector('.jupyter-widgets') : null;
        const shown = text(node);
        const live = !!(view && /(^|\s)widget-/.test(view.className) && node.getAttribute('data-mime-type') !== 'text/plain'
                        && !/^(Loading widget|Error displaying widget)/.test(shown));
        report.widgets.push({cell: where, live, model: (data[widgetMime] || {}).model_id || '',
                             shown: live ? '' : (shown || '(nothing shown)').slice(0, 160)});
      } else if (figureMimes.some(m => m in data)) {
        const img = node ? node.querySelector('img, svg') : null;
        let ok = false, size = '';
        if (img && img.tagName.toLowerCase() === 'img') { ok = img.complete && img.naturalWidth > 0; size = img.naturalWidth + 'x' + img.naturalHeight; }
        else if (img) { const r = img.getBoundingClientRect(); ok = r.width > 0 && r.height > 0; size = Math.round(r.width) + 'x' + Math.round(r.height); }
        report.figures.push({cell: where, ok, size, alt: (data['text/plain'] || '').toString().slice(0, 120)});
      }
    });
  });
  // Anywhere in the notebook, also inside widgets (an Output widget holds its own outputs):
  const root = panel.content.node;
  root.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').forEach(el => {
    const cell = el.closest('.jp-Cell');
    const where = cell ? Array.from(root.querySelectorAll('.jp-Cell')).indexOf(cell) + 1 : 0;
    const t = text(el);
    if (!report.errors.some(e => e.cell === where && e.text === t)) report.errors.push({cell: where, kind: 'shown in a widget', text: t});
  });
  root.querySelectorAll('.jp-OutputArea-output, .jupyter-widgets').forEach(el => {
    if (el.children.length === 0 && /^(Loading widget\.\.\.|Error displaying widget)/.test((el.textContent || '').trim())) {
      const cell = el.closest('.jp-Cell');
      report.fallbacks.push({cell: cell ? Array.from(root.querySelectorAll('.jp-Cell')).indexOf(cell) + 1 : 0, shown: text(el)});
    }
  });
  root.querySelectorAll('.qi-message').forEach(el => {
    const t = text(el);
    if (/Something went wrong \(/.test(t)) {
      const cell = el.closest('.jp-Cell');
      report.errors.push({cell: cell ? Array.from(root.querySelectorAll('.jp-Cell')).indexOf(cell) + 1 : 0, kind: 'widget message', text: t});
    }
  });
  // images inside widgets (a map picture in the editor) that were given data but did not draw
  root.querySelectorAll('.jupyter-widgets img').forEach(img => {
    const src = img.getAttribute('src') || '';
    if (!src || src === 'about:blank') return;
    const cell = img.closest('.jp-Cell');
    report.figures.push({cell: cell ? Array.from(root.querySelectorAll('.jp-Cell')).indexOf(cell) + 1 : 0,
                         ok: img.complete && img.naturalWidth > 0, size: img.naturalWidth + 'x' + img.naturalHeight,
                         alt: 'image in a widget', inWidget: true});
  });
  return report;
}
""" % {"widget": json.dumps(WIDGET_MIME), "figures": json.dumps(list(FIGURE_MIMES))}


@dataclass
class NotebookReport:
    """What a participant sees in a notebook after running it."""

    name: str
    widgets: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    unrun: list[dict] = field(default_factory=list)
    fallbacks: list[dict] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def dead_widgets(self) -> list[dict]:
        return [w for w in self.widgets if not w["live"]] + self.fallbacks

    @property
    def broken_figures(self) -> list[dict]:
        return [f for f in self.figures if not f["ok"]]

    def problems(self) -> list[str]:
        """Every problem, one readable line each (empty when all is well)."""
        lines = [f"cell {e['cell']}: error output ({e['kind']}): {e['text']}" for e in self.errors]
        lines += [f"cell {u['cell']}: never ran ({u['source']!r})" for u in self.unrun]
        lines += [f"cell {w['cell']}: widget not rendered, the participant sees: {w['shown']!r}"
                  for w in self.dead_widgets]
        lines += [f"cell {f['cell']}: an image in a widget shows as a broken image (no picture data)"
                  if f.get("inWidget") else f"cell {f['cell']}: figure did not render ({f['alt']})"
                  for f in self.broken_figures]
        return lines

    def summary(self) -> str:
        return (f"{self.name}: {len(self.widgets)} widget outputs ({len(self.widgets) - len(self.dead_widgets)} live), "
                f"{len(self.figures)} figures ({len(self.figures) - len(self.broken_figures)} drawn), "
                f"{len(self.errors)} errors")


class BrowserProblems(AssertionError):
    pass


class Participant:
    """One browser tab on JupyterLab, with everything that goes wrong in it recorded.

    ``dialogs`` (alert, confirm, prompt: an XSS would show here), ``page_errors`` (uncaught
    JavaScript errors), ``console_errors`` and ``outside_requests`` (any request to a host other
    than 127.0.0.1, blocked) are lists the tests assert on; :meth:`check_clean` asserts them all.
    """

    #: console errors a healthy JupyterLab prints (none known on 4.6; add with a reason)
    BENIGN_CONSOLE = ()

    def __init__(self, context: Any, server: LabServer):
        self.server = server
        self.context = context
        self.page = context.new_page()
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self._outside = context.outside_requests  # filled by the context's route (see below)
        self._outside_seen = len(self._outside)
        self.page.on("dialog", self._on_dialog)
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)[:500]))
        self.page.on("console", self._on_console)
        self.page.set_default_timeout(30_000)

    @property
    def outside_requests(self) -> list[str]:
        """Requests this tab tried to send anywhere but 127.0.0.1 (all were blocked)."""
        return self._outside[self._outside_seen:]

    def accept_outside_requests(self) -> list[str]:
        """Take the outside requests seen so far as expected (a test that makes some on purpose)."""
        seen = self.outside_requests
        self._outside_seen = len(self._outside)
        self.console_errors[:] = [e for e in self.console_errors if "ERR_BLOCKED_BY_CLIENT" not in e]
        return seen

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        try:
            dialog.dismiss()
        except Exception:  # the page may be closing
            pass

    def _on_console(self, message: Any) -> None:
        if message.type == "error" and not any(re.search(p, message.text) for p in self.BENIGN_CONSOLE):
            self.console_errors.append(message.text[:500])

    # ---- JupyterLab
    def open(self, path: str, *, timeout: float = 90.0) -> None:
        """Open a notebook (a path under the server's root) and wait for its kernel to be idle."""
        self.page.goto(self.server.url(f"lab/tree/{path}?reset"), wait_until="domcontentloaded")
        self.page.wait_for_function(
            """(path) => { const app = window.jupyterapp; if (!app) return false;
                 const w = app.shell.currentWidget;
                 return !!(w && w.context && w.context.path === path && w.sessionContext && w.sessionContext.session
                        && w.sessionContext.session.kernel && w.sessionContext.kernelDisplayStatus === 'idle'
                        && w.content && w.content.widgets.length > 0); }""",
            arg=path, timeout=timeout * 1000, polling=200)

    def run_all(self, *, timeout: float = 180.0) -> bool:
        """Run All Cells (the Run menu's command ``runmenu:run-all``); wait until all is idle.

        Returns JupyterLab's own answer: False when a cell raised (the rest did not run).
        """
        self.page.evaluate("""() => { window.__qiRun = {done: false, ok: null};
            window.jupyterapp.commands.execute('runmenu:run-all')
              .then(ok => { window.__qiRun = {done: true, ok}; })
              .catch(err => { window.__qiRun = {done: true, ok: false, error: String(err)}; }); }""")
        self.page.wait_for_function("() => window.__qiRun && window.__qiRun.done", timeout=timeout * 1000, polling=200)
        self.wait_idle(timeout=timeout)
        return bool(self.page.evaluate("() => window.__qiRun.ok"))

    def wait_idle(self, *, timeout: float = 120.0, settle: float = 0.5) -> None:
        """Wait for the status bar's "Idle", no queued cell, and widgets done loading."""
        self.page.wait_for_function(
            """() => { const w = window.jupyterapp.shell.currentWidget;
                 if (!w || w.sessionContext.kernelDisplayStatus !== 'idle') return false;
                 if (w.content.widgets.some(c => c.model.type === 'code' && c.promptNode
                     && c.promptNode.textContent.includes('*'))) return false;
                 const outputs = w.content.node.querySelectorAll('.jp-OutputArea-output');
                 return !Array.from(outputs).some(el => (el.textContent || '').trim() === 'Loading widget...'); }""",
            timeout=timeout * 1000, polling=200)
        self.page.get_by_text("| Idle").first.wait_for(timeout=timeout * 1000)
        # images decode and widget views attach a moment after the kernel is idle
        self.page.wait_for_function(
            """() => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))
                      .every(img => img.complete)""", timeout=30_000, polling=100)
        self.page.wait_for_timeout(settle * 1000)

    def save(self, *, timeout: float = 30.0) -> None:
        """File > Save Notebook (``docmanager:save``), then wait until the file on disk is up to date."""
        self.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        self.page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context && !w.context.model.dirty; }",
            timeout=timeout * 1000, polling=200)

    def restart_kernel(self) -> None:
        """Kernel > Restart Kernel..., then the dialog's Restart button, as a participant does."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
        self.page.locator(".lm-Menu-item[data-command='kernelmenu:restart']").click()
        dialog = self.page.locator(".jp-Dialog")
        dialog.locator("button.jp-mod-accept", has_text="Restart").click()
        dialog.wait_for(state="detached")
        self.page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus === 'idle'",
            timeout=60_000, polling=200)

    def read(self, name: str) -> NotebookReport:
        data = self.page.evaluate(_READ_OUTPUTS)
        return NotebookReport(name=name, **data)

    def screenshot(self, name: str, *, max_height: int = 24_000) -> Path:
        """The whole notebook as a participant would scroll through it, in test-artifacts/screenshots/."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        with self.tall(max_height=max_height):
            self.page.screenshot(path=str(path), full_page=False)
        return path

    @contextmanager
    def tall(self, *, max_height: int = 24_000):
        """The window made as tall as the notebook for the block (every cell drawn), then as it was."""
        viewport = self.page.viewport_size or dict(LAPTOP)
        height = min(max_height, viewport["height"] + self.extra_height())
        try:
            if height > viewport["height"]:
                self.page.set_viewport_size({"width": viewport["width"], "height": height})
                self.page.wait_for_timeout(300)
            yield self.page
        finally:
            self.page.set_viewport_size(viewport)

    def extra_height(self) -> int:
        """How much taller than the window the notebook is, down to its last cell (pixels)."""
        return int(self.page.evaluate(
            """() => { const w = window.jupyterapp.shell.currentWidget;
                 // the notebook scrolls inside its own box (JupyterLab 4: .jp-WindowedPanel-outer)
                 const boxes = [w.content.node, ...w.content.node.querySelectorAll('.jp-WindowedPanel-outer')];
                 boxes.forEach(box => { box.scrollTop = 0; });
                 const box = boxes.reduce((a, b) => (b.scrollHeight - b.clientHeight > a.scrollHeight - a.clientHeight ? b : a));
                 const cells = w.content.node.querySelectorAll('.jp-Cell');
                 if (!cells.length) return 0;
                 // down to the last cell (not the empty space JupyterLab leaves under it)
                 const bottom = cells[cells.length - 1].getBoundingClientRect().bottom - box.getBoundingClientRect().top;
                 return Math.max(0, Math.ceil(bottom + 24 - box.clientHeight)); }"""))

    def failure_screenshot(self, name: str) -> Path | None:
        """The page as it is (no resizing), as ``FAILED-<name>.png``; never raises."""
        try:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOTS / f"FAILED-{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
            self.page.screenshot(path=str(path), timeout=10_000)
            return path
        except Exception:
            return None

    def problems(self) -> list[str]:
        lines = [f"a dialog opened: {d}" for d in self.dialogs]
        lines += [f"JavaScript error: {e}" for e in self.page_errors]
        lines += [f"console error: {e}" for e in self.console_errors]
        lines += [f"a request tried to leave 127.0.0.1: {u}" for u in self.outside_requests]
        return lines

    def check_clean(self) -> None:
        problems = self.problems()
        if problems:
            raise BrowserProblems("In the browser:\n  " + "\n  ".join(problems))

    def close(self) -> None:
        try:
            self.page.close()
        except Exception:
            pass


def new_offline_context(browser: Any, server: LabServer) -> Any:
    """A browser context that can reach only the test server; anything else is blocked and recorded."""
    context = browser.new_context(viewport=dict(LAPTOP), service_workers="block",
                                  accept_downloads=False)
    context.outside_requests = []
    local = re.compile(r"^(https?|wss?)://127\.0\.0\.1:%d(/|$)" % server.port)

    def block(route: Any) -> None:
        url = route.request.url
        if local.match(url) or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        context.outside_requests.append(url)
        route.abort("blockedbyclient")

    # Only requests that are not to our server reach Python (the pattern skips them), so the
    # hundreds of JupyterLab asset requests are not slowed down.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:%d/)" % server.port), block)
    return context


# --------------------------------------------------------------------------- reading as a room would

#: JavaScript: every picture in the notebook's outputs as shown, and every control whose words are cut.
_READ_LEGIBILITY = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const root = panel.content.node;
  const cells = Array.from(root.querySelectorAll('.jp-Cell'));
  const cellOf = el => { const c = el.closest('.jp-Cell'); return c ? cells.indexOf(c) + 1 : 0; };
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                        && getComputedStyle(el).visibility !== 'hidden'; };
  const words = el => (el.innerText || el.textContent || '').replace(/\u00a0/g, ' ').trim().replace(/\s+/g, ' ').slice(0, 80);
  const pictures = [];
  root.querySelectorAll('.jp-OutputArea-output img').forEach(img => {
    if (!shown(img) || img.naturalWidth <= 1) return;  // an empty picture holds a blank pixel, hidden
    const r = img.getBoundingClientRect();
    const area = img.closest('.jp-OutputArea-output').getBoundingClientRect();
    pictures.push({cell: cellOf(img), kit: img.classList.contains('qi-picture'), widget: !!img.closest('.jupyter-widgets'),
                   natural: [img.naturalWidth, img.naturalHeight], shown: [r.width, r.height],
                   cut: Math.max(0, r.right - area.right, area.left - r.left),
                   alt: (img.getAttribute('alt') || img.getAttribute('title') || '').trim()});
  });
  const cut = [];
  const kinds = [['button', 'button'], ['.widget-label', 'label'], ['.widget-toggle-button', 'button'],
                 ['.widget-label-basic', 'label'], ['.jupyter-widget-Collapse-header', 'heading'],
                 ['.lm-TabBar-tabLabel', 'tab']];
  const checked = new Set();
  kinds.forEach(([selector, kind]) => {
    root.querySelectorAll('.jp-OutputArea-output ' + selector).forEach(el => {
      if (checked.has(el) || !shown(el) || !words(el)) return;
      checked.add(el);
      if (el.scrollWidth > el.clientWidth + 1) cut.push({cell: cellOf(el), kind, text: words(el), needs: el.scrollWidth, has: el.clientWidth});
    });
  });
  // a drop-down shows its chosen option: is it wider than the box (less the arrow)?
  const canvas = document.createElement('canvas').getContext('2d');
  root.querySelectorAll('.jp-OutputArea-output select').forEach(sel => {
    if (!shown(sel) || sel.multiple || sel.size > 1 || sel.selectedIndex < 0) return;
    const style = getComputedStyle(sel);
    canvas.font = style.font || `${style.fontSize} ${style.fontFamily}`;
    const text = sel.options[sel.selectedIndex].text.replace(/\u00a0/g, ' ');
    // (the arrow sits in the right-hand padding)
    const room = sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const needs = canvas.measureText(text).width;
    if (needs > room + 1) cut.push({cell: cellOf(sel), kind: 'drop-down', text: text.slice(0, 80), needs, has: room});
  });
  return {pictures, cut, viewport: `a window ${window.innerWidth} CSS px wide`};
}
"""


def read_legibility(person: "Participant") -> dict:
    """Every picture in the outputs as shown (natural and shown size, how far it is cut, its alt
    text) and every button, label, tab or drop-down whose words are cut off (the window made as
    tall as the notebook, its width unchanged, so every cell is drawn)."""
    with person.tall() as page:
        return page.evaluate(_READ_LEGIBILITY)


def legibility_problems(legibility: dict) -> list[str]:
    """Every way the pictures and controls, as shown, are hard to read (one line each)."""
    from qi_kit.plots._style import DPI, MIN_SCALE, MIN_SHOWN_PX, MIN_TEXT_PT, PICTURE_WIDTH

    problems = []
    natural_px = MIN_TEXT_PT * DPI / 72
    for p in legibility["pictures"]:
        where = f"cell {p['cell']}: {'a picture in a widget' if p['widget'] else 'a picture'}"
        if not p["kit"]:
            problems.append(f"{where} not drawn by the kit (no text alternative, no size rule)")
            continue
        scale = p["shown"][0] / p["natural"][0]
        if scale < MIN_SCALE - 1e-3:
            problems.append(f"{where} is shown at {p['shown'][0]:.0f} of its {p['natural'][0]} pixels, so its "
                            f"smallest text is {natural_px * scale:.1f} px (at least {MIN_SHOWN_PX:g} px)")
        if p["natural"][0] > PICTURE_WIDTH * DPI + 1:
            problems.append(f"{where} is {p['natural'][0]} pixels wide: at most {PICTURE_WIDTH * DPI:.0f}")
        if p["cut"] > 1:
            problems.append(f"{where} runs {p['cut']:.0f} px past the edge of the output (cut off)")
        if not p["alt"]:
            problems.append(f"{where} has no alt text")
    for c in legibility["cut"]:
        problems.append(f"cell {c['cell']}: the {c['kind']} '{c['text']}' is cut off "
                        f"({c['needs']:.0f} px of words in {c['has']:.0f} px)")
    return problems


#: axe-core's rules that judge JupyterLab itself rather than what the kit shows inside an output
#: (the audit looks only inside outputs; these would report the page around them)
AXE_PAGE_RULES = ("region", "landmark-one-main", "page-has-heading-one", "bypass")


def audit_accessibility(person: "Participant") -> list[dict]:
    """axe-core's violations in the notebook's outputs (what the kit shows), as plain dicts.

    The window is made as tall as the notebook first, so every output is drawn and judged (a
    cell scrolled out of view is not painted, and its contrast could not be measured). axe-core
    comes inside the ``axe-playwright-python`` package: nothing is fetched.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    with person.tall() as page:
        page.evaluate(AXE_SCRIPT)
        result = page.evaluate(
            """async (skip) => {
                 const root = window.jupyterapp.shell.currentWidget.content.node;
                 const outputs = Array.from(root.querySelectorAll('.jp-OutputArea-output'));
                 if (!outputs.length) return {violations: []};
                 const rules = {}; skip.forEach(id => { rules[id] = {enabled: false}; });
                 return await axe.run({include: outputs}, {resultTypes: ['violations'], rules}); }""",
            list(AXE_PAGE_RULES))
    return [{"id": v["id"], "impact": v.get("impact"), "help": v["help"],
             "nodes": [" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                       for n in v["nodes"]][:5]}
            for v in result["violations"]]
