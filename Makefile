# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make lab    create .venv (if missing), install the kit, open JupyterLab on the start notebook
#   make test   the same environment, then every test, notebook validation included
# More: make validate (notebooks only), make exercises (regenerate exercises from solutions),
#       make doctor (environment check), make bench (benchmarks), make clean.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
STAMP   = $(VENV)/.installed
LAB_ARGS ?=
NBVAL   = $(PY) -m pytest -p no:cacheprovider --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab test validate exercises doctor bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "qi_kit needs Python 3.11 or newer: install it from python.org, then run make lab again.")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m qi_kit lab-settings
	@touch $(STAMP)

lab: $(STAMP)
	$(PY) -m qi_kit doctor --no-kernel || true
	$(BIN)/jupyter lab workshops/00_start_here.ipynb $(LAB_ARGS)

test: $(STAMP)
	$(PY) -m pytest tests
	$(MAKE) --no-print-directory validate

validate: $(STAMP)
	@if ls workshops/*.ipynb solutions/*.ipynb >/dev/null 2>&1; then \
	  $(NBVAL) --nbval workshops solutions; \
	else echo "No workshop or solution notebooks yet: nothing to validate."; fi
	@if ls exercises/*.ipynb >/dev/null 2>&1; then \
	  $(NBVAL) --nbval-lax exercises; \
	fi

exercises: $(STAMP)
	$(PY) -m qi_kit.exercises

doctor: $(STAMP)
	$(PY) -m qi_kit doctor

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
