"""The telephone numbering plan of every country, from the metadata of
Google's libphonenumber (the ``phonenumbers`` package), rendered into
``seeds/reference/phone_numbering_plan.csv`` (the plan's home: one row per
region) and ``macros/cleansing/phone_numbering_plan.sql`` (the same facts,
assembled into the few regular expressions ``standardize_phone`` inlines).

    python -m fashion_retail.cleansing.numbering_plan [--check]

Per region: its country calling code, exit (international) prefix, trunk
(national) prefix as dialled and as parsed (with libphonenumber's rewrite
rule where a prefix carries digits, such as Argentina's mobile '15'), the
possible lengths of a national number, the general pattern of its national
numbers and the pattern of the numbers that exist (the union of its fixed
line, mobile, toll-free, premium, shared-cost, personal, VoIP, pager, UAN and
voicemail ranges: libphonenumber's ``is_valid_number``). Every pattern uses
only the regular-expression syntax RE2 (DuckDB) and Java (Spark) read alike
(``engine_neutral``). phonenumbers is a test dependency
(requirements-test.txt); the rendered files are committed.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from fashion_retail.arguments import OneLineParser
from fashion_retail.rendered import write_or_check

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

PROJECT = Path(__file__).resolve().parents[3]
SEED = Path("seeds/reference/phone_numbering_plan.csv")
MACRO = Path("macros/cleansing/phone_numbering_plan.sql")
COMMAND = "python -m fashion_retail.cleansing.numbering_plan"
#: libphonenumber's kinds of numbers that exist (a number is valid when it
#: is one of them)
NUMBER_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
                "personal_number", "voip", "pager", "uan", "voicemail")
COLUMNS = ("region_code", "calling_code", "is_main_region", "leading_digits",
           "exit_prefix", "trunk_prefix", "trunk_prefix_for_parsing",
           "trunk_prefix_rewrite", "possible_lengths", "local_only_lengths",
           "general_pattern", "valid_pattern")
#: the regular-expression syntax both engines read the same way: digits,
#: classes of digits, groups (capturing or not), alternation, the
#: quantifiers ? * + {m} {m,} {m,n}, '\\d' and an end anchor '$'
ENGINE_NEUTRAL = re.compile(r"(?:[0-9|?*+$\[\]{},\-]|\\d|\((?:\?:)?|\))*")
#: RE2 rewrites know groups 1 to 9 only
MAX_REWRITE_GROUPS = 9


@dataclass(frozen=True)
class Region:
    """One region's plan, as libphonenumber parses and validates numbers."""

    region_code: str
    calling_code: str
    is_main_region: bool
    leading_digits: str
    exit_prefix: str
    trunk_prefix: str
    trunk_prefix_for_parsing: str
    trunk_prefix_rewrite: str
    possible_lengths: tuple[int, ...]
    local_only_lengths: tuple[int, ...]
    general_pattern: str
    valid_patterns: tuple[str, ...]

    @property
    def valid_pattern(self) -> str:
        """The national numbers that exist: any number type's pattern."""
        return "|".join(self.valid_patterns)

    @property
    def rewrite_prefix(self) -> str:
        """The digits a trunk prefix rewrite puts before its last group."""
        return re.sub(r"\\[0-9]$", "", self.trunk_prefix_rewrite)

    @property
    def trunk_may_begin_numbers(self) -> bool:
        """Whether a national number may begin the way the trunk prefix
        does (Russia's trunk 8 and its 8xx area codes): then a trunk prefix
        is stripped only when libphonenumber would, which needs the general
        pattern and the possible lengths."""
        if not self.trunk_prefix_for_parsing:
            return False
        return bool(first_digits(self.trunk_prefix_for_parsing)
                    & first_digits(self.general_pattern))

    def length_is_possible(self, length: int) -> bool:
        """libphonenumber's test of a national number's length when it
        strips a trunk prefix: possible, or too long (then invalid anyway);
        not too short, not local-only, not a gap between possible lengths."""
        if length in self.local_only_lengths or length < self.possible_lengths[0]:
            return False
        return length in self.possible_lengths or length > self.possible_lengths[-1]


