"""The mention corpus: sentences we wrote and the gazetteer places a reader finds in them."""

from __future__ import annotations

import pytest
import yaml

from mapper import find_mentions, find_unresolved
from tests.common import CORPUS, article, gazetteer

LOOSE = {"water", "region"}
ROWS = yaml.safe_load((CORPUS / "mentions.yaml").read_text(encoding="utf-8"))
KNOWN = yaml.safe_load((CORPUS / "known_misses.yaml").read_text(encoding="utf-8")) or {}


def _params():
    for row in ROWS:
        marks = []
        if row["id"] in KNOWN:
            marks.append(pytest.mark.xfail(reason=KNOWN[row["id"]], strict=True))
        yield pytest.param(row, id=row["id"], marks=marks)


def test_corpus_is_large_enough():
    assert len(ROWS) >= 60
    assert sum(1 for r in ROWS if not r.get("places")) >= 10, "needs rows that must find nothing"


@pytest.mark.parametrize("row", list(_params()))
def test_sentence_names_expected_places(row):
    art = article(row["text"])
    found = find_mentions(art, gazetteer())
    want = set(row.get("places") or [])
    # Rivers and regions are found too, but a row need not list them.
    got = {m.place for m in found if m.place in want or gazetteer()[m.place].kind not in LOOSE}
    assert sorted(got) == sorted(want)
    for m in found:
        assert art.text[m.start : m.end] == m.text
    for surface in row.get("surfaces") or []:
        assert surface in [m.text for m in found]
    if "unresolved" in row:
        names = [u.text for u in find_unresolved(art, found, gazetteer())]
        assert sorted(names) == sorted(row["unresolved"] or [])
