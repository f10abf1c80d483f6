"""Writing the output: atomic, never interleaved, never half-done, no temp folders left."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import mapper.export as export
from mapper.actors import parse_actors
from mapper.build import run
from mapper.cli import main
from mapper.gazetteer import parse_gazetteer
from mapper.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[1]

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
  - id: baghdad
    name: Baghdad
    kind: city
    lat: 33.3406
    lon: 44.4009
    countries: [IQ]
  - id: baquba
    name: Baquba
    kind: city
    lat: 33.7466
    lon: 44.6437
    countries: [IQ]
"""
ACTORS = """\
actors:
  - {id: isis, name: ISIS, colour: "#1a1a1a", aliases: [ISIS, militants, insurgents]}
  - {id: iraqi-government, name: Iraqi forces, colour: "#d55e00", aliases: [Iraqi troops]}
  - {id: kurdish-forces, name: Kurds, colour: "#e69f00", aliases: [peshmerga]}
  - {id: shiite-militias, name: Militias, colour: "#009e73", aliases: [Shiite militias]}
  - {id: iran, name: Iran, colour: "#56b4e9", aliases: [Iranian forces]}
  - {id: united-states, name: US, colour: "#0072b2", aliases: [US forces]}
"""
STORY_A = "BUILD-A report\n\nJune 10, 2014\n\nMilitants seized Mosul on Tuesday.\n"
STORY_B = "BUILD-B report\n\nJune 16, 2014\n\nTal Afar fell to ISIS. Baquba is 37 miles northeast of Baghdad.\n"  # noqa: E501


@pytest.fixture
def env(tmp_path):
    """Gazetteer, actors, two one-article inputs and an --out path, all in tmp_path."""
    (tmp_path / "g.yaml").write_text(GAZETTEER)
    (tmp_path / "a.yaml").write_text(ACTORS)
    for name, story in (("A", STORY_A), ("B", STORY_B)):
        d = tmp_path / f"in{name}"
        d.mkdir()
        (d / f"{name.lower()}.txt").write_text(story)
    (tmp_path / "flags").mkdir()
    return tmp_path


