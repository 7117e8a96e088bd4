"""The attack suite (fashion_retail.privacy.attacks) against the privacy database.

Every attack is run on the privacy database of the seed-scale build and must
single out nobody (fewer than k people). So that a passing attack means
something, each is also run on a weak release of the same warehouse, written
here the way earlier versions released it (pseudonyms that carry the id,
phones moved by a bounded keyed noise, the e-mail address, a history of
versions with their validity, sales keyed to the person), and must single out
most people there.
"""

from __future__ import annotations

import hashlib
import secrets

import duckdb
import pytest
import yaml

from fashion_retail.privacy import attacks
from test_report import warehouse  # noqa: F401 - the seed-scale warehouse, built if missing

from conftest import PROJECT

K = yaml.safe_load((PROJECT / "dbt_project.yml").read_text())["vars"]["privacy_k"]
ATTACKS = ["phone recovery", "pseudonym to id", "receipt linkage", "version linkage",
           "e-mail pattern", "free text"]


def _privacy_file(path):
    return path.with_name(path.stem + "_privacy.duckdb")


@pytest.fixture(scope="module")
def findings(warehouse):  # noqa: F811
    attacker = attacks.Attacker(warehouse, _privacy_file(warehouse), K, attacks._build_key())
    try:
        return attacker.run()
    finally:
        attacker.close()


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_attack_singles_out_nobody(findings, attack):
    mine = [finding for finding in findings if finding.attack == attack]
    assert mine, f"{attack}: no table was attacked"
    assert all(finding.targets > 0 for finding in mine), [f.line() for f in mine]
    assert [f.line() for f in mine if f.singled_out] == []


def test_the_released_pseudonyms_are_pythons_hmac_of_the_ids(warehouse):  # noqa: F811
    """pseudonymize in SQL is HMAC-SHA256 as Python computes it with the build's
    key: every released pseudonym is found among the keyed hashes of the ids
    (which is also how the attacks score themselves)."""
    attacker = attacks.Attacker(warehouse, _privacy_file(warehouse), K, attacks._build_key())
    try:
        for table in attacker.tables:
            truth = attacker.truth(table)
            released = {row[0] for row in attacker.con.sql(
                f"select {table.pseudonym} from privacy.{table.mart} "
                f"where {table.pseudonym} is not null").fetchall()}
            assert released and released <= set(truth), table.mart
    finally:
        attacker.close()


# -- the weak release: what each attack must catch ---------------------------------
def _noise(secret: str, record_key) -> int:
    digest = hashlib.md5(f"{secret}|{record_key}".encode()).digest()
    return 10_000 + ((int.from_bytes(digest, "little") >> 80) & (2**48 - 1)) % 90_000


def _noisy(phone: str | None, record_key, secret: str) -> str | None:
    if not isinstance(phone, str) or not phone.startswith("+1") or len(phone) != 12:
        return None
    moved = (int(phone[2:]) + _noise(secret, record_key)) % 10**10
    return f"+1{moved:010d}"


@pytest.fixture(scope="module")
def weak_privacy(warehouse, tmp_path_factory):  # noqa: F811
    """A privacy database released as earlier versions did, from the same
    warehouse: pseudonyms User_<id>, phones with a bounded noise under a secret
    key nobody published, the e-mail address, every version with its validity
    window, and sales keyed to the person. Returns its path and its
    pseudonyms' ids."""
    path = tmp_path_factory.mktemp("weak") / "weak_privacy.duckdb"
    secret = secrets.token_hex(16)
    source = duckdb.connect(str(warehouse), read_only=True)
    customers = source.sql("""
        select customer_id, phone, email, city, state, postal_code, gender,
            year(signup_date) as signup_year, country, loyalty_tier,
            is_marketing_opt_in, valid_from, valid_to, is_current
        from dim_customers where customer_id <> -1
    """).df()
    source.close()
    customers["customer_pseudonym"] = "User_" + customers["customer_id"].astype(str)
    customers["phone"] = [_noisy(p, i, secret)
                          for p, i in zip(customers["phone"], customers["customer_id"])]
    customers["email_domain"] = customers["email"].str.lower()
    weak = duckdb.connect(str(path))
    weak.register("customers_frame", customers)
    weak.execute(f"attach '{warehouse}' as truth (read_only)")
    weak.sql("""
        create table dim_customers as
        select customer_pseudonym, phone, email_domain, city, state, postal_code, gender,
            signup_year, country, loyalty_tier, is_marketing_opt_in, valid_from, valid_to,
            is_current
        from customers_frame
    """)
    weak.sql("create table dim_stores as select * from truth.dim_stores")
    weak.sql("""
        create table fct_sales as
        select sales.order_line_id, sales.order_id, sales.store_key, sales.order_date_key,
            sales.ordered_at, sales.net_amount,
            md5(cast(customers.customer_id as varchar)) as customer_group_key
        from truth.fct_sales as sales
        inner join truth.dim_customers as customers using (customer_key)
    """)
    weak.close()
    return path, dict(zip(customers["customer_pseudonym"], customers["customer_id"]))