def regions() -> list[Region]:
    """Every region libphonenumber knows, and one '001' region per
    non-geographic calling code (international freephone and the like), in
    order of calling code and then libphonenumber's order of the regions
    that share it (the first is the code's main region)."""
    import phonenumbers
    from phonenumbers import PhoneMetadata

    found = []
    for code, region_codes in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        for position, region_code in enumerate(region_codes):
            metadata = (PhoneMetadata.metadata_for_nongeo_region(code) if region_code == "001"
                        else PhoneMetadata.metadata_for_region(region_code))
            patterns: list[str] = []
            for number_type in NUMBER_TYPES:
                desc = getattr(metadata, number_type)
                if desc is not None and desc.national_number_pattern \
                        and desc.national_number_pattern not in patterns:
                    patterns.append(desc.national_number_pattern)
            general = metadata.general_desc
            found.append(Region(
                region_code=region_code,
                calling_code=str(code),
                is_main_region=position == 0,
                leading_digits=metadata.leading_digits or "",
                exit_prefix=metadata.international_prefix or "",
                trunk_prefix=metadata.national_prefix or "",
                trunk_prefix_for_parsing=metadata.national_prefix_for_parsing or "",
                trunk_prefix_rewrite=metadata.national_prefix_transform_rule or "",
                possible_lengths=tuple(general.possible_length),
                local_only_lengths=tuple(general.possible_length_local_only),
                general_pattern=general.national_number_pattern or "",
                valid_patterns=tuple(patterns),
            ))
    for region in found:
        check(region)
    return found


def check(region: Region) -> None:
    """Fail on anything the SQL could not read as libphonenumber does."""
    for name in ("leading_digits", "exit_prefix", "trunk_prefix_for_parsing",
                 "general_pattern", "valid_pattern"):
        pattern = getattr(region, name)
        if not engine_neutral(pattern):
            raise ValueError(f"{region.region_code} {name}: not engine-neutral: {pattern}")
    groups = re.compile(region.trunk_prefix_for_parsing).groups
    if region.trunk_prefix_rewrite and not re.fullmatch(
            rf"[0-9]*\\{groups}", region.trunk_prefix_rewrite):
        raise ValueError(f"{region.region_code}: a rewrite other than digits and the "
                         f"last group: {region.trunk_prefix_rewrite}")
    if not region.trunk_prefix.isdigit() and region.trunk_prefix:
        raise ValueError(f"{region.region_code}: trunk prefix {region.trunk_prefix}")


def engine_neutral(pattern: str) -> bool:
    """Whether a pattern stays inside ENGINE_NEUTRAL's syntax (and compiles)."""
    if not ENGINE_NEUTRAL.fullmatch(pattern):
        return False
    re.compile(pattern)
    return True


def _parsed(pattern: str):
    return sre_parse.parse(pattern)


def _first(items) -> tuple[set[str], bool]:
    """The digits a match of a parsed sequence can begin with, and whether
    it can match the empty string."""
    digits: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            return digits | {chr(arg)}, False
        if op is sre_constants.IN:
            return digits | (class_digits(arg) & set("0123456789")), False
        if op is sre_constants.SUBPATTERN:
            inner, empty = _first(arg[-1])
        elif op is sre_constants.BRANCH:
            inner, empty = set(), False
            for branch in arg[1]:
                more, branch_empty = _first(branch)
                inner |= more
                empty = empty or branch_empty
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            inner, empty = _first(arg[2])
            empty = empty or arg[0] == 0
        elif op is sre_constants.AT:
            inner, empty = set(), True
        else:
            raise ValueError(f"unexpected regular expression item {op}")
        digits |= inner
        if not empty:
            return digits, False
    return digits, True


def first_digits(pattern: str) -> set[str]:
    """The digits a non-empty match of ``pattern`` can begin with."""
    return _first(_parsed(pattern))[0]


