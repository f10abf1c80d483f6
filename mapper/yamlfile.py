"""Safe YAML reading that remembers line numbers and refuses anchors and aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import MapperError

__all__ = ["LINE", "load_yaml"]

LINE = "__line__"  # key under which each mapping keeps the line it starts on (1-based)


def _loader(path: str, error: type[MapperError]) -> type[yaml.SafeLoader]:
    class LineLoader(yaml.SafeLoader):
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

    LineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping
    )
    return LineLoader


def load_yaml(path: str | Path, error: type[MapperError] = MapperError) -> Any:
    """Load one YAML document with ``yaml.safe_load`` semantics; mappings carry ``LINE``."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise error("file not found", shown) from None
    except IsADirectoryError:
        raise error("is a directory, expected a YAML file", shown) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error("not valid UTF-8: save the file as UTF-8", shown, line) from None
    try:
        return yaml.load(text, Loader=_loader(shown, error))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise error(f"YAML syntax error: {what}", shown, line) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", shown) from None
