# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make lab    create .venv (if missing), install the kit (not the test tools), make your own
#               copies of the workshop notebooks in my_work/notebooks and open JupyterLab on the
#               start notebook (also as root, in a container or a cloud machine)
#   make test   the same environment and the test tools, then every test, notebook validation
#               included (side by side on every core: make test JOBS=1 for one at a time)
# More: make validate (notebooks only), make refresh (store new notebook outputs on purpose),
#       make exercises (regenerate exercises from solutions),
#       make doctor (environment check), make bench (benchmarks), make handouts (printable
#       handouts in build/handouts), make stress (the slow variants of the reliability suite:
#       more fuzzing, kills and saves), make clean,
#       make hub (a trial JupyterHub on this computer, for a facilitator to try the day).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
# the participant's install (make lab): the kit and what the notebooks use, no test tools
STAMP   = $(VENV)/.installed
# the test tools on top (make test, make validate): pytest, pytest-xdist, nbval, hypothesis, playwright
TEST_STAMP = $(VENV)/.test-installed
HUB_STAMP = $(VENV)/.hub-installed
# configurable-http-proxy (JupyterHub's proxy, from npm) goes into the venv, not the system
HUB_PROXY = $(VENV)/hub-proxy/node_modules/.bin/configurable-http-proxy
LAB_ARGS ?=
# processes for the tests that may run side by side (pytest-xdist); the browser and hub tests run alone
JOBS    ?= auto
# one notebook's cells share a kernel: --dist loadscope keeps each notebook on one process
NBVAL   = $(PY) -m pytest -p no:cacheprovider -n $(JOBS) --dist loadscope --nbval-current-env \
          --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab test validate refresh exercises doctor bench stress clean handouts hub

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "qi_kit needs Python 3.11 or newer: install it from python.org, then run make lab again.")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	$(PY) -m qi_kit lab-settings
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(TEST_STAMP)

# Participants open their own copies (my_work/notebooks, git-ignored), never the lesson files.
lab: $(STAMP)
	$(PY) -m qi_kit doctor --no-kernel || true
	$(PY) -m qi_kit lab $(LAB_ARGS)

# JupyterHub, its idle culler and nbgitpuller (pip), and its proxy (npm, when npm is here:
# without it the hub tests say how to install it, and fail in CI).
$(HUB_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[hub]"
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(VENV)/hub-proxy --no-audit --no-fund --loglevel=error configurable-http-proxy@5; \
	else echo "npm not found: JupyterHub's proxy is not installed (install Node.js and npm, then make hub)."; fi
	@touch $(HUB_STAMP)

# A trial hub for a facilitator on this computer (not for real participants: see
# deploy/jupyterhub/README.md). Ctrl+C stops it and everything it started.
hub: $(HUB_STAMP)
	@$(PY) deploy/jupyterhub/trial.py

# The unit tests side by side (pytest-xdist), then the browser and hub tests one at a time (each
# starts its own JupyterLab or JupyterHub and Chromium), then the notebooks side by side.
test: $(TEST_STAMP) $(HUB_STAMP)
	$(PY) -m qi_kit handouts --out build/handouts
	$(PY) -m pytest -n $(JOBS) -m "not browser and not hub" tests
	$(PY) -m pytest -p no:xdist -m "browser or hub" tests
	$(MAKE) --no-print-directory validate

# The printable handouts for the room (mapping worksheet, pitch card, evaluation form), HTML and PDF.
handouts: $(STAMP)
	$(PY) -m qi_kit handouts --out build/handouts

validate: $(TEST_STAMP)
	@$(PY) -m qi_kit.authoring lint
	@$(PY) -m qi_kit.authoring check-sync
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/qi_kit-validate.XXXXXX") && \
	QI_KIT_VALIDATE_DIR="$$tmp" QI_KIT_WORK_DIR="$$tmp/my_work" \
	  $(NBVAL) --nbval workshops solutions exercises; \
	status=$$?; rm -rf "$$tmp"; exit $$status

# Re-run notebooks on purpose after editing them and store their new outputs, then regenerate
# the exercises. One notebook: make refresh NOTEBOOKS=workshops/02_map_your_stakeholders.ipynb
NOTEBOOKS ?=
refresh: $(STAMP)
	$(PY) -m qi_kit.authoring refresh $(NOTEBOOKS)
	$(PY) -m qi_kit.authoring exercises

exercises: $(STAMP)
	$(PY) -m qi_kit.authoring exercises

doctor: $(STAMP)
	$(PY) -m qi_kit doctor

# The reliability suite's slow variants (make test runs the fast ones): 20,000 fuzzed inputs,
# 150 kills, 2 x 150 saves, every notebook in a kernel with a socket guard. About 4 minutes.
stress: $(TEST_STAMP)
	QI_KIT_STRESS=1 $(PY) -m pytest -p no:cacheprovider tests/reliability

bench: $(TEST_STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info .hub
