"""The map in a real browser: Debian's chromium driven by Playwright.

Built from the bundled example reports plus one hostile article whose title and sentences
carry ``<script>`` and ``onerror`` payloads next to real place names. In CI (``CI=true``)
these tests must run; elsewhere they skip when chromium or playwright is missing.

``python tests/test_browser.py`` writes docs/map.png: the offline map of ../shared/seeds
(or of the bundled examples when ../shared is absent) at 1400x900.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
IN_CI = os.environ.get("CI") == "true"
VIEWPORT = {"width": 1400, "height": 900}

PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_ARTICLE = f"""Militants {PAYLOAD_IMG} take Mosul {PAYLOAD_SCRIPT}

June 20, 2014

ISIS seized Mosul on Tuesday, officials said {PAYLOAD_IMG}.
Kurdish peshmerga forces took control of Kirkuk {PAYLOAD_SCRIPT} after the army fled.
Fighting raged in Baiji ${{window.__pwned=1}} `backtick` </script><!-- as militants attacked.
"""


def _need_browser() -> None:
    """Skip without chromium or playwright, except in CI, where that is a failure."""
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is missing (pip install -e '.[test]')"
    if missing:
        if IN_CI:
            pytest.fail(f"{missing}: CI must run the browser tests")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The example reports plus the hostile article, built offline and online."""
    from mapper import build
    from mapper.articles import example_inputs

    tmp = tmp_path_factory.mktemp("browser")
    hostile = tmp / "input"
    hostile.mkdir()
    (hostile / "zz_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    inputs = [*example_inputs(), hostile]
    out = {}
    for mode in ("offline", "online"):
        out[mode] = tmp / mode
        build(inputs, out=out[mode], offline=mode == "offline")
    return out


class Page:
    """An opened map: the page, its errors, and every request it tried."""

    def __init__(self, browser, folder: Path):
        self.page = browser.new_page(viewport=VIEWPORT)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        # Record every request; let only the page's own file through, so an online build's
        # tiles fail fast here instead of reaching for the network.
        self.page.route("**/*", self._route)
        self.page.goto((folder / "map.html").as_uri())
        self.page.wait_for_function("window.mapperMap !== undefined && window.mapperMarkers")
        self.situation = json.loads((folder / "situation.json").read_text(encoding="utf-8"))

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self):
        self.page.close()


@pytest.fixture(params=["offline", "online"])
def opened(request, browser, builds):
    page = Page(browser, builds[request.param])
    yield page
    page.close()


@pytest.fixture()
def offline(browser, builds):
    page = Page(browser, builds["offline"])
    yield page
    page.close()


def _drawn_ids(situation: dict) -> set[str]:
    return {p["id"] for p in situation["places"] if "lat" in p and "lon" in p}


def _squash(s: str) -> str:
    return " ".join(s.split())


def test_map_should_exist_with_a_marker_per_drawn_place(opened):
    assert opened.js("window.mapperMap instanceof L.Map") is True
    drawn = _drawn_ids(opened.situation)
    assert drawn, "the build drew no place"
    icons = opened.js("document.querySelectorAll('.leaflet-marker-icon.mp-place').length")
    assert icons >= len(drawn)
    assert set(opened.js("mapperMarkers.map(m => m.mp.id)")) == drawn
    assert opened.errors == []


def test_every_popup_should_open_and_show_its_quotes(offline):
    from mapper.mapview import MAX_FACTS

    s = offline.situation
    claims = s["control_claims"]
    by_id = {p["id"]: p for p in s["places"]}
    n = offline.js("mapperMarkers.length")
    checked = 0
    for i in range(n):
        pid, text = offline.js(
            """i => { const m = mapperMarkers[i]; m.openPopup();
                      const e = m.isPopupOpen() && m.getPopup().getElement();
                      return [m.mp.id, e ? e.innerText : null]; }""",
            i,
        )
        assert text is not None, f"no popup for {pid}"
        place = by_id[pid]
        assert _squash(place["name"]) in _squash(text)
        idx = place.get("situation", {}).get("claims", [])
        facts = [j for j in idx if not claims[j]["negated"] and not claims[j]["hypothetical"]]
        for j in facts[:MAX_FACTS]:
            assert _squash(claims[j]["quote"])[:60] in _squash(text), (pid, j)
            checked += 1
    assert checked > 0
    assert offline.js("typeof window.__pwned") == "undefined"
    assert offline.errors == []


def test_clicking_a_marker_should_open_its_popup(offline):
    handle = offline.page.evaluate_handle(
        "mapperMarkers.find(m => m.mp.id === 'mosul').getElement()"
    )
    handle.as_element().click()
    popup = offline.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "Mosul" in popup.inner_text()


def test_hostile_text_should_show_as_text_and_never_run(opened):
    mosul = opened.js(
        """() => { const m = mapperMarkers.find(m => m.mp.id === 'mosul'); m.openPopup();
                   return m.getPopup().getElement().innerText; }"""
    )
    assert PAYLOAD_IMG in mosul  # shown to the reader as the article wrote it
    # Hover every place and line too: tooltips are HTML as well.
    opened.js(
        """() => { mapperMarkers.forEach(m => { m.openTooltip && m.openTooltip(); });
                   mapperMap.eachLayer(l => {
                     if (l.openTooltip && l.getTooltip()) l.openTooltip(); });
                   document.querySelectorAll('details').forEach(d => d.open = true); }"""
    )
    opened.page.wait_for_timeout(200)
    assert opened.js("typeof window.__pwned") == "undefined"
    assert opened.js("document.querySelectorAll('.leaflet-popup-content img').length") == 0
    assert opened.errors == []


def test_offline_map_should_request_nothing_but_its_own_file(offline):
    offline.js("mapperMarkers.forEach(m => m.openPopup())")
    offline.page.wait_for_timeout(300)
    assert offline.requests, "the page itself is a request"
    leaving = [u for u in offline.requests if not u.startswith(("file:", "data:"))]
    assert leaving == []
    assert offline.errors == []


def test_legend_checkbox_should_hide_a_sides_markers(offline):
    only_isis = """() => mapperMarkers.filter(m => m.mp.sides.join() === 'isis'
                                               && mapperMap.hasLayer(m)).length"""
    before = offline.js(only_isis)
    assert before > 0
    box = offline.page.locator('#mp-legend input[data-k="isis"]')
    box.click()
    assert offline.js(only_isis) == 0
    box.click()
    assert offline.js(only_isis) == before


def write_screenshot(target: Path = ROOT / "docs" / "map.png") -> Path:
    """Build the offline map of the seeds (or the bundled examples) and photograph it."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from mapper import build
    from mapper.articles import example_inputs

    seeds = ROOT.parent / "shared" / "seeds"
    inputs = [seeds] if seeds.is_dir() else example_inputs()
    tmp = Path(tempfile.mkdtemp(prefix="mapper-shot-"))
    try:
        build(inputs, out=tmp / "out", offline=True)
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = b.new_page(viewport=VIEWPORT)
            page.goto((tmp / "out" / "map.html").as_uri())
            page.wait_for_function("window.mapperMarkers !== undefined")
            page.wait_for_timeout(500)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target))
            b.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


if __name__ == "__main__":
    print(write_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "map.png"))
