"""Append an entry to gazetteer.yaml as text, keeping the file's comments, order and style."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import GazetteerError
from .gazetteer import Gazetteer, parse_gazetteer
from .yamlfile import load_yaml

__all__ = ["entry_text", "add_entry"]

# A YAML plain scalar that stays a string: no quoting needed ("Tal Afar", "al-Khalis").
_PLAIN = re.compile(r"^[A-Za-z\u00c0-\uffff][\w\u00c0-\uffff .()\-]*$")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def _scalar(text: str) -> str:
    """A YAML scalar for a string, quoted only where the plain form would misread it."""
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(_scalar(i) for i in items) + "]"


def entry_text(
    pid: str,
    name: str,
    lat: float,
    lon: float,
    kind: str = "town",
    countries: Sequence[str] = ("IQ",),
    province: str | None = None,
    aliases: Sequence[str] = (),
    population: int | None = None,
    comment: str | None = None,
) -> str:
    """The entry as the file writes it: block style, two-space list indent, flow lists."""
    note = f"  # {comment}" if comment else ""
    lines = [
        f"  - id: {pid}",
        f"    name: {_scalar(name)}",
        f"    kind: {kind}",
        f"    lat: {round(float(lat), 4)}{note}",
        f"    lon: {round(float(lon), 4)}",
        f"    countries: [{', '.join(countries)}]",
    ]
    if province:
        lines.append(f"    province: {province}")
    lines.append(f"    aliases: {_flow(aliases)}")
    lines.append("    descriptions: []")
    if population is not None:
        lines.append(f"    population: {int(population)}")
    return "\n".join(lines) + "\n"


def add_entry(path: str | Path, pid: str, name: str, lat: float, lon: float, **fields) -> Gazetteer:
    """Append an entry to the gazetteer file; GazetteerError and the file unchanged if invalid."""
    path = Path(path)
    shown = str(path)
    old = load_yaml(path, GazetteerError)
    current = parse_gazetteer(old, shown)  # refuse to append to a file that is already invalid
    if pid in current:
        raise GazetteerError(
            f"id '{pid}' already exists (line {current[pid].line}): choose another id or edit "
            "that entry",
            shown,
            current[pid].line,
        )
    raw = path.read_text(encoding="utf-8-sig")
    if raw and not raw.endswith("\n"):
        raw += "\n"
    new_text = raw + entry_text(pid, name, lat, lon, **fields)
    # Validate the whole new file before it replaces the old one.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new_text)
        try:
            gaz = parse_gazetteer(load_yaml(tmp, GazetteerError), shown)
        except GazetteerError as exc:
            raise GazetteerError(f"the new entry would be invalid: {exc.message}", shown) from None
        if pid not in gaz:
            raise GazetteerError(
                "the new entry did not land in the 'places:' list: the file must end with its "
                "last entry",
                shown,
            )
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return gaz
