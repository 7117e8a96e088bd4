# fashion_retail: two commands for a newcomer.
#   make build   venv + pinned dependencies, raw data, dbt build, docs site
#   make test    lint (ruff, sqlfluff), dbt build with every dbt test, pytest, and
#                the SQL layers on Spark against DuckDB where Java is installed
# Bigger data: make build SCALE=1   (generates parquet, loads it into `raw`)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# default-scale data is the committed seeds; SCALE=<n> generates instead
SCALE ?=
SEED ?= 42
SEED_SCALE := 0.05
# the full-build scales `make bench` measures
BENCH_SCALES ?= 0.1 1
DATA_DIR := data/scale-$(SCALE)

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False

DBT := $(BIN)/dbt
# the project's own command (src/fashion_retail, installed into the venv)
FR := $(BIN)/fashion-retail
GEN := $(FR) generate

# the raw layer comes from generated files, not the seeds
FILES_VARS := --vars '{raw_from_files: true}'
ifeq ($(strip $(SCALE)),)
RAW_VARS :=
else
RAW_VARS := $(FILES_VARS)
endif
# an onboarded source instead (docs/onboard.md): make build SOURCE=NAME builds the
# whole project from it; the generator's ledgers are not there to score against
SOURCE ?=
ifneq ($(strip $(SOURCE)),)
RAW_VARS := --vars '{raw_from_files: true, defect_ledger_available: false, \
	source: $(SOURCE), source_name: $(SOURCE)}'
# the source's own models and tests are built by `raw`, before the rest
BUILD_EXCLUDE := --exclude path:models/sources/$(SOURCE)
endif

.PHONY: help venv build raw docs docs-serve test lint dbt-test docs-check pytest seeds yaml attack \
        report bench bench-generate bench-anonymize bench-synthesize clean venv-spark build-spark \
        test-spark spark-if-java

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-test.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-test.txt \
		-c constraints.txt
	@# the project's package, editable: `fashion-retail`, the dbt plugin and the
	@# Python models' imports, with no PYTHONPATH (its dependencies are pinned above)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

venv: $(BIN)/.installed ## create the virtualenv with the pinned dependencies

raw: venv ## load the raw layer (seeds, generated data with SCALE=n, or SOURCE=NAME)
ifneq ($(strip $(SOURCE)),)
	@# the source's tables as text, then its staging and adapters, which fill
	@# the raw schema (before the raw source's own tests read it)
	$(FR) onboard --load --source $(SOURCE) --warehouse $(WAREHOUSE_DB)
	$(DBT) build --select path:models/sources/$(SOURCE) --indirect-selection cautious \
		$(RAW_VARS)
else ifeq ($(strip $(SCALE)),)
	@# --full-refresh: a raw table left by an older version (a column since
	@# added) is recreated, not loaded into
	$(DBT) seed --quiet --full-refresh
else
	$(GEN) --scale $(SCALE) --seed $(SEED) --format parquet --out $(DATA_DIR)
	$(DBT) run-operation load_raw_files --args '{path: $(DATA_DIR), format: parquet}'
endif

# the privacy database, as the profile names it
WAREHOUSE_DB := $(or $(FASHION_RETAIL_DUCKDB),fashion_retail.duckdb)
PRIVACY_DB := $(or $(FASHION_RETAIL_PRIVACY_DUCKDB),$(WAREHOUSE_DB:.duckdb=)_privacy.duckdb)
PRIVACY_BUILDING := $(PRIVACY_DB:.duckdb=).building.duckdb

# The privacy database is built under another name and replaces the published
# one (one rename, after its write-ahead log is checkpointed into it) only when
# the whole dbt build, its leak tests included, has passed: a failed build
# leaves the last published file whole, never half one build, half another.
build: raw ## everything: raw data, dbt build (models and tests), docs site, report
	rm -f $(PRIVACY_BUILDING) $(PRIVACY_BUILDING).wal
	FASHION_RETAIL_PRIVACY_DUCKDB=$(PRIVACY_BUILDING) $(DBT) build $(RAW_VARS) $(BUILD_EXCLUDE) || { \
		echo "dbt build failed: the privacy database $(PRIVACY_DB) was left as it was" \
		     "(this build's is $(PRIVACY_BUILDING))"; exit 1; }
	$(BIN)/python -c "import duckdb, sys; duckdb.connect(sys.argv[1]).execute('checkpoint')" \
		$(PRIVACY_BUILDING)
	rm -f $(PRIVACY_DB).wal
	mv -f $(PRIVACY_BUILDING) $(PRIVACY_DB)
	$(MAKE) --no-print-directory docs
	$(MAKE) --no-print-directory report
	@echo "warehouse: $(WAREHOUSE_DB)"
	@echo "privacy database (no PII, safe to hand out): $(PRIVACY_DB)"
	@echo "docs site: target/static_index.html (open it in a browser)"
	@echo "report: target/report/index.html (open it in a browser)"

