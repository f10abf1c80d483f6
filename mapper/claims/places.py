"""Which places a trigger is about: subject chains, coordination, asides and appositions."""

from __future__ import annotations

import re

from ..gazetteer import Gazetteer
from ..model import AREA_KINDS, Mention
from .patterns import (
    _APPOSITIVE,
    _BEARING,
    _COORD_RE,
    _LINK_RE,
    _POINT_KINDS,
    _gap,
    _lead,
    _Sentence,
)

_OBJECT_AFTER_RE = re.compile(
    r"\s+(?:the|a|an|its|their|several|many|two|three|four|five|some|dozens)\s+"
    r"(?!(?:same|next|following|previous|last|first)\b)\w+",
    re.I,
)


def _everything(sent: _Sentence, gaz: Gazetteer) -> list[Mention]:
    """All places of a sentence that can be claimed, landmarks included."""
    return [t for t in sent.mentions if gaz[t.place].kind not in ("country", "water")]


def _after_places(places: list[Mention], default: int) -> int:
    return max([p.end for p in places] + [default])


_PLACE_NOUN_OF_RE = re.compile(
    r"\b(?:city|cities|town|towns|village|villages|province|provinces|governorate|district|"
    r"hometown|birthplace|capital|region|stronghold|oil\s+hub|hub|crossing|base|refinery|dam|island|"
    r"airport|municipality|settlement|enclave|port|bastion|centre|center|heart|most|much|parts?|portions?|"
    r"thirds?|quarters?|fifths?|fraction|whole|entirety|"
    r"half|rest|all|remainder|downtown|bulk|percent|per\s+cent|%[\"”’']?)\s+of\s*$",
    re.I,
)


def _strip_np(gap: str) -> str:
    """ "the strategic city of " -> "the strategic ": the "of" of a place noun is no landmark.

    A share in front goes too: "most of the western town of " -> " the western ".
    """
    return _SHARE_OF_RE.sub(" ", _PLACE_NOUN_OF_RE.sub(" ", gap))


_SHARE_OF_RE = re.compile(
    r"^\s*(?:the\s+)?(?:most|much|all|half|parts?|portions?|bulk|rest|remainder|whole|"
    # "95 percent of the eastern half of Mosul"
    r"(?:about\s+|some\s+|nearly\s+|~\s*)?\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%))\s+of\b",
    re.I,
)


def _is_in_after_np(gap: str) -> bool:
    # "two villages in Adhaim": a nominal object located "in" a place keeps the place.
    return bool(
        re.search(
            r"^\s*(?:the\s+|a\s+|an\s+|two|three|four|five|several|some|many|\d+)?[\w\s'’-]*?"
            r"\b(?:villages?|towns?|areas?|neighbou?rhoods?|districts?|parts?|positions?|"
            r"checkpoints?|bases?|buildings?|facilities|oilfields?|fields?|territory|land|enclaves?|pockets?|portions?|"
            r"headquarters|airport|compound|refinery|quarters?|sections?|suburbs?|garrison|outpost|"
            r"crossing|stations?|complex|hospital|palaces?|university|mosque|church|barracks|"
            r"prison|bridge|market|neighbou?rhoods?|districts?)\s+(?:in|inside|of|at)\s+(?:the\s+)?"
            r"(?:\w+\s+){0,3}$",
            gap,
            re.I,
        )
    )


def _qualifies(gaz: Gazetteer, inner: str, outer: str) -> bool:
    a, b = gaz.get(inner), gaz.get(outer)
    return bool(a and b and (a.province == b.id or b.kind in AREA_KINDS))


