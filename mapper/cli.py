"""The ``mapper`` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .errors import InputError, MapperError, printable

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
    b.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="extract articles in N processes (0: one per core); the output is the same",
    )
    b.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    _add_check_parsers(sub)
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
        if args.command == "check":
            return _check(args)
        if args.command == "gazetteer":
            return _gazetteer(args)
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
            raise InputError(
                f"skipped: {s.reason} (--strict: fix or remove it, or build without --strict)",
                s.source,
                s.line,
            )
        # A file name may hold newlines or escape sequences: one escaped line per warning.
        print(f"Warning: {printable(f'{where}: skipped: {s.reason}')}", file=sys.stderr)

    try:
        situation = build(
            args.inputs or None,
            gazetteer=args.gazetteer,
            actors=args.actors,
            out=out,
            as_of=args.as_of,
            since=args.since,
            offline=args.offline,
            on_skip=on_skip,
            jobs=args.jobs,
        )
    except OSError as exc:
        # A file system error the readers and writers did not expect: one line, not a trace.
        why = exc.strerror or str(exc) or type(exc).__name__
        raise InputError(why, None if exc.filename is None else str(exc.filename)) from None
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


# ---- check and gazetteer add (issue 5) ----


def _add_check_parsers(sub) -> None:
    c = sub.add_parser(
        "check",
        help="validate the gazetteer and list the entries to fix, with where to put them",
        description="Validate the gazetteer and list the entries whose coordinates look wrong: "
        "lints on the file alone and, with INPUT, the distance claims of those articles.",
        epilog="Example:\n  mapper check                 (the gazetteer alone)\n"
        "  mapper check reports/        (and the distance claims in reports/)\n"
        "Exit status: 0 clean, 1 suspects found, 2 invalid input.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="article files or folders whose distance claims to check (none: lints only)",
    )
    c.add_argument("--gazetteer", help="gazetteer file (default: ./gazetteer.yaml)")
    c.add_argument("--actors", help="actors file (default: ./actors.yaml)")
    c.add_argument(
        "--online", action="store_true", help="also ask Nominatim (network) about unresolved names"
    )
    g = sub.add_parser(
        "gazetteer",
        help="edit the gazetteer",
        description="Edit the gazetteer file.",
        epilog="Example:\n  mapper gazetteer add shirqat --name Shirqat --lat 35.5172 "
        "--lon 43.2281 --province salahuddin",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    g.set_defaults(gazetteer_parser=g)
    gsub = g.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    a = gsub.add_parser(
        "add",
        help="append an entry, keeping the file's comments and order",
        description="Append an entry at the end of the gazetteer, keeping its comments and order.",
        epilog="Example:\n  mapper gazetteer add shirqat --name Shirqat --lat 35.5172 "
        "--lon 43.2281 --province salahuddin --aliases Sharqat,Al-Shirqat",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("id", help="new unique kebab-case id, e.g. shirqat")
    a.add_argument("--name", required=True, help="the common English name")
    a.add_argument("--lat", type=float, required=True, help="latitude, WGS-84 decimal degrees")
    a.add_argument("--lon", type=float, required=True, help="longitude, WGS-84 decimal degrees")
    a.add_argument("--kind", default="town", help="kind of place (default: town)")
    a.add_argument(
        "--countries", default="IQ", help="comma-separated ISO alpha-2 codes (default: IQ)"
    )
    a.add_argument("--province", help="id of the province entry it lies in")
    a.add_argument("--aliases", default="", help="comma-separated spelling variants")
    a.add_argument("--population", type=int, help="population, if known")
    a.add_argument("--source", help="where the point comes from, kept as a comment on its line")
    a.add_argument("--gazetteer", help="gazetteer file (default: ./gazetteer.yaml)")


def _check(args) -> int:
    from .gazetteer import default_gazetteer_path
    from .lint import lint_gazetteer

    path = Path(args.gazetteer) if args.gazetteer else default_gazetteer_path()
    found, gaz, error = lint_gazetteer(path)
    # As given, or relative to here when it lies below: a path an editor can open.
    shown = str(path)
    if not args.gazetteer and path.resolve().is_relative_to(Path.cwd().resolve()):
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    if error is not None:
        for s in found:
            print(_suspect_line(shown, s))
        raise error
    suspects = found
    situation = None
    if args.inputs:
        from .build import run
        from .suspects import rank_suspects

        situation = run(args.inputs, gaz, args.actors)
        # Point lints of the whole file, not only of the places these articles mention.
        suspects = rank_suspects(situation.distance_claims, gaz, found)
    for s in suspects:
        print(_suspect_line(shown, s))
    if situation is not None:
        _print_review(situation, suspects)
        _print_unresolved(situation, args.online)
    n = len(suspects)
    print(f"{n} suspect{'s' if n != 1 else ''} in {shown}", file=sys.stderr)
    return 1 if suspects else 0


def _suspect_line(shown: str, s) -> str:
    where = f"{shown}:{s.line}" if s.line is not None else shown
    text = f"{where}: {s.place}: {s.reason}"
    if s.suggested_lat is not None:
        radius = f" +- {s.radius_km:.0f} km" if s.radius_km is not None else ""
        text += f" (suggested {s.suggested_lat:.4f}, {s.suggested_lon:.4f}{radius})"
    return text


def _print_review(situation, suspects) -> None:
    """Inconsistent claims no suspect explains: the claim itself is as likely wrong."""
    explained = {i for s in suspects for i in s.claims}
    for i, c in enumerate(situation.distance_claims):
        if c.verdict == "inconsistent" and i not in explained:
            print(
                f"{c.doc}:{c.start}: claim {i} ({c.place} from {c.reference}) disagrees, "
                f"no entry to blame: {c.note}"
            )


def _print_unresolved(situation, online: bool) -> None:
    from .candidates import candidates_for_unresolved

    geocoder = None
    if online:
        from geopy.geocoders import Nominatim

        geocoder = Nominatim(user_agent=f"mapper/{__version__}")
    for u, cands in candidates_for_unresolved(situation, geocoder=geocoder):
        print(f"{u.doc} (character {u.start}): unresolved '{u.text}' ({u.context})")
        for c in cands:
            near = f", {c.distance_km:.0f} km from {c.near}" if c.near else ""
            pop = f", pop. {c.population}" if c.population else ""
            print(f"    candidate {c.name} ({c.lat:.4f}, {c.lon:.4f}{pop}{near}) [{c.source}]")


def _gazetteer(args) -> int:
    from .gazetteer import default_gazetteer_path
    from .gazetteer_edit import add_entry

    if args.gazetteer_command != "add":
        args.gazetteer_parser.print_help()
        return 2
    path = Path(args.gazetteer) if args.gazetteer else default_gazetteer_path()
    add_entry(
        path,
        args.id,
        args.name,
        args.lat,
        args.lon,
        kind=args.kind,
        countries=[c.strip() for c in args.countries.split(",") if c.strip()],
        province=args.province,
        aliases=[a.strip() for a in args.aliases.split(",") if a.strip()],
        population=args.population,
        comment=args.source,
    )
    print(f"added '{args.id}' to {path}; run `mapper check` to see it verified")
    return 0
