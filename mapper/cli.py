"""The ``mapper`` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .errors import InputError, MapperError

__all__ = ["main"]


def _iso_day(s: str) -> str:
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not a date like 2014-06-16") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mapper",
        description="Turn news reports into a sourced, checkable situation map.",
    )
    p.add_argument("--version", action="version", version=f"mapper {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser(
        "build",
        help="read articles and write map.html, situation.json and situation.geojson",
        description="Read articles and write map.html, situation.json and situation.geojson.",
        epilog="Example:\n  mapper build reports/ --out output\n  mapper build   "
        "(the bundled example reports)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article files or folders (.txt .md .html .json .jsonl); none: the bundled examples",
    )
    b.add_argument("--out", default="output", help="output folder (default: output)")
    b.add_argument("--gazetteer", help="gazetteer file (default: ./gazetteer.yaml)")
    b.add_argument("--actors", help="actors file (default: ./actors.yaml)")
    b.add_argument("--as-of", type=_iso_day, help="use only claims dated on or before YYYY-MM-DD")
    b.add_argument(
        "--since", type=_iso_day, help="mark places whose status changed after YYYY-MM-DD"
    )
    b.add_argument("--offline", action="store_true", help="a map that makes no network request")
    b.add_argument("--strict", action="store_true", help="exit 2 if any article is skipped")
    b.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "build":
            return _build(args)
    except MapperError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Error: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    return 2


def _build(args) -> int:
    from .build import build

    out = Path(args.out)
    for raw in args.inputs:
        src = Path(raw).resolve()
        if src.is_dir() and (out.resolve() == src or src in out.resolve().parents):
            raise InputError(
                "output folder is inside an input folder: choose another --out", str(out)
            )
    skipped = []

    def on_skip(s):
        skipped.append(s)
        where = f"{s.source}:{s.line}" if s.line else s.source
        if args.strict:
            # Before anything is written: the previous output stays as it was.
            raise InputError(f"skipped: {s.reason} (--strict)", s.source, s.line)
        print(f"Warning: {where}: skipped: {s.reason}", file=sys.stderr)

    situation = build(
        args.inputs or None,
        gazetteer=args.gazetteer,
        actors=args.actors,
        out=out,
        as_of=args.as_of,
        since=args.since,
        offline=args.offline,
        on_skip=on_skip,
    )
    if not args.quiet:
        n_claims = len(situation.control_claims)
        print(
            f"{len(situation.documents)} documents, {len(situation.places)} places, "
            f"{n_claims} control claims, {len(situation.distance_claims)} distance claims, "
            f"{len(situation.suspects)} suspects, {len(situation.unresolved)} unresolved, "
            f"{len(skipped)} skipped"
        )
        for name in ("map.html", "situation.json", "situation.geojson"):
            print(f"wrote {out / name}")
    return 0
