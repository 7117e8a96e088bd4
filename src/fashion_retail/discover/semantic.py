"""The semantic type of a column, its confidence and evidence, and the format
hints the cleansing macros take.

A column is what most of its values are. Each detector says, of a sample's
values, which ones it recognises (weighted by how often each occurs); a type
is proposed when its detector recognises a clear majority, and the strong
detectors (syntax that almost never happens by chance: an e-mail, a URL, a
UUID, a timestamp) are asked before the weak ones (a word found in a list of
names). The column's name is the second witness: it decides between types the
values leave open (five digits: a postal code or an identifier) and lowers
the bar of a weak detector it agrees with, never overrules values that
contradict it. Numbers are never names, cities or free text.

The format hints are read off the values: a date's field order is proven by a
field above 12 (a dotted date with none is day-first by convention, and says
it is a guess), the decimal separator by a separator followed by one or two
digits or by thousands groups, the currency by a sign or ISO code, a phone's
default region by the country whose numbering plan holds the numbers written
without an international prefix.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from fashion_retail.discover import vocabulary as vocab

TYPES = ("identifier", "email", "phone", "first_name", "last_name", "full_name", "username",
         "street_address", "city", "postal_code", "region", "country", "date", "timestamp",
         "birth_date", "age", "gender", "money", "currency", "quantity", "number",
         "percentage", "boolean", "category", "free_text", "url", "ip_address",
         "payment_card", "national_id", "secret", "company", "product_code")

# a type is proposed when its detector recognises this share of the values
MAJORITY = 0.6
# ... or this share when the column's name says the same
WITH_NAME = 0.3

# ------------------------------------------------------------------ names
# words of column names, in English, German, French, Spanish, Italian,
# Portuguese and Dutch; a name is split into words at case changes, digits and
# punctuation, and a word matches when it equals an entry or (entries of four
# letters or more) starts with one
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "identifier": ("id", "ids", "uuid", "guid", "key", "no", "nr", "num", "nummer", "number",
                   "numero", "número", "ref", "code"),
    "email": ("email", "mail", "e-mail", "courriel", "correo"),
    "phone": ("phone", "tel", "telefon", "telephone", "téléphone", "telefono", "teléfono",
              "mobile", "mobil", "cell", "handy", "fax", "gsm"),
    "first_name": ("first", "firstname", "given", "forename", "vorname", "prenom", "prénom",
                   "nombre", "nome", "voornaam", "roepnaam"),
    "last_name": ("last", "lastname", "surname", "family", "nachname", "familienname",
                  "apellido", "apellidos", "cognome", "sobrenome", "achternaam",
                  "familienaam", "geslachtsnaam"),
    "full_name": ("fullname", "name", "contact", "customer", "person"),
    "username": ("user", "username", "login", "handle", "benutzer", "benutzername"),
    "street_address": ("address", "street", "straße", "strasse", "adresse", "addr", "rue",
                       "calle", "direccion", "dirección", "via", "indirizzo", "morada",
                       "line1", "address1", "endereco", "endereço", "logradouro", "straat",
                       "huisnummer", "anschrift"),
    "city": ("city", "town", "ort", "stadt", "ville", "ciudad", "città", "citta", "cidade",
             "municipality", "plaats", "wohnort", "locality"),
    "postal_code": ("zip", "zipcode", "postal", "postcode", "plz", "postleitzahl", "cap",
                    "cp", "codigo", "postale", "cep"),
    "region": ("state", "region", "province", "county", "bundesland", "bundesstaat",
               "provinz", "provincia", "département", "departement", "kanton", "estado"),
    "country": ("country", "land", "pays", "pais", "país", "paese", "nation", "nationality",
                "staat"),
    "date": ("date", "datum", "day", "dt", "fecha", "data", "tag", "stichtag", "on"),
    "timestamp": ("timestamp", "time", "ts", "at", "updated", "created", "modified",
                  "geändert", "zeit", "zeitstempel", "upd", "datetime"),
    "birth_date": ("birth", "birthday", "dob", "born", "geburtsdatum", "geburt",
                   "naissance", "nacimiento", "nascita", "birthdate", "nascimento",
                   "geboortedatum", "geboorte", "geboren"),
    "age": ("age", "alter", "edad", "âge", "eta", "età", "idade"),
    "gender": ("gender", "sex", "geschlecht", "sexe", "sexo", "genere", "anrede"),
    "money": ("price", "cost", "amount", "amt", "salary", "wage", "income", "revenue",
              "total", "discount", "disc", "fee", "preis", "betrag", "gehalt", "jahresgehalt",
              "rabatt", "umsatz", "kosten", "einstandspreis", "listenpreis", "einzelpreis",
              "prix", "montant", "precio", "importe", "prezzo", "importo", "valor", "value",
              "balance", "payment", "pay", "spend", "sales", "subtotal", "tax"),
    "currency": ("currency", "ccy", "waehrung", "währung", "devise", "moneda", "valuta",
                 "moeda", "cur"),
    "quantity": ("qty", "quantity", "quantities", "units", "menge", "stock", "bestand",
                 "bestellt", "anzahl", "count", "pieces", "pcs", "quantité", "cantidad",
                 "quantità", "quantidade", "onhand", "hand", "ordered"),
    "percentage": ("rate", "pct", "percent", "percentage", "ratio", "share", "satz",
                   "provisionssatz", "quote", "taux", "tasa", "commission", "margin"),
    "boolean": ("is", "has", "flag", "opt", "optin", "active", "enabled", "returned",
                "retoure", "einwilligung", "werbeeinwilligung"),
    "free_text": ("notes", "note", "comment", "comments", "remark", "remarks", "bemerkung",
                  "description", "desc", "text", "message", "memo", "kommentar", "notiz",
                  "review", "feedback", "body"),
    "url": ("url", "uri", "link", "website", "homepage", "web", "href"),
    "ip_address": ("ip", "ipaddress", "ipv4", "ipv6"),
    "payment_card": ("card", "cc", "pan", "creditcard", "kreditkarte", "carte", "tarjeta",
                     "iban", "account", "konto", "rekening", "bic"),
    "national_id": ("ssn", "sin", "nino", "nationalid", "passport", "steuer", "steuerid",
                    "taxid", "tin", "nif", "nie", "dni", "codicefiscale", "bsn", "pesel",
                    "personalausweis", "social"),
    "secret": ("password", "passwd", "pwd", "secret", "token", "apikey", "api", "hash",
               "salt", "credential", "credentials", "passwort", "kennwort", "pin"),
    "company": ("company", "firm", "firma", "employer", "organisation", "organization",
                "org", "supplier", "vendor", "lieferant", "société", "empresa", "azienda",
                "business", "manufacturer", "publisher"),
    "product_code": ("sku", "ean", "upc", "gtin", "isbn", "article", "artikel", "item",
                     "product", "asin", "mpn", "barcode"),
    "category": ("category", "type", "kind", "class", "tier", "segment", "group", "status",
                 "channel", "method", "gruppe", "warengruppe", "kategorie", "kanal", "art",
                 "stufe", "level", "size", "colour", "color", "farbe", "größe", "material",
                 "season", "saison", "department", "abteilung", "title", "position",
                 "zahlungsart", "vertriebskanal", "kundenstufe", "markensegment", "brand",
                 "marke", "label", "genre", "style"),
}
STOP_WORDS = {"of", "the", "de", "du", "des", "la", "le", "el", "der", "die", "das", "am",
              "m²", "m2"}


def name_words(name: str) -> list[str]:
    """A column name as lower-case words: 'contactEmail' -> contact, email;
    'CUST_NO' -> cust, no; 'Geändert am' -> geändert, am."""
    spaced = re.sub(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])", " ", name)
    return [w for w in re.split(r"[^\wäöüßéèáíóúñç²-]+|_|-", spaced.lower()) if w]


def name_hints(name: str) -> set[str]:
    """The types a column's name suggests."""
    words = name_words(name)
    joined = "".join(words)
    hints = set()
    for kind, entries in NAME_WORDS.items():
        for entry in entries:
            if entry in words or joined == entry or (
                    len(entry) >= 4 and any(w.startswith(entry) or w.endswith(entry)
                                            for w in words)):
                hints.add(kind)
                break
    # 'Kundennummer', 'customerId', 'ORDER_NO': a word ending in an id word;
    # the head of a compound is its last word ('Bestands-ID' is an id)
    if id_last(name):
        hints.add("identifier")
        hints -= {"quantity", "money", "percentage", "date", "timestamp"}
    if any(w.startswith(HIERARCHY_WORDS) for w in words):
        hints.add("identifier")
    return hints


