"""fashion-retail discover: each detector on values whose truth is plain, keys and
entities on small tables, bad input, the command line, the schema of
discovery.json and the page, and the accuracy on every dialect's export
(scored by fashion_retail.discover.score against the dialect truth files)."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
from pathlib import Path

import duckdb
import jsonschema
import pytest

from fashion_retail.discover import DiscoverError, keys, pii, semantic, sources
from fashion_retail.discover import score as sc
from fashion_retail.discover.run import discover, main

from conftest import FASHION_RETAIL

SCHEMA = Path(semantic.__file__).with_name("discovery.schema.json")
# the floors, on every dialect's export (seed 7, conftest's TEST_SCALE)
SEMANTIC_ACCURACY = 0.97
PII_PRECISION = 0.95
KEY_F1 = 0.95
ENTITY_ACCURACY = 0.9


def classify(name: str, values: list[str], physical: str = "VARCHAR", **facts):
    counted = [(v, 1) for v in values]
    return semantic.classify(semantic.ColumnFacts(
        name=name, physical_type=physical, rows=facts.get("rows", len(values)),
        non_null=facts.get("non_null", len(values)),
        distinct=facts.get("distinct", len(set(values))), values=counted))


# ------------------------------------------------------------------ detectors
@pytest.mark.parametrize("name, values, expected", [
    ("contact", ["ann@example.com", "bob.smith@mail.co.uk", "x_y@corp.de"], "email"),
    ("link", ["https://example.com/a", "http://shop.example.org", "www.example.net"], "url"),
    ("source", ["192.168.0.1", "10.0.0.254", "8.8.8.8"], "ip_address"),
    ("ref", ["040ce14d-ddf6-5bae-8c05-fcc562552567",
             "a61e476a-ce31-5d3b-b4b3-be52f7762819"], "identifier"),
    ("when", ["2024-03-05 14:12:00", "2024-03-06T09:00:01Z", "2024-03-07 10:00:00"],
     "timestamp"),
    ("card", ["4111 1111 1111 1111", "5500 0000 0000 0004", "3400 0000 0000 009"],
     "payment_card"),
    ("ssn", ["123-45-6789", "987-65-4321", "111-22-3333"], "national_id"),
    ("iban", ["DE89370400440532013000", "GB82WEST12345698765432",
              "FR1420041010050500013M02606"], "payment_card"),
    ("achternaam", ["van den Berg", "de Vries", "Jansen", "Bakker"], "last_name"),
    ("direccion", ["Calle de Alcalá 12, Piso 3", "Avenida de América 5", "Camino Real 7"],
     "street_address"),
    ("indirizzo", ["Via Roma 3", "Piazza Navona 12", "Corso Italia 45"], "street_address"),
    ("straat", ["Ellaboulevard 12", "Isadreef 851", "Kerkstraat 4"], "street_address"),
    ("api_token", ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                   "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"],
     "secret"),
    ("flag", ["Y", "N", "N", "Y", "yes"], "boolean"),
    ("sex", ["Female", "Male", "Non-binary", "Female"], "gender"),
    ("land", ["Deutschland", "Frankreich", "Vereinigte Staaten", "Italien"], "country"),
    ("ccy", ["EUR", "USD", "GBP", "EUR"], "currency"),
    ("Vorname", ["Anna", "Lukas", "María Luisa", "Jean"], "first_name"),
    ("surname", ["Müller", "Smith", "Rossi", "García"], "last_name"),
    ("customer", ["Anna Müller", "John Smith", "Marco Rossi", "Lucía García"], "full_name"),
    ("Straße", ["Hauptstraße 5", "Bahnhofstr. 12a", "Am Markt 3"], "street_address"),
    ("Ort", ["Berlin", "Bad Homburg", "München"], "city"),
    ("PLZ", ["10115", "80331", "01067"], "postal_code"),
    ("supplier", ["Acme GmbH", "Globex Inc.", "Initech LLC", "Umbrella Corp"], "company"),
    ("sku", ["TOP00072-BLA-S", "JEA00104-BLA-30", "DRE00001-RED-M"], "product_code"),
    ("price", ["1.234,56 €", "12,50 €", "7,00 €"], "money"),
    ("Bemerkung", ["Please leave it with the neighbour at number 12",
                   "Call me before delivery", "Gift wrap, no invoice in the box"], "free_text"),
])
def test_a_detector_names_what_the_values_are(name, values, expected):
    assert classify(name, values).semantic_type == expected


def test_numbers_are_never_names():
    """Digits in a column named as a name are a number, not a person."""
    verdict = classify("last_name", ["12", "450", "7", "33"])
    assert verdict.semantic_type not in ("first_name", "last_name", "full_name")


def test_a_column_is_what_most_of_its_values_are():
    """A few URL-looking values do not make an e-mail column a URL column
    (Presidio #2261), nor a handful of dates a text column a date."""
    emails = [f"user{i}@example.com" for i in range(40)] + ["www.example.com"] * 3
    assert classify("contact", emails).semantic_type == "email"
    notes = ["left at the door", "2024-01-05", "ring twice", "no answer", "back door"]
    assert classify("note", notes).semantic_type != "date"


@pytest.mark.parametrize("values, order", [
    (["25.12.2023", "03.01.2024", "14.02.2024"], "dmy"),
    (["12/25/2023", "01/03/2024", "02/14/2024"], "mdy"),
    (["2023-12-25", "2024-01-03"], "ymd"),
    (["03/01/2024", "04/02/2024"], None),      # nothing proves it: no guess
])
def test_the_date_order_is_proven_or_left_null(values, order):
    verdict = classify("date", values)
    assert verdict.semantic_type == "date"
    assert verdict.format["order"] == order


def test_a_dotted_date_without_proof_is_a_flagged_guess():
    verdict = classify("datum", ["03.01.2024", "04.02.2024"])
    assert verdict.format["order"] == "dmy"
    assert any("guess" in e for e in verdict.evidence)


@pytest.mark.parametrize("values, separator, currency", [
    (["1.234,56 €", "12,50 €"], ",", "EUR"),
    (["$1,234.56", "$12.50"], ".", "USD"),
    (["68.00 USD", "12.34 USD"], ".", "USD"),
    (["£4.99", "£12.00"], ".", "GBP"),
])
def test_money_formats(values, separator, currency):
    verdict = classify("amount", values)
    assert verdict.semantic_type == "money"
    assert verdict.format["decimal_separator"] == separator
    assert verdict.format["currency"] == currency


def test_a_rate_with_a_decimal_comma_is_read_as_a_fraction():
    verdict = classify("Provisionssatz", ["0,130", "0,095", "0,2"])
    assert verdict.semantic_type == "percentage"
    assert verdict.format["decimal_separator"] == ","


@pytest.mark.parametrize("values, region", [
    (["030 1234567", "089 12345678", "+1 913 605 9777", "0221 9876543"], "DE"),
    (["(913) 605-9777", "(212) 555-0199", "+49 30 1234567"], "US"),
    (["+1 913 605 9777", "+49 30 1234567"], None),   # all international: none needed
])
def test_a_phone_column_gets_the_region_its_national_numbers_belong_to(values, region):
    verdict = classify("Telefon", values)
    assert verdict.semantic_type == "phone"
    assert verdict.format["default_region"] == region


def test_free_text_with_contact_details_is_personal():
    verdict = classify("notes", ["call 030 1234567 before", "mail ann@example.com",
                                 "leave it at the door"] * 10)
    assert verdict.semantic_type == "free_text" and verdict.personal
    assert pii.classify("notes", "free_text", False, True)[0] == "direct_identifier"


# people tables as seven countries export them: local column names, Faker's
# local values (names, addresses, phones, postcodes, IBANs), day-first dates
PEOPLE_COLUMNS = {
    "en_GB": ["first_name", "last_name", "email", "phone", "street", "city", "postcode",
              "date_of_birth", "iban"],
    "fr_FR": ["prenom", "nom", "courriel", "telephone", "adresse", "ville", "code_postal",
              "date_naissance", "iban"],
    "de_DE": ["Vorname", "Nachname", "E-Mail", "Telefonnummer", "Straße", "Stadt", "PLZ",
              "Geburtsdatum", "IBAN"],
    "es_ES": ["nombre", "apellido", "correo", "telefono", "direccion", "ciudad",
              "codigo_postal", "fecha_nacimiento", "iban"],
    "it_IT": ["nome", "cognome", "email", "telefono", "indirizzo", "citta", "cap",
              "data_nascita", "iban"],
    "nl_NL": ["voornaam", "achternaam", "email", "telefoonnummer", "straat", "plaats",
              "postcode", "geboortedatum", "iban"],
    "pt_BR": ["nome", "sobrenome", "email", "telefone", "endereco", "cidade", "cep",
              "data_nascimento", "iban"],
}
PEOPLE_TYPES = ["first_name", "last_name", "email", "phone", "street_address", "city",
                "postal_code", "birth_date", "payment_card"]


def test_people_tables_in_seven_locales(tmp_path):
    """Every column typed right and classified PII; dates day-first; a phone's
    default region the country's or none, never another's."""
    from faker import Faker

    paths = []
    for locale, names in PEOPLE_COLUMNS.items():
        fake = Faker(locale)
        fake.seed_instance(7)
        path = tmp_path / f"{locale}.csv"
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle, delimiter=";" if locale in ("de_DE", "fr_FR") else ",")
            writer.writerow(names)
            for _ in range(300):
                writer.writerow([fake.first_name(), fake.last_name(), fake.email(),
                                 fake.phone_number(), fake.street_address(), fake.city(),
                                 fake.postcode(), fake.date_of_birth().strftime("%d.%m.%Y"
                                 if locale == "de_DE" else "%d/%m/%Y"), fake.iban()])
        paths.append(path)
    for table in discover(paths).discovery["tables"]:
        region = table["name"].split("_")[1]
        columns = table["columns"]
        assert [c["semantic_type"] for c in columns] == PEOPLE_TYPES, table["name"]
        assert all(c["pii_class"] != "none" for c in columns), table["name"]
        assert columns[7]["format"]["order"] == "dmy"
        assert columns[3]["format"]["default_region"] in (None, region), table["name"]


