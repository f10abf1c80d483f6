"""Blame and suggested positions of mapper.suspects on a small synthetic theatre in Iraq.

Claims are written from the true positions (distances rounded like a reporter's, bearings on
the 8-point compass), then one entry is corrupted and the claims re-verified.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from mapper.gazetteer import Gazetteer
from mapper.geo import COMPASS8, compass8, destination, distance_km, initial_bearing_deg
from mapper.lint import lint_places
from mapper.model import DistanceClaim, Place
from mapper.suspects import fit_position, rank_suspects
from mapper.verify import verify_distances

HUB = (33.34, 44.40)  # Baghdad
# Spokes on exact compass bearings, so a claim's words are exactly true.
SPOKES = {"n1": (0, 110), "ne1": (45, 60), "e1": (90, 80), "s1": (180, 95), "w1": (270, 70)}


def _places() -> dict[str, Place]:
    out = {"hub": Place("hub", "Hub", "city", *HUB, ("IQ",), line=1)}
    for i, (pid, (az, km)) in enumerate(SPOKES.items()):
        lat, lon = destination(HUB, az, km)
        out[pid] = Place(
            pid, pid.upper(), "town", round(lat, 4), round(lon, 4), ("IQ",), line=10 * (i + 2)
        )
    # A town that two spokes measure from, so its position is pinned twice.
    lat, lon = destination(out["n1"].point, 90, 40)
    out["x"] = Place("x", "X", "town", round(lat, 4), round(lon, 4), ("IQ",), line=90)
    return out


def _claim(places, pid, ref) -> DistanceClaim:
    """'pid is about N km <bearing> of ref', true to the nearest 5 km and compass point."""
    a, b = places[ref].point, places[pid].point
    km = round(distance_km(a, b) / 5) * 5
    return DistanceClaim(
        "doc.txt",
        pid,
        ref,
        km,
        "km",
        float(km),
        compass8(initial_bearing_deg(a, b)),
        "q",
        0,
        1,
        True,
    )


TRUE = _places()
CLAIMS = [_claim(TRUE, pid, "hub") for pid in SPOKES] + [
    _claim(TRUE, "x", "n1"),
    _claim(TRUE, "x", "ne1"),
    _claim(TRUE, "x", "hub"),
]


def _ranked(places, lints=False):
    gaz = Gazetteer(places, "test.yaml")
    verified = verify_distances(CLAIMS, gaz)
    extra = lint_places(gaz) if lints else ()
    return verified, rank_suspects(verified, gaz, extra, geonames=False)


def _moved(pid, az, km):
    p = TRUE[pid]
    lat, lon = destination(p.point, az, km)
    return {**TRUE, pid: replace(p, lat=lat, lon=lon)}


def test_should_find_no_suspect_when_every_claim_agrees():
    verified, suspects = _ranked(TRUE)
    assert {c.verdict for c in verified} == {"consistent"}
    assert suspects == []


@pytest.mark.parametrize("az", [0, 90, 180, 270])
def test_should_blame_a_moved_town_not_the_hub_it_is_measured_from(az):
    verified, suspects = _ranked(_moved("x", az, 100))
    assert [s.place for s in suspects] == ["x"]
    s = suspects[0]
    assert s.check == "claims" and s.line == 90
    assert all("x" in (verified[i].place, verified[i].reference) for i in s.claims)
    assert distance_km((s.suggested_lat, s.suggested_lon), TRUE["x"].point) < 15
    assert s.radius_km is not None and s.radius_km < 50


def test_should_blame_the_hub_when_all_its_claims_disagree():
    _, suspects = _ranked(_moved("hub", 45, 120))
    assert suspects[0].place == "hub"
    assert distance_km((suspects[0].suggested_lat, suspects[0].suggested_lon), HUB) < 15


def test_should_not_blame_a_hub_for_one_wrong_claim_of_a_lone_spoke():
    # Only the claim hub-e1 disagrees; e1 has no other claim: nobody can tell which end is
    # wrong, except that the hub's other claims vouch for the hub.
    places = _moved("e1", 0, 120)
    _, suspects = _ranked(places)
    assert "hub" not in [s.place for s in suspects]
    assert [s.place for s in suspects] == ["e1"]


def test_should_blame_neither_end_of_a_lone_claim_between_unchecked_places():
    places = {
        "p": Place("p", "P", "town", 33.0, 44.0, ("IQ",)),
        "q": Place("q", "Q", "town", 33.5, 44.0, ("IQ",)),
    }
    gaz = Gazetteer(places, "t.yaml")
    c = DistanceClaim("d", "p", "q", 10, "km", 10.0, "S", "q", 0, 1)
    verified = verify_distances([c], gaz)
    assert verified[0].verdict == "inconsistent"
    assert rank_suspects(verified, gaz, geonames=False) == []


def test_should_merge_a_swapped_lint_with_the_claims_it_breaks():
    p = TRUE["x"]
    places = {**TRUE, "x": replace(p, lat=p.lon, lon=p.lat)}
    _, suspects = _ranked(places, lints=True)
    assert suspects[0].place == "x"
    assert suspects[0].check == "swapped"
    assert suspects[0].claims  # the claims that disagree are listed too
    assert (suspects[0].suggested_lat, suspects[0].suggested_lon) == (p.lat, p.lon)


def test_should_fit_a_point_pinned_by_two_bearing_claims():
    fit = fit_position("x", CLAIMS, Gazetteer(_moved("x", 0, 500), "t.yaml"))
    assert distance_km((fit.lat, fit.lon), TRUE["x"].point) < 10
    assert fit.rms < 1.0


def test_should_give_a_wide_radius_for_a_single_circle():
    claim = DistanceClaim("d", "x", "hub", 100, "km", 100.0, None, "q", 0, 1, True)
    fit = fit_position("x", [claim], Gazetteer(TRUE, "t.yaml"))
    assert distance_km((fit.lat, fit.lon), HUB) == pytest.approx(100, abs=5)
    assert fit.radius_km > 100  # anywhere on the circle: no point to suggest


def test_compass_spokes_are_on_the_compass():
    # Guards the fixture: each spoke's claim names the bearing it was built on.
    for c in CLAIMS[: len(SPOKES)]:
        assert c.bearing == COMPASS8[SPOKES[c.place][0] // 45]
