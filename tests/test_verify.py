"""The verdict rules of mapper.verify on hand-computed cases.

Points sit on the equator, where one degree of longitude is 2 * pi * 6378.137 / 360
= 111.3195 km on the WGS-84 ellipsoid, and B lies due east (90 degrees) of A.
"""

from __future__ import annotations

import pytest

from mapper.gazetteer import Gazetteer
from mapper.model import DistanceClaim, Place
from mapper.verify import tolerance_km, verify_distance

EQUATOR_DEGREE_KM = 111.3195
PLACES = {
    "a": Place("a", "A", "town", 0.0, 0.0, ("IQ",)),
    "b": Place("b", "B", "town", 0.0, 1.0, ("IQ",)),
    "prov": Place("prov", "Prov", "province", 0.5, 0.5, ("IQ",)),
    # A border along the meridian 1 E: A is one equatorial degree from it.
    "line": Place(
        "line",
        "Line border",
        "border",
        None,
        None,
        ("IQ", "SY"),
        geometry=((-1.0, 1.0), (1.0, 1.0)),
    ),
}
GAZ = Gazetteer(PLACES, "test.yaml")
KM_PER_MI = 1.609344


def claim(value, unit="km", bearing=None, approximate=False, bound=None, place="b", ref="a"):
    """A distance claim as the extractor would give it."""
    km = value * (KM_PER_MI if unit == "mi" else 1.0)
    return DistanceClaim(
        "doc.txt", place, ref, value, unit, km, bearing, "quote", 0, 5, approximate, bound=bound
    )


# (label, claim, verdict, why: the hand computation against 111.3 km measured)
CASES = [
    ("precise 111 km", claim(111), "consistent", "tol max(3, 11.1) = 11.1; off 0.3"),
    ("round 100 km", claim(100), "consistent", "round: tol max(5, 20) = 20; off 11.3"),
    ("precise 57 km", claim(57), "inconsistent", "tol 5.7; off 54.3 > 3 * 5.7"),
    ("about 90 km", claim(90, approximate=True), "loose", "tol 18; off 21.3 <= 54"),
    ("precise 123 km", claim(123), "consistent", "tol 12.3; short 11.68 / 1.5 = 7.8"),
    ("precise 131 km", claim(131), "loose", "tol 13.1; short 19.68 / 1.5 = 13.12 > 13.1"),
    ("precise 128 km", claim(128), "consistent", "tol 12.8; short 16.68 / 1.5 = 11.1"),
    ("precise 163 km", claim(163), "loose", "tol 16.3; short 51.68 / 1.5 = 34.5 <= 48.9"),
    ("precise 190 km", claim(190), "loose", "tol 19; short 78.68 / 1.5 = 52.5 <= 57"),
    ("precise 233 km", claim(233), "inconsistent", "tol 23.3; short 121.68 / 1.5 = 81.1 > 69.9"),
    ("within 60 miles", claim(60, "mi", bound="upper"), "consistent", "96.6 + tol 19.3 >= 111.3"),
    ("within 40 km", claim(40, bound="upper"), "inconsistent", "tol 8; over by 71.3 > 24"),
    ("more than 50 km", claim(50, bound="lower", approximate=True), "consistent", "lower bound"),
    ("about 69 mi east", claim(69, "mi", "E", True), "consistent", "bearing exact"),
    ("about 69 mi northeast", claim(69, "mi", "NE", True), "consistent", "45 <= 67.5"),
    ("about 69 mi north", claim(69, "mi", "N", True), "loose", "90 > 67.5: one step"),
    ("about 69 mi west", claim(69, "mi", "W", True), "inconsistent", "180 > 112.5: two steps"),
]


@pytest.mark.parametrize("label,c,verdict,why", CASES, ids=[c[0] for c in CASES])
def test_should_give_the_hand_computed_verdict(label, c, verdict, why):
    out = verify_distance(c, GAZ)
    assert out.computed_km == pytest.approx(EQUATOR_DEGREE_KM, abs=0.05)
    assert out.verdict == verdict, (why, out.note)


def test_should_report_the_computed_bearing_as_a_compass_point():
    out = verify_distance(claim(69, "mi", "N", True), GAZ)
    assert out.computed_bearing == "E"
    assert "bearing E" in out.note


def test_should_measure_to_the_nearest_point_of_a_border():
    # A is one equatorial degree west of the border line along 1 E.
    out = verify_distance(claim(70, "mi", approximate=True, place="a", ref="line"), GAZ)
    assert out.computed_km == pytest.approx(EQUATOR_DEGREE_KM, abs=0.1)
    assert out.computed_bearing is None
    assert out.verdict == "consistent"  # 112.7 km reported, 1.3 km short
    far = verify_distance(claim(20, "mi", approximate=True, place="a", ref="line"), GAZ)
    assert far.verdict == "inconsistent"  # 32.2 km reported, tol 6.4, over by 79


def test_should_not_judge_a_border_bearing():
    out = verify_distance(claim(70, "mi", "W", True, place="a", ref="line"), GAZ)
    assert out.verdict == "consistent"


def test_should_call_an_area_unverifiable():
    out = verify_distance(claim(50, place="b", ref="prov"), GAZ)
    assert out.verdict == "unverifiable"
    assert out.computed_km is None


def test_should_call_an_unknown_reference_unverifiable():
    out = verify_distance(claim(50, place="b", ref="nowhere"), GAZ)
    assert out.verdict == "unverifiable"
    assert "reference" in out.note


@pytest.mark.parametrize(
    "c,expected",
    [
        (claim(57), 5.7),  # precise: 10 %
        (claim(20), 5.0),  # round: 20 %, floor 5
        (claim(60, "mi", approximate=True), 0.2 * 60 * KM_PER_MI),
        (claim(7), 3.0),  # precise floor
    ],
)
def test_should_widen_the_tolerance_for_approximate_figures(c, expected):
    assert tolerance_km(c) == pytest.approx(expected, abs=0.01)
