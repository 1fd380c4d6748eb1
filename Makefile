# Two commands do all set-up on a fresh machine: `make map` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= output

.PHONY: map test bench clean help

help:
	@echo "make map    create $(VENV), install geomap, build $(OUT)/map.html from seeds/"
	@echo "make test   install the test extras and run the whole suite"
	@echo "make bench  run the benchmarks in benchmarks/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[nlp]'
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[nlp,test]'
	@touch $@ $(VENV)/.installed

map: $(VENV)/.installed
	$(BIN)/geomap build seeds --out $(OUT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	nice $(BIN)/python benchmarks/run.py  # GEOMAP_BENCH_BIG=1 adds the 10,000-article story

clean:
	rm -rf $(VENV) $(OUT)/*.html $(OUT)/*.geojson $(OUT)/*.csv $(OUT)/*.png .cache
