"""An article as sentences, each with its places and actors, descriptions resolved.

"the city", "the town", "its dam", "our forces" and "his men" become mentions of what
they refer back to, so the claim stages see one list per sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..actors import ActorMention, Actors
from ..gazetteer import Gazetteer
from ..model import Article, Mention
from ..text import Token, split_sentences, tokenize
from .patterns import (
    _LOOKBACK,
    _POINT_KINDS,
    _gap,
    _is_dateline,
    _Sentence,
)

# "the city", "the town": a place named just before. Not "the city of X" (X is named).
_ANAPHOR_RE = re.compile(
    r"\b(?:[Tt]he\s+(?:[a-z]+[\s-]+|[A-Z]+-[a-z]+\s+){0,2}?|[Tt]his\s+(?:(?!area\b)[a-z]+[\s-]+){0,2}?)(?P<noun>provincial\s+capital|city|town|village|district|base|refinery|dam|province|airbase|airport|compound|complex|facility|plant|pocket|enclave|(?<=[Tt]his\s)area)\b"
    # "the oil refinery town": a noun that only qualifies the one after it
    r"(?![\s-]+(?:town|city|village|district)\b)"
    # "the town's airport" names the airport, not the town
    r"(?!\s+(?:of(?!\s+(?:about|some|roughly|around|nearly|more|over|\d))|council|hall|limits|itself\s+of|(?:centre|center|square|outskirts)\s+of)|['’]s\s+(?:\w+\s+)?(?:airport|airbase|air\s+base|"
    r"refinery|dam|base|prison|citadel|university)\b)",
)


_ANAPHOR_KINDS = {
    "provincial capital": ("city", "town"),
    "city": ("city", "town"),
    "town": ("town", "city", "village"),
    "village": ("village", "town"),
    "district": ("district", "town", "city"),
    "pocket": ("town", "city", "district", "village"),
    "enclave": ("town", "city", "district", "village"),
    "area": ("town", "city", "village", "district", "facility"),
    "base": ("facility",),
    "airbase": ("facility",),
    "airport": ("facility",),
    "refinery": ("facility",),
    "dam": ("facility",),
    "province": ("province",),
    "compound": ("facility",),
    "complex": ("facility",),
    "facility": ("facility",),
    "plant": ("facility",),
}


def _sentences(
    article: Article,
    mentions: list[Mention],
    actors: Actors,
    gaz: Gazetteer | None = None,
    tokens: list[Token] | None = None,
) -> list[_Sentence]:
    text = article.text
    spans = split_sentences(text)
    out: list[_Sentence] = []
    mi = 0
    ms = sorted(mentions, key=lambda m: m.start)
    # Actors are found once per article (one tokenisation), then dealt out to sentences.
    all_actors = actors.find(text, tokens=tokens)
    swaps = _jihadist_referents(all_actors)  # used in Syrian sentences only
    local = bool(actors.local)
    home = _report_country(ms, gaz) if gaz is not None else None
    ai = 0
    for s, e in spans:
        while mi < len(ms) and ms[mi].start < s:
            mi += 1
        mj = mi
        while mj < len(ms) and ms[mj].end <= e:
            mj += 1
        chunk = text[s:e]
        while ai < len(all_actors) and all_actors[ai].start < s:
            ai += 1
        aj = ai
        while aj < len(all_actors) and all_actors[aj].end <= e:
            aj += 1
        acts = tuple(all_actors[ai:aj])
        if local and acts:
            country = _sentence_country(ms[mi:mj], gaz, home) if gaz is not None else None
            acts = tuple(actors.in_country(list(acts), country))
            if swaps and country == "SY":
                acts = tuple(
                    ActorMention(swaps[a.start], a.start, a.end, a.text)
                    if a.actor == "isis" and a.start in swaps
                    else a
                    for a in acts
                )
        ai = aj
        ours = list(_OUR_FORCES_RE.finditer(chunk))
        if ours:
            acts = _with_our_forces(ours, s, acts, all_actors)
        his = list(_HIS_MEN_RE.finditer(chunk))
        if his:
            acts = _with_his_men(his, s, acts, out)
        same = list(_SAME_FORCES_RE.finditer(chunk))
        if same and out:
            acts = _with_same_forces(same, s, acts, out[-1])
        # A name inside a longer one ("Anbar" in "the capital of Anbar province") is not a
        # claim's place of its own.
        here = [
            t
            for t in ms[mi:mj]
            if not any(
                o is not t
                and o.start <= t.start
                and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in ms[mi:mj]
            )
        ]
        if gaz is not None:
            here = _with_anaphors(article, chunk, s, here, out, gaz, acts, home)
        out.append(_Sentence(s, e, chunk, tuple(here), acts, _line_topic(text, s, out, here)))
        mi = mj
    return out


# Jihadist groups outside the Islamic State, and the generic words that refer back to
# whichever jihadist group a report last named.
_OTHER_JIHADISTS_RE = re.compile(
    r"Nusra|Tahrir\s+al-Sham|\bHTS\b|Fateh\s+al-Sham|Jaish\s+al-Fatah|Army\s+of\s+Conquest|"
    r"Hurras\s+al-Din|Turkistan\s+Islamic\s+Party",
    re.I,
)
_GENERIC_JIHADIST_RE = re.compile(
    r"(?:the\s+)?(?:jihadists?|jihadist\s+(?:fighters|militants|group)|militants|extremists|"
    r"Islamists?)",
    re.I,
)


def _jihadist_referents(found) -> dict[int, str]:
    """ "HTS launched the offensive ... two towns that fell to the jihadists": in a report
    about another jihadist group, the generic word is that group, not the Islamic State.
    Returns the side each such word stands for, by where it starts."""
    out, last = {}, None
    for a in found:
        if _OTHER_JIHADISTS_RE.search(a.text):
            last = a.actor
        elif a.actor == "isis" and _GENERIC_JIHADIST_RE.fullmatch(a.text):
            if last is not None and last != "isis":
                out[a.start] = last
        elif a.actor == "isis":
            last = "isis"
    return out


def _town_behind(t: Mention, gaz: Gazetteer, kinds) -> Mention | None:
    """The place a mention of another kind stands beside: a facility's town, a town's province."""
    if "province" in kinds and gaz[t.place].province in gaz:
        # "Deir ez-Zor ... IS holds the rest of the province": the town's province
        return replace(t, place=gaz[t.place].province)
    if gaz[t.place].kind != "facility":
        return None
    for f in gaz.lookup(tuple(x.norm for x in tokenize(t.text))):
        if gaz[f.place].kind in kinds:
            return replace(t, place=f.place)
    return None


def _capital_of(t: Mention, gaz: Gazetteer, noun: str) -> Mention | None:
    """ "in western Idlib province ... the provincial capital": the province's capital."""
    cap = gaz[t.place].capital if noun == "provincial capital" else None
    return replace(t, place=cap) if cap and cap in gaz else None