def match_lengths(pattern: str, longest: int = 20) -> set[int]:
    """The lengths of the strings ``pattern`` matches (up to ``longest``)."""
    def lengths(items) -> set[int]:
        total = {0}
        for op, arg in items:
            if op in (sre_constants.LITERAL, sre_constants.IN):
                step = {1}
            elif op is sre_constants.SUBPATTERN:
                step = lengths(arg[-1])
            elif op is sre_constants.BRANCH:
                step = set().union(*(lengths(branch) for branch in arg[1]))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, high, inner = arg
                each, current, step = lengths(inner), {0}, set()
                for count in range(min(high, longest) + 1):
                    if count >= low:
                        step |= current
                    current = {a + b for a in current for b in each if a + b <= longest}
            elif op is sre_constants.AT:
                step = {0}
            else:
                raise ValueError(f"unexpected regular expression item {op}")
            total = {a + b for a in total for b in step if a + b <= longest}
        return total
    return lengths(_parsed(pattern))


class _Automaton:
    """A nondeterministic automaton of a pattern's digit strings (Thompson's
    construction over the syntax ENGINE_NEUTRAL allows): states are indexes,
    each with its digit moves and its empty moves."""

    def __init__(self, pattern: str):
        self.moves: list[list[tuple[frozenset[str], int]]] = []
        self.empty: list[list[int]] = []
        self.start = self._state()
        self.accept = self._sequence(_parsed(pattern), self.start)

    def _state(self) -> int:
        self.moves.append([])
        self.empty.append([])
        return len(self.moves) - 1

    def _sequence(self, items, state: int) -> int:
        for op, arg in items:
            state = self._item(op, arg, state)
        return state

    def _item(self, op, arg, state: int) -> int:
        if op in (sre_constants.LITERAL, sre_constants.IN):
            after = self._state()
            digits = ({chr(arg)} if op is sre_constants.LITERAL
                      else class_digits(arg)) & set("0123456789")
            self.moves[state].append((frozenset(digits), after))
            return after
        if op is sre_constants.SUBPATTERN:
            return self._sequence(arg[-1], state)
        if op is sre_constants.BRANCH:
            after = self._state()
            for branch in arg[1]:
                self.empty[self._sequence(branch, state)].append(after)
            return after
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, inner = arg
            for _ in range(low):
                state = self._sequence(inner, state)
            if high == sre_constants.MAXREPEAT:
                loop_end = self._sequence(inner, state)
                self.empty[loop_end].append(state)
                return state
            after = self._state()
            for _ in range(high - low):
                self.empty[state].append(after)
                state = self._sequence(inner, state)
            self.empty[state].append(after)
            return after
        if op is sre_constants.AT:
            return state
        raise ValueError(f"unexpected regular expression item {op}")

    def closure(self, states) -> frozenset[int]:
        found, todo = set(states), list(states)
        while todo:
            for after in self.empty[todo.pop()]:
                if after not in found:
                    found.add(after)
                    todo.append(after)
        return frozenset(found)

    def step(self, states: frozenset[int], digit: str) -> frozenset[int]:
        return self.closure({after for state in states
                             for digits, after in self.moves[state] if digit in digits})


def class_digits(items) -> set[str]:
    """The characters of a parsed character class ([0-9], [2-57], \\d)."""
    found: set[str] = set()
    for kind, value in items:
        if kind is sre_constants.LITERAL:
            found.add(chr(value))
        elif kind is sre_constants.RANGE:
            found |= {chr(c) for c in range(value[0], value[1] + 1)}
        elif kind is sre_constants.CATEGORY:   # \d
            found |= set("0123456789")
        else:
            raise ValueError(f"unexpected class item {kind}")
    return found


def escapes(inner: str, outer: str) -> str | None:
    """A digit string ``inner`` matches and ``outer`` does not (the shortest),
    or None when every match of ``inner`` is one of ``outer``: the two
    automata run side by side over every digit string."""
    a, b = _Automaton(inner), _Automaton(outer)
    start = (a.closure({a.start}), b.closure({b.start}))
    seen, queue = {start: ""}, [start]
    for here in queue:
        states_a, states_b = here
        if a.accept in states_a and b.accept not in states_b:
            return seen[here]
        for digit in "0123456789":
            there = (a.step(states_a, digit), b.step(states_b, digit))
            if there[0] and there not in seen:
                seen[there] = seen[here] + digit
                queue.append(there)
    return None


