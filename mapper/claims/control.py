"""Control claims: each trigger match is read through its frame into (place, actor, kind)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..actors import side_of_adjective
from ..gazetteer import Gazetteer
from ..model import AREA_KINDS, Article, ControlClaim, Mention
from .patterns import (
    _APPOSITIVE,
    _BLOCK_RE,
    _CLAUSE_BREAK_RE,
    _COORD_RE,
    _GROUP_WORDS_RE,
    _LOOKBACK,
    _MONTHS,
    _PARTICIPLE_RE,
    _PASSIVE_AUX_RE,
    _POINT_KINDS,
    _TRIGGER_RES,
    _gap,
    _is_dateline,
    _lead,
    _Sentence,
)
from .places import (
    _after_places,
    _dedupe,
    _everything,
    _is_in_after_np,
    _left_places,
    _linked_left_places,
    _qualifies,
    _relative_antecedent,
    _strip_np,
)
from .qualifiers import (
    _attribution,
    _claim,
    _clause_date,
)
from .sentences import (
    _fragment_topic,
)
from .sides import (
    _SPEAKER_AFTER_RE,
    _actor_after,
    _actor_after_by,
    _actor_after_to,
    _actor_chain,
    _actor_in,
    _actors_after_by,
    _adjacent_actor_left,
    _context_actor,
    _credited_actors,
    _group_actor,
    _holders,
    _loser,
    _named_before,
    _subject_actor,
    _subject_actors,
    _told,
)


def extract_control_claims(
    article: Article,
    sentences: list[_Sentence],
    gazetteer: Gazetteer,
    masked: set[tuple[int, int]] | None = None,
) -> list[ControlClaim]:
    """Control claims of every sentence; ``masked`` mention spans are landmarks, not targets."""
    masked = masked or set()
    claims: list[ControlClaim] = []
    seen: set[tuple] = set()
    by_place: dict[str, list[ControlClaim]] = {}

    def add(claim: ControlClaim) -> None:
        key = (claim.place, claim.actor, claim.kind, claim.negated, claim.hypothetical, claim.start)
        if key not in seen:
            seen.add(key)
            claims.append(claim)
            by_place.setdefault(claim.place, []).append(claim)

    first = previous_first = 0  # where this sentence's and the last one's claims begin
    for idx, sent in enumerate(sentences):
        previous_first, first = first, len(claims)
        targets = [
            m
            for m in sent.mentions
            if (m.start, m.end) not in masked
            and gazetteer[m.place].kind not in ("country", "water")
            and not _is_dateline(article.text, m)
            # "a force Ankara regards as terrorist": a capital standing for its government
            and not any(a.start <= m.start and m.end <= a.end for a in sent.actors)
        ]
        # A sentence without places may still claim one by pronoun: "It fell on Monday."
        if (
            not targets
            and not (idx > 0 and _IT_RE.search(sent.text))
            # "within 3km of Bashiqa, a town which the militants have held": a landmark
            # can still be the antecedent of a relative clause.
            and not (sent.mentions and _RELATIVE_RE.search(sent.text))
            and sent.topic is None
            and not (idx > 0 and _OUT_RE.search(sent.text))
            and not (sent.mentions and _WITHIN_RE.search(sent.text))
            # "Two days later the militants were in full control": of the town just named
            and not (idx > 0 and _CARRIED_RE.search(sent.text))
        ):
            continue
        taken: list[tuple[int, int]] = []
        for rx, kind, frame in _TRIGGER_RES:
            for m in rx.finditer(sent.text):
                ts, te = m.start() + sent.start, m.end() + sent.start
                if any(ts < e and s < te for s, e in taken):
                    continue
                found = _apply_frame(
                    m, kind, frame, sent, idx, sentences, targets, gazetteer, by_place
                )
                if found is None:
                    continue
                taken.append((ts, te))
                for place, actor, kind2, voice_hint in found:
                    if (
                        kind2 == "captured"
                        and actor is None
                        and (gazetteer[place.place].kind in AREA_KINDS)
                    ):
                        continue  # "the Recapture of Towns in Salahuddin": nobody, nowhere exact
                    if (
                        kind2 in ("besieged", "threatened")
                        and gazetteer[place.place].kind == "border"
                    ):
                        continue  # "cut the road between the district and the Syrian border"
                    claim = _claim(article, sent, m, place, actor, kind2, voice_hint, gazetteer)
                    if sent.text.rstrip().endswith("?") and not claim.hypothetical:
                        # "Does the group still pose a threat to Baghdad?": a question
                        # asserts nothing.
                        claim = replace(claim, hypothetical=True)
                    if frame == "adjective" and claim.hypothetical:
                        # "would not accept a corridor linking the PYD-held Kobani region": the
                        # modal governs the verb, not the place's description.
                        claim = replace(claim, hypothetical=False)
                    add(claim)
        # "pushed into Sulaiman Bek, which had been held by ISIS since June, and took it":
        # whoever held a place that another side took has lost it.
        here_claims = [c for c in claims[first:] if not c.negated and not c.hypothetical]
        for c in [c for c in here_claims if c.kind in ("captured", "lost")]:
            for extra in _capture_sides(c, sent, idx, sentences):
                if c.actor is None and extra.kind == c.kind:
                    # The speaker's side fills the agentless capture in place.
                    k = next(i for i in range(first, len(claims)) if claims[i] is c)
                    claims[k] = extra
                    group = by_place[c.place]
                    group[next(i for i, x in enumerate(group) if x is c)] = extra
                    seen.add(
                        (extra.place, extra.actor, extra.kind, extra.negated,
                         extra.hypothetical, extra.start)
                    )  # fmt: skip
                else:
                    add(extra)
        if not sent.actors:
            # "... regained control over it on 27 March. After retaking the city, a Russian
            # orchestra played there": a sentence naming no side retells the capture before.
            for k in range(first, len(claims)):
                c = claims[k]
                if c.kind != "captured" or c.actor or c.negated or c.hypothetical:
                    continue
                was = [
                    x.actor
                    for x in claims[previous_first:first]
                    if x.kind == "captured" and x.place == c.place and x.actor
                    and not x.negated and not x.hypothetical
                ]  # fmt: skip
                if len(set(was)) == 1:
                    claims[k] = replace(c, actor=was[0])
                    group = by_place[c.place]
                    group[next(i for i, x in enumerate(group) if x is c)] = claims[k]
        here_claims = [c for c in claims[first:] if not c.negated and not c.hypothetical]
        for dep in _DEPRIVING_RE.finditer(sent.text):
            # "took Dabiq, depriving the Islamic State of a village": the side deprived lost it
            d0, d1 = dep.start("who") + sent.start, dep.end("who") + sent.start
            losers = [a.actor for a in sent.actors if d0 <= a.start and a.end <= d1]
            for c in [c for c in here_claims if c.kind == "captured" and c.start == sent.start]:
                for loser in losers[:1]:
                    if loser != c.actor:
                        add(replace(c, actor=loser, kind="lost", trigger=dep.group()))
        here_claims = [c for c in claims[first:] if not c.negated and not c.hypothetical]
        # "captured Tal Afar after two days of fighting": the place was fought over.
        fight = _AFTER_FIGHT_RE.search(sent.text)
        if fight is not None:
            # "After a week of street battles, Iraqi forces wrested control of Qayyarah"
            fronted = re.fullmatch(r"[\s\"“]*", sent.text[: fight.start()]) and re.match(
                r"[^,;:.]{0,40},", sent.text[fight.end() :]
            )
            for c in here_claims:
                if (
                    (c.kind in ("captured", "lost") or (c.kind == "holds" and c.actor))
                    and c.trigger
                    and (fronted or sent.text.find(c.trigger) < fight.start())
                    and not any(
                        x.kind == "contested" and x.place == c.place for x in claims[first:]
                    )
                ):
                    add(replace(c, kind="contested", actor=None, trigger=fight.group()))
        for c in [c for c in here_claims if c.kind == "captured" and c.actor]:
            for h in here_claims:
                if (
                    h.kind == "holds"
                    and h.place == c.place
                    and h.actor
                    and h.actor != c.actor
                    and h.attributed_to == c.attributed_to  # one source, not two who disagree
                    and not any(
                        x.kind == "captured" and x.actor == h.actor and x.place == h.place
                        for x in here_claims
                    )
                ):
                    add(replace(h, kind="lost", trigger=c.trigger, date=c.date))
        # "The group said it had taken Rabia. A Kurdish official denied that, ...": the
        # claims of the sentence before, denied in this one.
        denial = _DENIED_THAT_RE.search(sent.text)
        if denial:
            # "... its fighters had taken the refinery; the ministry denied it": the claims
            # of this sentence before the denial, else those of the sentence before.
            same = [
                c
                for c in claims[first:]
                if not c.negated
                and not c.hypothetical
                and c.attributed_to
                and 0 <= sent.text.find(c.trigger or "\0") < denial.start()
            ]
            if not (same and re.search(r";|\bbut\b", sent.text[: denial.start()])):
                same = []
        if denial and (same or idx > 0):
            before_claims = same or [
                c
                for c in claims[previous_first:first]
                if not c.negated
                and not c.hypothetical
                and c.attributed_to  # one denies what someone claimed, not the narration
            ]
            source = _attribution(sent.text, _DENIED_THAT_RE.search(sent.text).start())
            for c in before_claims:
                add(
                    replace(
                        c,
                        negated=True,
                        quote=sent.text,
                        start=sent.start,
                        end=sent.end,
                        attributed_to=source,
                        date=_clause_date(sent, sent.start, article),
                    )
                )
        # "Bartella had fallen to them the same night, and so had Tel Kaif": the same claims
        # again, for the place named after "and so had".
        for t in targets:
            if not _SO_HAD_RE.search(sent.text, 0, t.start - sent.start):
                continue
            named = {x.place for x in targets if x.end <= t.start}
            for c in [c for c in claims[first:] if c.place != t.place and c.place in named]:
                add(replace(c, place=t.place))
    if article.published:
        # "British troops first captured Kirkuk from the Ottomans in 1918": another war's
        # history, written years before the report, says nothing of the present one.
        year = int(article.published[:4])
        claims = [c for c in claims if not _history(c, year)]
    claims.sort(key=lambda c: (c.start, c.place, c.kind, c.actor or ""))
    return claims


_DEPRIVING_RE = re.compile(
    r"\b(?:depriving|deprived|deprives|denying|robbing|stripping)\s+(?P<who>(?:the\s+)?[\w'’-]+"
    r"(?:\s+[\w'’-]+){0,2}?)\s+of\b",
    re.I,
)


# How many years before a report a dated claim stops being part of the war it covers.
_HISTORY_YEARS = 15


def _history(claim: ControlClaim, year: int) -> bool:
    if claim.date and int(claim.date[:4]) <= year - _HISTORY_YEARS:
        return True
    # "captured Khorramshahr in the autumn of 1980": a sentence dated only by old years
    years = [int(y) for y in re.findall(r"(?<![\d-])(?:19|20)\d\d(?![\d-]|s\b)", claim.quote)]
    return bool(years) and max(years) <= year - _HISTORY_YEARS


_TAKE_IDIOM_RE = re.compile(
    r"\s+(?:(?:barely|only|just|nearly|almost|about|some|over|under|less\s+than|more\s+than|"
    r"\w+ly)\s+)?(?:(?:a|an|one|two|three|four|five|six|several|many|some|the|\d+)\s+)?"
    r"(?:more\s+|full\s+|few\s+|long\s+)?(?:part|place|time|minutes?|hours?|days?|weeks?|"
    r"months?|years?|steps?|measures?|shelter|refuge|cover|aim|responsibility|charge|office|"
    r"power|hold\s+(?!of)|as|hostages?|prisoners?|captives?|advantage|issue|note|notice|stock|"
    r"to\s+the\s+(?:streets?|air|skies|field|stage|podium|airwaves))\b",
    re.I,
)


_CIVILIANS_RE = re.compile(
    r"\b(?:residents|civilians|families|people|inhabitants|villagers|Christians|Yazidis|"
    r"refugees|population|locals|shoppers|workers|students|children|women)\s+"
    r"(?:(?:had|have|has|who|had\s+been|were|\w+ly)\s+){0,2}$",
    re.I,
)


_DENIED_THAT_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses)\s+(?:that|this|it|"
    r"(?:the|these|those|such)\s+(?:claims?|reports?|accounts?|statements?))\s*(?:[,.;:]|$|as\b)",
    re.I,
)


_SO_HAD_RE = re.compile(
    r"(?:,\s*|\s)(?:and\s+)?(?:so|as)\s+(?:had|did|has|have|was|were|is|are)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district)\s+of\s+)?$",
    re.I,
)


_OUT_RE = re.compile(
    r"\b(?:drove|driven|pushed|forced|kicked|chased|flushed)\s+(?:\S+\s+){1,3}?out\b", re.I
)


_RELATIVE_RE = re.compile(r"\b(?:which|that|whom)\b", re.I)


_CARRIED_RE = re.compile(
    r"\bin\s+(?:\w+\s+)?control\b(?!\s+of|\s+over)|\b(?:withdrew|retreated|fled|raged|"
    r"continued|erupted|pulled\s+out|(?:driven|pushed|forced|chased|kicked|flushed)\s+out)\b",
    re.I,
)
_IT_RE = re.compile(r"\b(?:it|them)\b", re.I)


def _carried_place(sent, idx, sentences, gaz) -> list[Mention]:
    """For a sentence that names no place: the one town the sentence before is about."""
    if sent.mentions or idx == 0:
        return []
    prev = {
        t.place: t
        for t in sentences[idx - 1].mentions
        if gaz[t.place].kind in _POINT_KINDS and not t.text.isupper()  # never a dateline
    }
    return list(prev.values()) if len(prev) == 1 else []


def _apply_frame(m, kind, frame, sent, idx, sentences, targets, gaz, earlier=None):
    """(place, actor, kind, trigger-start) tuples for one trigger match, or None.

    ``earlier``: the article's claims so far, by place id.
    """
    if re.match(
        r"\s+(?:it|this|that|them|these|those|the\s+threat)\s+(?:very\s+|more\s+|so\s+)?"
        r"(?:seriously|lightly|for\s+granted)\b",
        m.string[m.end() :],
    ):
        return None  # "the government is taking it seriously"
    if re.search(r"\b(?:you|we)\s+$", m.string[: m.start()], re.I) and kind == "captured":
        return None  # "depending on which road you take"
    if kind in ("holds", "captured") and re.search(
        r"\b(?:partly|partially)\s+$", m.string[: m.start()], re.I
    ):
        return None  # "had been partly occupied by the militants": part of a place
    earlier = earlier if earlier is not None else {}
    s0 = sent.start
    ts, te = m.start() + s0, m.end() + s0
    trigger_text = m.group().lower()
    if re.match(r"(?:cleared|clearing|cleansed|purged|rid|freed)", trigger_text) and re.match(
        r"\s+(?:\w+\s+){0,2}?of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:explosives?|mines|devices|"
        r"booby[\s-]traps|IEDs|rubble|bodies|debris|ordnance|bombs)\b",
        sent.text[m.end() :],
        re.I,
    ):
        return None  # "pockets being cleared of explosive devices": demining, not a capture
    if (
        kind == "lost"
        and re.fullmatch(r"(?:deserted|abandoned|evacuated|empty|emptied)", trigger_text)
        and re.search(
            r"\b(?:remains?|remained|lies|lay|stands|stood|is|was|are|were|looks?|looked|seemed|"
            r"seems)\s+(?:\w+ly\s+)?$",
            sent.text[: m.start()],
            re.I,
        )
        and not re.match(r"\s+by\b", sent.text[m.end() :])
    ):
        return None  # "Gwer ... remains largely deserted": empty of people, not given up
    if kind == "lost" and _CIVILIANS_RE.search(sent.text, max(0, m.start() - 60), m.start()):
        return None  # "most of its residents fled to Erbil": civilians fleeing lose nothing
    if frame == "shared":
        # "In Hasakah city, government troops and the Kurdish asayish have shared control"
        sides = [a for a in _subject_actors(sent, idx, sentences, ts) if a]
        places = _right_places(sent, te, targets, gaz, max_gap=30) if te < sent.end else []
        if not places:
            places = [t for t in targets if t.end <= ts][-1:]
        return [(p, a, "holds", None) for p in places for a in sides] or None
    if frame == "where_holds":
        # "the Haditha Dam, where an Iraqi battalion and 200 tribesmen are dug in"
        a0, a1 = m.start("actor_in") + s0, m.end("actor_in") + s0
        holders = list(dict.fromkeys(a.actor for a in sent.actors if a0 <= a.start and a.end <= a1))
        places = [t for t in targets if t.end <= ts and gaz[t.place].kind in _POINT_KINDS][-1:]
        if not holders or not places:
            return None
        if not re.fullmatch(r"\s*,?\s*where\s+", _gap(sent, places[0].end, ts)):
            return None
        return [(p, a, "holds", None) for p in places for a in holders]
    if frame == "fronted_by":
        # "Abandoned by the peshmerga, the Yazidi town of Sinuni was in IS hands"
        loser = _actor_in(sent, m.start("actor_in") + s0, m.end("actor_in") + s0)
        places = [t for t in targets if t.start >= te][:1]
        if loser is None or not places or len(_gap(sent, te, places[0].start)) > 40:
            return None
        return [(p, loser, "lost", None) for p in places]
    if frame == "left_to":
        # "fled north, leaving the city to the militants": taken by those it was left to,
        # lost by those who left it.
        places = _right_places(sent, te, targets, gaz, max_gap=30)
        if not places:
            return None
        winner = _actor_after(sent, places[-1].end, within=30)
        loser = _subject_actor(sent, idx, sentences, ts)
        out = [(p, winner, "captured", None) for p in places] if winner else []
        if loser and loser != winner:
            out += [(p, loser, "lost", None) for p in places]
        return out or None
    if frame == "active":
        if m.start() > 0 and sent.text[m.start() - 1] == "-":
            return None  # "ISIS-held": the adjective frame's
        if re.match(r"enter", trigger_text, re.I) and re.search(
            r"\b(?:convoys?|aid|trucks|lorries|journalists|reporters|inspectors|monitors|civilians|"
            r"residents|families|refugees|teams?|workers|medics|ambulances)\b(?:\s+[\w'’-]+){0,5}\s+$",
            sent.text[: m.start()],
            re.I,
        ):
            return None  # "where no UN convoy has been able to enter": aid, not an army
        if re.fullmatch(r"took|take|takes|taking|taken", trigger_text) and _TAKE_IDIOM_RE.match(
            sent.text, m.end()
        ):
            return None  # "took part in", "took a month": no place was taken
        who = re.search(
            r"(?<![,\s])\s+(?:who|whether|whom)\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I
        )
        if who and not any(
            a.end - s0 <= who.start() and not sent.text[a.end - s0 : who.start()].strip()
            for a in sent.actors
        ):
            return None  # "it was not clear who controlled Baiji" (not "the militants who took")
        passive = _is_passive(sent, m)
        if passive and re.search(
            r"(?<![,\w])\s*\b(?!(?:was|were|is|are|been|being|be|had|has|have|now|still|also|already|not|never|since|recently|once|largely|fully|later|then|and|or|as|itself|themselves|both|all|each|pocket|enclave|bastion|redoubt|town|city|village|base|refinery|dam|province|capital|stronghold|hub|outpost|\w+ly)\b)[a-z]+\s+$",
            sent.text[: m.start()],
        ):
            return None  # "territory held by the Kurds": the participle describes a noun
        if passive:
            rel = (
                _relative_antecedent(sent, ts, targets, gaz)
                if re.search(
                    r",\s*(?:which|where)\s+(?:\w+\s+){0,3}$", sent.text[: m.start()], re.I
                )
                else []
            )
            places = (
                rel
                or _left_places(sent, ts, targets, gaz)
                or _pronoun_subject(sent, idx, sentences, ts, gaz)
                or _fragment_topic(sent, ts)
            )
            with_ = next(
                (
                    t
                    for t in targets
                    if t.start >= te
                    and re.fullmatch(
                        r"[^.;:]{0,60}?\b(?:together|along)\s+with\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?",
                        _gap(sent, te, t.start),
                        re.I,
                    )
                ),
                None,
            )
            if places and with_ is not None:
                # "The dam was taken by the SDF on Wednesday together with Tabqa town"
                places = _dedupe([*places, *_right_places(sent, with_.start, targets, gaz)])
            actors = _actors_after_by(sent, te)
            if not actors and re.match(
                r"\s*(?:\w+\s+){0,2}?by\s+(?:the\s+)?(?:group|organi[sz]ation|jihadists)\b",
                sent.text[te - s0 :],
                re.I,
            ):
                # "overrun by the group": the armed group the article has named.
                actors = [_group_actor(sent, idx, sentences, te)]
            if not actors:
                # "The town, held by ISIS since June, was retaken": who retakes a town is not
                # who the sentence says held it.
                again = re.match(r"(?:re|liberat|freed|clear)", trigger_text) or re.match(
                    r"\s+back\s+from\b", sent.text[te - s0 :], re.I
                )  # "taken back from Islamic State"
                # Only a side named as holding it ("held by ISIS", "under ISIS") is excluded.
                held_by = (
                    frozenset(
                        a.actor
                        for a in sent.actors
                        if a.end <= ts
                        and (
                            a.actor == "isis"
                            or re.search(
                                r"\b(?:held|controlled|occupied|seized|captured|taken|overrun|"
                                r"under)\s+(?:\w+\s+){0,2}?(?:by\s+)?(?:the\s+)?$",
                                _lead(sent, a.start, 40),
                                re.I,
                            )
                        )
                    )
                    if again
                    else frozenset()
                )
                helpers = _credited_actors(sent, ts)
                if again and _GROUP_WORDS_RE.search(sent.text[: m.start()]):
                    # "Hit, which the group took last October, has not been retaken"
                    held_by |= {_group_actor(sent, idx, sentences, ts)}
                if kind == "besieged":
                    # "Daesh still holds it, but it is cut off": the holder is the besieged.
                    held_by |= _holders(sent, ts, places, earlier)
                    # "Kurdish officials describe the town as surrounded": not by the speaker
                    held_by |= {
                        a.actor
                        for a in sent.actors
                        if a.end <= ts and _SPEAKER_AFTER_RE.match(sent.text, a.end - s0)
                    }
                actors = [a for a in helpers if a not in held_by] or [
                    _context_actor(
                        sent,
                        idx,
                        sentences,
                        ts,
                        exclude=held_by,
                        # "Rawa was captured early on Sunday": a first capture is the
                        # attacker's, not that of the side that just withdrew.
                        captor=kind == "captured" and not again,
                        ground=kind in ("captured", "besieged"),
                    )
                ]
        else:
            places = _right_places(sent, te, targets, gaz)
            held = [t for t in targets if t.end <= ts][-1:]
            if (
                not places
                and held
                and re.fullmatch(r"\s+(?:\w+ly\s+)?", _gap(sent, held[0].end, ts))
                and re.search(
                    r"\b(?:has|have|had|having|now\s+has|got|keeps|kept)\s+(?:the\s+)?"
                    r"(?:(?:city|town)\s+of\s+)?$",
                    _gap(sent, sent.start, held[0].start),
                    re.I,
                )
            ):
                places = held  # "the SDF now has Raqqa encircled on three sides"
            if not places:
                places = _pronoun_object(
                    sent, te, ts, targets, gaz, sentences[idx - 1] if idx > 0 else None
                )
            if not places:
                # "... west of Mosul, which the militants overran": a landmark may be the
                # antecedent of a relative clause.
                places = _relative_antecedent(sent, ts, _everything(sent, gaz), gaz, te)
            if (
                not places
                and kind in ("holds", "captured")
                and re.match(
                    r"\s+(?:(?:all|most|much|half|parts?|the\s+rest)\s+of\s+)?(?:the|its)\s+"
                    r"(?:\w+\s+)?(?:airport|air\s*base|base|centre|center|citadel|old\s+city|"
                    r"government\s+(?:compound|complex|quarter)|security\s+zone|"
                    r"(?:\w+\s+)?(?:neighbou?rhoods?|districts?|quarters?))\b",
                    sent.text[te - s0 :],
                    re.I,
                )
            ):
                # "In Qamishli the government still holds the airport": a part of the town
                # the clause is set in
                places = _fronted_places(sent, ts, targets)
            actors = _subject_actors(sent, idx, sentences, ts)
            if (
                re.search(r"\bonly\s+to\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I)
                and sent.actors
            ):
                first = sent.actors[0]
                if re.fullmatch(r"[\s\"“]*(?:the\s+)?", _gap(sent, sent.start, first.start), re.I):
                    # "Peshmerga forces pulled out of Gwer ..., only to retake it": the
                    # infinitive's subject is the sentence's.
                    actors = [first.actor]
            if kind == "besieged" and re.search(
                r"(?:\b(?:the|a|an|its|their|this|that)\s+(?:\w+ly\s+|long-)?|"
                r"\b(?:enter|enters|entered|entering|reach|reached|reaches|reaching|into)\s+)$",
                sent.text[: m.start()],
                re.I,
            ):
                # "Government troops in the besieged Speicher base have held out against
                # repeated ISIS assaults": a besieged place's besieger is never the subject
                # (those inside it, or those entering it); the side they hold out against is.
                end = _after_places(places, te) if places else te
                actors = [
                    a.actor
                    for a in sent.actors
                    if a.start >= end
                    and re.search(
                        r"\b(?:against|by|from)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                        _lead(sent, a.start, 30),
                        re.I,
                    )
                ][:1]
        if kind == "holds" and "run by" in trigger_text:
            places = _linked_left_places(sent, ts, targets, gaz)
            actors = _actors_after_by(sent, ts + len(m.group()) - 2)
        if not places:
            return None
        actors = [a for a in actors if a] or [None]
        if (
            actors == [None]
            and not passive
            and re.search(
                r"(?:^|[\s\-–—:])(?:After|Before|Since|Upon|On|While|Having|Following)\s+$",
                sent.text[: m.start()],
            )
        ):
            # "After retaking Rabia, the peshmerga push east": the main clause's subject.
            comma = sent.text.find(",", m.end())
            after = [a for a in sent.actors if comma >= 0 and a.start >= comma + sent.start]
            actors = [after[0].actor] if after else [None]
        if (
            actors == [None]
            and not passive
            and idx + 1 < len(sentences)
            and re.search(
                r"\b(?:forces|troops|soldiers|units|fighters)\s+(?:\w+\s+)?$",
                sent.text[: m.start()],
                re.I,
            )
        ):
            # A headline's "forces enter Tikrit": the story's first sentence says whose.
            nxt = [a for later in sentences[idx + 1 : idx + 7] for a in later.actors]
            actors = [nxt[0].actor] if nxt else [None]
        if kind in _NEEDS_ACTOR and actors == [None]:
            return None  # "residents fled Mosul", a threat by nobody: no claim about control
        if kind == "lost" and not _named_before(sent, ts) and not passive:
            return None
        out = [(p, a, kind, None) for p in places for a in actors]
        if kind == "captured" and actors != [None]:
            out += _loser(sent, ts, te, places, actors[0])
        return out
    if frame == "left":
        # "the garrison pulled out": the place is the one the sentence is about.
        if re.match(
            r"\s+(?:(?:their|its|the|all|some|most)\s+)?(?:\w+\s+)?(?:staff|personnel|employees|workers|"
            r"diplomats|nationals|citizens|advisers|advisors|contractors|experts|engineers|families)\b",
            sent.text[te - s0 :],
            re.I,
        ):
            return None  # "oil companies began pulling out their staff": no side gives ground
        actor = _subject_actor(sent, idx, sentences, ts)
        if actor is None:
            return None
        named_from = re.match(r"\s+from\s+(?:the\s+)?(?-i:[A-Z])", sent.text[te - s0 :])
        if named_from and not any(t.start == te + named_from.end() - 1 for t in sent.mentions):
            return None  # "the factions withdrew from Nasib": a place the gazetteer lacks
        places = _left_places(sent, ts, targets, gaz) or _right_places(sent, te, targets, gaz)
        if not places:
            # "The mayor, who fled to the Kurdish region, said troops had retreated": a
            # destination is not the place given up.
            places = [
                t
                for t in targets
                if t.start < ts
                and not re.search(
                    r"\b(?:to|into|toward|towards)\s+(?:the\s+)?(?:\w+\s+)?$"
                    # "a Sunni politician from the province said ... before the police withdrew"
                    r"|\b(?:politicians?|officials?|lawmakers?|MPs?|residents?|leaders?|sheikhs?|"
                    r"spokesm[ae]n|governor|natives?|families|people|tribesmen|elders?)\s+"
                    r"(?:\w+\s+)?(?:from|of|in)\s+(?:the\s+)?(?:\w+\s+)?$"
                    # "The recapture of Tikrit would be its first success since it collapsed":
                    # an event named by a noun is not where the retreat happened
                    r"|\b(?:capture|recapture|fall|liberation|loss|retaking|seizure|siege)\s+of\s+"
                    r"(?:the\s+)?$",
                    _lead(sent, t.start, 40),
                    re.I,
                )
            ][-1:]
        if not places and idx > 0 and not sent.mentions:
            # "Qayyarah was liberated on Aug. 25. ISIL fighters withdrew north.": the place
            # the previous sentence was about.
            prev = [t for t in sentences[idx - 1].mentions if gaz[t.place].kind in _POINT_KINDS]
            places = prev[:1]
        return [(p, actor, "lost", None) for p in places] or None
    if frame == "expel":
        # "troops drove the militants out of Jurf al-Sakhar": captured by the subject,
        # lost by the expelled.
        places = _right_places(sent, te, targets, gaz)
        if not places and re.match(r"\s+it\b", sent.text[te - s0 :]):
            # "liberated the sub-district of Jalawla after expelling the terrorists from it"
            places = [t for t in targets if t.end <= ts and gaz[t.place].kind in _POINT_KINDS][-1:]
        if not places:
            return None
        actors = _subject_actors(sent, idx, sentences, ts)
        loser_text = m.group("loser") or ""
        if re.search(r"\bback$", loser_text, re.I):
            return None  # "pushed the jihadists back from Baghdad's belts": kept away, not out
        loser = _actor_in(sent, m.start("loser") + s0, m.end("loser") + s0) if loser_text else None
        if loser is None and re.match(r"(?:them|it|the\s+group)\b", loser_text, re.I):
            # "peshmerga fighters drove them out": "them" is not the ones driving.
            loser = _context_actor(
                sent,
                idx,
                sentences,
                m.start("loser") + s0,
                exclude=frozenset(a for a in actors if a),
            )
        if loser is None:
            return None  # "forced to retreat from": not an expulsion
        if loser in actors:
            # "forces, who are fighting IS ..., days after driving the jihadists from Raqqa":
            # the side driven out is not the one driving; the nearest other side is.
            actors = [a for a in actors if a != loser] or [
                a.actor for a in sent.actors if a.end <= ts and a.actor != loser
            ][-1:]
        out = [(p, a, "captured", None) for p in places for a in actors]
        if loser and loser not in actors:
            out += [(p, loser, "lost", None) for p in places]
        return out
    if frame == "expel_out":
        s_loser = m.start("loser") + s0
        loser = _actor_in(sent, s_loser, m.end("loser") + s0)
        if loser is None and re.match(r"(?:them|it|the\s+group)\b", m.group("loser"), re.I):
            loser = _context_actor(sent, idx, sentences, s_loser)
        if loser is None:
            return None
        places = [t for t in targets if t.end <= ts and gaz[t.place].kind in _POINT_KINDS][-1:]
        if not places and idx > 0:
            places = [t for t in sentences[idx - 1].mentions if gaz[t.place].kind in _POINT_KINDS][
                :1
            ]
        actors = [a for a in _subject_actors(sent, idx, sentences, ts) if a and a != loser]
        if not places or not actors:
            return None
        return [(p, a, "captured", None) for p in places for a in actors] + [
            (p, loser, "lost", None) for p in places
        ]
    if frame == "cleared":
        # "the city had been cleared of militants": captured by whoever cleared it.
        places = _linked_left_places(sent, ts, targets, gaz) or _pronoun_subject(
            sent, idx, sentences, ts, gaz
        )
        loser = _actor_after(sent, te, within=25)
        if not places or loser is None:
            return None
        captors = [a.actor for a in sent.actors if a.end <= ts and a.actor != loser][-1:]
        if not captors:
            captors = [_context_actor(sent, idx, sentences, ts)]
        out = [(p, c, "captured", None) for p in places for c in captors if c and c != loser]
        return out + [(p, loser, "lost", None) for p in places]
    if frame == "fell":
        # "Mosul fell to ISIS", "the town fell", never "prices fell" (needs a place subject).
        if re.search(
            r"\b(?:the|a|its|their|this)\s+$"
            + ("" if trigger_text.lower().startswith(("fell", "fallen")) else r"|\bthat\s+$"),
            sent.text[: m.start()],
            re.I,
        ):
            return None  # "after the fall of Mosul": the noun, for the nominal frame
        if re.search(
            r"\b(?:levels?|prices?|number|rates?|output|production|temperatures?|population|value|"
            r"supply|supplies|exports?|revenues?|share|reservoir|water)\s+(?:\w+\s+){0,2}?"
            r"(?:of|in|at|behind|from)\s+(?:the\s+)?[^,;.]{1,40}$",
            sent.text[: m.start()],
            re.I,
        ) and not re.search(r"\b(?:city|town|village|base)\b", sent.text[: m.start()], re.I):
            return None  # "the water level behind the Haditha Dam has fallen"
        rel = (
            _relative_antecedent(sent, ts, targets, gaz)
            if re.search(
                r"\b(?:that|which)\s+(?:(?:had|has|have|\w+ly|once|later|then)\s+)*$",
                sent.text[: m.start()],
                re.I,
            )
            else []
        )
        places = (
            rel
            or _left_places(sent, ts, targets, gaz)
            or _pronoun_subject(sent, idx, sentences, ts, gaz)
        )
        if not places:
            return None
        if trigger_text.rstrip().endswith(" to"):
            actor = _actor_after(sent, te, within=30)
        else:
            actor = _actor_after_to(sent, te)
        # "Kurdish officials denied that it had fallen": not to the side that speaks
        speakers = frozenset(
            a.actor
            for a in sent.actors
            if a.end <= ts and _SPEAKER_AFTER_RE.match(sent.text, a.end - s0)
        )
        if actor is None and "isis" in _holders(sent, ts, places, earlier):
            # "ISIS-held Shaddadi ... SDF entered it ... accounts deny the town has fallen":
            # a town the group holds falls to whoever the article says is taking it.
            attackers = [
                c.actor
                for c in _told(earlier, places)
                if c.actor not in (None, "isis")
                and c.actor not in speakers
                and c.kind in ("captured", "threatened", "besieged")
                and not c.hypothetical
            ]
            if attackers:
                actor = attackers[-1]
        if actor is None:
            actor = _context_actor(
                sent,
                idx,
                sentences,
                ts,
                exclude_places=True,
                captor=True,
                # the government stays out too, as for any agentless capture
                exclude=speakers | {"iraqi-government"},
            )
            # An agentless "fell" in an article that has named the Islamic State fell to it.
            if actor != "isis" and any(
                a.actor == "isis" and a.end <= ts
                for p in sentences[max(0, idx - _LOOKBACK) : idx + 1]
                for a in p.actors
            ):
                actor = "isis"
        out = [(p, actor, "captured", None) for p in places]
        return out + _loser(sent, ts, te, places, actor)
    if frame in ("nominal", "poss_nominal"):
        if kind == "besieged" and re.search(
            r"\b(?:break|broke|broken|breaking|breaks|lift|lifted|lifting|end|ended|ending|ends|"
            r"relieve|relieved)\s+(?:[\w'’-]+\s+){0,5}$",
            sent.text[: m.start()],
            re.I,
        ):
            # "broke the Islamic State's siege of Deir ez-Zor": the siege is over (a denied
            # siege, by whoever laid it) and the place was fought over.
            places = _right_places(sent, te, targets, gaz, max_gap=40)
            # the besieger: "imposed by Daesh", or set before the word ("the Islamic State's
            # three-year siege"), never the side that broke it
            lead = re.search(r"\bthe\s+(?:[\w'’-]+\s+){1,4}$", sent.text[: m.start()], re.I)
            owner = re.search(
                r"(?:[\w'’-]+\s+){0,2}?[\w-]+['’]s\s+(?:[\w-]+\s+){0,2}$", sent.text[: m.start()]
            )
            laid_by = (
                _actor_in(sent, ts, te)
                if re.search(r"\bby\b", trigger_text)
                else _actor_in(sent, s0 + (lead or owner).start(), ts)
                if lead or owner
                else None
            )
            out = [(p, None, "contested", None) for p in places]
            if laid_by:
                out += [(p, laid_by, "besieged", True) for p in places]
            return out or None
        if frame == "poss_nominal":
            # "Ramadi's capture by ISIS", "Tikrit's liberation": the possessor is the place.
            places = [t for t in targets if re.fullmatch(r"['’]s?\s+", _gap(sent, t.end, ts))]
        else:
            places = _right_places(sent, te, targets, gaz, max_gap=40)
        if not places:
            return None
        if kind == "besieged" and re.search(
            r"^[^;]{0,120}?\b(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+ly\s+)?(?:broken|lifted|"
            r"ended|relieved|over)\b",
            sent.text[m.end() :],
            re.I,
        ):
            return None  # "the siege of Dhuluiya ... had been broken the month before"
        actor = _actor_after_by(sent, _after_places(places, te)) or _actor_after_to(
            sent, _after_places(places, te)
        )
        if actor is None and re.search(r"\bby\b", trigger_text):
            actor = _actor_in(sent, ts, te)  # "the siege imposed by Daesh on Kuweires"
        if actor is None:
            actor = _adjacent_actor_left(sent, ts)
        poss = re.search(r"\b(?:its|their)\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I)
        if actor is None and poss:
            # "the first reversal for the group since its capture of Mosul"
            pos = sent.start + poss.start()
            if _GROUP_WORDS_RE.search(_lead(sent, pos, 40)):
                actor = _group_actor(sent, idx, sentences, pos)
            else:
                actor = _context_actor(sent, idx, sentences, pos, pronoun=True)
        if actor is None and re.search(
            r"\b(?:tighten\w*|lay|laid|laying|impose\w*|maintain\w*|keep|keeps|kept|began|begun|"
            r"(?:have|has|had|hold|holds|held)\s+an?\s+(?:firm|tight|strong|loose|iron)|"
            r"start\w*|press\w*|complet\w*|led|leads|leading|launch\w*)\s+(?:\w+\s+){0,2}$",
            sent.text[: m.start()],
            re.I,
        ):
            # "Iraqi forces continue to tighten the siege on Fallujah": the subject's act
            actor = _subject_actor(sent, idx, sentences, ts)
        word = trigger_text.replace("the ", "").split()[0]
        if re.search(
            r"\b(?:announced|announces|declared|declares|completed|completes|celebrated|confirmed|"
            r"achieved)\s+(?:\w+\s+){0,3}$",
            sent.text[: m.start()],
            re.I,
        ):
            # "the security forces and the Popular Mobilisation announced the liberation of"
            subjects = [a for a in _subject_actors(sent, idx, sentences, ts) if a]
            if subjects and word in (
                "recapture",
                "retaking",
                "liberation",
                "capture",
                "seizure",
                "conquest",
            ):
                out = [(p, a, "captured", None) for p in places for a in subjects]
                return out + _loser(sent, ts, te, places, subjects[0])
        k = kind
        if word == "loss":
            k = "lost"
        if actor is None and k == "captured":
            # "the liberation of the two towns": the capture the article has already told.
            told = [
                c.actor
                for c in _told(earlier, places)
                if c.kind == "captured"
                and c.actor
                # the Islamic State is what a town is liberated from, never who liberates it
                and not (c.actor == "isis" and word in ("recapture", "retaking", "liberation"))
                and not c.negated
                and not c.hypothetical
            ]
            if told:
                actors_told = list(dict.fromkeys(told))
                return [(p, a, k, None) for p in places for a in actors_told]
        if (
            actor is None
            and k == "captured"
            and word in ("recapture", "retaking", "liberation")
            and not sent.actors
            and idx + 1 < len(sentences)
        ):
            # "The recapture of Fallujah was the biggest prize. Government troops ... encircled
            # the city": the story goes on to say who.
            nxt = [a for a in sentences[idx + 1].actors if a.actor != "isis"]
            actor = nxt[0].actor if nxt else None
        if actor is None and k in ("captured", "besieged", "threatened"):
            # "the liberation of Qayyarah": the Islamic State is what it was freed from.
            freed = word in ("recapture", "retaking", "re-taking", "liberation")
            actor = _context_actor(
                sent,
                idx,
                sentences,
                ts,
                captor=True,
                exclude=frozenset({"isis"}) if freed else frozenset(),
            )
        if k == "lost" and actor is None:
            return None
        if k in _NEEDS_ACTOR and actor is None:
            return None
        out = [(p, actor, k, None) for p in places]
        return out + (_loser(sent, ts, te, places, actor) if k == "captured" else [])
    if frame in ("stronghold", "stronghold_of") and re.search(
        r"\b(?:once|formerly|former|erstwhile|one-?time|previously)\b",
        re.split(r"[,;(]", _gap(sent, max(sent.start, ts - 30), te))[-1],
        re.I,
    ):
        return None  # "Raqqa, once the group's de facto capital": history, not a holder today
    if frame in ("state", "state_neg", "state_none", "stronghold"):
        inner = m.group("actor_in") if "actor_in" in m.groupdict() else None
        actor = None
        if inner:
            actor = _inner_actor(sent, m, idx, sentences, ts)
            if actor is None:
                return None
        if frame == "state_none" or (frame == "stronghold" and trigger_text.endswith(" of")):
            places = _right_places(sent, te, targets, gaz, max_gap=30)
        else:
            places = (
                _relative_head(sent, ts, targets, gaz)
                or _linked_left_places(sent, ts, targets, gaz)
                or (_appositive_of(sent, ts, gaz) if frame == "stronghold" else [])
                or _fragment_topic(sent, ts)
                or _pronoun_subject(sent, idx, sentences, ts, gaz)
            )
        if not places:
            return None
        if kind == "besieged" and actor is None:
            held = _holders(sent, ts, places, earlier)
            actor = _context_actor(
                sent,
                idx,
                sentences,
                ts,
                exclude_places=True,
                captor=True,
                exclude=held or frozenset(),
            )
        if kind in _NEEDS_ACTOR and actor is None:
            return None
        negate = True if frame in ("state_neg", "state_none") else None
        return [(p, actor, kind, negate) for p in places]
    if frame == "declared":
        o0, o1 = m.start("obj") + s0, m.end("obj") + s0
        places = [t for t in targets if o0 <= t.start and t.end <= o1]
        if not places:
            return None
        actors = _subject_actors(sent, idx, sentences, ts)
        if actors == [None]:
            # "the commander declared the city liberated after an offensive by Iraqi forces"
            actors = [
                _actor_after_by(sent, te)
                or _context_actor(
                    sent, idx, sentences, ts, captor=True, exclude=frozenset({"isis"})
                )
            ]
        return [(p, a, "captured", None) for p in _dedupe(places) for a in actors]
    if frame == "state_right":
        first = next((a for a in sent.actors if te <= a.start <= te + 30), None)
        holders = _actor_chain(sent, first) if first else []
        if not holders and _GROUP_WORDS_RE.match(sent.text, te - s0 + 1):
            holders = [_group_actor(sent, idx, sentences, te)]  # "in the hands of the group"
        holders = [a for a in holders if a]
        places = _linked_left_places(sent, ts, targets, gaz)
        if not places and re.search(
            r"\bthat\s+(?:(?:still|now)\s+)?(?:remains?|remained|is|was|has\s+been|had\s+been|stays|"
            r"stayed|came|fell)\s+(?:\w+\s+)?$",
            _lead(sent, ts, 40),
            re.I,
        ):
            places = _relative_antecedent(sent, ts, targets, gaz)  # "..., a town that remains in"
        if not holders or not places:
            return None
        return [(p, a, kind, None) for p in places for a in holders]
    if frame == "adjective":
        actor = _inner_actor(sent, m, idx, sentences, ts)
        if actor is None:
            return None
        # "Hawija was the last ISIS-held town in Kirkuk province": the subject is the town.
        left = [t for t in targets if t.end <= ts][-1:]
        subject = (
            left
            if left
            and re.fullmatch(
                r"\s*(?:(?:,\s*)?(?:is|was|remains|remained|has\s+been|had\s+been|became)\s+"
                r"(?:now\s+|still\s+)?|,\s*)(?:the|an?|one\s+of\s+the)\s+(?:\w+\s+)?",
                # "Hawija (~55 km SW of Kirkuk) remains the last ISIS-held town"
                re.sub(
                    r"^\s*\([^()]{1,60}\)", "", _gap(sent, left[0].end, m.start("actor_in") + s0)
                ),
                re.I,
            )
            else []
        )
        if subject and re.match(
            r"\s+(?:town|city|village|district|stronghold|enclave|pocket|position|base)s?\s+"
            r"(?:in|of)\b",
            sent.text[m.end() :],
            re.I,
        ):
            return [(p, actor, "holds", False) for p in subject]
        # "ISF/PMF-held": held jointly by both sides named.
        a0, a1 = m.start("actor_in") + s0, m.end("actor_in") + s0
        joint = list(dict.fromkeys(a.actor for a in sent.actors if a0 <= a.start and a.end <= a1))
        holders = joint if "/" in m.group("actor_in") and joint else [actor]
        # "the Kurdish- and militia-held town": a suspended hyphen names a second holder
        hang = re.search(r"\b(\w+)-\s+(?:and|or)\s+[\w'’.-]+$", sent.text[: m.end("actor_in")])
        if hang:
            side = side_of_adjective(hang.group(1))
            if side and side not in holders:
                holders = [side, *holders]
        places = _right_places(sent, te, targets, gaz, max_gap=30) or [
            # "in the ISIL-held town": the description is the place it refers back to
            t
            for t in targets
            if t.via == "anaphora" and t.start <= ts and te <= t.end
        ]
        if not places:
            # "Hawija, a militant-held enclave": the place the apposition describes.
            left = [t for t in targets if t.end <= ts]
            if left and re.fullmatch(
                r"\s*(?:,|—|–|:|\s-)\s*(?:(?:an?|the|its|their)\s+)?(?!(?:in|of|on|at|near|from|to|for|with|by)\b)(?:\w+\s+)?",
                _gap(sent, left[-1].end, ts),
                re.I,
            ):
                places = left[-1:]
                if re.match(r"\s*,\s*(?:both|all|each)\b", _gap(sent, left[-1].end, te), re.I):
                    # "Mosul and Tal Afar, both ISIS-held": every place of the pair
                    places = _left_places(sent, left[-1].end, targets, gaz) or places
            if not places:
                # "Shaddadi has been ISIS-held", "It has been ISIS-held since early 2014."
                places = (
                    _linked_left_places(sent, ts, targets, gaz)
                    or _fragment_topic(sent, ts)
                    or _pronoun_subject(sent, idx, sentences, ts, gaz)
                )
        return [(p, a, "holds", False) for p in places for a in holders] or None
    if frame == "nominal_loss":
        # "the army's withdrawal from Tal Afar": lost by the side named before the noun.
        inside = [a for a in sent.actors if m.start("loser") + s0 <= a.start < m.end("loser") + s0]
        # "the withdrawal of the soldiers of the Islamic State": the last side named
        loser = inside[-1].actor if inside else None
        places = _right_places(sent, te, targets, gaz, max_gap=30)
        if loser is None or not places:
            return None
        return [(p, loser, "lost", None) for p in places]
    if frame == "strikes_near":
        o0, o1 = m.start("obj") + s0, m.end("obj") + s0
        places = [t for t in targets if o0 <= t.start and t.end <= o1]
        return [(p, None, "contested", None) for p in places[:1]] or None
    if frame == "contest_verb" and re.match(
        r"(?:struck|strike|striking|pounded|pounding|hit|fired)", trigger_text
    ):
        # Aircraft or guns strike; "twin bombings struck a mosque" is terrorism, not fighting.
        if not any(a.end <= ts and ts - a.end <= 40 for a in sent.actors):
            return None
    if frame == "flag":
        places = _right_places(sent, te, targets, gaz)
        owner = [a for a in sent.actors if a.end <= ts and ts - a.end <= 40]
        actor = owner[-1].actor if owner else None
        if actor is None and re.search(
            r"\b(?:their|its)\s+(?:\w+\s+){0,2}$", sent.text[: m.start()], re.I
        ):
            actor = _context_actor(sent, idx, sentences, ts)
        if actor is None or not places:
            return None
        return [(p, actor, "holds", None) for p in places]
    if frame == "stronghold_of":
        actor = _actor_after(sent, te, within=25)
        if actor is None:
            return None
        places = _linked_left_places(sent, ts, targets, gaz) or _appositive_of(sent, ts, gaz)
        if not places:
            left = [t for t in targets if t.end <= ts]
            if left and re.fullmatch(
                r"\s*(?:,\s*|(?:,\s*)?(?:is|was|are|were|remains|remained|has\s+been|had\s+been|"
                r"became|becomes)\s+(?:still\s+|now\s+)?)(?:(?:one|two|some)\s+of\s+)?"
                r"(?:the|an?|its|their)\s+(?:[\w-]+\s+){0,4}",
                _gap(sent, left[-1].end, ts),
                re.I,
            ):
                places = left[-1:]
        return [(p, actor, "holds", None) for p in places] or None
    if frame == "declared_passive":
        places = _left_places(sent, ts, targets, gaz) or _pronoun_subject(
            sent, idx, sentences, ts, gaz
        )
        if not places:
            return None
        actors = _actors_after_by(sent, te) or [
            _context_actor(sent, idx, sentences, ts, captor=True, exclude=frozenset({"isis"}))
        ]
        return [(p, a, "captured", None) for p in places for a in actors]
    if frame == "contest_fronted":
        return [(p, None, "contested", None) for p in _fronted_places(sent, ts, targets)] or None
    if frame == "control_passed":
        o0, o1 = m.start("obj") + s0, m.end("obj") + s0
        places = [t for t in targets if o0 <= t.start and t.end <= o1]
        actor = _actor_after(sent, te, within=25)
        if not places or actor is None:
            return None
        return [(p, actor, "captured", None) for p in places]
    if frame in ("besiege_in", "cut_road"):
        if frame == "besiege_in":
            a0 = m.start("loser") + sent.start
            if _actor_in(sent, a0, m.end("loser") + sent.start) is None:
                return None  # "surrounded the town in ...": no enemy named, not this frame
        places = _right_places(sent, te, targets, gaz, max_gap=20)
        if frame == "cut_road":
            # "cut the last road out of Manbij, to al-Bab": the town the road leaves is cut
            # off, not the one it leads to.
            places = places[:1]
        actor = _subject_actor(sent, idx, sentences, ts)
        if not places or actor is None:
            return None
        return [(p, actor, "besieged", None) for p in places]
    if frame == "dominated":
        actor = _actor_after(sent, te, within=20)
        places = _linked_left_places(sent, ts, targets, gaz) or _relative_head(
            sent, ts, targets, gaz
        )
        if actor is None or not places:
            return None
        return [(p, actor, "holds", None) for p in places]
    if frame == "held_out":
        actor = _subject_actor(sent, idx, sentences, ts)
        near = [a for a in sent.actors if a.end <= ts]
        if actor is None or (near and re.fullmatch(r"(?:the\s+)?defenders", near[-1].text, re.I)):
            return None  # "defenders" says nothing of whose they are
        places: list[Mention] = []
        if near:
            a0 = near[-1]
            # "The defenders of Haditha", "Kobani's defenders", "the garrison in Tal Afar"
            places = [
                t
                for t in targets
                if (
                    t.end <= a0.start
                    and re.fullmatch(r"['’]s?\s+(?:\w+\s+)?", _gap(sent, t.end, a0.start))
                )
                or (
                    a0.end <= t.start < ts
                    and re.fullmatch(
                        r"\s+(?:of|in|at|inside)\s+(?:the\s+)?", _gap(sent, a0.end, t.start)
                    )
                )
            ][:1]
        if not places:
            places = _linked_left_places(sent, ts, targets, gaz) or _right_places(
                sent, te, targets, gaz, max_gap=20
            )
        # "In Samarra, troops held the line around the shrine"
        places = places or _fronted_places(sent, ts, targets)
        return [(p, actor, "holds", None) for p in places] or None
    if frame == "within_reach":
        # The place is the figure's reference, a landmark for every other trigger.
        after = [
            t
            for t in _everything(sent, gaz)
            if t.start >= te and len(_gap(sent, te, t.start)) <= 25
        ]
        before = [t for t in targets if t.end <= ts]
        actors = [a for a in sent.actors if a.end <= ts]
        if (
            not after
            or not actors
            or (
                before
                and before[-1].start > actors[-1].start
                and not re.search(r"[,;:]", _gap(sent, before[-1].end, ts))
            )
        ):
            return None  # "Baquba is within 40 miles of Baghdad": a place, not a force, is near
        actor = _subject_actor(sent, idx, sentences, ts)
        if actor is None or gaz[after[0].place].kind == "border":
            return None
        return [(after[0], actor, "threatened", None)]
    if frame == "contest_defended":
        places = [t for t in _linked_left_places(sent, ts, targets, gaz) if _opens_clause(sent, t)]
        left = [t for t in targets if t.end <= ts][-1:]
        if (
            not places
            and left
            and re.fullmatch(
                r"['’]s?\s+(?:[\w-]+\s+){1,3}(?:(?:have|has|had)\s+)?(?:been\s+)?(?:\w+ly\s+)?",
                _gap(sent, left[0].end, ts),
            )
        ):
            places = left  # "Haditha's defenders repelled another assault"
        if (
            not places
            and left
            and re.search(
                r"\b(?:garrison|defenders|troops|forces|soldiers|fighters|tribesmen|police(?:men)?)\s+"
                r"(?:inside|in|at|of|holding)\s+(?:the\s+)?$",
                sent.text[max(0, left[0].start - sent.start - 40) : left[0].start - sent.start],
                re.I,
            )
            and re.fullmatch(
                r"(?:,[^,;]{1,80},)?\s*(?:(?:have|has|had)\s+)?(?:(?:continues?|continued|"
                r"managed)\s+to\s+)?(?:\w+ly\s+|again\s+)?",
                _gap(sent, left[0].end, ts),
            )
        ):
            places = left  # "The garrison inside the refinery, besieged since June, repels ..."
        if not places:
            places = _right_places(sent, te, targets, gaz, contest=True)
        places = places or _fronted_places(sent, ts, targets)
        return [(p, None, "contested", None) for p in places] or None
    if frame == "placeless":
        # "ISIS held Jalawla for five months. The militants were driven out on Sunday."
        places = _carried_place(sent, idx, sentences, gaz)
        if not places:
            return None
        if kind == "contested":
            return [(p, None, kind, None) for p in places]
        actor = _subject_actor(sent, idx, sentences, ts)
        return [(p, actor, kind, None) for p in places] if actor else None
    if frame == "control_here":
        actor = _subject_actor(sent, idx, sentences, ts)
        places = [t for t in targets if t.end <= ts][-1:]
        if not places:
            # "Tikrit fell on Wednesday. Two days later the militants were in full control."
            places = _carried_place(sent, idx, sentences, gaz)
        if actor is None or not places:
            return None
        return [(p, actor, "holds", None) for p in places]
    if frame == "contest_left":
        places = [t for t in _linked_left_places(sent, ts, targets, gaz) if _opens_clause(sent, t)]
        left = [t for t in targets if t.end <= ts][-1:]
        if not places and left and re.fullmatch(r"\s*[—–:]\s*", _gap(sent, left[0].end, ts)):
            places = left  # "Garma — Contested."
        if not places and "hands" in trigger_text:
            # "Control of Baiji changed hands": the place is inside the subject.
            places = [t for t in targets if t.end <= ts][-1:]
        return [(p, None, "contested", None) for p in places] or None
    if frame in ("contest", "contest_verb"):
        if re.search(r"\bbase\s+of\s+$", sent.text[: m.start()], re.I):
            return None  # "the group's base of operations in eastern Anbar"
        if (
            frame == "contest_verb"
            and re.fullmatch(r"attacks?|assaults?|raids?|strikes?", trigger_text)
            and re.search(
                r"\b(?:the|an?|this|that|its|their)\s+(?:\w+\s+)?$", sent.text[: m.start()], re.I
            )
            and not re.match(r"\s+(?:on|against|in|near)\b", sent.text[m.end() :], re.I)
        ):
            return None  # "the attack confirmed what Baghdad feared": a noun, with no target
        if frame == "contest_verb" and _is_passive(sent, m):
            places = _left_places(sent, ts, targets, gaz)
        else:
            places = _right_places(sent, te, targets, gaz, contest=True)
        if not places and frame == "contest_verb":
            places = _left_places(sent, ts, targets, gaz) if "came" in trigger_text else []
        if not places and frame == "contest_verb" and re.match(r"\s+it\b", sent.text[te - s0 :]):
            # "Dibis, 40 km to the north-west, was another matter: militants attacked it"
            places = _pronoun_object(
                sent, te, ts, targets, gaz, sentences[idx - 1] if idx else None
            )
        return [(p, None, "contested", None) for p in places] or None
    return None


_WITHIN_RE = re.compile(
    r"\b(?:within|less\s+than|fewer\s+than|(?:miles?|km|kilomet(?:re|er)s)\s+(?:from|of|outside))\b",
    re.I,
)


def _capture_sides(
    c: ControlClaim, sent: _Sentence, idx: int, sentences: list[_Sentence]
) -> list[ControlClaim]:
    """The other side of a capture or a loss, where the sentence names it.

    "Qayyarah has been liberated from Daesh terrorists, the Joint Operations Command said":
    the group lost it, and the command's side took it. "captured Tabqa air base, driving the
    Syrian army from its last foothold": the army lost it. "were driven out of Tal Abyad on
    Tuesday by Kurdish YPG units": the units took it.
    """
    out: list[ControlClaim] = []
    pos = sent.text.find(c.trigger) if c.trigger else -1
    if pos < 0:
        return out
    after = sent.text[pos + len(c.trigger) :]
    abs_after = sent.start + pos + len(c.trigger)
    if c.kind == "captured":
        frm = re.match(r"\s+from\s+(?:the\s+)?", after)
        back = re.match(r"\s+back\s+from\s+(?:the\s+)?", after)
        if back and re.match(r"(?:taken|won|seized|captured)$", c.trigger, re.I):
            frm = back  # "taken back from Islamic State"
        if frm and re.match(
            r"(?:liberated|freed|cleared|retaken|recaptured|regained|taken|won|seized|captured)$"
            if frm is back
            else r"(?:liberated|freed|cleared|retaken|recaptured|regained)",
            c.trigger,
            re.I,
        ):
            loser = next((a for a in sent.actors if a.start == abs_after + frm.end()), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))
        rid = re.match(r"[^,.;]{0,40}?\bof\s+(?:the\s+)?(?:remaining\s+|last\s+)?", after)
        if re.search(r"\b(?:free|clear)\s+of$", c.trigger, re.I):
            # "declared Qayyarah free of ISIS": the trigger ends with the "of"
            rid = re.match(r"\s+(?:the\s+)?(?:remaining\s+|last\s+)?", after)
        if rid and re.match(
            r"(?:cleared|clearing|freed|purged|rid|cleansed|(?:was|were|is|are|been|declared)\b.*"
            r"\b(?:free|clear)\b)",
            c.trigger,
            re.I,
        ):
            a0 = abs_after + rid.end()
            loser = next((a for a in sent.actors if a.start == a0), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))  # "cleared X of IS fighters"
        if c.actor is None:
            speaker = next(
                (
                    a
                    for a in sent.actors
                    if a.start >= abs_after
                    and a.actor != "isis"
                    and re.match(
                        r"\s*(?:\w+\s+){0,2}?(?:said|says|say|announced|announces|declared|stated)\b",
                        sent.text[a.end - sent.start :],
                    )
                ),
                None,
            )
            if speaker is not None and not any(x.actor == speaker.actor for x in out):
                out.append(replace(c, actor=speaker.actor))
        fought = re.search(
            r"^[^.;]{0,60}?\bafter\s+(?:[\w-]+\s+){0,4}?(?:fighting|clashes|battles?|combat)\s+"
            r"(?:with|against)\s+(?:the\s+)?",
            after,
            re.I,
        )
        if fought and c.actor:
            # "took control of Al-Bab on 23 February after months of fighting with ISIL"
            a0 = abs_after + fought.end()
            loser = next((a for a in sent.actors if a0 <= a.start <= a0 + 12), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))
        drive = re.search(
            r",\s*(?:driving|forcing|pushing|expelling|ousting|chasing)\s+(?:out\s+)?(?:the\s+)?",
            after,
        )
        if drive:
            a0 = abs_after + drive.end()
            loser = next((a for a in sent.actors if a0 <= a.start <= a0 + 12), None)
            if loser is not None and loser.actor != c.actor:
                out.append(replace(c, actor=loser.actor, kind="lost"))
    elif c.kind == "lost" and re.match(
        r"(?:ceded|surrendered|handed|gave\s+up|lost)\b", c.trigger, re.I
    ):
        # "The army ceded Fallujah to the militants": the side it went to took it.
        to = re.match(r"\s+(?:[\w'’-]+\s+){1,4}?to\s+(?:the\s+)?", after)
        if to:
            a0 = abs_after + to.end()
            winner = next((a for a in sent.actors if a.start == a0), None)
            if winner is not None and winner.actor != c.actor:
                out.append(replace(c, actor=winner.actor, kind="captured"))
    elif c.kind == "lost" and re.match(
        r"(?:were|was|been|being|had\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:driven|pushed|forced|chased|"
        r"kicked|expelled|ousted|routed|ejected|flushed)",
        c.trigger,
        re.I,
    ):
        by = re.match(r"[^,;:.]{0,60}?\bby\s+(?:the\s+)?", after)
        if by:
            a0 = abs_after + by.end()
            winner = next((a for a in sent.actors if a0 <= a.start <= a0 + 25), None)
            if winner is not None and winner.actor != c.actor:
                out.append(replace(c, actor=winner.actor, kind="captured"))
    return out


_AFTER_FIGHT_RE = re.compile(
    r"\b(?:after|following|ending)\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:fighting|clashes|battles?|combat|offensive|gunbattles?|firefights?|resistance)\b"
    r"(?!\s+(?:for|in|on|around|near|at|inside)\s+(?:the\s+)?[A-Z])"
    # "six days after the offensive began": a point in time, not where the fighting was
    r"(?!\s+(?:\w+\s+)?(?:began|begins|started|starts|opened|ended|was\s+launched|got\s+under\s+way))",
    re.I,
)


def _fronted_places(sent: _Sentence, ts: int, targets) -> list[Mention]:
    """The place a clause is set in: "Around Baiji, fighting has gone on", "In Samarra, troops
    held the line", "Tikrit, where fighting has raged"."""
    left = [t for t in targets if t.end <= ts]
    if left and re.fullmatch(r",\s*where\s+(?:\w+\s+){0,2}", _gap(sent, left[-1].end, ts)):
        return left[-1:]
    for t in left:
        lead = _gap(sent, sent.start, t.start)
        if re.search(
            r"(?:^|[,;]\s*|\b(?:and|but)\s+)(?:[\w\s]{0,25}?,\s*)?(?:in|around|near|inside|"
            r"outside|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
            lead,
            re.I,
        ) and not re.search(r"[;:]", _gap(sent, t.end, ts)):
            return [t]
    return []


