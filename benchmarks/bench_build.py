"""Speed and memory of a build on thousands of synthetic articles, beside a naive peer.

    python benchmarks/bench_build.py [--articles 1000] [--jobs 2]

The articles recombine sentences from the project's own corpus, dispatches and examples
(seeded, so every run measures the same input). The peer is the obvious way to find place
names: one case-insensitive regular expression alternating every gazetteer name and alias,
run over the same texts; it finds only literal names (no variants, descriptions, cities vs
provinces, person-name guards), so it bounds from below what matching can cost.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mapper  # noqa: E402
from mapper.articles import example_inputs, read_articles  # noqa: E402
from mapper.text import split_sentences  # noqa: E402


def corpus_sentences() -> list[str]:
    """Sentences of the dispatches and examples we wrote (never the seeds)."""
    out = []
    sources = [ROOT / "tests" / "dispatches", *example_inputs()]
    for item in read_articles(sources):
        if isinstance(item, mapper.Article):
            out += [
                item.text[s:e] for s, e in split_sentences(item.text) if len(item.text[s:e]) > 40
            ]
    return out


def write_articles(folder: Path, n: int, sentences: list[str]) -> int:
    rng = random.Random(2014)
    total = 0
    for i in range(n):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(10, 30)))
        text = f"Report {i}\nBAGHDAD, June {rng.randint(10, 30)}, 2014 (Wire) —\n{body}\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def naive_peer(texts: list[str], gaz: mapper.Gazetteer) -> tuple[float, int]:
    names = sorted({n for p in gaz for n in (p.name, *p.aliases)}, key=len, reverse=True)
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)
    t0 = time.perf_counter()
    found = sum(len(rx.findall(t)) for t in texts)
    return time.perf_counter() - t0, found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    sentences = corpus_sentences()
    gaz, act = mapper.load_gazetteer(), mapper.load_actors()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = write_articles(folder, args.articles, sentences)
        print(f"{args.articles} articles, {size / 1e6:.1f} MB, from {len(sentences)} sentences")
        texts = [a.text for a in read_articles([folder]) if isinstance(a, mapper.Article)]

        t0 = time.perf_counter()
        n_mentions = sum(
            len(mapper.find_mentions(mapper.Article(str(i), t), gaz)) for i, t in enumerate(texts)
        )
        ours = time.perf_counter() - t0
        peer, n_peer = naive_peer(texts, gaz)
        print(
            f"place matching: mapper {ours:.2f} s ({n_mentions} mentions), "
            f"naive regex peer {peer:.2f} s ({n_peer} literal hits)"
        )

        for jobs in sorted({1, args.jobs}):
            t0 = time.perf_counter()
            situation = mapper.build(
                [folder], gazetteer=gaz, actors=act, out=Path(tmp) / f"out{jobs}", jobs=jobs
            )
            dt = time.perf_counter() - t0
            html = (Path(tmp) / f"out{jobs}" / "map.html").stat().st_size
            print(
                f"build, {jobs} process(es): {dt:.1f} s, {args.articles / dt:.0f} articles/s, "
                f"{len(situation.control_claims)} control claims, "
                f"{len(situation.distance_claims)} distance claims, map.html {html / 1e6:.2f} MB"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
