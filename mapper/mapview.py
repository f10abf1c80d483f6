"""Render a Situation as one self-contained HTML map: folium for the page, our script for the marks.

Design choices, and why:

- Every string that comes from an article (titles, quotes, attributions, URLs, unresolved
  names) is HTML-escaped in Python, and all data reaches the page as one JSON object made safe
  for a ``<script>`` element (``<``, ``>``, ``&`` as ``\\u`` escapes). folium's own ``Popup`` and
  ``Tooltip`` are not used: they paste HTML into JavaScript template literals, where a
  ``${...}`` in a quote would run, and the popups need jQuery.
- Leaflet's JS and CSS are always inlined from ``xstatic-leaflet`` (both modes), so the page
  never depends on a CDN; ``--offline`` also swaps the tiles for a vector basemap
  (``basemap.py``), so that page makes no request at all.
- Markers are DivIcons holding inline SVG: a shape per status, a fill per controller, extra
  rings and badges for disputed, changed-since and suspect places. Default marker images do
  not survive inlining.
- Popups are bounded (a few claims, then "and N more"); situation.json holds everything.
- folium's element ids are random; ``_fix_ids`` renumbers them so one input gives one output.
"""

from __future__ import annotations

import base64
import functools
import html
import importlib.resources
import json
import math
import re
from collections import Counter

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from .geo import distance_to_line_km
from .model import STATUSES, VERDICTS, Place, PlaceSituation, Situation, has_point
from .situation import claim_date

__all__ = [
    "render_map",
    "marker_svg",
    "popup_html",
    "safe_url",
    "script_json",
    "STATUS_TEXT",
    "VERDICT_STYLE",
]

# Kinds drawn as an area (a wide, faint disc round their point), not as a dot.
_AREA = frozenset({"province", "district", "region"})

NO_SIDE = "#9a9a9a"  # fill for a place no side is named as holding
# A status change since --since is a "changed" badge under the marker, not a colour: every
# palette colour may be some actor's (actors.yaml gives Turkey the Okabe-Ito yellow).
CHANGED = "mp-changed"
SUSPECT = "#c51b7d"  # magenta: suspect coordinates and their ghosts

# What each status means, for the legend and popups.
STATUS_TEXT = {
    "held": "held",
    "captured": "captured (taken, latest report)",
    "contested": "contested (fighting reported)",
    "threatened": "threatened (advance reported)",
    "besieged": "besieged (surrounded)",
    "disputed": "disputed (sources disagree)",
    "unknown": "unknown (mentioned, no claim)",
}

# Distance-claim lines: colour and dash both carry the verdict, so it reads without colour.
VERDICT_STYLE = {
    "consistent": {"color": "#1b7837", "dash": None, "weight": 3},
    "loose": {"color": "#a6761d", "dash": "9 6", "weight": 3},
    "inconsistent": {"color": SUSPECT, "dash": "2 6", "weight": 4},
    "unverifiable": {"color": "#777777", "dash": "4 4", "weight": 2},
}

# Popup bounds: a place with 500 claims still opens as a readable card.
MAX_FACTS = 5
MAX_NOT_FACTS = 3
MAX_DISTANCES = 4
MAX_QUOTE = 280
MAX_TITLE = 110
MAX_UNRESOLVED = 30


# ---------------------------------------------------------------- small safe helpers


def _e(s: object) -> str:
    """HTML-escape anything (quotes too, so it is safe in attributes)."""
    return html.escape("" if s is None else str(s), quote=True)


