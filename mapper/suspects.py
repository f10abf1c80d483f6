"""Rank gazetteer entries whose coordinates the evidence contradicts, and say where they belong.

How blame is assigned (also in README.md, "Fixing a location"):

- Every entry with a point that takes part in a loose or inconsistent claim is a candidate. Its
  position is refitted from all its verified claims (the other ends held fixed, see
  ``fit_position``), and each claim is re-verified with the entry at the fitted point.
- A claim's badness is 0 (consistent), 0.5 (loose) or 1 (inconsistent). The candidate's
  gain is the drop in badness its move brings, each counterpart counting once (the claims
  with one counterpart share a weight of 1), so a claim it breaks counts against it.
  Every counterpart whose claims all agree with the current point costs 0.5 more: an entry
  that independent claims agree with is less likely the culprit.
- The best candidate with a score above 0 becomes a suspect if the move fixes claims with
  two or more counterparts, or with one counterpart that other places corroborate (a
  consistent claim with a third place) and whose own move would score lower. Without an
  inconsistent claim (loose ones only) it needs three counterparts. A lone claim between
  two otherwise unchecked places blames neither: the claim itself is as likely wrong
  (``mapper check`` lists it for review). The suspect's claims are then taken as explained
  and the rest are ranked again, until no candidate qualifies.
- The suggested position is the fit, with two standard deviations of the fit as its
  radius; when a GeoNames town bearing one of the entry's names lies within twice that
  radius (at least 30 km) of the fit, its point is suggested instead (radius 5 km).
- Lints (``mapper.lint``: outside its countries, swapped, sign, province) join the ranking
  with their own scores; an entry found by both gets the sum and both reasons.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .gazetteer import Gazetteer
from .geo import (
    angle_diff_deg,
    bearing_deg,
    destination,
    distance_km,
    distance_to_line_km,
)
from .model import AREA_KINDS, DistanceClaim, Place, Suspect
from .verify import ROAD_SLACK, claim_range_km, judge, tolerance_km

__all__ = ["Fit", "fit_position", "rank_suspects", "BADNESS"]

BADNESS = {"consistent": 0.0, "loose": 0.5, "inconsistent": 1.0}
SUPPORT_COST = 0.5  # per counterpart whose claims all agree with the current point
MIN_GAIN = 0.0
# An 8-point compass word covers +-22.5 degrees; a uniform spread has a standard deviation
# of 45 / sqrt(12) = 13 degrees.
BEARING_SIGMA_DEG = 13.0
MAX_RADIUS_KM = 100.0  # a wider fit (one circle, no bearing) suggests no point
SNAP_KM = 30.0  # a same-named GeoNames town this close to the fit gives the suggested point
GEONAMES_RADIUS_KM = 5.0
_KM_PER_DEG_LAT = 110.57
_EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Fit:
    """A position fitted from distance and bearing claims, with its error radius (km)."""

    lat: float
    lon: float
    radius_km: float
    rms: float  # root mean square of the normalised residuals (1 ~ within tolerance)


def _movable(p: Place | None) -> bool:
    return p is not None and p.point is not None and p.kind not in AREA_KINDS | {"border", "water"}


def _sphere(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Great-circle km and initial bearing: 0.3 % from WGS-84 and far faster, for the fit only."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    dlo = lo2 - lo1
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    km = 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
    y = math.sin(dlo) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(dlo)
    return km, math.degrees(math.atan2(y, x)) % 360


def _residuals(pid: str, x: tuple[float, float], claims, gaz: Gazetteer) -> list[float]:
    """Normalised residuals of the claims with entry ``pid`` at point ``x``."""
    out = []
    for c in claims:
        other = gaz[c.reference if c.place == pid else c.place]
        low, high = claim_range_km(c)
        tol = tolerance_km(c)
        target = high if math.isinf(high) else (low + high) / 2
        if other.kind == "border":
            km, bearing = distance_to_line_km(x, other.geometry)[0], None
        else:
            ref, loc = (other.point, x) if c.place == pid else (x, other.point)
            km, bearing = _sphere(ref, loc)
        if km < low:
            out.append((km - low) / (tol * ROAD_SLACK))
        elif km > high:
            out.append((km - high) / tol)
        else:
            out.append(0.0)
        if c.bearing and bearing is not None and not math.isinf(target):
            # The chord to the stated direction, in km at the stated distance: grows with the
            # angle all the way to the opposite side (sin would fall again past 90 degrees).
            d = angle_diff_deg(bearing, bearing_deg(c.bearing))
            sign = 1.0 if ((bearing - bearing_deg(c.bearing)) % 360) < 180 else -1.0
            chord = 2 * target * math.sin(math.radians(d) / 2)
            sigma = max(tol, target * math.radians(BEARING_SIGMA_DEG))
            out.append(sign * chord / sigma)
    return out


def _seeds(pid: str, claims, gaz: Gazetteer, current) -> list[tuple[float, float]]:
    """Starting points: where each bearing claim pins it, points on the circles, the current."""
    seeds = []
    if current is not None:
        seeds.append(current)
    circles = 0
    for c in claims:
        other = gaz[c.reference if c.place == pid else c.place]
        if other.point is None or other.kind == "border":
            continue
        low, high = claim_range_km(c)
        km = high if math.isinf(high) else (low + high) / 2
        if c.bearing:
            az = bearing_deg(c.bearing) + (0.0 if c.place == pid else 180.0)
            seeds.append(destination(other.point, az % 360, km))
        elif circles < 2:
            circles += 1
            seeds += [destination(other.point, az, km) for az in range(0, 360, 45)]
    unique: list[tuple[float, float]] = []
    for pt in seeds:
        if all(_sphere(pt, q)[0] > 5.0 for q in unique):
            unique.append(pt)
    return unique


def _solve(pid, start, claims, gaz) -> tuple[tuple[float, float], float, list[list[float]]]:
    """Levenberg-Marquardt in a local km plane around the start; the point, cost and J."""
    import numpy as np

    lat0, lon0 = start
    k = _KM_PER_DEG_LAT * max(math.cos(math.radians(lat0)), 0.05)

    def to_pt(v) -> tuple[float, float]:
        lat = max(-89.9, min(89.9, lat0 + v[1] / _KM_PER_DEG_LAT))
        return (lat, (lon0 + v[0] / k + 180) % 360 - 180)

    def f(v):
        return np.array(_residuals(pid, to_pt(v), claims, gaz))

    def jac(v, r0):
        cols = []
        for i in range(2):
            dv = np.zeros(2)
            dv[i] = 0.5  # km: small next to any tolerance (>= 3 km)
            cols.append((f(v + dv) - r0) / 0.5)
        return np.stack(cols, axis=1)

    v = np.zeros(2)
    r = f(v)
    cost = float(r @ r)
    lam = 1e-3
    J = jac(v, r)
    for _ in range(40):
        A = J.T @ J
        step = -np.linalg.solve(A + lam * (np.diag(np.diag(A)) + 1e-9 * np.eye(2)), J.T @ r)
        r_new = f(v + step)
        c_new = float(r_new @ r_new)
        if c_new < cost:
            v, r, cost, lam = v + step, r_new, c_new, lam / 3
            J = jac(v, r)
            if np.linalg.norm(step) < 0.05:
                break
        else:
            lam *= 5
            if lam > 1e8:
                break
    return to_pt(v), cost, J.tolist()


def fit_position(pid: str, claims: Sequence[DistanceClaim], gazetteer: Gazetteer) -> Fit | None:
    """Where entry ``pid`` best fits its claims (other ends fixed); None without usable claims."""
    import numpy as np

    usable = [
        c
        for c in claims
        if pid in (c.place, c.reference)
        and c.place != c.reference
        and gazetteer.get(c.reference if c.place == pid else c.place) is not None
        and (
            gazetteer[c.reference if c.place == pid else c.place].point is not None
            or gazetteer[c.reference if c.place == pid else c.place].geometry
        )
    ]
    if not usable:
        return None
    place = gazetteer.get(pid)
    current = place.point if place is not None else None
    best = None
    for seed in _seeds(pid, usable, gazetteer, current):
        pt, cost, J = _solve(pid, seed, usable, gazetteer)
        # Strictly better only: among equally good points the first seed (the current
        # position: the smallest move) wins.
        if best is None or cost < best[1] - 1e-6:
            best = (pt, cost, J)
    if best is None:
        return None
    pt, cost, J = best
    J = np.array(J)
    n = J.shape[0]
    rms = math.sqrt(cost / max(n, 1))
    eig = np.linalg.eigvalsh(J.T @ J)
    if eig.min() <= 1e-6 * max(eig.max(), 1e-12):
        radius = math.inf  # one circle, or claims all along one line: no single point
    else:
        # Two standard deviations along the worst axis, widened when the claims disagree.
        radius = 2 / math.sqrt(eig.min()) * max(1.0, rms)
    return Fit(pt[0], pt[1], max(radius, 1.0), rms)


@dataclass
class _Candidate:
    pid: str
    score: float
    fixed: set[str]  # counterparts whose claims the move improves
    claims: list[int]  # indices of its disagreeing claims
    fit: Fit | None
    n_claims: int
    support: int


def _counterpart(c: DistanceClaim, pid: str) -> str:
    return c.reference if c.place == pid else c.place


def _evaluate(pid, idx: list[int], claims, gaz) -> _Candidate:
    """What moving ``pid`` to its fitted point would fix and break."""
    mine = [claims[i] for i in idx]
    fit = fit_position(pid, mine, gaz)
    moved = replace(gaz[pid], lat=fit.lat, lon=fit.lon) if fit else gaz[pid]
    by_other: dict[str, list[tuple[int, float, float]]] = {}
    for i in idx:
        c = claims[i]
        other = gaz[_counterpart(c, pid)]
        after = judge(c, moved, other) if c.place == pid else judge(c, other, moved)
        by_other.setdefault(other.id, []).append(
            (i, BADNESS[c.verdict], BADNESS.get(after.verdict, BADNESS[c.verdict]))
        )
    gain, support, fixed, bad = 0.0, 0, set(), []
    for other, rows in by_other.items():
        share = 1.0 / len(rows)  # one counterpart weighs 1, however many claims it has
        delta = sum(b - a for _, b, a in rows) * share
        gain += delta
        if all(b == 0 for _, b, _ in rows):
            support += 1
        if delta > 0:
            fixed.add(other)
        bad += [i for i, b, _ in rows if b > 0]
    score = gain - SUPPORT_COST * support
    return _Candidate(pid, score, fixed, sorted(bad), fit, len(idx), support)


def _corroborated(qid: str, not_with: set[str], by_place, claims) -> bool:
    """Whether some third place has only consistent claims with ``qid``."""
    rows: dict[str, list[str]] = {}
    for i in by_place.get(qid, []):
        other = _counterpart(claims[i], qid)
        if other not in not_with:
            rows.setdefault(other, []).append(claims[i].verdict)
    return any(all(v == "consistent" for v in vs) for vs in rows.values())


def _reason(cand: _Candidate, claims, gaz: Gazetteer) -> str:
    names = sorted(gaz[o].name for o in cand.fixed)
    n_bad = len(cand.claims)
    text = (
        f"{n_bad} of its {cand.n_claims} checked distance claims disagree with its coordinates "
        f"(measured from or to {', '.join(names)})"
    )
    if cand.support:
        verb = "places agree" if cand.support > 1 else "place agrees"
        text += f"; {cand.support} other {verb} with it"
    if cand.fit and cand.fit.radius_km <= MAX_RADIUS_KM:
        away = distance_km(gaz[cand.pid].point, (cand.fit.lat, cand.fit.lon))
        text += f"; the claims put it {away:.0f} km away, within {cand.fit.radius_km:.0f} km"
    return text


def _qualifies(c: _Candidate, rivals, blamed: set[str], by_place, claims) -> bool:
    """Whether the evidence singles this candidate out (see the module docstring)."""
    if c.score <= MIN_GAIN or not c.fixed:
        return False
    if not any(claims[i].verdict == "inconsistent" for i in c.claims) and len(c.fixed) < 3:
        return False  # loose claims alone blame an entry only when several agree on it
    if len(c.fixed) >= 2:
        return True
    (q,) = c.fixed
    rival = rivals.get(q)
    # One counterpart: it must vouch for itself elsewhere, and moving it must explain the
    # claims less well than moving this entry does.
    return _corroborated(q, blamed | {c.pid}, by_place, claims) and (
        rival is None or rival.score < c.score
    )


def _claim_suspects(
    claims: Sequence[DistanceClaim], gaz: Gazetteer, geonames: bool = True
) -> list[Suspect]:
    checkable = [
        i
        for i, c in enumerate(claims)
        if c.verdict in BADNESS and c.place in gaz and c.reference in gaz and c.place != c.reference
    ]
    by_place: dict[str, list[int]] = {}
    for i in checkable:
        for pid in (claims[i].place, claims[i].reference):
            by_place.setdefault(pid, []).append(i)
    accepted: list[Suspect] = []
    blamed: set[str] = set()
    while True:
        live = {
            pid: [i for i in idx if _counterpart(claims[i], pid) not in blamed]
            for pid, idx in by_place.items()
            if pid not in blamed and _movable(gaz.get(pid))
        }
        rivals = {
            pid: _evaluate(pid, idx, claims, gaz)
            for pid, idx in live.items()
            if any(claims[i].verdict != "consistent" for i in idx)
        }

        cands = [c for c in rivals.values() if _qualifies(c, rivals, blamed, by_place, claims)]
        if not cands:
            return accepted
        best = max(cands, key=lambda c: (c.score, len(c.claims), c.pid))
        fit = best.fit if best.fit and best.fit.radius_km <= MAX_RADIUS_KM else None
        reason = _reason(best, claims, gaz)
        lat, lon, radius = (fit.lat, fit.lon, fit.radius_km) if fit else (None, None, None)
        town = None
        if fit and geonames:
            from .candidates import geonames_match

            # The claims give the neighbourhood; a GeoNames town of the same name in it
            # gives the point (compass words are only good to 22.5 degrees).
            town = geonames_match(gaz[best.pid], (fit.lat, fit.lon), max(2 * radius, SNAP_KM))
        if town is not None:
            off = distance_km((fit.lat, fit.lon), (town.lat, town.lon))
            geonames_id = town.source.split()[-1]
            reason += f"; GeoNames {town.name} ({geonames_id}) lies {off:.0f} km from that fit"
            lat, lon, radius = town.lat, town.lon, GEONAMES_RADIUS_KM
        accepted.append(
            Suspect(
                best.pid,
                reason,
                tuple(best.claims),
                round(best.score, 3),
                suggested_lat=None if lat is None else round(lat, 4),
                suggested_lon=None if lon is None else round(lon, 4),
                radius_km=None if radius is None else round(radius, 1),
                check="claims",
                line=gaz[best.pid].line,
            )
        )
        blamed.add(best.pid)


def _merge(lint: Suspect, found: Suspect) -> Suspect:
    """One suspect from a lint and a claim-based finding about the same entry."""
    has_point = lint.suggested_lat is not None
    return replace(
        lint,
        reason=f"{lint.reason}; {found.reason}",
        claims=found.claims,
        score=lint.score + found.score,
        suggested_lat=lint.suggested_lat if has_point else found.suggested_lat,
        suggested_lon=lint.suggested_lon if has_point else found.suggested_lon,
        radius_km=lint.radius_km if has_point else found.radius_km,
    )


def rank_suspects(
    claims: Sequence[DistanceClaim],
    gazetteer: Gazetteer,
    lints: Iterable[Suspect] = (),
    geonames: bool = True,
) -> list[Suspect]:
    """Entries the verified distance claims (and any lints) point at, most suspect first."""
    found = _claim_suspects(claims, gazetteer, geonames)
    by_place: dict[str, Suspect] = {s.place: s for s in found}
    extra: list[Suspect] = []
    for lint in lints:
        if lint.check in ("duplicate", "alias"):  # about one line of the file, not a point
            extra.append(lint)
            continue
        prev = by_place.get(lint.place)
        if prev is None:
            by_place[lint.place] = lint
        elif prev.check == "claims":
            by_place[lint.place] = _merge(lint, prev)
        else:  # two lints on one entry: keep the surer one, mention the other
            keep, other = (prev, lint) if prev.score >= lint.score else (lint, prev)
            by_place[lint.place] = replace(keep, reason=f"{keep.reason}; {other.reason}")
    ranked = [*by_place.values(), *extra]
    return sorted(ranked, key=lambda s: (-s.score, s.line or 0, s.place))
