"""scrub_text against notes written to slip through (fixtures/hostile_notes.csv: each
note with the PII planted in it) and on the seed data's order notes: what is
left of each kind (names, dates, phone and other long numbers, e-mails),
looked for in Python on the scrubbed text in its NFKC form, independently of
the SQL. `pytest tests_py/test_scrub_text.py -s` prints the counts."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from fashion_retail.privacy import compatibility_forms

from conftest import PROJECT

DBT = str(PROJECT / ".venv" / "bin" / "dbt") if (PROJECT / ".venv" / "bin" / "dbt").exists() \
    else "dbt"
CORPUS = Path(__file__).parent / "fixtures" / "hostile_notes.csv"
SEEDS = PROJECT / "seeds"
KINDS = ("name", "date", "phone", "email")
LETTER = r"[^\W\d_]"
WORD = re.compile(rf"{LETTER}+(?:'{LETTER}+)*")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# what a reader would take for a date, a long number or an e-mail address
DATE_SHAPES = re.compile(
    rf"\d{{1,4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,4}}|\b(?:19|20)\d{{6}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b|\b{MONTH}\.?\s+\d{{1,4}}", re.I)
LONG_NUMBER = re.compile(r"\d(?:[\s().\-/]*\d){6,}")
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


def unescape(text: str) -> str:
    """The corpus writes invisible and exotic characters as \\u{hex}."""
    return re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda match: chr(int(match[1], 16)), text)


def plain(text: str) -> str:
    """The text as a reader sees it: NFKC, no format characters, plain apostrophes."""
    text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def planted_left(scrubbed: str, kind: str, value: str) -> bool:
    """Whether planted PII is still in the scrubbed text."""
    text = plain(scrubbed).lower()
    value = plain(value).lower()
    if kind == "name":
        return re.search(rf"(?<!{LETTER}){re.escape(value)}(?:'s|s|es)?(?!{LETTER})",
                         text) is not None
    if kind == "email":
        return value.split("@")[0] in text or value in text
    if kind == "date":
        numbers = {int(n) for n in re.findall(r"\d+", value)}
        return bool(numbers & {int(n) for n in re.findall(r"\d+", text)})
    if kind == "phone":
        return any(len(run) >= 3 and run in value for run in re.findall(r"\d+", digits(text)))
    raise ValueError(kind)


def corpus() -> list[tuple[str, list[tuple[str, str]]]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return [(unescape(row["note"]),
                 [tuple(unescape(item).split(":", 1)) for item in row["planted"].split("|")
                  if item])
                for row in csv.DictReader(handle)]


def people_names() -> set[str]:
    """The words of the names of everyone in the seed data."""
    columns = {"customers": ["first_name", "last_name"], "employees": ["first_name", "last_name"],
               "sellers": ["contact_first_name", "contact_last_name"]}
    names = set()
    for table, fields in columns.items():
        with (SEEDS / "raw" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for field in fields:
                    names.update(w.lower() for w in WORD.findall(plain(row[field] or ""))
                                 if len(w) >= 2)
    return names


def common_words() -> set[str]:
    with (SEEDS / "reference" / "common_words.csv").open(encoding="utf-8") as handle:
        return {row["word"] for row in csv.DictReader(handle)}


def seed_leftovers(scrubbed: str, names: set[str], common: set[str]) -> Counter:
    """What a reader finds in a scrubbed seed note: names of people in the data
    (their possessives and plurals too; a name that is also a common word only
    when capitalized inside a sentence), date shapes, long numbers, e-mails."""
    text = plain(scrubbed)
    found = Counter()
    for match in WORD.finditer(text):
        word = match[0].lower()
        stem = word[:-2] if word.endswith("'s") else word
        candidates = {stem, stem[:-1] if stem.endswith("s") else stem,
                      stem[:-2] if stem.endswith("es") else stem}
        hits = candidates & names
        if not hits:
            continue
        starts_sentence = re.search(r"(^|[.!?:;]\s*)$", text[:match.start()]) is not None
        if hits <= common and (starts_sentence or not match[0][0].isupper()):
            continue
        found["name"] += 1
    found["date"] += len(DATE_SHAPES.findall(text))
    found["phone"] += len(LONG_NUMBER.findall(re.sub(r"\[[A-Z]+\]", " ", text)))
    found["email"] += len(EMAIL.findall(text))
    return found


def test_the_compatibility_forms_macro_is_generated_and_current():
    assert compatibility_forms.main(["--check", "--project-dir", str(PROJECT)]) == 0


def test_the_compatibility_forms_are_what_nfkc_says():
    pairs = dict(compatibility_forms.mapping())
    # full width, mathematical bold and script, circled, no-break space, superscript
    for written, plain_form in [("\uff2b", "K"), ("\uff52", "r"), ("\uff15", "5"),
                                ("\uff20", "@"), ("\U0001d40a", "K"), ("\U0001d4dc", "M"),
                                ("\u24da", "k"), ("\u00a0", " "), ("\u00b2", "2")]:
        assert pairs[written] == plain_form
    assert all(unicodedata.normalize("NFKC", written) == plain_form
               for written, plain_form in pairs.items())
    assert not set(pairs.values()) & {"'", '"', "\\", "`"}
    assert len(pairs) > 1500


@pytest.fixture(scope="module")
def scrubbed(tmp_path_factory) -> dict[str, list[tuple[str, str]]]:
    """(note, scrubbed note) for the corpus and the seed notes: the names
    relation built from the seeds, then scrub_text over both in one query."""
    folder = tmp_path_factory.mktemp("scrub")
    environment = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT),
                   "FASHION_RETAIL_DUCKDB": str(folder / "scrub.duckdb")}
    common = ["--target-path", str(folder / "target"), "--log-path", str(folder / "logs")]
    built = subprocess.run(
        [DBT, "build", "--select", "+int_privacy__known_names", "--exclude", "test_type:data",
         "test_type:unit", *common], cwd=PROJECT, env=environment, capture_output=True,
        text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:]
    with (SEEDS / "raw" / "orders.csv").open(encoding="utf-8", newline="") as handle:
        seed_notes = [row["notes"] for row in csv.DictReader(handle) if row["notes"]]
    notes = [("corpus", note) for note, _ in corpus()] + [("seed", note) for note in seed_notes]
    with duckdb.connect(str(folder / "scrub.duckdb")) as con:
        con.execute("create or replace table main.scrub_notes (note_id integer, "
                    "part varchar, note varchar)")
        con.executemany("insert into main.scrub_notes values (?, ?, ?)",
                        [(i, part, note) for i, (part, note) in enumerate(notes)])
    shown = subprocess.run(
        [DBT, "show", "--output", "json", "--limit", "-1", "--inline",
         "select note_id, {{ scrub_text('note') }} as scrubbed from main.scrub_notes", *common],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=600)
    assert shown.returncode == 0, shown.stdout[-3000:]
    rows = json.loads(shown.stdout[shown.stdout.index('{\n  "show"'):])["show"]
    result = {row["note_id"]: row["scrubbed"] for row in rows}
    out: dict[str, list[tuple[str, str]]] = {"corpus": [], "seed": []}
    for i, (part, note) in enumerate(notes):
        out[part].append((note, result[i]))
    return out


def test_hostile_notes_leave_nothing(scrubbed):
    planted = Counter()
    left = Counter()
    leaks = []
    benign_changed = []
    for (note, items), (_, after) in zip(corpus(), scrubbed["corpus"], strict=True):
        if not items and after != note:
            benign_changed.append((note, after))
        for kind, value in items:
            planted[kind] += 1
            if planted_left(after, kind, value):
                left[kind] += 1
                leaks.append((kind, value, after))
    print("\nhostile corpus: planted / left, by kind")
    for kind in KINDS:
        print(f"  {kind:6} {planted[kind]:4} {left[kind]:4}")
    print(f"  benign notes changed: {len(benign_changed)}: {benign_changed}")
    assert planted == Counter(name=30, date=12, phone=9, email=4)
    assert leaks == []


def test_seed_notes_leave_nothing(scrubbed):
    names, common = people_names(), common_words()
    before, after = Counter(), Counter()
    leaks = []
    for note, result in scrubbed["seed"]:
        before += seed_leftovers(note, names, common)
        found = seed_leftovers(result, names, common)
        after += found
        if sum(found.values()):
            leaks.append((note, result))
    print(f"\nseed order notes ({len(scrubbed['seed'])}): PII found before / after scrub_text")
    for kind in KINDS:
        print(f"  {kind:6} {before[kind]:5} {after[kind]:5}")
    assert before["name"] > 1000 and before["phone"] > 100 and before["email"] > 100
    assert leaks == []
