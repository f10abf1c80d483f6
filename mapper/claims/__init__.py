"""Extract control claims and distance claims from an article's sentences.

Each claim keeps the sentence it comes from (``quote``, ``start``, ``end`` with
``text[start:end] == quote``). The extractor is a set of patterns over trigger words,
each with a *frame* that says where the place and the actor stand relative to it:

- ``active``   ACTOR seized PLACE, PLACE2 and PLACE3       (voice decided per match)
- ``fell``     PLACE fell (to ACTOR)                        (intransitive; place on the left)
- ``nominal``  the capture of PLACE (by ACTOR)              (place on the right)
- ``state``    PLACE ... under ACTOR control / in the hands of ACTOR
- ``adjective`` ACTOR-held PLACE
- ``contest``  fighting near PLACE                          (actor always null)

Negation, hypotheticals, attribution and dates are read from the same sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..actors import Actors
from ..gazetteer import Gazetteer
from ..model import Article, ControlClaim, DistanceClaim, Mention
from ..text import Token
from .control import extract_control_claims
from .distance import extract_distance_claims
from .patterns import to_km
from .sentences import _sentences

__all__ = ["extract_claims", "extract_control_claims", "extract_distance_claims", "to_km"]


def extract_claims(
    article: Article,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    actors: Actors,
    tokens: list[Token] | None = None,
) -> tuple[list[ControlClaim], list[DistanceClaim]]:
    """All control and distance claims in an article, from its place mentions."""
    sentences = _sentences(article, mentions, actors, gazetteer, tokens)
    spans: list[tuple[int, int]] = []
    distance = extract_distance_claims(article, sentences, gazetteer, spans)
    # Places inside a distance phrase ("18 miles from Diyala's capital, Baquba") are landmarks.
    spans.sort()
    starts = [a for a, _ in spans]

    def in_span(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k][1]

    masked = {(m.start, m.end) for m in mentions if in_span(m.start)}
    # "... from Diyala's capital, Baquba": the name set beside a masked description too.
    ends = {(m.end, m.place) for m in mentions if (m.start, m.end) in masked}
    for m in mentions:
        # (never across a full stop: "... south-west of Jalawla. Jalawla was seized")
        if any(
            (m.start - k, m.place) in ends
            and re.fullmatch(r",?\s*", article.text[m.start - k : m.start])
            for k in range(4)
        ):
            masked.add((m.start, m.end))
    control = extract_control_claims(article, sentences, gazetteer, masked)
    if "syrian-government" in actors.actors:
        control = [_state_of_place(c, gazetteer) for c in control]
    return control, distance


def _state_of_place(claim: ControlClaim, gaz: Gazetteer) -> ControlClaim:
    """ "government troops recaptured Palmyra": in Syria the generic government is Syria's."""
    # "troops had liberated the town, which lies close to the Iraqi border": only a word for
    # Iraq before the trigger can make the troops Iraq's.
    at = claim.quote.find(claim.trigger) if claim.trigger else -1
    lead = claim.quote[:at] if at >= 0 else claim.quote
    if (
        claim.actor == "iraqi-government"
        and gaz[claim.place].countries[:1] == ("SY",)
        and not re.search(r"\b(?:Iraq|Iraqi|Iraqis|Baghdad)\b", lead)
    ):
        return replace(claim, actor="syrian-government")
    return claim
