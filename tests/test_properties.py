"""Properties over arbitrary text and arbitrary gazetteer edits (hypothesis).

The extractor never raises, every offset points at the text it claims to, and the JSON it
leads to always validates against the schema the project ships.
"""

from __future__ import annotations

import copy
import json
import tempfile
from functools import cache
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.actors import load_actors
from mapper.articles import read_file
from mapper.build import assemble, extract
from mapper.errors import ArticleError, GazetteerError
from mapper.export import dumps, situation_to_dict, situation_to_geojson
from mapper.gazetteer import Gazetteer, load_gazetteer, parse_gazetteer
from mapper.model import PLACE_KINDS, Article, Skipped
from mapper.yamlfile import LINE

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that steer the extractor into its branches: places, sides, triggers, distances.
FRAGMENTS = [
    "Mosul", "Tal Afar", "Tall Afar", "Baghdad", "Baquba", "Tikrit", "Samarra", "Kirkuk",
    "Fallujah", "Ramadi", "Haditha", "Erbil", "Syria", "Iraq", "Nineveh", "Anbar",
    "the Iraqi capital", "Iraq's second-largest city", "the Iraq-Syria border",
    "ISIS", "ISIL", "militants", "Iraqi troops", "Kurdish forces", "peshmerga",
    "Shiite militias", "Iran", "U.S.", "the army", "insurgents", "the group",
    "seized", "captured", "took", "overran", "fell to", "fell", "gained control of",
    "controls", "holds", "occupies", "in the hands of", "abandoned", "lost",
    "withdrew from", "fled", "fighting", "clashes in", "attack on", "counter-offensive",
    "menacing", "closing in on", "advancing toward", "surrounded", "besieged",
    "didn't", "denied", "if", "were to fall", "could", "according to", "said",
    "Gen. Mohammed al-Quraishi", "officials said", "on Tuesday", "June 10, 2014",
    "2014-06-15", "37 miles northeast of", "25 miles (40 km)", "miles north of",
    "km south of", "about 60 kilometres from", "within 60 miles of", "50 to 60 miles",
    "more than 100 miles", "north-northeast of", "the town of Shirqat", "the city",
    "the town", "which", "and", "but", ", ", ". ", ".\n\n", "\n", " ", '"', "'", "(", ")",
    "\u2019", "\u201c", "\u201d", "\u2014", "al-", "Al ", "\u0645\u0648\u0635\u0644",
    "Mos\u00fcl", "MOSUL", "mosul", "\u00a0", "\t", "\ufffd", "\u200b", "\u2028",
]  # fmt: skip
_ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
PIECE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),
    st.text(_ALPHABET, max_size=8),
    st.integers(0, 10**6).map(str),
    st.just(" "),
)
TEXT = st.lists(PIECE, max_size=80).map(" ".join)


@cache
def _schema() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "mapper" / "schema" / "situation.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@cache
def _world():
    return load_gazetteer(ROOT / "gazetteer.yaml"), load_actors(ROOT / "actors.yaml")


def check_extract(text: str, gaz: Gazetteer, actors, doc: str = "doc.txt") -> None:
    """Extract, check every offset against the text, and validate the JSON."""
    article = Article(id=doc, text=text, title=text[:30] or None, source=doc)
    result = extract(article, gaz, actors)
    for m in result.mentions:
        assert text[m.start : m.end] == m.text and m.place in gaz
    for c in result.control_claims:
        assert text[c.start : c.end] == c.quote and c.place in gaz
        assert c.actor is None or c.actor in actors
    for d in result.distance_claims:
        assert text[d.start : d.end] == d.quote
    for u in result.unresolved:
        assert text[u.start : u.end] == u.text
    skipped = [Skipped("x\ud800.txt".replace("\ud800", "\ufffd"), "empty article: no text", 3)]
    situation = assemble([result], gaz, actors, skipped)
    data = situation_to_dict(situation)
    errors = sorted(_schema().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:3]]
    for obj in (data, situation_to_geojson(situation)):
        assert json.loads(dumps(obj).encode("utf-8")) is not None


@SETTINGS
@given(TEXT)
def test_extractor_on_arbitrary_text(text):
    gaz, actors = _world()
    check_extract(text, gaz, actors)


@SETTINGS
@given(st.text(_ALPHABET, max_size=400))
def test_extractor_on_raw_unicode(text):
    gaz, actors = _world()
    check_extract(text, gaz, actors)


# --- gazetteer edits -------------------------------------------------------------------

BASE = """\
places:
  - {id: iraq, name: Iraq, kind: country, lat: 33.0, lon: 43.7, countries: [IQ]}
  - {id: syria, name: Syria, kind: country, lat: 35.0, lon: 38.5, countries: [SY]}
  - {id: nineveh, name: Nineveh, kind: province, lat: 36.2, lon: 42.6, countries: [IQ]}
  - {id: mosul, name: Mosul, kind: city, lat: 36.335, lon: 43.1189, countries: [IQ],
     province: nineveh, descriptions: [Iraq's second-largest city]}
  - {id: tal-afar, name: Tal Afar, kind: city, lat: 36.3765, lon: 42.4497, countries: [IQ],
     aliases: [Tall Afar, Telafer], province: nineveh}
  - {id: baghdad, name: Baghdad, kind: city, lat: 33.3406, lon: 44.4009, countries: [IQ],
     descriptions: [the Iraqi capital]}
  - {id: baquba, name: Baquba, kind: city, lat: 33.7466, lon: 44.6437, countries: [IQ]}
  - {id: iraq-syria-border, name: Iraq-Syria border, kind: border, countries: [IQ, SY],
     geometry: [[37.1, 42.3], [34.4, 40.9]]}
"""