def _cut(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None: ``javascript:`` never becomes a link."""
    if not url:
        return None
    url = url.strip()
    if re.match(r"(?i)^https?://[^\s<>\"'`]+$", url) is None:
        return None
    return url


def script_json(obj) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``).

    ``$`` and backticks are escaped too, so the data stays inert even in a template literal.
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, rep in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("$", "\\u0024"),
        ("`", "\\u0060"),
    ):
        text = text.replace(ch, rep)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _drawn(p: Place) -> bool:
    return has_point(p)


# ---------------------------------------------------------------- markers


def _shape(status: str, fill: str, c: float) -> str:
    """The status shape around centre ``c``: circle, diamond (contested), triangle (threat)."""
    stroke = 'stroke="#1b1b1b" stroke-width="1.3"'
    if status == "contested":
        r = 8.5
        pts = f"{c},{c - r} {c + r},{c} {c},{c + r} {c - r},{c}"
        return f'<polygon points="{pts}" fill="{fill}" {stroke}/>'
    if status == "threatened":
        pts = f"{c},{c - 8.5} {c + 8},{c + 6} {c - 8},{c + 6}"
        return f'<polygon points="{pts}" fill="{fill}" {stroke} stroke-linejoin="round"/>'
    if status == "unknown":
        return (
            f'<circle cx="{c}" cy="{c}" r="4.5" fill="#ffffff" stroke="#6b6b6b" '
            'stroke-width="1.5" stroke-dasharray="2 1.5"/>'
        )
    return f'<circle cx="{c}" cy="{c}" r="7" fill="{fill}" {stroke}/>'


def _split_disc(colours: list[str], c: float, r: float = 7.0) -> str:
    """A disc cut into equal wedges, one per contender, starting at 12 o'clock."""
    colours = colours[:4] or [NO_SIDE]
    if len(colours) == 1:
        return f'<circle cx="{c}" cy="{c}" r="{r}" fill="{colours[0]}"/>'
    out = []
    n = len(colours)
    for i, col in enumerate(colours):
        a0 = 2 * math.pi * i / n - math.pi / 2
        a1 = 2 * math.pi * (i + 1) / n - math.pi / 2
        x0, y0 = c + r * math.cos(a0), c + r * math.sin(a0)
        x1, y1 = c + r * math.cos(a1), c + r * math.sin(a1)
        large = 1 if a1 - a0 > math.pi else 0
        out.append(
            f'<path d="M{c},{c} L{x0:.2f},{y0:.2f} A{r},{r} 0 {large} 1 {x1:.2f},{y1:.2f} Z" '
            f'fill="{col}"/>'
        )
    return "".join(out)


def marker_svg(
    status: str,
    fill: str,
    contenders: list[str] | tuple[str, ...] = (),
    changed: bool = False,
    suspect: bool = False,
    area: bool = False,
) -> str:
    """The marker for one place: inline SVG (32x32, centre 16) plus badges as HTML.

    held: disc; captured: disc with a ring in the side's colour; besieged: disc in a dotted
    ring; contested: diamond; threatened: triangle; disputed: a disc split between the
    contenders' colours in a black-and-white hatched ring, with a "disputed" badge;
    unknown: a small hollow dashed circle. A "changed" badge marks a change since ``--since``;
    a "?" badge marks coordinates the distance claims contradict. A province, district or region
    (``area``) sits in a wide, faint disc of its side's colour: it is a region, not a dot.
    """
    c = 16
    parts = []
    if area and status != "unknown":
        parts.append(
            f'<circle cx="{c}" cy="{c}" r="30" fill="{fill}" fill-opacity="0.13" '
            f'stroke="{fill}" stroke-opacity="0.7" stroke-width="1.2" '
            'stroke-dasharray="5 4"/>'
        )
    if status == "disputed":
        parts.append(
            f'<circle cx="{c}" cy="{c}" r="11" fill="none" stroke="#ffffff" stroke-width="4"/>'
        )
        parts.append(
            f'<circle cx="{c}" cy="{c}" r="11" fill="none" stroke="#1b1b1b" '
            'stroke-width="4" stroke-dasharray="2.3 2.3"/>'
        )
        parts.append(_split_disc(list(contenders), c))
        parts.append(
            f'<circle cx="{c}" cy="{c}" r="7" fill="none" stroke="#1b1b1b" stroke-width="1.3"/>'
        )
    else:
        if status == "captured":
            parts.append(
                f'<circle cx="{c}" cy="{c}" r="11" fill="#ffffff" stroke="{fill}" '
                'stroke-width="3"/>'
            )
        elif status == "besieged":
            parts.append(
                f'<circle cx="{c}" cy="{c}" r="11.5" fill="#ffffff" stroke="#1b1b1b" '
                'stroke-width="2.6" stroke-dasharray="0.1 3.6" stroke-linecap="round"/>'
            )
        parts.append(_shape(status, fill, c))
    if suspect:
        parts.append(
            f'<circle cx="26" cy="6" r="5.5" fill="#ffffff" stroke="{SUSPECT}" '
            'stroke-width="1.6"/>'
            f'<text x="26" y="9" font-size="8.5" font-weight="700" text-anchor="middle" '
            f'fill="{SUSPECT}" font-family="sans-serif">?</text>'
        )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32" '
        f'class="mp-m mp-{status}">{"".join(parts)}</svg>'
    )
    if status == "disputed":
        svg += '<span class="mp-badge">disputed</span>'
    if changed:
        svg += f'<span class="mp-badge {CHANGED}" title="changed">&#916;</span>'
    return svg


# ---------------------------------------------------------------- popups


class _Index:
    """Look-ups a popup needs, computed once per render."""

    def __init__(self, s: Situation):
        self.s = s
        self.actors = {a.id: a for a in s.actors}
        self.docs = {d.id: d for d in s.documents}
        self.places = {p.id: p for p in s.places}
        self.published = {d.id: d.published for d in s.documents}
        self.suspects = {x.place: x for x in s.suspects}
        self.distances: dict[str, list[int]] = {}
        for i, d in enumerate(s.distance_claims):
            for pid in dict.fromkeys((d.place, d.reference)):
                if pid is not None:
                    self.distances.setdefault(pid, []).append(i)

    def actor_name(self, aid: str | None) -> str:
        if aid is None:
            return "no side named"
        a = self.actors.get(aid)
        return a.name if a else aid

    def colour(self, aid: str | None) -> str:
        a = self.actors.get(aid) if aid else None
        return a.colour if a else NO_SIDE

    def place_name(self, pid: str | None) -> str:
        if pid is None:
            return "(no place named)"
        p = self.places.get(pid)
        return p.name if p else pid


def _swatch(colour: str) -> str:
    return f'<i class="mp-sw" style="background:{_e(colour)}"></i>'


def status_line(ps: PlaceSituation | None, ix: _Index) -> str:
    """``captured by <side>``, ``disputed: A vs B``, ... as escaped HTML."""
    if ps is None or ps.status == "unknown":
        return '<span class="mp-st">unknown</span> (mentioned, no claim)'
    st = f'<span class="mp-st mp-st-{_e(ps.status)}">{_e(ps.status)}</span>'
    if ps.status == "disputed":
        sides = " vs ".join(_swatch(ix.colour(a)) + _e(ix.actor_name(a)) for a in ps.contenders)
        return f"{st}: {sides}"
    if ps.controller:
        verb = {"held": "held by", "captured": "by"}.get(ps.status, "· held by")
        return f"{st} {verb} {_swatch(ix.colour(ps.controller))}{_e(ix.actor_name(ps.controller))}"
    if ps.contenders:
        return f"{st}: " + ", ".join(_e(ix.actor_name(a)) for a in ps.contenders)
    return st


