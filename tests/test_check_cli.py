"""`mapper check` and `mapper gazetteer add`: output lines, exit statuses and file edits."""

from __future__ import annotations

import re
import shutil

import pytest

from mapper.candidates import geonames_candidates, name_skeleton, normalise_name
from mapper.cli import main
from mapper.gazetteer import load_gazetteer
from tests.common import DISPATCHES, ROOT, SEEDS, need_shared

SMALL = """\
# a small gazetteer: comments must survive `gazetteer add`
places:
  # ---- towns ----
  - id: mosul
    name: Mosul
    kind: city
    lat: {lat}  # GeoNames 99072
    lon: {lon}
    countries: [IQ]
    aliases: []
    descriptions: []
  - id: baghdad
    name: Baghdad
    kind: city
    lat: 33.3406
    lon: 44.4009
    countries: [IQ]
"""
LINE_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<id>[a-z0-9-]+): (?P<reason>.+)$")


def write(tmp_path, lat=36.335, lon=43.1189, extra=""):
    """A small gazetteer file in tmp_path."""
    path = tmp_path / "gazetteer.yaml"
    path.write_text(SMALL.format(lat=lat, lon=lon) + extra, encoding="utf-8")
    return path


def test_should_exit_0_and_print_nothing_for_a_clean_gazetteer(tmp_path, capsys):
    assert main(["check", "--gazetteer", str(write(tmp_path))]) == 0
    assert capsys.readouterr().out == ""


