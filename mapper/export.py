"""Write a Situation: situation.json (the contract), situation.geojson and map.html.

Everything is written into a temporary folder beside the target and swapped in with a
rename, so a failed or interrupted build leaves the previous output whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from . import __version__
from .errors import InputError
from .model import Place, Situation

__all__ = [
    "SCHEMA",
    "OUTPUT_FILES",
    "lonlat",
    "situation_to_dict",
    "situation_to_geojson",
    "dumps",
    "write_outputs",
]

SCHEMA = "mapper.situation/1"
OUTPUT_FILES = ("map.html", "situation.json", "situation.geojson")
_MARKER = ".mapper-output"
_NO_POINT = frozenset({"country", "water", "region"})


def lonlat(lat: float, lon: float) -> list[float]:
    """A GeoJSON position: ``[lon, lat]`` (RFC 7946 order), the one place this order is made."""
    return [round(lon, 6), round(lat, 6)]


def _place_dict(p: Place) -> dict:
    d: dict = {"id": p.id, "name": p.name, "kind": p.kind, "countries": list(p.countries)}
    # A country, a river or a region is not a dot: it gets no point.
    if p.point is not None and p.kind not in _NO_POINT:
        d["lat"], d["lon"] = round(p.lat, 6), round(p.lon, 6)
    if p.province:
        d["province"] = p.province
    if p.line is not None:
        d["gazetteer_line"] = p.line
    return d


def situation_to_dict(s: Situation) -> dict:
    """The situation as the ``mapper.situation/1`` JSON object (see CONTRACT.md)."""
    by_place = {ps.place: ps for ps in s.situations}
    places = []
    for p in s.places:
        d = _place_dict(p)
        ps = by_place.get(p.id)
        if ps is not None:
            d["situation"] = {
                "status": ps.status,
                "controller": ps.controller,
                "disputed": ps.disputed,
                "contenders": list(ps.contenders),
                "claims": list(ps.claims),
                "as_of": ps.as_of,
                "changed_since": ps.changed_since,
                "reason": ps.reason,
            }
        places.append(d)
    return {
        "schema": SCHEMA,
        "generated_by": f"mapper {__version__}",
        "gazetteer": s.gazetteer,
        "as_of": s.as_of,
        "since": s.since,
        "documents": [
            {"id": a.id, "title": a.title, "published": a.published, "url": a.url}
            for a in s.documents
        ],
        "actors": [{"id": a.id, "name": a.name, "colour": a.colour} for a in s.actors],
        "places": places,
        "mentions": [
            {
                "doc": m.doc,
                "place": m.place,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "via": m.via,
            }
            for m in s.mentions
        ],
        "control_claims": [
            {
                "doc": c.doc,
                "place": c.place,
                "actor": c.actor,
                "kind": c.kind,
                "negated": c.negated,
                "hypothetical": c.hypothetical,
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
                "attributed_to": c.attributed_to,
                "date": c.date,
                "trigger": c.trigger,
            }
            for c in s.control_claims
        ],
        "distance_claims": [
            {
                "doc": d.doc,
                "place": d.place,
                "reference": d.reference,
                "value": d.value,
                "value_max": d.value_max,
                "unit": d.unit,
                "reported_km": d.reported_km,
                "approximate": d.approximate,
                "bound": d.bound,
                "bearing": d.bearing,
                "computed_km": d.computed_km,
                "computed_bearing": d.computed_bearing,
                "verdict": d.verdict,
                "note": d.note,
                "quote": d.quote,
                "start": d.start,
                "end": d.end,
            }
            for d in s.distance_claims
        ],
        "unresolved": [
            {"doc": u.doc, "text": u.text, "start": u.start, "end": u.end, "context": u.context}
            for u in s.unresolved
        ],
        "suspects": [
            {
                "place": x.place,
                "reason": x.reason,
                "claims": list(x.claims),
                "check": x.check,
                "score": round(x.score, 3),
                "suggested_lat": None if x.suggested_lat is None else round(x.suggested_lat, 4),
                "suggested_lon": None if x.suggested_lon is None else round(x.suggested_lon, 4),
                "radius_km": None if x.radius_km is None else round(x.radius_km, 1),
                "gazetteer_line": x.line,
            }
            for x in s.suspects
        ],
        "skipped": [{"source": k.source, "line": k.line, "reason": k.reason} for k in s.skipped],
    }


def situation_to_geojson(s: Situation) -> dict:
    """An RFC 7946 FeatureCollection: one Feature per place, its situation in properties."""
    by_place = {ps.place: ps for ps in s.situations}
    n_claims: dict[str, int] = {}
    for c in s.control_claims:
        n_claims[c.place] = n_claims.get(c.place, 0) + 1
    n_mentions: dict[str, int] = {}
    for m in s.mentions:
        n_mentions[m.place] = n_mentions.get(m.place, 0) + 1
    suspects = {x.place: x for x in s.suspects}
    features = []
    for p in s.places:
        if p.kind == "border" and p.geometry:
            geometry = {"type": "LineString", "coordinates": [lonlat(a, b) for a, b in p.geometry]}
        elif p.point is not None and p.kind not in _NO_POINT:
            geometry = {"type": "Point", "coordinates": lonlat(p.lat, p.lon)}
        else:
            geometry = None
        ps = by_place.get(p.id)
        props = {
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "countries": list(p.countries),
            "status": ps.status if ps else "unknown",
            "controller": ps.controller if ps else None,
            "disputed": ps.disputed if ps else False,
            "contenders": list(ps.contenders) if ps else [],
            "changed_since": ps.changed_since if ps else False,
            "control_claims": n_claims.get(p.id, 0),
            "mentions": n_mentions.get(p.id, 0),
            "suspect": suspects[p.id].reason if p.id in suspects else None,
        }
        features.append({"type": "Feature", "id": p.id, "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def dumps(obj) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 text, newline at the end."""
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder: choose another --out", str(out))
    if out.is_dir():
        foreign = [
            p.name
            for p in out.iterdir()
            if p.name not in OUTPUT_FILES and p.name not in (_MARKER, ".gitkeep")
        ]
        if foreign and not (out / _MARKER).exists():
            raise InputError(
                f"output folder holds files mapper did not write ({sorted(foreign)[0]}, ...): "
                "choose an empty or new --out",
                str(out),
            )