NAME = st.one_of(
    st.sampled_from(["Mosul", "Sinjar", "Al Qaim", "Baiji", "ISIS", "the", "al", "Tall Afar"]),
    st.text(_ALPHABET, min_size=1, max_size=12),
)
# Mostly valid coordinates, so most edited gazetteers load and reach the extractor.
VALID = st.floats(-89.99, 89.99, allow_nan=False)
BAD = st.one_of(st.floats(allow_nan=True), st.integers(-200, 200), st.just("36"), st.none())
COORD = st.integers(0, 11).flatmap(lambda n: BAD if n == 0 else VALID)
EDIT = st.one_of(
    st.tuples(st.just("alias"), st.integers(0, 20), NAME),
    st.tuples(st.just("name"), st.integers(0, 20), NAME),
    st.tuples(st.just("coords"), st.integers(0, 20), COORD, COORD),
    st.tuples(st.just("kind"), st.integers(0, 20), st.sampled_from([*PLACE_KINDS, "metro"])),
    st.tuples(st.just("drop"), st.integers(0, 20)),
    st.tuples(st.just("add"), NAME, st.sampled_from(PLACE_KINDS), COORD, COORD),
    st.tuples(st.just("description"), st.integers(0, 20), NAME),
)


@cache
def _base_entries() -> list:
    import yaml

    from mapper.yamlfile import _loader

    return yaml.load(BASE, Loader=_loader("base.yaml", GazetteerError))["places"]  # noqa: S506


def _apply(edits) -> list:
    entries = copy.deepcopy(_base_entries())
    for n, edit in enumerate(edits):
        op = edit[0]
        if op == "add":
            _, name, kind, lat, lon = edit
            entries.append(
                {"id": f"new-{n}", "name": name, "kind": kind, "lat": lat, "lon": lon,
                 "countries": ["IQ", "SY"] if kind == "border" else ["IQ"], LINE: 100 + n,
                 "geometry": [[lat, lon], [34.0, 41.0]] if kind == "border" else None}
            )  # fmt: skip
            if kind != "border":
                del entries[-1]["geometry"]
            continue
        if not entries:
            continue
        e = entries[edit[1] % len(entries)]
        if op == "alias":
            e["aliases"] = [*e.get("aliases", []), edit[2]]
        elif op == "description":
            e["descriptions"] = [*e.get("descriptions", []), edit[2]]
        elif op == "name":
            e["name"] = edit[2]
        elif op == "coords":
            e["lat"], e["lon"] = edit[2], edit[3]
        elif op == "kind":
            e["kind"] = edit[2]
        elif op == "drop":
            entries.remove(e)
    return entries


@SETTINGS
@given(st.lists(EDIT, max_size=6), st.data())
def test_extractor_under_arbitrary_gazetteer_edits(edits, data):
    entries = _apply(edits)
    try:
        gaz = parse_gazetteer({"places": entries, LINE: 1}, "edited.yaml")
    except GazetteerError as exc:
        # A refusal is fine; it must be one line naming the file.
        assert str(exc).startswith("edited.yaml") and "\n" not in str(exc)
        return
    _, actors = _world()
    names = [n for p in gaz for n in (p.name, *p.aliases, *p.descriptions)] or ["x"]
    piece = st.one_of(PIECE, st.sampled_from(names))
    text = data.draw(st.lists(piece, max_size=60).map(" ".join))
    check_extract(text, gaz, actors)


# --- readers ---------------------------------------------------------------------------


@SETTINGS
@given(
    st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]),
    st.one_of(
        st.binary(max_size=2000),
        TEXT.map(lambda t: t.encode("utf-8")),
        TEXT.map(lambda t: json.dumps({"text": t, "title": t[:20]}).encode()),
        st.lists(TEXT, max_size=4).map(
            lambda ts: "\n".join(json.dumps({"id": t[:5], "text": t}) for t in ts).encode()
        ),
        st.text(max_size=200).map(lambda t: json.dumps({"text": t}).encode()),  # surrogates
        TEXT.map(lambda t: f"<html><p>{t}</p><script>{t}</script>".encode()),
    ),
)
def test_readers_never_crash(suffix, raw):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"in{suffix}"
        path.write_bytes(raw)
        try:
            items = list(read_file(path))
        except ArticleError as exc:
            assert exc.message and "\n" not in str(exc)
            return
    gaz, actors = _world()
    for item in items:
        if isinstance(item, Skipped):
            assert item.reason
            continue
        for s in (item.text, item.id, item.title or "", item.url or ""):
            s.encode("utf-8")  # no lone surrogates get through
        check_extract(item.text, gaz, actors, item.id)
