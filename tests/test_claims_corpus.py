"""The claim corpus: sentences we wrote with the claims a careful analyst extracts.

Each row of tests/corpus/claims.yaml is one case; the expected claims are the complete set.
Known misses stay in tests/corpus/known_misses.yaml and run as strict xfails, so a fix is
noticed.
"""

from __future__ import annotations

import pytest
import yaml

from tests.common import CORPUS, extract

ROWS = yaml.safe_load((CORPUS / "claims.yaml").read_text(encoding="utf-8"))
KNOWN_MISSES = yaml.safe_load((CORPUS / "known_misses.yaml").read_text(encoding="utf-8")) or {}


def _params():
    for row in ROWS:
        marks = []
        if row["id"] in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[row["id"]], strict=True))
        yield pytest.param(row, id=row["id"], marks=marks)


def _control_key(c) -> tuple:
    get = c.get if isinstance(c, dict) else lambda k, d=None: getattr(c, k, d)
    return (
        get("place"),
        get("actor"),
        get("kind"),
        bool(get("negated", False)),
        bool(get("hypothetical", False)),
    )


def _distance_key(d) -> tuple:
    get = d.get if isinstance(d, dict) else lambda k, v=None: getattr(d, k, v)
    return (get("place"), get("reference"), float(get("value")), get("unit"), get("bearing"))


def test_corpus_is_large_enough():
    assert len(ROWS) >= 200
    nothing = [r for r in ROWS if not r.get("control") and not r.get("distance")]
    assert len(nothing) >= 50, "the corpus needs sentences that must yield nothing"


@pytest.mark.parametrize("row", list(_params()))
def test_sentence_yields_expected_claims(row):
    published = row.get("published")
    art, result = extract(row["text"], str(published) if published else "2014-06-16")
    want_c = sorted({_control_key(c) for c in row.get("control") or []}, key=repr)
    got_c = sorted({_control_key(c) for c in result.control_claims}, key=repr)
    want_d = sorted({_distance_key(d) for d in row.get("distance") or []}, key=repr)
    got_d = sorted({_distance_key(d) for d in result.distance_claims}, key=repr)
    assert (got_c, got_d) == (want_c, want_d)
    for c in result.control_claims:
        assert art.text[c.start : c.end] == c.quote
    for d in result.distance_claims:
        assert art.text[d.start : d.end] == d.quote
    for want in row.get("control") or []:
        match = [c for c in result.control_claims if _control_key(c) == _control_key(want)]
        if "date" in want:
            assert str(want["date"]) in {c.date for c in match}
        if "attributed_to" in want:
            assert any(
                c.attributed_to and str(want["attributed_to"]).lower() in c.attributed_to.lower()
                for c in match
            )
    for want in row.get("distance") or []:
        match = [d for d in result.distance_claims if _distance_key(d) == _distance_key(want)]
        if "approximate" in want:
            assert match[0].approximate == bool(want["approximate"])
        if want.get("value_max") is not None:
            assert match[0].value_max == float(want["value_max"])
        if want.get("bound"):
            assert match[0].bound == want["bound"]


FRESH = yaml.safe_load((CORPUS / "claims_fresh.yaml").read_text(encoding="utf-8"))
UNREAD = yaml.safe_load((CORPUS / "claims_unread.yaml").read_text(encoding="utf-8"))
UNREAD2 = yaml.safe_load((CORPUS / "claims_unread2.yaml").read_text(encoding="utf-8"))
FRESH4 = yaml.safe_load((CORPUS / "claims_fresh4.yaml").read_text(encoding="utf-8"))


def _corpus_f1(rows) -> tuple[float, float]:
    """Control and distance F1 of a whole corpus."""
    tp = fp = fn = dtp = dfp = dfn = 0
    for row in rows:
        published = row.get("published")
        _, result = extract(row["text"], str(published) if published else "2014-06-16")
        want_c = {_control_key(c) for c in row.get("control") or []}
        got_c = {_control_key(c) for c in result.control_claims}
        want_d = {_distance_key(d) for d in row.get("distance") or []}
        got_d = {_distance_key(d) for d in result.distance_claims}
        tp, fp, fn = tp + len(want_c & got_c), fp + len(got_c - want_c), fn + len(want_c - got_c)
        dtp += len(want_d & got_d)
        dfp += len(got_d - want_d)
        dfn += len(want_d - got_d)
    return 2 * tp / (2 * tp + fp + fn), 2 * dtp / (2 * dtp + dfp + dfn)


def test_unread_corpus_scores():
    """Sentences whose misses went unread until session 5 (control F1 0.79, distance 0.94 when
    first scored); read and worked on since (control 0.87): the floor sits just under."""
    assert len(UNREAD) >= 150
    control, distance = _corpus_f1(UNREAD)
    assert control >= 0.85, f"control F1 {control:.2f}"
    assert distance >= 0.91, f"distance F1 {distance:.2f}"


def test_fresh_corpus_scores():
    """A corpus written by a helper who never saw the extractor, scored as a whole: the floor
    sits just under today's figures (control F1 0.92, distance 49 of 49 found, none extra)."""
    assert len(FRESH) >= 150
    control, distance = _corpus_f1(FRESH)
    assert control >= 0.90, f"control F1 {control:.2f}"
    assert distance >= 0.97


def test_second_unread_corpus_scores():
    """200 rows written to find what the extractor misses (claims spread over sentences, the
    article's topic, sieges without a besieger, Syria's sides), never read while tuning: a
    floor just under its first score (control F1 0.60, distance F1 0.80; 0.61 / 0.78 now)."""
    assert len(UNREAD2) >= 150
    control, distance = _corpus_f1(UNREAD2)
    assert control >= 0.58, f"control F1 {control:.2f}"
    assert distance >= 0.76, f"distance F1 {distance:.2f}"


def test_fourth_fresh_corpus_scores():
    """200 rows by a helper who never saw the extractor (Syria's whole war, non-native English,
    think-tank shorthand, history traps): first scored at control F1 0.57, distance 37 of 40
    found; read as a development set since (0.67, 38 of 40). The floor sits just under."""
    assert len(FRESH4) >= 150
    control, distance = _corpus_f1(FRESH4)
    assert control >= 0.65, f"control F1 {control:.2f}"
    assert distance >= 0.90, f"distance F1 {distance:.2f}"