def _facility_of_town(t: Mention, gaz: Gazetteer, noun: str) -> Mention | None:
    if gaz[t.place].kind not in ("city", "town", "village") or noun not in _FACILITY_WORDS:
        return None
    place = gaz[t.place]
    for name in (place.name, *place.aliases):
        for f in gaz.lookup((*(x.norm for x in tokenize(name)), *noun.split())):
            if gaz[f.place].kind == "facility":
                return replace(t, place=f.place)
    return None


_FACILITY_WORDS = frozenset({"dam", "refinery", "airport", "airbase", "base"})


def _report_country(mentions: list[Mention], gaz: Gazetteer) -> str | None:
    """The country most of a report's places are in (None on a tie)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.place not in gaz or gaz[m.place].kind in ("country", "border", "water"):
            continue
        cs = gaz[m.place].countries
        if len(cs) == 1:
            counts[cs[0]] = counts.get(cs[0], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _sentence_country(here: list[Mention], gaz: Gazetteer, home: str | None) -> str | None:
    """The one country a sentence's places are in, else the report's."""
    # (a country named is often only a destination: "severing the road to Syria")
    countries = {
        c
        for m in here
        if m.place in gaz and gaz[m.place].kind not in ("country", "border", "water")
        for c in gaz[m.place].countries[:1]
    }
    return countries.pop() if len(countries) == 1 else home


_TOPIC_HEAD_RE = re.compile(r"[ \t]*(?:[-•*·▪][ \t]+)?")


_TOPIC_DASH_RE = re.compile(r"[ \t]*(?:[—–:]|-(?=\s))[ \t]*")


def _line_topic(text: str, start: int, previous: list, here: list) -> Mention | None:
    """The place a line opens with ("Garma — Contested."), for every sentence on that line."""
    if previous and text.find("\n", previous[-1].start, start) < 0:
        return previous[-1].topic  # a later sentence of the same line
    # The line starts after the last newline before this sentence (bounded: the previous
    # sentence's start, so a file with one huge line stays linear).
    lo = previous[-1].start if previous else 0
    line_start = text.rfind("\n", lo, start) + 1 if previous else text.rfind("\n", 0, start) + 1
    head = _TOPIC_HEAD_RE.match(text, line_start)
    first = here[0] if here else None
    if first is None or first.start != head.end() or first.via == "anaphora":
        return None
    return first if _TOPIC_DASH_RE.match(text, first.end) else None


def _fragment_topic(sent: _Sentence, ts: int) -> list[Mention]:
    """ "Encircled by ISF since late 2015", "City recaptured by CTS": a note's fragment
    without a subject is about the place its line opens with."""
    if sent.topic is None:
        return []
    before = _gap(sent, sent.start, ts)
    frag = re.split(r"[.;:—–]", before)[-1]
    if re.fullmatch(
        r"\s*(?:(?:the\s+)?(?:city|town|village|district|area|it|dam|base)\s+)?"
        r"(?:(?:is|was|has\s+been|had\s+been|now|still|since\s+\S+|remains|remained|stays|\w+ly)\s+)*",
        frag,
        re.I,
    ):
        return [sent.topic]
    return []


_OUR_FORCES_RE = re.compile(
    r"\bour\s+(?:(?:heroic|brave|valiant|security|armed|own)\s+)?(?:forces|troops|fighters|units|"
    r"soldiers|men|heroes|army|peshmerga)\b"
    # "has fallen into our hands": "our" alone, the holder inside the state phrase
    r"|\bour(?=\s+hands\b)",
    re.I,
)


def _with_our_forces(ours, s0, acts, all_actors) -> tuple[ActorMention, ...]:
    """ "our forces": the speaker's side, named as the source after the quote ("a police
    colonel told AFP") or, in a statement, the first side the document names."""
    out = list(acts)
    for m in ours:
        start, end = m.start() + s0, m.end() + s0
        # a single quote closes only after the quote's own punctuation: "... the city,' he said"
        close = re.search(r"[\"”]|(?<=[,.?!])['’]", m.string[m.end() :])
        quote_end = end + close.end() if close else None
        after = [
            a for a in acts if quote_end is not None and a.start >= quote_end and a.actor != "isis"
        ]
        named = [a for a in all_actors if a.actor != "isis"]
        side = after[0].actor if after else (named[0].actor if named else None)
        if side is not None and not any(a.start < end and start < a.end for a in acts):
            out.append(ActorMention(side, start, end, m.group()))
    return tuple(sorted(out, key=lambda a: a.start))