def without_groups(pattern: str, keep_last: bool = False) -> str:
    """``pattern`` with its capturing groups made non-capturing (all, or all
    but the last), so that a pattern assembled from many has few groups."""
    opening = [m.start() for m in re.finditer(r"\((?!\?)", pattern)]
    if keep_last and opening:
        opening = opening[:-1]
    for position in reversed(opening):
        pattern = pattern[:position + 1] + "?:" + pattern[position + 1:]
    return pattern


def _by_first_digit(branches: dict[str, str]) -> dict[str, str]:
    """Patterns of E.164 digits, one per first digit of the calling code:
    RE2 runs a few small patterns in its fast mode where one pattern of all
    countries would exhaust its memory budget and crawl."""
    grouped: dict[str, list[str]] = {}
    for code, pattern in branches.items():
        grouped.setdefault(code[0], []).append(f"{code}(?:{pattern})")
    return {digit: "|".join(parts) for digit, parts in sorted(grouped.items())}


def assembled(plan: list[Region]) -> dict:
    """What standardize_phone inlines: patterns of E.164 digits (calling
    code and national number) by calling code, and each region's facts for
    national numbers under a default region."""
    main = {region.calling_code: region for region in plan if region.is_main_region}
    valid_lengths: dict[str, set[int]] = {}
    for region in plan:
        valid_lengths.setdefault(region.calling_code, set()).update(
            match_lengths(region.valid_pattern))

    def blocked(region: Region) -> list[int]:
        """Lengths of numbers of the region's calling code (in any of its
        regions) that libphonenumber does not strip a trunk prefix to
        under this region's lengths (local-only ones, say)."""
        return sorted(n for n in valid_lengths[region.calling_code]
                      if not region.length_is_possible(n))
    valid: dict[str, list[str]] = {}
    for region in plan:
        patterns = valid.setdefault(region.calling_code, [])
        patterns += [p for p in region.valid_patterns if p not in patterns]
    trunk_branches, rewrite_prefixes, groups = [], {}, 0
    for code, region in main.items():
        if not region.trunk_prefix_for_parsing:
            continue
        if region.trunk_prefix_rewrite:
            groups += 1
            trunk_branches.append(
                f"{code}(?:{without_groups(region.trunk_prefix_for_parsing, keep_last=True)})")
            if region.rewrite_prefix:
                rewrite_prefixes[code] = region.rewrite_prefix
        else:
            trunk_branches.append(f"{code}(?:{without_groups(region.trunk_prefix_for_parsing)})")
    if groups > MAX_REWRITE_GROUPS:
        raise ValueError(f"{groups} rewritten trunk prefixes: more groups than RE2 rewrites")
    for region in plan:
        # where a trunk prefix may begin a national number, libphonenumber
        # strips it when what is left matches the general pattern and has a
        # possible length: the SQL tests only the pattern
        if region.trunk_may_begin_numbers and not all(
                region.length_is_possible(n) for n in match_lengths(region.general_pattern)):
            raise ValueError(f"{region.region_code}: the general pattern matches impossible "
                             "lengths; the length test would need a pattern of its own")
    # libphonenumber's valid number matches the general pattern and a kind's
    # pattern; the SQL tests the general pattern too only where a kind's
    # pattern matches numbers the general one does not (Germany's and
    # Austria's fixed lines)
    general_where_kinds_escape = {}
    for region in plan:
        if not any(escapes(p, region.general_pattern) for p in region.valid_patterns):
            continue
        if sum(other.calling_code == region.calling_code for other in plan) > 1:
            raise ValueError(f"{region.region_code}: a kind's pattern matches numbers the "
                             "general pattern does not, under a calling code other regions "
                             "share: the SQL would need a pattern per region")
        general_where_kinds_escape[region.calling_code] = without_groups(region.general_pattern)
    general_where_trunk_begins = {
        code: without_groups(region.general_pattern)
        for code, region in main.items() if region.trunk_may_begin_numbers}
    return {
        "calling_codes": "|".join(sorted(main, key=lambda code: (-len(code), code))),
        "valid_by_first_digit": _by_first_digit(
            {code: "|".join(without_groups(p) for p in patterns)
             for code, patterns in valid.items()}),
        "trunk_after_code": "|".join(trunk_branches),
        "trunk_rewrite_groups": groups,
        "trunk_rewrite_prefixes": rewrite_prefixes,
        "trunk_blocked_lengths": "|".join(
            f"{code}[0-9]{{{n}}}" for code, region in main.items()
            if region.trunk_prefix_for_parsing for n in blocked(region)),
        "general_where_kinds_escape": {
            code: f"{code}(?:{pattern})"
            for code, pattern in sorted(general_where_kinds_escape.items())},
        "general_where_trunk_begins": "|".join(
            f"{code}(?:{pattern})" for code, pattern in general_where_trunk_begins.items()),
        "regions": {
            region.region_code: {
                "calling_code": region.calling_code,
                "main_region": main[region.calling_code].region_code,
                "exit_prefix": region.exit_prefix,
                "trunk_prefix": region.trunk_prefix_for_parsing,
                "trunk_rewrite_prefix": region.rewrite_prefix,
                "trunk_rewrites": bool(region.trunk_prefix_rewrite),
                "trunk_may_begin_numbers": region.trunk_may_begin_numbers,
                "general_pattern": region.general_pattern,
                "trunk_blocked_lengths": blocked(region),
                "possible_lengths": list(region.possible_lengths),
                "local_only_lengths": list(region.local_only_lengths),
            }
            for region in plan if region.region_code != "001"
        },
    }


