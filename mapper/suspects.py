"""Rank gazetteer entries whose coordinates the evidence contradicts, and say where they belong.

How blame is assigned (also in README.md, "Fixing a location"):

- A claim's misfit is 0 while the measured distance is within its tolerance (see
  ``mapper.verify``) and the measured bearing within the stated compass point's sector (22.5
  degrees either side); beyond, it is the sum of the squared excesses, in tolerances for the
  distance and in ``max(tolerance, 13 degrees of arc)`` for the bearing, capped at 4 (two
  tolerances beyond: where the verdict turns inconsistent, and a broken claim says no more
  by being further off). It is continuous, so claims that stay "loose" still count.
- Every entry with a point that has a claim with a misfit or a non-consistent verdict is a
  candidate. Its position is refitted from all its verified claims (the other ends held
  fixed, see ``fit_position``). Its score is the drop in its claims' total misfit when it
  moves to the fitted point (a claim the move breaks counts against it), less 0.5 for every
  counterpart whose claims all fit the current point: an entry that independent claims
  agree with is less likely the culprit.
- The best candidate scoring ``MIN_SCORE`` (2: say two claims each two tolerances off) or
  more becomes a suspect if the move fixes claims with two or
  more counterparts, or with one counterpart that other places corroborate (a consistent
  claim with a third place) and whose own move would score no higher. One claim alone must be
  inconsistent: a lone claim a little off is as likely the reporter's error. A lone claim
  between two otherwise unchecked places blames neither (``mapper check`` lists it for
  review). Where the suspect's claims have one counterpart and moving that counterpart
  instead scores at least 0.8 of the suspect's score, the counterpart is listed right after
  it ("either it or ... is misplaced"). The suspect's claims are then taken as explained and
  the rest are ranked again, until no candidate qualifies.
- The threshold is calibrated with ``benchmarks/corruption_sweep.py``: on the uncorrupted
  gazetteer no entry scores 2 (the best, 1.5, is a lone claim 39 degrees off its compass
  word; the best with several claims 1.3), while the points moved 50 km that it finds
  score 2.76 or more.
- The suggested position is the fit, with two standard deviations of the fit as its
  radius; when a GeoNames town bearing one of the entry's names lies within twice that
  radius (at least 30 km) of the fit, its point is suggested instead (radius 5 km).
- Lints (``mapper.lint``: outside its countries, swapped, sign, province) join the ranking
  with their own scores; an entry found by both gets the sum and both reasons, and the
  lint's point unless the claims' suggestion lies farther from it than twice its radius (at
  least 30 km): a point moved elsewhere may by chance lie inside the country once swapped.
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
from .verify import LOOSE_FACTOR, ROAD_SLACK, claim_range_km, tolerance_km

__all__ = ["Fit", "candidate_scores", "fit_position", "misfit", "rank_suspects", "MIN_SCORE"]

CHECKED = ("consistent", "loose", "inconsistent")  # the verdicts of measurable claims
SUPPORT_COST = 0.5  # per counterpart whose claims all fit the current point
# The score a move must earn to make a suspect: say two claims each two tolerances off
# (1 + 1). Calibrated on the corruption sweep: the uncorrupted gazetteer's best scores 1.5
# (a lone claim 39 degrees off its compass word), its best with two or more claims 1.3; the
# entries moved 50 km that it finds score 2.76 and up.
MIN_SCORE = 2.0
ALT_SHARE = 0.8  # an alternative suspect scores at least this share of the suspect's score
# A claim with a smaller misfit is not counted as missing, a counterpart whose claims' misfit
# the move lowers by less is not counted as fixed.
FIXED_MIN = 0.1
MISFIT_CAP = (LOOSE_FACTOR - 1) ** 2  # reached where the verdict turns inconsistent
SECTOR_DEG = 22.5  # half a compass point each side: the sector an 8-point word names
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


def _terms(pid: str, x: tuple[float, float], c: DistanceClaim, gaz: Gazetteer):
    """(normalised residual, free band) of each term of claim ``c`` with ``pid`` at ``x``.

    The distance term is the excess over the claim's range in tolerances (shortfalls in
    tolerances widened by ROAD_SLACK); its free band is 1, the tolerance. The bearing term is
    the chord to the stated direction at the stated distance over ``max(tol, 13 degrees)``;
    its free band is the chord of half a compass point, the sector the word itself covers.
    """
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
        out = [((km - low) / (tol * ROAD_SLACK), 1.0)]
    elif km > high:
        out = [((km - high) / tol, 1.0)]
    else:
        out = [(0.0, 1.0)]
    if c.bearing and bearing is not None and not math.isinf(target):
        # The chord to the stated direction, in km at the stated distance: grows with the
        # angle all the way to the opposite side (sin would fall again past 90 degrees).
        d = angle_diff_deg(bearing, bearing_deg(c.bearing))
        sign = 1.0 if ((bearing - bearing_deg(c.bearing)) % 360) < 180 else -1.0
        chord = 2 * target * math.sin(math.radians(d) / 2)
        sigma = max(tol, target * math.radians(BEARING_SIGMA_DEG))
        free = 2 * target * math.sin(math.radians(SECTOR_DEG) / 2) / sigma
        out.append((sign * chord / sigma, free))
    return out


def _residuals(pid: str, x: tuple[float, float], claims, gaz: Gazetteer) -> list[float]:
    """Normalised residuals of the claims with entry ``pid`` at point ``x``."""
    return [r for c in claims for r, _ in _terms(pid, x, c, gaz)]


def misfit(pid: str, x: tuple[float, float], c: DistanceClaim, gaz: Gazetteer) -> float:
    """How far claim ``c`` misses with entry ``pid`` at ``x``: 0 within its tolerance and
    compass sector, else the sum of the squared residuals beyond their free bands, at most
    MISFIT_CAP: a claim off by more is broken, and says no more by being further off."""
    excess = sum(max(0.0, abs(r) - free) ** 2 for r, free in _terms(pid, x, c, gaz))
    return min(excess, MISFIT_CAP)


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
    # The same figure repeated by syndicated copies is one piece of evidence, not many (and
    # counting it once keeps the fit's cost flat as the article count grows).
    usable = list({_signature(c): c for c in usable}.values())
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


def _signature(c: DistanceClaim) -> tuple:
    """What makes two distance claims the same claim, whoever repeats it."""
    return (c.place, c.reference, c.value, c.value_max, c.unit, c.bearing, c.bound, c.approximate)


def _counterpart(c: DistanceClaim, pid: str) -> str:
    return c.reference if c.place == pid else c.place


def _evaluate(pid, idx: list[int], claims, gaz) -> _Candidate:
    """What moving ``pid`` to its fitted point would fix and break."""
    mine = [claims[i] for i in idx]
    fit = fit_position(pid, mine, gaz)
    here = gaz[pid].point
    there = (fit.lat, fit.lon) if fit else here
    by_other: dict[str, list[tuple[int, float, float]]] = {}
    copies: dict[tuple, list[int]] = {}
    for i in idx:
        copies.setdefault(_signature(claims[i]), []).append(i)
    for group in copies.values():
        c = claims[group[0]]
        by_other.setdefault(_counterpart(c, pid), []).append(
            (group[0], misfit(pid, here, c, gaz), misfit(pid, there, c, gaz))
        )
    gain, support, fixed, bad = 0.0, 0, set(), []
    for other, rows in by_other.items():
        delta = sum(b - a for _, b, a in rows)
        gain += delta
        if all(b == 0 for _, b, _ in rows):
            support += 1
        if delta > FIXED_MIN:
            fixed.add(other)
        bad += [
            j
            for i, b, _ in rows
            if b > FIXED_MIN or claims[i].verdict != "consistent"
            for j in copies[_signature(claims[i])]
        ]
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
        f"{n_bad} of its {cand.n_claims} checked distance claims miss its coordinates "
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
    if c.score < MIN_SCORE or not c.fixed:
        return False
    if len(c.claims) == 1 and claims[c.claims[0]].verdict != "inconsistent":
        return False  # one claim a little off is as likely wrong itself
    if len(c.fixed) >= 2:
        return True
    (q,) = c.fixed
    rival = rivals.get(q)
    # One counterpart: it must vouch for itself elsewhere, and moving it must explain the
    # claims no better (by FIXED_MIN) than moving this entry does; on a tie it is listed as
    # the alternative.
    return _corroborated(q, blamed | {c.pid}, by_place, claims) and (
        rival is None or rival.score <= c.score + FIXED_MIN
    )


def _checkable(claims: Sequence[DistanceClaim], gaz: Gazetteer) -> dict[str, list[int]]:
    """The measurable claims of each entry (their indices)."""
    by_place: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        if (
            c.verdict in CHECKED
            and c.place in gaz
            and c.reference in gaz
            and c.place != c.reference
        ):
            for pid in (c.place, c.reference):
                by_place.setdefault(pid, []).append(i)
    return by_place


def candidate_scores(claims: Sequence[DistanceClaim], gazetteer: Gazetteer) -> dict[str, float]:
    """Every movable entry's score before any is blamed (for calibrating MIN_SCORE)."""
    return {
        pid: _evaluate(pid, idx, claims, gazetteer).score
        for pid, idx in _checkable(claims, gazetteer).items()
        if _movable(gazetteer.get(pid))
    }


