"""Aggregate control claims into one situation per place.

The rule (also in README.md, "How the situation is decided"):

1. Only claims that are neither negated nor hypothetical count as facts; with ``as_of``,
   only those dated on or before that day. A claim's date is the one its sentence gives
   ("on Monday", "June 10"), else its article's publication date; undated claims count
   as the oldest.
2. Control-deciding facts are ``captured`` and ``holds`` (the actor controls the place) and
   ``lost`` (the actor no longer does). The latest date among them decides: facts within
   one day of it form the current picture, older ones are history.
3. If two sources (documents or attributions) in the current picture name holders that do
   not overlap at all, the place is ``disputed`` (no controller; the contenders are listed).
   Otherwise its controller is the side most sources name (sides named together, such as
   "troops and Shiite volunteers", hold it jointly and the others are listed with it),
   status ``captured`` if the latest fact is a capture, else ``held``. A place only
   ``lost`` by a side, with nobody named as holding it, has no controller and status
   ``contested``.
4. ``besieged``, ``contested`` and ``threatened`` facts dated after the deciding date (or
   any, where no fact decides control) overlay the status in that order of precedence;
   the controller is kept.
5. A place mentioned but with no fact is ``unknown``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .model import ControlClaim, PlaceSituation

__all__ = ["aggregate", "claim_date"]

_CONTROL = ("captured", "holds", "lost")
_OVERLAY = ("besieged", "contested", "threatened")  # precedence order
_WINDOW = timedelta(days=1)


def claim_date(claim: ControlClaim, published: dict[str, str | None]) -> str | None:
    """The claim's own date, else its document's publication date."""
    return claim.date or published.get(claim.doc)


def _d(s: str | None) -> date:
    return date.fromisoformat(s) if s else date.min


def aggregate(
    place_ids: Sequence[str],
    claims: Sequence[ControlClaim],
    published: dict[str, str | None],
    as_of: str | None = None,
    since: str | None = None,
) -> list[PlaceSituation]:
    """One PlaceSituation per place id (in the given order) from the claims (by index)."""
    by_place: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_place.setdefault(c.place, []).append(i)
    out = []
    for pid in place_ids:
        idx = by_place.get(pid, [])
        now = _decide(pid, idx, claims, published, as_of)
        if since is not None:
            then = _decide(pid, idx, claims, published, since)
            changed = (then.status, then.controller, then.disputed) != (
                now.status,
                now.controller,
                now.disputed,
            )
            if changed:
                now = PlaceSituation(**{**now.__dict__, "changed_since": True})
        out.append(now)
    return out


def _decide(pid, idx, claims, published, as_of) -> PlaceSituation:
    cutoff = _d(as_of) if as_of else date.max
    dated = [(i, _d(claim_date(claims[i], published))) for i in idx]
    facts = [
        (i, d)
        for i, d in dated
        if not claims[i].negated and not claims[i].hypothetical and d <= cutoff
    ]
    ordered = tuple(i for i, _ in sorted(dated, key=lambda x: (x[1], x[0]), reverse=True))
    if not facts:
        return PlaceSituation(pid, "unknown", None, False, ordered, None, (), False, "no claims")
    control = [(i, d) for i, d in facts if claims[i].kind in _CONTROL]
    status, controller, disputed, contenders = "unknown", None, False, ()
    decided = date.min
    reason = ""
    if control:
        decided = max(d for _, d in control)
        current = [i for i, d in control if decided - d <= _WINDOW]
        holders: dict[str, set] = {}
        losers: set[str] = set()
        latest_kind = None
        for i in sorted(current, key=lambda i: (_d(claim_date(claims[i], published)), i)):
            c = claims[i]
            if c.actor is None:
                continue
            source = (c.doc, c.attributed_to)
            if c.kind in ("captured", "holds"):
                holders.setdefault(c.actor, set()).add(source)
                latest_kind = c.kind
            else:
                losers.add(c.actor)
        # A side said to have lost a place is not its holder in the same picture.
        still = {a: s for a, s in holders.items() if a not in losers or len(holders) == 1}
        named_by: dict[tuple, set[str]] = {}
        for actor, srcs in still.items():
            for src in srcs:
                named_by.setdefault(src, set()).add(actor)
        # Sources disagree when one names holders another does not name at all; one source
        # naming two sides ("troops and Shiite volunteers hold Baquba") is joint control.
        picks = list(named_by.values())
        clash = any(not (a & b) for k, a in enumerate(picks) for b in picks[k + 1 :])
        if clash:
            disputed, contenders = True, tuple(sorted(still))
            status = "disputed"
            reason = "sources disagree on who controls it: " + ", ".join(contenders)
        elif still:
            # Joint control: the side most sources name leads; the others are listed with it.
            ranked = sorted(still, key=lambda a: (-len(still[a]), a))
            controller = ranked[0]
            contenders = tuple(ranked[1:])
            status = "captured" if latest_kind == "captured" else "held"
            when = decided.isoformat() if decided > date.min else "undated"
            reason = f"latest control claim dated {when}"
            if contenders:
                reason += "; held together with " + ", ".join(contenders)
        elif losers:
            status = "contested"
            reason = "lost by " + ", ".join(sorted(losers)) + "; no source names who holds it"
    if not disputed:
        for kind in _OVERLAY:
            # The same day's fighting is how a capture happened; only later facts overlay it.
            if any(claims[i].kind == kind and (not control or d > decided) for i, d in facts):
                status = kind
                reason = (reason + "; " if reason else "") + f"{kind} after the deciding claim"
                break
    as_of_date = max((d for _, d in facts), default=date.min)
    return PlaceSituation(
        pid,
        status,
        controller,
        disputed,
        ordered,
        as_of_date.isoformat() if as_of_date > date.min else None,
        contenders,
        False,
        reason,
    )
