"""Attacks on the privacy database, scored against the warehouse.

The threat model (README, "The privacy guarantee"): whoever holds the privacy
database may also know real facts about a person (their phone number, a
receipt, their e-mail address, when they signed up) and must not single out
fewer than k people or learn more about someone they know. Each attack below
plays such an attacker on a built privacy database and scores what it got with
the warehouse, which knows the truth:

- ``phone recovery``: the attacker knows every real phone number. It tries the
  development key earlier versions published, with the record key read from the
  pseudonym; and, key or no key, the bounded offset a noise adds (a released
  number a few tens of thousands above a known one). A person counts when the
  attack finds their real number among fewer than k candidates, the offset's
  only when it leaves such short lists more often than chance (than a window
  of the same width above the released number, which no noise fills).
- ``pseudonym to id``: the digits of a pseudonym read as the id, and the
  pseudonyms' order laid against the ids' order.
- ``receipt linkage``: the attacker holds one receipt of every order (store,
  day, amount; store and time when a timestamp is released), finds the order
  in the released facts and follows its reference to people; the receipt
  counts when that reference covers fewer than k people.
- ``version linkage``: every released column of a person table that is not a
  keyed token or a declared sensitive value is a quasi-identifier; a person's
  profile is the set of their rows (several when versions are released, with
  their validity windows). A person counts when fewer than k people share it.
- ``e-mail pattern``: the attacker computes, from a known address, the value
  the privacy layer releases for it; a person counts when fewer than k people
  share it.
- ``free text``: released free text that still holds a known name (also in a
  possessive, or with a soft hyphen or full-width letters), a run of seven or
  more digits, a date, or an e-mail address.

Which tables describe people, and how each column is released, is read from
the marts' YAML (``meta.pii``, ``meta.privacy``), so a new person table is
attacked without changing this file.

    fashion-retail attack WAREHOUSE.duckdb [--privacy FILE] [--k K]
        [--out FILE.md]

prints one line per attack and table (and, with --out, writes them as a
Markdown table), and exits 1 when any attack singles out someone (the same
check `tests_py/test_privacy_attacks.py` makes). `make attack` runs it on
the warehouse `make build` built.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import yaml

from fashion_retail.arguments import OneLineParser
from fashion_retail.privacy import privacy_yaml

# the development key that versions before the secure-by-default key published
# in their source and README: an attacker tries it first
PUBLISHED_DEVELOPMENT_KEY = b"fashion-retail-development-key-not-secret"
PHONE_OPERATIONS = {"substitute_phone", "add_phone_noise"}
EMAIL_OPERATIONS = {"redact_email", "email_domain"}
# released values that identify nobody outside the database: keyed tokens
TOKEN_OPERATIONS = {"pseudonymize", "hash", "substitute_phone", "add_phone_noise"}
NOISE_LOW, NOISE_HIGH = 10_000, 99_999
TEN_DIGITS = 10**10


@dataclass
class Finding:
    """What one attack did to one table."""

    attack: str
    table: str
    targets: int
    singled_out: int
    detail: str = ""

    def line(self) -> str:
        share = f"{self.singled_out / self.targets:.1%}" if self.targets else "-"
        return (f"{self.attack:<18} {self.table:<16} {self.singled_out:>8,} of "
                f"{self.targets:>8,} singled out ({share})  {self.detail}")


@dataclass
class PersonTable:
    """A mart that describes people, as the privacy layer releases it."""

    mart: str
    subject: str
    prefix: str
    pseudonym: str                   # the released name of the subject's pseudonym
    columns: dict[str, dict]         # released name -> the column's rule
    sensitive: set[str]
    k_anonymous: bool                # whether its people are released k-anonymous


def person_tables() -> list[PersonTable]:
    """Every mart with a meta.privacy.subject whose subject is pseudonymized."""
    found = []
    for mart in privacy_yaml._load_marts().values():
        policy = ((mart.get("config") or {}).get("meta") or {}).get("privacy") or {}
        subject = policy.get("subject")
        if not subject:
            continue
        columns, pseudonym, prefix = {}, None, "User"
        by_source = {}
        for column in mart["columns"]:
            rule = privacy_yaml._rule(column)
            released = privacy_yaml.output_name(column)
            by_source[column["name"]] = released
            if released is None:
                continue
            columns[released] = rule
            if rule["operation"] == "pseudonymize" and rule.get("key", column["name"]) == subject:
                pseudonym, prefix = released, rule.get("prefix", "User")
        if pseudonym is None:
            continue
        sensitive = {by_source[name] for name in
                     (policy.get("k_anonymity") or {}).get("sensitive", [])}
        found.append(PersonTable(mart["name"], subject, prefix, pseudonym, columns, sensitive,
                                 bool(policy.get("k_anonymity"))))
    return found


def pseudonym_of(key: bytes, prefix: str, subject_id) -> str:
    """The pseudonym pseudonymize gives an id, computed with Python's HMAC: the
    keyed HMAC-SHA256 of the normalized 'pseudonym|<prefix>|<id>' (hash_pii
    trims and lower-cases), 16 hex characters."""
    message = f"pseudonym|{prefix}|{subject_id}".strip().lower().encode()
    return f"{prefix}_{hmac.new(key, message, hashlib.sha256).hexdigest()[:16]}"


def published_noise(record_key: str) -> int:
    """add_phone_noise's offset under the published development key: 10,000
    plus the top 48 bits of MD5(secret | key) modulo 90,000."""
    secret = hmac.new(PUBLISHED_DEVELOPMENT_KEY, b"fashion_retail/phone-noise",
                      hashlib.sha256).hexdigest()[:32]
    digest = hashlib.md5(f"{secret}|{record_key}".encode()).digest()
    return NOISE_LOW + ((int.from_bytes(digest, "little") >> 80) & (2**48 - 1)) % 90_000


class AttackError(RuntimeError):
    """The attacks cannot be scored (a wrong key, a missing key)."""


class Attacker:
    """The warehouse (the truth) and the privacy database, read-only."""

    def __init__(self, warehouse: Path, privacy: Path, k: int, key: bytes,
                 pseudonyms: dict[str, dict[str, object]] | None = None):
        """`key`: the PII key the build used, to score the attacks (the attacks
        themselves never use it); `pseudonyms`: per mart, pseudonym -> id, for
        a release whose pseudonyms are not the keyed hash of the ids."""
        self.k = k
        self.key = key
        self.pseudonyms = pseudonyms or {}
        self.con = duckdb.connect(str(warehouse), read_only=True)
        self.con.execute(f"attach '{_quoted(privacy)}' as privacy (read_only)")
        self.tables = [table for table in person_tables()
                       if self._exists("privacy", table.mart)]

    def close(self) -> None:
        self.con.close()

    def _exists(self, catalog: str, table: str) -> bool:
        return bool(self.con.execute(
            "select count(*) from information_schema.tables where table_catalog = ? "
            "and table_name = ?", [catalog, table]).fetchone()[0])

    def _released_columns(self, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(
            "select column_name from information_schema.columns where table_catalog = "
            "'privacy' and table_name = ? order by ordinal_position", [table]).fetchall()]

    def truth(self, table: PersonTable) -> dict[str, object]:
        """pseudonym -> the person's real id: as given, else the keyed hash of
        every id. Refuses to score a release none of whose pseudonyms it knows
        (a release built with another key would otherwise score 0 of 0)."""
        if table.mart in self.pseudonyms:
            return self.pseudonyms[table.mart]
        ids = [r[0] for r in self.con.sql(
            f"select distinct {table.subject} from main.{table.mart} "
            f"where {table.subject} <> -1").fetchall()]
        truth = {pseudonym_of(self.key, table.prefix, i): i for i in ids}
        released = [r[0] for r in self.con.sql(
            f"select distinct {table.pseudonym} from privacy.{table.mart} "
            f"where {table.pseudonym} is not null limit 1000").fetchall()]
        if released and not any(p in truth for p in released):
            raise AttackError(
                f"none of the pseudonyms of privacy.{table.mart} is the keyed hash of an id "
                f"of the warehouse: the release was built with another PII key or from "
                f"another warehouse (set PII_SALT to the key the build used)")
        return truth

    # -- phones ------------------------------------------------------------
    def phone_recovery(self) -> list[Finding]:
        findings = []
        for table in self.tables:
            phones = [name for name, rule in table.columns.items()
                      if rule["operation"] in PHONE_OPERATIONS]
            if not phones:
                continue
            truth = self.truth(table)
            real = defaultdict(set)   # id -> real numbers (every version)
            source = {name: self._source_column(table, name) for name in phones}
            for name in phones:
                for subject_id, number in self.con.sql(
                        f"select {table.subject}, {source[name]} from main.{table.mart} "
                        f"where {source[name]} is not null").fetchall():
                    real[subject_id].add(number)
            known = sorted({_digits(n) for numbers in real.values() for n in numbers})
            tails = np.array(sorted({int(d[-10:]) for d in known if len(d) >= 10}),
                             dtype=np.int64)
            targets = published = 0
            # per released number: recovered exactly; the bounded offset's
            # candidates hold the truth; the offset (and its mirror) leave
            # fewer than k candidates, a claim the attacker can make
            exact, offset_right, claims, mirror_claims = [], [], 0, 0
            for name in phones:
                rows = self.con.sql(
                    f"select {table.pseudonym}, {name} from privacy.{table.mart} "
                    f"where {name} is not null and {table.pseudonym} is not null").fetchall()
                for pseudonym, released in rows:
                    subject_id = truth.get(pseudonym)
                    if subject_id is None:
                        continue
                    mine = {_digits(n) for n in real[subject_id]}
                    targets += 1
                    digits = _digits(released)
                    hit = digits in mine
                    right = False
                    # the published key, with the record key read off the pseudonym
                    guess = re.search(r"_(\d+)$", pseudonym)
                    if guess and len(digits) >= 10:
                        tail = (int(digits[-10:]) - published_noise(guess.group(1))) % TEN_DIGITS
                        if f"{digits[:-10]}{tail:010d}" in mine:
                            published += 1
                            hit = True
                    # a bounded offset: the known numbers 10,000-99,999 below it
                    if len(digits) >= 10 and len(tails):
                        candidates = _offset_candidates(tails, int(digits[-10:]))
                        mirrored = _offset_candidates(tails, int(digits[-10:]), mirror=True)
                        claims += 0 < len(candidates) < self.k
                        mirror_claims += 0 < len(mirrored) < self.k
                        right = 0 < len(candidates) < self.k and any(
                            int(m[-10:]) in candidates for m in mine if len(m) >= 10)
                    exact.append(hit)
                    offset_right.append(right)
            # the offset singles people out only when it leaves a short list
            # beyond chance: more often than the mirror window, which no noise
            # fills; otherwise a right claim is a lucky one nobody can tell
            # from the wrong ones (random numbers land in a window by chance)
            related = claims - mirror_claims > 4 * (mirror_claims + 1) ** 0.5
            recovered = sum(e or (o and related) for e, o in zip(exact, offset_right, strict=True))
            offset = f"{sum(offset_right):,}" if related else (
                f"0 ({sum(offset_right):,} right of {claims:,} claims, at chance: "
                f"{mirror_claims:,} in the mirror window)")
            findings.append(Finding(
                "phone recovery", table.mart, targets, recovered,
                f"published key {published:,}, bounded offset {offset}"))
        return findings

    def _source_column(self, table: PersonTable, released: str) -> str:
        """The mart column a released column comes from."""
        for mart in privacy_yaml._load_marts().values():
            if mart["name"] != table.mart:
                continue
            for column in mart["columns"]:
                if privacy_yaml.output_name(column) == released:
                    return column["name"]
        raise KeyError(released)

    # -- pseudonyms ----------------------------------------------------------
    def pseudonym_to_id(self) -> list[Finding]:
        findings = []
        for table in self.tables:
            truth = self.truth(table)
            released = [r[0] for r in self.con.sql(
                f"select distinct {table.pseudonym} from privacy.{table.mart} "
                f"where {table.pseudonym} is not null").fetchall()]
            released = [p for p in released if p in truth]
            by_digits = sum(1 for p in released if (m := re.search(r"_(\d+)$", p))
                            and int(m.group(1)) == truth[p])
            # the pseudonyms' order laid against the ids' order: it maps people
            # only when the two orders agree beyond chance (Spearman's rho more
            # than four standard errors from 0); a random order still lines up
            # about one pseudonym with its id, and nobody can tell which
            ordered = sorted(released, key=_natural_key)
            ids = sorted(truth[p] for p in released)
            by_order = sum(1 for p, i in zip(ordered, ids, strict=True) if truth[p] == i)
            rho = _spearman([truth[p] for p in ordered])
            related = abs(rho) * max(len(released) - 1, 1) ** 0.5 > 4
            findings.append(Finding(
                "pseudonym to id", table.mart, len(released),
                max(by_digits, by_order if related else 0),
                f"digits {by_digits:,}, order {by_order:,} (rank correlation {rho:+.3f})"))
        return findings

    # -- receipts -------------------------------------------------------------
    def receipt_linkage(self) -> list[Finding]:
        columns = set(self._released_columns("fct_sales"))
        references = [c for c in ("customer_group_key", "customer_key", "customer_pseudonym")
                      if c in columns]
        if not references:
            return [Finding("receipt linkage", "fct_sales", 0, 0, "no reference to people")]
        reference = references[0]
        self.con.execute(f"""
            create or replace temp table receipt_people as
            select released.{reference} as reference, customers.customer_id
            from privacy.fct_sales as released
            inner join main.fct_sales as sales
                on released.order_line_id = sales.order_line_id
            inner join main.dim_customers as customers
                on sales.customer_key = customers.customer_key
            where customers.customer_id <> -1
            group by all
        """)
        self.con.execute("""
            create or replace temp table receipt_reference_people as
            select reference, count(distinct customer_id) as people
            from receipt_people group by reference
        """)
        findings = []
        keys = {"store, day, amount": ("order_date_key", "order_date_key")}
        if "ordered_at" in columns:
            keys["store, time"] = ("ordered_at", "ordered_at")
        for label, (released_time, real_time) in keys.items():
            amount = "sum(net_amount)" if label.endswith("amount") else "0"
            targets, singled = self.con.execute(f"""
                with receipts as (
                    select sales.order_id, stores.store_id, sales.{real_time} as at_time,
                        {amount} as amount, any_value(customers.customer_id) as customer_id
                    from main.fct_sales as sales
                    inner join main.dim_stores as stores using (store_key)
                    inner join main.dim_customers as customers using (customer_key)
                    group by sales.order_id, stores.store_id, sales.{real_time}
                ),
                released_orders as (
                    select released.order_id, stores.store_id,
                        released.{released_time} as at_time, {amount} as amount,
                        any_value(released.{reference}) as reference
                    from privacy.fct_sales as released
                    inner join privacy.dim_stores as stores using (store_key)
                    group by released.order_id, stores.store_id, released.{released_time}
                ),
                candidates as (
                    select receipts.order_id, receipt_people.customer_id
                    from receipts
                    inner join released_orders using (store_id, at_time, amount)
                    inner join receipt_people
                        on released_orders.reference = receipt_people.reference
                    where receipts.customer_id <> -1
                ),
                covered as (
                    select order_id, count(distinct customer_id) as people
                    from candidates group by order_id
                )
                select
                    (select count(*) from receipts where customer_id <> -1),
                    count(*) filter (where people < {self.k})
                from covered
            """).fetchone()
            findings.append(Finding(
                "receipt linkage", f"fct_sales ({label})", targets, singled,
                f"reference {reference}"))
        return findings

    # -- profiles and e-mails ------------------------------------------------------
    def version_linkage(self) -> list[Finding]:
        findings = []
        for table in self.tables:
            if not table.k_anonymous:
                # a business (a seller): its name is public; its contact person
                # is released as keyed tokens only, which the other attacks try
                continue
            released = self._released_columns(table.mart)
            quasi = [c for c in released if c != table.pseudonym
                     and c not in table.sensitive
                     and table.columns.get(c, {}).get("operation") not in TOKEN_OPERATIONS
                     and not c.endswith("_group_key")
                     and c not in ("is_privacy_suppressed",)]
            rows = self.con.sql(
                f"select {table.pseudonym}, "
                + ", ".join(f"cast({c} as varchar)" for c in quasi)
                + f" from privacy.{table.mart} where {table.pseudonym} is not null").fetchall()
            profiles = defaultdict(list)
            for row in rows:
                profiles[row[0]].append(tuple(row[1:]))
            shared = Counter(tuple(sorted(v, key=str)) for v in profiles.values())
            singled = sum(1 for v in profiles.values() if shared[tuple(sorted(v, key=str))]
                          < self.k)
            versions = max((len(v) for v in profiles.values()), default=0)
            findings.append(Finding(
                "version linkage", table.mart, len(profiles), singled,
                f"{len(quasi)} released attributes, up to {versions} rows a person"))
        return findings

    def email_pattern(self) -> list[Finding]:
        findings = []
        for table in self.tables:
            if not table.k_anonymous:
                continue
            emails = [name for name, rule in table.columns.items()
                      if rule["operation"] in EMAIL_OPERATIONS]
            for name in emails:
                rows = self.con.sql(
                    f"select {table.pseudonym}, any_value({name}) from privacy.{table.mart} "
                    f"where {table.pseudonym} is not null group by 1").fetchall()
                values = Counter(v for _, v in rows if v not in (None, "*"))
                singled = sum(1 for _, v in rows if v not in (None, "*") and values[v] < self.k)
                findings.append(Finding("e-mail pattern", table.mart, len(rows), singled,
                                        f"column {name}"))
        return findings

    # -- free text -------------------------------------------------------------
    def free_text(self) -> list[Finding]:
        names = set()
        for table in self.tables:
            for column in ("first_name", "last_name", "contact_first_name",
                           "contact_last_name"):
                if column in self._warehouse_columns(table.mart):
                    names |= {r[0] for r in self.con.sql(
                        f"select distinct lower({column}) from main.{table.mart} "
                        f"where length({column}) >= 3").fetchall()}
        names -= self._common_words()
        findings = []
        for table, column in self._free_text_columns():
            texts = [r[0] for r in self.con.sql(
                f"select distinct {column} from privacy.{table} "
                f"where {column} is not null").fetchall()]
            kinds = Counter()
            for text in texts:
                for kind in leftovers(text, names):
                    kinds[kind] += 1
            found = sum(kinds.values())
            findings.append(Finding(
                "free text", f"{table}.{column}", len(texts), found,
                ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "none"))
        return findings

    def _warehouse_columns(self, table: str) -> set[str]:
        return {r[0] for r in self.con.execute(
            "select column_name from information_schema.columns where table_schema = 'main' "
            "and table_name = ? and table_catalog = current_database()", [table]).fetchall()}

    def _common_words(self) -> set[str]:
        words = set()
        for seed in ("common_words",):
            if seed in self._warehouse_tables():
                words |= {r[0].lower() for r in self.con.sql(
                    f"select word from main.{seed}").fetchall()}
        return words

    def _warehouse_tables(self) -> set[str]:
        return {r[0] for r in self.con.sql(
            "select table_name from information_schema.tables "
            "where table_catalog = current_database()").fetchall()}

    def _free_text_columns(self) -> list[tuple[str, str]]:
        found = []
        for mart in privacy_yaml._load_marts().values():
            for column in mart["columns"]:
                pii = (column.get("meta") or {}).get("pii")
                operation = pii if isinstance(pii, str) else (pii or {}).get("operation")
                released = privacy_yaml.output_name(column) if operation else None
                if operation == "scrub_text" and self._exists("privacy", mart["name"]) \
                        and released in self._released_columns(mart["name"]):
                    found.append((mart["name"], released))
        return found

    def data_set(self) -> str | None:
        """The generated set the warehouse holds (its manifest), if any."""
        if not self._exists(self.con.sql("select current_database()").fetchone()[0],
                            "generation_manifest"):
            return None
        row = self.con.sql("select seed, scale, defect_rate from raw.generation_manifest "
                           "limit 1").fetchone()
        return None if row is None else f"seed {row[0]}, scale {row[1]}, defect rate {row[2]}"

    def run(self) -> list[Finding]:
        return [*self.phone_recovery(), *self.pseudonym_to_id(), *self.receipt_linkage(),
                *self.version_linkage(), *self.email_pattern(), *self.free_text()]


# -- free text -------------------------------------------------------------------
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
DIGIT_RUN = re.compile(r"\d(?:[ ().\-]*\d){6,}")
DATE = re.compile(
    r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?"
    r"(?:,? \d{4})?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov"
    r"|dec)[a-z]*\.?(?: \d{4})?\b", re.IGNORECASE)
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+\.[\w.]+")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def leftovers(text: str, names: set[str]) -> list[str]:
    """What a released free text still gives away: the kinds of leftovers in it
    (a known name, a run of seven or more digits, a date, an e-mail address),
    read after undoing the spellings that hide them (NFKC folds full-width
    letters, soft hyphens and zero-width characters are removed)."""
    plain = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    found = []
    for word in WORD.findall(plain):
        stem = re.sub(r"['\u2019]s$", "", word.lower())
        if stem in names:
            found.append("name")
    if DIGIT_RUN.search(plain):
        found.append("digits")
    if DATE.search(plain):
        found.append("date")
    if EMAIL.search(plain):
        found.append("e-mail")
    return found


def _digits(value: str) -> str:
    return re.sub(r"\D", "", str(value))


def _offset_candidates(tails: np.ndarray, released: int, mirror: bool = False) -> set[int]:
    """The known ten-digit tails t with released - t in [10,000, 99,999] modulo
    10^10: the real numbers a bounded noise could have moved to `released`.
    mirror: t - released in that range instead, which no noise gives (what
    chance alone puts in a window of that width)."""
    found = set()
    low, high = released - NOISE_HIGH, released - NOISE_LOW
    if mirror:
        low, high = (released + NOISE_LOW) % TEN_DIGITS, (released + NOISE_HIGH) % TEN_DIGITS
        low = low - TEN_DIGITS if high < low else low
    for start, stop in ((low, high),) if low >= 0 else (
            (0, high), (low % TEN_DIGITS, TEN_DIGITS - 1)):
        i, j = np.searchsorted(tails, start), np.searchsorted(tails, stop, side="right")
        found.update(int(t) for t in tails[i:j])
    return found


def _spearman(values: list) -> float:
    """Spearman's rank correlation between the positions 0..n-1 and the values'
    ranks (values distinct): 1 when they come in order."""
    n = len(values)
    if n < 3:
        return 0.0
    ranks = np.empty(n)
    ranks[np.argsort(np.asarray(values), kind="stable")] = np.arange(n)
    return float(np.corrcoef(np.arange(n), ranks)[0, 1])


def _natural_key(pseudonym: str):
    tail = pseudonym.rsplit("_", 1)[-1]
    return (0, int(tail), "") if tail.isdigit() else (1, 0, tail)


def _build_key() -> bytes:
    """The PII key the build used (to score pseudonyms; the attacks never use
    it): PII_SALT, or the user's key file; never a new key."""
    from fashion_retail.privacy import key_store

    if not os.environ.get(key_store.KEY_VARIABLE) and not key_store.key_file_path().exists():
        raise AttackError(f"no PII key: set {key_store.KEY_VARIABLE} to the key the build used "
                          f"(there is no key file at {key_store.key_file_path()})")
    try:
        return key_store.resolve(announce=False).key.encode()
    except key_store.PiiKeyError as error:
        raise AttackError(str(error)) from error


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


