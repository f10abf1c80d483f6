"""Distance claims: a figure and unit, a bearing, the place located and the reference."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..gazetteer import Gazetteer
from ..model import AREA_KINDS, Article, DistanceClaim, Mention
from ..text import norm_tokens
from .patterns import (
    _APPOSITIVE,
    _BEARING,
    _BEARING_8,
    _DIST_RE,
    _LINK_RE,
    _LOOKBACK,
    _NUMBER_WORDS,
    _POINT_KINDS,
    KM_PER_UNIT,
    _gap,
    _lead,
    _Sentence,
    to_km,
)
from .places import (
    _apposition_head,
    _dedupe,
    _left_places,
)


def _number(s: str) -> float | None:
    s = " ".join(s.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+\s+1/2", s):
        return float(s.split()[0]) + 0.5
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if s in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[s])
    parts = [w for w in s.split() if w != "and"]
    if "hundred" in parts:
        # "a hundred and seventy", "two hundred fifty"
        k = parts.index("hundred")
        head = parts[:k]
        times = _NUMBER_WORDS.get(" ".join(head), 1) if head else 1
        rest = _number(" ".join(parts[k + 1 :])) if parts[k + 1 :] else 0.0
        return None if rest is None else float(times * 100 + rest)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]])
    return None


def _unit(s: str) -> str:
    s = s.lower()
    if s.startswith("mi"):
        return "mi"
    if s.startswith("k"):
        return "km"
    return "m"


def _bearing(s: str | None) -> str | None:
    if not s:
        return None
    key = re.sub(r"[\s-]", "", s.lower())
    key = re.sub(r"wards?$", "ward", key)
    return _BEARING_8.get(key) or _BEARING_8.get(key.removesuffix("ward"))


def extract_distance_claims(
    article: Article,
    sentences: list[_Sentence],
    gazetteer: Gazetteer,
    spans: list[tuple[int, int]] | None = None,
) -> list[DistanceClaim]:
    """Distance claims of every sentence: value, unit, bearing, located place and reference.

    ``spans`` (if given) receives each claim's phrase, from the figure to the reference.
    """
    out: list[DistanceClaim] = []
    for idx, sent in enumerate(sentences):
        prev = None
        if not _UNIT_HINT_RE.search(sent.text):
            continue  # the full pattern is costly; most sentences give no distance
        for m in _DIST_RE.finditer(sent.text):
            found = _distance(article, sent, idx, sentences, m, gazetteer, prev)
            if found is not None:
                out.append(found[0])
                out += _shared_distance(sent, found[0], m.start() + sent.start, gazetteer)
                prev = found
                if spans is not None:
                    spans.append(found[1])
    return out


# "Khalidiya and Habbaniyah, which lie 25 km east of Ramadi": a plural verb (or "both",
# "all") between the coordinated places and the figure puts every one of them there.
_SHARED_RE = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+)?(?:both\s+|all\s+)?(?:(?:both|all)\s*,?\s*$|"
    r"(?:lie|are|sit|stand|were)\s+(?:both\s+|all\s+)?(?:located\s+|situated\s+)?"
    r"(?:(?:just|only|about|some|roughly|around|nearly|approximately)\s+)?$)",
    re.I,
)


def _shared_distance(
    sent: _Sentence, claim: DistanceClaim, dist_start: int, gaz: Gazetteer
) -> list[DistanceClaim]:
    """Copies of a distance for the places coordinated with the one it locates."""
    if claim.place is None:
        return []
    located = [t for t in sent.mentions if t.place == claim.place and t.end <= dist_start]
    if not located or not _SHARED_RE.fullmatch(
        sent.text, located[-1].end - sent.start, dist_start - sent.start
    ):
        return []
    chain = _left_places(
        sent, located[-1].end, [t for t in sent.mentions if t.via != "anaphora"], gaz
    )
    others = _dedupe([t for t in chain if t.place not in (claim.place, claim.reference)])
    return [replace(claim, place=t.place) for t in others]


def _distance(article, sent, idx, sentences, m, gaz, prev=None) -> DistanceClaim | None:
    num_text = m.group("num")
    value = _number(num_text)
    # A figure beyond the theatre (or beyond a float) is no distance between two places.
    if (
        value is None
        or not math.isfinite(value)
        or value * KM_PER_UNIT[_unit(m.group("unit"))] > 5000
    ):
        return None
    unit = _unit(m.group("unit"))
    unit_text = m.group("unit").lower()
    # "a" and "an" only count as one in "a mile"; bare "m" needs digits ("5 m", not "a m").
    if num_text.lower() in ("a", "an") and not unit_text.startswith(("mile", "kilo")):
        return None
    if unit_text == "m" and not re.match(r"\d", num_text):
        return None
    # "a few hundred metres", "several miles": too vague to check.
    if re.search(
        r"\b(?:few|several|many|dozens\s+of|hundreds\s+of|tens\s+of)\s*$",
        sent.text[: m.start()],
        re.I,
    ):
        return None
    bearing = _bearing(m.group("bearing"))
    prep = (m.group("prep") or "").lower()
    s0 = sent.start
    dist_start, dist_end = m.start() + s0, m.end() + s0
    qual = " ".join((m.group("qual") or "").lower().split())
    tail = (m.group("tail") or "").lower()
    away = not prep and not bearing and "away" in tail
    if (
        not prep
        and not bearing
        and re.search(r"further|farther|up\s*(?:the\s+)?river|downriver|upstream|downstream", tail)
    ):
        # "Haditha, 43 miles further up the river": from the place the text is about.
        located = _located_place(sent, dist_start, gaz)
        ref = _context_place(sent, idx, sentences, dist_start, located, gaz)
        if located is not None and ref is not None and ref.place != located.place:
            return _make_distance(article, sent, m, located, ref, value, unit, None, qual)
    # "The drive from Baghdad to Samarra is 125 km": the destination from the origin.
    route = re.search(
        r"\bfrom\s+(?P<a>[^,;.]{2,40}?)\s+to\s+(?P<b>[^,;.]{2,40}?)\s+(?:is|was|takes|took|of)\s+"
        r"(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|just\s+)?$",
        sent.text[: m.start()],
        re.I,
    )
    if route and not prep and not bearing:
        a0, b0 = route.start("a") + sent.start, route.start("b") + sent.start
        origin = next(
            (t for t in sent.mentions if a0 <= t.start < route.end("a") + sent.start), None
        )
        dest = next((t for t in sent.mentions if b0 <= t.start < route.end("b") + sent.start), None)
        if origin is not None and dest is not None and origin.place != dest.place:
            return _make_distance(article, sent, m, dest, origin, value, unit, None, qual)
    if away:
        # "the Syrian border, roughly 35 miles away": the border is the reference and the
        # place the text is about lies that far from it; "Tuz Khurmatu, some 20 km away":
        # the town named lies that far from the place the text is about.
        ref = _located_place(sent, dist_start, gaz, borders=True)
        if ref is None:
            return None
        here = _context_place(sent, idx, sentences, ref.start, ref, gaz)
        if here is None or gaz[here.place].kind in ("border",) + tuple(_NOT_REFERENCES):
            return None
        if gaz[ref.place].kind != "border":
            return _make_distance(article, sent, m, ref, here, value, unit, None, qual)
        return _make_distance(article, sent, m, here, ref, value, unit, None, qual)
    if not prep and not bearing:
        return None
    if prep == "in" and not bearing:
        return None
    # The reference: the place after "of/from", or (for "50 miles to the southwest") the
    # place the sentence or the one before it is about.
    reference: Mention | None = None
    if prep == "in" and m.group("to_the"):
        # "Suruc, about 10 km to the north-east in Turkey": the country says where; the figure
        # is from the place the text is about.
        nxt = next((t for t in sent.mentions if t.start >= dist_end), None)
        if nxt is not None and gaz[nxt.place].kind in ("country", "province", "region"):
            prep = ""
    if prep:
        after = [t for t in sent.mentions if t.start >= dist_end]
        if after and len(_gap(sent, dist_end, after[0].start)) <= 45:
            gap = _gap(sent, dist_end, after[0].start)
            if not re.search(r"[;:]|\b(?:and|but|which|where)\b", gap):
                reference = after[0]
                # "Diyala's capital, Baquba": the capital, not the province.
                if gaz[reference.place].kind in AREA_KINDS and len(after) > 1:
                    nxt = after[1]
                    between = _gap(sent, reference.end, nxt.start)
                    if re.match(
                        r"^(?:['’]s)?\s*(?:provincial\s+)?capital\s*,?\s*(?:the\s+city\s+of\s+)?$",
                        between,
                        re.I,
                    ):
                        reference = nxt
        if reference is None and re.match(r"\s*(?:it|the\s+latter)\b", sent.text[m.end() :], re.I):
            # "Saadiya lies 10 km to the south of it": the place the sentence is about.
            here = _located_place(sent, dist_start, gaz)
            reference = next(
                (
                    t
                    for t in sent.mentions
                    if t.start < dist_start
                    and gaz[t.place].kind in _POINT_KINDS
                    and (here is None or t.place != here.place)
                ),
                None,
            )
        if reference is None:
            return None
        if bearing is None:
            # "roughly 60 kilometres from Mosul to the northwest"
            late = re.match(
                rf"\s*,?\s*(?:to|in)\s+the\s+(?P<b>{_BEARING})\b",
                sent.text[reference.end - s0 :],
                re.I,
            )
            if late:
                bearing = _bearing(late.group("b"))
        if gaz[reference.place].kind == "water":
            return None  # a river is a line with no single point to measure from
    located = _located_place(sent, dist_start, gaz)
    if (
        located is None
        and (
            re.match(
                r"\s*(?:and\s+|but\s+)?it\s+(?:also\s+)?(?:lies|sits|is|stands|was)\s+"
                r"(?:located\s+|situated\s+)?(?:just\s+|only\s+)?$",
                sent.text[: m.start()],
                re.I,
            )
            # "Until August, it was the largest Christian town in Iraq, ..., about 30 km southeast
            # of Mosul"; "Its center is barely half a mile from the Turkish border"
            or (
                not [
                    t
                    for t in sent.mentions
                    if t.end <= dist_start and gaz[t.place].kind not in _NOT_REFERENCES
                ]
                and re.match(
                    r"\s*(?:[^,;:]{0,40},\s*)?(?:it\s+(?:is|was|lies|sits|stands|remains)\b|"
                    r"its\s+(?:\w+\s+)?(?:centre|center|edge|outskirts|heart|downtown|old\s+city)\s+"
                    r"(?:is|was|lies|sits|stands)\b)",
                    sent.text[: m.start()],
                    re.I,
                )
            )
        )
    ):
        # "It lies fifteen miles south-east of Mosul": the place the last sentence was about.
        located = next(
            (
                t
                for t in (sentences[idx - 1].mentions if idx > 0 else ())
                if gaz[t.place].kind in _POINT_KINDS
            ),
            None,
        )
    if (
        located is None
        and sent.topic is not None
        and re.fullmatch(
            r"\s*(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:town|city|village|junction|crossroads|"
            r"hub|base|district|area|dam|outpost|camp)\s*,?\s*)?"
            r"(?:(?:it\s+)?(?:lies|sits|is|stands|located|situated)\s+)?",
            re.split(r"[.;:—–]", sent.text[: m.start()])[-1],
            re.I,
        )
    ):
        located = sent.topic  # "Kubaisa — ISF-held. Retaken 4 Mar; lies some 20 km west of Hit."
    if located is None and prev is not None and prev[0].place is not None:
        # "lies 30 miles from the border and some 70 miles west of Mosul": the same place.
        if re.fullmatch(
            r"\s*,?\s*(?:and|but|or)?\s*",
            re.sub(_APPOSITIVE, ",", sent.text[prev[1][1] - sent.start : m.start()]),
        ):
            located = next((t for t in sent.mentions if t.place == prev[0].place), None)
    if located is None and reference is not None and gaz[reference.place].kind != "border":
        # "Some 200 kilometres north of Baghdad, the siege of the Baiji refinery is ...": a
        # fronted figure places what the sentence goes on to talk about.
        lead_ok = re.fullmatch(
            r"\s*(?:[\"“]\s*)?(?:(?:Located|Situated|Lying|Sitting|Nestled|Perched)\s+)?",
            sent.text[: m.start()],
        )
        link = re.match(
            r"\s*,\s*|\s*,?\s*(?:lies|lay|sits|sat|stands|stood|is|was)\s+(?:the\s+(?:town|city|village)\s+of\s+)?",
            sent.text[reference.end - s0 :],
        )
        if lead_ok and link:
            cut = reference.end + link.end()
            located = next(
                (
                    t
                    for t in sent.mentions
                    if t.start >= cut
                    and len(_gap(sent, cut, t.start)) <= 40
                    and gaz[t.place].kind in _POINT_KINDS
                ),
                None,
            )
    if reference is not None and located is not None:
        reference = _border_for(reference, located, gaz)
    elif reference is not None and gaz[reference.place].kind == "border":
        # "within 50 miles of the Turkish border", no place named: the side of the border the
        # article is about.
        about = _context_place(sent, idx, sentences, dist_start, None, gaz)
        if about is not None:
            reference = _border_for(reference, about, gaz)
    if reference is None:
        if not m.group("to_the") and not bearing:
            return None
        reference = _context_place(sent, idx, sentences, dist_start, located, gaz)
        if reference is None:
            return None
    if located is not None and located.place == reference.place and reference.via == "anaphora":
        # "Khalidiya and Habbaniyah, which lie 25 km east of the city": the city is another
        # place than the ones located, named before them.
        chain = _left_places(
            sent, located.end, [t for t in sent.mentions if t.via != "anaphora"], gaz
        )
        first_start = min([t.start for t in chain] + [located.start])
        pool = [t for t in reversed(sent.mentions) if t.end <= first_start]
        for prev in reversed(sentences[max(0, idx - 2) : idx]):
            pool += list(reversed(prev.mentions))
        reference = next(
            (
                t
                for t in pool
                if t.via != "anaphora"
                and gaz[t.place].kind in ("city", "town")
                and t.place not in {c.place for c in chain}
            ),
            reference,
        )
    if located is not None and located.place == reference.place:
        return None
    return _make_distance(article, sent, m, located, reference, value, unit, bearing, qual)


def _make_distance(article, sent, m, located, reference, value, unit, bearing, qual):
    """The claim, and the span from the figure to the reference (landmarks for control)."""
    dist_start, dist_end = m.start() + sent.start, m.end() + sent.start
    num2 = _number(m.group("num2")) if m.group("num2") else None
    bound = None
    if qual.startswith(
        (
            "within",
            "less than",
            "up to",
            "under",
            "at most",
            "fewer than",
            "no more than",
            "just under",
        )
    ):
        bound = "upper"
    elif qual.startswith(("more than", "over", "at least", "just over")):
        bound = "lower"
    approximate = bool(qual) and qual not in ("just", "only", "within", "up to", "at most")
    phrase = (dist_start, max(dist_end, reference.end if reference.start >= dist_start else 0))
    return DistanceClaim(
        doc=article.id,
        place=located.place if located else None,
        reference=reference.place,
        value=value,
        unit=unit,
        reported_km=round(to_km(value, unit), 3),
        bearing=bearing,
        quote=sent.text,
        start=sent.start,
        end=sent.end,
        approximate=approximate or bound is not None,
        value_max=num2 if num2 is not None and num2 > value else None,
        bound=bound,
    ), phrase


def _border_for(reference: Mention, located: Mention, gaz: Gazetteer) -> Mention:
    """ "Zumar, 30 miles from the Turkish border": Iraq's border with Turkey, not Syria's."""
    ref, here = gaz[reference.place], gaz[located.place]
    if ref.kind != "border" or not here.countries or set(here.countries) & set(ref.countries):
        return reference
    home = here.countries[0]
    # The same words may name several borders ("the Turkish border"): the one on this side.
    for form in gaz.lookup(norm_tokens(reference.text)):
        cand = gaz[form.place]
        if cand.kind == "border" and home in cand.countries:
            return Mention(
                reference.doc,
                cand.id,
                reference.text,
                reference.start,
                reference.end,
                reference.via,
            )
    for foreign in ref.countries:
        for p in gaz:
            if p.kind == "border" and set(p.countries) == {home, foreign}:
                return Mention(
                    reference.doc,
                    p.id,
                    reference.text,
                    reference.start,
                    reference.end,
                    reference.via,
                )
    return reference


_UNIT_HINT_RE = re.compile(
    r"(?i)\b(?:mi|miles?|kms?|kilomet\w*|met(?:re|er)s?|m)\b|\d-?(?:mile|km|kilomet|met)"
)


def _located_place(
    sent: _Sentence, pos: int, gaz: Gazetteer, borders: bool = False
) -> Mention | None:
    before = [
        t
        for t in sent.mentions
        if t.end <= pos
        and gaz[t.place].kind
        not in (("country", "water") if borders else ("country", "water", "border"))
    ]
    # The nearest place joined to the figure by a copula or a comma, skipping appositives:
    # "Ramadi, the capital of Anbar province, lies about 65 miles ...".
    areas = [m for m in sent.mentions if gaz[m.place].kind in ("country", "province", "region")]
    for t in reversed(before[-4:]):
        if t in areas and any(
            re.fullmatch(r"\s+in\s+(?:the\s+)?", _gap(sent, b.end, t.start)) for b in before
        ):
            continue  # "Sinjar in Nineveh province, 50 km from the border": Sinjar is located
        gap = _gap(sent, t.end, pos)
        # "the largest dam in Iraq, about 40 km north-west of Mosul": the country or province
        # only says where the place is.
        where = re.match(r"\s+in\s+(?:the\s+)?", gap)
        if where:
            area = next((a for a in areas if a.start == t.end + where.end()), None)
            if area is not None:
                gap = _gap(sent, area.end, pos)
        if _LINK_RE.match(gap) or _LINK_RE.match(re.sub(_APPOSITIVE, ",", gap)):
            head = _apposition_head(
                sent, pos, [b for b in before if b.end <= t.start] + [t], located=True
            )
            return head or t
    # "Jurf al-Sakhar, a sprawl of farms, orchards and irrigation ditches about 60 km
    # southwest of the capital": a long description set beside the nearest place.
    if before and _DESCRIBED_RE.fullmatch(_gap(sent, before[-1].end, pos)):
        return before[-1]
    # "Al-Qaim sits on the Euphrates right against the Syrian frontier, about 210 miles west
    # of Baghdad": the subject of a verb of location, whatever landmarks follow the verb.
    subject = next(
        (t for t in sent.mentions if gaz[t.place].kind not in ("country", "water")), None
    )
    if subject is None or subject.end > pos or gaz[subject.place].kind == "border":
        return None
    lead = _gap(sent, sent.start, subject.start)
    if not re.fullmatch(
        r"\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:town|city|village)\s+of\s+)?", lead, re.I
    ):
        return None
    rest = re.sub(_APPOSITIVE, ",", _gap(sent, subject.end, pos))
    verb = _LOCATION_VERB_RE.match(rest)
    if verb and not re.search(
        r"[;:()]|\b(?:and|but|which|who|where|while|said|says|after|before|when)\b|\d",
        rest[verb.end() :],
        re.I,
    ):
        return subject
    return None


_DESCRIBED_RE = re.compile(
    r"\s*,\s*(?:an?|the)\s+(?:(?!\b(?:is|was|are|were|has|have|had|said|says|fell|took|which|who|"
    r"that|where|and\s+(?:is|was|lies))\b)[^;:()\d.])*",
    re.I,
)


_LOCATION_VERB_RE = re.compile(
    r"\s*,?\s*(?:(?:is|was|lies|lay|sits|sat|stands|stood|nestles|straddles|hugs|perches)\s+|"
    r"(?:is|was)\s+(?:located|situated|set|perched|nestled)\s+)",
    re.I,
)


def _context_place(sent, idx, sentences, pos, located, gaz=None) -> Mention | None:
    """The place a sentence (or the two before it) is about, other than the located one.

    In this sentence, the nearest place before the figure; else, of the places of the two
    sentences before, the one the article has named most so far (the nearest on a tie).
    """
    skip = located.place if located else None

    def fits(t: Mention) -> bool:
        # "Jarabulus, the last town on the Turkish border, about 30 km to the north": a
        # border is only a reference when the text names it as one.
        return t.place != skip and (
            gaz is None or gaz[t.place].kind not in _NOT_REFERENCES | {"border"}
        )

    here = [t for t in sent.mentions if t.end <= pos and fits(t)]
    # "Baiji sits on the main road from Baghdad to Mosul and on the highway to Kirkuk, some
    # sixty miles to the northeast": the ends of a road are landmarks, not what it is about.
    ends = [t for t in here if _ROAD_END_RE.search(_lead(sent, t.start, 50))]
    if len(ends) < len(here):
        here = [t for t in here if t not in ends]
    if here:
        return here[-1]
    recent = [
        t for back in (1, 2) if idx - back >= 0 for t in sentences[idx - back].mentions if fits(t)
    ]
    if not recent:
        # The place the article is about: the one it has named most so far.
        recent = [
            t for prev in sentences[max(0, idx - _LOOKBACK) : idx] for t in prev.mentions if fits(t)
        ]
    if not recent:
        return None
    counts: dict[str, int] = {}
    for prev in sentences[max(0, idx - _LOOKBACK) : idx]:
        for t in prev.mentions:
            counts[t.place] = counts.get(t.place, 0) + 1
    return max(reversed(recent), key=lambda t: counts.get(t.place, 0))


_ROAD_END_RE = re.compile(
    r"\b(?:road|roads|highway|route|motorway|railway|pipeline|artery)\s+(?:from\s+[^,;.]{1,30}?\s+)?"
    r"(?:to|from|between|linking|connecting|and)\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.I,
)


_NOT_REFERENCES = frozenset({"country", "water", "region", "province", "district"})
