"""Safe YAML reading that remembers line numbers and refuses anchors and aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import MapperError

__all__ = ["LINE", "LineList", "line_of", "load_yaml"]

LINE = "__line__"  # key under which each mapping keeps the line it starts on (1-based)


class LineList(list):
    """A YAML sequence: a plain list that also knows the line of each item (``lines``)."""

    lines: list[int]


def line_of(seq: Any, index: int, default: int | None = None) -> int | None:
    """The 1-based line of item ``index`` of a sequence from ``load_yaml``, else ``default``."""
    lines = getattr(seq, "lines", None)
    if lines is not None and 0 <= index < len(lines):
        return lines[index]
    return default


# What to do about PyYAML's commonest complaints, keyed by words of its message.
_HINTS = (
    ("mapping values are not allowed", "put quotes around a value that contains ': '"),
    ("cannot start any token", "indent with spaces, not tabs; quote values starting with @ or `"),
    ("expected <block end>", "check the indentation: items of one list start in one column"),
    ("expected ',' or ']'", "close the [ ... ] list, or quote an item that holds a comma"),
    ("expected ',' or '}'", "close the { ... } mapping"),
    ("while scanning a quoted scalar", "close the quotation mark"),
    (
        "could not determine a constructor",
        "tags such as !!python/... are not allowed: remove the tag",
    ),
    ("another document", "keep one document: remove the '---' line"),
    ("unhashable key", "keys must be plain words"),
    ("found undefined alias", "YAML aliases (*name) are not allowed: write the value out"),
    ("found duplicate anchor", "YAML anchors (&name) are not allowed: write the value out"),
)


def _hint(text: str) -> str:
    for words, hint in _HINTS:
        if words in text:
            return hint
    return "check the indentation and quoting on this line and the one before"


def _constructors(path: str, error: type[MapperError]) -> type:
    class LineConstructor:
        """Mixin: mappings carry ``LINE``, sequences are LineLists, duplicate keys refused."""

        def construct_mapping(self, node, deep=False):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    raise error(
                        f"duplicate key {key!r} (first at line {seen[key]}): keep one",
                        path,
                        key_node.start_mark.line + 1,
                    )
                if isinstance(key, (str, int, float, bool)):
                    seen[key] = key_node.start_mark.line + 1
            mapping = super().construct_mapping(node, deep=True)
            mapping[LINE] = node.start_mark.line + 1
            return mapping

        def construct_line_list(self, node):
            # Lines of the items, so "entry 7 is not a mapping" can point at entry 7.
            items = LineList(self.construct_sequence(node, deep=True))
            items.lines = [child.start_mark.line + 1 for child in node.value]
            return items

    return LineConstructor


def _register(cls: type) -> type:
    cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, cls.construct_mapping)
    cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, cls.construct_line_list)
    return cls


def _loader(path: str, error: type[MapperError]) -> type[yaml.SafeLoader]:
    """The pure-Python loader: refuses aliases as it meets them, with PyYAML's messages."""

    class LineLoader(_constructors(path, error), yaml.SafeLoader):
        def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
            # An alias can expand exponentially ("billion laughs"); hand-edited files need none.
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise error(
                    "YAML aliases (*name) are not allowed here: write the value out",
                    path,
                    mark.line + 1,
                )
            return super().compose_node(parent, index)

    return _register(LineLoader)


def _fast_load(text: str, path: str, error: type[MapperError]) -> Any:
    """libyaml's parser (ten times faster on the gazetteer), same constructors and checks."""

    class FastLoader(_constructors(path, error), yaml.CSafeLoader):
        pass

    _register(FastLoader)
    if "*" in text:
        # libyaml composes aliases into shared nodes before any hook runs: look for them
        # in the event stream first, so a "billion laughs" file is refused, not built.
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise error(
                    "YAML aliases (*name) are not allowed here: write the value out",
                    path,
                    event.start_mark.line + 1,
                )
    return yaml.load(text, Loader=FastLoader)  # noqa: S506 - SafeLoader semantics


def load_yaml(path: str | Path, error: type[MapperError] = MapperError) -> Any:
    """Load one YAML document with ``yaml.safe_load`` semantics; mappings carry ``LINE``."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise error("file not found: check the path", shown) from None
    except IsADirectoryError:
        raise error("is a folder, expected a YAML file", shown) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error("not valid UTF-8: save the file as UTF-8", shown, line) from None
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return _fast_load(text, shown, error)
        except (yaml.YAMLError, RecursionError):
            pass  # parse again below, for PyYAML's wording of the error and its hints
    try:
        return yaml.load(text, Loader=_loader(shown, error))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        context = ""
        if exc.context and exc.context_mark and exc.problem_mark:
            # "while scanning a quoted scalar" at the line where the quote opened.
            if exc.context_mark.line != exc.problem_mark.line:
                context = f" ({exc.context} started at line {exc.context_mark.line + 1})"
        hint = _hint(f"{exc.problem} {exc.context}")
        raise error(f"YAML syntax error: {what}{context}: {hint}", shown, line) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", shown) from None
    except RecursionError:
        # Thousands of nested brackets exhaust the parser's stack; no real file nests so.
        raise error("YAML nested too deeply: flatten the structure", shown) from None