docs: venv ## generate the docs site (target/static_index.html opens from disk)
	$(DBT) docs generate --static $(RAW_VARS)

report: venv ## the data-quality and monitoring report of the built warehouse: target/report/index.html
	$(FR) report --out target/report

attack: venv ## the attack suite on the built privacy database: bench/results/attacks.md
	$(FR) attack $(WAREHOUSE_DB) --privacy $(PRIVACY_DB) \
		--out bench/results/attacks.md

docs-serve: docs ## serve the docs site on http://localhost:8080
	$(DBT) docs serve --port 8080

test: lint dbt-test docs-check pytest spark-if-java ## every check: lint, dbt build, docs coverage, pytest, Spark

spark-if-java: ## the Spark checks (make test-spark) where Java is installed
	@if command -v java > /dev/null; then $(MAKE) --no-print-directory test-spark; \
	else echo "no Java on this machine: the Spark checks (make test-spark) are skipped"; fi

lint: venv ## ruff on the Python, sqlfluff (dbt templater, duckdb) on the SQL
	$(BIN)/ruff check src tests_py tests_spark models
	$(BIN)/python -m fashion_retail.sql_lint lint --processes 2 models tests analyses

# dbt tests run on their own database file, so `make test` never replaces a
# warehouse built at another scale
dbt-test: venv ## dbt build on the committed seeds, every dbt test
	FASHION_RETAIL_DUCKDB=target/test.duckdb $(DBT) build

docs-check: venv ## fail when any model or column lacks a description
	FASHION_RETAIL_DUCKDB=target/test.duckdb $(DBT) docs generate --quiet \
		--target-path target/docs-check
	$(BIN)/python -m fashion_retail.docs_coverage target/docs-check

pytest: venv ## the Python test suite
	$(BIN)/pytest

