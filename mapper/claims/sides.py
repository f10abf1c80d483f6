"""Which side a trigger is about: named actors, pronouns, speakers and the other side of an event."""

from __future__ import annotations

import re

from ..actors import ActorMention
from ..model import ControlClaim
from .patterns import (
    _AIR_RE,
    _GROUP_WORDS_RE,
    _LOOKBACK,
    _PRONOUN_RE,
    _STATES,
    _gap,
    _lead,
    _Sentence,
)
from .places import (
    _after_places,
    _dedupe,
)


def _actor_in(sent: _Sentence, start: int, end: int) -> str | None:
    for a in sent.actors:
        # An actor's possessive ("ISIS's") may run past a span that stops at the name.
        if a.start >= start and a.start < end and a.end <= end + 2:
            return a.actor
    return None


def _actor_after(sent: _Sentence, pos: int, within: int) -> str | None:
    for a in sent.actors:
        if pos <= a.start <= pos + within:
            return a.actor
    return None


def _actor_after_by(sent: _Sentence, pos: int) -> str | None:
    found = _actors_after_by(sent, pos)
    return found[0] if found else None


def _actors_after_by(sent: _Sentence, pos: int) -> list[str]:
    """The agents of a passive: "by Kurdish peshmerga and Iraqi troops" gives both."""
    rest = sent.text[pos - sent.start :]
    m = re.match(r"\s*(?:[\w'’]+\s+){0,6}?by\s+|\s*", rest, re.I)
    if m.group().strip() == "" and not re.match(
        r"\s*by\b", sent.text[pos - sent.start - 3 :], re.I
    ):
        if not sent.text[: pos - sent.start].rstrip().lower().endswith("by"):
            return []
    if re.search(r"[,;]", m.group()):
        return []
    start = pos + m.end()
    first = [a for a in sent.actors if start <= a.start <= start + 40]
    if not first:
        return []
    return _actor_chain(sent, first[0])


def _actor_chain(sent: _Sentence, first: ActorMention) -> list[str]:
    """The actor and those coordinated after it: "our forces and the Hashed al-Shaabi"."""
    chain = [first]
    for a in sent.actors:
        if a.start <= chain[-1].start:
            continue
        if re.match(
            r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|together\s+with|along\s+with)?\s*(?:the\s+)?$",
            _gap(sent, chain[-1].end, a.start),
            re.I,
        ) and not (
            # "retaken by ISIS, and the SDF remain deployed": a new clause, not a partner
            re.match(r"^\s*,\s*and\b", _gap(sent, chain[-1].end, a.start))
            and re.match(
                r"\s+(?:\w+ly\s+)?(?:remain|remains|are|is|was|were|have|has|had|say|said|hold|held)\b",
                sent.text[a.end - sent.start :],
            )
        ):
            chain.append(a)
        else:
            break
    return list(dict.fromkeys(a.actor for a in chain))


def _actor_after_to(sent: _Sentence, pos: int) -> str | None:
    rest = sent.text[pos - sent.start :]
    m = re.match(
        r"\s*(?:[\w'’.]+\s+){0,3}?(?:to|into\s+the\s+hands\s+of|into|under\s+the\s+control\s+of)\s+",
        rest,
        re.I,
    )
    if not m or re.search(r"[,;]", m.group()):
        return None
    return _actor_after(sent, pos + m.end(), within=40)


def _adjacent_actor_left(sent: _Sentence, pos: int) -> str | None:
    """ "the insurgent takeover of" / "ISIS's capture of": an actor right before the noun."""
    for a in reversed(sent.actors):
        if a.end <= pos:
            # "ISIS's swift capture of", never "held by the army after the fall of"
            if re.fullmatch(
                r"(?:['’]s?)?\s*(?:(?!(?:after|before|since|following|until|in|of|with|by|for|"
                r"and|or|but|during|amid|on|at|from|to|as|when|while)\b)[a-z-]+\s+){0,2}",
                _gap(sent, a.end, pos),
                re.I,
            ):
                return a.actor
            return None
    return None


_ACTOR_COORD_RE = re.compile(
    # (", and" is not a partner: "has not been retaken by ISIS, and the SDF remain")
    r"^\s*(?:and|(?:,\s*)?(?:as\s+well\s+as|together\s+with|along\s+with))\s*"
    # "Iraqi troops and several thousand Shiite volunteers"
    r"(?:(?:the|several|some|many|hundreds|thousands|dozens|of|\d[\d,]*|hundred|thousand|allied|their|its|local|kurdish|iraqi|syrian|arab|turkmen|sunni|shiite|shia|yazidi|christian|tribal|federal)\s+){0,3}$",
    re.I,
)