def render_seed(plan: list[Region]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for region in plan:
        row = []
        for column in COLUMNS:
            value = getattr(region, column)
            if isinstance(value, bool):
                value = str(value).lower()
            elif isinstance(value, tuple):
                value = " ".join(str(n) for n in value)
            row.append(value)
        writer.writerow(row)
    return out.getvalue()


def jinja(value, indent: int = 4) -> str:
    """A Jinja literal of strings, numbers, booleans, lists and dicts."""
    pad = " " * indent
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(jinja(item) for item in value) + "]"
    if isinstance(value, dict):
        if not any(isinstance(item, dict) for item in value.values()) and all(
                len(item) < 200 for item in value.values() if isinstance(item, str)):
            # a dict of short values on one line
            return "{" + ", ".join(f"{jinja(key)}: {jinja(item)}"
                                   for key, item in value.items()) + "}"
        items = ",\n".join(f"{pad}    {jinja(key)}: {jinja(item, indent + 4)}"
                           for key, item in value.items())
        return "{\n" + items + "\n" + pad + "}"
    raise TypeError(type(value))


def render_macro(plan: list[Region]) -> str:
    return f"""{{#- Generated by `{COMMAND}` from libphonenumber's
    metadata (phonenumbers), as seeds/reference/phone_numbering_plan.csv is:
    edit that module, not this file. -#}}
{{% macro phone_numbering_plan() -%}}
    {{#- The numbering plan assembled for standardize_phone: patterns of E.164
        digits (calling code, then national number) by the calling code's
        first digit: numbers that exist (valid_by_first_digit), the general
        pattern where a trunk prefix may begin a national number; the trunk
        prefixes after a calling code (trunk_after_code: the calling code's
        main region's, the last group of a rewritten one captured); and each
        region's facts for national numbers. -#}}
    {{{{ return({jinja(assembled(plan), 4)}) }}}}
{{%- endmacro %}}
"""


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the committed seed or macro is out of date")
    parser.add_argument("--project-dir", type=Path, default=PROJECT)
    args = parser.parse_args(argv)
    plan = regions()
    status = 0
    for path, text in ((SEED, render_seed(plan)), (MACRO, render_macro(plan))):
        status |= write_or_check(args.project_dir / path, text, args.check, COMMAND, path)
        if not args.check:
            print(f"wrote {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