@pytest.fixture(scope="module")
def weak_findings(warehouse, weak_privacy):  # noqa: F811
    path, pseudonyms = weak_privacy
    attacker = attacks.Attacker(warehouse, path, K, attacks._build_key(),
                                pseudonyms={"dim_customers": pseudonyms})
    try:
        return attacker.run()
    finally:
        attacker.close()


@pytest.mark.parametrize("attack", ATTACKS[:-1])
def test_the_attack_catches_the_weak_release(weak_findings, attack):
    mine = [f for f in weak_findings if f.attack == attack and f.table.startswith(
        ("dim_customers", "fct_sales"))]
    assert mine, attack
    for finding in mine:
        assert finding.singled_out > 0.5 * finding.targets, finding.line()


@pytest.mark.parametrize("text", [
    "Gift for Kristen's birthday",
    "[NAME] Garrett\u2019s parcel",
    "Kri\u00adsten will collect",
    "\uff2b\uff52\uff49\uff53\uff54\uff45\uff4e will collect",
])
def test_free_text_finds_names_however_written(text):
    assert "name" in attacks.leftovers(text, {"kristen", "garrett"})


@pytest.mark.parametrize(("text", "kind"), [
    ("born 02/06/1990, please check", "date"),
    ("DOB: March 5th, 1988", "date"),
    ("delivered on 5 Mar 2024", "date"),
    ("call 555 1234 after six", "digits"),
    ("card ending 4111-1111-1111", "digits"),
    ("mail me at jo.ann@example.co.uk", "e-mail"),
])
def test_free_text_finds_dates_numbers_and_addresses(text, kind):
    assert kind in attacks.leftovers(text, set())


def test_free_text_passes_what_gives_nobody_away():
    assert attacks.leftovers("[NAME] will collect on [DATE], call [PHONE]", {"kristen"}) == []
    assert attacks.leftovers("2 shirts, size 12, leave at door", {"kristen"}) == []


def test_bounded_offset_candidates_wrap_around():
    tails = attacks.np.array([5, 50_000, 150_000, 9_999_990_000], dtype=attacks.np.int64)
    assert attacks._offset_candidates(tails, 200_000) == {150_000}
    # 20,000 is 19,995 above 5, and 30,000 above 9,999,990,000 modulo 10^10
    assert attacks._offset_candidates(tails, 20_000) == {5, 9_999_990_000}


def test_the_mirror_window_lies_above_and_wraps_around():
    tails = attacks.np.array([5, 50_000, 150_000, 9_999_990_000], dtype=attacks.np.int64)
    assert attacks._offset_candidates(tails, 100_000, mirror=True) == {150_000}
    # 9,999,990,000 is 10,000 above it; 5 and 50,000 are 20,005 and 70,000
    # above it modulo 10^10
    assert attacks._offset_candidates(tails, 9_999_980_000, mirror=True) == {
        9_999_990_000, 5, 50_000}


def test_a_release_under_another_key_is_refused_not_scored(warehouse):  # noqa: F811
    """Scored with a key the build did not use, no pseudonym is known: the
    attacks refuse rather than report 0 of 0."""
    attacker = attacks.Attacker(warehouse, _privacy_file(warehouse), K, b"not the build's key")
    try:
        with pytest.raises(attacks.AttackError, match="another PII key"):
            attacker.run()
    finally:
        attacker.close()


def test_the_command_line_fails_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        attacks.main([str(tmp_path / "missing.duckdb")])
    assert stopped.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_the_attacks_read_the_marts_yaml():
    tables = {table.mart: table for table in attacks.person_tables()}
    assert {"dim_customers", "dim_employees", "dim_sellers"} <= set(tables)
    assert tables["dim_customers"].pseudonym == "customer_pseudonym"
    assert tables["dim_customers"].k_anonymous and not tables["dim_sellers"].k_anonymous