def _subject_actors(sent: _Sentence, idx: int, sentences: list[_Sentence], pos: int) -> list:
    """The subject actors of a trigger: "Iraqi troops and Shiite militiamen drove ..."."""
    first = _subject_actor(sent, idx, sentences, pos)
    if first is None:
        return [None]
    left = [a for a in sent.actors if a.end <= pos]
    js = [k for k, a in enumerate(left) if a.actor == first]
    out = [first]
    # "the same forces" stands for several sides on one span.
    spans = {(left[j].start, left[j].end) for j in js}
    out += [a.actor for a in left if (a.start, a.end) in spans]
    # Partners coordinated with any mention of the subject's side ("Iraqi troops and several
    # thousand Shiite volunteers, many from the Badr Organisation, drove ...").
    for j in reversed(js):
        k = j
        while k > 0 and _ACTOR_COORD_RE.match(_gap(sent, left[k - 1].end, left[k].start)):
            out.append(left[k - 1].actor)
            k -= 1
        k = j
        while k + 1 < len(left) and _ACTOR_COORD_RE.match(
            _gap(sent, left[k].end, left[k + 1].start)
        ):
            out.append(left[k + 1].actor)
            k += 1
    return list(dict.fromkeys(out))


_SAID_THAT_RE = re.compile(
    r"^(?:['’]s?)?\s+(?:(?:\w+\s+){0,3}?(?:spokesman|spokeswoman|command|statement)\s+)?"
    r"(?:said|says|claimed|claims|announced|announces|stated|insisted|confirmed|added|reported|"
    r"declared|boasted|acknowledged|admitted)(?:\s+(?:on|late|early|in|at)\s+\w+(?:\s+\w+)?)?"
    r"(?:\s+(?:in|on)\s+(?:a|an|its|their)\s+[\w-]+(?:\s+[\w-]+)?)?\s*,?\s+(?:that\s+)?$",
    re.I,
)


def _speaker_of(sent: _Sentence, pron_pos: int, pron: str) -> str | None:
    """ "The army said it had regained Udaim": "it" and "they" after "X said" are X."""
    if pron.lower() not in ("it", "they", "its", "their"):
        return None
    for a in reversed([a for a in sent.actors if a.end <= pron_pos]):
        if _SAID_THAT_RE.match(_gap(sent, a.end, pron_pos)):
            return a.actor
        break
    return None


