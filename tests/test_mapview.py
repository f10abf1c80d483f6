"""The map page, without a browser: escaping, determinism, bounds, offline, legend, marks.

One hand-made Situation (``SITUATION``) carries every status, a suspect with a suggested
position, a distance claim to a border, negated and hypothetical claims, and hostile text in
every field an article can fill.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from mapper import basemap
from mapper.geo import distance_to_line_km
from mapper.mapview import (
    CHANGED,
    MAX_DISTANCES,
    MAX_FACTS,
    _Index,
    _view,
    legend_html,
    marker_svg,
    popup_html,
    render_map,
    safe_url,
    script_json,
)
from mapper.model import (
    STATUSES,
    VERDICTS,
    Actor,
    Article,
    ControlClaim,
    DistanceClaim,
    Place,
    PlaceSituation,
    Situation,
    Suspect,
    Unresolved,
)

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
TEMPLATE = "${window.__pwned=1}`\\`"
HOSTILE = f"{IMG} {SCRIPT} {TEMPLATE} </script><!--"

ACTORS = (
    Actor("isis", "Islamic State (ISIS)", "#1a1a1a"),
    Actor("iraqi-government", "Iraqi government forces", "#d55e00"),
    Actor("kurdish-forces", "Kurdish forces (Peshmerga)", "#e69f00"),
)
BORDER = ((33.372, 38.775), (34.331, 40.69), (35.243, 41.201), (36.355, 41.277), (37.11, 42.357))
PLACES = (
    Place("mosul", "Mosul", "city", 36.335, 43.1189, ("IQ",)),
    Place("tikrit", "Tikrit", "city", 34.6158, 43.6786, ("IQ",)),
    Place("kirkuk", "Kirkuk", "city", 35.4681, 44.3922, ("IQ",)),
    Place("baiji", "Baiji", "town", 34.9291, 43.4888, ("IQ",)),
    Place("samarra", "Samarra", "city", 34.1959, 43.8857, ("IQ",)),
    Place("fallujah", "Fallujah", "city", 33.3491, 43.786, ("IQ",)),
    Place("tal-afar", "Tal Afar", "city", 36.3791, 42.4481, ("IQ",)),
    Place("baquba", "Baquba", "city", 33.754, 44.6052, ("IQ",)),
    Place("erbil", "Erbil", "city", 36.1912, 44.0094, ("IQ",)),
    Place("iraq", "Iraq", "country", None, None, ("IQ",)),
    Place(
        "iraq-syria-border",
        "Iraq–Syria border",
        "border",
        None,
        None,
        ("IQ", "SY"),
        geometry=BORDER,
    ),
    Place("baghdad", "Baghdad", "city", 33.3406, 44.4009, ("IQ",)),
)
DOCS = (
    Article("a.txt", "", "Mosul falls", "2014-06-10", "https://example.org/mosul"),
    Article("b.txt", "", IMG + " Tikrit " + SCRIPT, "2014-06-12", "javascript:alert(1)"),
    Article("c.txt", "", None, "2014-06-13", 'http://x.org/"onmouseover="alert(1)'),
)


def _claim(doc, place, actor, kind, quote, negated=False, hypothetical=False, who=None):
    return ControlClaim(
        doc, place, actor, kind, negated, hypothetical, quote, 0, len(quote), attributed_to=who
    )


CLAIMS = (
    _claim("a.txt", "mosul", "isis", "captured", "ISIS seized Mosul on Tuesday."),
    _claim("a.txt", "tikrit", "isis", "captured", "Militants took Tikrit. " + HOSTILE, who=IMG),
    _claim("b.txt", "tikrit", "iraqi-government", "holds", "The army holds Tikrit " + SCRIPT),
    _claim("c.txt", "kirkuk", "kurdish-forces", "holds", "Peshmerga control Kirkuk."),
    _claim("c.txt", "baiji", None, "besieged", "Insurgents surrounded the Baiji refinery."),
    _claim("c.txt", "samarra", "isis", "threatened", "ISIS closed in on Samarra."),
    _claim("c.txt", "fallujah", None, "contested", "Fighting raged in Fallujah."),
    _claim(
        "b.txt", "mosul", "iraqi-government", "holds", "Officials denied Mosul fell.", negated=True
    ),
    _claim(
        "b.txt", "baghdad", "isis", "captured", "If Baghdad were to fall " + IMG, hypothetical=True
    ),
    _claim("a.txt", "baghdad", "iraqi-government", "holds", "The government holds Baghdad."),
)
DISTANCES = (
    DistanceClaim(
        "a.txt",
        "tal-afar",
        "iraq-syria-border",
        60,
        "mi",
        96.6,
        None,
        "Tal Afar, about 60 miles from the Syrian border " + SCRIPT,
        0,
        10,
        computed_km=57.3,
        verdict="loose",
        note="measured 57 km " + IMG,
    ),
    DistanceClaim(
        "a.txt",
        "baquba",
        "baghdad",
        150,
        "mi",
        241.0,
        "NE",
        "Baquba, 150 miles northeast of Baghdad.",
        0,
        10,
        computed_km=50.0,
        computed_bearing="NE",
        verdict="inconsistent",
    ),
    DistanceClaim(
        "a.txt",
        "samarra",
        "baghdad",
        70,
        "mi",
        112.0,
        "N",
        "Samarra, 70 miles north of Baghdad.",
        0,
        10,
        computed_km=110.0,
        computed_bearing="NNW",
        verdict="consistent",
    ),
)
SITS = (
    PlaceSituation("mosul", "captured", "isis", False, (7, 0), "2014-06-10"),
    PlaceSituation(
        "tikrit",
        "disputed",
        None,
        True,
        (2, 1),
        "2014-06-12",
        ("iraqi-government", "isis"),
        reason="sources disagree",
    ),
    PlaceSituation("kirkuk", "held", "kurdish-forces", False, (3,), "2014-06-13"),
    PlaceSituation("baiji", "besieged", None, False, (4,), "2014-06-13"),
    PlaceSituation("samarra", "threatened", None, False, (5,), "2014-06-13"),
    PlaceSituation("fallujah", "contested", None, False, (6,), "2014-06-13"),
    PlaceSituation("tal-afar", "unknown", None, False),
    PlaceSituation("baquba", "unknown", None, False),
    PlaceSituation("erbil", "unknown", None, False),
    PlaceSituation("iraq", "unknown", None, False),
    PlaceSituation("iraq-syria-border", "unknown", None, False),
    PlaceSituation(
        "baghdad", "held", "iraqi-government", False, (8, 9), "2014-06-10", changed_since=True
    ),
)
SITUATION = Situation(
    documents=DOCS,
    places=PLACES,
    mentions=(),
    control_claims=CLAIMS,
    distance_claims=DISTANCES,
    unresolved=(
        Unresolved("b.txt", "Shirqat", 0, 7, "the town of Shirqat"),
        Unresolved("b.txt", "Shirqat", 9, 16, "near Shirqat"),
        Unresolved("b.txt", IMG, 0, 7, "context " + SCRIPT),
    ),
    suspects=(
        Suspect(
            "baquba",
            "1 of its 1 checked distance claims disagree " + IMG,
            (1,),
            1.0,
            suggested_lat=35.2,
            suggested_lon=45.1,
            radius_km=25.0,
            line=1923,
        ),
    ),
    situations=SITS,
    skipped=(),
    actors=ACTORS,
    as_of="2014-06-14",
    since="2014-06-11",
)


@pytest.fixture(scope="module")
def offline_html() -> str:
    return render_map(SITUATION, offline=True)


@pytest.fixture(scope="module")
def online_html() -> str:
    return render_map(SITUATION, offline=False)


# ------------------------------------------------------------------ hostile text


@pytest.mark.parametrize("mode", ["offline", "online"])
def test_should_never_emit_hostile_markup_raw(mode, request):
    page = request.getfixturevalue(f"{mode}_html")
    for raw in (IMG, SCRIPT, 'onerror="window', "${window", "javascript:"):
        assert raw not in page, raw
    # ...yet the text is there, escaped, for a reader to see.
    assert '\\u003cimg src=x onerror=\\"window.__pwned=1\\"\\u003e' not in page
    assert "\\u0026lt;img src=x onerror=\\u0026quot;window.__pwned=1\\u0026quot;\\u0026gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page  # unresolved panel


def test_should_close_script_elements_only_where_the_page_does(offline_html):
    # Every </script> in the page closes a <script> it opened: no text ended one early.
    assert offline_html.count("<script") == offline_html.count("</script>")
    assert "<!--" not in offline_html


def test_script_json_cannot_end_its_script_element():
    text = script_json({"q": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ('http://x.org/"onmouseover="alert(1)', None),
        ("//evil.example/x", None),
        (None, None),
    ],
)
def test_should_link_only_plain_http_urls(url, expected):
    assert safe_url(url) == expected


def test_should_link_the_safe_url_and_drop_the_others():
    ix = _Index(SITUATION)
    mosul = popup_html(PLACES[0], SITS[0], ix)
    assert 'href="https://example.org/mosul"' in mosul
    assert 'rel="noopener noreferrer"' in mosul
    tikrit = popup_html(PLACES[1], SITS[1], ix)
    # b.txt's URL is javascript:, c.txt's breaks out of its quotes: only a.txt is linked.
    assert re.findall(r'href="([^"]*)"', tikrit) == ["https://example.org/mosul"]


# ------------------------------------------------------------------ determinism


@pytest.mark.parametrize("offline", [True, False])
def test_two_renders_should_give_identical_bytes(offline):
    a = render_map(SITUATION, offline=offline)
    b = render_map(replace(SITUATION), offline=offline)
    assert a == b
    assert re.search(r"[0-9a-f]{32}", a) is None  # no folium uuid left
    assert "map_mapper" in a


@pytest.mark.parametrize("offline", [True, False])
def test_two_builds_should_write_identical_map_html(tmp_path, offline):
    from mapper import build

    for name in ("one", "two"):
        build(None, out=tmp_path / name, offline=offline)  # the bundled examples
    one = (tmp_path / "one" / "map.html").read_bytes()
    assert one == (tmp_path / "two" / "map.html").read_bytes()
    assert b"mapperMarkers" in one


# ------------------------------------------------------------------ popups


def test_popup_should_stay_short_for_a_place_with_500_claims():
    claims = tuple(
        _claim("a.txt", "mosul", "isis", "captured", f"Claim {i}: " + "long words " * 60)
        for i in range(500)
    )
    s = replace(SITUATION, control_claims=claims)
    ps = PlaceSituation("mosul", "captured", "isis", False, tuple(range(500)), "2014-06-10")
    pop = popup_html(PLACES[0], ps, _Index(s))
    assert pop.count("<li>") == MAX_FACTS
    assert f"and {500 - MAX_FACTS} more" in pop
    assert len(pop) < 6000


def test_page_should_stay_bounded_when_claims_repeat_500_times():
    claims = tuple(
        _claim("a.txt", "mosul", "isis", "captured", f"Claim {i}: " + "long words " * 60)
        for i in range(500)
    )
    distances = tuple(replace(DISTANCES[2], quote=f"Samarra report {i}.") for i in range(500))
    sits = tuple(
        replace(ps, claims=tuple(range(500))) if ps.place == "mosul" else replace(ps, claims=())
        for ps in SITS
    )
    big = replace(SITUATION, control_claims=claims, distance_claims=distances, situations=sits)
    view = _view(big)
    (line,) = view["lines"]  # 500 claims on one pair: one line
    assert "(500 claims)" in line["tip"]
    assert f"and {500 - MAX_DISTANCES} more" in line["popup"]
    small = len(render_map(SITUATION, offline=True))
    assert len(render_map(big, offline=True)) < small + 20_000


def test_popup_should_give_quote_source_date_and_attribution():
    pop = popup_html(PLACES[1], SITS[1], _Index(SITUATION))
    assert "<b>Tikrit</b>" in pop
    assert "disputed" in pop and "Islamic State (ISIS)" in pop and "Iraqi government" in pop
    assert "Militants took Tikrit." in pop
    assert "Mosul falls" in pop and "2014-06-10" in pop  # title and date of a.txt
    assert "according to &lt;img" in pop


def test_popup_should_list_negated_and_hypothetical_claims_apart():
    ix = _Index(SITUATION)
    mosul = popup_html(PLACES[0], SITS[0], ix)
    facts, rest = mosul.split("Not counted as fact")
    assert "ISIS seized Mosul" in facts and "denied Mosul" not in facts
    assert "denied" in rest and "Officials denied Mosul fell." in rest
    baghdad = popup_html(PLACES[11], SITS[11], ix)
    facts, rest = baghdad.split("Not counted as fact")
    assert "If Baghdad were to fall" in rest and "hypothetical" in rest
    assert "government holds Baghdad" in facts


def test_popup_should_show_distance_claims_with_verdicts():
    pop = popup_html(PLACES[6], SITS[6], _Index(SITUATION))
    assert "mp-v-loose" in pop and "60 mi" in pop and "measured 57 km" in pop


def test_popup_should_give_a_suspects_reason_and_suggested_position():
    pop = popup_html(PLACES[7], SITS[7], _Index(SITUATION))
    assert "Suspect coordinates" in pop
    assert "disagree &lt;img" in pop
    assert "35.2000, 45.1000" in pop and "±25 km" in pop


# ------------------------------------------------------------------ marks


def test_should_draw_one_marker_per_place_with_a_point():
    view = _view(SITUATION)
    drawn = [p.id for p in PLACES if p.point is not None and p.kind != "country"]
    assert [p["id"] for p in view["places"]] == drawn


def test_disputed_marker_should_differ_from_every_single_side_state():
    icons = {st: marker_svg(st, "#1a1a1a", ["#1a1a1a", "#d55e00"]) for st in STATUSES}
    assert len(set(icons.values())) == len(STATUSES)
    disputed = icons["disputed"]
    assert "mp-badge" in disputed and ">disputed<" in disputed
    assert "#d55e00" in disputed and "#1a1a1a" in disputed  # split between both sides
    assert "stroke-dasharray" in disputed  # the hatched ring
    assert all("mp-badge" not in icons[st] for st in STATUSES if st != "disputed")


def test_marker_should_take_its_controllers_colour():
    view = _view(SITUATION)
    icon = view["icons"][next(p["icon"] for p in view["places"] if p["id"] == "kirkuk")]
    assert 'fill="#e69f00"' in icon


def test_changed_since_should_be_marked():
    view = _view(SITUATION)
    baghdad = next(p for p in view["places"] if p["id"] == "baghdad")
    mosul = next(p for p in view["places"] if p["id"] == "mosul")
    assert CHANGED in view["icons"][baghdad["icon"]]
    assert CHANGED not in view["icons"][mosul["icon"]]


def test_distance_line_to_a_border_should_end_at_its_nearest_point():
    view = _view(SITUATION)
    line = next(x for x in view["lines"] if "Tal Afar" in x["tip"])
    near = distance_to_line_km((36.3791, 42.4481), BORDER)[1]
    assert line["a"] == [round(near[0], 5), round(near[1], 5)]
    assert line["b"] == [36.3791, 42.4481]
    assert {x["verdict"] for x in view["lines"]} == {"loose", "inconsistent", "consistent"}


def test_suspect_should_get_a_ghost_at_its_suggested_position():
    view = _view(SITUATION)
    (ghost,) = view["suspects"]
    assert ghost["at"] == [33.754, 44.6052]
    assert ghost["to"] == [35.2, 45.1] and ghost["radius_m"] == 25000
    baquba = next(p for p in view["places"] if p["id"] == "baquba")
    assert "?</text>" in view["icons"][baquba["icon"]]


# ------------------------------------------------------------------ panels


def test_legend_should_list_every_actor_status_and_verdict():
    legend = legend_html(SITUATION, offline=True)
    for a in ACTORS:
        assert f'data-k="{a.id}"' in legend and a.name in legend
    for st in STATUSES:
        assert f'data-f="status" data-k="{st}"' in legend
    for v in VERDICTS:
        assert f'data-f="verdict" data-k="{v}"' in legend
    assert 'data-k="suspects"' in legend
    assert "changed since 2014-06-11" in legend


def test_header_should_summarise_the_build(offline_html):
    header = offline_html.split('id="mp-header"', 1)[1].split("</div></div>", 1)[0]
    assert "<b>3</b> reports" in header
    assert "<b>10</b> control claims" in header
    assert "<b>1</b> suspect location" in header
    assert "2014-06-10 to 2014-06-13" in header
    assert "as of 2014-06-14" in header and "changed since 2014-06-11" in header


def test_unresolved_panel_should_count_names_and_stay_bounded():
    many = tuple(Unresolved("a.txt", f"Name{i:03d}", 0, 1, "ctx") for i in range(200))
    page = render_map(replace(SITUATION, unresolved=SITUATION.unresolved + many), offline=True)
    panel = page.split('id="mp-unresolved"', 1)[1].split("</details>", 1)[0]
    assert "Shirqat <span class=mp-n>×2</span>" in panel
    assert panel.count("<li") == 30
    assert "and 172 more" in panel


# ------------------------------------------------------------------ offline


def _fetching_attrs(page: str) -> list[str]:
    """src/href values of elements that would load something (not plain links)."""
    out = []
    for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*>", page):
        out += re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"' >]+)""", tag)
    return out