# ------------------------------------------------------------------ PII
@pytest.mark.parametrize("column, kind, people, expected", [
    ("email", "email", True, ("direct_identifier", "redact_email")),
    ("phone", "phone", True, ("direct_identifier", "add_phone_noise")),
    ("city", "city", True, ("quasi_identifier", "drop")),
    ("city", "city", False, ("none", "none")),
    ("street", "street_address", False, ("none", "none")),
    ("dob", "birth_date", True, ("quasi_identifier", "generalize_age")),
    ("salary", "money", False, ("sensitive", "generalize_amount")),
    ("password", "secret", False, ("secret", "drop")),
    ("list_price", "money", True, ("none", "none")),
])
def test_pii_class_and_operation(column, kind, people, expected):
    assert pii.classify(column, kind, people)[:2] == expected


def test_access_follows_the_columns():
    assert pii.access(["none", "direct_identifier"], ["id", "email"])[0] == "restricted"
    assert pii.access(["none", "quasi_identifier"], ["id", "city"])[0] == "internal"
    assert pii.access(["none", "none"], ["identifier", "money"])[0] == "internal"
    assert pii.access(["none"], ["category"])[0] == "public"


# ------------------------------------------------------------------ keys
def _csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_keys_of_a_versioned_table_and_a_reference_to_it(tmp_path):
    people = [[i, f"2024-01-0{v + 1} 10:00:0{v}", f"city{(i + v) % 7}"]
              for i in range(1, 41) for v in range(2)]
    orders = [[n, 1 + n % 40, f"{n}.00"] for n in range(1, 201)]
    orders[5][1] = 999   # a broken reference
    result = discover([_csv(tmp_path / "customers.csv",
                            ["customer_id", "updated_at", "city"], people),
                       _csv(tmp_path / "orders.csv", ["order_id", "customer_id", "amount"],
                            orders)])
    tables = {t["name"]: t for t in result.discovery["tables"]}
    assert tables["customers"]["primary_key"] == ["customer_id", "updated_at"]
    assert tables["orders"]["primary_key"] == ["order_id"]
    (edge,) = result.discovery["foreign_keys"]
    assert edge["from_table"] == "orders" and edge["to_table"] == "customers"
    assert edge["from_columns"] == edge["to_columns"] == ["customer_id"]
    assert edge["coverage"] == pytest.approx(199 / 200)   # rows that find their customer


