"""Load actors.yaml: the sides, their colours and the words the reports use for them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ActorsError
from .gazetteer import _default_file
from .model import Actor
from .text import Token, norm_tokens, tokenize
from .yamlfile import LINE, line_of, load_yaml

__all__ = [
    "Actors",
    "ActorMention",
    "load_actors",
    "parse_actors",
    "default_actors_path",
    "side_of_adjective",
]

# Generic nouns for armed men: an adjective before one names the side ("Kurdish units").
_HEADS = frozenset(
    """forces force troops soldiers fighters units militiamen commandos brigades battalions
    gunmen police policemen army military warplanes jets aircraft advisers advisors
    reinforcements formations columns detachments personnel garrison garrisons battalion brigade
    militants jihadists insurgents terrorists mercenaries
    division regiment unit""".split()
)
_MIXED_HEADS = _HEADS | {"militias", "militia"}
# Side adjectives, for the nouns above. Only used where no alias matched.
_SIDE_ADJECTIVES = {
    "kurdish": "kurdish-forces",
    "peshmerga": "kurdish-forces",
    "iraqi": "iraqi-government",
    "government": "iraqi-government",
    "federal": "iraqi-government",
    "iranian": "iran",
    "american": "united-states",
    "us": "united-states",
    "u.s": "united-states",
    "coalition": "united-states",
    "syrian": "syrian-government",
    "shiite": "shiite-militias",
    "shia": "shiite-militias",
    "militia": "shiite-militias",
    "jihadist": "isis",
    "islamist": "isis",
    "militant": "isis",
    "insurgent": "isis",
    "extremist": "isis",
    "rebel": "isis",
    "isis": "isis",
    "isil": "isis",
}


def side_of_adjective(word: str) -> str | None:
    """The side an adjective names before a word for armed men ("Kurdish" -> kurdish-forces)."""
    return _SIDE_ADJECTIVES.get(word.lower())


# A capital standing for its government: "Baghdad said", "Baghdad's forces".
_METONYMS = {
    "baghdad": "iraqi-government",
    "erbil": "kurdish-forces",
    "irbil": "kurdish-forces",
    "tehran": "iran",
    "washington": "united-states",
    "damascus": "syrian-government",
    "ankara": "turkey",
}
_METONYM_RE = re.compile(
    r"\b(?P<city>Baghdad|Erbil|Irbil|Tehran|Washington|Damascus|Ankara)(?:['’]s\s+(?:forces|troops|"
    r"army|soldiers|government|control|rule|grip|allies)\b|(?=\s+(?:has\s+|had\s+|have\s+)?(?:\w+ly\s+)?(?:said|says|"
    r"claimed|claims|announced|insisted|insists|denied|denies|sent|deployed|ordered|retook|"
    r"regained|recaptured|vowed|vows|pledged|pledges|threatened|threatens|declared|declares|"
    r"warned|warns|accused|accuses|rejected|rejects|urged|urges|agreed|agrees|insisted|regards|"
    r"regarded|considers|considered|views|viewed|fears|feared|blames|blamed|opposes|opposed)\b"
    # "With Baghdad threatened by the militants' advance": a passive, the city itself
    r"(?!\s+by\b)))"
)

REQUIRED = (
    "isis",
    "iraqi-government",
    "kurdish-forces",
    "shiite-militias",
    "iran",
    "united-states",
)
_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text: which actor, and the span of the words."""

    actor: str
    start: int
    end: int
    text: str