def test_offline_page_should_load_nothing_from_the_network(offline_html):
    assert _fetching_attrs(offline_html) == []
    for host in ("jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg", "fontawesome"):
        assert host not in offline_html
    assert "tile.openstreetmap" not in offline_html
    assert "url(images/" not in offline_html  # Leaflet's CSS images are data: URIs
    assert re.search(r"url\((?!data:|#)", offline_html.split("<body>")[0]) is None
    assert "L.map(" in offline_html and '"countries"' in offline_html


def test_online_page_should_use_tiles_with_attribution_and_no_cdn(online_html):
    assert _fetching_attrs(online_html) == []  # Leaflet inlined in this mode too
    assert "tile.openstreetmap.org" in online_html
    assert "openstreetmap.org/copyright" in online_html
    assert '"countries"' not in online_html


def test_basemap_should_hold_the_theatres_countries_and_rivers():
    names = {f["properties"]["iso"] for f in basemap.countries()["features"]}
    assert {"IQ", "SY", "IR", "TR", "JO", "SA", "KW"} <= names
    south, north, west, east = basemap.THEATRE
    for f in basemap.countries()["features"]:
        coords = re.findall(r"-?\d+\.\d+", str(f["geometry"]["coordinates"]))
        lons, lats = [float(x) for x in coords[0::2]], [float(x) for x in coords[1::2]]
        assert west - 1e-6 <= min(lons) and max(lons) <= east + 1e-6
        assert south - 1e-6 <= min(lats) and max(lats) <= north + 1e-6
    inside = [f for f in basemap.rivers()["features"] if f["properties"]["inside"]]
    assert inside, "the Tigris and Euphrates inside Iraq"
    assert basemap.countries() is basemap.countries()  # read once, then cached