PROG = "fashion-retail attack"


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    parser = OneLineParser(
        prog=prog,
        description="Attack the privacy database and score the attacks with the warehouse.")
    parser.add_argument("warehouse", type=Path, help="the warehouse DuckDB file")
    parser.add_argument("--privacy", type=Path,
                        help="the privacy database (default: <warehouse>_privacy.duckdb)")
    default_k = yaml.safe_load((privacy_yaml.PROJECT / "dbt_project.yml").read_text())[
        "vars"]["privacy_k"]
    parser.add_argument("--k", type=int, default=default_k,
                        help=f"the k to hold (default: var privacy_k, {default_k})")
    parser.add_argument("--out", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args(argv)
    privacy = args.privacy or args.warehouse.with_name(args.warehouse.stem + "_privacy.duckdb")
    for path in (args.warehouse, privacy):
        if not path.exists():
            parser.error(f"no such file: {path}")
    if args.k < 2:
        parser.error("--k must be at least 2")
    try:
        attacker = Attacker(args.warehouse, privacy, args.k, _build_key())
        try:
            findings = attacker.run()
            data_set = attacker.data_set()
        finally:
            attacker.close()
    except AttackError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding.line())
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(markdown(findings, args.warehouse, args.k, data_set))
    return 1 if any(f.singled_out for f in findings) else 0


def markdown(findings: list[Finding], warehouse: Path, k: int,
             data_set: str | None = None) -> str:
    """The findings as a Markdown table, with the command that gives them."""
    rows = [f"| {f.attack} | {f.table} | {f.targets:,} | {f.singled_out:,} | {f.detail} |"
            for f in findings]
    return "\n".join([
        "# Attacks on the privacy database",
        "",
        f"Command: `fashion-retail attack {warehouse.name} --k {k}` "
        f"(`make attack`). A person (or a receipt) is singled out when the attack "
        f"leaves fewer than k = {k} candidates and the truth among them."
        + (f" Data set: {data_set}." if data_set else ""),
        "",
        "| attack | table | people (receipts) attacked | singled out | detail |",
        "|---|---|---:|---:|---|",
        *rows,
        "",
    ])

