"""Words of column and table names, in several languages, as the English words
the canonical raw schema is named in.

A name is split into words (``discover.semantic.name_words``); each word, and
each part of a compound ('Kundennummer' = kunden + nummer,
'Registrierungsdatum' = registrierung + s + datum), is looked up here and
replaced by its English words. A word not here stays as it is (English names
need no entry). Entries are folded: lower case, no accents, ß as ss.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# word -> the canonical schema's English words. English abbreviations first,
# then German, French, Spanish, Italian, Portuguese and Dutch.
WORDS: dict[str, tuple[str, ...]] = {
    # --- identifiers and English abbreviations
    "no": ("id",), "nr": ("id",), "num": ("id",), "number": ("id",), "key": ("id",),
    "uuid": ("id",), "guid": ("id",), "ident": ("id",), "identifier": ("id",),
    "code": ("id",), "ref": ("id",), "cust": ("customer",), "client": ("customer",),
    "clients": ("customer",), "buyer": ("customer",), "shopper": ("customer",),
    "member": ("customer",), "members": ("customer",), "account": ("customer",),
    "customers": ("customer",), "clerk": ("employee",), "staff": ("employee",),
    "employees": ("employee",), "worker": ("employee",), "associate": ("employee",),
    "salesperson": ("employee",), "cashier": ("employee",), "agent": ("employee",),
    "personnel": ("employee",), "supplier": ("seller",), "suppliers": ("seller",),
    "vendor": ("seller",), "vendors": ("seller",), "sellers": ("seller",),
    "merchant": ("seller",), "partner": ("seller",), "item": ("product",),
    "items": ("product",), "article": ("product",), "articles": ("product",),
    "products": ("product",), "prod": ("product",), "style": ("product",),
    "shop": ("store",), "shops": ("store",), "stores": ("store",), "branch": ("store",),
    "outlet": ("store",), "location": ("store",), "boutique": ("store",),
    "orders": ("order",), "sale": ("order",), "sales": ("order",),
    "transaction": ("order",), "receipt": ("order",), "invoice": ("order",),
    "ticket": ("order",), "basket": ("order",), "purchase": ("order",),
    "lines": ("line",), "detail": ("line",), "details": ("line",), "entry": ("line",),
    "inventory": ("inventory",), "stock": ("inventory",), "stocks": ("inventory",),
    "snapshots": ("snapshot",), "onhand": ("on", "hand"), "qty": ("quantity",),
    "qnty": ("quantity",), "units": ("quantity",), "pcs": ("quantity",),
    "amt": ("amount",), "disc": ("discount",), "upd": ("updated",),
    "modified": ("updated",), "changed": ("updated",), "lastmodified": ("updated",),
    "ts": ("at",), "timestamp": ("at",), "time": ("at",), "dt": ("date",), "day": ("date",),
    "desc": ("name",), "description": ("name",), "title": ("name",), "label": ("name",),
    "tel": ("phone",), "telephone": ("phone",), "mobile": ("phone",), "cell": ("phone",),
    "mail": ("email",), "emailaddress": ("email",), "zip": ("postal", "code"),
    "zipcode": ("postal", "code"), "postcode": ("postal", "code"),
    "dob": ("date", "birth"), "birthday": ("date", "birth"), "birthdate": ("date", "birth"),
    "born": ("birth",), "sex": ("gender",), "firstname": ("first", "name"),
    "forename": ("first", "name"), "given": ("first",), "lastname": ("last", "name"),
    "surname": ("last", "name"), "family": ("last",), "addr": ("address",),
    "street": ("street", "address"), "town": ("city",), "province": ("state",),
    "county": ("state",), "prov": ("state",), "nation": ("country",), "ctry": ("country",),
    "cntry": ("country",), "colour": ("colour",), "color": ("colour",),
    "price": ("price",), "msrp": ("list", "price"), "rrp": ("list", "price"),
    "retail": ("list",), "cogs": ("cost",), "purchasing": ("cost",),
    "returns": ("returned",), "return": ("returned",), "refunded": ("returned",),
    "pay": ("payment",), "tender": ("payment", "method"), "paymenttype": ("payment", "method"),
    "joined": ("signup",), "registered": ("signup",), "registration": ("signup",),
    "created": ("signup",), "tier": ("tier",), "loyalty": ("loyalty",), "level": ("tier",),
    "consent": ("marketing", "opt"), "newsletter": ("marketing", "opt"),
    "optin": ("opt", "in"), "hired": ("hire",), "start": ("hire",), "fired": ("termination",),
    "terminated": ("termination",), "leaving": ("termination",), "exit": ("termination",),
    "dept": ("department",), "division": ("department",), "role": ("job", "title"),
    "jobtitle": ("job", "title"), "boss": ("manager",),
    "supervisor": ("manager",), "wage": ("salary",),
    "company": ("company",), "legal": ("company",), "firm": ("company",),
    "brand": ("brand",), "segment": ("tier",),
    "commission": ("commission", "rate"), "fee": ("commission",),
    "onboarded": ("onboarded",), "launched": ("launch",), "released": ("launch",),
    "release": ("launch",), "opened": ("opened",), "opening": ("opened",),
    "area": ("size", "sqm"), "sqm": ("sqm",), "sqft": ("sqm",), "remarks": ("notes",),
    "remark": ("notes",), "comment": ("notes",), "comments": ("notes",), "memo": ("notes",),
    "note": ("notes",), "ordered": ("on", "order"), "onorder": ("on", "order"),
    "incoming": ("on", "order"), "available": ("on", "hand"), "asof": ("snapshot",),
    "period": ("snapshot",), "linenumber": ("line", "number"), "seq": ("line", "number"),
    "sequence": ("line", "number"), "pos": ("line", "number"),
    "minor": ("minor",), "cents": ("minor",), "cent": ("minor",), "pence": ("minor",),
    # --- German
    "kunde": ("customer",), "kunden": ("customer",), "mitarbeiter": ("employee",),
    "personal": ("employee",), "angestellter": ("employee",), "verkaufer": ("employee",),
    "lieferant": ("seller",), "lieferanten": ("seller",), "hersteller": ("seller",),
    "artikel": ("product",), "produkt": ("product",), "produkte": ("product",),
    "ware": ("product",), "filiale": ("store",), "filialen": ("store",),
    "geschaft": ("store",), "laden": ("store",), "auftrag": ("order",),
    "auftrage": ("order",), "auftraege": ("order",), "bestellung": ("order",),
    "bestellungen": ("order",), "beleg": ("order",), "rechnung": ("order",),
    "positionen": ("line",), "lager": ("inventory",),
    "bestand": ("on", "hand"), "bestande": ("inventory",), "bestaende": ("inventory",),
    "bestellt": ("on", "order"), "nummer": ("id",), "kennung": ("id",),
    "vorname": ("first", "name"), "nachname": ("last", "name"),
    "familienname": ("last", "name"), "name": ("name",), "bezeichnung": ("name",),
    "beschreibung": ("name",), "telefon": ("phone",), "handy": ("phone",),
    "geburtsdatum": ("date", "birth"), "geburt": ("birth",), "geschlecht": ("gender",),
    "anrede": ("gender",), "strasse": ("street", "address"), "anschrift": ("street", "address"),
    "ort": ("city",), "stadt": ("city",), "wohnort": ("city",), "bundesland": ("state",),
    "bundesstaat": ("state",), "plz": ("postal", "code"), "postleitzahl": ("postal", "code"),
    "land": ("country",), "registrierung": ("signup",), "anmeldung": ("signup",),
    "kundenstufe": ("loyalty", "tier"), "stufe": ("tier",), "treue": ("loyalty",),
    "werbeeinwilligung": ("marketing", "opt", "in"), "werbung": ("marketing",),
    "werbe": ("marketing",), "einwilligung": ("opt", "in"), "geandert": ("updated", "at"),
    "aenderung": ("updated", "at"), "anderung": ("updated", "at"), "am": ("at",),
    "zeitstempel": ("at",), "datum": ("date",), "tag": ("date",),
    "eintritt": ("hire",), "eintrittsdatum": ("hire", "date"), "austritt": ("termination",),
    "stellenbezeichnung": ("job", "title"), "stelle": ("job",), "funktion": ("job", "title"),
    "abteilung": ("department",), "vorgesetzter": ("manager",), "gehalt": ("salary",),
    "jahresgehalt": ("salary",), "lohn": ("salary",), "firma": ("company", "name"),
    "unternehmen": ("company",), "marke": ("brand",), "markensegment": ("brand", "tier"),
    "ansprechpartner": ("contact",), "kontakt": ("contact",),
    "aufnahme": ("onboarded",), "provision": ("commission",), "satz": ("rate",),
    "provisionssatz": ("commission", "rate"), "warengruppe": ("category",),
    "kategorie": ("category",), "grosse": ("size",), "groesse": ("size",),
    "farbe": ("colour",), "saison": ("season",), "einstandspreis": ("cost",),
    "einkaufspreis": ("cost",), "kosten": ("cost",), "listenpreis": ("list", "price"),
    "verkaufspreis": ("list", "price"), "einfuhrung": ("launch",),
    "einfuehrung": ("launch",), "eroffnung": ("opened",), "eroeffnung": ("opened",),
    "verkaufsflache": ("size", "sqm"), "flache": ("size", "sqm"),
    "vertriebskanal": ("channel",), "kanal": ("channel",), "zahlungsart": ("payment", "method"),
    "zahlung": ("payment",), "bemerkung": ("notes",), "notiz": ("notes",),
    "menge": ("quantity",), "anzahl": ("quantity",), "einzelpreis": ("unit", "price"),
    "stuckpreis": ("unit", "price"), "rabatt": ("discount", "amount"),
    "nachlass": ("discount",), "retoure": ("returned",), "retouren": ("returned",),
    "ruckgabe": ("returned",), "stichtag": ("snapshot", "date"), "region": ("region",),
    "gebiet": ("region",), "preis": ("price",), "betrag": ("amount",),
    # --- French
    "fournisseur": ("seller",), "vendeur": ("employee",), "employe": ("employee",),
    "salarie": ("employee",), "produit": ("product",), "magasin": ("store",),
    "commande": ("order",), "ligne": ("line",), "numero": ("id",), "prenom": ("first", "name"),
    "nom": ("last", "name"), "courriel": ("email",),
    "naissance": ("birth",), "sexe": ("gender",), "adresse": ("street", "address"),
    "rue": ("street",), "ville": ("city",), "pays": ("country",), "marque": ("brand",),
    "taille": ("size",), "couleur": ("colour",), "matiere": ("material",), "prix": ("price",),
    "quantite": ("quantity",), "remise": ("discount",), "retour": ("returned",),
    "embauche": ("hire",), "salaire": ("salary",), "rayon": ("department",),
    # --- Spanish
    "proveedor": ("seller",), "empleado": ("employee",), "producto": ("product",),
    "tienda": ("store",), "pedido": ("order",), "linea": ("line",), "nombre": ("first", "name"),
    "apellido": ("last", "name"), "apellidos": ("last", "name"), "correo": ("email",),
    "nacimiento": ("birth",), "fecha": ("date",), "direccion": ("street", "address"),
    "ciudad": ("city",), "pais": ("country",), "talla": ("size",), "precio": ("price",),
    "cantidad": ("quantity",), "descuento": ("discount",), "devolucion": ("returned",),
    "salario": ("salary",), "sueldo": ("salary",),
    # --- Italian
    "fornitore": ("seller",), "dipendente": ("employee",), "prodotto": ("product",),
    "negozio": ("store",), "ordine": ("order",), "riga": ("line",), "cognome": ("last", "name"),
    "nome": ("first", "name"), "nascita": ("birth",), "indirizzo": ("street", "address"),
    "citta": ("city",), "paese": ("country",), "taglia": ("size",), "colore": ("colour",),
    "prezzo": ("price",), "quantita": ("quantity",), "sconto": ("discount",),
    "stipendio": ("salary",), "data": ("date",), "cliente": ("customer",),
    # --- Portuguese and Dutch
    "fornecedor": ("seller",), "funcionario": ("employee",), "loja": ("store",),
    "encomenda": ("order",), "sobrenome": ("last", "name"), "cidade": ("city",),
    "klant": ("customer",), "medewerker": ("employee",), "leverancier": ("seller",),
    "winkel": ("store",), "bestelling": ("order",), "regel": ("line",),
    "voornaam": ("first", "name"), "achternaam": ("last", "name"), "geboorte": ("birth",),
    "plaats": ("city",), "prijs": ("price",), "aantal": ("quantity",), "korting": ("discount",),
}
# connecting letters between the parts of a compound ('Auftrag-s-nummer')
LINKS = ("s", "es", "n", "en", "e")
STOP = frozenset({"of", "the", "de", "du", "des", "la", "le", "el", "der", "die", "das",
                  "m²", "m2", "in", "und", "and", "et", "y", "e"})


def fold(word: str) -> str:
    """Lower case, accents off, ß as ss: 'Größe' -> 'grosse'."""
    word = word.lower().replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


@cache
def _split(word: str) -> tuple[str, ...] | None:
    """A compound as lexicon entries, longest first part first; None when it
    does not split into known parts."""
    if word in WORDS:
        return (word,)
    for cut in range(len(word) - 3, 2, -1):
        head, rest = word[:cut], word[cut:]
        # a compound drops a word's final e: 'Filial-nummer' of 'Filiale'
        head = head if head in WORDS else head + "e"
        if head not in WORDS:
            continue
        for link in ("", *LINKS):
            if link and not rest.startswith(link):
                continue
            tail = _split(rest[len(link):]) if len(rest) - len(link) >= 2 else None
            if tail is not None:
                return (head, *tail)
    return None


def english(words: list[str]) -> list[str]:
    """Name words as the canonical schema's English words."""
    out: list[str] = []
    for word in words:
        folded = fold(word)
        if not folded or folded in STOP:
            continue
        parts = _split(folded)
        if parts is None:
            out.append(folded)
            continue
        for part in parts:
            out.extend(WORDS[part])
    return out


def split_name(name: str) -> list[str]:
    """A name's words: camelCase, snake_case, spaces, dots and hyphens."""
    spaced = re.sub(r"(?<=[a-zäöüß0-9])(?=[A-ZÄÖÜ])", " ", name)
    return [w for w in re.split(r"[^0-9a-zA-Zäöüßéèêáíóúñçàâîôûë²]+", spaced) if w]
