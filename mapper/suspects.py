"""Rank gazetteer entries whose coordinates the evidence contradicts."""

from __future__ import annotations

from collections.abc import Sequence

from .gazetteer import Gazetteer
from .model import DistanceClaim, Suspect

__all__ = ["rank_suspects"]


def rank_suspects(claims: Sequence[DistanceClaim], gazetteer: Gazetteer) -> list[Suspect]:
    """Entries the verified distance claims point at, most suspect first."""
    blame: dict[str, list[int]] = {}
    support: dict[str, int] = {}
    for i, c in enumerate(claims):
        for pid in (c.place, c.reference):
            if pid is None:
                continue
            if c.verdict == "inconsistent":
                blame.setdefault(pid, []).append(i)
            elif c.verdict == "consistent":
                support[pid] = support.get(pid, 0) + 1
    out = []
    for pid, idx in blame.items():
        if support.get(pid, 0) >= len(idx):
            continue
        n = len(idx) + support.get(pid, 0)
        out.append(
            Suspect(
                pid,
                f"{len(idx)} of its {n} checked distance claims disagree with its coordinates",
                tuple(idx),
                float(len(idx) - support.get(pid, 0)),
                line=gazetteer[pid].line if pid in gazetteer else None,
            )
        )
    out.sort(key=lambda s: (-s.score, s.place))
    return out
