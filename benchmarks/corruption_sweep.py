"""Corrupt gazetteer entries the way users get them wrong and see whether the suspects find them.

For every entry with two or more checkable distance claims in the inputs (the seeds in
../shared/seeds, tests/dispatches and the bundled examples by default), each corruption --
lat/lon swapped, the sign of lat or of lon flipped, the point moved 50, 100 or 150 km in
four directions -- is applied alone; the claims (extracted once) are re-verified and the
suspects re-ranked. Printed: recall@1 and recall@3 per kind of corruption with the lowest
score of a corrupted entry found by its claims alone, the error of the suggested position
(entries with two or more bearing claims, and all), the false alarms (other suspects per
corruption, listed at the end, and the suspects of the uncorrupted gazetteer, with its
highest claim scores against the threshold ``MIN_SCORE``), and misses.

    .venv/bin/python benchmarks/corruption_sweep.py [INPUT ...] [--gazetteer FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from mapper.build import run
from mapper.gazetteer import Gazetteer, load_gazetteer
from mapper.geo import destination, distance_km
from mapper.lint import lint_places
from mapper.suspects import MIN_SCORE, candidate_scores, rank_suspects
from mapper.verify import verify_distances

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [
    ROOT.parent / "shared" / "seeds",
    ROOT / "tests" / "dispatches",
    ROOT / "mapper" / "examples",
]
MOVES_KM = (50, 100, 150)
MOVE_BEARINGS = (0, 90, 180, 270)


def corruptions(lat: float, lon: float) -> list[tuple[str, tuple[float, float]]]:
    """(kind, corrupted point) for one true point."""
    out = [("swapped", (lon, lat)), ("lat sign", (-lat, lon)), ("lon sign", (lat, -lon))]
    for km in MOVES_KM:
        for az in MOVE_BEARINGS:
            out.append((f"moved {km} km", destination((lat, lon), az, km)))
    return out


def checkable_counts(claims, gaz: Gazetteer) -> tuple[dict[str, int], dict[str, int]]:
    """Claims, and claims with a bearing, per entry with a point (unverifiable ones left out)."""
    n: dict[str, int] = {}
    nb: dict[str, int] = {}
    for c in claims:
        if c.verdict == "unverifiable" or c.place == c.reference:
            continue
        for pid in (c.place, c.reference):
            p = gaz.get(pid)
            if p is None or p.point is None or p.kind == "border":
                continue
            n[pid] = n.get(pid, 0) + 1
            other = gaz.get(c.reference if pid == c.place else c.place)
            if c.bearing and other is not None and other.kind != "border":
                nb[pid] = nb.get(pid, 0) + 1
    return n, nb


def main(argv: list[str] | None = None) -> int:
    """Run the sweep and print its figures; exit 1 if a requirement is missed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "inputs", nargs="*", help="article files or folders (default: seeds, dispatches, examples)"
    )
    ap.add_argument("--gazetteer", default=str(ROOT / "gazetteer.yaml"))
    ap.add_argument(
        "--no-geonames",
        action="store_true",
        help="suggest the fitted point only, never a same-named GeoNames town",
    )
    args = ap.parse_args(argv)
    inputs = [Path(p) for p in args.inputs] or [
        p for p in DEFAULT_INPUTS if p.is_dir() and any(p.iterdir())
    ]
    t0 = time.perf_counter()
    gaz = load_gazetteer(args.gazetteer)
    situation = run(inputs, gaz)
    claims = list(situation.distance_claims)
    used = {p.id for p in situation.places}
    print(f"inputs: {', '.join(str(p) for p in inputs)}")
    print(f"{len(situation.documents)} documents, {len(claims)} distance claims")

    base = rank_suspects(claims, gaz, lint_places(gaz, only=used))
    print(f"uncorrupted gazetteer: {len(base)} suspects")
    for s in base:
        print(f"  {s.place} [{s.check}] {s.reason} claims={list(s.claims)}")
    base_ids = {s.place for s in base}
    top = sorted(candidate_scores(claims, gaz).items(), key=lambda kv: -kv[1])[:4]
    print(
        f"  highest claim scores (a suspect needs {MIN_SCORE:g}): "
        + ", ".join(f"{pid} {score:.2f}" for pid, score in top)
    )

    n_claims, n_bearing = checkable_counts(claims, gaz)
    targets = sorted(pid for pid, n in n_claims.items() if n >= 2)
    print(f"entries with >= 2 checkable claims: {len(targets)}: {', '.join(targets)}")

    # (kind, pid, rank or None, suggestion error km or None, n other suspects, visible,
    # the other suspects, the score of a claims-only finding or None)
    rows = []
    for pid in targets:
        true = gaz[pid]
        for kind, (lat, lon) in corruptions(true.lat, true.lon):
            places = dict(gaz.places)
            places[pid] = replace(true, lat=lat, lon=lon)
            bad = Gazetteer(places, gaz.path, index=gaz.index, max_len=gaz.max_len)
            verified = verify_distances(claims, bad)
            ranked = rank_suspects(
                verified, bad, lint_places(bad, only=used), geonames=not args.no_geonames
            )
            ids = [s.place for s in ranked]
            rank = ids.index(pid) + 1 if pid in ids else None
            err = None
            if rank is not None and ranked[rank - 1].suggested_lat is not None:
                s = ranked[rank - 1]
                err = distance_km(true.point, (s.suggested_lat, s.suggested_lon))
            extra = [i for i in ids if i != pid and i not in base_ids]
            others = len(extra)
            # Invisible: every claim of the entry still agrees, so no claim can point at it.
            visible = any(
                c.verdict not in ("consistent", "unverifiable")
                for c in verified
                if pid in (c.place, c.reference)
            )
            found = ranked[rank - 1] if rank is not None else None
            score = found.score if found is not None and found.check == "claims" else None
            rows.append((kind, pid, rank, err, others, visible, extra, score))

    def report(label: str, sel: list) -> None:
        if not sel:
            return
        r1 = sum(1 for r in sel if r[2] == 1) / len(sel)
        r3 = sum(1 for r in sel if r[2] is not None and r[2] <= 3) / len(sel)
        fa = statistics.mean(r[4] for r in sel)
        scores = [r[7] for r in sel if r[7] is not None]
        low = f" lowest claim score {min(scores):.2f}" if scores else ""
        print(
            f"  {label:<14} n={len(sel):<4} recall@1={r1:6.1%} recall@3={r3:6.1%} "
            f"new false alarms/run={fa:.2f}{low}"
        )

    print("\nrecall by corruption:")
    kinds = list(dict.fromkeys(r[0] for r in rows))
    for k in kinds:
        report(k, [r for r in rows if r[0] == k])
    report("all", rows)
    print("recall where some claim of the entry disagrees (visible to claims at all):")
    for k in kinds:
        report(k, [r for r in rows if r[0] == k and r[5]])
    report("all", [r for r in rows if r[5]])

    def errors(sel) -> str:
        errs = sorted(r[3] for r in sel if r[3] is not None)
        missing = sum(1 for r in sel if r[3] is None)
        if not errs:
            return f"no suggestions ({missing} without)"
        within = sum(1 for e in errs if e <= 15) / len(sel)
        return (
            f"median {statistics.median(errs):.1f} km, max {max(errs):.1f} km, "
            f"within 15 km {within:.1%} ({missing} without a suggestion)"
        )

    with_bearings = [r for r in rows if n_bearing.get(r[1], 0) >= 2]
    print("\nsuggested position error:")
    print(f"  entries with >= 2 bearing claims (n={len(with_bearings)}): {errors(with_bearings)}")
    print(f"  all corruptions (n={len(rows)}): {errors(rows)}")

    misses = [r for r in rows if (r[2] is None or r[2] > 3) and r[5]]
    hidden = sum(1 for r in rows if not r[5])
    far = [r for r in with_bearings if r[5] and (r[3] is None or r[3] > 15)]
    print(f"\ninvisible corruptions (every claim still agrees): {hidden}")
    print(f"missed though visible (not in top 3): {len(misses)}")
    for kind, pid, rank, *_ in misses:
        print(f"  {pid} {kind}: rank {rank}")
    print(f"visible, >= 2 bearing claims, suggestion off by > 15 km or none: {len(far)}")
    for kind, pid, _, err, *_ in far:
        print(f"  {pid} {kind}: {'none' if err is None else f'{err:.1f} km'}")
    alarms = [r for r in rows if r[6]]
    print(f"corruptions with other suspects listed too: {len(alarms)}")
    for kind, pid, rank, *_, extra, _ in alarms:
        print(f"  {pid} {kind}: rank {rank}, also {', '.join(extra)}")
    print(f"\n{len(rows)} corruptions in {time.perf_counter() - t0:.1f} s")
    return 1 if misses or far or base else 0


if __name__ == "__main__":
    sys.exit(main())