def _appositive_of(sent: _Sentence, ts: int, gaz: Gazetteer) -> list[Mention]:
    """ "toward al-Bab, the last Islamic State stronghold": an apposition describes the place
    right before it, even a landmark of the verb before."""
    left = [t for t in _everything(sent, gaz) if t.end <= ts]
    # "seized Tabqa airbase on Sunday, the last government stronghold": a time between
    gap = _TIME_RE.sub("", _gap(sent, left[-1].end, ts)) if left else ""
    if left and re.fullmatch(
        r"(?:\s+(?:air\s*base|airbase|base|airport|dam|refinery|town|city))?\s*,\s*"
        r"(?:(?:one|two|some)\s+of\s+)?",
        gap,
        re.I,
    ):
        return left[-1:]
    return []


def _relative_head(sent: _Sentence, ts: int, targets, gaz) -> list[Mention]:
    """ "Karmah, a farming town dominated by ...", "Tal Afar, the last major city in Nineveh
    province still under militant control": the place the apposition's noun stands for."""
    left = [t for t in targets if t.end <= ts]
    for t in reversed(left[-3:]):
        if re.fullmatch(
            r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|area|enclave|"
            r"suburb|outpost|base|stronghold)\s+(?:(?:in|of)\s+[^,;]{1,40}?\s+)?"
            r"(?:(?:still|now|long|largely|once|yet)\s+)?",
            _gap(sent, t.end, ts),
            re.I,
        ):
            return [t]
    return []


