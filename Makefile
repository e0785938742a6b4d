# The two commands: `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VENDOR := ledelsesfora/static/vendor

.PHONY: run test install static messages lint unit dates postgres browser lock bench bench-scale clean

run: install
	mkdir -p var
	$(BIN)/ledelsesfora migrate --no-input
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/ledelsesfora demo
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} DEBUG=$${DEBUG:-true} \
		$(BIN)/ledelsesfora runserver 127.0.0.1:$(PORT)

# Lint, the whole suite on SQLite, again with the machine's clock on two other dates, on
# PostgreSQL, then the browser tests in chromium. The three suites run side by side (each in its
# own processes and databases; make prints each one's output whole when it ends).
test: install lint
	@$(MAKE) --no-print-directory -j3 --output-sync=target unit dates postgres
	@$(MAKE) --no-print-directory browser

# Each suite keeps its temporary files in its own folder: suites side by side must not tidy away
# each other's (pytest's default folder is shared and pruned by whichever run starts last).
TMP := var/tmp

unit: install
	@mkdir -p $(TMP)
	$(BIN)/pytest -p no:cacheprovider --basetemp=$(TMP)/unit -m "not browser and not postgres"

# The suite runs on its own frozen day (conftest.py); these runs prove that the machine's date
# does not matter: one just after a New Year, one years ahead in summer time, late in the day.
# With CI=true a missing faketime (Debian package 'faketime') fails the build.
DATES := "2027-01-04 07:30:00" "2033-07-15 23:30:00"
dates: install
	@mkdir -p $(TMP)
	@if command -v faketime >/dev/null; then \
		for date in $(DATES); do \
			echo "The suite with the machine's clock at $$date"; \
			faketime "$$date" $(BIN)/pytest -p no:cacheprovider --basetemp=$(TMP)/dates \
				-m "not browser and not postgres" -x || exit 1; \
		done; \
	elif [ "$$CI" = "true" ]; then \
		echo "faketime is missing (Debian package 'faketime'; .ci/run installs it)"; exit 1; \
	else \
		echo "faketime is not installed here: no runs on other dates (CI=true makes them compulsory)."; \
	fi

# With CI=true the PostgreSQL run always happens, so a missing server fails the build.
postgres: install
	@mkdir -p $(TMP)
	@if [ "$$CI" = "true" ] || pg_isready -q 2>/dev/null; then \
		DB=postgres $(BIN)/pytest -p no:cacheprovider --basetemp=$(TMP)/postgres -m "not browser"; \
	else \
		echo "PostgreSQL is not running here: no PostgreSQL run (CI=true makes it compulsory)."; \
	fi

browser: install
	@mkdir -p $(TMP)
	$(BIN)/pytest -p no:cacheprovider --basetemp=$(TMP)/browser -m browser

# The venv is rebuilt when the lock file changes; its stamp records the lock it was built from.
install: $(VENV)/.installed static messages

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Front-end packages come from package-lock.json and are copied into static files; never committed.
static: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/dkfds $(VENDOR)/htmx $(VENDOR)/sortablejs
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img node_modules/dkfds/dist/js $(VENDOR)/dkfds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/sortablejs/Sortable.min.js $(VENDOR)/sortablejs/
	touch $@

messages: $(VENV)/.installed
	cd ledelsesfora && ../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-pin every Python dependency after editing pyproject.toml.
lock:
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --generate-hashes --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# Benchmarks on demand, through gunicorn and wrk; results go in docs/benchmarks.md.
bench: install
	$(BIN)/python bench/run.py

# Server times on the scale set (98 municipalities × 10 years), made first when missing.
bench-scale: install
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var .pytest_cache .ruff_cache