def _subject_actor(sent: _Sentence, idx: int, sentences: list[_Sentence], pos: int) -> str | None:
    """The actor doing the trigger: nearest named actor or pronoun before it."""
    candidates = [a for a in sent.actors if a.end <= pos]
    if (
        candidates
        and re.fullmatch(r"\s+to\s+", _gap(sent, candidates[-1].end, pos))
        and re.search(
            r"\b(?:attempts?|bids?|efforts?|push|drive|offensive|plans?)\s+by\s+(?:the\s+)?$",
            _lead(sent, candidates[-1].start, 30),
            re.I,
        )
    ):
        return candidates[-1].actor  # "an attempt by militants to seize Samarra"
    if candidates and re.fullmatch(
        r"\s*,?\s*(?:who|that|,\s*which)\s+(?:(?:had|has|have|also|later|then|first|\w+ly)\s+){0,2}",
        _gap(sent, candidates[-1].end, pos),
        re.I,
    ):
        # "from ISIS fighters who had captured it overnight", "Jabhat al-Nusra, which had
        # controlled the town since 2013"
        return candidates[-1].actor
    best = None
    for a in reversed(candidates):
        before = _lead(sent, a.start, 12)
        if (
            re.search(r"['’]s?$", a.text) or re.match(r"['’]s?\s", sent.text[a.end - sent.start :])
        ) and re.search(
            r"\b(?:broke|break|breaks|breaking|lifted|ended|of|on|against|from|into|after|before|"
            r"despite|with|under|behind|through)\s+$",
            before,
            re.I,
        ):
            continue  # "regime forces broke Isis's siege ... and recaptured Mayadin"
        # An actor after "by"/"against"/"with" is not the subject of a later verb.
        if (
            re.search(r"\b(?:by|against|with|from|to|on)\s*(?:the\s+)?$", before, re.I)
            and not (
                # "fighters from the Islamic State overran Tikrit": members of the side act.
                re.search(
                    r"(?<!\bwith\s)(?<!\bagainst\s)(?<!\bby\s)(?<!\bthe\s)\b(?:fighters|militants|members|"
                    r"gunmen|units|troops|forces|soldiers|elements|men|militiamen|volunteers)\s+"
                    r"(?:from|of)\s+(?:the\s+)?$",
                    _lead(sent, a.start, 30),
                    re.I,
                )
            )
            and not (
                # "With the militants advancing on Baghdad, ...": the subject of the participle.
                re.fullmatch(
                    r"\s*[\"“]?(?:With|Without)\s+(?:the\s+)?", _gap(sent, sent.start, a.start)
                )
                and re.match(
                    r"\s*(?:\w+\s+){0,3}?\w+ing\b", _gap(sent, a.end, min(sent.end, pos + 40))
                )
            )
        ):
            continue
        # Nor is the second of two coordinated actors ("the army and the militias"); after
        # a clause ("the roads are cut and the militants surround it") it is the subject.
        if re.search(r"\band\s+(?:the\s+)?$", before, re.I) and any(
            o.end <= a.start
            and re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", _gap(sent, o.end, a.start), re.I)
            for o in candidates
        ):
            continue
        gap = _gap(sent, a.end, pos)
        if re.search(r"[;:]", gap):
            break
        lead_in = _lead(sent, a.start, 160)
        if re.search(
            r"\bwith\s+(?:the\s+)?(?:\w+\s+)?(?:support|help|backing|assistance|cover|aid)\s+(?:of|from)\b"
            r"[^.;:]*$",
            lead_in,
            re.I,
        ) and re.fullmatch(r"\s*,\s*(?:\w+\s+){0,2}", gap):
            continue  # "Our forces, with the support of ... the coalition, today completed ..."
        if (
            re.fullmatch(r"[^,;:]*,\s*(?:\w+ly\s+)?", gap)
            and re.search(r",\s*[^,;:]*$", _gap(sent, sent.start, a.start))
            and any(o.end <= a.start and o.actor != a.actor for o in candidates)
        ):
            # "ISIS fighters, some wearing YPG uniforms, entered the town": a side named in
            # an aside is not the subject.
            continue
        best = a
        break
    # A pronoun nearer than any named actor refers back.
    pron_zone = _gap(sent, best.end if best else sent.start, pos)
    pron = None
    for pm in _PRONOUN_RE.finditer(pron_zone):
        pron = pm
    if pron is not None and pron.group().lower() not in ("which", "who"):
        pron_pos = (best.end if best else sent.start) + pron.start()
        speaker = _speaker_of(sent, pron_pos, pron.group())
        if speaker is not None:
            return speaker
        if pron.group().lower().split()[0] in ("it", "its") and _GROUP_WORDS_RE.search(
            _gap(sent, sent.start, pron_pos)
        ):
            # "The group said in a statement that it had also taken Rabia"
            return _group_actor(sent, idx, sentences, pron_pos)
        if _GROUP_WORDS_RE.match(pron.group()):
            return _group_actor(sent, idx, sentences, pron_pos)
        if pron.group().lower().startswith("the alliance"):
            # An alliance in these reports is the SDF or the coalition, never the group.
            return _context_actor(
                sent, idx, sentences, pron_pos, pronoun=True, exclude=frozenset({"isis"})
            )
        return _context_actor(
            sent,
            idx,
            sentences,
            pron_pos,
            pronoun=True,
            singular=pron.group().lower() in ("it", "its"),
        )
    if best is not None:
        return best.actor
    return None


def _told(earlier: dict[str, list[ControlClaim]], places) -> list[ControlClaim]:
    """The claims the article has already made about these places, in order."""
    return [c for p in _dedupe(places) for c in earlier.get(p.place, ())]


def _holders(sent: _Sentence, ts: int, places, earlier) -> frozenset[str]:
    """Who the article says holds these places: never their besieger."""
    out = {
        c.actor
        for c in _told(earlier, places)
        if c.actor and c.kind in ("holds", "captured") and not c.negated and not c.hypothetical
    }
    for a in sent.actors:
        if a.end <= ts and re.match(
            r"\s+(?:still\s+|now\s+)?(?:holds?|held|controls?|controlled|occupies|occupied)\b",
            sent.text[a.end - sent.start :],
            re.I,
        ):
            out.add(a.actor)
        # "Fallujah, held by ISIS since January, is surrounded": the holder named in an aside
        if a.end <= ts and re.search(
            r"\b(?:held|controlled|occupied|run|dominated)\s+by\s+(?:the\s+)?$|"
            r"\b(?:in\s+the\s+hands\s+of|under\s+the\s+control\s+of)\s+(?:the\s+)?$",
            sent.text[max(0, a.start - sent.start - 30) : a.start - sent.start],
            re.I,
        ):
            out.add(a.actor)
    return frozenset(out)