def id_last(name: str) -> bool:
    """Whether a name ends in an id word: 'customer_id', 'Kundennummer', 'CUST_NO'."""
    words = name_words(name)
    return bool(words) and (words[-1] in ("id", "ids", "no", "nr", "nummer", "key", "uuid",
                                          "guid") or bool(re.search(r"(Id|ID|Nr|No)$", name))
                            or words[-1].endswith(("nummer", "id", "key")) and len(words[-1]) > 4
                            and not words[-1].endswith(("void", "paid", "valid", "liquid")))


# a column naming one of these refers to a row of its own table
HIERARCHY_WORDS = ("manager", "parent", "boss", "supervisor", "reports", "superior",
                   "referrer", "referred", "vorgesetzt", "übergeordnet", "mentor",
                   "sponsor")


# ------------------------------------------------------------------ values
EMAIL = re.compile(r"^[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}$", re.I)
URL = re.compile(r"^(https?|ftp)://[^\s]+$|^www\.[^\s]+\.[a-z]{2,}(/\S*)?$", re.I)
IPV4 = re.compile(r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$")
IPV6 = re.compile(r"^([0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}$", re.I)
UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.I)
INTEGER = re.compile(r"^[+-]?\d+$")
NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}([,. ']\d{3})+)?([.,]\d+)?([eE][+-]?\d+)?$")
PERCENT = re.compile(r"^[+-]?\d+([.,]\d+)?\s?%$")
DATE_PART = r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{8}" \
            r"|\d{1,2}\.? ?[a-zäéû]{3,9}\.? \d{4}|[a-z]{3,9}\.? \d{1,2},? \d{4})"
DATE = re.compile(rf"^{DATE_PART}$", re.I)
TIMESTAMP = re.compile(
    rf"^{DATE_PART}[ T]\d{{1,2}}:\d{{2}}(:\d{{2}}(\.\d+)?)?\s?(am|pm)?\s?"
    r"(z|[+-]\d{2}:?\d{2})?$", re.I)
DIGITS = re.compile(r"\d")
PHONE = re.compile(r"^(\+|00|011|\()?[\d\s().\-/]{6,20}\d(\s*(x|ext\.?|#|extension)\s*\d{1,6})?$",
                   re.I)
MONEY = re.compile(r"^\(?[+-]?(?P<pre>[^\d\s()+-]{1,3}|[A-Z]{3})?\s?[+-]?(?P<num>\d{1,3}([.,'  ]"
                   r"\d{3})*([.,]\d{1,2})?|\d+([.,]\d{1,2})?)\s?(?P<post>[^\d\s()]{1,3}|[A-Z]{3})"
                   r"?\)?$")
SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")
HEX_SECRET = re.compile(r"^([0-9a-f]{32,}|[0-9A-F]{32,}|\$2[aby]?\$\d\d\$[./\w]{53}"
                        r"|[A-Za-z0-9+/_-]{32,}={0,2})$")
STREET = re.compile(
    r"^\d+[a-z]?,?\s+\S+.*"
    r"|^\D{3,},\s?\d{1,5}\s?[a-z]?$"
    r"|.*(straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|straat|laan|dreef|plein"
    r"|singel|gracht|boulevard|kade|steeg|hof|pad)(\s+\d+\w*)?$"
    r"|.*\b(street|st|avenue|ave|road|rd|lane|ln|drive|dr|blvd|boulevard"
    r"|way|court|ct|place|pl|square|sq|terrace|parkway|highway|hwy|suite|apt|straße|strasse"
    r"|str|weg|gasse|platz|allee|ring|damm|ufer|rue|avenue|chemin|calle|avenida|via|viale"
    r"|piazza|rua|praça|laan|straat|plein|shoals?|green|ridge|crossing|points?|estates?"
    r"|gardens?|heights?|hills?|mills?|squares?|streets?|views?|villages?|ways?)\b\.?"
    r"(\s+\d+\w*)?$"
    r"|(?=.*\d).*\b(street|avenue|ave|road|rd|lane|drive|blvd|boulevard|calle|callejón|camino"
    r"|carrer|avenida|paseo|plaza|ronda|via|viale|piazza|corso|vicolo|rua|travessa|praça"
    r"|alameda|vila|largo|estrada|rodovia|quadra|rue|chemin|allée|impasse|quai|straat"
    r"|laan|plein|weg|gracht|dreef|singel)\b.*",
    re.I)
COMPANY = re.compile(
    r"\b(inc|incorporated|llc|l\.l\.c|ltd|limited|plc|gmbh|ag|kg|ohg|se|sa|sas|sarl|s\.a|"
    r"srl|s\.r\.l|spa|s\.p\.a|bv|nv|oy|ab|as|corp|corporation|co|company|group|holdings?|"
    r"partners|& sons|and sons|ug|e\.k|kgaa)\b\.?", re.I)
PRODUCT_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Z])[A-Z0-9]{2,}([-_/.][A-Z0-9]{1,})+$|^\d{8}$"
                          r"|^\d{12,14}$")