def _claim_suspects(
    claims: Sequence[DistanceClaim], gaz: Gazetteer, geonames: bool = True
) -> list[Suspect]:
    by_place = _checkable(claims, gaz)
    accepted: list[Suspect] = []
    blamed: set[str] = set()  # suspects: their claims count as explained
    listed: set[str] = set()  # suspects and the alternatives listed with them
    while True:
        live = {
            pid: [i for i in idx if _counterpart(claims[i], pid) not in blamed]
            for pid, idx in by_place.items()
            if pid not in blamed and _movable(gaz.get(pid))
        }
        rivals = {
            pid: _evaluate(pid, idx, claims, gaz)
            for pid, idx in live.items()
            if any(
                claims[i].verdict != "consistent" or misfit(pid, gaz[pid].point, claims[i], gaz) > 0
                for i in idx
            )
        }

        cands = [
            c
            for c in rivals.values()
            if c.pid not in listed and _qualifies(c, rivals, blamed, by_place, claims)
        ]
        if not cands:
            return accepted
        best = max(cands, key=lambda c: (c.score, len(c.claims), c.pid))
        accepted.append(_suspect(best, claims, gaz, geonames))
        blamed.add(best.pid)
        listed.add(best.pid)
        if len(best.fixed) == 1:
            # One counterpart: the claims between the two cannot say which end is wrong, the
            # other places' claims only make this one likelier. The other end is listed too
            # when moving it instead would explain nearly as much.
            (q,) = best.fixed
            alt = rivals.get(q)
            if (
                alt is not None
                and q not in listed
                and best.pid in alt.fixed
                and alt.score >= ALT_SHARE * best.score
            ):
                prefix = f"either it or {gaz[best.pid].name} is misplaced (their claims fit "
                prefix += "moving either); "
                accepted.append(_suspect(alt, claims, gaz, geonames, prefix))
                listed.add(q)


