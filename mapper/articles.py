"""Read articles from files and folders: .txt/.md, .html, .json and .jsonl, streamed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from .errors import ArticleError, InputError
from .model import Article, Skipped

__all__ = [
    "SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "example_inputs",
    "input_files",
    "read_articles",
    "read_file",
    "find_published",
]

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
# One article larger than this is almost surely not an article (a dump, a binary, a log).
MAX_ARTICLE_BYTES = 5_000_000
# A JSONL file is many articles; this bounds one line of it.
MAX_JSONL_LINE_BYTES = MAX_ARTICLE_BYTES


def example_inputs() -> list[Path]:
    """The example reports bundled with the package."""
    root = resources.files("mapper") / "examples"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(SUFFIXES))


def input_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into article files in a stable order; InputError if missing."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError("not a regular file or folder", str(path))
        else:
            raise InputError("no such file or folder", str(path))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _doc_ids(files: list[Path]) -> dict[Path, str]:
    """The basename, or the path where two inputs share a basename."""
    counts: dict[str, int] = {}
    for f in files:
        counts[f.name] = counts.get(f.name, 0) + 1
    return {f: (f.name if counts[f.name] == 1 else f.as_posix()) for f in files}


def read_articles(inputs: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Yield each article, or a Skipped record for each input that cannot be used."""
    files = input_files(inputs)
    ids = _doc_ids(files)
    for f in files:
        try:
            yield from read_file(f, ids[f])
        except ArticleError as exc:
            yield Skipped(str(f), exc.message, exc.line)


def read_file(path: Path, doc_id: str | None = None) -> Iterator[Article | Skipped]:
    """Articles in one file; ArticleError if the whole file is unusable."""
    doc_id = doc_id or path.name
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror}", str(path)) from None
    if suffix == ".jsonl":
        yield from _read_jsonl(path, doc_id)
        return
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article",
            str(path),
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror}", str(path)) from None
    text = decode(raw, str(path))
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ArticleError(f"invalid JSON: {exc.msg}", str(path), exc.lineno) from None
        objs = data if isinstance(data, list) else [data]
        for n, obj in enumerate(objs):
            sub_id = doc_id if len(objs) == 1 else f"{doc_id}#{n + 1}"
            try:
                yield _from_object(obj, sub_id, str(path), None)
            except ArticleError as exc:
                yield Skipped(str(path), exc.message, None)
        return
    if suffix in (".html", ".htm"):
        title, body = html_to_text(text)
        yield _article(doc_id, body, title, None, None, str(path), None)
        return
    title, body = _split_title(text)
    yield _article(doc_id, body, title, None, None, str(path), None, full=text)


def decode(raw: bytes, source: str, line: int | None = None) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects."""
    if b"\x00" in raw[:8192]:
        # UTF-16 files are full of NULs; anything else with them is binary.
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return raw.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise ArticleError("binary file (contains NUL bytes), not text", source, line)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        raise ArticleError("cannot decode: not UTF-8 and no other encoding fits", source, line)
    try:
        return raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ArticleError(f"cannot decode as {best.encoding}", source, line) from None


def _read_jsonl(path: Path, doc_id: str) -> Iterator[Article | Skipped]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror}", str(path)) from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            if len(raw) > MAX_JSONL_LINE_BYTES:
                yield Skipped(str(path), f"line of {len(raw):,} bytes is over the limit", lineno)
                continue
            try:
                text = decode(raw, str(path), lineno)
                obj = json.loads(text)
                yield _from_object(obj, None, str(path), lineno, fallback=f"{doc_id}#{lineno}")
            except json.JSONDecodeError as exc:
                yield Skipped(str(path), f"invalid JSON: {exc.msg}", lineno)
            except ArticleError as exc:
                yield Skipped(str(path), exc.message, lineno)


def _from_object(
    obj, doc_id: str | None, source: str, line: int | None, fallback: str = ""
) -> Article:
    if not isinstance(obj, dict):
        raise ArticleError("expected a JSON object with a 'text' field", source, line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise ArticleError("object has no 'text' string", source, line)
    ident = obj.get("id")
    if doc_id is None:
        doc_id = str(ident) if isinstance(ident, (str, int)) and str(ident).strip() else fallback
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    published = obj.get("published") if isinstance(obj.get("published"), str) else None
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    return _article(doc_id, text, title, published, url, source, line)


def _article(doc_id, text, title, published, url, source, line, full: str | None = None) -> Article:
    if "\x00" in text:
        raise ArticleError("text contains NUL bytes", source, line)
    if not text.strip():
        raise ArticleError("empty article: no text", source, line)
    # Offsets point into the text as decoded; for .txt that includes the title line.
    body = full if full is not None else text
    pub = _iso_date(published) if published else None
    pub = pub or find_published(body)
    return Article(
        id=doc_id,
        text=body,
        title=(title or "").strip() or None,
        published=pub,
        url=url,
        source=source,
        line=line,
    )


def _split_title(text: str) -> tuple[str | None, str]:
    for raw in text.splitlines():
        if raw.strip():
            return raw.strip().lstrip("#").strip() or None, text
    return None, text


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(r"\b(" + _MONTH_RE + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I),
    re.compile(r"\b(\d{1,2})\s+(" + _MONTH_RE + r")\.?,?\s+(\d{4})\b", re.I),
)


def parse_date(s: str) -> tuple[str, int, int] | None:
    """The first written date in ``s`` as (iso, start, end), or None."""
    best = None
    for n, rx in enumerate(_DATE_RES):
        m = rx.search(s)
        if not m:
            continue
        try:
            if n == 0:
                d = date(int(m[1]), int(m[2]), int(m[3]))
            elif n == 1:
                d = date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
            else:
                d = date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        except ValueError:
            continue
        if best is None or m.start() < best[1]:
            best = (d.isoformat(), m.start(), m.end())
    return best


def _iso_date(s: str) -> str | None:
    hit = parse_date(s)
    return hit[0] if hit else None


def find_published(text: str) -> str | None:
    """The publication date from a dateline or 'Published:' line in the first lines."""
    head = "\n".join(text[:1500].splitlines()[:6])
    hit = parse_date(head)
    return hit[0] if hit else None


class _TextExtractor(HTMLParser):
    _SKIP = frozenset(
        {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    )
    _BLOCK = frozenset(
        "p div br li h1 h2 h3 h4 h5 h6 tr section article header footer blockquote pre ul ol table figcaption".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
            return
        if self._skip:
            return
        if self._in_h1:
            self.h1.append(data)
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page; scripts, styles and tags dropped, paragraphs kept."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it raises means garbage
        raise ArticleError(f"cannot parse HTML: {exc}") from None
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    paragraphs = [ln for ln in lines if ln]
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split()) or None
    body = "\n\n".join(paragraphs)
    if title and not body.startswith(title):
        body = title + "\n\n" + body
    return title, body
