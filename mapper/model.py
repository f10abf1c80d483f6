"""The frozen dataclasses that flow between the pipeline's stages.

Coordinates are ``(lat, lon)`` everywhere in Python; only ``export.lonlat`` turns a point
into a GeoJSON ``[lon, lat]`` position. Distances are kilometres and say so in their names.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "PLACE_KINDS",
    "CLAIM_KINDS",
    "STATUSES",
    "VERDICTS",
    "Article",
    "Skipped",
    "Place",
    "Actor",
    "Mention",
    "Unresolved",
    "ControlClaim",
    "DistanceClaim",
    "ArticleResult",
    "Suspect",
    "PlaceSituation",
    "Situation",
]

PLACE_KINDS = (
    "city",
    "town",
    "village",
    "province",
    "district",
    "region",
    "facility",
    "border",
    "country",
    "water",
)
AREA_KINDS = frozenset({"province", "district", "region", "country"})
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})

CLAIM_KINDS = ("captured", "holds", "lost", "contested", "threatened", "besieged")
STATUSES = ("held", "captured", "contested", "threatened", "besieged", "disputed", "unknown")
VERDICTS = ("consistent", "loose", "inconsistent", "unverifiable")


@dataclass(frozen=True)
class Article:
    """One news report as read: the text every offset points into."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    source: str = ""  # the file it came from, for messages
    line: int | None = None  # its line in a JSONL file


@dataclass(frozen=True)
class Skipped:
    """An input the build could not use, and why."""

    source: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None
    countries: tuple[str, ...] = ()
    province: str | None = None
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    geometry: tuple[tuple[float, float], ...] = ()  # borders: polyline of (lat, lon)
    population: int | None = None
    line: int | None = None  # line of the entry in its YAML file
    capital: str | None = None  # provinces: the id of the capital city

    @property
    def point(self) -> tuple[float, float] | None:
        """The entry's ``(lat, lon)``, or None for a border without a point."""
        if self.lat is None or self.lon is None:
            return None
        return (self.lat, self.lon)


@dataclass(frozen=True)
class Actor:
    """A side in the conflict, from actors.yaml."""

    id: str
    name: str
    colour: str
    aliases: tuple[str, ...] = ()
    line: int | None = None
    # Words that mean this side only in reports about one country ("rebels" in Syria are
    # the opposition, in Iraq in 2014 the insurgents): (country code, aliases) pairs.
    aliases_in: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Mention:
    """A place named in an article: ``text == article.text[start:end]``."""

    doc: str
    place: str
    text: str
    start: int
    end: int
    via: str = "name"  # name | alias | description


@dataclass(frozen=True)
class Unresolved:
    """A place-like name the gazetteer lacks, with the words around it."""

    doc: str
    text: str
    start: int
    end: int
    context: str


@dataclass(frozen=True)
class ControlClaim:
    """A sentence saying who took, holds, lost, contests, threatens or besieges a place."""

    doc: str
    place: str
    actor: str | None
    kind: str
    negated: bool
    hypothetical: bool
    quote: str
    start: int
    end: int
    attributed_to: str | None = None
    date: str | None = None  # YYYY-MM-DD
    trigger: str = ""  # the words that carry the claim, as written


@dataclass(frozen=True)
class DistanceClaim:
    """A sentence saying how far a place lies from another (or from a border)."""

    doc: str
    place: str | None
    reference: str | None
    value: float
    unit: str  # mi | km | m
    reported_km: float
    bearing: str | None
    quote: str
    start: int
    end: int
    approximate: bool = False
    value_max: float | None = None  # the upper end of a range ("50 to 60 miles")
    bound: str | None = None  # "upper" for "within", "lower" for "more than"
    computed_km: float | None = None
    computed_bearing: str | None = None
    verdict: str = "unverifiable"
    note: str | None = None  # why the verdict, in words


@dataclass(frozen=True)
class ArticleResult:
    """Everything extracted from one article: a pure function of (article, gazetteer, actors)."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    control_claims: tuple[ControlClaim, ...] = ()
    distance_claims: tuple[DistanceClaim, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()


@dataclass(frozen=True)
class Suspect:
    """A gazetteer entry whose coordinates the evidence contradicts."""

    place: str
    reason: str
    claims: tuple[int, ...] = ()  # indices into the situation's distance_claims
    score: float = 0.0
    suggested_lat: float | None = None
    suggested_lon: float | None = None
    radius_km: float | None = None
    check: str = "claims"  # claims | swapped | country | duplicate | alias | province
    line: int | None = None


def has_point(place: Place) -> bool:
    """Whether the place is drawn and exported at a point: not a country or river, and not
    a region wider than one province (the Kurdistan Region); Mount Sinjar is, like a province."""
    if place.point is None or place.kind in ("country", "water"):
        return False
    return place.kind != "region" or bool(place.province)


@dataclass(frozen=True)
class PlaceSituation:
    """The aggregated state of one place."""

    place: str
    status: str  # one of STATUSES
    controller: str | None
    disputed: bool
    claims: tuple[int, ...] = ()  # indices into control_claims, newest first
    as_of: str | None = None  # date of the latest claim that decided it
    contenders: tuple[str, ...] = ()  # actors the sources disagree between
    changed_since: bool = False
    reason: str = ""  # the rule that decided, in words


@dataclass(frozen=True)
class Situation:
    """Everything a build found: the input of every writer (JSON, GeoJSON, map)."""

    documents: tuple[Article, ...]
    places: tuple[Place, ...]
    mentions: tuple[Mention, ...]
    control_claims: tuple[ControlClaim, ...]
    distance_claims: tuple[DistanceClaim, ...]
    unresolved: tuple[Unresolved, ...]
    suspects: tuple[Suspect, ...]
    situations: tuple[PlaceSituation, ...]
    skipped: tuple[Skipped, ...]
    actors: tuple[Actor, ...]
    gazetteer: str = "gazetteer.yaml"
    as_of: str | None = None
    since: str | None = None
