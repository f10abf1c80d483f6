"""Hostile and broken input through the command line: one clear line, exit 2, nothing lost.

Every refusal is checked for its message, its exit status, the absence of a traceback and
an earlier output left byte-identical.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

import mapper.export as export
from mapper.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "mapper" / "schema" / "situation.schema.json").read_text())

GAZETTEER = """\
places:
  - id: iraq
    name: Iraq
    kind: country
    lat: 33.0
    lon: 43.7
    countries: [IQ]
  - id: mosul
    name: Mosul
    kind: city
    lat: 36.335
    lon: 43.1189
    countries: [IQ]
  - id: tal-afar
    name: Tal Afar
    kind: city
    lat: 36.3765
    lon: 42.4497
    countries: [IQ]
    aliases: [Tall Afar]
  - id: baghdad
    name: Baghdad
    kind: city
    lat: 33.3406
    lon: 44.4009
    countries: [IQ]
  - id: iraq-syria-border
    name: Iraq-Syria border
    kind: border
    countries: [IQ, SY]
    geometry: [[37.1, 42.3], [34.4, 40.9]]
"""
# Line numbers of the entries above, for the expected messages.
L_MOSUL, L_TAL_AFAR, L_BAGHDAD, L_BORDER = 8, 14, 21, 27
ENTRY = (
    "  - id: x\n    name: X\n    kind: town\n    lat: 36.0\n    lon: 43.0\n    countries: [IQ]\n"
)
L_NEW = 32  # the line of an entry appended to GAZETTEER

ACTORS = """\
actors:
  - id: isis
    name: ISIS
    colour: "#1a1a1a"
    aliases: [ISIS, militants, insurgents]
  - {id: iraqi-government, name: Iraqi forces, colour: "#d55e00", aliases: [Iraqi troops]}
  - {id: kurdish-forces, name: Kurds, colour: "#e69f00", aliases: [peshmerga]}
  - {id: shiite-militias, name: Militias, colour: "#009e73", aliases: [Shiite militias]}
  - {id: iran, name: Iran, colour: "#56b4e9", aliases: [Iranian forces]}
  - {id: united-states, name: US, colour: "#0072b2", aliases: [US forces]}