def _credited_actors(sent: _Sentence, ts: int) -> list[str]:
    """ "through the steadfastness of the Popular Mobilisation and their brothers in the Iraqi
    army, the area was liberated": the sides a statement credits with an agentless event."""
    m = re.search(
        r"\b(?:through|thanks\s+to|with\s+the\s+help\s+of|by\s+the\s+(?:efforts|hands)\s+of)\b",
        _gap(sent, sent.start, ts),
        re.I,
    )
    if m is None:
        return []
    start = sent.start + m.end()
    return list(
        dict.fromkeys(
            a.actor for a in sent.actors if start <= a.start and a.end <= ts and a.actor != "isis"
        )
    )


def _group_actor(sent: _Sentence, idx: int, sentences: list[_Sentence], pos: int) -> str | None:
    """ "the group", "its fighters": an armed group, never a state; in this war the Islamic
    State whenever the article has named it."""
    named = any(
        a.actor == "isis" and a.end <= pos
        for p in sentences[max(0, idx - _LOOKBACK) : idx + 1]
        for a in p.actors
    )
    if named:
        return "isis"
    return _context_actor(sent, idx, sentences, pos, exclude=_STATES)


def _named_before(sent: _Sentence, pos: int) -> bool:
    """An actor is named (or referred to by pronoun) before ``pos`` in this sentence."""
    if any(a.end <= pos for a in sent.actors):
        return True
    return bool(re.search(r"\b(?:they|it|the\s+group)\b", _gap(sent, sent.start, pos), re.I))


def _context_actor(
    sent: _Sentence,
    idx: int,
    sentences: list[_Sentence],
    pos: int,
    exclude_places: bool = False,
    captor: bool = False,
    exclude: frozenset[str] = frozenset(),
    pronoun: bool = False,
    singular: bool = False,
    ground: bool = False,
) -> str | None:
    """The actor a trigger without a named agent refers to.

    This sentence before ``pos`` (latest first), then this sentence after it (first
    first), then the subjects of the two sentences before. ``captor``: who took a place,
    never the government that lost it (unless it was retaken: ``exclude`` says who is out).
    """
    if captor and not exclude:
        exclude = frozenset({"iraqi-government"})

    def ok(a: ActorMention) -> bool:
        # "it" never stands for "government forces" or "the militants"; aircraft take no town.
        return (
            a.actor not in exclude
            and not (singular and _plural(a))
            and not ((captor or ground) and _AIR_RE.search(a.text))
        )

    before = [a for a in sent.actors if a.end <= pos and ok(a)]
    if pronoun:
        # "The militants attacked under a sandstorm that grounded coalition aircraft, and
        # they overran ...": a subject pronoun refers back to a subject, not an object.
        subjects = [a for a in before if _SUBJECT_LEAD_RE.search(_gap(sent, sent.start, a.start))]
        before = subjects or before
    if before:
        return _prefer_aggressor(before, captor)
    if captor:
        after = [a for a in sent.actors if a.start >= pos and ok(a)]
        if after:
            return after[0].actor
    fallback: list[ActorMention] | None = None
    for back in range(1, 4 if pronoun else 3):
        if idx - back < 0:
            break
        prev = sentences[idx - back]
        if pronoun:
            opening = prev.text.lstrip()
            group = _GROUP_WORDS_RE.search(opening)
            first_actor = prev.actors[0].start - prev.start if prev.actors else len(prev.text)
            if group and group.start() < first_actor:
                # "Isn't the group already beaten? It is badly weakened."
                return _group_actor(prev, idx - back, sentences, prev.start + group.end())
            if re.match(r"(?:(?:but|and|yet|still|now)\s+)?(?:it|they)\b", opening, re.I):
                continue  # "It is badly weakened. It no longer ...": the same referent
        # "They" picks up the previous sentence's subject: its first actor.
        subjects = [
            a
            for a in prev.actors
            if ok(a)
            and not re.search(
                r"\b(?:by|against|with|from|to|on|of|once|after|when|as)\s+(?:the\s+)?(?:\w+\s+)?$"
                # "Coalition aircraft struck ISIS positions": the object of a strike
                r"|\b(?:struck|hit|bombed|targeted|shelled|attacked|pounded|killed|fought)\s+(?:the\s+)?$",
                _lead(prev, a.start, 25),
                re.I,
            )
            and not re.search(
                r",\s*(?:which|who|whom|where)\s+(?:\w+\s+){0,2}$",
                _lead(prev, a.start, 30),
                re.I,
            )
        ]
        # "Police said the militants had taken the compound. They ...": the speaker of a
        # report is not whom the next sentence's "they" picks up.
        spoken = [a for a in subjects if not _SPEAKER_AFTER_RE.match(prev.text, a.end - prev.start)]
        subjects = spoken or subjects
        if subjects:
            return _prefer_aggressor(list(reversed(subjects)), captor)
        # Only objects here ("aircraft struck ISIS positions"): a subject further back first.
        if fallback is None and [a for a in prev.actors if ok(a)]:
            fallback = [a for a in prev.actors if ok(a)]
    if fallback:
        return _prefer_aggressor(list(reversed(fallback)), captor)
    if captor:
        # Fall back on the side the article has talked about most so far.
        counts: dict[str, int] = {}
        for prev in sentences[max(0, idx - _LOOKBACK) : idx + 1]:
            for a in prev.actors:
                if ok(a) and a.end <= pos:
                    counts[a.actor] = counts.get(a.actor, 0) + 1
        if "isis" in counts:
            return "isis"  # the side that takes and threatens towns in these reports
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        # An opening "The fall of Ramadi ..." names its captor in the sentences that follow.
        ahead = [a for nxt in sentences[idx + 1 : idx + 3] for a in nxt.actors if ok(a)]
        if ahead:
            return _prefer_aggressor(ahead, captor)
    return None