def test_a_flat_file_holds_its_entities(tmp_path):
    rows = []
    for line in range(1, 601):
        order = 1 + line // 3
        customer = 1 + order % 50
        item = 1 + line % 30
        rows.append([line, order, f"2024-02-{1 + order % 28:02d}", customer,
                     f"Name{customer}", f"c{customer}@example.com", item, f"Item {item}",
                     f"{10 + item}.99", 1 + (line // 7) % 3])
    header = ["LINE_ID", "ORDER_NO", "ORDER_DATE", "CUST_NO", "CUST_NAME", "CUST_EMAIL",
              "ITEM_NO", "ITEM_DESC", "ITEM_PRICE", "QTY"]
    result = discover([_csv(tmp_path / "flat.csv", header, rows)])
    entities = {e["entity"]: set(e["columns"]) for e in result.discovery["entities"]}
    assert entities["cust"] == {"CUST_NO", "CUST_NAME", "CUST_EMAIL"}
    assert entities["item"] == {"ITEM_NO", "ITEM_DESC", "ITEM_PRICE"}
    assert entities["order"] == {"ORDER_NO", "ORDER_DATE"}
    assert {"LINE_ID", "QTY"} <= entities["flat"]


def test_names_agree_across_naming_habits():
    assert keys._names_agree("customerId", "customers", "customer_id")
    assert keys._names_agree("teamkey", "Teams", "teamID")
    assert keys._names_agree("customer_id", "customers", "id")
    assert not keys._names_agree("store_id", "customers", "customer_id")


# ------------------------------------------------------------------ sources
def test_the_sniffer_slips_are_caught(tmp_path):
    headerless = tmp_path / "headerless.csv"
    headerless.write_text("1,ann@example.com,2020-01-05\n2,bob@example.com,2020-02-06\n")
    result = discover([headerless])
    (table,) = result.discovery["tables"]
    assert table["rows"] == 2
    assert [c["name"] for c in table["columns"]] == ["column_1", "column_2", "column_3"]
    assert table["columns"][1]["semantic_type"] == "email"


def test_encodings_bom_crlf_and_delimiters(tmp_path):
    cp1252 = tmp_path / "cp1252.csv"
    cp1252.write_bytes("id;name;price\r\n1;Café Noir;12,50 €\r\n2;Bäckerei;3,20 €\r\n"
                       .encode("cp1252"))
    mixed = tmp_path / "mixed.tsv"
    mixed.write_bytes(b"id\tname\n1\tCaf\xe9\n2\tna\xc3\xafve\n3\t\x80uro\n")
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffid,city\r\n1,Köln\r\n2,Zürich\r\n".encode())
    result = discover([cp1252, mixed, bom])
    tables = {t["name"]: t for t in result.discovery["tables"]}
    assert [c["name"] for c in tables["cp1252"]["columns"]] == ["id", "name", "price"]
    assert tables["cp1252"]["columns"][2]["format"]["currency"] == "EUR"
    assert result.profiles["cp1252"]["name"]["top_values"][0][0] in ("Café Noir", "Bäckerei")
    assert {v for v, _ in result.profiles["mixed"]["name"]["top_values"]} == \
        {"Café", "naïve", "€uro"}
    assert any("cp1252" in note for note in result.notes["mixed"])
    assert [c["name"] for c in tables["bom"]["columns"]] == ["id", "city"]


def test_json_is_flattened_and_arrays_become_child_tables(tmp_path):
    orders = tmp_path / "orders.jsonl"
    orders.write_text("\n".join(json.dumps({
        "orderId": str(n), "customer": {"id": n % 5, "address": {"city": "Berlin"}},
        "lines": [{"sku": f"SKU-{n}-{k}", "qty": k} for k in range(1, 3)]})
        for n in range(1, 21)) + "\n")
    result = discover([orders])
    tables = {t["name"]: t for t in result.discovery["tables"]}
    assert [c["name"] for c in tables["orders"]["columns"]] == \
        ["orderId", "customer.id", "customer.address.city"]
    lines = tables["orders.lines"]
    assert [c["name"] for c in lines["columns"]] == ["orderId", "sku", "qty"]
    assert lines["rows"] == 40
    assert {"from_table": "orders.lines", "from_columns": ["orderId"], "to_table": "orders",
            "to_columns": ["orderId"], "coverage": 1.0} in result.discovery["foreign_keys"]


def test_parquet_and_a_duckdb_database(tmp_path):
    database = tmp_path / "shop.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema sales")
        con.execute("create table sales.customers as select range as id, "
                    "'user' || range || '@example.com' as email from range(50)")
        con.execute(f"copy (select range as id, range * 1.5 as price from range(30)) "
                    f"to '{tmp_path / 'prices.parquet'}' (format parquet)")
    result = discover([tmp_path / "prices.parquet"], duckdb_file=database, schema="sales")
    tables = {t["name"]: t for t in result.discovery["tables"]}
    assert tables["customers"]["columns"][1]["semantic_type"] == "email"
    assert tables["customers"]["access"] == "restricted"
    assert tables["prices"]["columns"][0]["physical_type"] == "BIGINT"


def test_quoted_line_breaks_and_repeated_header_names(tmp_path):
    quoted = tmp_path / "quoted.csv"
    with open(quoted, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "comment", "amount"])
        writer.writerows([i, f"one, with a comma\ntwo {i}", f"{i}.50"] for i in range(40))
    repeated = tmp_path / "repeated.csv"
    repeated.write_text("id,name,name,marker\n" + "".join(f"{i},a{i},b{i},x\n" for i in range(20)))
    result = discover([quoted, repeated])
    tables = {t["name"]: t for t in result.discovery["tables"]}
    assert tables["quoted"]["rows"] == 40
    assert tables["quoted"]["columns"][1]["semantic_type"] == "free_text"
    assert [c["name"] for c in tables["repeated"]["columns"]][:2] == ["id", "name"]
    # one value over and over is no boolean ('x') and no gender
    assert tables["repeated"]["columns"][3]["semantic_type"] == "category"


def test_nested_and_binary_values_are_not_guessed(tmp_path):
    path = tmp_path / "typed.parquet"
    duckdb.execute(f"copy (select range as id, [range, range + 1] as pair, "
                   f"{{'a': range}} as nested, 'x'::blob as raw, interval 1 day as wait "
                   f"from range(30)) to '{path}' (format parquet)")
    (table,) = discover([path]).discovery["tables"]
    kinds = {c["name"]: (c["semantic_type"], c["confidence"]) for c in table["columns"]}
    assert kinds["pair"] == kinds["nested"] == kinds["raw"] == ("category", 0.0)
    assert kinds["wait"][0] == "number"


def test_two_tables_that_include_each_other_are_one_reference(tmp_path):
    database = tmp_path / "copy.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create table orders as select range as order_id from range(40)")
        con.execute("create view orders_copy as select * from orders")
    edges = discover([], duckdb_file=database).discovery["foreign_keys"]
    assert len(edges) == 1 and edges[0]["to_table"] == "orders"


