"""Geometry on the WGS-84 ellipsoid: distances in km, bearings in degrees, (lat, lon) order."""

from __future__ import annotations

import math
from collections.abc import Sequence

from geographiclib.geodesic import Geodesic
from shapely.geometry import LineString, Point

__all__ = [
    "COMPASS8",
    "distance_km",
    "initial_bearing_deg",
    "compass8",
    "bearing_deg",
    "angle_diff_deg",
    "destination",
    "distance_to_line_km",
]

COMPASS8 = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
_WGS84 = Geodesic.WGS84


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lat, lon) points, in km (geopy's WGS-84 geodesic)."""
    return _WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"] / 1000.0


def initial_bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Initial bearing from a to b in degrees clockwise from north, 0..360."""
    azi = _WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.AZIMUTH)["azi1"]
    return azi % 360.0


def compass8(deg: float) -> str:
    """The 8-point compass name of a bearing: ``compass8(50) == "NE"``."""
    return COMPASS8[int(((deg % 360) + 22.5) // 45) % 8]


def bearing_deg(name: str) -> float:
    """The centre angle of an 8-point compass name: ``bearing_deg("SW") == 225.0``."""
    return COMPASS8.index(name) * 45.0


def angle_diff_deg(a: float, b: float) -> float:
    """The smaller angle between two bearings, 0..180."""
    d = abs(a - b) % 360
    return 360 - d if d > 180 else d


def destination(origin: tuple[float, float], bearing: float, km: float) -> tuple[float, float]:
    """The (lat, lon) reached from origin going ``km`` along ``bearing``."""
    r = _WGS84.Direct(origin[0], origin[1], bearing, km * 1000.0)
    return (r["lat2"], r["lon2"])


def distance_to_line_km(
    point: tuple[float, float], line: Sequence[tuple[float, float]]
) -> tuple[float, tuple[float, float]]:
    """Geodesic km from a point to the nearest point of a (lat, lon) polyline, and that point.

    The nearest point is found in a local equirectangular projection around ``point``
    (good to well under a km at the scale of a border), then measured on the ellipsoid.
    """
    lat0 = math.radians(point[0])
    k = math.cos(lat0)
    proj = LineString([((lon - point[1]) * k, lat - point[0]) for lat, lon in line])
    nearest = proj.interpolate(proj.project(Point(0.0, 0.0)))
    near = (nearest.y + point[0], nearest.x / k + point[1])
    return distance_km(point, near), near