USERNAME = re.compile(r"^@?[a-z][a-z0-9._-]{2,30}$", re.I)
POSTAL = re.compile(r"^(\d{4,5}(-\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d"
                    r"|\d{4} ?[A-Z]{2}|\d{3}-\d{4}|\d{2}-\d{3}|\d{3} ?\d{2}|\d{6})$", re.I)
GENDERS = {"m", "f", "w", "d", "x", "male", "female", "man", "woman", "men", "women",
           "non-binary", "nonbinary", "non binary", "other", "diverse", "divers",
           "männlich", "weiblich", "homme", "femme", "hombre", "mujer", "masculino",
           "femenino", "maschio", "femmina", "herr", "frau", "mr", "mrs", "ms", "unknown",
           "u", "genderqueer", "agender", "prefer not to say"}
BOOLEANS = {"true", "false", "t", "f", "yes", "no", "y", "n", "1", "0", "j", "ja", "nein",
            "oui", "non", "si", "sí", "x", "on", "off", "wahr", "falsch", "vrai", "faux",
            "1.0", "0.0"}
NULL_LIKE = ("", "null", "none", "n/a", "na", "nan", "nil", "-", "--", "?", "#n/a",
             "(null)", "missing", "unknown", "n.a.", "k.a.", "undefined")


# the small words of family names ('van der Berg', 'de la Cruz'), not names alone
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "ter", "ten", "te", "du", "des",
                            "di", "da", "dos", "das", "do", "del", "della", "la", "le", "lo",
                            "y", "e", "zu", "zum", "'t", "bin", "al", "el", "mc", "st.",
                            "af", "av"})
IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")


