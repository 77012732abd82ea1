# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test bench lighthouse guide-screens lint venv clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Cổng thông tin: http://127.0.0.1:$(PORT)/  –  quản trị: http://127.0.0.1:$(PORT)/admin/"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The server under load, then Lighthouse on the same demo pages.
bench: venv
	$(BIN)/python bench/run.py
	$(BIN)/python bench/lighthouse.py

# Lighthouse (mobile) on the home, article, campaign, report, search and poll pages.
lighthouse: venv
	$(BIN)/python bench/lighthouse.py

# The screenshots of the staff guide (templates/admin/guide.html), taken again from
# the real screens in Debian's chromium into static/guide/: the browser test of a
# clerk's week, which walks those screens, crops them there.
guide-screens: venv
	GUIDE_SCREENS=static/guide REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q \
	  portal/tests/test_week_browser.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