def _opens_clause(sent: _Sentence, t: Mention) -> bool:
    """The place is the subject of its clause: "Baiji has seen ...", not "Residents who fled
    Baiji have seen ..."."""
    lead = sent.text[max(0, t.start - sent.start - 60) : t.start - sent.start]
    return bool(
        re.search(
            r"(?:^|[,;:\"“—–]|\b(?:and|but|while|that|as)\b)\s*(?:the\s+)?"
            r"(?:(?!(?:who|which|that|from|to|in|of|near|by|with|for|at)\b)[A-Za-z-]+(?<!ed)\s+){0,3}?"
            r"(?:(?:town|city|village|district|province)\s+of\s+)?$",
            lead,
            re.I,
        )
    )


_NEEDS_ACTOR = frozenset({"lost", "holds", "threatened", "besieged"})


_ADJ_SIDES = {
    "kurdish": "kurdish-forces", "peshmerga": "kurdish-forces", "government": "iraqi-government",
    "army": "iraqi-government", "iraqi": "iraqi-government", "jihadist": "isis", "militant": "isis",
    "rebel": "isis", "insurgent": "isis", "extremist": "isis", "isis": "isis", "isil": "isis",
    "militia": "shiite-militias", "shiite": "shiite-militias", "iranian": "iran",
    "american": "united-states", "us": "united-states", "syrian": "syrian-government",
    "group": "isis", "caliphate": "isis", "daesh": "isis", "regime": "syrian-government",
    "enemy": "isis",
}  # fmt: skip


