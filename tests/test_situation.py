"""The aggregation rule: one situation per place from its claims (README: the situation)."""

from __future__ import annotations

from mapper import ControlClaim, aggregate


def claim(
    kind, actor, date, doc="a.txt", place="tikrit", negated=False, hypothetical=False, by=None
):
    return ControlClaim(
        doc=doc,
        place=place,
        actor=actor,
        kind=kind,
        negated=negated,
        hypothetical=hypothetical,
        quote="q",
        start=0,
        end=1,
        attributed_to=by,
        date=date,
    )


def decide(claims, as_of=None, since=None, published=None):
    return aggregate(["tikrit"], claims, published or {}, as_of=as_of, since=since)[0]


def test_should_be_unknown_without_claims():
    s = decide([])
    assert (s.status, s.controller, s.disputed) == ("unknown", None, False)


def test_should_take_the_capturer_as_controller():
    s = decide([claim("captured", "isis", "2014-06-11")])
    assert (s.status, s.controller) == ("captured", "isis")


def test_should_let_a_later_claim_outweigh_an_earlier_one():
    s = decide(
        [
            claim("captured", "isis", "2014-06-11"),
            claim("captured", "iraqi-government", "2015-03-31", doc="b.txt"),
        ]
    )
    assert (s.status, s.controller, s.disputed) == ("captured", "iraqi-government", False)


def test_should_mark_disputed_when_sources_disagree_on_the_same_day():
    s = decide(
        [
            claim(
                "captured", "iraqi-government", "2014-06-28", doc="ministry.txt", by="the ministry"
            ),
            claim("holds", "isis", "2014-06-28", doc="residents.txt", by="a council member"),
        ]
    )
    assert s.status == "disputed" and s.disputed
    assert s.controller is None
    assert s.contenders == ("iraqi-government", "isis")


def test_should_not_dispute_a_single_sources_two_kinds_for_one_side():
    s = decide([claim("captured", "isis", "2014-06-11"), claim("holds", "isis", "2014-06-11")])
    assert not s.disputed and s.controller == "isis"


def test_should_never_count_negated_or_hypothetical_claims_as_facts():
    s = decide(
        [
            claim("captured", "isis", "2014-06-11", negated=True),
            claim("captured", "isis", "2014-06-12", hypothetical=True),
        ]
    )
    assert (s.status, s.controller) == ("unknown", None)
    assert len(s.claims) == 2  # still listed, never drawn as fact


def test_should_respect_as_of():
    claims = [
        claim("captured", "isis", "2014-06-11"),
        claim("captured", "iraqi-government", "2015-03-31"),
    ]
    assert decide(claims, as_of="2014-12-31").controller == "isis"
    assert decide(claims, as_of="2015-04-01").controller == "iraqi-government"
    assert decide(claims, as_of="2014-01-01").status == "unknown"


def test_should_mark_a_change_since_a_date():
    claims = [
        claim("captured", "isis", "2014-06-11"),
        claim("captured", "iraqi-government", "2015-03-31"),
    ]
    assert decide(claims, since="2015-01-01").changed_since
    assert not decide(claims, since="2015-04-01").changed_since


def test_should_overlay_a_later_siege_and_keep_the_controller():
    s = decide(
        [claim("holds", "iraqi-government", "2014-06-10"), claim("besieged", "isis", "2014-06-20")]
    )
    assert (s.status, s.controller) == ("besieged", "iraqi-government")


def test_same_day_fighting_does_not_undo_a_capture():
    s = decide([claim("captured", "isis", "2014-06-16"), claim("contested", None, "2014-06-16")])
    assert s.status == "captured"


def test_should_be_contested_when_only_a_loss_is_reported():
    s = decide([claim("lost", "iraqi-government", "2014-06-10")])
    assert (s.status, s.controller) == ("contested", None)


def test_should_date_undated_claims_by_their_document():
    s = decide(
        [claim("captured", "isis", None, doc="a.txt")],
        as_of="2014-06-01",
        published={"a.txt": "2014-06-16"},
    )
    assert s.status == "unknown"
