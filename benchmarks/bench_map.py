"""How big map.html gets, and how long a build takes, for the examples and for 1,000 articles.

    .venv/bin/python benchmarks/bench_map.py [N]      (N synthetic articles, default 1000)

The synthetic articles recombine the sentences below (captures, holds, sieges, fighting,
threats, denials, conditionals, distances) over real place names, so the pipeline extracts
claims from them as it would from reports; distances come from a fixed list of roughly
right ones (and one wrong one), as in real reports. The figures printed are the page's size
(offline: Leaflet and the basemap inlined; online: tiles), the largest popup, and the build
time.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from mapper import run
from mapper.mapview import _view, render_map

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

PLACES = [
    "Mosul", "Tikrit", "Baiji", "Samarra", "Fallujah", "Ramadi", "Kirkuk", "Tal Afar",
    "Baquba", "Haditha", "Qaim", "Rutba", "Jalawla", "Sinjar", "Zumar", "Amerli",
    "Tuz Khurmatu", "Muqdadiya", "Balad", "Dhuluiya", "Hit", "Abu Ghraib", "Erbil", "Dohuk",
    "Najaf", "Karbala", "Hilla", "Kut", "Basra", "Rabia", "Qayyarah", "Makhmour", "Sharqat",
]  # fmt: skip
SIDES = [
    "ISIS", "militants", "Iraqi troops", "the Iraqi army", "Kurdish peshmerga forces",
    "Shiite militias", "government forces", "insurgents",
]  # fmt: skip
SENTENCES = [
    "{side} seized {place} on {day}, officials said.",
    "{place} fell to {side} after a two-day battle, according to residents.",
    "{side} now control {place}, a local official told reporters.",
    "Fighting raged in {place} as {side} launched a counter-offensive.",
    "{side} surrounded {place} and cut the road to {other}.",
    "{side} threatened to march on {place} within days.",
    "Officials denied that {place} had fallen to {side}.",
    "If {place} were to fall, {other} would be next, a commander warned.",
    "{distance}",
    "Clashes were reported near {place} overnight, police said.",
    "Families fled {place} for {other} as shelling continued.",
]
# Distances as the reports give them (roughly right, one of them wrong on purpose): random
# numbers would make every place a suspect, which no real corpus does.
DISTANCES = [
    "Baquba is about 37 miles northeast of Baghdad.",
    "Samarra, 70 miles north of Baghdad, was quiet on Sunday.",
    "Tikrit, about 100 miles north of Baghdad, is Saddam Hussein's hometown.",
    "Fallujah lies 40 miles west of Baghdad.",
    "Ramadi, 70 miles west of Baghdad, is the capital of Anbar province.",
    "Tal Afar, about 40 miles west of Mosul, fell on Monday.",
    "Mosul is about 250 miles north of Baghdad.",
    "Baiji, 130 miles north of Baghdad, has the country's largest refinery.",
    "Kirkuk, 150 miles north of Baghdad, is an oil city.",
    "Hilla, about 60 miles south of Baghdad, was calm.",
    "Karbala lies 300 miles south of Mosul.",
    "Balad is 900 miles north of Baghdad.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_articles(folder: Path, n: int, seed: int = 2014) -> None:
    """Write ``n`` articles of 6-12 recombined sentences each into ``folder``."""
    rng = random.Random(seed)
    for i in range(n):
        place = rng.choice(PLACES)
        day = 1 + i % 30
        lines = [f"Report {i}: fighting around {place}", "", f"June {day}, 2014", ""]
        for _ in range(rng.randint(6, 12)):
            a, b = rng.sample(PLACES, 2)
            lines.append(
                rng.choice(SENTENCES).format(
                    side=rng.choice(SIDES),
                    place=a,
                    other=b,
                    day=rng.choice(DAYS),
                    distance=rng.choice(DISTANCES),
                )
            )
        (folder / f"{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(label: str, inputs) -> None:
    t0 = time.perf_counter()
    situation = run(inputs)
    t1 = time.perf_counter()
    offline = render_map(situation, offline=True)
    t2 = time.perf_counter()
    online = render_map(situation, offline=False)
    view = _view(situation)
    biggest = max((len(p["popup"]) for p in view["places"]), default=0)
    claims_per_place: dict[str, int] = {}
    for c in situation.control_claims:
        claims_per_place[c.place] = claims_per_place.get(c.place, 0) + 1
    most = max(claims_per_place.values(), default=0)
    print(
        f"{label}: {len(situation.documents)} documents, {len(situation.places)} places, "
        f"{len(situation.control_claims)} control claims (at most {most} on one place), "
        f"{len(situation.distance_claims)} distance claims"
    )
    print(
        f"  map.html offline {len(offline.encode()):,} bytes, online {len(online.encode()):,} "
        f"bytes; largest popup {biggest:,} chars; data {len(json.dumps(view)):,} chars"
    )
    print(f"  extract+aggregate {t1 - t0:.1f} s, render offline {t2 - t1:.2f} s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    measure("bundled examples", None)
    if SEEDS.is_dir():
        measure("shared seeds", [SEEDS])
    with tempfile.TemporaryDirectory(prefix="mapper-bench-") as tmp:
        synthetic_articles(Path(tmp), n)
        measure(f"{n} synthetic articles", [tmp])


if __name__ == "__main__":
    main()
