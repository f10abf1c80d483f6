"""Find the places an article names: gazetteer names, aliases, variants and descriptions."""

from __future__ import annotations

import re

from .gazetteer import Form, Gazetteer
from .model import AREA_KINDS, Article, Mention, Unresolved
from .text import ARTICLES, Token, tokenize

__all__ = ["find_mentions", "find_unresolved"]

# Words after which a capitalised name is a person, not a place ("Gen. Ali Karbala").
_TITLES = frozenset(
    """gen general lt col colonel maj major capt captain sgt mr mrs ms dr sheikh sheik imam
    ayatollah president minister premier sen senator rep gov governor king prince mullah
    abu umm ibn bin bint emir caliph judge pope brother sister""".split()
)
# Capitalised words after a name that make it an organisation, not a place.
_ORG_WORDS = frozenset(
    """university college company corporation corp club bank airways airlines television tv
    times post agency fc sc inc ltd cement""".split()
)
# Capitalised words that may follow a place name without making it a person's name.
_PLACE_FOLLOWERS = frozenset(
    """province governorate city town district subdistrict dam airport airbase base refinery
    police governor council operations command river valley lake mountain mountains plain plains
    region road highway gate bridge camp front offensive residents officials mayor area crossing
    border military army security forces oilfield field prison university hospital mosque
    shrine citadel square centre center old new greater north south east west northern southern
    eastern western central upper lower monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december isis
    isil and or""".split()
)
_LOCATIVE = frozenset(
    "in at from to near into toward towards outside of around across through via captured seized".split()
)
_AREA_CUES = frozenset({"province", "governorate", "provincial", "provinces", "governorates"})
_SETTLEMENT_CUES = frozenset({"city", "town", "village", "district", "municipality", "airport"})