def _args(env: Path, which: str = "A", out: Path | None = None) -> list[str]:
    return [
        "build",
        str(env / f"in{which}"),
        "--out",
        str(out or env / "out"),
        "--gazetteer",
        str(env / "g.yaml"),
        "--actors",
        str(env / "a.yaml"),
        "-q",
    ]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file in ``out`` with its bytes, and what lies beside it."""
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    # Temporary folders of this output (the lock file is expected to stay).
    beside = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    files["<beside>"] = "\n".join(beside).encode()
    return files


def leftovers(out: Path) -> list[str]:
    """Temporary folders of builds into ``out`` still lying beside it."""
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith((f".{out.name}.tmp-", f".{out.name}.old-"))
    )


def _consistent(files: dict[str, bytes]) -> str:
    """Which build ("A" or "B") the three files come from; fails if they are mixed."""
    data = json.loads(files["situation.json"])
    geo = json.loads(files["situation.geojson"])
    (doc,) = data["documents"]
    which = doc["title"].split()[0][-1]
    assert {p["id"] for p in data["places"]} == {f["id"] for f in geo["features"]}
    other = "B" if which == "A" else "A"
    assert f"BUILD-{which}".encode() in files["map.html"]
    assert f"BUILD-{other}".encode() not in files["map.html"]
    places = {p["id"] for p in data["places"]}
    assert places == ({"mosul"} if which == "A" else {"tal-afar", "baquba", "baghdad"})
    for name in export.OUTPUT_FILES:
        assert files[name].endswith(b"\n") or name == "map.html"
    return which


@pytest.fixture
def built(env, capsys):
    """A first build of A into env/out, and its snapshot."""
    assert main(_args(env, "A")) == 0
    capsys.readouterr()
    return env / "out", snapshot(env / "out")


# --- failures mid-write ----------------------------------------------------------------


def _fail_on(monkeypatch, name: str, exc: BaseException):
    real = export._write_file

    def write(path, text):
        if path.name == name:
            real(path, text[: len(text) // 2])  # half written, then the failure
            raise exc
        real(path, text)

    monkeypatch.setattr(export, "_write_file", write)


@pytest.mark.parametrize("name", ["situation.json", "situation.geojson", "map.html"])
def test_ctrl_c_mid_write_leaves_previous_output(env, built, capsys, monkeypatch, name):
    out, before = built
    _fail_on(monkeypatch, name, KeyboardInterrupt())
    assert main(_args(env, "B")) == 130
    err = capsys.readouterr().err
    assert err == "Error: interrupted; the previous output is unchanged\n"
    assert snapshot(out) == before and leftovers(out) == []


def test_disk_full_leaves_previous_output(env, built, capsys, monkeypatch):
    out, before = built
    _fail_on(monkeypatch, "map.html", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert main(_args(env, "B")) == 2
    err = capsys.readouterr().err
    assert err == f"Error: {out}: cannot write output: No space left on device\n"
    assert snapshot(out) == before and leftovers(out) == []


def test_oserror_without_strerror_still_reads_well(env, built, capsys, monkeypatch):
    out, before = built
    _fail_on(monkeypatch, "situation.json", OSError("quota exceeded"))
    assert main(_args(env, "B")) == 2
    assert capsys.readouterr().err == f"Error: {out}: cannot write output: quota exceeded\n"
    assert snapshot(out) == before


def test_a_raised_error_mid_write_leaves_previous_output(env, built, monkeypatch):
    out, before = built
    _fail_on(monkeypatch, "situation.geojson", RuntimeError("bug"))
    with pytest.raises(RuntimeError):
        main(_args(env, "B"))
    assert snapshot(out) == before and leftovers(out) == []


def test_a_rendering_error_writes_nothing(env, built, monkeypatch):
    out, before = built
    import mapper.mapview

    def broken(*a, **k):
        raise ValueError("render failed")

    monkeypatch.setattr(mapper.mapview, "render_map", broken)
    with pytest.raises(ValueError):
        main(_args(env, "B"))
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_failed_swap_restores_previous_output(env, built, capsys, monkeypatch, exchange):
    out, before = built
    real_replace = os.replace
    if not exchange:
        monkeypatch.setattr(export, "_exchange", lambda a, b: False)
    else:
        monkeypatch.setattr(
            export, "_exchange", lambda a, b: (_ for _ in ()).throw(PermissionError(13, "no"))
        )
    calls = []

    def replace(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # the second rename, tmp -> out, fails
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert main(_args(env, "B")) == 2
    assert "cannot write output" in capsys.readouterr().err
    assert snapshot(out) == before and leftovers(out) == []


def test_fallback_swap_without_renameat2(env, built, capsys, monkeypatch):
    out, _ = built
    monkeypatch.setattr(export, "_exchange", lambda a, b: False)
    assert main(_args(env, "B")) == 0
    assert _consistent(snapshot(out)) == "B" and leftovers(out) == []


def test_new_output_has_ordinary_permissions(env, built):
    out, _ = built
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask


# --- recovery after a build killed outright ---------------------------------------------


def test_stale_temp_folders_are_removed(env, built, capsys):
    out, _ = built
    (out.parent / f".{out.name}.tmp-deadbeef").mkdir()
    (out.parent / f".{out.name}.tmp-deadbeef" / "map.html").write_text("half")
    old = out.parent / f".{out.name}.old-cafe"
    old.mkdir()
    (out.parent / ".other.tmp-1").mkdir()  # not ours: left alone
    assert main(_args(env, "B")) == 0
    assert leftovers(out) == [] and (out.parent / ".other.tmp-1").is_dir()


def test_output_moved_aside_by_a_killed_build_is_put_back(env, built):
    out, before = built
    old = out.parent / f".{out.name}.old-cafe"
    os.replace(out, old)  # as if killed between the two renames of a swap
    with export._lock(out):
        export._recover(out)
    assert snapshot(out) == before


# --- real signals, real processes -------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import pathlib, sys, time
    import mapper.export as ex
    real = ex._write_file
    def slow(path, text):
        real(path, text)
        if path.name == "situation.geojson":
            pathlib.Path(sys.argv[1]).write_text("ready")
            time.sleep(60)
    ex._write_file = slow
    from mapper.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


def _child(env: Path, which: str) -> tuple[subprocess.Popen, Path]:
    (env / "flags").mkdir(exist_ok=True)
    ready = env / "flags" / f"ready-{which}"
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(ready), *_args(env, which)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return proc, ready


def test_sigint_mid_write_in_a_real_process(env, built):
    out, before = built
    proc, _ = _child(env, "B")
    assert leftovers(out)  # the temp folder exists while writing
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == "Error: interrupted; the previous output is unchanged\n"
    assert "Traceback" not in err
    assert snapshot(out) == before and leftovers(out) == []


def test_sigkill_mid_write_then_next_build_cleans_up(env, built, capsys):
    out, before = built
    proc, _ = _child(env, "B")
    proc.kill()
    proc.communicate(timeout=60)
    assert {k: v for k, v in snapshot(out).items() if k != "<beside>"} == {
        k: v for k, v in before.items() if k != "<beside>"
    }
    assert leftovers(out)  # a killed process cannot clean up...
    assert main(_args(env, "B")) == 0
    assert leftovers(out) == []  # ...the next build does
    assert _consistent(snapshot(out)) == "B"


def test_two_processes_into_one_out_never_interleave(env):
    out = env / "out"
    for _ in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "mapper", *_args(env, which)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for which in ("A", "B")
        ]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        _consistent(snapshot(out))
        assert leftovers(out) == []


def test_concurrent_writers_and_a_reader_see_whole_builds(env):
    """Writers race; a reader holding the folder open always sees one build's files."""
    gaz = parse_gazetteer(load_yaml(env / "g.yaml"), str(env / "g.yaml"))
    act = parse_actors(load_yaml(env / "a.yaml"), str(env / "a.yaml"))
    situations = {w: run([env / f"in{w}"], gaz, act) for w in "AB"}
    out = env / "out"
    export.write_outputs(situations["A"], out)
    errors: list[BaseException] = []
    seen: set[str] = set()
    stop = threading.Event()

    def writer(which):
        try:
            for _ in range(15):
                export.write_outputs(situations[which], out)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def reader():
        while not stop.is_set():
            try:
                fd = os.open(out, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                files = {}
                for name in export.OUTPUT_FILES:
                    f = os.open(name, os.O_RDONLY, dir_fd=fd)
                    with os.fdopen(f, "rb") as fh:
                        files[name] = fh.read()
            except FileNotFoundError:
                continue  # the folder was swapped out and deleted while we read it
            finally:
                os.close(fd)
            try:
                seen.add(_consistent(files))
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=writer, args=(w,)) for w in "AB"]
    r = threading.Thread(target=reader)
    r.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    r.join()
    assert errors == []
    assert seen and leftovers(out) == []
    _consistent(snapshot(out))


