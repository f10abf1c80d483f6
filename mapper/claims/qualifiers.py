"""What a claim is qualified by: negation, hypothesis, attribution and date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..articles import parse_date
from ..model import Article, ControlClaim, Mention
from ..text import split_sentences
from .patterns import (
    _ATTRIB_RES,
    _FACT_INF_RE,
    _HYPO_RE,
    _MONTHS,
    _NEG_RE,
    _NOT_SOURCES,
    _REL_DATE_RE,
    _TO_INF_RE,
    _WEEKDAYS,
    _Sentence,
    _tail,
)


def _claim(article, sent, m, place, actor, kind, hint, gaz) -> ControlClaim:
    ts = m.start()
    before = sent.text[:ts]
    negated = hint if hint is not None else _negated(sent.text, ts, m.end(), kind)
    hypothetical = _hypothetical(before, m.group(), kind)
    attempt = re.search(
        r"\b(?:tried|attempted)\s+(?:\w+ly\s+|again\s+|twice\s+)?(?:and\s+failed\s+)?to\s+$",
        before,
        re.I,
    )
    if (
        hypothetical
        and kind == "captured"
        and attempt
        and not re.search(
            r"\b(?:if|unless|whether|could|would|might|may|will)\b", _tail(before, 60), re.I
        )
    ):
        # "the militants have tried to storm Haditha twenty times": the attempt is a fact, and
        # an attack on a place is a fight over it, whoever kept it ("tried and failed" too).
        kind, actor, hypothetical = "contested", None, False
        negated = hint if hint is not None else _negated(sent.text, attempt.start(), ts, kind)
    if (
        not hypothetical
        and _NOMINAL_RE.match(m.group())
        and re.search(r"(?:^|\bthat\s+|[,;:—–]\s*|\b(?:but|and)\s+)\s*$", before, re.I)
        and _MODAL_AFTER_RE.match(sent.text, m.end())
    ):
        hypothetical = True  # "The recapture of Tikrit ... would be the army's first success"
    if (
        not hypothetical
        and kind == "contested"
        and re.match(
            r"(?:an?\s+|the\s+)?(?:\w+\s+)?(?:assault|attack|offensive|battle|push|operation)s?\b",
            m.group(),
            re.I,
        )
        and re.match(
            r"[^,;.]{0,40}?\s+[\"“]?(?:(?:could|would|might|may|will)\s+(?:\w+\s+)?(?:come|begin|start|"
            r"be\s+launched|follow|take\s+place|happen)\b|(?:is|are|was|were)\s+(?:\w+ly\s+)?"
            r"(?:(?:expected|planned|scheduled|set|due|likely|slated|poised)\s+to\s+(?:begin|start|"
            r"come|be\s+launched|get\s+under\s*way|take\s+place)\b|(?:being\s+)?(?:planned|"
            r"prepared|readied)\b)|has\s+(?:yet|still)\s+to\s+(?:begin|start)\b|(?:has|have)\s+"
            r"(?:not|never)\s+(?:yet\s+)?(?:begun|started)\b)",
            sent.text[m.end() :],
        )
    ):
        # "an assault on the city itself could come within days", "the offensive on Mosul is
        # expected to begin next month", "has yet to start"
        hypothetical = True
    return ControlClaim(
        doc=article.id,
        place=place.place,
        actor=actor,
        kind=kind,
        negated=negated,
        hypothetical=hypothetical,
        quote=sent.text,
        start=sent.start,
        end=sent.end,
        attributed_to=_attribution(sent.text, ts),
        date=_clause_date(sent, _date_anchor(sent, m, place), article),
        trigger=m.group().strip(),
    )


_NOMINAL_RE = re.compile(
    r"(?:the\s+)?(?:fall|capture|seizure|takeover|recapture|retaking|re-taking|storming|"
    r"liberation|conquest|loss)\s+of\b",
    re.I,
)


# The nominal's verb is a modal: "[the fall of] Baghdad, the capital, would mean ...".
_MODAL_AFTER_RE = re.compile(
    r"[^,;.]{0,40}?(?:,(?:[^,;()]|\([^()]*\)){0,100},)?\s+(?:would|could|might|may|will)\s+"
    r"(?:(?:not|also|surely|likely|probably)\s+)?(?:be|mark|give|open|allow|deal|represent|cut|"
    r"hand|mean|leave|put|end|change|threaten|make|spell|become)\b",
)


_PARTICIPLE_CLAUSE_RE = re.compile(
    r",\s*(?:stressing|saying|adding|insisting|noting|explaining|pointing\s+out|affirming|"
    r"confirming|asserting)\b",
    re.I,
)


# A conjunction opening a clause with a subject and a verb of its own (the lookahead reads
# past the trigger, so the search runs over the text, not only the part before it).
_SUBORDINATE_RE = re.compile(
    r" (?:since|after|when|because|until|although|though|whereas) "
    r"(?=(?:the\s+|its\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:had\s+|have\s+|has\s+)?"
    r"(?:\w+ed|took|retook|overran|fell|won|lost|held|drove|swept|left|fled|withdrew|"
    r"came|began|broke|went|ran)\b|"
    r"(?:it|they|he|she|we)\b)"
)


def _clause_before(text: str, pos: int, subordinate: bool = False) -> str:
    before = text[:pos]
    cut = max(
        before.rfind(";"),
        before.rfind(" but "),
        before.rfind(" while "),
        # " as " opens a clause ("as troops advanced"), not in "described ... as having"
        max((m.start() for m in re.finditer(r" as (?!having\b|being\b)", before)), default=-1),
        # "It no longer controls Mosul, which government forces declared liberated"
        before.rfind(", which "),
        before.rfind(", where "),
        # "has not been retaken and remains under ISIS control": a second predicate
        max(
            (
                m.start()
                for m in re.finditer(
                    r" and (?=(?:still\s+|now\s+|also\s+)?(?:remains?|remained|stays?|stayed|"
                    r"holds?|held|controls?|controlled|is\s+still|was\s+still|said|says|added|"
                    r"insisted|told|reported)\b)",
                    before,
                )
            ),
            default=-1,
        ),
        before.rfind(", who "),
        # "has not been retaken since ISIS seized it": a subordinate clause has its own polarity
        # (a modal may still reach into it: "would fall after the army withdrew")
        max(
            (m.start() for m in _SUBORDINATE_RE.finditer(text, 0, pos + 80) if m.start() < pos),
            default=-1,
        )
        if subordinate
        else -1,
        before.rfind(" — "),
        before.rfind(" – "),
        before.rfind(": "),
        # "denied that X fell, stressing that Y holds it": the denial ends with its clause.
        max(
            (m.start() for m in _PARTICIPLE_CLAUSE_RE.finditer(before)),
            default=-1,
        ),
    )
    # "X said the army had not lost the town": the negation may sit in the same clause only.
    return before[cut + 1 :] if cut >= 0 else before


_DENIED_AFTER_RE = re.compile(
    r"\b(?:were|was|are|is|proved|proven|turned\s+out\s+to\s+be)\s+(?:\w+ly\s+)?(?:false|untrue|"
    r"baseless|unfounded|incorrect|wrong|denied|inaccurate|fabricated)\b",
    re.I,
)


_LONG_DENIAL_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|refuted|refutes|dismissed|dismisses)\s+"
    r"(?:[^.;]{0,120}?\b(?:reports?|claims?|lies|rumou?rs?|allegations?|accounts?)\b[^.;]{0,80}?"
    r"\b(?:that|claiming|saying|suggesting|alleging|of|about)\b|what\b[^.;]{0,80}?\b(?:about|of|"
    r"that)\b)[^.;]{0,120}$",
    re.I,
)


def _negated(text: str, ts: int, te: int, kind: str) -> bool:
    clause = _clause_before(text, ts, subordinate=True)
    # "It did not, and that, rather than the recapture of Ramadi, ...": a new clause
    clause = re.split(r",\s+and\s+(?=\w+(?:,|\s+\w+))", clause)[-1]
    window = _tail(clause, 70)
    # "It is not the first time that Baghdad has declared victory": a repetition, no denial.
    window = re.sub(r"\bnot\s+(?:for\s+)?the\s+(?:first|only|last)\b", "", window, flags=re.I)
    if _NEG_RE.search(window):
        # "not only seized" is not a denial; "no sooner" neither.
        if not re.search(
            r"\bnot\s+only\b|\bno\s+sooner\b|\bwithout\s+(?:(?:a|any|much|significant|serious)\s+)?"
            r"(?:fight|fighting|resistance|battle|shot|struggle|bloodshed|clashes)\b",
            window,
            re.I,
        ):
            return True
    # "denies the lies spread by certain channels claiming that the terrorists recaptured":
    # a denial of reports reaches into the reported clause, however long the lead.
    if _LONG_DENIAL_RE.search(_tail(clause, 260)):
        return True
    if re.search(
        r"\b(?:no\s+truth\s+(?:to|in|behind)|(?:baseless|unfounded|fabricated|groundless|false))"
        r"\s+(?:the\s+)?(?:reports?|claims?|rumou?rs?|allegations?)\s+(?:that|of)\b[^.;]{0,160}$",
        _tail(clause, 260),
        re.I,
    ):
        return True  # "There is no truth to reports that the Mosul Dam has been captured"
    # "There was no fighting in Kirkuk", "no militants remain".
    if re.search(r"\bno\s+(?:\w+\s+){0,1}$", _tail(clause, 25), re.I):
        return True
    after = text[te : te + 40]
    if re.match(r"\s*(?:nothing|no\s+(?:ground|territory|towns?|villages?))\b", after, re.I):
        return True
    # "Reports that Kurdish forces had seized Jalawla were false".
    if re.search(
        r"\b(?:reports?|claims?|rumou?rs?)\s+(?:(?:on|in|from)\s+[\w\s-]{1,30}?\s+)?(?:that|of)\b",
        clause,
        re.I,
    ) and _DENIED_AFTER_RE.search(text[te:]):
        return True
    return False


def _hypothetical(before: str, trigger: str, kind: str) -> bool:
    clause = _clause_before(before, len(before))
    if re.search(
        r"\b(?:thwarted|foiled|repelled|repulsed|blocked|halted|stopped|defeated)\s+(?:an?\s+|the\s+|"
        r"their\s+|its\s+)?(?:\w+\s+)?(?:attempts?|bids?|efforts?)\s+(?:by\s+[^,.;]{1,40}?\s+)?to\s+$"
        r"|\byet\s+to\s+$",
        _tail(clause, 120),
        re.I,
    ):
        return False  # "troops thwarted an attempt to seize Samarra": a failed act, negated
    if re.search(
        r"(?:^|[;:\"“(]\s*)Had\s+(?!been\b)(?:[\w'’-]+\s+){1,4}$"
        r"|[;,]\s+had\s+(?:it|they|the\s+\w+|[A-Z][\w'’-]+)\s+(?:\w+\s+)?$",
        before,
    ):
        return True  # "Had Amerli fallen, ...": a counterfactual
    if re.search(
        r"\b(?:once|when|until|unless)\s+(?:[\w'’-]+\s+){1,4}(?:is|are)\s+(?:\w+ly\s+)?$",
        _tail(before, 60),
        re.I,
    ):
        return True  # "once al-Bab is secured, his forces ...": a time yet to come
    if re.search(
        r"\b(?:talk|prospects?|possibility|plans?|hopes?|fears?|risk|chances?|threat|rumou?rs?|"
        r"idea|dream)\s+of\s+(?:an?\s+|the\s+|any\s+)?(?:[\w-]+\s+){0,2}$"
        r"|\b(?:capable\s+of|(?<!un)(?<!was\s)(?<!were\s)(?<!been\s)able\s+to|ability\s+to|"
        r"strong\s+enough\s+to)\s+(?:\w+\s+)?$",
        _tail(before, 80),
        re.I,
    ):
        return True  # "the talk of an imminent push on Raqqa", "no force capable of holding it"
    # "May 17", "in May": a date, not a modal (which is written "may" inside a sentence).
    window = re.sub(r"\bMay(?=\s+\d)|(?<=\d\s)May\b|(?<=[a-z,]\s)May\b", "   ", _tail(clause, 60))
    if _TO_INF_RE.search(window) and kind != "threatened" and not _FACT_INF_RE.search(window):
        return True  # "vowed to retake", "a push to recapture"
    if _HYPO_RE.search(window):
        # "has threatened to march on" is itself the claim, not a hypothesis about it.
        if kind == "threatened" and re.match(r"(?:threaten|vow|pledge|promise)", trigger, re.I):
            rest = window[_HYPO_RE.search(window).start() :]
            if not re.search(r"\b(?:if|could|would|might|may|unless)\b", rest, re.I):
                return False
        # "amid attempts by the organisation to advance towards it", "trying to advance on
        # Haditha": the attempt under way is the threat. (A plan stays an intention.)
        if kind == "threatened" and all(
            re.fullmatch(r"trying|tried|tries|try|attempting|attempted|attempts?|seeking|bid\s+to|"
                         r"efforts?\s+to", h.group(), re.I)
            for h in _HYPO_RE.finditer(window)
        ):  # fmt: skip
            return False
        # "ISIS, which took Mosul, could" - a modal after the trigger is not seen here.
        return True
    return False


_ABBREV_DOT_RE = re.compile(r"\b(?:[A-Z][a-z]{0,4}|[A-Z](?:\.[A-Z])+)\.(?=\s|[A-Z])")


def _attribution(sentence: str, pos: int | None = None) -> str | None:
    """Who the sentence says it comes from; the clause around ``pos`` first.

    "State television said troops had regained Tal Afar, but a Turkmen politician said the
    militants still controlled the town": each claim gets its own clause's speaker.
    """
    # "Brig. Gen." keeps its dots out of the way (same length, so offsets hold).
    masked = _ABBREV_DOT_RE.sub(lambda m: m.group()[:-1] + "\u2024", sentence)
    if pos is not None:
        cuts = [0] + [
            m.end() for m in re.finditer(r";|,\s*(?:but|while|whereas)\b|\bbut\b", masked)
        ]
        start = max(c for c in cuts if c <= pos)
        ends = [
            m.start()
            for m in re.finditer(r";|,\s*(?:but|while|whereas)\b|\bbut\b", masked)
            if m.start() > pos
        ]
        end = min(ends) if ends else len(masked)
        found = _attribution_in(masked[start:end], sentence[start:end])
        if found:
            return found
    return _attribution_in(masked, sentence)


def _attribution_in(masked: str, sentence: str) -> str | None:
    found = _source_in(masked, sentence, _ATTRIB_RES[:2])
    if found is None:
        # "The Amaq news agency, which speaks for ISIS, said": skip the relative clause.
        cut = list(re.finditer(r",\s*(?:which|who)\s+[^,;\"“”]{1,60},", masked))
        for m in reversed(cut):
            masked = masked[: m.start()] + masked[m.end() :]
            sentence = sentence[: m.start()] + sentence[m.end() :]
        found = _source_in(masked, sentence, _ATTRIB_RES[:2] if cut else ())
    return found or _source_in(masked, sentence, _ATTRIB_RES[2:])


def _source_in(masked: str, sentence: str, rxs) -> str | None:
    for rx in rxs:
        for m in rx.finditer(masked):
            src = " ".join(sentence[m.start("src") : m.end("src")].split()).strip(" ,.'\"“”")
            src = re.sub(r"^(?:and|but|as|while|also)\s+", "", src, flags=re.I)
            # "By Sunday evening the army said": the time is not part of the source
            src = re.sub(
                r"^(?:By|On|Late|Early|Later)\s+(?:on\s+)?(?:\w+day|[A-Z]\w+\s+\d{1,2})"
                r"(?:\s+(?:evening|morning|night|afternoon))?,?\s+",
                "",
                src,
            )
            src = re.sub(r"\s+\w+ly$", "", src)  # "The Commission categorically denies"
            src = re.sub(
                r"\s+(?:now|still|also|later|(?:have|has|had)\s+not)$", "", src, flags=re.I
            )
            src = re.sub(r"^(?:UPDATE|CORRECTION)\b[^:]{0,25}:\s*", "", src)  # "UPDATE 2: ..."
            # "The government has said": the auxiliary is not part of the source.
            src = re.sub(
                r"\s+(?:has|have|had|also|later|previously|earlier|repeatedly)$",
                "",
                src,
                flags=re.I,
            )
            if len(src) < 3 or _NOT_SOURCES.match(src):
                continue
            if re.match(r"(?:which|who|whom|that|where|when)\b", src, re.I):
                continue  # "Mosul, which government forces declared liberated"
            if re.search(r"\b(?:was|were|is|are|been|being|be)$", src, re.I):
                continue  # "heavy fighting was reported": a passive, not a source
            if re.search(r"\b(?:to|of|in|behind|about|on|for|with|from|by)$", src, re.I):
                continue  # "There is no truth to reports that": "reports" is a noun here
            if re.fullmatch(r"(?:baseless|unfounded|false|fabricated|groundless|media)", src, re.I):
                continue  # "Baseless claims that ..."
            src = re.sub(
                r"\s+(?:dismissed|denied|rejected|confirmed|disputed|questioned|refuted|echoed)$",
                "",
                src,
            )  # "Officials dismissed reports that ...": the officials
            if re.match(
                r"(?:in|on|at|near|from|that|to|by|as|after|before|for|with|during|overnight|"
                r"contrary|despite|amid)\b",
                src,
                re.I,
            ):
                continue  # "reported in Baiji on Tuesday": a place or time, not a source
            if len(src.split()) > 10:
                continue
            return src
    return None


_SHIFT_RE = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|\d+)\s+days?\s+(?P<dir>later|after|before|earlier)\b|"
    r"\b(?:the\s+)?(?P<next>next|following)\s+(?:day|morning|evening|night)\b|"
    r"\bthe\s+(?P<prev>previous|preceding)\s+(?:day|morning|evening|night)\b",
    re.I,
)


_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip


def _date_anchor(sent: _Sentence, m: re.Match, place: Mention) -> int:
    """Where a claim's date is looked for: at its place when that follows the trigger in the
    same clause ("seized Mosul on June 10 and Tikrit on June 11"), else at the trigger."""
    p = place.start - sent.start
    if p > m.end() and not re.search(r"[,;]", sent.text[m.end() : p]):
        return p
    return m.start()


def _clause_date(sent: _Sentence, ts: int, article: Article) -> str | None:
    """The date of the comma-delimited part around the trigger, else of the whole sentence."""
    text = sent.text
    cuts = [0] + [m.end() for m in re.finditer(r"[,;]", text)]
    start = max(c for c in cuts if c <= ts)
    ends = [m.start() for m in re.finditer(r"[,;]", text) if m.start() >= ts]
    end = min(ends) if ends else len(text)
    part = text[start:end]
    if len(_REL_DATE_RE.findall(part)) > 1:
        # "attacked Tikrit on Monday and retook it on Tuesday": the conjunct of the trigger
        ands = [m for m in re.finditer(r"\s(?:and|but|then|before|after)\s", part)]
        lo = max([m.end() for m in ands if start + m.end() <= ts] + [0])
        hi = min([m.start() for m in ands if start + m.start() >= ts] + [len(part)])
        if _REL_DATE_RE.search(part[lo:hi]):
            start, part = start + lo, part[lo:hi]
    previous = _previous_date(sent, article)
    whole = _claim_date(text, article.published, previous)
    shift = _SHIFT_RE.search(part)
    if shift or _REL_DATE_RE.search(part):
        dated_before = bool(start and _REL_DATE_RE.search(text[:start]))
        earlier = (
            _claim_date(text[:start], article.published, None, shifts=False)
            if dated_before
            else None
        )
        if (
            shift
            and earlier
            and (shift.group("dir") or "").lower() in ("after", "before")
            and not _REL_DATE_RE.search(part[shift.end() :])
        ):
            # "Rutba fell on Sunday, a day after the militants took al-Qaim": the event in
            # the "after" clause is the earlier one.
            n = shift.group("n")
            days = int(n) if n.isdigit() else _SMALL[n.lower()]
            sign = -1 if shift.group("dir").lower() == "after" else 1
            return (date.fromisoformat(earlier) + timedelta(days=sign * days)).isoformat()
        return _claim_date(part, article.published, earlier or previous)
    return whole


def _previous_date(sent: _Sentence, article: Article) -> str | None:
    """The date the sentence before this one gives, for "a day later", "the next morning"."""
    before = article.text[max(0, sent.start - 400) : sent.start]
    spans = split_sentences(before)
    if len(spans) < 1:
        return None
    last = before[spans[-1][0] : spans[-1][1]]
    return _claim_date(last, article.published, None, shifts=False)


def _claim_date(
    sentence: str, published: str | None, previous: str | None = None, shifts: bool = True
) -> str | None:
    if not published:
        return None
    try:
        pub = date.fromisoformat(published)
    except ValueError:
        return None
    shift = _SHIFT_RE.search(sentence) if shifts else None
    if shift is not None:
        # "a day after Sunday": the date named after the shift; "a day later": the last one.
        if shift.group("n"):
            days = (
                int(shift.group("n"))
                if shift.group("n").isdigit()
                else _SMALL[shift.group("n").lower()]
            )
            sign = 1 if shift.group("dir").lower() in ("later", "after") else -1
        else:
            days, sign = 1, (1 if shift.group("next") else -1)
        anchor_text = (
            sentence[shift.end() :]
            if (shift.group("dir") or "").lower() in ("after", "before")
            else ""
        )
        anchor = (
            _claim_date(anchor_text, published, None, shifts=False) if anchor_text else previous
        )
        if anchor_text and anchor == published and not _REL_DATE_RE.search(anchor_text):
            anchor = previous
        if anchor:
            return (date.fromisoformat(anchor) + timedelta(days=sign * days)).isoformat()
    ago = re.search(
        r"\b(?P<n>a|one|two|three|four|five|six|\d+)\s+(?P<u>days?|weeks?)\s+ago\b", sentence, re.I
    )
    if ago:
        n = int(ago.group("n")) if ago.group("n").isdigit() else _SMALL[ago.group("n").lower()]
        return (
            pub - timedelta(days=n * (7 if ago.group("u").lower().startswith("w") else 1))
        ).isoformat()
    ordinal = re.search(
        rf"\bthe\s+(?P<o>{'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+of\s+(?P<mon>{_MONTHS})\b",
        sentence,
        re.I,
    )
    if ordinal:
        o = ordinal.group("o").lower()
        day = _ORDINALS.index(o) + 1 if o in _ORDINALS else int(re.match(r"\d+", o).group())
        month = _MONTHS.split("|").index(ordinal.group("mon").title()) + 1
        try:
            d = date(pub.year, month, day)
        except ValueError:
            d = None
        if d is not None:
            if d > pub + timedelta(days=14):
                d = d.replace(year=d.year - 1)
            return d.isoformat()
    for m in _REL_DATE_RE.finditer(sentence):
        if re.search(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", sentence[: m.start()], re.I):
            continue  # "held since June 2014": a state that lasts to the report's day
        if m.group("my") or m.group("mon") or m.group("yr"):
            month = _MONTHS.split("|").index((m.group("my") or m.group("mon") or "January").title())
            year = int(m.group("myear") or m.group("yr") or pub.year)
            d = date(year, month + 1, 1)
            if d > pub and not (m.group("myear") or m.group("yr")):
                d = d.replace(year=year - 1)
            if d > pub:
                continue
            return d.isoformat()
        if m.group("wd"):
            target = _WEEKDAYS.index(m.group("wd").lower())
            back = (pub.weekday() - target) % 7
            if m.group("last") and m.group("last").lower() == "last" and back == 0:
                back = 7
            return (pub - timedelta(days=back)).isoformat()
        if m.group("yest"):
            w = m.group("yest").lower()
            return (pub - timedelta(days=1 if w in ("yesterday", "overnight") else 0)).isoformat()
        if m.group("week"):
            days = {"week": 7, "weekend": 2, "month": 30}[m.group("week").lower()]
            return (pub - timedelta(days=days)).isoformat()
        if m.group("md"):
            md = m.group("md")
            hit = parse_date(md if re.search(r"\d{4}", md) else f"{md} {pub.year}")
            if hit:
                d = date.fromisoformat(hit[0])
                # A date just after publication is an update ("UPDATE (Fri 19 Feb)"); one
                # months ahead is last year's.
                if d > pub + timedelta(days=14) and not re.search(r"\d{4}", md):
                    d = d.replace(year=d.year - 1)
                return d.isoformat()
    return published