@dataclass
class Actors:
    """Actors by id with an index of their aliases as token tuples."""

    actors: dict[str, Actor]
    path: str = "actors.yaml"
    index: dict[tuple[str, ...], tuple[str, bool]] = field(default_factory=dict, repr=False)
    max_len: int = 1

    def __post_init__(self) -> None:
        if not self.index:
            for a in self.actors.values():
                for alias in (a.name, a.id.replace("-", " "), *a.aliases):
                    key = norm_tokens(alias)
                    caps = alias.isupper() and len(alias) <= 6
                    if key and key not in self.index:
                        self.index[key] = (a.id, caps)
                    if key and key[0] == "the" and len(key) > 1 and key[1:] not in self.index:
                        self.index[key[1:]] = (a.id, caps)
        # Per word: the side it means in each listed country, and (under "") elsewhere.
        self.local: dict[tuple[str, ...], dict[str, str | None]] = {}
        for a in self.actors.values():
            for country, words in a.aliases_in:
                for w in words:
                    self.local.setdefault(norm_tokens(w), {})[country] = a.id
        for key, sides in self.local.items():
            if key in self.index:
                sides[""] = self.index[key][0]
                continue
            # "loyal militias" elsewhere means what "militias" means; the words are found whole.
            tail = next((key[k:] for k in range(1, len(key)) if key[k:] in self.index), None)
            sides[""] = self.index[tail][0] if tail else None
            self.index[key] = (next(iter(sides.values())) or "", False)
        self.max_len = max((len(k) for k in self.index), default=1)
        lengths: dict[str, set[int]] = {}
        for key in self.index:
            lengths.setdefault(key[0], set()).add(len(key))
        self.lengths = {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}

    def in_country(self, found: list[ActorMention], country: str | None) -> list[ActorMention]:
        """Mentions with the words one country's reports use differently re-read for it."""
        if not self.local:
            return found
        out = []
        for m in found:
            sides = self.local.get(norm_tokens(m.text))
            if sides is None:
                out.append(m)
                continue
            actor = sides.get(country or "", sides[""])
            if actor is not None:
                out.append(m if actor == m.actor else replace(m, actor=actor))
        return out

    def __iter__(self):
        return iter(self.actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __getitem__(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def find(
        self, text: str, offset: int = 0, tokens: list[Token] | None = None
    ) -> list[ActorMention]:
        """Every actor named in ``text``, longest alias first, spans shifted by ``offset``."""
        toks = tokens if tokens is not None else tokenize(text)
        out = []
        i = 0
        while i < len(toks):
            for n in self.lengths.get(toks[i].norm, ()):
                if i + n > len(toks):
                    continue
                key = tuple(t.norm for t in toks[i : i + n])
                hit = self.index.get(key)
                if hit is None:
                    continue
                surface = text[toks[i].start : toks[i + n - 1].end]
                if hit[1] and not surface.replace("'S", "").replace("'s", "").isupper():
                    continue
                if _PLACE_OF_RE.search(text, max(0, toks[i].start - 40), toks[i].start):
                    continue  # "the town of al-Baghdadi" is a place, not the caliph
                if n == 1 and _FACILITY_AFTER_RE.match(text, toks[i].end):
                    continue  # "a military airbase", "the police station": a kind of place
                out.append(
                    ActorMention(
                        hit[0], toks[i].start + offset, toks[i + n - 1].end + offset, surface
                    )
                )
                i += n - 1
                break
            i += 1
        return _refine(text, offset, toks, out)


_FACILITY_AFTER_RE = re.compile(
    r"\s+(?:air\s*base|base|bases|airport|airfield|barracks|compound|station|stations|"
    r"checkpoints?|headquarters|academy|hospital|college|camp|complex|installation)\b",
    re.I,
)
_PLACE_OF_RE = re.compile(r"\b(?:town|city|village|district|sub-?district)\s+of\s+$", re.I)


def _refine(
    text: str, offset: int, toks: list[Token], found: list[ActorMention]
) -> list[ActorMention]:
    """Side adjectives before generic nouns, merged pairs, and capitals standing for governments."""
    by_start = {m.start - offset: m for m in found}
    covered = set()
    for m in found:
        covered.update(range(m.start - offset, m.end - offset))
    out = list(found)
    for j, t in enumerate(toks):
        if (
            t.norm in _MIXED_HEADS
            and j >= 3
            and toks[j - 2].norm == "and"
            and toks[j - 1].upper
            and toks[j - 1].norm not in _SIDE_ADJECTIVES
            and toks[j - 3].norm in ("kurdish", "iraqi", "syrian", "turkish", "shiite", "shia")
            and text[toks[j - 3].end : toks[j - 1].start] == " and "
            and text[toks[j - 1].end : t.start] == " "
        ):
            # "Kurdish and Arab militias": a mixed force, led by the side named first.
            adj = toks[j - 3]
            side = _SIDE_ADJECTIVES[adj.norm]
            out = [
                m for m in out if not (adj.start <= m.start - offset and m.end - offset <= t.end)
            ]
            out.append(
                ActorMention(side, adj.start + offset, t.end + offset, text[adj.start : t.end])
            )
            covered.update(range(adj.start, t.end))
            continue
        if t.norm not in _HEADS:
            continue
        own = by_start.get(t.start)
        if j > 0 and (t.start not in covered or (own is not None and own.end - offset == t.end)):
            # "Badr fighters", "ISIS fighters", "HTS militants": a name directly before the
            # noun owns it (even where the noun alone would name a side of its own).
            before = next((m for m in out if m.end - offset == toks[j - 1].end), None)
            if before is not None and text[toks[j - 1].end : t.start] == " ":
                out = [m for m in out if m is not before and m is not own]
                out.append(
                    ActorMention(
                        before.actor,
                        before.start,
                        t.end + offset,
                        text[before.start - offset : t.end],
                    )
                )
                continue
        for back in (1, 2, 3):
            if j - back < 0:
                break
            adj = toks[j - back]
            if re.match(r"-(?:backed|supported|trained|funded|armed|sponsored)\b", text[adj.end :]):
                break  # "US-backed forces": the patron does not name the force
            if adj.norm in _HEADS or adj.norm in ("and", "or", "of", "with", "by"):
                break  # "Iraqi troops and militiamen" are two groups
            if re.search(r"[.;:!?()\[\]\"“”,]", text[adj.end : t.start]):
                break  # "... Shiite volunteers. The army said": not one phrase
            if adj.norm in _FUNCTION_WORDS:
                break  # "peshmerga since the army": a clause boundary, not a modifier
            side = _SIDE_ADJECTIVES.get(adj.norm)
            if side is None:
                continue
            if adj.norm == "us" and text[adj.start : adj.end] != "US":
                continue
            head = by_start.get(t.start)
            if t.start in covered and head is None:
                break  # inside a longer alias already
            owner = next((m for m in out if m.start - offset <= adj.start < m.end - offset), None)
            if owner is not None and owner.actor == side:
                # "Kurdish peshmerga fighters": stretch the alias over the noun.
                out = [
                    m
                    for m in out
                    if m is not owner
                    and not (adj.start <= m.start - offset and m.end - offset <= t.end)
                ]
                out.append(
                    ActorMention(
                        side, owner.start, t.end + offset, text[owner.start - offset : t.end]
                    )
                )
                break
            # "Coalition troops": the adjective's side wins over the generic noun's.
            out = [
                m for m in out if not (adj.start <= m.start - offset and m.end - offset <= t.end)
            ]
            out.append(
                ActorMention(side, adj.start + offset, t.end + offset, text[adj.start : t.end])
            )
            break
    for m in _METONYM_RE.finditer(text):
        span = (m.start() + offset, m.end() + offset)
        if not any(a.start < span[1] and span[0] < a.end for a in out):
            out.append(
                ActorMention(_METONYMS[m.group("city").lower()], span[0], span[1], m.group())
            )
    # "Kurdish and Iraqi forces": the first adjective names a second side.
    for m in list(out):
        local = m.start - offset
        pair = re.search(
            r"\b([A-Za-z]+)\s*(?:,\s*|\s+)(?:and|or)\s+$", text[max(0, local - 40) : local]
        )
        if not pair:
            continue
        side2 = _SIDE_ADJECTIVES.get(pair.group(1).lower())
        p0 = max(0, local - 40) + pair.start(1)
        if (
            side2 is not None
            and side2 != m.actor
            and _SIDE_ADJECTIVES.get(text[local : m.end - offset].split()[0].lower()) is not None
            and not any(o.start - offset <= p0 < o.end - offset for o in out)
        ):
            out.append(
                ActorMention(side2, p0 + offset, p0 + len(pair.group(1)) + offset, pair.group(1))
            )
    out.sort(key=lambda a: a.start)
    # "U.S.-backed Syrian Democratic Forces", "Iranian-backed militias": the patron is a
    # modifier; the actor is the force it backs, when that force is named right after.
    # "Kurdish forces backed by American warplanes": the backer supports, it does not act.
    return [
        a
        for k, a in enumerate(out)
        if not (
            _PATRON_RE.match(text, a.end - offset)
            and k + 1 < len(out)
            and out[k + 1].start - a.end <= 40
            and out[k + 1].actor != a.actor
        )
        and not (
            k > 0
            and _BACKED_BY_RE.search(text, max(0, a.start - offset - 60), a.start - offset)
            and a.start - out[k - 1].end <= 60
        )
    ]


_FUNCTION_WORDS = frozenset(
    "the a an since in on at to from after before as that which who whom for when while where "
    "than then until because if but so".split()
)
_BACKED_BY_RE = re.compile(
    r",?\s*(?:backed|supported|aided|assisted|helped|covered|escorted)\s+by\s+(?:the\s+)?"
    r"(?:(?:factions|units|elements|fighters|members)\s+of\s+(?:the\s+)?)?"
    # "supported by the United States-led coalition"
    r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?-(?:led|backed)\s+)?$",
    re.I,
)
_PATRON_RE = re.compile(r"-(?:backed|led|trained|supported|funded|armed|allied|sponsored)\b", re.I)


_COUNTRY_RE = re.compile(r"[A-Z]{2}")


def _aliases_in(entry: dict, aid: str, path: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """ "aliases_in: {SY: [rebels]}": checked, as sorted (country, aliases) pairs."""
    raw = entry.get("aliases_in", {})
    line = entry.get(LINE)
    if not isinstance(raw, dict):
        raise ActorsError(
            f"'{aid}': aliases_in must map a country code to a list, e.g. {{SY: [rebels]}}",
            path,
            line,
        )
    out = []
    for country, words in raw.items():
        if country == LINE:
            continue
        if not isinstance(country, str) or not _COUNTRY_RE.fullmatch(country):
            raise ActorsError(
                f"'{aid}': aliases_in key {country!r} must be a two-letter country code like SY",
                path,
                line,
            )
        if not isinstance(words, list) or not all(
            isinstance(w, str) and norm_tokens(w) for w in words
        ):
            raise ActorsError(
                f"'{aid}': aliases_in {country} must be a list of words, e.g. [rebels]",
                path,
                line,
            )
        out.append((country, tuple(words)))
    return tuple(sorted(out))


def default_actors_path() -> Path:
    """./actors.yaml if present, else the one beside the package (the repository's)."""
    return _default_file("actors.yaml")


def load_actors(path: str | Path | None = None) -> Actors:
    """Read and validate an actors file; raise ActorsError naming the file and line."""
    path = Path(path) if path is not None else default_actors_path()
    return parse_actors(load_yaml(path, ActorsError), str(path))


def parse_actors(data, path: str = "actors.yaml") -> Actors:
    """Validate loaded YAML (from ``load_yaml``) into Actors."""
    entries = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        line = data.get(LINE) if isinstance(data, dict) else 1
        raise ActorsError(
            "expected a top-level 'actors:' list of entries (see the header of actors.yaml)",
            path,
            line,
        )
    actors: dict[str, Actor] = {}
    owners: dict[tuple[str, ...], tuple[str, str]] = {}
    top_line = data.get(LINE)
    for i, e in enumerate(entries):
        if not isinstance(e, dict):
            got = "an empty item" if e is None else repr(e)[:40]
            raise ActorsError(
                f"each actor must be a mapping with id, name, colour, aliases, got {got}: "
                "write it as '- id: ...' with its fields indented below",
                path,
                line_of(entries, i, top_line),
            )
        line = e.get(LINE)
        aid = e.get("id")
        if not isinstance(aid, str) or not _ID_RE.fullmatch(aid):
            raise ActorsError(
                f"actor id {aid!r} must be kebab-case like 'kurdish-forces'", path, line
            )
        if aid in actors:
            raise ActorsError(
                f"duplicate actor id '{aid}' (first at line {actors[aid].line}): "
                "merge the two or give one another id",
                path,
                line,
            )
        name = e.get("name")
        if name is not None and not isinstance(name, str):
            raise ActorsError(f"'{aid}': name must be text, got {name!r}: quote it", path, line)
        if not isinstance(name, str) or not name.strip():
            raise ActorsError(f"'{aid}': missing 'name': add the name shown on the map", path, line)
        colour = e.get("colour", e.get("color"))
        if not isinstance(colour, str) or not _COLOUR_RE.fullmatch(colour):
            raise ActorsError(
                f"'{aid}': colour {colour!r} must be a quoted hex colour like \"#1a2b3c\"",
                path,
                line,
            )
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise ActorsError(
                f"'{aid}': aliases must be a list of strings, e.g. [ISIS, Daesh]", path, line
            )
        for alias in (name, *aliases):
            key = norm_tokens(alias)
            if not key:
                raise ActorsError(
                    f"'{aid}': alias {alias!r} has no letters or digits: remove it", path, line
                )
            other = owners.get(key)
            if other and other[0] != aid:
                # The index keeps the first owner: the second would silently never match.
                raise ActorsError(
                    f"'{aid}': alias {alias!r} is also an alias of '{other[0]}' (line "
                    f"{actors[other[0]].line}): keep it in one actor only",
                    path,
                    line,
                )
            owners.setdefault(key, (aid, alias))
        unknown = set(e) - {"id", "name", "colour", "color", "aliases", "aliases_in", LINE}
        if unknown:
            raise ActorsError(
                f"'{aid}': unknown field '{sorted(unknown)[0]}': allowed are id, name, colour, "
                "aliases, aliases_in",
                path,
                line,
            )
        actors[aid] = Actor(
            aid, name.strip(), colour.lower(), tuple(aliases), line, _aliases_in(e, aid, path)
        )
    missing = [r for r in REQUIRED if r not in actors]
    if missing:
        raise ActorsError(
            f"required actor '{missing[0]}' is missing: add it back", path, top_line or 1
        )
    return Actors(actors, path)