def _inner_actor(sent, m, idx, sentences, ts) -> str | None:
    """The actor named inside a state phrase ("under ISIS control", "Kurdish-held")."""
    a0, a1 = m.start("actor_in") + sent.start, m.end("actor_in") + sent.start
    actor = _actor_in(sent, a0, a1)
    if actor is not None:
        return actor
    inner = m.group("actor_in")
    if re.search(r"\b(?:its|their|his)\b", inner, re.I):
        fronted = re.match(r"\s*(?:With|Without)\b[^,;]*,\s*", sent.text)
        if fronted and sent.start + fronted.end() > m.end("actor_in") + sent.start:
            # "With the airbase in its hands, the Islamic State now controls ...": the
            # pronoun points forward to the subject of the main clause.
            after = [a for a in sent.actors if a.start >= sent.start + fronted.end()]
            if after and after[0].start - (sent.start + fronted.end()) <= 12:
                return after[0].actor
        return _context_actor(sent, idx, sentences, ts)
    if re.search(r"\b(?:our|my)\b", inner, re.I):
        # "is in our hands," a peshmerga officer told ...: the speaker's side; in a statement
        # or an interview, the first side the document names.
        after = [a for a in sent.actors if a.start >= m.end() + sent.start]
        if after:
            return after[0].actor
        named = [a for p in sentences[: idx + 1] for a in p.actors if a.actor != "isis"]
        return named[0].actor if named else None
    last = re.sub(r"['’]s?$", "", re.split(r"[\s-]+", inner.strip().lower())[-1])
    return _ADJ_SIDES.get(last)


