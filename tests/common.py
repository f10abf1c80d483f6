"""Shared fixtures and helpers for the tests: named constants, no magic."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "eval" / "seeds_gold.yaml"
SCORE_PY = SHARED / "eval" / "score.py"
CORPUS = ROOT / "tests" / "corpus"
DISPATCHES = ROOT / "tests" / "dispatches"
IN_CI = os.environ.get("CI") == "true"


def need_shared() -> None:
    """Skip when ../shared is absent, but never in CI, where it must be present."""
    if not SHARED.is_dir() and not IN_CI:
        pytest.skip("../shared is not beside the repository")


@functools.lru_cache(maxsize=1)
def gazetteer():
    """The project's gazetteer, loaded once per test session."""
    from mapper import load_gazetteer

    return load_gazetteer(ROOT / "gazetteer.yaml")


@functools.lru_cache(maxsize=1)
def actors():
    """The project's actors, loaded once per test session."""
    from mapper import load_actors

    return load_actors(ROOT / "actors.yaml")


def article(text: str, published: str | None = "2014-06-16", doc: str = "t.txt"):
    """An Article for a sentence written in a test."""
    from mapper import Article

    return Article(id=doc, text=text, published=published)


def extract(text: str, published: str | None = "2014-06-16"):
    """The ArticleResult of one written text."""
    from mapper import extract as _extract

    a = article(text, published)
    return a, _extract(a, gazetteer(), actors())
