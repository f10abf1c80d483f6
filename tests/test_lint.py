"""Each lint of mapper.lint, on entries made wrong the way users make them wrong."""

from __future__ import annotations

import textwrap

import pytest

from mapper.lint import BORDER_TOLERANCE_KM, country_distance_km, lint_places, lint_raw
from mapper.model import Place
from mapper.yamlfile import load_yaml

MOSUL = (36.335, 43.1189)
PROVINCE = Place("nineveh", "Nineveh", "province", 36.35, 42.8, ("IQ",))


def town(lat, lon, pid="mosul", countries=("IQ",), province=None):
    """A town entry at (lat, lon)."""
    return Place(pid, pid.title(), "city", lat, lon, countries, province=province, line=7)


def only(places):
    """The lints of these places, keyed by id."""
    return {s.place: s for s in lint_places({p.id: p for p in places})}


def test_should_pass_a_correct_town():
    assert only([town(*MOSUL)]) == {}


def test_should_flag_swapped_lat_lon():
    s = only([town(MOSUL[1], MOSUL[0])])["mosul"]
    assert s.check == "swapped"
    assert (s.suggested_lat, s.suggested_lon) == MOSUL
    assert "swapped" in s.reason and s.line == 7


@pytest.mark.parametrize(
    "lat,lon,words",
    [(MOSUL[0], -MOSUL[1], "sign of lon"), (-MOSUL[0], MOSUL[1], "sign of lat")],
)
def test_should_flag_a_flipped_sign(lat, lon, words):
    s = only([town(lat, lon)])["mosul"]
    assert s.check == "sign"
    assert words in s.reason
    assert (s.suggested_lat, s.suggested_lon) == MOSUL


def test_should_flag_a_point_outside_its_country_without_a_fix():
    # 37.6 N 43.1 E is in Turkey, ~40 km north of the Iraqi border.
    s = only([town(37.6, 43.1)])["mosul"]
    assert s.check == "country"
    assert s.suggested_lat is None


def test_should_accept_a_border_town_just_outside_the_outline():
    # A vertex of the Iraq-Syria border line: on the outline, within the tolerance.
    assert country_distance_km((34.331, 40.69), "IQ") <= BORDER_TOLERANCE_KM
    assert only([town(34.331, 40.69, countries=("IQ",))]) == {}


def test_should_accept_a_point_in_any_of_its_countries():
    assert only([town(36.2, 37.16, countries=("IQ", "SY"))]) == {}  # Aleppo, in SY


def test_should_use_iso_a2_eh_where_natural_earth_has_minus_99():
    assert country_distance_km((48.8566, 2.3522), "FR") == 0.0  # Paris: ISO_A2 is -99


def test_should_flag_a_town_far_from_its_province():
    members = [
        town(36.30, 43.00, "a", province="nineveh"),
        town(36.40, 42.60, "b", province="nineveh"),
        town(36.20, 42.90, "c", province="nineveh"),
        # In Iraq, but 300+ km south of Nineveh's point: an outlier among its towns.
        town(33.60, 44.00, "far", province="nineveh"),
    ]
    found = only([PROVINCE, *members])
    assert list(found) == ["far"]
    assert found["far"].check == "province"


def test_should_flag_a_town_whose_province_is_in_another_country():
    found = only([PROVINCE, town(36.2, 37.16, "aleppo", ("SY",), province="nineveh")])
    assert found["aleppo"].check == "province"
    assert "SY" in found["aleppo"].reason


RAW = """\
places:
  - id: kirkuk
    name: Kirkuk
    kind: city
    lat: 35.47
    lon: 44.39
  - id: kirkuk-province
    name: Kirkuk
    kind: province
    lat: 35.4
    lon: 44.3
  - id: hawija
    name: Hawija
    kind: town
    lat: 35.33
    lon: 43.77
    aliases: [al-Kirkuk]
  - id: hawija
    name: Hawijah
    kind: town
    lat: 35.33
    lon: 43.77
  - id: tikrit
    name: Tikrit
    kind: city
    lat: 34.6
    lon: 43.68
  - id: tikrit
    name: Tikrit town
    kind: town
    lat: 34.6
    lon: 43.68
"""


def test_should_list_every_duplicate_id_and_shared_name_at_once(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(textwrap.dedent(RAW), encoding="utf-8")
    found = lint_raw(load_yaml(path), str(path))
    got = sorted((s.check, s.place, s.line) for s in found)
    # The province may share "Kirkuk" with its capital; a town may not ("al-" stripped).
    assert got == [
        ("alias", "hawija", 12),
        ("duplicate", "hawija", 18),
        ("duplicate", "tikrit", 28),
    ]
    assert "first at line 12" in next(
        s.reason for s in found if s.place == "hawija" and s.check == "duplicate"
    )
