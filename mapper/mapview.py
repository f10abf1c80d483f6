"""Render a Situation as a static Leaflet map (folium). Article text is always escaped."""

from __future__ import annotations

from html import escape

import folium

from .model import Situation

__all__ = ["render_map"]

_UNKNOWN = "#8a8a8a"


def render_map(situation: Situation, offline: bool = False) -> str:
    """The map as one HTML document."""
    colours = {a.id: a.colour for a in situation.actors}
    by_place = {ps.place: ps for ps in situation.situations}
    claims_by_place: dict[str, list] = {}
    for c in situation.control_claims:
        claims_by_place.setdefault(c.place, []).append(c)
    titles = {d.id: d.title or d.id for d in situation.documents}
    points = [
        p
        for p in situation.places
        if p.point is not None and p.kind not in ("country", "water", "region")
    ]
    m = folium.Map(location=[33.5, 43.5], zoom_start=6, tiles="OpenStreetMap", control_scale=True)
    for p in points:
        ps = by_place.get(p.id)
        colour = colours.get(ps.controller, _UNKNOWN) if ps else _UNKNOWN
        lines = [f"<b>{escape(p.name)}</b> — {escape(ps.status if ps else 'unknown')}"]
        for c in claims_by_place.get(p.id, [])[:10]:
            lines.append(
                f"<p>{escape(c.kind)} · {escape(c.actor or 'no side named')}"
                f"{' · negated' if c.negated else ''}{' · hypothetical' if c.hypothetical else ''}"
                f"<br><q>{escape(c.quote)}</q><br><small>{escape(titles.get(c.doc, c.doc))}</small></p>"
            )
        folium.CircleMarker(
            location=[p.lat, p.lon],
            radius=7,
            color="#222222",
            weight=1,
            fill=True,
            fill_color=colour,
            fill_opacity=0.9,
            popup=folium.Popup("".join(lines), max_width=420),
            tooltip=escape(p.name),
        ).add_to(m)
    if points:
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    html = m.get_root().render()
    return html