def iban(value: str) -> bool:
    """An IBAN (ISO 13616) whose check digits hold (mod 97)."""
    compact = value.replace(" ", "").upper()
    if not IBAN.match(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def luhn(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_number(text: str) -> bool:
    """A plain number, an accounting negative '(68.00)' and infinity included."""
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if text.lower().lstrip("+-") in ("inf", "infinity"):
        return True
    return bool(NUMBER.match(text)) and any(c.isdigit() for c in text)


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", vocab.fold(text)) if t]


# ------------------------------------------------------------------ columns
@dataclass
class ColumnFacts:
    """What the profile knows of a column: its name, physical type (a DuckDB
    type; VARCHAR for text), figures over every row, and a sample's distinct
    values with their counts (most frequent first)."""

    name: str
    physical_type: str
    rows: int
    non_null: int
    distinct: int
    values: list[tuple[str, int]]
    is_first: bool = False
    evidence: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    semantic_type: str
    confidence: float
    evidence: list[str]
    format: dict
    # free text holding e-mails, phone numbers or people's names
    personal: bool = False


def _shares(values: list[tuple[str, int]], tests: dict) -> dict[str, float]:
    """For each test, the share of the values (by count) it accepts."""
    total = sum(n for _, n in values) or 1
    return {kind: sum(n for v, n in values if test(v)) / total for kind, test in tests.items()}


def _year(value: str) -> int | None:
    found = re.findall(r"(?<!\d)(\d{4})(?!\d)", value)
    years = [int(y) for y in found if 1800 <= int(y) <= 2200]
    return years[0] if years else None


NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                 "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL")


def classify(facts: ColumnFacts) -> Verdict:
    """The column's semantic type, confidence, evidence and format hints."""
    hints = name_hints(facts.name)
    evidence = list(facts.evidence)
    values = [(v.strip(), n) for v, n in facts.values
              if v is not None and vocab.fold(v) not in NULL_LIKE]
    if hints:
        evidence.append("name suggests " + ", ".join(sorted(hints)))
    physical = facts.physical_type.upper()
    if physical in ("BLOB", "BIT") or physical.startswith(("STRUCT", "MAP", "UNION")) \
            or physical.endswith("]"):
        evidence.append(f"{physical} values: not classified (unnest nested values, decode "
                        "binary ones, to profile them)")
        return Verdict("category", 0.0, evidence, _no_format())
    if physical == "INTERVAL":
        return Verdict("number", 0.8, evidence + ["durations (INTERVAL)"], _no_format())
    if physical == "BOOLEAN":
        return Verdict("boolean", 1.0, evidence + ["stored as BOOLEAN"], _no_format())
    if not values:
        evidence.append("no values to judge: every value is null")
        kind = _name_only(hints)
        return Verdict(kind, 0.1, evidence, _no_format())
    if physical.startswith(("DATE", "TIMESTAMP")) and not physical.startswith("DATE_"):
        return _temporal(facts, hints, values, evidence,
                         "timestamp" if physical.startswith("TIMESTAMP") else "date", 1.0)
    numeric = _shares(values, {"number": _is_number})["number"]
    if physical.startswith(NUMERIC_TYPES) or numeric >= 0.9:
        return _numeric(facts, hints, values, evidence, numeric)
    return _text(facts, hints, values, evidence)


def _no_format() -> dict:
    return {"order": None, "decimal_separator": None, "currency": None,
            "default_region": None}


def _name_only(hints: set[str]) -> str:
    for kind in ("email", "phone", "birth_date", "date", "timestamp", "free_text",
                 "identifier"):
        if kind in hints:
            return kind
    return "category"


def _verdict(kind: str, share: float, evidence: list[str], fmt: dict | None = None,
             agrees: bool = False) -> Verdict:
    confidence = min(1.0, share * (1.0 if agrees else 0.9) + (0.1 if agrees else 0.0))
    return Verdict(kind, round(confidence, 3), evidence, fmt or _no_format())


# ------------------------------------------------------------------ numbers
def _numeric(facts, hints, values, evidence, numeric) -> Verdict:
    evidence.append(f"{numeric:.0%} of sampled values are numbers")
    total = sum(n for _, n in values)
    integers = sum(n for v, n in values if INTEGER.match(v)) / total
    fmt = _no_format()
    fmt["decimal_separator"] = _decimal_separator(values, evidence)
    # the range of the values, outliers aside (a decimal shift, a typo): the
    # 2nd to 98th percentile, weighted by count
    weighted = sorted((x, n) for x, n in ((_to_float(v, fmt["decimal_separator"]), n)
                                          for v, n in values) if x is not None)
    low, high = _quantile(weighted, 0.02), _quantile(weighted, 0.98)
    unique = facts.non_null > 0 and facts.distinct >= 0.98 * facts.non_null
    binary = sum(n for v, n in values if v in ("0", "1", "0.0", "1.0")) / total
    both = {v.split(".")[0] for v, _ in values} >= {"0", "1"}
    if (binary >= 0.98 and both) or ("boolean" in hints and binary >= 0.9):
        evidence.append(f"{binary:.0%} of values are 0 or 1")
        return _verdict("boolean", binary, evidence, fmt, "boolean" in hints)
    cards = _shares(values, {"card": luhn})["card"]
    if cards >= MAJORITY and integers >= 0.9:
        evidence.append(f"{cards:.0%} are 13-19 digits with a valid Luhn check digit")
        return _verdict("payment_card", cards, evidence, fmt, "payment_card" in hints)
    if "phone" in hints and integers >= 0.9 and low >= 1e5:
        return _verdict("phone", 0.8, evidence + ["named as a phone, digits only"], fmt, True)
    if "postal_code" in hints and integers >= 0.9 and low >= 0 and high < 1e6:
        return _verdict("postal_code", 0.8, evidence + ["named as a postal code"], fmt, True)
    if "age" in hints and integers >= 0.9 and low >= 0 and high <= 130:
        return _verdict("age", 0.9, evidence + ["whole numbers 0-130"], fmt, True)
    if any("year" in w for w in name_words(facts.name)) and integers >= 0.9 \
            and low >= 1800 and high <= 2200:
        return _verdict("number", 0.7, evidence + ["years"], fmt, True)
    if "identifier" in hints and integers >= 0.95 and low >= 0 \
            and not hints & {"quantity", "money", "percentage"}:
        evidence.append("whole numbers named as an identifier"
                        + (", every value distinct" if unique else ""))
        return _verdict("identifier", 0.95 if unique else 0.85, evidence, fmt, True)
    two_decimals = sum(n for v, n in values if re.search(r"[.,]\d{2}$", v)) / total
    if "money" in hints and not hints & {"quantity", "percentage"}:
        return _verdict("money", max(0.8, two_decimals), evidence + ["named as an amount"],
                        fmt, True)
    if "percentage" in hints and low >= 0 and high <= 100:
        return _verdict("percentage", 0.85, evidence + [f"values {low:g} to {high:g}"],
                        fmt, True)
    if "quantity" in hints and integers >= 0.9:
        return _verdict("quantity", 0.85, evidence + ["whole numbers named as a quantity"],
                        fmt, True)
    if facts.is_first and unique and integers >= 0.99 and low >= 0:
        evidence.append("first column, whole numbers, every value distinct")
        return _verdict("identifier", 0.75, evidence, fmt)
    if two_decimals >= 0.9 and integers < 0.5:
        evidence.append(f"{two_decimals:.0%} have two decimals, as amounts do")
        return _verdict("money", 0.7 * two_decimals, evidence, fmt)
    if integers < 0.5 and low >= 0 and high <= 1:
        evidence.append("fractions between 0 and 1")
        return _verdict("percentage", 0.6, evidence, fmt)
    evidence.append(f"numbers from {low:g} to {high:g}")
    return _verdict("number", 0.6, evidence, fmt)


def _quantile(weighted: list[tuple[float, int]], q: float) -> float:
    """The q-quantile of sorted (value, count) pairs; 0 when there are none."""
    total = sum(n for _, n in weighted)
    seen = 0
    for value, count in weighted:
        seen += count
        if seen >= q * total:
            return value
    return weighted[-1][0] if weighted else 0.0


def _to_float(text: str, decimal: str | None = None) -> float | None:
    """A number written with either separator; ``decimal`` settles '1.234'."""
    cleaned = text.replace(" ", "").replace("'", "")
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    comma_groups = re.match(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$", cleaned)
    dot_groups = re.match(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$", cleaned)
    if comma_groups and decimal != ",":
        cleaned = cleaned.replace(",", "")
    elif dot_groups and decimal != ".":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _decimal_separator(values, evidence) -> str | None:
    """',' or '.' when the values prove it: a separator followed by one or two
    digits at the end, or thousands groups before the other separator."""
    votes = Counter()
    for value, count in values:
        number = re.sub(r"[^\d.,]", "", value)
        # '0,130' and '0.175': no thousands group starts with a zero
        if re.search(r"\d,\d{1,2}$", number) or re.search(r"\.\d{3},\d+$", number) \
                or re.fullmatch(r"0,\d+", number):
            votes[","] += count
        elif re.search(r"\d\.\d{1,2}$", number) or re.search(r",\d{3}\.\d+$", number) \
                or re.fullmatch(r"0\.\d+", number):
            votes["."] += count
    if not votes:
        return None
    separator, count = votes.most_common(1)[0]
    if count < 0.8 * sum(votes.values()):
        evidence.append("decimal separator unclear: both ',' and '.' end values")
        return None
    evidence.append(f"decimal separator {separator!r}")
    return separator


# ------------------------------------------------------------------ dates
def _date_order(values, evidence) -> str | None:
    """'ymd', 'dmy' or 'mdy' as the values prove it; a dotted date without proof
    is day-first by convention, flagged as a guess."""
    first_big = second_big = year_first = dotted = seen = 0
    for value, count in values:
        match = re.match(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})", value)
        if not match:
            continue
        a, sep, b, c = match.groups()
        seen += count
        if len(a) == 4:
            year_first += count
            continue
        if len(c) < 4:
            continue
        dotted += count if sep == "." else 0
        first_big += count if int(a) > 12 else 0
        second_big += count if int(b) > 12 else 0
    if not seen:
        return None
    if year_first >= 0.5 * seen:
        return "ymd"
    if first_big and second_big:
        share = first_big / (first_big + second_big)
        if share >= 0.95:
            evidence.append(f"day first: {first_big} values have a first field above 12 "
                            f"({second_big} a second)")
            return "dmy"
        if share <= 0.05:
            evidence.append(f"month first: {second_big} values have a second field above 12 "
                            f"({first_big} a first)")
            return "mdy"
        evidence.append("date order unclear: both fields exceed 12 in many values")
        return None
    if first_big:
        evidence.append(f"day first: {first_big} values have a first field above 12")
        return "dmy"
    if second_big:
        evidence.append(f"month first: {second_big} values have a second field above 12")
        return "mdy"
    if dotted >= 0.5 * seen:
        evidence.append("guess: day first, as dotted dates are by convention "
                        "(no field above 12 proves it)")
        return "dmy"
    evidence.append("date order not proven: no field above 12")
    return None


def _temporal(facts, hints, values, evidence, kind, share) -> Verdict:
    fmt = _no_format()
    fmt["order"] = _date_order(values, evidence)
    years = [y for y in (_year(v) for v, _ in values) if y]
    if kind == "date" and years:
        oldest, newest = min(years), max(years)
        if "birth_date" in hints:
            evidence.append(f"named as a birth date; years {oldest}-{newest}")
            return _verdict("birth_date", share, evidence, fmt, True)
    return _verdict(kind, share, evidence, fmt, kind in hints or "date" in hints)


# ------------------------------------------------------------------ text
def _text(facts, hints, values, evidence) -> Verdict:
    given, family = vocab.person_names()
    countries, divisions = vocab.countries(), vocab.subdivisions()
    currencies = vocab.currencies()

    def person(value: str, words: frozenset[str]) -> bool:
        tokens = [t for t in _tokens(value) if t not in NAME_PARTICLES]
        return bool(tokens) and len(tokens) <= 3 and all(t in words for t in tokens) \
            and not any(ch.isdigit() for ch in value)

    def full_name(value: str) -> bool:
        tokens = _tokens(value)
        return 2 <= len(tokens) <= 5 and tokens[0] in given and tokens[-1] in family \
            and not any(ch.isdigit() for ch in value)

    tests = {
        "email": lambda v: bool(EMAIL.match(v)),
        "url": lambda v: bool(URL.match(v)),
        "ip_address": lambda v: bool(IPV4.match(v) or (":" in v and IPV6.match(v))),
        "uuid": lambda v: bool(UUID.match(v)),
        "timestamp": lambda v: bool(TIMESTAMP.match(v)),
        "date": lambda v: bool(DATE.match(v)),
        "percent": lambda v: bool(PERCENT.match(v)),
        # amounts with a currency mark, and plain numbers with decimals beside them
        "money": lambda v: _money_text(v) or (_is_number(v) and bool(re.search(
            r"\d[.,]\d{1,2}\)?$", v))),
        "payment_card": lambda v: (bool(re.match(r"^[\d -]{13,23}$", v)) and luhn(v))
        or iban(v),
        "national_id": lambda v: bool(SSN.match(v)),
        "phone": _phone_text,
        "secret": lambda v: bool(HEX_SECRET.match(v)) and len(set(v)) >= 10,
        "boolean": lambda v: vocab.fold(v) in BOOLEANS,
        "gender": lambda v: vocab.fold(v) in GENDERS,
        "country": lambda v: vocab.fold(v) in countries,
        "currency": lambda v: vocab.fold(v) in currencies or v.strip() in vocab.CURRENCY_SIGNS,
        "region": lambda v: vocab.fold(v) in divisions,
        "postal_code": lambda v: bool(POSTAL.match(v)),
        "first_name": lambda v: person(v, given),
        "last_name": lambda v: person(v, family),
        "full_name": full_name,
        "company": lambda v: bool(COMPANY.search(v)) and not any(c == "@" for c in v),
        "street_address": lambda v: bool(STREET.match(v)) and any(c.isalpha() for c in v),
        "product_code": lambda v: bool(PRODUCT_CODE.match(v)),
        "username": lambda v: bool(USERNAME.match(v)),
    }
    shares = _shares(values, tests)
    total = sum(n for _, n in values)
    distinct = len(values)
    lengths = sum(len(v) * n for v, n in values) / total
    words = sum(len(v.split()) * n for v, n in values) / total
    strong = [s for s in shares.items() if s[1] > 0.05]
    if strong:
        evidence.append("values: " + ", ".join(f"{k} {s:.0%}" for k, s in
                                               sorted(strong, key=lambda s: -s[1])[:4]))

    def wins(kind: str, share_kind: str | None = None, bar: float = MAJORITY) -> bool:
        share = shares[share_kind or kind]
        return share >= bar or (kind in hints and share >= WITH_NAME)

    fmt = _no_format()
    # strong syntax first
    for kind in ("email", "url", "ip_address"):
        if wins(kind):
            return _verdict(kind, shares[kind], evidence, fmt, kind in hints)
    if wins("identifier", "uuid", 0.5):
        evidence.append("UUIDs")
        return _verdict("identifier", shares["uuid"], evidence, fmt, "identifier" in hints)
    if shares["timestamp"] >= WITH_NAME and shares["timestamp"] + shares["date"] >= MAJORITY:
        return _temporal(facts, hints, values, evidence, "timestamp",
                         shares["timestamp"] + shares["date"])
    if shares["date"] >= MAJORITY or (hints & {"date", "birth_date"}
                                      and shares["date"] >= WITH_NAME):
        return _temporal(facts, hints, values, evidence, "date", shares["date"])
    if wins("payment_card"):
        evidence.append("card numbers with a valid Luhn digit, or IBANs with valid check "
                        "digits")
        return _verdict("payment_card", shares["payment_card"], evidence, fmt)
    if wins("national_id"):
        return _verdict("national_id", shares["national_id"], evidence, fmt)
    if shares["percent"] >= MAJORITY:
        fmt["decimal_separator"] = _decimal_separator(values, evidence)
        return _verdict("percentage", shares["percent"], evidence, fmt, "percentage" in hints)
    if shares["money"] >= MAJORITY or ("money" in hints and shares["money"] >= WITH_NAME):
        fmt["decimal_separator"] = _decimal_separator(values, evidence)
        fmt["currency"] = _currency(values, facts.name, evidence)
        return _verdict("money", shares["money"], evidence, fmt, "money" in hints)
    if shares["phone"] >= MAJORITY or ("phone" in hints and shares["phone"] >= WITH_NAME):
        fmt["default_region"] = _default_region(values, evidence)
        return _verdict("phone", shares["phone"], evidence, fmt, "phone" in hints)
    if wins("secret") and lengths >= 32:
        return _verdict("secret", shares["secret"], evidence, fmt, "secret" in hints)
    if "secret" in hints and distinct >= 0.9 * len(values) and " " not in values[0][0]:
        evidence.append("named as a secret")
        return _verdict("secret", 0.7, evidence, fmt, True)
    # small closed sets
    folded = {vocab.fold(v) for v, _ in values}
    if shares["boolean"] >= 0.95 and len(folded) <= 12 and (
            len(folded & BOOLEANS) >= 2 or "boolean" in hints):
        return _verdict("boolean", shares["boolean"], evidence, fmt, "boolean" in hints)
    if (shares["gender"] >= 0.9 or "gender" in hints and shares["gender"] >= MAJORITY) \
            and len(folded) <= 20 and (len(folded) >= 2 or "gender" in hints):
        return _verdict("gender", shares["gender"], evidence, fmt, "gender" in hints)
    if "identifier" in hints and id_last(facts.name) and words <= 1.05 and lengths <= 16 \
            and " " not in values[0][0]:
        few = facts.distinct < 10
        evidence.append("short codes named as an identifier" + (
            " (few values: a coded category)" if few else ""))
        return _verdict("category" if few else "identifier", 0.75, evidence, fmt, True)
    if wins("currency", bar=0.9) and distinct <= 200:
        return _verdict("currency", shares["currency"], evidence, fmt, "currency" in hints)
    if wins("country", bar=0.8) and "region" not in hints:
        return _verdict("country", shares["country"], evidence, fmt, "country" in hints)
    named_city = "city" in hints and "region" not in hints
    if not named_city and (wins("region", bar=0.8) and shares["region"] > shares["country"]
                           or "region" in hints and shares["region"] >= WITH_NAME):
        return _verdict("region", shares["region"], evidence, fmt, "region" in hints)
    if wins("country", bar=0.8):
        return _verdict("country", shares["country"], evidence, fmt, "country" in hints)
    if "postal_code" in hints and shares["postal_code"] >= WITH_NAME:
        return _verdict("postal_code", shares["postal_code"], evidence, fmt, True)
    # people and places
    name_kind = _person_kind(shares, hints)
    if name_kind:
        return _verdict(name_kind, shares[name_kind], evidence, fmt, name_kind in hints)
    if wins("street_address", bar=0.7) and words >= 2:
        return _verdict("street_address", shares["street_address"], evidence, fmt,
                        "street_address" in hints)
    if "city" in hints and "money" not in hints and words <= 4:
        evidence.append("named as a city; words of place-name shape")
        return _verdict("city", 0.75, evidence, fmt, True)
    if wins("company", bar=0.5):
        return _verdict("company", shares["company"], evidence, fmt, "company" in hints)
    if shares["product_code"] >= MAJORITY or ("product_code" in hints
                                              and shares["product_code"] >= WITH_NAME):
        return _verdict("product_code", shares["product_code"], evidence, fmt,
                        "product_code" in hints)
    if "identifier" in hints and (facts.distinct >= 0.5 * facts.non_null
                                  or shares["product_code"] >= WITH_NAME) \
            and words <= 1.2:
        evidence.append("named as an identifier, codes")
        return _verdict("identifier", 0.7, evidence, fmt, True)
    if "username" in hints and shares["username"] >= MAJORITY:
        return _verdict("username", shares["username"], evidence, fmt, True)
    if "free_text" in hints or (lengths >= 30 and words >= 5
                                and facts.distinct >= 0.5 * facts.non_null):
        evidence.append(f"text: {lengths:.0f} characters and {words:.1f} words on average")
        verdict = _verdict("free_text", 0.7, evidence, fmt, "free_text" in hints)
        verdict.personal = _personal_text(values, evidence)
        return verdict
    if "company" in hints and words <= 6:
        evidence.append("named as a company")
        return _verdict("company", 0.6, evidence, fmt, True)
    if facts.non_null >= 10 and facts.distinct >= 0.98 * facts.non_null and lengths <= 12 \
            and all(re.fullmatch(r"[\w.#/-]+", v) for v, _ in values):
        evidence.append("short codes, every value distinct: an identifier")
        return _verdict("identifier", 0.7, evidence, fmt, "identifier" in hints)
    few = facts.distinct <= max(30, 0.05 * facts.non_null)
    evidence.append(f"{facts.distinct} distinct values" + (", a small set" if few else ""))
    if few or "category" in hints:
        return _verdict("category", 0.7 if few else 0.5, evidence, fmt, "category" in hints)
    if words >= 3:
        return _verdict("free_text", 0.5, evidence, fmt)
    return _verdict("category", 0.4, evidence, fmt)


EMAIL_INSIDE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_INSIDE = re.compile(r"(\+|\b)\d[\d ()./-]{6,}\d\b")
CONTACT_WORDS = re.compile(r"\b(call|phone|ring|email|e-mail|mail|contact|my name|"
                           r"ask for|neighbou?r|leave with)\b", re.I)


def _personal_text(values, evidence) -> bool:
    """Whether free text holds contact details: e-mails, phone numbers, or the
    words people write them with, in at least 1% of the values."""
    total = sum(n for _, n in values) or 1
    hits = sum(n for v, n in values if EMAIL_INSIDE.search(v) or PHONE_INSIDE.search(v)
               or CONTACT_WORDS.search(v))
    if hits / total >= 0.01:
        evidence.append(f"{hits / total:.0%} of the texts hold contact details")
        return True
    return False


def _person_kind(shares: dict, hints: set) -> str | None:
    """first_name, last_name or full_name when the name lists recognise the
    values (the two lists share many words: the column's name decides between
    them, else the list that knows clearly more of the values)."""
    first, last, full = shares["first_name"], shares["last_name"], shares["full_name"]
    if full >= 0.5 and full > max(first, last):
        return "full_name"
    if "first_name" in hints and first >= WITH_NAME:
        return "first_name"
    if "last_name" in hints and last >= WITH_NAME:
        return "last_name"
    if "full_name" in hints and full >= WITH_NAME:
        return "full_name"
    if hints & {"category", "company", "city", "street_address", "product_code", "free_text"}:
        return None
    if first >= 0.7 and first >= last + 0.15:
        return "first_name"
    if last >= 0.7 and last >= first + 0.15:
        return "last_name"
    return None


def _money_text(value: str) -> bool:
    match = MONEY.match(value)
    if not match or not (match.group("pre") or match.group("post")):
        return bool(match) and value.startswith("(") and value.endswith(")")
    mark = (match.group("pre") or match.group("post") or "").strip()
    return mark in vocab.CURRENCY_SIGNS or mark.lower() in vocab.currencies() \
        or mark in ("$", "€", "£", "¥", "₹")


def _currency(values, name: str, evidence) -> str | None:
    found = Counter()
    for value, count in values:
        for code in re.findall(r"\b[A-Z]{3}\b", value):
            if code.lower() in vocab.currencies():
                found[code] += count
        for sign, code in vocab.CURRENCY_SIGNS.items():
            if code and sign in value and not re.search(r"[A-Z]{1,2}\$", value.replace(
                    sign, "", 1) if sign != "$" else value.replace("$", "")):
                found[code] += count
                break
    if not found:
        for word in name_words(name):
            if word in vocab.currencies():
                evidence.append(f"currency {word.upper()} from the column's name")
                return word.upper()
        return None
    code, count = found.most_common(1)[0]
    if count < 0.8 * sum(found.values()):
        evidence.append("several currencies: " + ", ".join(found))
        return None
    evidence.append(f"currency {code}" + (" (the sign '$' is also other dollars')"
                                          if code == "USD" and not any(
                                              "USD" in v for v, _ in values) else ""))
    return code


def _phone_text(value: str) -> bool:
    digits = len(DIGITS.findall(value.split("x")[0].split("ext")[0]))
    return bool(PHONE.match(value)) and 7 <= digits <= 15 and not DATE.match(value) \
        and not re.match(r"^\d{1,3}([.,]\d{3})*([.,]\d+)?$", value)


def _writing_weight(trunk: str, dialled: bool, digits: str) -> float:
    """How likely a number is written so in a region: with its trunk prefix
    (030... in Germany), 1; without a trunk prefix the region has (people
    write it: 30... is rare), 0.3, but for North America's optional 1; a
    leading 0 that is part of the number (Italy), 0.5."""
    if dialled or trunk in ("", "1"):
        return 0.5 if not trunk and digits.startswith("0") else 1.0
    return 0.3


def _default_region(values, evidence) -> str | None:
    """The region whose numbering plan holds most of the numbers written without
    an international prefix (trunk prefix taken off), among the regions that dial
    abroad the way the column's other numbers were written ('00 1 913...' is not
    written in North America, which dials 011)."""
    national, exits = Counter(), Counter()
    for value, count in values[:300]:
        text = value.strip()
        if text.startswith(("011", "00")):
            # dialled abroad: the exit prefix says where the writer dials from
            exits["011" if text.startswith("011") else "00"] += count
            continue
        if text.startswith("+") or text.lower().startswith("tel:"):
            continue
        digits = "".join(DIGITS.findall(re.split(r"(?i)\s*(x|ext\.?|#)\s*\d+$", text)[0]))
        if 6 <= len(digits) <= 15:
            national[digits] += count
    if not national:
        evidence.append("every number has an international prefix: no default region needed")
        return None
    dialled_from = exits.most_common(1)[0][0] if exits else None
    if dialled_from:
        evidence.append(f"{exits[dialled_from]} numbers dialled abroad with {dialled_from}: "
                        "the writer's country dials out so")
    hits, exit_of = Counter(), {}
    for region, _code, trunk, general, valid, exit_prefix in vocab.numbering_plan():
        exit_of[region] = exit_prefix
        for digits, count in national.items():
            dialled = bool(trunk) and digits.startswith(trunk)
            number = digits[len(trunk):] if dialled else digits
            if general.fullmatch(number) and valid.fullmatch(number):
                hits[region] += count * _writing_weight(trunk, dialled, digits)
    total = sum(national.values())
    if not hits:
        evidence.append("numbers without a prefix fit no country's numbering plan")
        return None
    leader = hits.most_common(1)[0][0]
    if dialled_from and not exit_of[leader].fullmatch(dialled_from):
        evidence.append(f"default region unclear: the numbers written nationally fit "
                        f"{leader}, which does not dial abroad with {dialled_from}")
        return None
    (region, count), *rest = hits.most_common(2)
    if count < 0.5 * total or (rest and rest[0][1] >= 0.8 * count):
        evidence.append(f"default region unclear: {region} holds {count} of {total} numbers "
                        "written nationally")
        return None
    evidence.append(f"default region {region}: its plan holds the numbers written without "
                    f"a prefix best ({count:g} of {total}, weighed by how they are written)")
    return region