def _pronoun_subject(sent, idx, sentences, ts, gaz) -> list[Mention]:
    """ "It fell to ISIS on June 11": "it" is the place the previous sentence was about."""
    before = sent.text[: ts - sent.start]
    if not re.search(
        r"(?:^|[,;]\s*|\b(?:and|that|but|because|after|before|when|until|since)\s+)it\s+"
        r"(?:had\s+|has\s+|was\s+|is\s+)?(?:not\s+|never\s+)?(?:been\s+)?(?:\w+ly\s+)?"
        r"(?:(?:remains?|remained|stays?|stayed|is\s+still|was\s+still|has\s+remained)\s+)?$",
        before,
        re.I,
    ):
        return []
    # "The town has not been retaken; it remains in militant hands": this sentence's subject.
    it_pos = sent.start + re.search(r"\bit\s+(?:\S+\s+){0,4}$", before, re.I).start()
    if re.search(r"(?:;|,\s*(?:and|but))\s*it\s+(?:\S+\s+){0,4}$", before, re.I):
        here = [
            t
            for t in sent.mentions
            if t.end <= it_pos and gaz[t.place].kind not in ("country", "water", "region", "border")
        ]
        if here:
            return here[:1]
    # "Tikrit was not so lucky. It fell on 11 June, a day after Mosul. It was retaken in
    # March": a sentence that opens with "it" hands its referent on.
    k = idx - 1
    while (
        k > 0
        and re.match(r"\s*[\"“]?It\s", sentences[k].text)
        and _IT_LEAD_RE.match(sentences[k].text)
    ):
        k -= 1
    for prev in sentences[k : k + 1] if idx > 0 else []:
        settled = [
            t for t in prev.mentions if gaz[t.place].kind not in ("country", "water", "region")
        ]
        if settled:
            return settled[:1]
    return []


