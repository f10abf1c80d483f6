"""Write a Situation: situation.json (the contract), situation.geojson and map.html.

Everything is written into a temporary folder beside the target and swapped in with a
rename, so a failed or interrupted build leaves the previous output whole.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import glob
import json
import math
import os
import re
import secrets
import shutil
import sys
from pathlib import Path

from . import __version__
from .errors import InputError
from .model import Place, Situation, has_point

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
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def lonlat(lat: float, lon: float) -> list[float]:
    """A GeoJSON position: ``[lon, lat]`` (RFC 7946 order), the one place this order is made."""
    return [round(lon, 6), round(lat, 6)]


def _place_dict(p: Place) -> dict:
    d: dict = {"id": p.id, "name": p.name, "kind": p.kind, "countries": list(p.countries)}
    # Countries, rivers and regions wider than a province get no point (model.has_point).
    if has_point(p):
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
        elif has_point(p):
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
    try:
        text = json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError:
        # NaN or infinity (a "distance" of 400 nines overflows a float) is not JSON: null.
        text = json.dumps(
            _finite(obj), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False
        )
    return _utf8_safe(text) + "\n"


def _finite(obj):
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def _utf8_safe(text: str) -> str:
    # A lone surrogate (from a JSON article's "\ud800" or a file name's undecodable byte)
    # cannot be written as UTF-8; the readers replace them, and this keeps the writer safe
    # from any that get through. In JSON they can only sit inside strings.
    return _SURROGATE_RE.sub("\ufffd", text)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _check_target(out: Path) -> None:
    if not out.name or out.name in (".", ".."):
        raise InputError("cannot use this folder as --out: choose a named folder", str(out))
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
            f"cannot write beside the output folder: {_why(exc)}", str(out.parent)
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

    shown = str(out)
    # Absolute, so "." and "sub/.." get a real name and parent to put the temp folder in.
    out = Path(os.path.abspath(out))
    parent = out.parent
    _check_target(out)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(
            "cannot create output folder: a file is in the way: choose another --out", str(parent)
        ) from None
    except OSError as exc:
        raise InputError(f"cannot create output folder: {_why(exc)}", str(parent)) from None
    # Everything is rendered before the first byte is written: a rendering bug cannot
    # leave half an output behind.
    files = {
        "situation.json": dumps(situation_to_dict(situation)),
        "situation.geojson": dumps(situation_to_geojson(situation)),
        "map.html": _utf8_safe(render_map(situation, offline=offline)),
        _MARKER: "written by mapper; safe to delete with the folder\n",
    }
    if (out / ".gitkeep").is_file():
        # The repository's output/ placeholder survives the swap, so a build in a checkout
        # leaves `git status` clean.
        files[".gitkeep"] = ""
    with _lock(out):
        _recover(out)
        try:
            tmp = _make_temp_dir(parent, f".{out.name}.tmp-")
        except OSError as exc:
            raise InputError(f"cannot write output: {_why(exc)}", shown) from None
        try:
            for name, text in files.items():
                _write_file(tmp / name, text)
            _fsync_dir(tmp)
            _swap(tmp, out)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise InputError(f"cannot write output: {_why(exc)}", shown) from None
        except BaseException:
            # Ctrl-C or a bug mid-write: the temp folder goes, the previous output stays.
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _make_temp_dir(parent: Path, prefix: str) -> Path:
    # Not tempfile.mkdtemp: its folder is private (0700), and this one becomes the output,
    # which should get the usual permissions (0777 less the umask), like any new folder.
    for _ in range(100):
        path = parent / f"{prefix}{secrets.token_hex(6)}"
        try:
            os.mkdir(path)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        return path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(parent))  # pragma: no cover


def _write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        # On disk before the rename makes it visible: a power cut cannot swap in empty files.
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not POSIX
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


def _recover(out: Path) -> None:
    """Clean up after a build that was killed outright (SIGKILL, power cut); under the lock."""
    stale = sorted(out.parent.glob(f".{glob.escape(out.name)}.*-*"))
    for p in stale:
        if not p.is_dir() or not p.name.startswith((f".{out.name}.tmp-", f".{out.name}.old-")):
            continue
        if p.name.startswith(f".{out.name}.old-") and not out.exists():
            # Killed between the two renames of a swap: put the previous output back,
            # and never delete it if that fails.
            with contextlib.suppress(OSError):
                os.replace(p, out)
            continue
        shutil.rmtree(p, ignore_errors=True)


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.replace(tmp, out)
        return
    if _exchange(tmp, out):
        # ``tmp`` now holds the previous output.
        shutil.rmtree(tmp, ignore_errors=True)
        return
    old = out.parent / f".{out.name}.old-{tmp.name.rsplit('-', 1)[-1]}"
    os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        os.replace(old, out)  # put the previous output back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where unsupported."""
    libc = _libc()
    fn = getattr(libc, "renameat2", None) if libc is not None else None
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


@functools.cache
def _libc():
    if sys.platform != "linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover
        return None