seeds: venv ## regenerate the committed seeds and the raw-layer YAML
	rm -f seeds/raw/*.csv
	$(GEN) --scale $(SEED_SCALE) --seed $(SEED) --format csv --out seeds/raw
	$(BIN)/python -m fashion_retail.gen.dbt_yaml

yaml: venv ## render what schema.py declares (raw YAML, raw_tables(), defect_classes) and the privacy YAML
	$(BIN)/python -m fashion_retail.gen.dbt_yaml
	$(BIN)/python -m fashion_retail.privacy.privacy_yaml

bench: venv ## every benchmark against its baseline in one run: bench/results/summary.md (BENCH_SCALES="0.1 1 10")
	$(FR) bench --scales "$(BENCH_SCALES)"

bench-generate: venv ## generator benchmark at scale 1 against row-by-row Faker
	$(FR) bench generate $(if $(SCALE),--scale $(SCALE),)

bench-anonymize: venv ## anonymization macros in DuckDB against pandas apply, scale 1
	$(FR) bench anonymize $(if $(SCALE),--scale $(SCALE),)

bench-synthesize: venv ## synthetic twins: speed and quality against independent marginals, scale 1
	$(FR) bench synthesize $(if $(SCALE),--scale $(SCALE),)

# ---- the discovery benchmark's rivals (ydata-profiling needs pandas < 3; the
# project pins pandas 3), in their own virtualenv; run as a script, the project
# is not installed there
BENCH_VENV ?= .venv-bench
BENCH_BIN := $(BENCH_VENV)/bin
.PHONY: venv-bench bench-discover

$(BENCH_BIN)/.installed: requirements-bench.txt constraints-bench.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_BIN)/python -m pip install --quiet --upgrade pip
	$(BENCH_BIN)/python -m pip install --quiet -r requirements-bench.txt -c constraints-bench.txt
	touch $@

venv-bench: $(BENCH_BIN)/.installed ## the bench virtualenv: ydata-profiling, Presidio (bench-discover's rivals)

bench-discover: venv venv-bench ## discover on 1M rows x 30 columns against ydata-profiling and Presidio: bench/results/discover.md
	$(FR) bench discover --bench-python $(BENCH_BIN)/python

# the schema matchers bench-onboard compares with, in their own virtualenv:
# Valentine needs python-dateutil < 3, which the bench virtualenv does not allow
VALENTINE_VENV ?= .venv-valentine
VALENTINE_BIN := $(VALENTINE_VENV)/bin
.PHONY: venv-valentine bench-onboard

$(VALENTINE_BIN)/.installed: requirements-valentine.txt constraints-valentine.txt
	$(PYTHON) -m venv $(VALENTINE_VENV)
	$(VALENTINE_BIN)/python -m pip install --quiet --upgrade pip
	$(VALENTINE_BIN)/python -m pip install --quiet -r requirements-valentine.txt \
		-c constraints-valentine.txt
	touch $@

venv-valentine: $(VALENTINE_BIN)/.installed ## the bench virtualenv of Valentine's schema matchers (bench-onboard's rivals)

bench-onboard: venv venv-valentine ## onboard's alignment against Valentine's matchers on the dialects: bench/results/onboard.md
	$(FR) bench onboard --valentine-python $(VALENTINE_BIN)/python

# ---- Spark: the SQL layers on a local Spark session, in their own virtualenv
SPARK_VENV ?= .venv-spark
SPARK_BIN := $(SPARK_VENV)/bin
SPARK_DIR := $(CURDIR)/target/spark
SPARK_DATA := $(CURDIR)/data/spark-$(SEED_SCALE)
SPARK_DBT := FASHION_RETAIL_SPARK_DIR=$(SPARK_DIR) $(SPARK_BIN)/dbt
SPARK_VARS := --target spark --target-path target/spark/dbt $(FILES_VARS)

$(SPARK_BIN)/.installed: requirements-spark.txt constraints-spark.txt pyproject.toml
	@command -v java > /dev/null || { echo "error: Spark needs Java 17 on the PATH"; exit 1; }
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_BIN)/python -m pip install --quiet --upgrade pip
	$(SPARK_BIN)/python -m pip install --quiet -r requirements-spark.txt -c constraints-spark.txt
	@# the package for its key store and engine figures (no generator dependencies)
	$(SPARK_BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

venv-spark: $(SPARK_BIN)/.installed ## the Spark virtualenv (dbt-spark, pyspark; needs Java 17)

# every SQL layer, its unit tests and its singular tests. Left out: the Python
# models (synthetic; disabled on Spark, dbt-spark runs them only on Databricks)
# and one unit test, test_canonicalize, whose inline fixture (UNION ALL of
# literal rows) trips an internal error of Spark's optimizer under a
# correlated subquery (subquery decorrelation); canonicalize itself runs in the
# staging models, whose figures are compared
SPARK_SELECT := path:models/staging path:models/intermediate path:models/marts \
                path:models/privacy path:models/monitoring path:models/testing \
                path:tests/privacy path:tests/monitoring
SPARK_EXCLUDE := test_canonicalize
SPARK_NODES := --select $(SPARK_SELECT) --exclude $(SPARK_EXCLUDE) --indirect-selection cautious
# the same layers on DuckDB from the same parquet, to compare the engines
SPARK_DUCKDB := $(SPARK_DIR)/duckdb.duckdb
SPARK_DUCKDB_DBT := FASHION_RETAIL_DUCKDB=$(SPARK_DUCKDB) $(DBT)
SPARK_DUCKDB_VARS := --target-path target/spark/duckdb-dbt $(FILES_VARS)

# the PII key the DuckDB plugin resolves (PII_SALT, or the user's key file,
# created on first use), exported to both engines' runs so they hash alike;
# Spark reads it as ${env:PII_SALT}. Never on a command line make prints, never
# in a file (make test-spark scans target/ and logs/ for it)
RESOLVE_PII_KEY := PII_SALT="$$($(BIN)/python -m fashion_retail.privacy.key_store --print-key)" \
	|| exit 1; export PII_SALT

# one engine's load of the seed-scale parquet, seeds and build of SPARK_NODES
# with dbt $(1) and its arguments $(2), timed into $(SPARK_DIR)/$(3)
define timed_layers
	@$(RESOLVE_PII_KEY); \
	start=$$(date +%s); \
	$(1) run-operation load_raw_files $(2) --args '{path: "$(SPARK_DATA)"}' && \
	$(1) seed $(2) && \
	$(1) build $(2) $(SPARK_NODES) && \
	echo "$$(( $$(date +%s) - start ))" > $(SPARK_DIR)/$(3)
endef

build-spark: venv venv-spark ## the SQL layers on Spark at the seed scale (raw data as parquet)
	rm -rf $(SPARK_DIR) && mkdir -p $(SPARK_DIR)
	$(GEN) --scale $(SEED_SCALE) --seed $(SEED) --format parquet --out $(SPARK_DATA) --quiet --no-progress
	$(call timed_layers,$(SPARK_DBT),$(SPARK_VARS),build-seconds)

test-spark: build-spark ## the same layers on DuckDB from the same parquet; the engines' figures must agree
	$(call timed_layers,$(SPARK_DUCKDB_DBT),$(SPARK_DUCKDB_VARS),duckdb-seconds)
	$(BIN)/python -m fashion_retail.engine_figures duckdb $(SPARK_DUCKDB) $(SPARK_DIR)/figures-duckdb.json
	$(SPARK_BIN)/python -m fashion_retail.engine_figures spark $(SPARK_DIR) $(SPARK_DIR)/figures-spark.json
	$(BIN)/python -m fashion_retail.engine_figures compare $(SPARK_DIR)/figures-duckdb.json $(SPARK_DIR)/figures-spark.json
	@# the PII key on Spark: used (Python's HMAC) and written nowhere
	$(SPARK_BIN)/pytest tests_spark -p no:cacheprovider
	@echo "seed scale, same layers, load + seeds + build with tests: Spark $$(cat $(SPARK_DIR)/build-seconds) s, DuckDB $$(cat $(SPARK_DIR)/duckdb-seconds) s"

clean: ## remove build output (not the venv, not the warehouse)
	rm -rf target logs data