_IT_LEAD_RE = re.compile(
    r"\s*[\"“]?It\s+(?:had\s+|has\s+|was\s+|is\s+)?(?:not\s+|never\s+)?(?:been\s+)?(?:\w+ly\s+)?"
    r"(?:fell|was|were|stayed|remained|remains|is|has|had|changed)\b"
)


def _pronoun_object(sent, te, ts, targets, gaz, previous=None) -> list[Mention]:
    """ "overran it": the place named before the trigger, in this sentence or the last."""
    if not re.match(
        r"\s+(?:it|them|its\s+(?:[\w-]+\s+){0,2}?(?:districts?|neighbou?rhoods?|quarters?|"
        r"outskirts|centre|center|suburbs|parts?|half|airport|citadel|old\s+city))\b",
        sent.text[te - sent.start :],
        re.I,
    ):
        return []
    before = [t for t in targets if t.end <= ts]
    # "Hawija ... the last pocket held by IS in Kirkuk province before Iraqi forces entered
    # it": a town is entered, not the province that only says where it is
    points = [
        t for t in before if gaz[t.place].kind not in AREA_KINDS and gaz[t.place].kind != "border"
    ]
    if points and not re.match(r"\s+them\b", sent.text[te - sent.start :], re.I):
        before = points
    if before and re.match(r"\s+them\b", sent.text[te - sent.start :], re.I):
        # "fled Qaraqosh and other towns of the Nineveh Plains after ISIL took control of them"
        return _dedupe(
            [
                t
                for t in before
                if gaz[t.place].kind not in ("border",)
                # "In Erbil governorate, people fled ...": where the text stands, not "them"
                and not (
                    re.fullmatch(
                        r"\s*(?:In|Inside|Across|Throughout)\s+(?:the\s+)?",
                        _gap(sent, sent.start, t.start),
                    )
                    and re.match(r"\s*(?:\w+\s+)?,", _gap(sent, t.end, min(sent.end, t.end + 30)))
                )
            ]
        )
    if before:
        return before[-1:]
    if previous is not None:
        settled = [
            t for t in previous.mentions if gaz[t.place].kind not in ("country", "water", "region")
        ]
        return settled[:1]
    return []


