# Two commands on a fresh machine (only python3 >= 3.11 and make needed):
#   make report   renders the book on the bundled data -> _book/index.html and the PDF, and the
#                 partner packs -> _book/partnere/ (demonstration packs on reconstructed data)
#   make test     runs every test (unit, integration, validation incl. nbval)
# Both create .venv on first use and install the pinned dependencies of requirements.lock.
#
# .venv is a link to a venv kept outside the project (VENV_HOME, one per project folder): real
# Quarto walks every file under the project folder several times per render, hidden folders
# included and links not followed (quarto-cli#6771), and a venv's 40 000 files made each
# Quarto render of the book 8-11 s slower. A .venv that is a real folder still works.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
VENV_HOME ?= $(or $(XDG_CACHE_HOME),$(or $(HOME),/tmp)/.cache)/norcrin-survey/venvs/$(notdir $(CURDIR))-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)

.PHONY: report deck preview test lint bench mutate lock clean new-wave

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || { mkdir -p "$(dir $(VENV_HOME))" && rm -rf $(VENV) \
	  && $(PYTHON) -m venv --clear "$(VENV_HOME)" && ln -s "$(VENV_HOME)" $(VENV) \
	  && printf '%s\n' '$(CURDIR)' > "$(VENV_HOME)/.project" \
	  && echo "created $(VENV) -> $(VENV_HOME)"; }
	@# venvs of project folders that are gone (or link elsewhere now) are removed
	@for f in "$(dir $(VENV_HOME))"*/.project; do test -f "$$f" || continue; \
	  v=$$(dirname "$$f"); p=$$(cat "$$f"); \
	  [ "$$p/.venv" -ef "$$v" ] || { rm -rf "$$v"; echo "removed $$v ($$p has no .venv linked to it)"; }; \
	done
	@echo "installing pinned dependencies into $(VENV) (first run takes about a minute)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# The partner packs refuse reconstructed data unless --demo is given (their regions would be
# invented; every page of a demo pack says so). On a real export --demo changes nothing.
PACKS_ARGS ?= --demo

report: $(STAMP)
	$(BIN)/python -m analysis render $(ARGS)
	$(BIN)/python -m analysis packs $(PACKS_ARGS)

# The presentation and its PDF handout alone (`make report` renders them with the book).
deck: $(STAMP)
	$(BIN)/python -m analysis render --to pptx $(ARGS)

# Live preview (built-in engine): http://127.0.0.1:8000/, re-rendered and reloaded on every
# save (ARGS="--port 8001", ARGS="--to html"). Ctrl-C stops it.
preview: $(STAMP)
	$(BIN)/python -m analysis preview $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check analysis tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py $(ARGS)

# One-line source mutations of analysis/report, compute and fmt, each in a temporary copy,
# against the fast unit tiers: prints caught / missed and the score (a few minutes).
mutate: $(STAMP)
	$(BIN)/python bench/mutate.py $(ARGS)

# Prepare the next survey wave as data: make new-wave YEAR=2027 FROM=2025 (never overwrites).
new-wave: $(STAMP)
	@test -n "$(YEAR)" -a -n "$(FROM)" || { echo "usage: make new-wave YEAR=2027 FROM=2025"; exit 2; }
	$(BIN)/python -m analysis new-wave $(YEAR) --from $(FROM)

# Re-resolve the pins from requirements.in in a throw-away venv.
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements.in
	{ echo '# Generated from requirements.in by `make lock` (pip freeze in a fresh venv, Python 3.11). Do not edit by hand.'; \
	  .lockvenv/bin/pip freeze | grep -v -E '^(pip|setuptools)=='; } > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf _book .cache