def test_should_print_an_editor_line_and_exit_1_for_swapped_coordinates(tmp_path, capsys):
    path = write(tmp_path, lat=43.1189, lon=36.335)
    assert main(["check", "--gazetteer", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    m = LINE_RE.match(out[0])
    assert m and m["file"] == str(path) and m["line"] == "4" and m["id"] == "mosul"
    assert m["reason"].endswith("(suggested 36.3350, 43.1189 +- 1 km)")


def test_should_list_all_duplicates_then_exit_2_with_one_error_line(tmp_path, capsys):
    dup = "  - id: mosul\n    name: Mawsil\n    kind: city\n    lat: 36.3\n    lon: 43.1\n"
    path = write(tmp_path, extra=dup + dup.replace("Mawsil", "Al Mawsil"))
    assert main(["check", "--gazetteer", str(path)]) == 2
    captured = capsys.readouterr()
    assert [LINE_RE.match(x)["line"] for x in captured.out.splitlines()] == ["18", "23"]
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Error: {path}:18: duplicate id 'mosul'")
    assert "Traceback" not in captured.err


def test_should_exit_2_for_a_missing_gazetteer(tmp_path, capsys):
    assert main(["check", "--gazetteer", str(tmp_path / "none.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"Error: {tmp_path / 'none.yaml'}: file not found")
    assert len(err.splitlines()) == 1


def _moved_copy(tmp_path, pid, lat):
    """The project's gazetteer with one entry's latitude replaced, and that entry's line."""
    gaz = load_gazetteer(ROOT / "gazetteer.yaml")
    lines = (ROOT / "gazetteer.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = gaz[pid].line - 1
    i = next(i for i in range(start, start + 10) if lines[i].lstrip().startswith("lat:"))
    lines[i] = re.sub(r"lat: [-0-9.]+", f"lat: {lat}", lines[i])
    path = tmp_path / "gazetteer.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, gaz[pid]


def test_should_blame_a_moved_town_from_the_dispatches_claims(tmp_path, capsys):
    # Baiji is measured from Baghdad, Kirkuk and Tikrit in the dispatches; 0.9 degrees is ~100 km.
    path, true = _moved_copy(tmp_path, "baiji", round(34.9291 + 0.9, 4))
    assert main(["check", "--gazetteer", str(path), str(DISPATCHES)]) == 1
    first = LINE_RE.match(capsys.readouterr().out.splitlines()[0])
    assert (first["id"], int(first["line"])) == ("baiji", true.line)
    lat, lon = map(float, re.search(r"suggested ([-0-9.]+), ([-0-9.]+)", first["reason"]).groups())
    assert abs(lat - true.lat) < 0.15 and abs(lon - true.lon) < 0.15


@pytest.mark.parametrize("pid,dlat", [("fallujah", 0.45), ("tal-afar", -0.45), ("baiji", 0.45)])
def test_should_blame_a_town_moved_50_km_from_the_dispatches_claims(tmp_path, capsys, pid, dlat):
    # 0.45 degrees of latitude is 50 km: the claims measured to these towns turn loose
    # rather than inconsistent, yet together they single the town out.
    gaz = load_gazetteer(ROOT / "gazetteer.yaml")
    path, true = _moved_copy(tmp_path, pid, round(gaz[pid].lat + dlat, 4))
    assert main(["check", "--gazetteer", str(path), str(DISPATCHES)]) == 1
    first = LINE_RE.match(capsys.readouterr().out.splitlines()[0])
    assert (first["id"], int(first["line"])) == (pid, true.line)
    lat, lon = map(float, re.search(r"suggested ([-0-9.]+), ([-0-9.]+)", first["reason"]).groups())
    assert abs(lat - true.lat) < 0.15 and abs(lon - true.lon) < 0.15


def test_should_find_no_claim_suspect_in_the_uncorrupted_gazetteer(capsys):
    need_shared()
    gaz = str(ROOT / "gazetteer.yaml")
    status = main(["check", "--gazetteer", gaz, str(SEEDS), str(DISPATCHES)])
    out = capsys.readouterr().out
    assert not [x for x in out.splitlines() if LINE_RE.match(x) and x.startswith(gaz)]
    assert status == 0


class FakeGeocoder:
    """Stands in for geopy's Nominatim: no network in tests."""

    asked: list[str] = []

    def __init__(self, user_agent=None):
        self.user_agent = user_agent

    def geocode(self, query, exactly_one=True, limit=None, country_codes=None):
        FakeGeocoder.asked.append(query)

        class Loc:
            latitude, longitude, address = 36.25, 43.4, f"{query}, Nineveh, Iraq"
            raw = {"osm_type": "node", "osm_id": 42}

        return [Loc()]


def test_should_list_unresolved_names_with_online_candidates(tmp_path, capsys, monkeypatch):
    import geopy.geocoders

    monkeypatch.setattr(geopy.geocoders, "Nominatim", FakeGeocoder)
    article = tmp_path / "a.txt"
    article.write_text(
        "Fighting reached the village of Tell Yaqub, east of Mosul, on Monday.\n", encoding="utf-8"
    )
    status = main(["check", "--gazetteer", str(ROOT / "gazetteer.yaml"), "--online", str(article)])
    out = capsys.readouterr().out
    assert status == 0
    assert "unresolved 'Tell Yaqub'" in out
    assert "candidate Tell Yaqub, Nineveh, Iraq (36.2500, 43.4000" in out
    assert "from mosul) [nominatim node 42]" in out
    assert "Tell Yaqub" in FakeGeocoder.asked


def test_should_match_transliterations_against_geonames():
    assert normalise_name("Al-Sharqāt") == "sharqat"
    assert name_skeleton("Shirqat") == name_skeleton("Ash Sharqāt")
    found = geonames_candidates(["Shirqat"])
    assert found and found[0].source == "geonames 91057" and found[0].match == "spelling"
    assert found[0].population and found[0].country == "IQ"


def test_should_append_an_entry_keeping_comments_and_order(tmp_path, capsys):
    path = write(tmp_path)
    before = path.read_text(encoding="utf-8")
    status = main(
        [
            "gazetteer", "add", "shirqat", "--name", "Shirqat", "--lat", "35.51722",
            "--lon", "43.22806", "--aliases", "Sharqat, Al-Shirqat", "--population", "160000",
            "--source", "GeoNames 91057", "--gazetteer", str(path),
        ]
    )  # fmt: skip
    assert status == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "  - id: shirqat\n    name: Shirqat\n    kind: town\n"
        "    lat: 35.5172  # GeoNames 91057\n    lon: 43.2281\n    countries: [IQ]\n"
        "    aliases: [Sharqat, Al-Shirqat]\n    descriptions: []\n    population: 160000\n"
    )
    place = load_gazetteer(path)["shirqat"]
    assert (place.lat, place.line, place.aliases) == (35.5172, 18, ("Sharqat", "Al-Shirqat"))
    assert "added 'shirqat'" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,message",
    [
        (["mosul", "--name", "Mosul"], "id 'mosul' already exists (line 4)"),
        (["tal-afar", "--name", "Tal Afar", "--countries", "Iraq"], "is not an ISO 3166"),
        (["hamdaniya", "--name", "Baghdad"], "'Baghdad' of 'hamdaniya' is also a name"),
    ],
)
def test_should_refuse_a_bad_entry_and_leave_the_file_alone(tmp_path, capsys, args, message):
    path = write(tmp_path)
    before = path.read_text(encoding="utf-8")
    cmd = ["gazetteer", "add", *args, "--lat", "36.3", "--lon", "43.1", "--gazetteer", str(path)]
    assert main(cmd) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and message in err and len(err.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_should_exit_2_and_show_help_for_gazetteer_without_an_action(capsys):
    assert main(["gazetteer"]) == 2
    assert "add" in capsys.readouterr().out


def test_check_runs_as_a_command(tmp_path):
    # The console script, end to end: exit status 1 and the line on stdout.
    import subprocess
    import sys

    path = write(tmp_path, lat=43.1189, lon=36.335)
    exe = shutil.which("mapper") or f"{sys.executable} -m mapper"
    proc = subprocess.run(
        [*exe.split(), "check", "--gazetteer", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{path}:4: mosul: ")