def _is_passive(sent: _Sentence, m: re.Match) -> bool:
    word = m.group().strip()
    if not _PARTICIPLE_RE.search(word):
        return False
    before = sent.text[: m.start()]
    after = sent.text[m.end() : m.end() + 12]
    if _PASSIVE_AUX_RE.search(before):
        return True
    if not before.strip() and word[:1].isupper():
        return True  # "Retaken 4 Mar", "Captured in 2014, the town ...": a participle opening
    # Bulleted updates: "Qaraqosh: retaken by ISF on 22 Oct", "Bashiqa - surrounded".
    if re.search(r"[:\u2013\u2014-]\s*(?:\w+ly\s+)?$", before):
        return True
    if re.match(r"\s+(?:\w+\s+)?by\b", after, re.I):
        return True
    # A headline: "Sinjar freed from IS, Kurds say", "Tikrit fully liberated". A town does not
    # free or liberate anything, so a bare place subject makes the participle passive.
    if word.lower() not in ("lost", "held") and any(
        re.fullmatch(
            r"[\s\"“]*(?:[^,;:\"“”]{1,40}\b(?:says|say|said|claims|claim|announces)\s+(?:that\s+)?)?"
            r"(?:[Tt]he\s+)?",
            _gap(sent, sent.start, t.start),
        )
        and re.fullmatch(r"\s+(?:\w+ly\s+)?", _gap(sent, t.end, sent.start + m.start()))
        for t in sent.mentions
    ):
        return True
    # Reduced relative: "Mosul, seized by ISIS," / "Mosul, now held by".
    return bool(re.search(r",\s*(?:now\s+|since\s+|recently\s+|already\s+)?$", before)) and bool(
        re.match(r"\s+(?:\w+\s+){0,3}by\b", after)
    )


