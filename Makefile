# The task file: `make demo`, `make test`, `make lint`, `make bench`, `make train`,
# `make evaluate`. Each sets up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= sqlite:///var/clinics.db
CLINICS ?= 200

.PHONY: setup demo test lint format bench clean browser train evaluate

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/clinics demo --clinics $(CLINICS) --db $(DB)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p directory

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The browser test drives Debian's chromium; install it when missing (needs root, as here and on CI).
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: lint browser
	@$(BIN)/python -m pytest; code=$$?; \
	  if [ $$code -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$code

bench: setup
	$(BIN)/python -m bench

# The extraction model: site-grouped cross-validation on ../shared/realpages, then the shipped
# file directory/extract/model.json.gz, rebuilt deterministically (`learn/`).
train: setup
	$(BIN)/python -m learn train

# The cross-validated figures, and the shipped model's first run on a new labelled batch:
#   make evaluate PAGES=new/pages.jsonl LABELS=new/labels.jsonl
evaluate: setup
	$(BIN)/python -m learn evaluate $(if $(PAGES),--batch $(PAGES) $(LABELS) --show-misses)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