_HIS_MEN_RE = re.compile(
    r"\b(?:his|her)\s+(?:own\s+)?(?:men|fighters|forces|troops|units|followers|militiamen)\b", re.I
)


def _with_his_men(found, s0, acts, previous) -> tuple[ActorMention, ...]:
    """ "the Badr leader Hadi al-Amiri ... after his men retook Udhaim": the side of the
    leader named just before, in this sentence or the one before."""
    out = list(acts)
    for m in found:
        start, end = m.start() + s0, m.end() + s0
        if any(a.start < end and start < a.end for a in acts):
            continue
        before = [a for a in acts if a.end <= start] or (
            list(previous[-1].actors) if previous else []
        )
        if before:
            out.append(ActorMention(before[-1].actor, start, end, m.group()))
    return tuple(sorted(out, key=lambda a: a.start))


_SAME_FORCES_RE = re.compile(
    r"\b(?:[Tt]he\s+same|[Tt]hese|[Tt]hose)\s+(?:forces|troops|units|fighters|militiamen)\b"
)
_PARTNERS_RE = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|together\s+with|along\s+with)\s+")


def _with_same_forces(found, s0, acts, previous) -> tuple[ActorMention, ...]:
    """ "government troops and Shiite militias ... the same forces retook Suleiman Bek": every
    side of the previous sentence's first group of actors, on the same span."""
    group: list[ActorMention] = []
    for a in previous.actors:
        if group and not _PARTNERS_RE.fullmatch(
            previous.text, group[-1].end - previous.start, a.start - previous.start
        ):
            break
        group.append(a)
    out = list(acts)
    for m in found:
        start, end = m.start() + s0, m.end() + s0
        if any(a.start < end and start < a.end for a in acts):
            continue
        for side in dict.fromkeys(a.actor for a in group):
            out.append(ActorMention(side, start, end, m.group()))
    return tuple(sorted(out, key=lambda a: a.start))