def _right_places(
    sent: _Sentence,
    pos: int,
    targets: list[Mention],
    gaz: Gazetteer,
    max_gap: int = 70,
    contest: bool = False,
) -> list[Mention]:
    """Places that are the object of the trigger ending at ``pos``: coordinated, unblocked."""
    out: list[Mention] = []
    cursor = pos
    for t in targets:
        if t.start < pos:
            continue
        if re.match(_MODIFIER_NOUNS, sent.text[t.end - sent.start :], re.I):
            continue  # "two Diyala towns": the place only qualifies a noun
        gap = _gap(sent, cursor, t.start)
        if out:
            # "Fallujah, which it seized in January, and the towns of Hit and Qaim": a relative
            # clause inside the list ends no clause of the list.
            gap = re.sub(
                r",\s*(?:which|where)\s+[^,;.:()]{1,60}(?=,\s*(?:and|or)\s)", "", gap, count=1
            )
        if (
            len(out) == 1
            and gaz[out[0].place].kind in AREA_KINDS
            and re.fullmatch(
                r"[^;:.]{0,40}?,\s*(?:including|such\s+as|notably)\s+(?:the\s+\w+\s+of\s+)?",
                gap,
                re.I,
            )
        ):
            # "held much of Anbar before Sunday's advance, including Fallujah"
            out.append(t)
            cursor = t.end
            continue
        if not out and re.fullmatch(r"\s*(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,3}[—–:]\s*", gap):
            # "holding the outer ring — Garma, Saqlawiyah and ...": a list after a dash
            out.append(t)
            cursor = t.end
            continue
        if (
            not out
            and gaz[t.place].kind == "facility"
            and len(gap) < 70
            and re.fullmatch(
                r"\s*(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:air\s*base|base|airport|airfield|"
                r"refinery|dam)\s+(?:at|near|outside|in|of)\s+(?:the\s+)?(?:[\w-]+\s+)?"
                r"(?:(?:town|city)\s+of\s+)?",
                gap,
                re.I,
            )
        ):
            # "captured a military airbase near the Syrian town of Tabqa": the facility the
            # town's name stands for
            out.append(t)
            cursor = t.end
            continue
        if not out and _NOUN_THEN_PLACE_RE.fullmatch(gap):
            # "has taken a string of villages since December as well as the Tishrin Dam"
            out.append(t)
            cursor = t.end
            continue
        # "Jarablus, about 20 miles (30 km) to the west, and Tal Abyad": a short bracketed
        # conversion or gloss ends no clause.
        if _CLAUSE_BREAK_RE.search(re.sub(r"\s*\([^()]{1,40}\)", "", gap)):
            break
        if gap.strip() and re.match(
            r"\s+(?:(?!and\b|but\b)\w+\s+){0,2}(?:said|says|told|reported|announced|claimed)\b",
            sent.text[t.end - sent.start :],
            re.I,
        ):
            # "..., the Defence Ministry in Baghdad said": where a source speaks from (but
            # "residents of Hashd-controlled Tuz Khurmatu reported": the place itself)
            break
        if re.search(
            r"\b(?:officials|residents|people|families|leaders|diplomats|politicians|lawmakers|"
            r"spokesm[ae]n|sources?|analysts|observers|journalists|reporters)\s+(?:\w+\s+)?"
            r"(?:in|from|of)\s+(?:the\s+)?$",
            gap,
            re.I,
        ):
            break  # "the attacks have alarmed officials in the capital": where people are
        if not contest and re.search(
            r"\b(?:(?:villages|hamlets|farms|farmland|areas|positions|checkpoints|suburbs|outskirts|"
            r"countryside|hills|orchards|roads)\s+(?:\w+\s+)?(?:around|near|outside|surrounding|"
            r"south\s+of|north\s+of|east\s+of|west\s+of)|(?:buildings|sections|quarters|"
            r"blocks|streets)\s+(?:\w+\s+)?(?:in|of))\s+(?:the\s+)?$",
            gap,
            re.I,
        ):
            break  # "took the Sunni villages around Amerli": the villages, not the town
        if contest and not out:
            if re.search(
                r"\b(?:toward|towards|from|to|past|beyond|than|except|via|along)\s+(?:the\s+)?[\w\s'’-]*$",
                gap,
                re.I,
            ):
                break
            if gaz[t.place].kind in AREA_KINDS and len(gap.split()) > 3:
                break  # "an offensive on one of the last strongholds in Nineveh province"
        if (
            len(out) == 1
            and gaz[out[0].place].kind in AREA_KINDS
            and re.match(
                r"^\s+(?:\w+\s+){0,2}?(?:town|city|village|district|refinery|dam|base|airport|crossing)\s+of\s+$",
                gap,
                re.I,
            )
        ):
            out[0] = t  # "the Anbar town of Hit": Anbar only says where Hit is
            cursor = t.end
            continue
        if not out and re.search(
            r"\b(?:town|city|village|district|suburb|area|neighbou?rhood)\s+of\s+(?-i:[A-Z])[\w'’-]+",
            gap,
        ):
            # "recaptured the strategic town of Halfaya in northern Hama": the object is a
            # place the gazetteer lacks; the province or city after it only says where
            break
        if not out:
            if _INCLUDING_RE.search(gap) and len(gap) <= 100:
                # "seized a string of towns, including Tikrit": an example of the object.
                out.append(t)
                cursor = t.end
                continue
            if (
                gaz[t.place].kind in AREA_KINDS
                and re.search(r"\b(?:towns|cities|villages|areas|places|settlements)\b", gap, re.I)
                and re.match(
                    r"\s*,\s*(?:including|such\s+as|notably)\b", sent.text[t.end - sent.start :]
                )
            ):
                # "controls most of the major towns along the river valley in Anbar, including
                # Fallujah, Hit and Rawa": the province only says where; the list is the object.
                cursor = t.end
                continue
            if len(gap) > max_gap:
                break
            stripped = _strip_np(gap)
            if not contest and _BLOCK_RE.search(stripped) and not _is_in_after_np(stripped):
                break
        else:
            prev = out[-1]
            if t.place == prev.place:
                cursor = t.end
                continue
            if gaz[t.place].kind in AREA_KINDS and re.search(r"\b(?:in|of)\s+(?:the\s+)?$", gap):
                cursor = t.end
                continue  # "Tal Afar, the last major city in Nineveh province": a qualifier
            if re.search(r",\s*and\b", gap) and re.match(
                r"\s+(?:has|have|had|is|are|was|were|remains?|remained|fell|falls|lies|sits)\b",
                sent.text[t.end - sent.start :],
            ):
                break  # "... in Ramadi, the capital, and much of Fallujah has been held": a new clause
            if (t.start, t.end) == (prev.start, prev.end):
                out.append(t)  # "both towns": one phrase standing for several places
                continue
            if re.match(r"^\s*,?\s*(?:in|of)\s+(?:the\s+)?$", gap, re.I) or re.match(
                r"^\s*,\s*(?:the\s+)?$", gap
            ):
                # "Tal Afar in Nineveh province", "Kirkuk, the oil city": a qualifier.
                if _qualifies(gaz, prev.place, t.place) or gaz[t.place].kind in AREA_KINDS:
                    cursor = t.end
                    continue
                if re.match(r"^\s*,\s*(?:the\s+)?$", gap) and prev.via == "description":
                    out.append(t)  # "Iraq's second-largest city, Mosul"
                    cursor = t.end
                    continue
            if gaz[prev.place].kind in AREA_KINDS and _INCLUDING_RE.fullmatch(gap):
                out.append(t)  # "much of Anbar province, including Fallujah"
                cursor = t.end
                continue
            if gaz[t.place].kind in AREA_KINDS and re.match(
                r"^\s*,\s*(?:the\s+)?(?:\w+\s+)?(?:centre|center|capital|heart|seat)\s+of\s+"
                r"(?:the\s+)?$",
                gap,
                re.I,
            ):
                cursor = t.end  # "Mosul, the centre of Nineveh governorate": an apposition
                continue
            if re.match(
                r"^\s*,\s*(?:near|outside|around|close\s+to|not\s+far\s+from|on|along|at|by|"
                r"astride)\b",
                gap,
                re.I,
            ):
                continue  # "..., near the Syrian border": a landmark, not one more conjunct
            bare = re.sub(r"\band\s*,", "and", re.sub(_APPOSITIVE, ",", _TIME_RE.sub("", gap)))
            bare = re.sub(
                r"^\s+(?:city|town)\b", "", bare
            )  # "parts of Hasaka city and of Qamishli"
            # "taking Garma to the north-east and Saqlawiyah to the north-west"
            bare = re.sub(
                r"^\s+to\s+the\s+(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?=\s*,|\s+and\b)",
                "",
                bare,
                flags=re.I,
            )
            if (
                not _COORD_RE.match(gap)
                and not _COORD_RE.match(re.sub(_APPOSITIVE, ",", gap))
                and not _COORD_RE.match(bare)
            ):
                if re.match(r"^\s*(?:in|inside|within)\s+[^,;]*$", gap, re.I) and len(gap) < 40:
                    cursor = t.end
                    continue
                if re.match(r"^\s*,", gap) and re.search(
                    r"\b(?:of|from|near|outside)\s+(?:the\s+)?$", gap, re.I
                ):
                    # "Bashir, a village ten miles south of the city, and Hawija": a landmark
                    # inside the apposition; the coordination may go on after it.
                    continue
                break
        out.append(t)
        cursor = t.end
    return _dedupe(out)


# "retook al-Qaim on November 3 and, a fortnight later, Rawa": time is no break.
_TIME_RE = re.compile(
    r"\s*\b(?:on|in|by|during|last|this|early|late)\s+(?:the\s+)?(?:(?:" + _MONTHS + r"|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:"
    + _MONTHS
    + r")(?:\s+\d{4})?|\w+day|week|weekend|month|year|\d{4}|morning|evening|night)\b",
    re.I,
)


# A plural object with no name, then a named place joined to it.
_NOUN_THEN_PLACE_RE = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,4}?(?:villages|towns|hamlets|areas|positions|settlements|"
    r"neighbou?rhoods|districts|territory)(?:\s+(?:since|in|on|during|last|this|over)\s+"
    r"(?:the\s+)?[\w\s]{1,20}?)?\s*,?\s+(?:and|as\s+well\s+as|along\s+with)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|district)\s+of\s+)?",
    re.I,
)


_INCLUDING_RE = re.compile(
    r"(?:^|\b(?:towns?|cities|villages?|areas?|districts?|places|territory|settlements?|"
    r"communities|positions|strongholds?|neighbou?rhoods?|parts\s+of\s+[\w\s'’-]+?|"
    r"province|governorate)\s*),?\s*(?:including|such\s+as|among\s+them|notably)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:town|city|village|district)\s+of\s+)?$",
    re.I,
)


_MODIFIER_NOUNS = (
    r"\s+(?:towns|villages|cities|areas|districts|tribes|tribesmen|residents|officials|"
    r"politicians|families|refugees|fighters|police|operations|front|road|highway|offensive|"
    r"governor|council|council's)\b"
)