@contextlib.contextmanager
def _lock(out: Path):
    """One build at a time per output folder (an advisory lock beside it)."""
    lock_path = out.parent / f".{out.name}.lock"
    try:
        fh = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    except OSError as exc:
        raise InputError(
            f"cannot write beside the output folder: {exc.strerror}", str(out.parent)
        ) from None
    try:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        yield
    finally:
        fh.close()


def write_outputs(situation: Situation, out: Path, offline: bool = False) -> None:
    """Write the three artefacts into ``out`` atomically (temp folder, then rename)."""
    from .mapview import render_map

    out = Path(out)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output folder: {exc.strerror}", str(parent)) from None
    _check_target(out)
    data = situation_to_dict(situation)
    files = {
        "situation.json": dumps(data),
        "situation.geojson": dumps(situation_to_geojson(situation)),
        "map.html": render_map(situation, offline=offline),
    }
    with _lock(out):
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
        except OSError as exc:
            raise InputError(f"cannot write output: {exc.strerror}", str(parent)) from None
        try:
            for name, text in files.items():
                (tmp / name).write_text(text, encoding="utf-8")
            (tmp / _MARKER).write_text("written by mapper; safe to delete with the folder\n")
            _swap(tmp, out)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise InputError(f"cannot write output: {exc.strerror}", str(out)) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.replace(tmp, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        os.replace(old, out)  # put the previous output back
        raise
    shutil.rmtree(old, ignore_errors=True)