"""
L_ACTOR_NEW = 11

STORY = "Mosul report\n\nJune 10, 2014\n\nMilitants seized Mosul on Tuesday, officials said.\n"


@pytest.fixture
def env(tmp_path):
    """A gazetteer, actors and one good article in tmp_path."""
    (tmp_path / "g.yaml").write_text(GAZETTEER)
    (tmp_path / "a.yaml").write_text(ACTORS)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(STORY)
    return tmp_path


def args(env: Path, *inputs, out=None, gaz=None, act=None, extra=()) -> list[str]:
    """``mapper build`` arguments over tmp files."""
    return [
        "build",
        *(str(i) for i in (inputs or [env / "in"])),
        "--out",
        str(out or env / "out"),
        "--gazetteer",
        str(gaz or env / "g.yaml"),
        "--actors",
        str(act or env / "a.yaml"),
        *extra,
    ]


def snapshot(out: Path) -> dict[str, bytes]:
    """The bytes of every file in ``out``, and the names beside it."""
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    # Temporary folders of this output (the lock file is expected to stay).
    beside = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    files["<beside>"] = "\n".join(beside).encode()
    return files


@pytest.fixture
def before(env, capsys):
    """A good first build in env/out: its snapshot."""
    assert main(args(env)) == 0
    capsys.readouterr()
    return snapshot(env / "out")


def refused(capsys, argv, env, before, message: str) -> str:
    """Run; assert exit 2, one line ``Error: <message>`` and the old output untouched."""
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("Error: "), err
    assert message in err, err
    assert snapshot(env / "out") == before
    return err


# --- articles: skipped with a warning, the build goes on --------------------------------


def _hostile_inputs(d: Path) -> dict[str, str]:
    """Write bad articles into ``d``; return file name -> expected words of the warning."""
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)) * 8)
    (d / "empty.txt").write_bytes(b"")
    (d / "nul.md").write_bytes(STORY.encode() * 400 + b"\x00tail")
    with open(d / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (d / "broken.json").write_text('{"text": "Mosul", ')
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (d / "script.html").write_text("<html><script>alert('Mosul fell')</script></html>")
    (d / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "text": STORY}) + "\n{oops\n" + json.dumps({"id": "x"}) + "\n"
    )
    (d / "surrogate.json").write_text(
        '{"text": "Militants seized Mosul \\ud800.", "title": "\\udc00"}'
    )
    return {
        "binary.txt": "binary file (contains NUL bytes), not text",
        "empty.txt": "empty article: no text",
        "nul.md": "binary file (contains NUL bytes), not text",
        "huge.txt": "52,428,800 bytes is over the 5,000,000-byte limit for one article",
        "broken.json:1": "invalid JSON: Expecting property name enclosed in double quotes",
        "deep.json": "invalid JSON: nested too deeply",
        "script.html": "empty article: no text",
        "feed.jsonl:2": "invalid JSON: Expecting property name enclosed in double quotes",
        "feed.jsonl:3": "object has no 'text' string",
    }


def test_bad_articles_are_skipped_and_recorded(env, capsys):
    expected = _hostile_inputs(env / "in")
    assert main(args(env, extra=["-q"])) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    warnings = [ln for ln in err.splitlines() if ln.startswith("Warning: ")]
    assert len(warnings) == len(expected) == len(err.splitlines())
    for where, reason in expected.items():
        assert f"Warning: {env / 'in' / where}: skipped: {reason}" in warnings, (where, err)
    data = json.loads((env / "out" / "situation.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    recorded = {
        (Path(s["source"]).name + (f":{s['line']}" if s["line"] and "jsonl" in s["source"] else ""))
        for s in data["skipped"]
    }
    assert recorded == {w.replace("broken.json:1", "broken.json") for w in expected}
    assert sorted(d["id"] for d in data["documents"]) == ["good.txt", "ok", "surrogate.json"]
    surrogate = next(d for d in data["documents"] if d["id"] == "surrogate.json")
    assert surrogate["title"] == "\ufffd"
    json.loads((env / "out" / "situation.geojson").read_text(encoding="utf-8"))


def test_strict_refuses_a_skip_and_keeps_the_old_output(env, before, capsys):
    (env / "in" / "feed.jsonl").write_text(json.dumps({"text": STORY}) + "\n[1, 2\n")
    refused(
        capsys,
        args(env, extra=["--strict"]),
        env,
        before,
        f"Error: {env / 'in' / 'feed.jsonl'}:2: skipped: invalid JSON: Expecting ',' delimiter "
        "(--strict: fix or remove it, or build without --strict)",
    )


def test_strict_passes_when_nothing_is_skipped(env, capsys):
    assert main(args(env, extra=["--strict", "-q"])) == 0
    assert capsys.readouterr().err == ""


def test_file_name_cannot_forge_lines(env, capsys):
    name = os.fsdecode(b"evil\nError: all good\x1b[2J\xff.txt")
    (env / "in" / name).write_bytes(b"")
    assert main(args(env, extra=["-q"])) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err
    assert "evil\\nError: all good\\x1b[2J\ufffd.txt: skipped: empty article" in err
    data = json.loads((env / "out" / "situation.json").read_bytes())
    assert data["skipped"][0]["source"].endswith("evil\nError: all good\x1b[2J\ufffd.txt")


# --- gazetteer.yaml and actors.yaml: refused with FILE:LINE -----------------------------

GAZETTEER_CASES = {
    "syntax-indent": (
        GAZETTEER + "  - id: x\n   name: y\n",
        L_NEW + 1,
        "YAML syntax error: expected <block end>, but found '<block mapping start>'",
        "check the indentation",
    ),
    "syntax-colon": (
        GAZETTEER + "  - id: x\n    name: Tal: Afar\n",
        L_NEW + 1,
        "mapping values are not allowed here",
        "put quotes around a value that contains ': '",
    ),
    "syntax-tab": (GAZETTEER + "  - id: x\n\tname: y\n", L_NEW + 1, "'\\t'", "not tabs"),
    "syntax-unclosed-list": (
        GAZETTEER + "  - id: x\n    aliases: [a, b\n",
        L_NEW + 2,
        "(while parsing a flow sequence started at line 33)",
        "close the [ ... ] list",
    ),
    "syntax-unclosed-quote": (
        GAZETTEER + '  - id: x\n    name: "y\n',
        L_NEW + 2,
        "while scanning a quoted scalar started at line 33",
        "close the quotation mark",
    ),
    "not-utf8": (
        GAZETTEER.replace("Tal Afar\n", "Tal \xe1far\n").encode("latin-1"),
        L_TAL_AFAR + 1,
        "not valid UTF-8",
        "save the file as UTF-8",
    ),
    "wrong-type-lat": (
        GAZETTEER.replace("lat: 36.3765", "lat: north"),
        L_TAL_AFAR,
        "'tal-afar': lat must be a number in decimal degrees, got 'north'",
        "write a number such as 36.3791",
    ),
    "quoted-lat": (
        GAZETTEER.replace("lat: 36.3765", "lat: '36.3765'"),
        L_TAL_AFAR,
        "got '36.3765'",
        "write it without quotes",
    ),
    "yes-as-lat": (GAZETTEER.replace("lat: 36.3765", "lat: yes"), L_TAL_AFAR, "got True", "yes/no"),
    "wrong-type-name": (
        GAZETTEER.replace("name: Mosul", "name: 12"),
        L_MOSUL,
        "'mosul': name must be text, got 12",
        "put it in quotes",
    ),
    "wrong-type-aliases": (
        GAZETTEER.replace("aliases: [Tall Afar]", "aliases: Tall Afar"),
        L_TAL_AFAR,
        "'aliases' must be a list of non-empty strings",
        "e.g. [Tall Afar, Telafer]",
    ),
    "wrong-type-places": ("places: 12\n", 1, "expected a top-level 'places:' list", "see the"),
    "entry-not-mapping": (
        GAZETTEER + "  - just a string\n",
        L_NEW,
        "each entry must be a mapping with id, name, kind..., got 'just a string'",
        "write it as '- id: ...'",
    ),
    "missing-name": (
        GAZETTEER + ENTRY.replace("    name: X\n", ""),
        L_NEW,
        "'x': missing 'name'",
        "add the place's common English name",
    ),
    "missing-id": (
        GAZETTEER + ENTRY.replace("id: x\n    name", "name"),
        L_NEW,
        "entry has no 'id'",
        "add a unique kebab-case id",
    ),
    "missing-lon": (
        GAZETTEER + ENTRY.replace("    lon: 43.0\n", ""),
        L_NEW,
        "'x': missing 'lon'",
        "give decimal degrees",
    ),
    "lat-out-of-range": (
        GAZETTEER.replace("lat: 36.3765", "lat: 136.3765"),
        L_TAL_AFAR,
        "'tal-afar': lat 136.3765 out of range -90..90",
        "(are lat and lon swapped?)",
    ),
    "lon-out-of-range": (
        GAZETTEER.replace("lon: 42.4497", "lon: 242.4497"),
        L_TAL_AFAR,
        "'tal-afar': lon 242.4497 out of range -180..180",
        "west is negative",
    ),
    "lat-nan": (GAZETTEER.replace("lat: 36.335", "lat: .nan"), L_MOSUL, "got nan", "write a"),
    "duplicate-id": (
        GAZETTEER + ENTRY.replace("id: x", "id: mosul").replace("X", "Mosul Two"),
        L_NEW,
        "duplicate id 'mosul' (first at line 8)",
        "give one of them another id",
    ),
    "duplicate-alias": (
        GAZETTEER + ENTRY + "    aliases: [Tall Afar]\n",
        L_NEW,
        "'Tall Afar' of 'x' is also a name of 'tal-afar' (line 14)",
        "remove it from one entry",
    ),
    "duplicate-key": (
        GAZETTEER.replace("    name: Baghdad\n", "    name: Baghdad\n    name: Bagdad\n"),
        L_BAGHDAD + 2,
        "duplicate key 'name' (first at line 22)",
        "keep one",
    ),
    "unknown-kind": (
        GAZETTEER.replace("kind: city\n    lat: 33.34", "kind: metropolis\n    lat: 33.34"),
        L_BAGHDAD,
        "'baghdad': kind 'metropolis' is not one of city, town",
        "use the nearest",
    ),
    "unknown-field": (
        GAZETTEER + ENTRY + "    contry: IQ\n",
        L_NEW,
        "'x': unknown field 'contry'",
        "allowed are aliases, ",
    ),
    "border-without-geometry": (
        GAZETTEER.replace("    geometry: [[37.1, 42.3], [34.4, 40.9]]\n", ""),
        L_BORDER,
        "'iraq-syria-border': a border needs 'geometry'",
        "a list of at least two [lat, lon] points",
    ),
    "border-geometry-out-of-range": (
        GAZETTEER.replace("[34.4, 40.9]", "[340.4, 40.9]"),
        L_BORDER,
        "geometry point [340.4, 40.9] is not a [lat, lon] pair in range",
        "",
    ),
    "border-one-country": (
        GAZETTEER.replace("countries: [IQ, SY]", "countries: [IQ]"),
        L_BORDER,
        "a border needs 'countries' with both sides",
        "e.g. [IQ, SY]",
    ),
    "alias-without-letters": (
        GAZETTEER.replace("[Tall Afar]", "['--']"),
        L_TAL_AFAR,
        "'aliases' holds '--', which has no letters or digits",
        "remove it",
    ),
    "billion-laughs": (
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n" + GAZETTEER,
        2,
        "YAML aliases (*name) are not allowed here",
        "write the value out",
    ),
    "python-tag": (
        GAZETTEER + "  - !!python/object/apply:os.system ['touch /tmp/pwned']\n",
        L_NEW,
        "could not determine a constructor for the tag",
        "are not allowed: remove the tag",
    ),
    "two-documents": (GAZETTEER + "---\n" + GAZETTEER, L_NEW, "another document", "keep one"),
    "deeply-nested": ("places: " + "[" * 5000 + "]" * 5000 + "\n", None, "nested", "flatten"),
    "empty-file": ("", 1, "expected a top-level 'places:' list", ""),
}


@pytest.mark.parametrize("case", sorted(GAZETTEER_CASES))
def test_bad_gazetteer_is_refused_with_file_and_line(env, before, capsys, case):
    text, line, what, todo = GAZETTEER_CASES[case]
    bad = env / "bad.yaml"
    bad.write_bytes(text if isinstance(text, bytes) else text.encode())
    where = f"{bad}:{line}: " if line else f"{bad}: "
    err = refused(capsys, args(env, gaz=bad), env, before, f"Error: {where}")
    assert what in err and todo in err
    assert not Path("/tmp/pwned").exists()


ACTOR_NEW = '  - id: other\n    name: Other\n    colour: "#000000"\n'
ACTOR_CASES = {
    "syntax": (ACTORS + "  - id: x\n   name: y\n", L_ACTOR_NEW + 1, "YAML syntax error", "indent"),
    "duplicate-id": (
        ACTORS + ACTOR_NEW.replace("other", "isis"),
        L_ACTOR_NEW,
        "duplicate actor id 'isis' (first at line 2)",
        "give one another id",
    ),
    "duplicate-alias": (
        ACTORS + ACTOR_NEW + "    aliases: [Militants]\n",
        L_ACTOR_NEW,
        "'other': alias 'Militants' is also an alias of 'isis' (line 2)",
        "keep it in one actor only",
    ),
    "bad-colour": (
        ACTORS + ACTOR_NEW.replace('"#000000"', "red"),
        L_ACTOR_NEW,
        "colour 'red' must be a quoted hex colour",
        '"#1a2b3c"',
    ),
    "missing-name": (
        ACTORS + ACTOR_NEW.replace("    name: Other\n", ""),
        L_ACTOR_NEW,
        "'other': missing 'name'",
        "add the name",
    ),
    "name-not-text": (ACTORS + ACTOR_NEW.replace("Other", "[1]"), L_ACTOR_NEW, "got [1]", "quote"),
    "aliases-not-list": (
        ACTORS + ACTOR_NEW + "    aliases: 7\n",
        L_ACTOR_NEW,
        "aliases must be a list of strings",
        "e.g. [ISIS, Daesh]",
    ),
    "unknown-field": (
        ACTORS + ACTOR_NEW + "    kind: x\n",
        L_ACTOR_NEW,
        "unknown field 'kind'",
        "allowed are id, name",
    ),
    "aliases-in-not-mapping": (
        ACTORS + ACTOR_NEW + "    aliases_in: [rebels]\n",
        L_ACTOR_NEW,
        "aliases_in must map a country code to a list",
        "{SY: [rebels]}",
    ),
    "aliases-in-bad-country": (
        ACTORS + ACTOR_NEW + "    aliases_in: {Syria: [rebels]}\n",
        L_ACTOR_NEW,
        "aliases_in key 'Syria' must be a two-letter country code",
        "like SY",
    ),
    "aliases-in-not-list": (
        ACTORS + ACTOR_NEW + "    aliases_in: {SY: rebels}\n",
        L_ACTOR_NEW,
        "aliases_in SY must be a list of words",
        "e.g. [rebels]",
    ),
    "bad-id": (
        ACTORS + ACTOR_NEW.replace("id: other", "id: Other Side"),
        L_ACTOR_NEW,
        "actor id 'Other Side' must be kebab-case",
        "like 'kurdish-forces'",
    ),
    "entry-not-mapping": (ACTORS + "  - 12\n", L_ACTOR_NEW, "got 12", "write it as"),
    "required-missing": (
        ACTORS.replace("  - {id: iran,", "  - {id: persia,"),
        1,
        "required actor 'iran' is missing",
        "add it back",
    ),
    "alias": ("x: &a [1]\ny: *a\n" + ACTORS, 2, "YAML aliases (*name) are not allowed", "write"),
    "empty": ("", 1, "expected a top-level 'actors:' list", ""),
}


@pytest.mark.parametrize("case", sorted(ACTOR_CASES))
def test_bad_actors_are_refused_with_file_and_line(env, before, capsys, case):
    text, line, what, todo = ACTOR_CASES[case]
    bad = env / "bad-actors.yaml"
    bad.write_text(text)
    err = refused(capsys, args(env, act=bad), env, before, f"Error: {bad}:{line}: ")
    assert what in err and todo in err


@pytest.mark.parametrize("which", ["gaz", "act"])
def test_missing_or_folder_yaml_file(env, before, capsys, which):
    missing = env / "nope.yaml"
    refused(capsys, args(env, **{which: missing}), env, before, f"{missing}: file not found")
    refused(capsys, args(env, **{which: env / "in"}), env, before, "is a folder, expected a YAML")


# --- paths ----------------------------------------------------------------------------


def test_missing_input(env, before, capsys):
    missing = env / "no-such-report.txt"
    refused(capsys, args(env, missing), env, before, f"Error: {missing}: no such file or folder")


def test_output_dir_is_a_file(env, before, capsys):
    (env / "file").write_text("x")
    err = refused(
        capsys, args(env, out=env / "file"), env, before, "output path exists and is not a folder"
    )
    assert err.startswith(f"Error: {env / 'file'}: ") and (env / "file").read_text() == "x"


def test_output_below_a_file(env, before, capsys):
    (env / "file").write_text("x")
    refused(capsys, args(env, out=env / "file" / "out"), env, before, "a file is in the way")


def test_output_inside_input(env, before, capsys):
    refused(
        capsys,
        args(env, env, out=env / "out"),
        env,
        before,
        "output folder is inside an input folder: choose another --out",
    )


def test_output_in_a_folder_of_other_files(env, before, capsys):
    (env / "mine").mkdir()
    (env / "mine" / "thesis.tex").write_text("precious")
    refused(capsys, args(env, out=env / "mine"), env, before, "holds files mapper did not write")
    assert (env / "mine" / "thesis.tex").read_text() == "precious"


def test_output_root_is_refused(env, before, capsys):
    refused(capsys, args(env, out="/"), env, before, "cannot use this folder as --out")


def test_no_permission_to_create_the_temp_folder(env, before, capsys, monkeypatch):
    # Tests run as root, which ignores file modes: simulate the refusal instead.
    def deny(path, *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(export.os, "mkdir", deny)
    refused(
        capsys,
        args(env),
        env,
        before,
        f"Error: {env / 'out'}: cannot write output: Permission denied",
    )


def test_no_permission_to_rename(env, before, capsys, monkeypatch):
    def deny(src, dst, *a, **k):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(export, "_exchange", lambda a, b: False)
    monkeypatch.setattr(export.os, "replace", deny)
    refused(capsys, args(env), env, before, "cannot write output: Permission denied")
    assert sorted(p.name for p in env.iterdir() if p.name.startswith(".out.")) == [".out.lock"]


def test_no_permission_for_the_lock(env, before, capsys, monkeypatch):
    import builtins

    real_open = builtins.open

    def deny(file, *a, **k):
        if str(file).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", deny)
    refused(
        capsys, args(env), env, before, "cannot write beside the output folder: Permission denied"
    )


def test_unexpected_oserror_is_one_line(env, before, capsys, monkeypatch):
    import sys

    def boom(*a, **k):
        raise OSError(5, "Input/output error", "/dev/sdz")

    # sys.modules: the package attribute mapper.build is the function, not the module.
    monkeypatch.setattr(sys.modules["mapper.build"], "run", boom)
    refused(capsys, args(env), env, before, "Error: /dev/sdz: Input/output error")


# --- escaping -------------------------------------------------------------------------

PAYLOAD = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"


def test_hostile_text_is_escaped_in_the_map_and_valid_in_json(env, capsys):
    d = env / "in"
    (d / "good.txt").unlink()
    (d / "evil.json").write_text(
        json.dumps(
            {
                "title": f"{PAYLOAD} Mosul </script><!--",
                "url": "javascript:alert(1)",
                "text": f"Militants seized Mosul {PAYLOAD} on Tuesday, said {IMG} Gen. "
                f"Ali {PAYLOAD}. Tal Afar fell to ISIS \u2028\u2029 \ud800 {IMG}.",
            }
        )
    )
    (d / "evil2.txt").write_text(f"{PAYLOAD}{IMG}\n\nMilitants seized Baghdad {PAYLOAD}.\n")
    assert main(args(env, extra=["-q"])) == 0
    capsys.readouterr()
    html = (env / "out" / "map.html").read_text(encoding="utf-8")
    data = json.loads((env / "out" / "situation.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    quotes = [c["quote"] for c in data["control_claims"]]
    assert any(PAYLOAD in q for q in quotes), quotes  # the payload did reach a popup...
    for raw in (PAYLOAD, IMG, "<script>alert", "</script><!--", "<img src=x"):
        assert raw not in html  # ...and is shown, never run
    geo = json.loads((env / "out" / "situation.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
