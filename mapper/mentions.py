"""Find the places an article names: gazetteer names, aliases, variants and descriptions."""

from __future__ import annotations

import bisect
import re

from .gazetteer import Form, Gazetteer
from .model import AREA_KINDS, Article, Mention, Unresolved
from .text import ARTICLES, Token, fold, tokenize

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
    times post agency fc sc inc ltd cement command""".split()
)
# Capitalised nouns of organisations named "... of <place>".
_ORG_OF_WORDS = frozenset(
    """union party front movement council university college bank assembly congress league
    association federation organisation organization society committee chamber institute
    academy museum""".split()
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


def find_mentions(
    article: Article, gazetteer: Gazetteer, tokens: list[Token] | None = None
) -> list[Mention]:
    """Every gazetteer place named in the article, longest name first, in text order.

    Descriptions ("the Iraqi capital") resolve too; a name shared by a province and its
    capital is the province only when the text says so ("Kirkuk province").
    """
    text = article.text
    toks = tokens if tokens is not None else tokenize(text)
    home = _home_country(toks)
    out: list[Mention] = []
    i = 0
    n_toks = len(toks)
    # The country of the place named last: "Fallujah, 35 miles west of the capital" in a live
    # blog that is mostly about Syria is Baghdad's.
    near: tuple[int, str] | None = None
    while i < n_toks:
        local = near[1] if near is not None and i - near[0] <= _NEAR_TOKENS else home
        hit = _match_at(toks, i, text, gazetteer, local)
        if hit is None:
            i += 1
            continue
        n, form = hit
        start, end = toks[i].start, toks[i + n - 1].end
        # A possessive is part of the token; the mention is the name alone.
        if toks[i + n - 1].possessive:
            end -= 2 if text[end - 1] in "sS" else 1
        place = _facility_of(toks, i, n, form, gazetteer)
        out.append(Mention(article.id, place, text[start:end], start, end, form.via))
        found = gazetteer[place]
        if form.via in ("name", "alias") and len(found.countries) == 1 and found.kind != "border":
            near = (i + n, found.countries[0])
        if form.also:
            # "Diyala's capital" names Baquba and, inside it, Diyala.
            inner = _inner_span(toks, i, n, gazetteer[form.also], gazetteer)
            if inner:
                s, e = inner
                out.append(Mention(article.id, form.also, text[s:e], s, e, "name"))
        i += n
    return _drop_appositive_descriptions(out, text, gazetteer)


# The countries a text may call "the country" and whose borders it means by default.
_COUNTRY_WORDS = {
    "iraq": "IQ", "iraqi": "IQ", "iraqis": "IQ", "syria": "SY", "syrian": "SY", "syrians": "SY",
    "turkey": "TR", "turkish": "TR", "iran": "IR", "iranian": "IR", "jordan": "JO",
    "jordanian": "JO",
}  # fmt: skip


_NEAR_TOKENS = 40  # how far the country of the last named place decides "the capital"


def _home_country(toks: list[Token]) -> str:
    """The country the article is mostly about (Iraq on a tie: the theatre's default)."""
    counts: dict[str, int] = {}
    for t in toks:
        c = _COUNTRY_WORDS.get(t.norm)
        if c:
            counts[c] = counts.get(c, 0) + 1
    if not counts:
        return "IQ"
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] != "IQ", kv[0]))[0][0]


def _inner_span(toks, i, n, place, gaz) -> tuple[int, int] | None:
    names = {tuple(t.norm for t in tokenize(x)) for x in (place.name, *place.aliases)}
    for a in range(i, i + n):
        for b in range(i + n, a, -1):
            if tuple(t.norm for t in toks[a:b]) in names:
                end = toks[b - 1].end
                if toks[b - 1].possessive:
                    end -= 2
                return toks[a].start, end
    return None


_FACILITY_NOUNS = {"refinery", "dam", "airport", "airbase", "base", "barrage", "oilfield"}


def _facility_of(toks, i, n, form, gaz) -> str:
    """ "the refinery at Baiji" is the Baiji refinery when the gazetteer has one."""
    k = i
    if k >= 2 and toks[k - 1].norm == "of" and toks[k - 2].norm in ("town", "city"):
        # "an airbase near the Syrian town of Tabqa"
        k -= 2
        for _ in range(3):
            if k >= 1 and toks[k - 1].norm not in ("at", "near", "outside", "in"):
                k -= 1
    if k < 2 or toks[k - 1].norm not in ("at", "in", "near", "of", "outside"):
        return form.place
    noun = toks[k - 2].norm
    if noun not in _FACILITY_NOUNS:
        return form.place
    # Any spelling of the town with any word for the facility: "the military airport outside
    # Deir e-Zor" is the "Deir ez-Zor airport" of the gazetteer.
    nouns = _AIR_NOUNS if (noun,) in _AIR_NOUNS else ((noun,),)
    place = gaz[form.place] if form.place in gaz else None
    names = [tuple(t.norm for t in toks[i : i + n])]
    if place is not None:
        names += [tuple(t.norm for t in tokenize(x)) for x in (place.name, *place.aliases)]
    for name in names:
        for nn in nouns:
            for f in gaz.lookup((*name, *nn)):
                if gaz[f.place].kind == "facility":
                    return f.place
    return form.place


