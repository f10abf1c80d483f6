"""Text normalisation shared by the matchers: tokens with spans, sentences, case folding.

Matching works on tokens, not on a giant regex: each token keeps its span in the original
text, so a match of any normalised form maps back to exact character offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

__all__ = ["Token", "fold", "tokenize", "norm_tokens", "split_sentences", "ARTICLES"]

# Apostrophe-like characters: typographic quotes and the ayn/hamza marks of transliteration.
_APOSTROPHES = "'’‘`´ʿʾʼ′"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*[" + _APOSTROPHES + r"]?")
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")

# Arabic definite-article prefixes written before names ("al-Khalis", "ar-Ramadi").
ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "adh", "ath", "ul"})

# Different words that reporters use for the same rank ("second most-populous city").
_CANON = {"biggest": "largest", "capitol": "capital", "frontier": "border", "el": "al"}
_CANON_PAIRS = {("most", "populous"): "largest", ("most", "important"): "largest"}


class Token(NamedTuple):
    """One word: its normalised form, its span, and whether it was written capitalised."""

    norm: str
    start: int
    end: int
    upper: bool  # first letter written upper case
    possessive: bool = False  # written with 's or s'


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Case-fold and strip diacritics: ``fold("Tall ʿAfar") == "tall ʿafar"``."""
    if s.isascii():
        return s.lower()
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with spans; possessives and apostrophes normalised away.

    >>> [t.norm for t in tokenize("Baquba's market, al-Khalis and Tal-Afar")]
    ['baquba', 'market', 'al', 'khalis', 'and', 'tal', 'afar']
    """
    tokens = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        norm, possessive = _norm_word(raw)
        first = raw[0]
        append(Token(norm, m.start(), m.end(), first.isupper() or first.isdigit(), possessive))
    return _merge_pairs(tokens)


@functools.lru_cache(maxsize=65536)
def _norm_word(raw: str) -> tuple[str, bool]:
    norm = fold(raw)
    possessive = False
    # "Baquba's" and "insurgents'" are the name plus a possessive.
    if len(norm) > 2 and norm[-2] in _APOSTROPHES and norm[-1] == "s":
        norm, possessive = norm[:-2], True
    elif norm and norm[-1] in _APOSTROPHES:
        norm, possessive = norm[:-1], True
    norm = _APOS_RE.sub("", norm)
    return _CANON.get(norm, norm), possessive


def _merge_pairs(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and (tokens[i].norm, tokens[i + 1].norm) in _CANON_PAIRS:
            a, b = tokens[i], tokens[i + 1]
            out.append(Token(_CANON_PAIRS[(a.norm, b.norm)], a.start, b.end, a.upper, b.possessive))
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def norm_tokens(phrase: str) -> tuple[str, ...]:
    """The normalised token tuple of a gazetteer name, alias or description."""
    return tuple(t.norm for t in tokenize(phrase))


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(
    """mr mrs ms dr gen lt col maj capt sgt adm rear sen rep gov st mt ft no vs etc jan feb mar
    apr jun jul aug sep sept oct nov dec u.s a.m p.m u.n u.k jr sr prof rev brig cpl pvt inc co
    corp ltd lt.gen maj.gen e.g i.e approx est""".split()
)
_SENT_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` with surrounding whitespace trimmed; newlines end sentences.

    >>> t = "Gen. Ali said so. Mosul fell."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Gen. Ali said so.', 'Mosul fell.']
    """
    spans = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group()[0] == ".":
            # "Gen." / "U.S." / a single initial "J." do not end a sentence.
            word = re.search(r"([\w.]+)$", text[max(start, m.start() - 40) : m.start()])
            w = word.group(1).lower() if word else ""
            if w in _ABBREV or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(\w\.)+\w", w):
                continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


# No real sentence is this long; a text without full stops is cut at spaces so that the
# per-sentence work of the extractor stays bounded.
MAX_SENTENCE_CHARS = 1500


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        _add_one(text, start, cut, spans)
        start = cut
    _add_one(text, start, end, spans)


def _add_one(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
