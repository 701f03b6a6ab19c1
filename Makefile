# brokerdesk: `make run` sets everything up and serves the portal; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := brokerdesk.settings
# Development defaults; production sets DEBUG=0 and a real SECRET_KEY (see README).
export DEBUG ?= 1

.PHONY: run test test-production setup venv assets messages migrate lint format lock clean

run: setup
	$(PY) manage.py seed_demo
	@echo "brokerdesk on http://127.0.0.1:8000 (Ctrl-C stops the server and the worker)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py db_worker --no-reload & \
	  $(PY) manage.py runserver 127.0.0.1:8000; \
	  wait

test: venv assets messages
	$(PY) -m pytest $(PYTEST_ARGS)

# Deploys the app as the README says and tests it there: PostgreSQL (DATABASE_URL), nginx.
test-production: venv assets messages
	$(PY) -m pytest -n0 -m production tests/production $(PYTEST_ARGS)

setup: venv assets messages migrate

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Bootstrap comes from npm (package-lock.json) and is copied into static/; never a CDN.
# The source maps come along: the files name them, and collectstatic's manifest requires
# every file a static file refers to. axe-core (a devDependency) stays in node_modules: the
# browser tests read it there (tests/browser/test_accessibility.py).
BOOTSTRAP := node_modules/bootstrap/dist
assets: static/vendor/.installed
static/vendor/.installed: package-lock.json Makefile
	npm ci --no-audit --no-fund --ignore-scripts --silent
	mkdir -p static/vendor
	cp $(BOOTSTRAP)/css/bootstrap.min.css $(BOOTSTRAP)/css/bootstrap.min.css.map \
	   $(BOOTSTRAP)/js/bootstrap.bundle.min.js $(BOOTSTRAP)/js/bootstrap.bundle.min.js.map static/vendor/
	touch $@

messages: venv
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: venv
	$(PY) manage.py migrate --noinput -v 0

# Re-extract the French source strings into locale/{nl,en} after changing templates or code.
makemessages: venv
	$(PY) manage.py makemessages -l nl -l en --ignore=.venv --ignore=node_modules --ignore=test-artifacts --no-obsolete --no-location

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v 0

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the pinned versions after editing requirements.txt.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.txt
	.lock-venv/bin/pip freeze --exclude-editable > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules static/vendor var