def _with_anaphors(
    article, chunk, s0, here, previous, gaz, acts=(), home: str | None = None
) -> list[Mention]:
    """Add "the city"/"the town" as mentions of the place they refer back to.

    Preference: a place written with the same noun ("the town of Baiji" for "the town"),
    nearest first; else the nearest place of a fitting kind that is not a landmark ("40 miles
    west of Mosul", "a spokesman in Baghdad"), in this sentence or the three before it.
    """
    added = []
    for m in _ANAPHOR_RE.finditer(chunk):
        start, end = m.start() + s0, m.end() + s0
        if any(t.start < end and start < t.end for t in here):
            continue  # part of a description such as "the Iraqi capital"
        noun = " ".join(m.group("noun").lower().split())
        kinds = _ANAPHOR_KINDS[noun]
        if any(
            t.start >= end
            and gaz[t.place].kind in kinds
            and re.fullmatch(r"\s*,?\s*", article.text[end : t.start])
            for t in here
        ):
            continue  # "the provincial capital Hasaka": the name follows; no reference back
        # "the provincial capital": only a province's capital can be meant.
        capitals = _provincial_capitals(gaz) if noun == "provincial capital" else None
        # Candidates nearest first: this sentence backwards, then earlier sentences.
        # "depends partly on Baghdad": a capital standing for its government is no antecedent.
        ordered: list[tuple[Mention, str, int]] = [
            (t, chunk, s0) for t in reversed(here) if t.end <= start and not _metonym(t, acts)
        ]
        for prev in reversed(previous[-_LOOKBACK:]):
            ordered += [
                (t, prev.text, prev.start) for t in prev.mentions if not _metonym(t, prev.actors)
            ]
        near = len([t for t in here if t.end <= start]) + sum(
            len(p.mentions) for p in previous[-1:]
        )
        window = near + sum(len(p.mentions) for p in previous[-3:-1])
        named, chain, plain, far, filed, landmark = None, None, None, None, None, None
        for k, (t, text, base) in enumerate(ordered):
            if gaz[t.place].kind not in kinds:
                # "the airport outside Deir e-Zor ... the city": the town the facility is named
                # by; "remain in Haditha and in control of the dam": the town's dam
                t = (
                    _town_behind(t, gaz, kinds)
                    or _facility_of_town(t, gaz, noun)
                    or _capital_of(t, gaz, noun)
                )
                if t is None:
                    continue
            if _is_dateline(article.text, t):
                # "BAIJI, Iraq — Militants stormed the town": where the story was filed is
                # the referent only when nothing else fits.
                # A dateline abroad ("BEIRUT (Reuters) -" over a story about Syria) never is.
                if (
                    filed is None
                    and k < window
                    and (home is None or home in gaz[t.place].countries)
                ):
                    filed = t
                continue
            if capitals is not None and t.place not in capitals:
                continue
            lead = text[max(0, t.start - base - 30) : t.start - base]
            follow = text[t.end - base : t.end - base + 30]
            if noun == "city" and re.search(r"\b(?:town|village)\s+of\s+$", lead, re.I):
                continue  # "retaking the town of Dhuluiya ... the city's edge": another place
            if re.match(
                r"\s+(?:axis|sector|front|operations?|command|road|highway|direction|governor)\b",
                follow,
                re.I,
            ) or (
                # "its emir is a Mosul-born veteran. ... within 10km of the town": a man's
                # birthplace in an earlier sentence is no antecedent (in this one it may be)
                text is not chunk
                and re.match(r"-(?:born|based|bred|raised|educated)\b", follow, re.I)
            ):
                continue  # "the Qayyarah axis": the name only qualifies another noun
            # "Samarra, a city 110 km north of Baghdad, ... the city's edge": named in apposition
            appositive = (
                text is chunk
                and t.via != "anaphora"
                and re.match(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}{noun}\b", follow, re.I)
            )
            is_named = t.via != "anaphora" and (
                re.search(rf"\b{noun}\s+of\s+$", lead, re.I)
                or noun in t.text.lower()
                or re.match(rf"\s+{noun}\b", follow, re.I)
                or appositive
            )
            if (
                k < window
                and chain is None
                and t.via == "anaphora"
                and re.search(rf"\b{noun}$", t.text.lower())
            ):
                # "advanced toward the town ... The town is held by the YPG": the same noun
                # again is the same place, even where it was first a landmark.
                chain = t
            if k < window:
                # "from the Iraqi city of Mosul" names a city, but only as a landmark.
                if (
                    is_named
                    and named is None
                    and k < near
                    and (
                        not _landmark_lead(lead)
                        or appositive
                        # "near the Tishrin Dam. The dam, ...": a facility named with its noun
                        or (gaz[t.place].kind == "facility" and noun in t.text.lower())
                    )
                ):
                    named = t
                if plain is None and not _landmark_lead(lead):
                    plain = t
                if landmark is None and k < near:
                    landmark = t
            elif is_named and far is None:
                far = t
        # A landmark of this sentence or the one before beats where the story was filed:
        # "AMMAN: ... the airport outside Deir e-Zor to the neighbourhoods of the city".
        if noun in ("district", "province") and far is not None and named is None:
            # "the district of Al-Qaim ... the neighbourhoods of Husaybah ... driven out of the
            # district": an administrative noun goes back to the place named with it.
            plain = None
        choice = named or plain or chain or far or (landmark if filed else None) or filed
        if choice is not None:
            added.append(Mention(article.id, choice.place, m.group(), start, end, "anaphora"))
    for m in _ITS_FACILITY_RE.finditer(chunk):
        # "captured Tabqa and its dam": the dam of the town just named, when the gazetteer
        # has one (tabqa-dam).
        start, end = m.start() + s0, m.end() + s0
        if any(t.start < end and start < t.end for t in here):
            continue
        pool = [t for t in reversed(here) if t.end <= start]
        if not m.group().lower().startswith("its"):
            for prev in reversed(previous[-2:]):  # "the city's military airport"
                pool += list(reversed(prev.mentions))
        owner = next((t for t in pool if gaz[t.place].kind in ("city", "town")), None)
        if owner is None:
            continue
        noun = re.sub(r"[\s-]+", " ", m.group("noun").lower())
        fac = next(
            (
                f
                for f in (gaz.get(f"{owner.place}-{x}") for x in _FACILITY_SUFFIX[noun])
                if f is not None and f.kind == "facility"
            ),
            None,
        )
        if fac is not None:
            added.append(Mention(article.id, fac.id, m.group(), start, end, "anaphora"))
    for m in _PLURAL_ANAPHOR_RE.finditer(chunk):
        # "drove the militants out of both towns": the last two towns named.
        start, end = m.start() + s0, m.end() + s0
        if any(t.start < end and start < t.end for t in here):
            continue
        want = _PLURAL_COUNTS[" ".join(m.group("n").lower().split())]
        kinds = _ANAPHOR_KINDS[_PLURAL_NOUNS[m.group("noun").lower()]]
        picked: list[Mention] = []
        if want == 2:
            # "Jalawla and Saadiya ... the two towns": a pair named together before.
            for text_, base, ms_ in [(chunk, s0, [t for t in here if t.end <= start])] + [
                (p.text, p.start, list(p.mentions)) for p in reversed(previous[-_LOOKBACK:])
            ]:
                pairs = [
                    (a, b)
                    for a, b in zip(ms_, ms_[1:], strict=False)
                    if a.place != b.place
                    and gaz[a.place].kind in kinds
                    and gaz[b.place].kind in kinds
                    and re.fullmatch(
                        r"\s*,?\s*and\s+(?:the\s+(?:town|city|village)\s+of\s+)?",
                        text_[a.end - base : b.start - base],
                        re.I,
                    )
                ]
                if pairs:
                    picked = list(reversed(pairs[-1]))
                    break
        pool = [t for t in reversed(here) if t.end <= start]
        for prev in reversed(previous[-3:]):
            pool += list(reversed(prev.mentions))
        for t in pool if not picked else ():
            if gaz[t.place].kind in kinds and all(t.place != q.place for q in picked):
                picked.append(t)
            if len(picked) == want:
                break
        if len(picked) == want:
            added += [
                Mention(article.id, t.place, m.group(), start, end, "anaphora")
                for t in reversed(picked)
            ]
    for m in _THERE_RE.finditer(chunk):
        # "Kurdish forces entered Sinjar on Friday. Fighting continued there overnight.": the
        # town or facility just named, in this sentence or the one before, not a landmark.
        start = m.start() + s0
        pool = [(t, chunk, s0) for t in reversed(here) if t.end <= start]
        for prev in reversed(previous[-1:]):
            pool += [(t, prev.text, prev.start) for t in reversed(prev.mentions)]
        for t, text_, base in pool:
            if gaz[t.place].kind not in _POINT_KINDS or _is_dateline(article.text, t):
                continue
            if re.search(_LANDMARK_LEAD, text_[max(0, t.start - base - 30) : t.start - base], re.I):
                continue
            added.append(Mention(article.id, t.place, m.group(), start, m.end() + s0, "anaphora"))
            break
    return sorted(here + added, key=lambda t: t.start)