def _left_places(
    sent: _Sentence,
    pos: int,
    targets: list[Mention],
    gaz: Gazetteer,
    landmarks: bool = False,
    asides: bool = True,
) -> list[Mention]:
    """The subject places before a trigger: the nearest place and those coordinated with it."""
    before = [t for t in targets if t.end <= pos]
    if not before:
        return []
    head = _apposition_head(sent, pos, before) if asides else None
    if head is not None:
        return [head]
    # The nearest place must not sit behind a clause break ("In Mosul, which fell, ...").
    chain: list[Mention] = []
    for t in reversed(before):
        if not chain:
            gap = _gap(sent, t.end, pos)
            if len(gap) > 140 or re.search(r"[;:]|\b(?:said|says|told)\b", gap):
                return []
            # A place inside a prepositional phrase ("near Mosul") is not a subject,
            # unless it is the only place before the trigger in its clause.
            lead = _lead(sent, t.start, 40)
            if (
                gaz[t.place].kind in AREA_KINDS
                and re.search(r"\bin\s+(?:the\s+)?$", lead, re.I)
                and any(o.end <= t.start and gaz[o.place].kind in _POINT_KINDS for o in before)
            ):
                continue  # "Tal Afar ... one of the few places in the province still held by"
            if not landmarks and re.search(
                r"\b(?:near|from|outside|toward|towards|between|(?:fled|flew|went|travelled|traveled|"
                r"moved|headed|escaped|returned)\s+(?:back\s+)?to|(?:north|south|east|west|northeast|"
                r"northwest|southeast|southwest|north-east|north-west|south-east|south-west|miles|"
                r"kilometres|kilometers|km|edge|edges|outskirts|fringes)\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                lead,
                re.I,
            ):
                desc = re.search(
                    r"\b(?:city|town|village|province|district|hometown|capital)\s+of\s+$",
                    lead,
                    re.I,
                )
                if not desc:
                    continue
            chain.append(t)
            continue
        if (t.start, t.end) == (chain[-1].start, chain[-1].end):
            chain.append(t)  # "both towns": one phrase standing for several places
            continue
        gap = _gap(sent, t.end, chain[-1].start)
        if t.place == chain[-1].place or (
            re.match(r"^\s*,\s*(?:the\s+)?$", gap) and chain[-1].via == "description"
        ):
            chain.append(t)
            continue
        if re.match(r"^\s*(?:,\s*)?(?:in|of)\s+(?:the\s+)?$", gap, re.I) and _qualifies(
            gaz, t.place, chain[-1].place
        ):
            # "the town of X in Y province": keep X, drop Y.
            chain[-1] = t
            continue
        if _COORD_RE.match(gap) and len(gap) < 40:
            head = t
            if t.via == "anaphora":
                # "in Ramadi, the provincial capital, and ...": the aside's own head
                same = [o for o in before if o.place == t.place and o.end <= t.start]
                if same and re.fullmatch(r"\s*,\s*", _gap(sent, same[-1].end, t.start)):
                    head = same[-1]
            if "," in gap and re.search(
                r"\b(?:in|at|near|around|for|on|from|to|into|toward|towards|inside|outside)\s+"
                r"(?:the\s+)?$",
                _lead(sent, head.start, 20),
                re.I,
            ):
                break  # "Fighting continues in Ramadi, ..., and much of Fallujah has been held"
            chain.append(t)
            continue
        break
    # The nearest mention of a repeated place is the one a copula links to.
    return list(reversed(_dedupe(chain)))


_STATE_LINK_RE = re.compile(
    r"^\s*(?:(?:province|governorate|city|town|village|district|sub-?district|area|refinery|dam|"
    r"base|airport|camp|crossing|border\s+crossing|bridge|checkpoint|(?:city\s+)?cent(?:re|er)|"
    r"downtown)\b\s*)?"
    # "Sulaiman Bek, Amerli, that whole belt is in the hands of the Hashd"
    r"(?:,\s*(?:that|this|the)\s+(?:whole\s+|entire\s+)?(?:belt|area|region|stretch|pocket|"
    r"corridor|zone|strip|valley)\s+)?"
    r"(?:,\s*)?(?:(?:which|that|it)\s+)?(?:(?:is|was|are|were|remains?|remained|stays?|no|longer|"
    r"not|never|been|has|have|had|itself|themselves|\"|“|”|"
    r"stayed|has|have|had|been|being|fell|came|come|comes|back|now|still|also|too|firmly|completely|"
    r"entirely|largely|partly|mostly|already|once|again|under|left|lies|lay|sits|is\s+now|"
    r"fully|totally|wholly|securely|almost|nearly|virtually|practically|essentially|mainly|"
    r"squarely|effectively|remain|both|all|each|,)\s*)*(?:,\s*)?$",
    re.I,
)


def _linked_left_places(sent: _Sentence, pos: int, targets, gaz) -> list[Mention]:
    """Subject places joined to a state phrase by a copula: "Mosul, now in rebel hands"."""
    head = _apposition_head(sent, pos, [t for t in targets if t.end <= pos])
    if head is not None:
        return [head]
    places = _left_places(sent, pos, targets, gaz, asides=False)  # asides already looked at
    if not places:
        return []
    # Any mention of the last place may carry the link ("Camp Speicher, the air base north
    # of the city, remains ..."); an appositive between does not break it.
    last = places[-1].place
    for t in sorted((t for t in targets if t.place == last and t.end <= pos), key=lambda t: -t.end):
        gap = re.sub(_APPOSITIVE, ",", re.sub(r"\s*\([^()]{0,60}\)", "", _gap(sent, t.end, pos)))
        # "the al-Walid crossing with Syria was now in the hands of": where it is, no subject
        gap = _WHERE_RE.sub("", gap, count=1)
        # "Baiji town has not been retaken and remains under ISIS control": a first predicate
        gap = _FIRST_PREDICATE_RE.sub(" ", gap, count=1)
        if _STATE_LINK_RE.match(gap):
            return places
    return []


