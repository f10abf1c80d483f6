"""Load gazetteer.yaml into validated places and a token index of every name form."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GazetteerError
from .model import AREA_KINDS, PLACE_KINDS, Place
from .text import ARTICLES, norm_tokens
from .yamlfile import LINE, line_of, load_yaml

__all__ = ["Gazetteer", "load_gazetteer", "parse_gazetteer", "default_gazetteer_path"]

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
_FIELDS = {
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
    "notes",
    LINE,
}


@dataclass(frozen=True)
class Form:
    """One way of writing a place: which place, and whether it is a name or a description."""

    place: str
    via: str  # name | alias | description
    also: str | None = None  # a place named inside the form ("Diyala" in "Diyala's capital")


@dataclass
class Gazetteer:
    """Validated places by id (file order kept) and an index from token tuples to places."""

    places: dict[str, Place]
    path: str = "gazetteer.yaml"
    index: dict[tuple[str, ...], tuple[Form, ...]] = field(default_factory=dict, repr=False)
    max_len: int = 1

    def __post_init__(self) -> None:
        if not self.index:
            self.index, self.max_len = _build_index(self.places.values())
        # Key lengths by first token, longest first: most words start no name at all.
        lengths: dict[str, set[int]] = {}
        for key in self.index:
            lengths.setdefault(key[0], set()).add(len(key))
        self.lengths = {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def __getitem__(self, place_id: str) -> Place:
        return self.places[place_id]

    def get(self, place_id: str | None) -> Place | None:
        """The place with this id, or None."""
        return self.places.get(place_id) if place_id else None

    def lookup(self, key: tuple[str, ...]) -> tuple[Form, ...]:
        """The places a normalised token tuple may stand for."""
        return self.index.get(key, ())


def _variants(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A name with and without its Arabic article: "al-Khalis" ~ "Khalis" ~ "al Khalis"."""
    out = {tokens}
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        out.add(tokens[1:])
    elif tokens:
        out.add(("al", *tokens))
    return out


def _build_index(places) -> tuple[dict, int]:
    country_words = set()
    for p in places:
        if p.kind == "country":
            for n in (p.name, *p.aliases):
                country_words.add(norm_tokens(n))
    index: dict[tuple[str, ...], list[Form]] = {}

    def add(key: tuple[str, ...], form: Form) -> None:
        if key:
            forms = index.setdefault(key, [])
            if form not in forms:
                forms.append(form)

    for p in places:
        for i, n in enumerate((p.name, *p.aliases)):
            via = "name" if i == 0 else "alias"
            for key in _variants(norm_tokens(n)):
                add(key, Form(p.id, via))
        for d in p.descriptions:
            key = norm_tokens(d)
            add(key, Form(p.id, "description"))
            if key and key[0] == "the":
                key = key[1:]
                add(key, Form(p.id, "description"))
            # "the Iraqi capital" is also "the capital" in a report about Iraq (the article's
            # country chooses between Baghdad and Damascus).
            if key[:2] == ("capital", "of") and key[2:] in country_words:
                add(("the", "capital"), Form(p.id, "description"))
            # "Iraq's second-largest city" is also "the country's second-largest city".
            for cw in country_words:
                if key[: len(cw)] == cw and len(key) > len(cw):
                    add(("the", "country", *key[len(cw) :]), Form(p.id, "description"))
                    add(("the", "nation", *key[len(cw) :]), Form(p.id, "description"))
    # "Anbar's capital", "the provincial capital of Anbar": forms of each province's capital.
    by_id = {p.id: p for p in places}
    for p in places:
        cap = by_id.get(p.capital) if p.capital else None
        if cap is None:
            continue
        for n in (p.name, *p.aliases):
            name = norm_tokens(n)
            if "province" in name or "governorate" in name:
                continue
            for key in (
                (*name, "capital"),
                (*name, "provincial", "capital"),
                ("capital", "of", *name),
                ("capital", "of", *name, "province"),
                ("provincial", "capital", "of", *name),
                ("provincial", "capital", "of", *name, "province"),
                (*name, "province", "capital"),
            ):
                add(key, Form(cap.id, "description", also=p.id))
    max_len = max((len(k) for k in index), default=1)
    return {k: tuple(v) for k, v in index.items()}, max_len