def _plural(a: ActorMention) -> bool:
    """ "government forces", "the militants": a plural noun, never referred to as "it"."""
    last = a.text.split()[-1] if a.text.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")


_SUBJECT_LEAD_RE = re.compile(
    r"(?:^|[,;:\"“]\s*(?:and\s+|but\s+|then\s+)?|\b(?:and|but|as|when|after|while|before|"
    r"because|since|until|once)\s+)(?:the\s+)?(?:(?![\w’'-]*(?:ed|ing)\s)[\w’'-]+\s+){0,2}?$",
    re.I,
)


_SPEAKER_AFTER_RE = re.compile(
    r"(?:\s+\w+){0,3}?\s+(?:said|says|say|told|reported|claimed|announced|added|stated|"
    r"describe|describes|described|insisted|insists|denied|denies|deny|rejected|dismissed)\b",
    re.I,
)


def _prefer_aggressor(pool: list[ActorMention], captor: bool) -> str:
    """The latest of the pool; for an agentless fall, the Islamic State if it is there (in
    this war a town that "fell" without a named captor fell to it)."""
    if captor and any(a.actor == "isis" for a in pool):
        return "isis"
    return pool[-1].actor


def _loser(sent, ts, te, places, captor) -> list:
    """ "militants seized X after the army withdrew": the army lost X."""
    out = []
    rest = sent.text[te - sent.start :]
    m = re.search(
        r"\b(?:after|as|when|once)\s+(?P<who>(?:the\s+)?[\w\s'’.-]{2,40}?)\s+(?:had\s+)?(?:withdrew|"
        r"retreated|fled|pulled\s+out|pulled\s+back|fell\s+back|abandoned|deserted|melted\s+away|collapsed|"
        r"surrendered)",
        rest,
        re.I,
    )
    if m:
        start = te + m.start("who")
        who = _actor_in(sent, start, te + m.end("who"))
        after = te + m.end()
        frm = re.match(
            r"\s+from\s+(?:the\s+)?(?:town\s+of\s+)?([A-Z][\w'’-]+)",
            sent.text[after - sent.start :],
        )
        # "a week after the factions withdrew from Nasib": another place
        elsewhere = frm is not None and all(not p.text.startswith(frm.group(1)) for p in places)
        if who and who != captor and not elsewhere:
            out += [(p, who, "lost", None) for p in places]
    # "retook the Mosul Dam from ISIS militants": lost by whoever it was taken from.
    end = _after_places(places, te)
    frm = re.match(
        r"\s*(?:\([^()]{1,40}\)\s*)?(?:[\w'’]+\s+){0,3}?from\s+",
        sent.text[end - sent.start :],
        re.I,
    )
    # "entered the town from Turkey", "swept in from the north": where they came from
    arrival = re.match(
        r"(?:enter|entered|enters|entering|moved|moving|pushed|pushing|swept|sweeping|crossed|"
        r"crossing|rolled|poured|marched|advanced)\b",
        sent.text[ts - sent.start : te - sent.start],
        re.I,
    )
    if frm and not arrival and not re.search(r"[,;]", frm.group()):
        who = _actor_after(sent, end + frm.end(), within=20)
        if who and who != captor and all(o[1] != who for o in out):
            out += [(p, who, "lost", None) for p in places]
    return out
