"""Check each reported distance and bearing against the gazetteer's coordinates.

The rules (also in README.md, "How distances are checked"):

- The computed distance is geodesic (WGS-84) between the two entries' points; for a border
  reference, to the nearest point of the border's polyline.
- Tolerance follows the written precision: ``tolerance_km = max(floor_km, share * reported)``
  with share 0.10 and floor 3 km for a precise figure ("57 km"), share 0.20 and floor 5 km
  for an approximate or round one ("about 60 miles", "50 miles": a figure of 10 or more
  that is a multiple of 5 counts as round).
  Reporters often give road distances, so a figure may exceed the straight line by more than
  it falls short of it: the tolerance above the reported figure is the same, below it is
  widened by a half (a road is never shorter than the straight line).
- ``consistent``: within the tolerance; ``loose``: within three times the tolerance;
  ``inconsistent``: further off. "within N" is an upper bound (consistent when the
  computed distance is at most N plus the tolerance); "more than N" a lower bound.
  A range "50 to 60 miles" is consistent anywhere inside it, with the tolerance outside.
- A stated bearing more than one compass point (67.5 degrees) away from the computed one
  lowers the verdict one step (consistent -> loose -> inconsistent); more than two and a
  half points (112.5 degrees) away, two steps. Bearings of places closer than 5 km are not
  judged, nor bearings from a border (the nearest border point has no stated direction).
- ``unverifiable``: a side is unknown, has no point (a country or river) or is an area
  (a province, district or region: no single point to measure from).

Worked example: "about 37 miles northeast of Baghdad" is 59.5 km, approximate, so the
tolerance is max(5, 0.2 * 59.5) = 11.9 km: 50 km measured falls short by 9.5 km, counted
as 9.5 / 1.5 = 6.3 km, so it is consistent; 20 km measured would be (39.5 / 1.5 = 26.3 km)
loose; 100 km measured (40.5 km over) inconsistent.
"""

from __future__ import annotations

from dataclasses import replace

from .gazetteer import Gazetteer
from .geo import (
    angle_diff_deg,
    bearing_deg,
    compass8,
    distance_km,
    distance_to_line_km,
    initial_bearing_deg,
)
from .model import AREA_KINDS, DistanceClaim, Place

__all__ = [
    "verify_distance",
    "verify_distances",
    "judge",
    "tolerance_km",
    "claim_range_km",
    "BEARING_SLACK_DEG",
]

PRECISE_SHARE, PRECISE_FLOOR_KM = 0.10, 3.0
APPROX_SHARE, APPROX_FLOOR_KM = 0.20, 5.0
LOOSE_FACTOR = 3.0
BEARING_SLACK_DEG = 67.5  # one compass point (45) plus half a point
BEARING_FAR_DEG = 112.5  # two points and a half: the place is on another side altogether
MIN_BEARING_KM = 5.0
ROAD_SLACK = 1.5  # shortfall below the figure is divided by this


def tolerance_km(claim: DistanceClaim) -> float:
    """How far the computed distance may be from the reported one and still agree."""
    value = claim.value
    rounded = value >= 10 and value % 5 == 0
    if claim.approximate or rounded:
        return max(APPROX_FLOOR_KM, APPROX_SHARE * claim.reported_km)
    return max(PRECISE_FLOOR_KM, PRECISE_SHARE * claim.reported_km)


def claim_range_km(claim: DistanceClaim) -> tuple[float, float]:
    """The distances (km) the claim states outright: a point, a range or a one-sided bound."""
    low = high = claim.reported_km
    if claim.value_max is not None and claim.value:
        high = claim.reported_km * claim.value_max / claim.value
    if claim.bound == "upper":
        low = 0.0
    elif claim.bound == "lower":
        high = float("inf")
    return low, high


def _measure(place: Place, ref: Place) -> tuple[float, float | None] | None:
    if place.point is None:
        return None
    if ref.kind == "border":
        if not ref.geometry:
            return None
        km, _ = distance_to_line_km(place.point, ref.geometry)
        return km, None
    if ref.point is None:
        return None
    return distance_km(ref.point, place.point), initial_bearing_deg(ref.point, place.point)


def verify_distance(claim: DistanceClaim, gazetteer: Gazetteer) -> DistanceClaim:
    """The claim with computed_km, computed_bearing, verdict and note filled in."""
    place, ref = gazetteer.get(claim.place), gazetteer.get(claim.reference)
    if place is None:
        return replace(claim, verdict="unverifiable", note="the located place is not named")
    if ref is None:
        return replace(claim, verdict="unverifiable", note="the reference is not named")
    return judge(claim, place, ref)


def judge(claim: DistanceClaim, place: Place, ref: Place) -> DistanceClaim:
    """The claim verified against these two entries (which may differ from the gazetteer's)."""
    for p in (place, ref):
        if p.kind in AREA_KINDS or p.kind == "water":
            return replace(
                claim, verdict="unverifiable", note=f"{p.name} is an area, not a point to measure"
            )
    measured = _measure(place, ref)
    if measured is None:
        return replace(claim, verdict="unverifiable", note="no coordinates to measure")
    km, bearing = measured
    tol = tolerance_km(claim)
    low, high = claim_range_km(claim)
    if km < low:
        off = (low - km) / ROAD_SLACK  # a road is longer than the straight line
    elif km > high:
        off = km - high
    else:
        off = 0.0
    if off <= tol:
        verdict = "consistent"
    elif off <= LOOSE_FACTOR * tol:
        verdict = "loose"
    else:
        verdict = "inconsistent"
    note = (
        f"measured {km:.1f} km against {claim.reported_km:.1f} km reported (tolerance {tol:.0f} km)"
    )
    computed_bearing = compass8(bearing) if bearing is not None else None
    if claim.bearing and bearing is not None and km >= MIN_BEARING_KM:
        off_deg = angle_diff_deg(bearing, bearing_deg(claim.bearing))
        steps = (off_deg > BEARING_SLACK_DEG) + (off_deg > BEARING_FAR_DEG)
        for _ in range(steps):
            verdict = {"consistent": "loose", "loose": "inconsistent"}.get(verdict, verdict)
        if steps:
            note += f"; bearing {computed_bearing} ({bearing:.0f}°) is not {claim.bearing}"
    return replace(
        claim,
        computed_km=round(km, 1),
        computed_bearing=computed_bearing,
        verdict=verdict,
        note=note,
    )


def verify_distances(claims, gazetteer: Gazetteer) -> list[DistanceClaim]:
    """Every claim verified against the gazetteer, in the same order."""
    return [verify_distance(c, gazetteer) for c in claims]