def default_gazetteer_path() -> Path:
    """./gazetteer.yaml if present, else the one beside the package (the repository's)."""
    return _default_file("gazetteer.yaml")


def _default_file(name: str) -> Path:
    here = Path.cwd() / name
    if here.is_file():
        return here
    pkg = Path(__file__).resolve().parent
    for candidate in (pkg.parent / name, pkg / "data" / name):
        if candidate.is_file():
            return candidate
    return here


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and validate a gazetteer file; raise GazetteerError naming the file and line."""
    path = Path(path) if path is not None else default_gazetteer_path()
    data = load_yaml(path, GazetteerError)
    return parse_gazetteer(data, str(path))


def parse_gazetteer(data, path: str = "gazetteer.yaml") -> Gazetteer:
    """Validate loaded YAML (from ``load_yaml``) into a Gazetteer."""
    if isinstance(data, dict) and "places" in data:
        entries = data["places"]
        top_line = data.get(LINE)
    else:
        entries, top_line = data, 1
    if not isinstance(entries, list):
        raise GazetteerError(
            "expected a top-level 'places:' list of entries (see the header of gazetteer.yaml)",
            path,
            top_line,
        )
    places: dict[str, Place] = {}
    owners: dict[tuple[str, ...], tuple[str, str]] = {}
    for i, entry in enumerate(entries):
        place = _parse_entry(entry, path, line_of(entries, i, top_line))
        if place.id in places:
            raise GazetteerError(
                f"duplicate id '{place.id}' (first at line {places[place.id].line}): "
                "give one of them another id",
                path,
                place.line,
            )
        for n in (place.name, *place.aliases):
            key = norm_tokens(n)
            key = key[1:] if len(key) > 1 and key[0] in ARTICLES else key
            other = owners.get(key)
            if other and other[0] != place.id and not _may_share(places[other[0]], place):
                raise GazetteerError(
                    f"'{n}' of '{place.id}' is also a name of '{other[0]}' (line "
                    f"{places[other[0]].line}): remove it from one entry",
                    path,
                    place.line,
                )
            owners.setdefault(key, (place.id, n))
        places[place.id] = place
    for p in places.values():
        if p.capital and p.capital not in places:
            raise GazetteerError(
                f"'{p.id}' names capital '{p.capital}', which has no entry: add it or fix the id",
                path,
                p.line,
            )
        if p.province and p.province not in places:
            raise GazetteerError(
                f"'{p.id}' names province '{p.province}', which has no entry: add it or fix the id",
                path,
                p.line,
            )
    return Gazetteer(places, path)


def _may_share(a: Place, b: Place) -> bool:
    # A province or district may share its name with its capital ("Kirkuk"); two borders
    # may share a description ("the Turkish border"), which the article's country decides.
    return (a.kind in AREA_KINDS) != (b.kind in AREA_KINDS) or (a.kind == b.kind == "border")


def _parse_entry(entry, path: str, top_line) -> Place:
    if not isinstance(entry, dict):
        got = "an empty item" if entry is None else repr(entry)[:40]
        raise GazetteerError(
            f"each entry must be a mapping with id, name, kind..., got {got}: "
            "write it as '- id: ...' with its fields indented below",
            path,
            top_line,
        )
    line = entry.get(LINE)

    def fail(msg: str) -> GazetteerError:
        return GazetteerError(f"{where}{msg}", path, line)

    where = ""
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise fail("entry has no 'id': add a unique kebab-case id such as 'tal-afar'")
    where = f"'{pid}': "
    if not set(pid) <= _ID_CHARS:
        raise fail("id may use only a-z, 0-9 and '-' (e.g. 'tal-afar')")
    unknown = set(entry) - _FIELDS
    if unknown:
        allowed = ", ".join(sorted(_FIELDS - {LINE}))
        raise fail(f"unknown field '{sorted(unknown)[0]}': allowed are {allowed}")
    name = entry.get("name")
    if name is not None and not isinstance(name, str):
        raise fail(f"name must be text, got {name!r}: put it in quotes")
    if not isinstance(name, str) or not name.strip():
        raise fail("missing 'name': add the place's common English name")
    if not norm_tokens(name):
        raise fail(f"name {name!r} has no letters or digits: write the place's name")
    kind = entry.get("kind")
    if kind not in PLACE_KINDS:
        raise fail(f"kind {kind!r} is not one of {', '.join(PLACE_KINDS)}: use the nearest")
    lat, lon = entry.get("lat"), entry.get("lon")
    geometry: tuple[tuple[float, float], ...] = ()
    if kind == "border":
        geometry = _parse_geometry(entry.get("geometry"), fail)
    if kind != "border" or lat is not None or lon is not None:
        for label, v in (("lat", lat), ("lon", lon)):
            if v is None:
                raise fail(f"missing '{label}': give decimal degrees (WGS-84)")
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                hint = ": write a number such as 36.3791 (south and west are negative)"
                if isinstance(v, str) and _is_number(v):
                    hint = ": write it without quotes"
                elif isinstance(v, bool):
                    hint = " (YAML reads yes/no/on/off as true/false): write a number"
                raise fail(f"{label} must be a number in decimal degrees, got {v!r}{hint}")
        if not -90 <= lat <= 90:
            hint = " (are lat and lon swapped?)" if -90 <= lon <= 90 else ""
            raise fail(f"lat {lat} out of range -90..90{hint}")
        if not -180 <= lon <= 180:
            raise fail(f"lon {lon} out of range -180..180 (west is negative)")
    countries = _str_list(entry.get("countries", []), "countries", fail)
    for c in countries:
        if len(c) != 2 or not c.isalpha() or not c.isupper():
            raise fail(f"country {c!r} is not an ISO 3166 alpha-2 code such as IQ or SY")
    if kind == "border" and len(countries) != 2:
        raise fail("a border needs 'countries' with both sides, e.g. [IQ, SY]")
    province = entry.get("province")
    if province is not None and not isinstance(province, str):
        raise fail("province must be the id of a province entry")
    population = entry.get("population")
    if population is not None and (isinstance(population, bool) or not isinstance(population, int)):
        raise fail("population must be a whole number")
    return Place(
        id=pid,
        name=name.strip(),
        kind=kind,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        countries=tuple(countries),
        province=province,
        aliases=tuple(_str_list(entry.get("aliases", []), "aliases", fail)),
        descriptions=tuple(_str_list(entry.get("descriptions", []), "descriptions", fail)),
        geometry=geometry,
        population=population,
        line=line,
        capital=entry.get("capital") if isinstance(entry.get("capital"), str) else None,
    )


def _str_list(value, label: str, fail) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"'{label}' must be a list of non-empty strings, e.g. [Tall Afar, Telafer]")
    for v in value:
        if not norm_tokens(v):
            # "--" or "?" would match nothing, or everything that normalises to nothing.
            raise fail(f"'{label}' holds {v!r}, which has no letters or digits: remove it")
    return [v.strip() for v in value]


def _is_number(s: str) -> bool:
    try:
        return math.isfinite(float(s))
    except ValueError:
        return False


def _parse_geometry(value, fail) -> tuple[tuple[float, float], ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise fail("a border needs 'geometry': a list of at least two [lat, lon] points")
    points = []
    for pt in value:
        ok = (
            isinstance(pt, list)
            and len(pt) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pt)
        )
        if not ok or not (-90 <= pt[0] <= 90 and -180 <= pt[1] <= 180):
            raise fail(f"geometry point {pt!r} is not a [lat, lon] pair in range")
        points.append((float(pt[0]), float(pt[1])))
    return tuple(points)