_FIRST_PREDICATE_RE = re.compile(
    r"^(\s*(?:town|city|village)?)\s*(?:has|have|had|was|were|is|are)\s+(?:not\s+|never\s+)?"
    r"(?:yet\s+)?(?:been\s+)?[a-z]+(?:ed|en|n)\s+(?:\w+\s+){0,3}?and\s+(?=(?:still\s+|now\s+)?"
    r"(?:remains?|remained|stays?|stayed|is|are|was|were)\b)",
)


_ZERO_RELATIVE_RE = re.compile(
    r"\b(?i:towns?|cities|city|villages?|places?|strongholds?|areas?|bases?|districts?)\s+"
    # the subject of the clause: a name or a word for an armed group, then the verb
    r"(?=(?:[Tt]he\s+)?(?:[A-Z][\w'’-]*|(?i:militants|jihadists|insurgents|rebels|army|group|"
    r"extremists|fighters|troops|forces|peshmerga|Kurds))(?:\s+[\w'’-]+)?\s+"
    r"(?:(?:still|now|once|had|has|have)\s+)*$)",
)


def _relative_antecedent(
    sent: _Sentence, ts: int, targets: list[Mention], gaz: Gazetteer, te: int | None = None
) -> list[Mention]:
    """For "X, which insurgents have held since March": the place before "which"."""
    before = _gap(sent, sent.start, ts)
    found = list(re.finditer(r"\b(?:which|that|where|whom)\b", before, re.I))
    # "one of the last towns ISIS holds": a relative clause without its "that"
    zero = _ZERO_RELATIVE_RE.search(before)
    if zero is not None and (not found or found[-1].end() <= zero.start()):
        start, end, word = zero.end(), zero.end(), "that"
    elif found:
        start, end, word = found[-1].start(), found[-1].end(), found[-1].group()
    else:
        return []
    rel = start + sent.start
    between = _gap(sent, end + sent.start, ts)
    if re.search(r"[;:]|\b(?:said|says|say|told|while|whereas|although)\b", between):
        return []
    # ", which" attaches to the nearest place, even a landmark ("west of Mosul, which ...");
    # a bare "that" to the noun the place describes ("a town just north of Mosul that ...").
    restrictive = word.lower() == "that" and not re.search(r",\s*$", before[:start])
    if restrictive and te is not None and _OBJECT_AFTER_RE.match(sent.text, te - sent.start):
        # "announced that the operations to liberate the city ...": the verb has an object
        # of its own, so "that" is no relative pronoun standing for a place.
        return []
    noun = re.search(
        r",\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|area|base|enclave|"
        r"stronghold|outpost|hub|crossing)\s+$",
        before[:start],
        re.I,
    )
    if noun is None and restrictive:
        # "Udaim, a town on the road between Baquba and Kirkuk that fell on Thursday": the
        # noun of the aside, past the landmarks that place it
        noun = re.search(
            r",\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|base|enclave|"
            r"stronghold|outpost|hub|crossing)\s+(?:on|in|near|outside|along|between|by|just|"
            r"about|some|roughly)\s+[^,;]{0,60}$",
            before[:start],
            re.I,
        )
    if not restrictive and word.lower() == "which":
        # "the Speicher air base, a former U.S. facility on the city's edge, which ...": the
        # aside's noun is the base, so the clause is about the base.
        noun = re.search(
            r",\s*(?:an?|the)\s+(?:[\w.'’-]+\s+){0,3}?(?:town|city|village|base|facility|airbase|"
            r"airport|refinery|dam|complex|compound|enclave|outpost|crossing)\s+(?:on|in|near|"
            r"outside|at|along|by|just)\s+[^,;]{0,60},\s*$",
            before[:start],
            re.I,
        )
    if noun:
        # "Sinjar, about 30 miles west of Tal Afar, a town that remains ...": the clause is
        # about the place the apposition's noun describes.
        comma = sent.start + noun.start()
        ahead = [t for t in _everything(sent, gaz) if t.end <= comma]
        if ahead and not _gap(sent, ahead[-1].end, comma).strip():
            earlier = [t for t in _everything(sent, gaz) if t.end <= ahead[-1].start]
            if earlier and _DIST_APPOSITION_RE.fullmatch(
                _gap(sent, earlier[-1].end, ahead[-1].start)
            ):
                return earlier[-1:]
            return ahead[-1:]
    found = _left_places(sent, rel, targets, gaz, landmarks=not restrictive)
    if found and gaz[found[0].place].kind == "border":
        # "the Nasib crossing on the Jordanian border, which the rebels seized": the border
        # only says where the crossing is.
        earlier = [t for t in targets if t.end <= found[0].start]
        if earlier and re.fullmatch(
            r"\s*,?\s*(?:on|along|at|near|by|close\s+to)\s+(?:the\s+)?",
            _gap(sent, earlier[-1].end, found[0].start),
            re.I,
        ):
            return earlier[-1:]
    if found:
        # "Fallujah, 50 km west of Baghdad, which it seized": the relative clause is about
        # the place the distance describes, not the reference point.
        earlier = [t for t in targets if t.end <= found[0].start]
        if earlier and _DIST_APPOSITION_RE.fullmatch(_gap(sent, earlier[-1].end, found[0].start)):
            return earlier[-1:]
    return found