def find_mentions(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Every gazetteer place named in the article, longest name first, in text order.

    Descriptions ("the Iraqi capital") resolve too; a name shared by a province and its
    capital is the province only when the text says so ("Kirkuk province").
    """
    text = article.text
    toks = tokenize(text)
    out: list[Mention] = []
    i = 0
    n_toks = len(toks)
    while i < n_toks:
        hit = _match_at(toks, i, text, gazetteer)
        if hit is None:
            i += 1
            continue
        n, form = hit
        start, end = toks[i].start, toks[i + n - 1].end
        # A possessive is part of the token; the mention is the name alone.
        if toks[i + n - 1].possessive:
            end -= 2 if text[end - 1] in "sS" else 1
        out.append(Mention(article.id, form.place, text[start:end], start, end, form.via))
        i += n
    return out


def _match_at(toks: list[Token], i: int, text: str, gaz: Gazetteer) -> tuple[int, Form] | None:
    for n in range(min(gaz.max_len, len(toks) - i), 0, -1):
        window = toks[i : i + n]
        # A name never runs across a sentence end ("...in Mosul. Tikrit ...").
        if n > 1 and re.search(r"[.;:!?\n]", text[window[0].end : window[-1].start]):
            continue
        forms = gaz.lookup(tuple(t.norm for t in window))
        if not forms:
            continue
        forms = tuple(f for f in forms if _acceptable(f, window, toks, i, n))
        if not forms:
            continue
        return n, _choose(forms, toks, i, n, gaz)
    return None


def _acceptable(form: Form, window: list[Token], toks: list[Token], i: int, n: int) -> bool:
    if form.via == "description":
        return True
    # Names are proper nouns: the first word after any "al-" must be written capitalised.
    head = window[1] if len(window) > 1 and window[0].norm in ARTICLES else window[0]
    if not head.upper:
        return False
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.norm in _TITLES and prev.upper:
        return False
    if i + n < len(toks):
        nxt = toks[i + n]
        if nxt.upper and nxt.norm in _ORG_WORDS:
            return False
        # "Hamza Hendawi and ...": a one-word place name followed by a capitalised word that
        # ends the name is a person, unless a preposition shows it is a place.
        nxt2 = toks[i + n + 1] if i + n + 1 < len(toks) else None
        if (
            len(window) == 1
            and nxt.upper
            and not nxt.possessive
            and not head.possessive
            and nxt.norm not in _PLACE_FOLLOWERS
            and not nxt.norm.isdigit()
            and nxt.start - head.end == 1
            and (nxt2 is None or not nxt2.upper)
            and (prev is None or prev.norm not in _LOCATIVE)
        ):
            return False
    return True


def _choose(forms: tuple[Form, ...], toks: list[Token], i: int, n: int, gaz: Gazetteer) -> Form:
    if len(forms) == 1:
        return forms[0]
    areas = [f for f in forms if gaz[f.place].kind in AREA_KINDS]
    others = [f for f in forms if gaz[f.place].kind not in AREA_KINDS]
    after = toks[i + n].norm if i + n < len(toks) else ""
    before = [t.norm for t in toks[max(0, i - 3) : i]]
    wants_area = after in _AREA_CUES or (
        len(before) >= 2 and before[-1] == "of" and before[-2] in _AREA_CUES
    )
    wants_settlement = after in _SETTLEMENT_CUES or (
        len(before) >= 2 and before[-1] == "of" and before[-2] in _SETTLEMENT_CUES
    )
    if areas and wants_area:
        return _prefer_names(areas)
    if others and (wants_settlement or not wants_area):
        return _prefer_names(others)
    return _prefer_names(list(forms))


def _prefer_names(forms: list[Form]) -> Form:
    order = {"name": 0, "alias": 1, "description": 2}
    return sorted(forms, key=lambda f: (order[f.via], f.place))[0]


_NAME = r"(?:(?:al|el|Al|El|an|ar|as|ad)[-\s])?[A-Z][\w'’ʿ]+(?:[-\s](?:al-|el-)?[A-Z][\w'’ʿ]+){0,3}"
_KIND = r"town|village|city|hamlet|district|sub-?district|area|region|province|neighbou?rhood|suburb|camp|settlement|oilfield|base"
_UNRESOLVED_RES = (
    # "the town of X", "the village of X"
    re.compile(r"\b(?:the|a)\s+(?:\w+\s+){0,2}?(?:" + _KIND + r")\s+of\s+(" + _NAME + r")"),
    # "X, a town in ...", "X, a small village near ..."
    re.compile(
        r"(?<![\w-])(" + _NAME + r"),\s+an?\s+(?:\w+\s+){0,3}?(?:" + _KIND + r")\s+"
        r"(?:in|near|north|south|east|west|outside|about|some|on|of|close)\b"
    ),
    # "the X district", "the X camp"
    re.compile(r"\bthe\s+(" + _NAME + r")\s+(?:district|sub-?district|neighbou?rhood|area|camp)\b"),
)


def find_unresolved(
    article: Article, mentions: list[Mention], gazetteer: Gazetteer
) -> list[Unresolved]:
    """Place-like names ("the village of X") that the gazetteer lacks, with their context."""
    text = article.text
    covered = [(m.start, m.end) for m in mentions]
    seen: set[tuple[int, int]] = set()
    out = []
    for rx in _UNRESOLVED_RES:
        for m in rx.finditer(text):
            start, end = m.span(1)
            name = text[start:end]
            # Trailing capitalised words of a following sentence are not part of the name.
            if any(s < end and start < e for s, e in covered) or (start, end) in seen:
                continue
            if _is_known(name, gazetteer):
                continue
            seen.add((start, end))
            lo, hi = max(0, m.start() - 60), min(len(text), m.end() + 60)
            context = " ".join(text[lo:hi].split())
            out.append(Unresolved(article.id, name, start, end, context))
    out.sort(key=lambda u: (u.start, u.end))
    return out


def _is_known(name: str, gaz: Gazetteer) -> bool:
    key = tuple(t.norm for t in tokenize(name))
    return bool(gaz.lookup(key)) or (
        len(key) > 1 and key[0] in ARTICLES and bool(gaz.lookup(key[1:]))
    )