# --- JSON writing ----------------------------------------------------------------------


def test_dumps_survives_surrogates_and_non_finite_numbers():
    text = export.dumps({"a": "x\ud800y", "b": float("inf"), "c": [float("nan"), 1.5]})
    text.encode("utf-8")
    assert json.loads(text) == {"a": "x\ufffdy", "b": None, "c": [None, 1.5]}


def test_a_build_keeps_the_repositorys_gitkeep(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / ".gitkeep").write_text("")
    main(["build", "--out", str(out), "-q"])
    assert (out / ".gitkeep").is_file()
    assert (out / "map.html").is_file()


def test_regions_within_a_province_get_a_point_wider_ones_do_not():
    from mapper import load_gazetteer
    from mapper.model import Article

    gaz = load_gazetteer(Path(__file__).resolve().parents[1] / "gazetteer.yaml")
    text = "Islamic State fighters besieged Mount Sinjar. Aid reached the Kurdistan Region by road."
    from mapper import load_actors
    from mapper.build import assemble, extract

    actors = load_actors(Path(__file__).resolve().parents[1] / "actors.yaml")
    result = extract(Article(id="a.txt", text=text, published="2014-08-05"), gaz, actors)
    doc = export.situation_to_dict(assemble([result], gaz, actors))
    places = {p["id"]: p for p in doc["places"]}
    # Mount Sinjar lies in one province: it is an area drawn at its point, with its claim.
    assert (places["sinjar-mountains"]["lat"], places["sinjar-mountains"]["lon"]) == (36.37, 41.75)
    assert places["sinjar-mountains"]["situation"]["status"] == "besieged"
    # The Kurdistan Region spans provinces: no single point would be honest.
    assert "lat" not in places["kurdistan-region"]