@pytest.mark.parametrize("name, content, message", [
    ("empty.csv", b"", "empty"),
    ("binary.csv", bytes(range(256)) * 40, "binary"),
    ("broken.json", b'{"a": 1, "b": [1, 2', "not readable as JSON"),
    ("wide.csv", (",".join(f"c{i}" for i in range(2500)) + "\n").encode() * 2, "2,500 columns"),
])
def test_bad_input_is_one_line_and_status_1(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SystemExit) as stop:
        main([str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert stop.value.code == 1 and err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "out" / "discovery.json").exists()


def test_a_json_envelope_is_the_table_it_wraps(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"data": [{"id": i, "email": f"u{i}@example.com"}
                                         for i in range(30)]}))
    (table,) = discover([path]).discovery["tables"]
    assert table["name"] == "api.data" and table["rows"] == 30
    assert [c["name"] for c in table["columns"]] == ["id", "email"]


def test_a_failure_inside_is_one_line_without_the_data(tmp_path, capsys, monkeypatch):
    from fashion_retail.discover import run

    def broken(*args, **kwargs):
        raise KeyError("alice@example.com")

    monkeypatch.setattr(run, "discover", broken)
    monkeypatch.delenv("FASHION_RETAIL_DEBUG", raising=False)
    path = tmp_path / "x.csv"
    path.write_text("a\n1\n")
    with pytest.raises(SystemExit) as stop:
        run.main([str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert stop.value.code == 1 and err.count("\n") == 1 and "KeyError" in err
    assert "alice" not in err


def test_a_header_only_file_is_a_profile_of_no_rows(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("id,email,amount\n")
    (table,) = discover([path]).discovery["tables"]
    assert table["rows"] == 0 and len(table["columns"]) == 3
    assert table["primary_key"] is None


def test_a_file_larger_than_memory_spills(tmp_path, monkeypatch):
    """200 MB of CSV under a DuckDB limit of 160 MB: a profile, not a crash."""
    big = tmp_path / "big.csv"
    duckdb.execute(f"copy (select range as id, 'user' || range || '@example.com' as email, "
                   f"md5(range::varchar) || md5((range + 1)::varchar) as filler, "
                   f"(range % 1000) / 10 as price from range(2000000)) to '{big}' "
                   f"(header true)")
    assert big.stat().st_size > 160 * 2**20
    monkeypatch.setenv("FASHION_RETAIL_DISCOVER_MEMORY", "160MB")
    (table,) = discover([big]).discovery["tables"]
    assert table["rows"] == 2_000_000 and table["primary_key"] == ["id"]


def test_bad_arguments_are_one_line_and_status_2(tmp_path):
    for argv in (["--out", str(tmp_path)], [str(tmp_path / "nothing.csv"), "--out",
                                            str(tmp_path)], ["x.csv"],
                 ["--schema", "s", "--out", str(tmp_path), str(tmp_path)]):
        run = subprocess.run([FASHION_RETAIL, "discover", *argv], capture_output=True,
                             text=True)
        assert run.returncode == 2 and run.stderr.count("\n") == 1, (argv, run.stderr)


def test_two_files_of_one_name_are_two_tables(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "orders.csv").write_text("id,x\n1,2\n2,3\n")
    tables = discover([tmp_path / "a", tmp_path / "b"]).discovery["tables"]
    assert len({t["name"] for t in tables}) == 2


def test_find_refuses_a_folder_with_nothing_to_read(tmp_path):
    with pytest.raises(DiscoverError, match="no CSV, JSON or parquet"):
        sources.find([tmp_path])


# ------------------------------------------------------------------ the dialects
@pytest.fixture(scope="module")
def discovered(dirty_dir, dialect_exports, tmp_path_factory):
    """folder name -> (discovery, truth, output folder) for us_pos and each dialect."""
    out = {}
    folders = {"us_pos": dirty_dir, **{n: f for n, (f, _) in dialect_exports.items()}}
    for name, folder in folders.items():
        truth = sc.truth_for(folder)
        target = tmp_path_factory.mktemp(f"discover_{name}")
        result = discover(list(truth.files), out=target)
        out[name] = result.discovery, truth, target
    return out


def test_the_dialects_are_discovered_as_their_truth_says(discovered):
    rows = []
    for name, (discovery, truth, _) in discovered.items():
        figures = sc.score(discovery, truth)
        rows.append((name, figures))
        assert figures["semantic_accuracy"] >= SEMANTIC_ACCURACY, figures["semantic_wrong"]
        assert figures["direct_identifier_recall"] == 1.0, figures["pii_wrong"]
        assert figures["secret_recall"] in (None, 1.0), figures["pii_wrong"]
        assert figures["pii_precision"] >= PII_PRECISION, figures["pii_wrong"]
        assert figures["pk_f1"] >= KEY_F1, figures["pk_wrong"]
        assert figures["fk_f1"] >= KEY_F1, (figures["fk_missing"], figures["fk_spurious"])
        # a hint is the truth's or none: a wrong one misreads every value
        assert not figures["format_wrong"], figures["format_wrong"]
        if figures["entity_accuracy"] is not None:
            assert figures["entity_accuracy"] >= ENTITY_ACCURACY, figures["entity_wrong"]
    print("\n" + sc.markdown(rows))


def test_discovery_json_follows_its_schema(discovered):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    for _, _, target in discovered.values():
        validator.validate(json.loads((target / "discovery.json").read_text()))


def test_the_page_holds_no_value_of_a_direct_identifier(discovered, dirty):
    """No person's e-mail, phone or street address, nor first and last name
    together, appears on any page. (A last name alone can be a brand too.)
    The page's e-mail-, phone-, address- and name-shaped strings are looked up
    in the set of the people's values."""
    values = set()
    for table in ("customers", "employees"):
        for column in ("email", "phone", "first_name || ' ' || last_name") + (
                ("street_address",) if table == "customers" else ()):
            values.update(v for (v,) in dirty.sql(
                f"select distinct {column} from {table} where length({column}) >= 8"
            ).fetchall())
    values.update(v for (v,) in dirty.sql(
        "select distinct contact_email from sellers where contact_email like '%@%'").fetchall())
    assert len(values) > 1000
    shapes = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+\d{8,15}"
                        r"|\d+ [A-Z][\w-]+(?: [A-Z][\w-]+)*|[A-Z][\w'-]+(?: [A-Z][\w'-]+)+")
    for name, (discovery, _, target) in discovered.items():
        page = html.unescape((target / "index.html").read_text(encoding="utf-8"))
        assert "<script" not in page.lower()
        candidates = set()
        for found in shapes.finditer(page):
            words = found.group().split(" ")
            # every run of two or more words of a longer match, and the match
            candidates.update(" ".join(words[i:j]) for i in range(len(words))
                              for j in range(i + 1, len(words) + 1))
        leaked = candidates & values
        assert not leaked, (name, sorted(leaked)[:5])
        for table in discovery["tables"]:
            assert table["name"] in page