# "there" as an adverb of place after a verb, not the "there" of "there were clashes"
_THERE_RE = re.compile(
    r"(?<=[a-z] )there\b(?!\s+(?:is|are|was|were|has|have|had|will|would|could|may|might|must|"
    r"seems?|seemed|appears?|appeared|remains?|remained|being|be|'s|’s)\b)"
)


_ITS_FACILITY_RE = re.compile(
    r"\b(?:[Ii]ts|[Tt]he\s+(?:city|town)['’]s)\s+(?:(?:main|nearby|sprawling|strategic|huge|giant|vast|"
    r"key|military|civilian|international)\s+)?"
    r"(?P<noun>dam|refinery|airport|air\s*base|airbase|border\s+crossing)\b"
)


_FACILITY_SUFFIX = {
    "dam": ("dam",), "refinery": ("refinery",), "airport": ("airport", "airbase"),
    "air base": ("airbase", "airport"), "airbase": ("airbase", "airport"),
    "border crossing": ("border-crossing",),
}  # fmt: skip


def _metonym(t: Mention, acts) -> bool:
    return any(a.start <= t.start and t.end <= a.end for a in acts)


_PLURAL_ANAPHOR_RE = re.compile(
    r"\b(?P<n>[Bb]oth|[Tt]he\s+two|[Tt]he\s+three)\s+(?:[a-z]+\s+)?(?P<noun>towns|cities|villages|districts)\b"
)