def _suspect(cand: _Candidate, claims, gaz: Gazetteer, geonames: bool, prefix: str = "") -> Suspect:
    """The suspect for a candidate: its reason and suggested point (fit or GeoNames town)."""
    fit = cand.fit if cand.fit and cand.fit.radius_km <= MAX_RADIUS_KM else None
    reason = prefix + _reason(cand, claims, gaz)
    lat, lon, radius = (fit.lat, fit.lon, fit.radius_km) if fit else (None, None, None)
    town = None
    if fit and geonames:
        from .candidates import geonames_match

        # The claims give the neighbourhood; a GeoNames town of the same name in it
        # gives the point (compass words are only good to 22.5 degrees).
        town = geonames_match(gaz[cand.pid], (fit.lat, fit.lon), max(2 * radius, SNAP_KM))
    if town is not None:
        off = distance_km((fit.lat, fit.lon), (town.lat, town.lon))
        geonames_id = town.source.split()[-1]
        reason += f"; GeoNames {town.name} ({geonames_id}) lies {off:.0f} km from that fit"
        lat, lon, radius = town.lat, town.lon, GEONAMES_RADIUS_KM
    return Suspect(
        cand.pid,
        reason,
        tuple(cand.claims),
        round(cand.score, 3),
        suggested_lat=None if lat is None else round(lat, 4),
        suggested_lon=None if lon is None else round(lon, 4),
        radius_km=None if radius is None else round(radius, 1),
        check="claims",
        line=gaz[cand.pid].line,
    )


def _merge(lint: Suspect, found: Suspect) -> Suspect:
    """One suspect from a lint and a claim-based finding about the same entry."""
    use_lint = lint.suggested_lat is not None
    if use_lint and found.suggested_lat is not None:
        # A typing slip undone (swapped, sign) is exact, but only if the claims agree: a
        # point moved elsewhere may by chance lie inside the country once swapped.
        gap = distance_km(
            (lint.suggested_lat, lint.suggested_lon), (found.suggested_lat, found.suggested_lon)
        )
        use_lint = gap <= max(2 * (found.radius_km or 0.0), SNAP_KM)
    return replace(
        lint,
        reason=f"{lint.reason}; {found.reason}",
        claims=found.claims,
        score=lint.score + found.score,
        suggested_lat=lint.suggested_lat if use_lint else found.suggested_lat,
        suggested_lon=lint.suggested_lon if use_lint else found.suggested_lon,
        radius_km=lint.radius_km if use_lint else found.radius_km,
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