def _source(doc_id: str, attributed: str | None, when: str | None, ix: _Index) -> str:
    doc = ix.docs.get(doc_id)
    title = _cut(doc.title if doc and doc.title else doc_id, MAX_TITLE)
    bits = [f"<cite>{_e(title)}</cite>"]
    if doc and doc.published:
        bits.append(_e(doc.published))
    if when and (not doc or when != doc.published):
        bits.append(f"claim dated {_e(when)}")
    if attributed:
        bits.append(f"according to {_e(_cut(attributed, 80))}")
    url = safe_url(doc.url) if doc else None
    if url:
        bits.append(f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">link</a>')
    return '<span class="mp-src">' + " · ".join(bits) + "</span>"


def _claim_li(i: int, ix: _Index, tag: str = "") -> str:
    c = ix.s.control_claims[i]
    when = claim_date(c, ix.published)
    who = f"{_swatch(ix.colour(c.actor))}{_e(ix.actor_name(c.actor))}" if c.actor else ""
    head = f'<span class="mp-kind">{_e(c.kind)}</span>{" · " + who if who else ""}'
    if tag:
        head = f'<span class="mp-tag">{_e(tag)}</span> ' + head
    return (
        f"<li>{head}<q>{_e(_cut(c.quote, MAX_QUOTE))}</q>"
        f"{_source(c.doc, c.attributed_to, when, ix)}</li>"
    )


def _more(n: int) -> str:
    return f'<div class="mp-more">and {n} more in situation.json</div>' if n > 0 else ""


def _km(x: float | None) -> str:
    return "?" if x is None else f"{x:.0f} km"


def _distance_li(i: int, ix: _Index) -> str:
    d = ix.s.distance_claims[i]
    v = d.verdict if d.verdict in VERDICT_STYLE else "unverifiable"
    value = f"{d.value:g}" + (f"–{d.value_max:g}" if d.value_max else "") + f" {d.unit}"
    if d.approximate:
        value = "about " + value
    if d.bound == "upper":
        value = "within " + value
    elif d.bound == "lower":
        value = "more than " + value
    said = f"{_e(ix.place_name(d.place))}: {_e(value)}"
    said += f" {_e(d.bearing)}" if d.bearing else ""
    said += f" of {_e(ix.place_name(d.reference))}"
    measured = ""
    if d.computed_km is not None:
        measured = f" · measured {_km(d.computed_km)}"
        measured += f" {_e(d.computed_bearing)}" if d.computed_bearing else ""
    note = f'<span class="mp-src">{_e(d.note)}</span>' if d.note else ""
    return (
        f'<li><span class="mp-v mp-v-{v}">{_e(v)}</span> {said}{measured}'
        f"<q>{_e(_cut(d.quote, MAX_QUOTE))}</q>{note}"
        f"{_source(d.doc, None, None, ix)}</li>"
    )


def _is_fact(i: int, ix: _Index) -> str:
    """'' if the claim counts as a fact, else the reason it does not ('denied', ...)."""
    c = ix.s.control_claims[i]
    if c.negated:
        return "denied"
    if c.hypothetical:
        return "hypothetical"
    if ix.s.as_of:
        when = claim_date(c, ix.published)
        if when and when > ix.s.as_of:
            return "after as-of date"
    return ""


def popup_html(p: Place, ps: PlaceSituation | None, ix: _Index) -> str:
    """The popup of one place: bounded however many claims it has."""
    sub = [_e(p.kind)]
    if p.province:
        sub.append(_e(ix.place_name(p.province)))
    if ps and ps.as_of:
        sub.append(f"latest claim {_e(ps.as_of)}")
    if ps and ps.changed_since and ix.s.since:
        sub.append(f'<b class="mp-chg">changed since {_e(ix.s.since)}</b>')
    out = [
        '<div class="mp-pop">',
        f'<div class="mp-h"><b>{_e(p.name)}</b> — {status_line(ps, ix)}</div>',
        f'<div class="mp-sub">{" · ".join(sub)}</div>',
    ]
    if ps and ps.reason and ps.status != "unknown":
        out.append(f'<div class="mp-why">Why: {_e(ps.reason)}</div>')
    claims = list(ps.claims) if ps else []
    facts = [i for i in claims if not _is_fact(i, ix)]
    others = [i for i in claims if _is_fact(i, ix)]
    if facts:
        out.append(f'<div class="mp-sec">Claims ({len(facts)}), newest first</div><ol>')
        out += [_claim_li(i, ix) for i in facts[:MAX_FACTS]]
        out.append("</ol>" + _more(len(facts) - MAX_FACTS))
    if others:
        out.append(
            f'<div class="mp-sec">Not counted as fact ({len(others)})</div><ol class="mp-nf">'
        )
        out += [_claim_li(i, ix, _is_fact(i, ix)) for i in others[:MAX_NOT_FACTS]]
        out.append("</ol>" + _more(len(others) - MAX_NOT_FACTS))
    dist = ix.distances.get(p.id, [])
    if dist:
        out.append(f'<div class="mp-sec">Distance claims ({len(dist)})</div><ol>')
        out += [_distance_li(i, ix) for i in dist[:MAX_DISTANCES]]
        out.append("</ol>" + _more(len(dist) - MAX_DISTANCES))
    sx = ix.suspects.get(p.id)
    if sx is not None:
        out.append('<div class="mp-sec mp-sus">Suspect coordinates</div>')
        out.append(f'<div class="mp-why">{_e(sx.reason)}')
        if sx.suggested_lat is not None and sx.suggested_lon is not None:
            r = f" (±{sx.radius_km:.0f} km)" if sx.radius_km else ""
            out.append(f"<br>Suggested position: {sx.suggested_lat:.4f}, {sx.suggested_lon:.4f}{r}")
        else:
            out.append("<br>No position suggested.")
        if sx.line:
            out.append(f"<br>Gazetteer entry: {_e(ix.s.gazetteer)} line {sx.line}")
        out.append("</div>")
    if not claims and not dist:
        out.append('<div class="mp-why">Mentioned in the reports; no claim about it.</div>')
    out.append("</div>")
    return "".join(out)


# ---------------------------------------------------------------- the data the page draws


def _sides(ps: PlaceSituation | None) -> list[str]:
    """The actor filters a place answers to ("none": no side named)."""
    if ps is None:
        return ["none"]
    if ps.disputed and ps.contenders:
        return list(ps.contenders)
    return [ps.controller or "none"]


def _project(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixels at ``zoom``, as Leaflet computes them."""
    scale = 256 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return scale * (lon + 180) / 360, scale * (1 - y / math.pi) / 2


# Where a name goes relative to its marker, in order of preference, and Leaflet's offset.
_LABEL_DIRS = (("right", [10, 0]), ("left", [-10, 0]), ("top", [0, -10]), ("bottom", [0, 10]))


def _place_labels(
    places: list[dict], bounds: list[list[float]], view_px: tuple[int, int] = (1040, 750)
) -> float:
    """Choose a side for each permanent name so that names do not cover each other.

    Greedy, most important place first, at the zoom the page first opens at (the data
    fitted into ``view_px``, the map less the panels); deeper zooms only spread them out.
    A name with no free side is marked ``crowded``: the page shows it once zoomed in.
    Returns that zoom.
    """
    if not places:
        return 6.0
    x0, y1 = _project(bounds[0][0], bounds[0][1], 0)
    x1, y0 = _project(bounds[1][0], bounds[1][1], 0)
    fit = min(view_px[0] / max(x1 - x0, 1e-6), view_px[1] / max(y1 - y0, 1e-6))
    zoom = max(5.0, min(11.0, math.floor(math.log2(fit) * 4) / 4))
    xy = {p["id"]: _project(p["lat"], p["lon"], zoom) for p in places}
    taken = [(x - 9, y - 9, x + 9, y + 9) for x, y in xy.values()]  # the markers themselves
    for p in places:  # and their badges: "disputed" above, "changed" below
        x, y = xy[p["id"]]
        if p["status"] == "disputed":
            taken.append((x - 25, y - 27, x + 25, y - 9))
        if CHANGED in p["badges"]:
            taken.append((x - 8, y + 9, x + 8, y + 26))

    def free(b):
        return all(b[2] <= t[0] or b[0] >= t[2] or b[3] <= t[1] or b[1] >= t[3] for t in taken)

    ranked = sorted(
        (p for p in places if p["permanent"]),
        key=lambda p: (p["minor"], -p["z"], p["id"]),  # cities, then by status
    )
    for p in ranked:
        x, y = xy[p["id"]]
        w, h = 7.2 * len(html.unescape(p["label"])) + 6, 15
        boxes = {
            "right": (x + 10, y - h / 2, x + 10 + w, y + h / 2),
            "left": (x - 10 - w, y - h / 2, x - 10, y + h / 2),
            "top": (x - w / 2, y - 10 - h, x + w / 2, y - 10),
            "bottom": (x - w / 2, y + 10, x + w / 2, y + 10 + h),
        }
        choice = next((d for d, _ in _LABEL_DIRS if free(boxes[d])), None)
        p["crowded"] = choice is None
        choice = choice or "right"
        p["dir"], p["offset"] = choice, dict(_LABEL_DIRS)[choice]
        if not p["crowded"]:
            taken.append(boxes[choice])
    return zoom


def _view(s: Situation) -> dict:
    """Everything the page's script draws, as plain JSON-able data (HTML already escaped)."""
    ix = _Index(s)
    by_place = {ps.place: ps for ps in s.situations}
    icons: dict[str, str] = {}
    places = []
    for p in s.places:
        if not _drawn(p):
            continue
        ps = by_place.get(p.id)
        status = ps.status if ps else "unknown"
        fill = ix.colour(ps.controller if ps else None)
        contenders = [ix.colour(a) for a in (ps.contenders if ps else ())]
        changed = bool(ps and ps.changed_since)
        suspect = p.id in ix.suspects
        svg = marker_svg(status, fill, contenders, changed, suspect, p.kind in _AREA)
        key = icons.setdefault(svg, f"i{len(icons)}")
        label = _e(p.name.upper() if p.kind in _AREA else p.name)
        places.append(
            {
                "id": p.id,
                "lat": round(p.lat, 5),
                "lon": round(p.lon, 5),
                "icon": key,
                "status": status,
                "sides": _sides(ps),
                "label": label,
                # Names stay on screen for places with a claim; the rest show on hover.
                "permanent": status != "unknown",
                "minor": p.kind not in ("city", "province"),
                "area": p.kind in _AREA,
                "badges": [CHANGED] if changed else [],
                "z": STATUSES.index(status) if status != "unknown" else -100,
                "popup": popup_html(p, ps, ix),
            }
        )
    # One line per (reference, place, verdict): a thousand reports repeating "37 miles from
    # Baghdad" draw one line whose popup lists a few of them, so the page stays bounded.
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, d in enumerate(s.distance_claims):
        v = d.verdict if d.verdict in VERDICT_STYLE else "unverifiable"
        if d.reference and d.place:
            groups.setdefault((d.reference, d.place, v), []).append(i)
    lines = []
    for (ref, pid, v), idx in groups.items():
        a, b = ix.places.get(ref), ix.places.get(pid)
        if a is None or b is None or not _drawn(b):
            continue
        if a.kind == "border" and a.geometry:
            # A border is a line: draw to its nearest point, which is what was measured.
            start = distance_to_line_km(b.point, a.geometry)[1]
        elif a.point is not None:
            start = a.point
        else:
            continue
        d = s.distance_claims[idx[0]]
        tip = (
            f"{_e(b.name)} – {_e(a.name)}: reported {d.reported_km:.0f} km, "
            f"measured {_km(d.computed_km)} · {_e(v)}"
        )
        if len(idx) > 1:
            tip += f" ({len(idx)} claims)"
        items = "".join(_distance_li(i, ix) for i in idx[:MAX_DISTANCES])
        lines.append(
            {
                "a": [round(start[0], 5), round(start[1], 5)],
                "b": [round(b.lat, 5), round(b.lon, 5)],
                "verdict": v,
                "tip": tip,
                "popup": f'<div class="mp-pop"><ol>{items}</ol>'
                f"{_more(len(idx) - MAX_DISTANCES)}</div>",
            }
        )
    ghosts = []
    for x in s.suspects:
        p = ix.places.get(x.place)
        if p is None or not _drawn(p):
            continue
        g = {
            "at": [round(p.lat, 5), round(p.lon, 5)],
            "tip": f"{_e(p.name)}: suspect coordinates",
            "popup": popup_html(p, by_place.get(p.id), ix),
        }
        if x.suggested_lat is not None and x.suggested_lon is not None:
            g["to"] = [round(x.suggested_lat, 5), round(x.suggested_lon, 5)]
            g["radius_m"] = round(x.radius_km * 1000) if x.radius_km else None
            g["ghost_tip"] = f"{_e(p.name)}: suggested position"
        ghosts.append(g)
    styles = {
        v: {"color": st["color"], "dashArray": st["dash"], "weight": st["weight"]}
        for v, st in VERDICT_STYLE.items()
    }
    bounds = _bounds(places, lines, ghosts)
    label_zoom = _place_labels(places, bounds) + 1 if bounds else 6.0
    return {
        "bounds": bounds,
        "icons": {k: h for h, k in icons.items()},
        "places": places,
        "lines": lines,
        "suspects": ghosts,
        "styles": styles,
        "suspectColour": SUSPECT,
        "labelZoom": label_zoom,
    }


# ---------------------------------------------------------------- panels


def _date_range(s: Situation) -> tuple[str, str] | None:
    dates = sorted(d.published for d in s.documents if d.published)
    return (dates[0], dates[-1]) if dates else None


def header_html(s: Situation, offline: bool) -> str:
    """The build summary at the top left."""
    drawn = {p.id for p in s.places if _drawn(p)}
    with_claims = sum(1 for ps in s.situations if ps.status != "unknown" and ps.place in drawn)
    bits = [
        f"<b>{len(s.documents)}</b> report{'s' if len(s.documents) != 1 else ''}",
        f"<b>{len(s.places)}</b> places ({with_claims} with a status)",
        f"<b>{len(s.control_claims)}</b> control claims",
        f"<b>{len(s.distance_claims)}</b> distance claims",
        f"<b>{len(s.suspects)}</b> suspect location{'s' if len(s.suspects) != 1 else ''}",
    ]
    if s.skipped:
        bits.append(f"<b>{len(s.skipped)}</b> inputs skipped")
    rng = _date_range(s)
    when = f"reports dated {_e(rng[0])} to {_e(rng[1])}" if rng else "reports undated"
    extra = []
    if s.as_of:
        extra.append(f'<span class="mp-asof">as of {_e(s.as_of)}</span>')
    if s.since:
        extra.append(f'<span class="mp-since">&#916; changed since {_e(s.since)}</span>')
    return (
        '<div id="mp-header" class="mp-panel">'
        f'<div class="mp-title">Iraq situation map {" ".join(extra)}</div>'
        f'<div class="mp-stats">{" · ".join(bits)}</div>'
        f'<div class="mp-hint">{when}. Click a place for its quoted sources; '
        "every claim is in situation.json.</div></div>"
    )


def _legend_row(kind: str, key: str, sample: str, text: str, count: int | None) -> str:
    n = f'<span class="mp-n">{count}</span>' if count is not None else ""
    zero = " mp-zero" if count == 0 else ""
    return (
        f'<label class="mp-row{zero}"><input type="checkbox" checked data-f="{kind}" '
        f'data-k="{_e(key)}">{sample}<span class="mp-lt">{text}</span>{n}</label>'
    )


def _line_sample(v: str) -> str:
    st = VERDICT_STYLE[v]
    dash = f' stroke-dasharray="{st["dash"]}"' if st["dash"] else ""
    return (
        '<svg class="mp-ls" width="34" height="12" viewBox="0 0 34 12">'
        f'<line x1="1" y1="6" x2="33" y2="6" stroke="{st["color"]}" '
        f'stroke-width="{st["weight"]}"{dash}/></svg>'
    )


def _mini(svg: str) -> str:
    """A legend-sized copy of a marker (the badge text left out)."""
    svg = svg.split("<span", 1)[0]
    return svg.replace('width="32" height="32"', 'width="22" height="22"', 1)


def legend_html(s: Situation, offline: bool) -> str:
    """Legend and layer control in one: every row a checkbox that shows or hides its marks."""
    drawn = {p.id for p in s.places if _drawn(p)}
    sits = [ps for ps in s.situations if ps.place in drawn]
    drawn_n = len(drawn)
    side_n = Counter(a for ps in sits for a in _sides(ps))
    side_n["none"] += drawn_n - len(sits)
    status_n = Counter(ps.status for ps in sits)
    status_n["unknown"] += drawn_n - len(sits)
    verdict_n = Counter(d.verdict for d in s.distance_claims)
    rows = ['<div class="mp-lh">Sides (marker colour)</div>']
    for a in s.actors:
        rows.append(_legend_row("side", a.id, _swatch(a.colour), _e(a.name), side_n.get(a.id, 0)))
    rows.append(_legend_row("side", "none", _swatch(NO_SIDE), "no side named", side_n["none"]))
    rows.append('<div class="mp-lh">Status (marker shape)</div>')
    for st in STATUSES:
        sample = _mini(marker_svg(st, "#9a9a9a", ["#1a1a1a", "#d55e00"]))
        rows.append(_legend_row("status", st, sample, _e(STATUS_TEXT[st]), status_n.get(st, 0)))
    rows.append('<div class="mp-lh">Distance claims (line from reference to place)</div>')
    for v in VERDICTS:
        rows.append(_legend_row("verdict", v, _line_sample(v), _e(v), verdict_n.get(v, 0)))
    rows.append('<div class="mp-lh">Checks</div>')
    ghost = (
        '<svg width="22" height="22" viewBox="0 0 22 22"><circle cx="11" cy="11" r="7" '
        f'fill="none" stroke="{SUSPECT}" stroke-width="2" stroke-dasharray="3 2"/></svg>'
    )
    rows.append(
        _legend_row(
            "layer", "suspects", ghost, "suspect coordinates, suggested position", len(s.suspects)
        )
    )
    sus = _mini(marker_svg("held", "#9a9a9a", suspect=True))
    rows.append(
        f'<div class="mp-row">{sus}<span class="mp-lt">coordinates contradicted by '
        "distance claims</span></div>"
    )
    if s.since:
        chg = f'<span class="mp-pill {CHANGED}">&#916;</span>'
        rows.append(
            f'<div class="mp-row">{chg}<span class="mp-lt">&#916;: status changed since '
            f"{_e(s.since)}</span></div>"
        )
    base = (
        "Basemap: Natural Earth outlines, WDB II rivers; no province boundaries"
        if offline
        else "Basemap: map tiles (needs network)"
    )
    return (
        '<details id="mp-legend" class="mp-panel" open><summary>Legend and layers</summary>'
        f'<div class="mp-lb">{"".join(rows)}<div class="mp-foot">{_e(base)}</div></div>'
        "</details>"
    )


def unresolved_html(s: Situation) -> str:
    """The names the gazetteer lacks, most frequent first, bounded."""
    counts = Counter(u.text for u in s.unresolved)
    not_drawn = [p for p in s.places if not _drawn(p) and p.kind not in ("country",)]
    if not counts and not not_drawn:
        return ""
    ctx = {}
    for u in s.unresolved:
        ctx.setdefault(u.text, u.context)
    names = sorted(counts, key=lambda t: (-counts[t], t))
    items = [
        f'<li title="{_e(_cut(ctx[t], 160))}">{_e(_cut(t, 60))}'
        f"{f' <span class=mp-n>×{counts[t]}</span>' if counts[t] > 1 else ''}</li>"
        for t in names[:MAX_UNRESOLVED]
    ]
    body = ""
    if names:
        body += (
            f'<div class="mp-lh">Unresolved names ({len(names)}): not in the gazetteer</div>'
            f'<ul class="mp-un">{"".join(items)}</ul>{_more(len(names) - MAX_UNRESOLVED)}'
        )
    if not_drawn:
        body += (
            '<div class="mp-lh">Places without a point</div><div class="mp-why">'
            + ", ".join(_e(p.name) for p in not_drawn[:MAX_UNRESOLVED])
            + (
                f" and {len(not_drawn) - MAX_UNRESOLVED} more"
                if len(not_drawn) > MAX_UNRESOLVED
                else ""
            )
            + "</div>"
        )
    return (
        f'<details id="mp-unresolved" class="mp-panel"><summary>Unresolved names '
        f"({len(names)})</summary>{body}</details>"
    )


# ---------------------------------------------------------------- assets and page


@functools.lru_cache(maxsize=1)
def _leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS from xstatic-leaflet, its images turned into data: URIs."""
    data = importlib.resources.files("xstatic.pkg.leaflet").joinpath("data")
    js = data.joinpath("leaflet.js").read_text(encoding="utf-8")
    css = data.joinpath("leaflet.css").read_text(encoding="utf-8")

    def inline(m: re.Match) -> str:
        png = data.joinpath("images", m.group(1)).read_bytes()
        return "url(data:image/png;base64," + base64.b64encode(png).decode("ascii") + ")"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)
    # Inlined code must not close its own <script> element.
    js = js.replace("</", "<\\/")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    return js, css


_CSS = """
.leaflet-tile-pane{filter:saturate(.3) brightness(1.04)}
.leaflet-container{background:#d4e4ec;font:13px/1.35 system-ui,-apple-system,"Segoe UI",
 Roboto,Helvetica,Arial,sans-serif}
.mp-panel{position:fixed;z-index:1000;background:rgba(255,255,255,.95);border-radius:6px;
 box-shadow:0 1px 5px rgba(0,0,0,.35);color:#1b1b1b;font:12.5px/1.35 system-ui,-apple-system,
 "Segoe UI",Roboto,Helvetica,Arial,sans-serif}
#mp-header{top:10px;left:10px;max-width:min(640px,calc(100% - 340px));padding:7px 11px}
.mp-title{font-size:15px;font-weight:700}
.mp-asof,.mp-since{font-size:12px;font-weight:600;margin-left:6px;padding:1px 6px;
 border-radius:9px;background:#eee;white-space:nowrap}
.mp-hint{color:#555;font-size:11.5px;margin-top:2px}
#mp-legend{top:10px;right:10px;width:292px;max-height:calc(100% - 190px);overflow:auto}
#mp-legend summary,#mp-unresolved summary{cursor:pointer;font-weight:700;padding:6px 10px}
.mp-lb{padding:0 10px 8px}
.mp-lh{font-weight:700;font-size:11px;text-transform:uppercase;letter-spacing:.04em;
 color:#555;margin:7px 0 2px}
.mp-row{display:flex;align-items:center;gap:5px;min-height:19px;cursor:pointer}
div.mp-row{cursor:default;padding-left:18px}
.mp-zero .mp-lt,.mp-zero .mp-n{color:#8a8a8a}
.mp-row input{margin:0 2px 0 0}
.mp-row svg{flex:none}
.mp-lt{flex:1}
.mp-n{color:#666;font-size:11px;font-variant-numeric:tabular-nums}
.mp-sw{display:inline-block;width:12px;height:12px;border-radius:50%;border:1px solid #1b1b1b;
 margin:0 4px 0 2px;vertical-align:-1px;flex:none}
.mp-foot{color:#666;font-size:11px;margin-top:6px}
#mp-unresolved{bottom:22px;left:10px;max-width:330px;max-height:45%;overflow:auto}
#mp-unresolved .mp-lh,#mp-unresolved ul,#mp-unresolved .mp-why{margin-left:10px;
 margin-right:10px}
.mp-un{padding-left:16px;margin:2px 0 8px}
.mp-place{background:none;border:none}
.mp-place svg{overflow:visible;display:block}
.mp-pill{font:700 10px/1 system-ui,sans-serif;padding:1px 3px;margin:0 5px 0 6px;
 border-radius:7px;
 border:1.3px solid #1b1b1b;white-space:nowrap}
.mp-badge.mp-changed{top:28px;font-size:10px;padding:1px 3px;background:#fff;color:#1b1b1b;
 border:1.3px solid #1b1b1b}
.mp-badge{position:absolute;left:50%;top:-9px;transform:translateX(-50%);background:#1b1b1b;
 color:#fff;font:700 9px/1 system-ui,sans-serif;padding:2px 4px;border-radius:7px;
 letter-spacing:.03em;white-space:nowrap}
.leaflet-tooltip.mp-label{background:none;border:none;box-shadow:none;padding:0 2px;
 font-weight:600;font-size:12px;color:#111;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,
 0 0 4px #fff}
.leaflet-tooltip.mp-label:before{display:none}
.leaflet-tooltip.mp-area{font-weight:700;font-size:10.5px;letter-spacing:.08em;color:#555}
.mp-lowzoom .leaflet-tooltip.mp-crowded{display:none}
.mp-country{color:#7b7b7b;font:italic 600 13px/1 Georgia,serif;letter-spacing:.12em;
 text-transform:uppercase;white-space:nowrap;text-align:center;pointer-events:none}
.mp-pop{font-size:12.5px;max-height:360px;overflow:auto;padding-right:4px}
.mp-h{font-size:14px;margin-bottom:2px}
.mp-sub{color:#555;font-size:11.5px}
.mp-st{font-weight:700;text-transform:uppercase;font-size:11px;letter-spacing:.04em;
 padding:1px 5px;border-radius:8px;background:#eee}
.mp-st-disputed{background:#1b1b1b;color:#fff}
.mp-chg{background:#1b1b1b;color:#fff;padding:0 4px;border-radius:3px}
.mp-why{color:#333;font-size:11.5px;margin:3px 0}
.mp-sec{font-weight:700;font-size:11px;text-transform:uppercase;letter-spacing:.04em;
 color:#555;margin:8px 0 2px;border-top:1px solid #ddd;padding-top:5px}
.mp-sus{color:#c51b7d}
.mp-pop ol{margin:0;padding-left:18px}
.mp-pop li{margin:3px 0 6px}
.mp-pop q{display:block;font-style:italic;color:#222;margin:1px 0}
.mp-src{display:block;color:#666;font-size:11px}
.mp-kind{font-weight:700}
.mp-tag{background:#fff0f6;color:#a0105f;border:1px solid #c51b7d;font-size:10px;
 font-weight:700;padding:0 4px;border-radius:3px;text-transform:uppercase}
.mp-nf q{text-decoration:line-through;text-decoration-color:rgba(0,0,0,.35)}
.mp-v{font-weight:700;font-size:10.5px;text-transform:uppercase;padding:0 4px;border-radius:3px;
 color:#fff}
.mp-v-consistent{background:#1b7837}.mp-v-loose{background:#a6761d}
.mp-v-inconsistent{background:#c51b7d}.mp-v-unverifiable{background:#777}
.mp-more{color:#555;font-size:11px;font-style:italic;margin:0 0 4px 18px}
"""

# The page's own script: draws the marks from the data and wires the legend's checkboxes.
# It only ever hands Leaflet HTML that Python escaped.
_RUNTIME = Template(
    """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  window.mapperMap = map;
  var D = {{ this.data }};
  map.createPane("mpBase").style.zIndex = 250;
  map.createPane("mpBaseLabels").style.zIndex = 260;
  if (D.countries) {
    L.geoJSON(D.countries, {pane: "mpBase", interactive: false,
      attribution: "Outlines: Natural Earth · rivers: World Data Bank II", style: function (f) {
      var iq = f.properties.iso === "IQ";
      return {color: "#8c8c8c", weight: iq ? 1.6 : 1, fillColor: iq ? "#fbfaf6" : "#eeebe3",
              fillOpacity: 1};
    }}).addTo(map);
    D.countries.features.forEach(function (f) {
      if (!f.properties.label) return;
      L.marker(f.properties.label, {pane: "mpBaseLabels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "mp-country", html: f.properties.name,
                         iconSize: [160, 16], iconAnchor: [80, 8]})}).addTo(map);
    });
  }
  if (D.rivers) {
    L.geoJSON(D.rivers, {pane: "mpBase", interactive: false, style: function (f) {
      const inside = f.properties.inside;
      return {color: "#4a90d0", weight: inside ? 1.8 : 1, opacity: inside ? 0.9 : 0.45};
    }}).addTo(map);
  }
  // Popups pan clear of the header (top left) and the legend (right).
  var POP = {maxWidth: 400, minWidth: 280, autoPanPaddingTopLeft: [20, 100],
             autoPanPaddingBottomRight: [320, 20]};
  var placeLayer = L.layerGroup().addTo(map);
  var lineLayer = L.layerGroup().addTo(map);
  var suspectLayer = L.layerGroup().addTo(map);
  var marks = [], lines = [];
  D.lines.forEach(function (l) {
    var st = D.styles[l.verdict];
    var pl = L.polyline([l.a, l.b], {color: st.color, weight: st.weight, dashArray: st.dashArray,
      opacity: 0.9, lineCap: "round"});
    pl.bindTooltip(l.tip, {sticky: true});
    pl.bindPopup(l.popup, POP);
    var end = L.circleMarker(l.a, {radius: 3, color: st.color, weight: 2, fillColor: "#fff",
      fillOpacity: 1}).bindTooltip(l.tip);
    var g = L.featureGroup([pl, end]);
    g.mp = l;
    lines.push(g);
    lineLayer.addLayer(g);
  });
  D.suspects.forEach(function (s) {
    var c = D.suspectColour;
    L.circleMarker(s.at, {radius: 16, color: c, weight: 2, dashArray: "4 3", fill: false})
      .bindTooltip(s.tip).bindPopup(s.popup, POP)
      .addTo(suspectLayer);
    if (!s.to) return;
    L.polyline([s.at, s.to], {color: c, weight: 2, dashArray: "6 5"}).bindTooltip(s.ghost_tip)
      .addTo(suspectLayer);
    if (s.radius_m) {
      L.circle(s.to, {radius: s.radius_m, color: c, weight: 1, dashArray: "3 3",
        fillOpacity: 0.06}).addTo(suspectLayer);
    }
    L.circleMarker(s.to, {radius: 8, color: c, weight: 2, dashArray: "3 2", fillColor: "#fff",
      fillOpacity: 0.6}).bindTooltip(s.ghost_tip).bindPopup(s.popup, POP)
      .addTo(suspectLayer);
  });
  D.places.forEach(function (p) {
    var m = L.marker([p.lat, p.lon], {
      icon: L.divIcon({className: "mp-place", html: D.icons[p.icon], iconSize: [32, 32],
                       iconAnchor: [16, 16], popupAnchor: [0, -10]}),
      riseOnHover: true, zIndexOffset: p.z * 10, keyboard: true});
    m.bindPopup(p.popup, POP);
    m.bindTooltip(p.label, {permanent: p.permanent, direction: p.dir || "right",
      offset: p.offset || [10, 0],
      className: "mp-label" + (p.crowded ? " mp-crowded" : "") + (p.area ? " mp-area" : "")});
    m.mp = p;
    marks.push(m);
    placeLayer.addLayer(m);
  });
  window.mapperMarkers = marks;
  var on = {side: {}, status: {}, verdict: {}, layer: {}};
  var boxes = document.querySelectorAll("#mp-legend input[data-f]");
  function refresh() {
    boxes.forEach(function (b) { on[b.dataset.f][b.dataset.k] = b.checked; });
    marks.forEach(function (m) {
      var show = on.status[m.mp.status] !== false &&
        m.mp.sides.some(function (s) { return on.side[s] !== false; });
      if (show && !placeLayer.hasLayer(m)) placeLayer.addLayer(m);
      if (!show && placeLayer.hasLayer(m)) placeLayer.removeLayer(m);
    });
    lines.forEach(function (g) {
      var show = on.verdict[g.mp.verdict] !== false;
      if (show && !lineLayer.hasLayer(g)) lineLayer.addLayer(g);
      if (!show && lineLayer.hasLayer(g)) lineLayer.removeLayer(g);
    });
    if (on.layer.suspects === false) map.removeLayer(suspectLayer);
    else map.addLayer(suspectLayer);
  }
  boxes.forEach(function (b) { b.addEventListener("change", refresh); });
  function zoomClass() {
    map.getContainer().classList.toggle("mp-lowzoom", map.getZoom() < D.labelZoom);
  }
  map.on("zoomend", zoomClass);
  zoomClass();
  L.control.zoom({position: "bottomright"}).addTo(map);
  L.control.scale({position: "bottomright", imperial: true}).addTo(map);
})();
{% endmacro %}
"""
)


class _Runtime(MacroElement):
    """The page's script, with its data; rendered after the map exists."""

    _template = _RUNTIME

    def __init__(self, data: str):
        super().__init__()
        self._name = "Runtime"
        self.data = data


def _fix_ids(root: Element) -> None:
    """Give every element a stable id (folium draws random ones) before rendering."""
    counter = 0
    stack = [root]
    seen = set()
    while stack:
        el = stack.pop(0)
        if id(el) in seen:
            continue
        seen.add(id(el))
        old = el.get_name()
        if isinstance(el, folium.Map):
            el._id = "mapper"
        else:
            el._id = f"{counter:05d}"
            counter += 1
        parent = el._parent
        if parent is not None and old in parent._children and parent._children[old] is el:
            # Children are keyed by name when added unnamed: keep that key in step.
            items = [(el.get_name() if k == old else k, v) for k, v in parent._children.items()]
            parent._children.clear()
            parent._children.update(items)
        kids = list(el._children.values())
        for attr in ("header", "html", "script"):
            sub = getattr(el, attr, None)
            if isinstance(sub, Element):
                kids.append(sub)
        stack.extend(kids)


def _bounds(places: list[dict], lines: list[dict], ghosts: list[dict]) -> list[list[float]] | None:
    """What the page opens on: places with a claim, distance lines, suspects and ghosts.

    Far-off places that are merely mentioned (Tehran, Amman) stay a pan away.
    """
    pts = [(p["lat"], p["lon"]) for p in places if p["status"] != "unknown"]
    pts += [tuple(x[k]) for x in lines for k in ("a", "b")]
    pts += [tuple(g[k]) for g in ghosts for k in ("at", "to") if k in g]
    pts = pts or [(p["lat"], p["lon"]) for p in places]
    if not pts:
        return None
    lats = [a for a, _ in pts]
    lons = [b for _, b in pts]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def render_map(situation: Situation, offline: bool = False) -> str:
    """The map as one HTML document; with ``offline`` it makes no network request at all."""
    from . import basemap

    view = _view(situation)
    if offline:
        view["countries"] = basemap.countries()
        view["rivers"] = basemap.rivers()
    m = folium.Map(
        location=[33.3, 43.7],
        zoom_start=6,
        tiles=None,
        zoom_control=False,
        zoomSnap=0.25,
        zoomDelta=0.5,
    )
    # Per map instance, never folium's module-level lists: no CDN links at all.
    m.default_js = []
    m.default_css = []
    if offline:
        # Keep the view over the basemap: past its edge there is nothing to see.
        south, north, west, east = basemap.THEATRE
        m.options["maxBounds"] = [[south, west], [north, east]]
        m.options["maxBoundsViscosity"] = 1.0
        m.options["minZoom"] = 5
    else:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(m)
    fig = m.get_root()
    fig.title = "Iraq situation map (mapper)"
    js, css = _leaflet()
    fig.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css")
    fig.header.add_child(Element(f"<style>{_CSS}</style>"), name="mapper_css")
    fig.header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js")
    fig.html.add_child(Element(header_html(situation, offline)), name="mp_header")
    fig.html.add_child(Element(legend_html(situation, offline)), name="mp_legend")
    fig.html.add_child(Element(unresolved_html(situation)), name="mp_unresolved")
    _Runtime(script_json(view)).add_to(m)
    bounds = view["bounds"]
    if bounds:
        # Room on the right for the legend, at the top for the header.
        m.fit_bounds(bounds, padding_top_left=[40, 100], padding_bottom_right=[320, 50])
    _fix_ids(fig)
    return fig.render()