_AIR_NOUNS = (("airport",), ("airbase",), ("air", "base"), ("military", "airport"))


def _drop_appositive_descriptions(ms: list[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """ "Basra, Iraq's second-largest city": a name beats a description set beside it."""
    out = []
    for k, m in enumerate(ms):
        if m.via == "description":
            prev = ms[k - 1] if k > 0 else None
            nxt = ms[k + 1] if k + 1 < len(ms) else None
            for other in (prev, nxt):
                if other is None or other.place == m.place or other.via == "description":
                    continue
                a, b = (other, m) if other.start < m.start else (m, other)
                if re.fullmatch(r"\s*,\s*(?:the\s+)?", text[a.end : b.start]) and gaz[
                    other.place
                ].kind not in AREA_KINDS | {"country", "water"}:
                    break
            else:
                out.append(m)
            continue
        out.append(m)
    return out


def _match_at(
    toks: list[Token], i: int, text: str, gaz: Gazetteer, home: str = "IQ"
) -> tuple[int, Form] | None:
    for n in gaz.lengths.get(toks[i].norm, ()):
        if i + n > len(toks):
            continue
        window = toks[i : i + n]
        # A name never runs across a sentence end ("...in Mosul. Tikrit ...").
        if n > 1 and re.search(r"[.;:!?\n]", text[window[0].end : window[-1].start]):
            continue
        forms = gaz.lookup(tuple(t.norm for t in window))
        if not forms:
            continue
        forms = tuple(f for f in forms if _acceptable(f, window, toks, i, n, text, gaz))
        if not forms:
            continue
        return n, _choose(forms, toks, i, n, gaz, home)
    return None


def _acceptable(form: Form, window, toks, i: int, n: int, text: str = "", gaz=None) -> bool:
    if form.via == "description":
        # The bare "the capital" (the article's country's) is not "the capital of Anbar".
        if [t.norm for t in window] == ["the", "capital"] and i + n < len(toks):
            return toks[i + n].norm not in ("of", "city", "district", "province")
        return True
    # Names are proper nouns: the first word after any "al-" must be written capitalised.
    has_article = len(window) > 1 and window[0].norm in ARTICLES
    head = window[1] if has_article else window[0]
    if not head.upper:
        return False
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.norm in _TITLES and prev.upper:
        return False
    if (
        i >= 2
        and prev is not None
        and prev.norm == "of"
        and toks[i - 2].upper
        and toks[i - 2].norm in _ORG_OF_WORDS
    ):
        return False  # "the Patriotic Union of Kurdistan", "the University of Mosul": a name
    # "Abu Bakr al-Baghdadi", "Nouri al-Maliki": an "al-" name after a capitalised word is a
    # family name, unless that word is a place word ("Province al-Anbar" is not English).
    if not has_article and prev is not None and prev.norm in ARTICLES and i >= 2:
        # "at", "as", "an" apart from the name are English words: "the Hashd at Jurf al-Sakhar"
        if text[prev.end : head.start] == "-" or (
            text[prev.end : head.start] == " " and prev.norm not in ("at", "as", "an")
        ):
            has_article, prev = True, toks[i - 2]
    if (
        has_article
        and prev is not None
        and prev.upper
        and prev.norm not in _PLACE_FOLLOWERS
        # a sentence or a bulleted line ("-- Near Al Hawl, ...") starts at the word before
        and not re.search(
            r"[.!?:;\n\"“]\s*(?:[-–—•*·]+\s*)?$", text[max(0, prev.start - 6) : prev.start]
        )
        # "... Lebanese Hezbollah. Al-Qaim sits": a new sentence, not a family name.
        and not re.search(r"[.!?:;,()\n]|\s[-–—]\s", text[prev.end : window[0].start])
        and prev.start > 0
    ):
        return False
    if i + n < len(toks):
        nxt = toks[i + n]
        # "Basra Oil Company", "Samarra Operations Command": an organisation's name.
        for ahead in toks[i + n : i + n + 3]:
            if not ahead.upper:
                break
            if ahead.norm in _ORG_WORDS:
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
            and text[head.end : nxt.start] == " "
            and not (gaz is not None and gaz.lookup((nxt.norm,)))
            and (nxt2 is None or not nxt2.upper)
            and (prev is None or prev.norm not in _LOCATIVE)
        ):
            return False
        # "said Jassim al-Jubouri": a given name before an Arabic family name is a person.
        if (
            len(window) == 1
            and not head.possessive
            and (prev is None or prev.norm not in _LOCATIVE)
            and re.match(
                r" (?:al|el|Al|El|as|ad|az|an|ash)-(?!(?:Jadid|Jadeed|Qadim|Kabir|Saghir|Sharqi|"
                r"Gharbi|Shamali|Janubi|Wusta|Sharqiya|Gharbiya)\w*\b)[A-Z][\w'’-]+"
                r"(?:,?\s+(?:said|says|told|who|a|an|the)\b|\s*\()",
                text[head.end : head.end + 60],
            )
        ):
            return False
    return True


def _choose(
    forms: tuple[Form, ...], toks: list[Token], i: int, n: int, gaz: Gazetteer, home: str = "IQ"
) -> Form:
    if len(forms) == 1:
        return forms[0]
    # "the country's second city", "the Turkish border": the article's own country decides.
    local = [f for f in forms if home in gaz[f.place].countries]
    if local and len(local) < len(forms):
        forms = tuple(local)
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


_NAME = r"(?:(?:al|el|Al|El|an|ar|as|ad)[- ])?[A-Z][\w'’ʿ]+(?:[- ](?:al-|el-)?[A-Z][\w'’ʿ]+){0,3}"
_KIND = (
    r"towns?|villages?|city|cities|hamlets?|districts?|sub-?districts?|areas?|regions?|provinces?|"
    r"neighbou?rhoods?|suburbs?|camps?|settlements?|oilfields?|bases?"
)
_UNRESOLVED_RES = (
    # "the town of X", "the villages of X and Y"
    re.compile(
        r"\b(?:[Tt]he|[Aa])\s+(?:\w+\s+){0,2}?(?:" + _KIND + r")\s+of\s+(" + _NAME + r")"
        r"(?:\s*(?:,|and|,\s*and)\s+(" + _NAME + r"))?"
    ),
    # "X, a town in ...", "X, a small village near ..."
    re.compile(
        r"(?<![\w-])(" + _NAME + r"),\s+an?\s+(?:\w+\s+){0,3}?(?:" + _KIND + r")\s+"
        r"(?:in|near|north|south|east|west|outside|about|some|on|of|close)\b"
    ),
    # "the X district", "the X camp"
    re.compile(
        r"\b[Tt]he\s+(" + _NAME + r")\s+(?:district|sub-?district|neighbou?rhood|area|camp)\b"
    ),
)


def find_unresolved(
    article: Article, mentions: list[Mention], gazetteer: Gazetteer
) -> list[Unresolved]:
    """Place-like names ("the village of X") that the gazetteer lacks, with their context."""
    text = article.text
    # Overlap with any mention, by bisection: a long article has thousands of both.
    covered = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in covered]
    reach: list[int] = []  # the furthest end among the first k mentions
    for _, e in covered:
        reach.append(max(e, reach[-1]) if reach else e)

    def overlaps(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end)
        return k > 0 and reach[k - 1] > start

    seen: set[tuple[int, int]] = set()
    out = []
    for rx in _UNRESOLVED_RES:
        for m in rx.finditer(text):
            for g in range(1, rx.groups + 1):
                if m.group(g) is None:
                    continue
                start, end = m.span(g)
                if overlaps(start, end) or (start, end) in seen:
                    continue
                if _is_known(text[start:end], gazetteer):
                    continue
                seen.add((start, end))
                lo, hi = max(0, m.start() - 60), min(len(text), m.end() + 60)
                context = " ".join(text[lo:hi].split())
                out.append(Unresolved(article.id, text[start:end], start, end, context))
    out.sort(key=lambda u: (u.start, u.end))
    return out


# Capitalised words that follow "a city of" but name people, not places.
_NOT_PLACE_NAMES = frozenset(
    """sunnis shiites shias kurds arabs turkmen christians yazidis muslims assyrians
    shabak iraqis syrians iranians americans refugees""".split()
)


def _is_known(name: str, gaz: Gazetteer) -> bool:
    if fold(name).split()[0] in _NOT_PLACE_NAMES:
        return True
    key = tuple(t.norm for t in tokenize(name))
    return bool(gaz.lookup(key)) or (
        len(key) > 1 and key[0] in ARTICLES and bool(gaz.lookup(key[1:]))
    )
