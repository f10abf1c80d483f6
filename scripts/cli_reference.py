"""Regenerate the CLI reference in README.md from the commands' own --help.

python scripts/cli_reference.py          # rewrite README.md
python scripts/cli_reference.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- cli-reference: start -->", "<!-- cli-reference: end -->"
COMMANDS = (["--help"], ["build", "--help"], ["check", "--help"], ["gazetteer", "add", "--help"])


def help_text(args: list[str]) -> str:
    """What ``mapper ARGS`` prints, at a fixed width so the text is the same everywhere."""
    from mapper.cli import main

    os.environ["COLUMNS"] = "100"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.suppress(SystemExit):
        main(args)
    return buf.getvalue().rstrip() + "\n"


def reference() -> str:
    """The Markdown block between the markers."""
    parts = []
    for args in COMMANDS:
        shown = " ".join(a for a in args if a != "--help")
        parts.append(
            f"### `mapper {shown}`\n\n```text\n{help_text(args)}```\n"
            if shown
            else f"```text\n{help_text(args)}```\n"
        )
    return "\n".join(parts)


def render(readme: str) -> str:
    """README text with the reference block replaced."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference()}{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if README.md is out of date")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        return 0 if current == wanted else 1
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