_DIST_APPOSITION_RE = re.compile(
    r"\s*,\s*(?:[^,;]{0,30}?\d[^,;]{0,40}?|(?:just\s+|directly\s+)?" + _BEARING + r")"
    r"\s+(?:of|from)\s+(?:the\s+)?",
    re.I,
)


def _dedupe(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.place not in seen:
            seen.add(m.place)
            out.append(m)
    return out


_PREDICATE_START_RE = re.compile(
    r"\s*(?:is|was|are|were|lies|lay|sits|sat|stands|stood|fell|falls|has|have|had|remains|"
    r"remained|became|borders|straddles)\b",
    re.I,
)


_HEAD_LINK_RE = re.compile(
    r"\s*,\s*(?:(?:is|was|are|were|has|have|had|been|being|also|still|now|already|itself|"
    r"later|then|remains?|remained|stays?|stayed|not|never|no\s+longer|\w+ly)\s+)*"
    # "Tel Keppe, ..., has not been retaken and remains under ISIS control": a second
    # predicate of the same subject
    r"(?:[^,;:]{0,80}?\band\s+(?:(?:still|now|also)\s+)?(?:remains?|remained|is|was|are|were|"
    r"has|have|had|stays?|stayed)\s+(?:(?:still|now|firmly|been|not)\s+)*)?",
    re.I,
)


# Where a place is, set right after its name: "the largest dam in Iraq, ...", "the al-Walid
# crossing with Syria was ...". It is no aside and no new subject.
_WHERE_RE = re.compile(
    r"^\s+(?:in|with|into|on\s+the\s+border\s+with)\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*){0,2}(?:\s+(?:province|governorate|region))?(?=\s*,|\s)"
)


def _apposition_head(
    sent: _Sentence, pos: int, before: list[Mention], located: bool = False
) -> Mention | None:
    """ "Rutba, on the main highway to Amman, about 120 km east of the border, was overrun":
    the place whose asides run up to the trigger, not the landmarks inside them."""
    for h in before[:1]:
        # Only the sentence's subject: "Rutba, ..." or "The refinery, ...", not a place in a list.
        if not re.fullmatch(
            # (after a wire flash's time stamp and tag: "02/03 08:40 URGENT - Camp Speicher, ...")
            r"\s*(?:\d{1,2}[/:.]\d{2}(?:[/:.]\d{2,4})?\s+)*(?:(?:URGENT|BREAKING|UPDATE|FLASH|ALERT)"
            r"\s*[-:–—]\s*)?[\"“]?"
            # "For ten days the largest dam in Iraq, ..., was": a fronted time first
            r"(?:(?:For|By|Since|Until|Within|Over|During)\s+(?:[\w-]+\s+){0,3}?(?:days?|weeks?|months?|"
            r"years?|hours?|nightfall|dawn|noon|midday|morning|evening|night|then|now|[A-Z][a-z]+day)"
            r"(?:,\s*|\s+)(?=[Tt]he\s|$))?"
            r"(?:[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?)?(?:(?:town|city|village)\s+of\s+)?",
            _gap(sent, sent.start, h.start),
        ):
            return None
        gap = _gap(sent, h.end, pos)
        gap = _WHERE_RE.sub("", gap, count=1)
        gap = re.sub(
            r"^\s+(?:city|town|village|district)(?=\s*,)", "", gap
        )  # "Baquba city, the ..."
        if not gap.lstrip().startswith(","):
            continue
        flat = re.sub(r"\s*\([^()]{0,60}\)", "", gap)
        while True:
            aside = re.match(_APPOSITIVE, flat.lstrip())
            # An aside is a description; a finite verb starts the predicate instead, and a
            # dash ends a dateline ("SAMARRA, Iraq, June 20 — Thousands of ...").
            if (
                aside is None
                or _PREDICATE_START_RE.match(aside.group()[1:])
                or re.search(r"\s[—–-]\s", aside.group())
            ):
                break
            flat = "," + flat.lstrip()[aside.end() :]
        if flat != gap and (_LINK_RE.match(flat) if located else _HEAD_LINK_RE.fullmatch(flat)):
            return h
    return None
