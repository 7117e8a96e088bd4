"""The discovery page: one static HTML file profiling every table discover found.

``render(discovery, profiles)`` turns discover's public JSON and its raw per-column
profiles into a page in the monitoring report's style (its CSS and its inline SVG
charts: no script, nothing fetched); ``write_page`` writes it.

The profiles hold raw values, so every value taken from the data (top values,
min, max, chart labels, evidence) goes through ``mask`` with the column's
proposed privacy operation before it reaches the page. A direct identifier or a
secret whose operation would leave its values readable is withheld instead, and
its value-bearing charts (histogram, timeline) are not drawn.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from pathlib import Path

from fashion_retail.report import charts
from fashion_retail.report.report import CSS as REPORT_CSS
from fashion_retail.report.report import _pct

PROTECTED_CLASSES = frozenset({"direct_identifier", "secret"})
#: operations whose output does not show a protected column's value
CONCEALING = frozenset({"drop", "hash", "pseudonymize", "redact_email", "add_phone_noise"})
#: operations under which bin edges and months may be shown (after masking)
NUMERIC_CHART_OPS = frozenset({"none", "generalize_amount", "generalize_age"})
TIMELINE_OPS = frozenset({"none", "generalize_date", "generalize_age"})

HISTOGRAM_TYPES = frozenset({"money", "number", "quantity", "percentage", "age"})
TIMELINE_TYPES = frozenset({"date", "timestamp", "birth_date"})
TOP_VALUE_TYPES = frozenset({"category", "boolean", "gender", "country", "region", "currency",
                             "city", "company", "product_code", "postal_code"})
#: operations the privacy layer performs with the PII key: withheld on the page
KEYED = frozenset({"pseudonymize", "hash"})
LABEL_CHARS = 32
VALUE_CHARS = 60

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
ISO_MONTH = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})")
DAY_FIRST_OR_MONTH_FIRST = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
YEAR = re.compile(r"(?<!\d)(1[89]\d{2}|2\d{3})(?!\d)")

PAGE_CSS = REPORT_CSS + """
table.columns td,table.columns th{text-align:left;vertical-align:top}
figure.small{max-width:640px}code{font-size:.8rem}h3{margin-top:2rem}
h4{margin:1.2rem 0 .2rem}.withheld{color:#a33}
"""


# ---------------------------------------------------------------- masking
def mask(value: object, operation: str | None, *, order: str | None = None,
         decimal_separator: str | None = None) -> str:
    """``value`` as the page may show it under the privacy ``operation``.

    ``order`` (dmy, mdy, ymd) and ``decimal_separator`` are the column's format,
    used to read dates and amounts. ``drop`` and ``scrub_text`` withhold the value
    (a scrubber simple enough for a page would let lower-case names through), as
    do ``pseudonymize`` and ``hash`` (keyed in the privacy layer; a page-side
    hash without the key is undone by hashing likely values), an operation the
    page does not know and a value it cannot read.
    """
    if value is None:
        return ""
    text = str(value)
    op = operation or "none"
    if op == "none":
        return text
    if op in KEYED:
        # the layer's keyed token needs the PII key; an unkeyed hash of an id or
        # a username would be undone by hashing the likely values
        return _withheld(op)
    masked = {
        "redact_email": _redact_email,
        "add_phone_noise": _phone_noise,
        "generalize_postal_code": _postal_prefix,
        "generalize_date": lambda t: _date_part(t, order, month=True),
        "generalize_age": lambda t: _age_band(t, order),
        "generalize_amount": lambda t: _amount_band(t, decimal_separator),
    }.get(op, lambda t: None)(text)
    return _withheld(op) if masked is None else masked


def _withheld(operation: str) -> str:
    return f"withheld ({operation})"


def _keep_ends(text: str) -> str:
    """First and last character kept, the rest starred: ``jane`` -> ``j**e``."""
    if len(text) <= 2:
        return text[:1] + "*" * (len(text) - 1) if len(text) == 2 else "*" * len(text)
    return text[0] + "*" * (len(text) - 2) + text[-1]


def _redact_email(text: str) -> str:
    """``jane.doe@gmail.com`` -> ``j******e@g***l.com``: the top-level domain kept."""
    local, at, domain = text.strip().rpartition("@")
    if not at:
        return _keep_ends(text.strip())
    labels = domain.split(".")
    masked = [_keep_ends(label) for label in labels[:-1]] + labels[-1:]
    return f"{_keep_ends(local)}@{'.'.join(masked) if len(labels) > 1 else _keep_ends(domain)}"


def _phone_noise(text: str) -> str:
    """The first three characters kept (a country or area code), every letter or
    digit after them replaced."""
    return text[:3] + re.sub(r"[^\W_]", "x", text[3:])


def _postal_prefix(text: str) -> str:
    """The first three characters (one, for a code of three or fewer) and ``**``."""
    code = text.strip()
    return (code[:3] if len(code) > 3 else code[:1]) + "**"


def _year_month(text: str, order: str | None) -> tuple[int, int | None] | None:
    """Year and (when it can be told) month of a date written ymd, dmy or mdy."""
    if match := ISO_MONTH.match(text):
        month = int(match.group(2))
        return int(match.group(1)), month if 1 <= month <= 12 else None
    if match := DAY_FIRST_OR_MONTH_FIRST.match(text):
        first, second = int(match.group(1)), int(match.group(2))
        if order == "mdy" or (order != "dmy" and second > 12):
            month = first
        elif order == "dmy" or first > 12:
            month = second
        else:
            month = None
        return int(match.group(3)), month if month and 1 <= month <= 12 else None
    if match := YEAR.search(text):
        return int(match.group(1)), None
    return None


def _date_part(text: str, order: str | None, month: bool) -> str | None:
    """``YYYY-MM`` (or ``YYYY`` without ``month`` or when the month is unclear)."""
    parts = _year_month(text, order)
    if parts is None:
        return None
    year, month_number = parts
    return f"{year}-{month_number:02d}" if month and month_number else str(year)


def _number(text: str, decimal_separator: str | None = None) -> float | None:
    """A number written with either decimal separator, currency signs around it."""
    digits = re.sub(r"[^\d,.\-]", "", text)
    if decimal_separator is None:
        if "," in digits and "." in digits:
            decimal_separator = "," if digits.rfind(",") > digits.rfind(".") else "."
        else:
            decimal_separator = "," if re.search(r",\d{1,2}$", digits) else "."
    thousands = "." if decimal_separator == "," else ","
    digits = digits.replace(thousands, "").replace(decimal_separator, ".")
    try:
        number = float(digits)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _band(number: float, width: float) -> str:
    """The band of ``width`` holding ``number``, both ends whole: ``40000-49999``."""
    low = math.floor(number / width) * width
    high = low + width - 1
    return f"{low:.0f}-{high:.0f}" if low >= 0 else f"{low:.0f} to {high:.0f}"


def _amount_band(text: str, decimal_separator: str | None) -> str | None:
    """An amount as the band of its leading digit: 45123.50 -> 40000-49999."""
    number = _number(text, decimal_separator)
    if number is None:
        return None
    return _band(number, 10 ** max(1, math.floor(math.log10(abs(number) or 1))))


def _age_band(text: str, order: str | None) -> str | None:
    """An age as its decade (37 -> 30-39); a birth date as its year."""
    if re.fullmatch(r"\s*\d{1,3}(?:[.,]\d+)?\s*", text):
        return _band(_number(text) or 0.0, 10)
    return _date_part(text, order, month=False)


def column_operation(column: dict) -> str:
    """The operation the page masks ``column`` with: its proposed one, or ``drop``
    for a direct identifier or secret whose proposed one would leave it readable."""
    operation = column.get("privacy_operation") or "none"
    if column.get("pii_class") in PROTECTED_CLASSES and operation not in CONCEALING:
        return "drop"
    return operation


def shape(text: str) -> str:
    """A value shape with every letter and digit folded to ``a``/``A``/``9``, so a
    shape from the profile can carry no letter of a value."""
    return "".join("9" if ch.isdigit() else ("A" if ch.isupper() else "a") if ch.isalpha()
                   else ch for ch in str(text))


# ---------------------------------------------------------------- formatting
def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _count(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else \
        ("" if value is None else str(value))


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _slug(*parts: object) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(str(p) for p in parts)).strip("-")


def _masker(column: dict):
    """mask() bound to the column's operation and format."""
    operation = column_operation(column)
    fmt = column.get("format") or {}

    def apply(value: object) -> str:
        return mask(value, operation, order=fmt.get("order"),
                    decimal_separator=fmt.get("decimal_separator"))
    return apply


def _format_text(fmt: dict | None) -> str:
    """The column's formats as one short phrase."""
    fmt = fmt or {}
    labels = (("order", "order"), ("decimal_separator", "decimal"), ("currency", "currency"),
              ("default_region", "region"))
    parts = [f"{label} {fmt[key]!r}" if key == "decimal_separator" else f"{label} {fmt[key]}"
             for key, label in labels if fmt.get(key)]
    return ", ".join(parts)


def _evidence(column: dict, profile: dict | None) -> str:
    """The column's evidence, any raw value of the profile in it masked."""
    text = "; ".join(str(e) for e in column.get("evidence") or [])
    operation = column_operation(column)
    if operation == "none" or not text:
        return text
    masker = _masker(column)
    raw = {str(v) for v, _ in (profile or {}).get("top_values") or []}
    raw |= {str((profile or {}).get(k)) for k in ("min", "max") if (profile or {}).get(k)}
    for value in sorted((v for v in raw if len(v) >= 2), key=len, reverse=True):
        text = text.replace(value, masker(value))
    if column.get("pii_class") in PROTECTED_CLASSES:
        text = EMAIL.sub(lambda m: _redact_email(m.group(0)), text)
    return text


# ---------------------------------------------------------------- charts
def _merged(labels: list[str], counts: list[float]) -> tuple[list[str], list[float]]:
    """Counts summed over equal labels (masking can make values equal), in order."""
    totals: dict[str, float] = {}
    for label, n in zip(labels, counts):
        totals[label] = totals.get(label, 0) + (n or 0)
    return list(totals), list(totals.values())


def _histogram(chart_id: str, title: str, column: dict, profile: dict) -> str | None:
    """Bars of the histogram's bins; under a generalising operation each bin is
    labelled with the band of its middle and equal bands merged."""
    operation = column_operation(column)
    bins = profile.get("histogram")
    if not bins or operation not in NUMERIC_CHART_OPS:
        return None
    if operation == "none":
        labels = [f"{_num(lo)} to {_num(hi)}" for lo, hi, _ in bins]
    else:
        labels = [mask(str((lo + hi) / 2), operation) for lo, hi, _ in bins]
    labels, counts = _merged(labels, [n for _, _, n in bins])
    return charts.bars(chart_id, title, labels, {"rows": counts}, width=640, row=14)


def _timeline(chart_id: str, title: str, column: dict, profile: dict) -> str | None:
    """Rows per month (per year when the operation keeps only the year)."""
    operation = column_operation(column)
    months = profile.get("timeline")
    if not months or operation not in TIMELINE_OPS:
        return None
    labels, counts = _merged([mask(label, operation) for label, _ in months],
                             [n for _, n in months])
    dates = []
    for label in labels:
        match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", label)
        if not match or not 1 <= int(match.group(2) or 1) <= 12:
            return None
        dates.append(dt.date(int(match.group(1)), int(match.group(2) or 1), 1))
    return charts.time_series(chart_id, title, [charts.Series("rows", dates, counts)],
                              width=640, height=160)


def _top_values(chart_id: str, title: str, column: dict, profile: dict) -> str | None:
    """Bars of the most frequent values, masked (and merged where masking joins them)."""
    top = profile.get("top_values")
    if not top or column_operation(column) == "drop":
        return None
    masker = _masker(column)
    labels, counts = _merged([_short(masker(v), LABEL_CHARS) for v, _ in top],
                             [n for _, n in top])
    return charts.bars(chart_id, title, labels, {"rows": counts}, width=640, row=14)


def _lengths(chart_id: str, title: str, column: dict, profile: dict) -> str | None:
    """Bars of value lengths (in at most 15 bands when there are more); none for a
    secret."""
    lengths = profile.get("lengths")
    if not lengths or column.get("pii_class") == "secret":
        return None
    longest = max(int(length) for length, _ in lengths)
    width = 1 if len(lengths) <= 15 else max(1, math.ceil((longest + 1) / 15))
    labels = [str(int(length)) if width == 1 else
              f"{int(length) // width * width}-{int(length) // width * width + width - 1}"
              for length, _ in sorted(lengths)]
    labels, counts = _merged(labels, [n for _, n in sorted(lengths)])
    return charts.bars(chart_id, title, labels, {"values": counts}, width=640, row=14)


CHARTS = {"histogram": (_histogram, "distribution"), "timeline": (_timeline, "rows over time"),
          "top": (_top_values, "most frequent values"), "lengths": (_lengths, "value lengths")}


def chart_kind(semantic_type: str | None, profile: dict) -> str | None:
    """The chart for a column: by semantic type, else by what its profile holds."""
    by_type = ("histogram" if semantic_type in HISTOGRAM_TYPES else
               "timeline" if semantic_type in TIMELINE_TYPES else
               "top" if semantic_type in TOP_VALUE_TYPES else "lengths")
    keys = {"histogram": "histogram", "timeline": "timeline", "top": "top_values",
            "lengths": "lengths"}
    if profile.get(keys[by_type]):
        return by_type
    return next((kind for kind, key in keys.items() if profile.get(key)), None)


def _column_chart(chart_id: str, table: str, column: dict, profile: dict) -> str:
    """The column's figure, or a line saying why there is none."""
    kind = chart_kind(column.get("semantic_type"), profile)
    if kind is None:
        return ""
    draw, caption = CHARTS[kind]
    svg = draw(chart_id, f"{table}.{column.get('name')}: {caption}", column, profile)
    if svg is None:
        return (f'<p class="meta withheld">{_esc(caption)}: not shown '
                f"({_esc(column_operation(column))})</p>")
    return f'<figure class="small" id="{chart_id}">{svg}</figure>'


# ---------------------------------------------------------------- sections
def _html_table(header: list[str], rows: list[list[str]], css: str = "columns") -> str:
    """A table of already escaped cells."""
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _columns_table(table: dict, profiles: dict) -> str:
    rows = []
    for column in table.get("columns") or []:
        confidence = column.get("confidence")
        semantic = _esc(column.get("semantic_type") or "")
        if confidence is not None:
            semantic += f" ({float(confidence):.2f})"
        rows.append([_esc(column.get("name")), _esc(column.get("physical_type")), semantic,
                     _esc(column.get("pii_class")), _esc(column.get("privacy_operation")),
                     _esc(_format_text(column.get("format"))), _pct(column.get("null_rate")),
                     _count(column.get("distinct")),
                     _esc(_evidence(column, profiles.get(column.get("name"))))])
    return _html_table(["column", "physical type", "semantic type (confidence)", "PII class",
                        "privacy operation", "formats", "null rate", "distinct", "evidence"],
                       rows)


def _column_facts(column: dict, profile: dict) -> str:
    """Min, max, lengths, nulls and value shapes of one column, values masked."""
    masker = _masker(column)
    facts = []
    if profile.get("min") is not None or profile.get("max") is not None:
        facts.append(f"min <code>{_esc(_short(masker(profile.get('min')), VALUE_CHARS))}"
                     f"</code>, max <code>"
                     f"{_esc(_short(masker(profile.get('max')), VALUE_CHARS))}</code>")
    if profile.get("min_length") is not None:
        mean = profile.get("mean_length")
        facts.append(f"length {_count(profile.get('min_length'))} to "
                     f"{_count(profile.get('max_length'))}"
                     + (f" (mean {float(mean):.1f})" if mean is not None else ""))
    if profile.get("nulls") is not None:
        tokens = profile.get("null_like")
        # a CSV's reader reads the tokens as nulls: their number is not known apart
        detail = "null-like tokens among them" if tokens is None else \
            f"{_count(tokens)} null-like tokens"
        facts.append(f"{_count(profile.get('nulls'))} nulls of {_count(profile.get('rows'))} "
                     f"rows ({detail})")
    shapes = ", ".join(f"<code>{_esc(_short(shape(s), VALUE_CHARS))}</code> {_pct(share)}"
                       for s, share in profile.get("shapes") or [])
    if shapes:
        facts.append(f"shapes: {shapes}")
    return "".join(f'<p class="meta">{f}</p>' for f in facts)


def _column_section(t_index: int, c_index: int, table: str, column: dict,
                    profile: dict | None) -> str:
    name = column.get("name")
    head = (f"<h4>{_esc(name)} <span class=\"meta\">{_esc(column.get('semantic_type'))}, "
            f"{_esc(column.get('pii_class'))}, {_esc(column.get('privacy_operation'))}</span>"
            "</h4>")
    if not profile:
        return head + '<p class="meta">no profile</p>'
    chart_id = _slug("t", t_index, "c", c_index, table, name)
    return head + _column_facts(column, profile) + _column_chart(chart_id, table, column,
                                                                 profile)


def _table_section(t_index: int, table: dict, profiles: dict) -> str:
    """One table: its facts, its columns table and a block per column."""
    name = table.get("name")
    table_profiles = profiles.get(name) or {}
    key = ", ".join(table.get("primary_key") or []) or "none found"
    parts = [f'<h2 id="{_slug("table", t_index, name)}">{_esc(name)}</h2>',
             f'<p class="meta">Source {_esc(table.get("source"))}; '
             f"{_count(table.get('rows'))} rows; primary key {_esc(key)}; "
             f"access {_esc(table.get('access'))}.</p>",
             _columns_table(table, table_profiles)]
    for c_index, column in enumerate(table.get("columns") or []):
        parts.append(_column_section(t_index, c_index, name, column,
                                     table_profiles.get(column.get("name"))))
    return "".join(parts)


def _joined(columns: list | None) -> str:
    return ", ".join(str(c) for c in columns or [])


def _foreign_keys(discovery: dict) -> str:
    rows = [[_esc(f"{fk.get('from_table')} ({_joined(fk.get('from_columns'))})"),
             _esc(f"{fk.get('to_table')} ({_joined(fk.get('to_columns'))})"),
             _pct(fk.get("coverage"))] for fk in discovery.get("foreign_keys") or []]
    return _html_table(["from", "to", "coverage"], rows) if rows else \
        '<p class="meta">None found.</p>'


def _dependencies(discovery: dict) -> str:
    rows = [[_esc(fd.get("table")), _esc(_joined(fd.get("determinant"))),
             _esc(_joined(fd.get("dependent")))]
            for fd in discovery.get("functional_dependencies") or []]
    return _html_table(["table", "determinant", "dependent"], rows) if rows else \
        '<p class="meta">None found.</p>'


def _entities(discovery: dict) -> str:
    rows = [[_esc(e.get("table")), _esc(e.get("entity")), _esc(_joined(e.get("columns")))]
            for e in discovery.get("entities") or []]
    return _html_table(["table", "entity", "columns"], rows) if rows else \
        '<p class="meta">None found.</p>'


RELATIONS = [("foreign-keys", "Foreign keys", _foreign_keys),
             ("functional-dependencies", "Functional dependencies", _dependencies),
             ("entities", "Entities", _entities)]


# ---------------------------------------------------------------- page
def render(discovery: dict, profiles: dict) -> str:
    """The whole page as one HTML string."""
    tables = discovery.get("tables") or []
    nav = [f'<li><a href="#{_slug("table", i, t.get("name"))}">{_esc(t.get("name"))}</a></li>'
           for i, t in enumerate(tables)]
    nav += [f'<li><a href="#{anchor}">{_esc(title)}</a></li>' for anchor, title, _ in RELATIONS]
    body = [_table_section(i, t, profiles or {}) for i, t in enumerate(tables)]
    body += [f'<h2 id="{anchor}">{_esc(title)}</h2>{section(discovery)}'
             for anchor, title, section in RELATIONS]
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>fashion_retail: discovered data</title>"
            f"<style>{PAGE_CSS}</style></head><body>"
            "<h1>fashion_retail: discovered data</h1>"
            f'<p class="meta">{len(tables)} table{"" if len(tables) == 1 else "s"} profiled '
            'by fashion_retail.discover '
            f"(discovery.json version {_esc(discovery.get('version'))}). Sample values are "
            "masked by each column's proposed privacy operation; direct identifiers and "
            "secrets show no value.</p>"
            f"<nav><ul>{''.join(nav)}</ul></nav>" + "".join(body) + "</body></html>")


def write_page(discovery: dict, profiles: dict, out: Path) -> None:
    """Write the page to ``out`` (its folder made if need be)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(discovery, profiles), encoding="utf-8")
