"""The pipeline: the only module that knows the order of the stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .actors import Actors, load_actors
from .articles import example_inputs, read_articles
from .claims import extract_claims
from .gazetteer import Gazetteer, load_gazetteer
from .lint import lint_places
from .mentions import find_mentions, find_unresolved
from .model import Article, ArticleResult, Situation, Skipped
from .situation import aggregate
from .suspects import rank_suspects
from .text import tokenize
from .verify import verify_distances

__all__ = ["extract", "assemble", "build", "run"]


def extract(article: Article, gazetteer: Gazetteer, actors: Actors) -> ArticleResult:
    """Everything one article says: a pure function, safe to run in any order or process."""
    tokens = tokenize(article.text)  # once, for the place and the actor matchers
    mentions = find_mentions(article, gazetteer, tokens)
    control, distance = extract_claims(article, mentions, gazetteer, actors, tokens)
    unresolved = find_unresolved(article, mentions, gazetteer)
    # Strip the article to what later stages need: the text itself is not kept.
    return ArticleResult(
        replace(article, text=""),
        tuple(mentions),
        tuple(control),
        tuple(distance),
        tuple(unresolved),
    )


def assemble(
    results: Iterable[ArticleResult],
    gazetteer: Gazetteer,
    actors: Actors,
    skipped: Iterable[Skipped] = (),
    as_of: str | None = None,
    since: str | None = None,
) -> Situation:
    """Merge per-article results (in any order) and decide the situation."""
    results = sorted(results, key=lambda r: r.article.id)
    documents = tuple(r.article for r in results)
    mentions = tuple(m for r in results for m in r.mentions)
    control = tuple(c for r in results for c in r.control_claims)
    distance = tuple(verify_distances([d for r in results for d in r.distance_claims], gazetteer))
    unresolved = tuple(u for r in results for u in r.unresolved)
    used = {m.place for m in mentions} | {c.place for c in control}
    used |= {d.place for d in distance if d.place} | {d.reference for d in distance if d.reference}
    places = tuple(p for p in gazetteer if p.id in used)
    published = {d.id: d.published for d in documents}
    situations = tuple(aggregate([p.id for p in places], control, published, as_of, since))
    suspects = tuple(rank_suspects(distance, gazetteer, lint_places(gazetteer, only=used)))
    return Situation(
        documents=documents,
        places=places,
        mentions=mentions,
        control_claims=control,
        distance_claims=distance,
        unresolved=unresolved,
        suspects=suspects,
        situations=situations,
        skipped=tuple(sorted(skipped, key=lambda s: (s.source, s.line or 0))),
        actors=tuple(actors),
        gazetteer=Path(gazetteer.path).name,
        as_of=as_of,
        since=since,
    )


def run(
    inputs: Iterable[str | Path] | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
    actors: Actors | str | Path | None = None,
    as_of: str | None = None,
    since: str | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    jobs: int = 1,
) -> Situation:
    """Read, extract and aggregate: the Situation of the inputs (bundled examples if None).

    ``jobs`` > 1 extracts in that many processes (0: one per core); the result is the same.
    """
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    act = actors if isinstance(actors, Actors) else load_actors(actors)
    inputs = list(inputs) if inputs else example_inputs()
    results: list[ArticleResult] = []
    skipped: list[Skipped] = []

    def articles():
        for item in read_articles(inputs):
            if isinstance(item, Skipped):
                skipped.append(item)
                if on_skip:
                    on_skip(item)
                continue
            yield item

    if jobs == 1:
        results = [extract(a, gaz, act) for a in articles()]
    else:
        results = _extract_parallel(articles(), gaz, act, jobs)
    return assemble(results, gaz, act, skipped, as_of, since)


_WORKER: tuple[Gazetteer, Actors] | None = None


def _init_worker(gaz: Gazetteer, act: Actors) -> None:
    global _WORKER
    _WORKER = (gaz, act)


def _extract_in_worker(article: Article) -> ArticleResult:
    assert _WORKER is not None
    return extract(article, *_WORKER)


def _extract_parallel(articles, gaz: Gazetteer, act: Actors, jobs: int) -> list[ArticleResult]:
    """extract() in a process pool; articles stream in a bounded window, results come back
    in any order (assemble() sorts them)."""
    import os
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    window = 16 * workers
    results: list[ArticleResult] = []
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(gaz, act)) as pool:
        pending = set()
        for article in articles:
            pending.add(pool.submit(_extract_in_worker, article))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                results.extend(f.result() for f in done)
        results.extend(f.result() for f in pending)
    return results


def build(
    inputs: Iterable[str | Path] | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
    actors: Actors | str | Path | None = None,
    out: str | Path = "output",
    as_of: str | None = None,
    since: str | None = None,
    offline: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
    jobs: int = 1,
) -> Situation:
    """Build the situation and write map.html, situation.json and situation.geojson to ``out``.

    >>> import mapper
    >>> situation = mapper.build(["reports/"], out="output")  # doctest: +SKIP
    """
    from .export import write_outputs

    situation = run(inputs, gazetteer, actors, as_of, since, on_skip, jobs)
    write_outputs(situation, Path(out), offline=offline)
    return situation