_PLURAL_COUNTS = {"both": 2, "the two": 2, "the three": 3}


_PLURAL_NOUNS = {"towns": "town", "cities": "city", "villages": "village", "districts": "district"}


def _provincial_capitals(gaz: Gazetteer) -> frozenset[str]:
    """Capitals of provinces, less the national capitals a report calls "the capital"
    (derived from "the capital of Iraq"): those are never "the provincial capital"."""
    national = {f.place for f in gaz.lookup(("the", "capital"))}
    return frozenset(p.capital for p in gaz if p.capital) - national


def _landmark_lead(lead: str) -> bool:
    """Whether the words before a place make it a landmark ("40 miles from Mosul")."""
    # "Near Hit, two strikes hit ... in the ISIL-held town": a fronted "Near" sets the scene.
    return bool(re.search(_LANDMARK_LEAD, lead, re.I)) and not re.search(
        r"(?:^|[^\w\s,]\s*)(?-i:Near)\s+$", lead
    )


_LANDMARK_LEAD = (
    # "were driven from Jurf al-Sakhar" is about the place; "40 miles from Mosul" is not.
    r"(?:(?<!driven\s)(?<!pushed\s)(?<!expelled\s)(?<!ousted\s)(?<!withdrew\s)(?<!withdrawn\s)"
    r"(?<!retreated\s)(?<!evicted\s)(?<!freed\s)(?<!cleared\s)(?<!liberated\s)(?<!retook\s)"
    r"(?<!ccess\s)(?<!home\s)(?<!advanced\s)(?<!advancing\s)(?<!marched\s)(?<!marching\s)"
    r"(?<!headed\s)(?<!heading\s)"
    r"\b(?:from|near|outside|toward|towards|to|linking|connecting|joining|between)\s+"
    # "battling to retake Ramadi" is about Ramadi: an infinitive is no preposition.
    r"(?!(?:re)?(?:take|capture|seize|storm|enter|claim|gain)\s|liberate\s|free\s|hold\s|"
    r"defend\s|protect\s|secure\s|control\s|attack\s|besiege\s|encircle\s|surround\s)"
    r"(?:the\s+)?(?:\w+\s+){0,1}|"
    r"\b(?:linking|connecting|joining|between)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:with|and|to)\s+|"
    r"\b(?:from|near|outside|toward|towards)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:city|town|village)\s+of\s+|"
    # "40 miles west of Mosul", "the stronghold of Mosul to Raqqa"; but "the recapture of
    # Fallujah" is about Fallujah.
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|miles?|km|kilometres?|kilometers?|side|direction|"
    r"road|highway|route|border|stronghold|bastion|gates|heart|centre|center)\s+of\s+"
    r"(?:the\s+)?(?:\w+\s+){0,1}|"
    r"\b(?:spokesman|spokeswoman|official|officials|commander|correspondent|reporters?|"
    r"sources?|said|says|told|speaking|based|headquarters)\s+(?:\w+\s+)?(?:in|from)\s+)$"
)
