"""Read articles from files and folders: .txt/.md, .html, .json and .jsonl, streamed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from .errors import ArticleError, InputError
from .model import Article, Skipped

__all__ = [
    "SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "clean",
    "decode",
    "html_to_text",
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
# Text with more control characters than this share is a binary file that happened to
# decode (charset detection will map almost any byte soup onto some code page).
_MAX_CONTROL_SHARE = 0.01
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Lone surrogates ("\ud800" in JSON, undecodable bytes in a file name) cannot be encoded
# as UTF-8, so JSON writing would fail on them; each becomes U+FFFD, one character for one,
# so offsets into the text stay valid.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def clean(s: str) -> str:
    """``s`` with lone surrogates replaced by U+FFFD (same length, so offsets hold)."""
    return _SURROGATE_RE.sub("\ufffd", s)


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
    return {f: clean(f.name if counts[f.name] == 1 else f.as_posix()) for f in files}


def read_articles(inputs: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Yield each article, or a Skipped record for each input that cannot be used."""
    files = input_files(inputs)
    ids = _doc_ids(files)
    seen: set[str] = set()
    for f in files:
        try:
            for item in read_file(f, ids[f]):
                if isinstance(item, Article):
                    item = _unique_id(item, seen)
                yield item
        except ArticleError as exc:
            yield Skipped(clean(str(f)), exc.message, exc.line)
        except RecursionError:
            yield Skipped(clean(str(f)), "nested too deeply to be an article")
        except OSError as exc:
            # An I/O error halfway through a JSONL file: keep what was read, skip the rest.
            yield Skipped(clean(str(f)), f"cannot read: {_why(exc)}")


def _unique_id(article: Article, seen: set[str]) -> Article:
    # Claims point at their document by id: two JSONL records with one id must not merge.
    doc_id, n = article.id, 1
    while doc_id in seen:
        n += 1
        doc_id = f"{article.id}#{n}"
    seen.add(doc_id)
    return article if doc_id == article.id else replace(article, id=doc_id)


def read_file(path: Path, doc_id: str | None = None) -> Iterator[Article | Skipped]:
    """Articles in one file; ArticleError if the whole file is unusable."""
    doc_id = clean(doc_id or path.name)
    source = clean(str(path))
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArticleError(f"cannot read: {_why(exc)}", source) from None
    if suffix == ".jsonl":
        yield from _read_jsonl(path, doc_id, source)
        return
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{size:,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article",
            source,
        )
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: a file can grow after stat() (a log, a pipe).
            raw = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise ArticleError(f"cannot read: {_why(exc)}", source) from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"over the {MAX_ARTICLE_BYTES:,}-byte limit for one article", source)
    text = decode(raw, source)
    if suffix == ".json":
        data = _json(text, source, None)
        objs = data if isinstance(data, list) else [data]
        for n, obj in enumerate(objs):
            sub_id = doc_id if len(objs) == 1 else f"{doc_id}#{n + 1}"
            try:
                yield _from_object(obj, sub_id, source, None)
            except ArticleError as exc:
                where = f"item {n + 1}: " if len(objs) > 1 else ""
                yield Skipped(source, where + exc.message, None)
        return
    if suffix in (".html", ".htm"):
        title, body = html_to_text(text)
        yield _article(doc_id, body, title, None, None, source, None)
        return
    title, body = _split_title(text)
    yield _article(doc_id, body, title, None, None, source, None, full=text)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _json(text: str, source: str, line: int | None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = exc.lineno if line is None else line
        raise ArticleError(f"invalid JSON: {exc.msg}", source, at) from None
    except RecursionError:
        # "[[[[...]]]]" a hundred thousand deep exhausts the parser's stack.
        raise ArticleError("invalid JSON: nested too deeply", source, line) from None


def decode(raw: bytes, source: str, line: int | None = None) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with a byte-order mark (Windows "Unicode" text): full of NUL bytes.
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("cannot decode: broken UTF-16", source, line) from None
    elif b"\x00" in raw:
        raise ArticleError("binary file (contains NUL bytes), not text", source, line)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_detected(raw, source, line)
    _check_text(text, source, line)
    return text


def _decode_detected(raw: bytes, source: str, line: int | None) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        raise ArticleError(
            "cannot decode: not UTF-8 and no other encoding fits (binary?)", source, line
        )
    try:
        return raw.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ArticleError(
            f"cannot decode: not UTF-8, and not {best.encoding} throughout", source, line
        ) from None


def _check_text(text: str, source: str, line: int | None) -> None:
    if "\x00" in text:
        raise ArticleError("binary file (contains NUL bytes), not text", source, line)
    sample = text[:100_000]
    controls = len(_CONTROL_RE.findall(sample))
    if sample and controls > max(2, _MAX_CONTROL_SHARE * len(sample)):
        raise ArticleError(
            f"binary file ({controls} control characters in {len(sample):,}), not text",
            source,
            line,
        )


def _read_jsonl(path: Path, doc_id: str, source: str) -> Iterator[Article | Skipped]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ArticleError(f"cannot read: {_why(exc)}", source) from None
    with fh:
        for lineno, raw, size in _bounded_lines(fh, MAX_JSONL_LINE_BYTES):
            if size > MAX_JSONL_LINE_BYTES:
                yield Skipped(
                    source,
                    f"line of {size:,} bytes is over the {MAX_JSONL_LINE_BYTES:,}-byte limit",
                    lineno,
                )
                continue
            if not raw.strip():
                continue
            try:
                obj = _json(decode(raw, source, lineno), source, lineno)
                yield _from_object(obj, None, source, lineno, fallback=f"{doc_id}#{lineno}")
            except ArticleError as exc:
                yield Skipped(source, exc.message, lineno)


def _bounded_lines(fh, limit: int) -> Iterator[tuple[int, bytes, int]]:
    """(line number, bytes, size) per line; a line over ``limit`` is counted, not kept."""
    lineno = 0
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        size = len(raw)
        if size > limit and not raw.endswith(b"\n"):
            # Skip the rest of an over-long line in bounded chunks: memory stays flat.
            while True:
                chunk = fh.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            raw = b""
        yield lineno, raw, size


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
        ok = isinstance(ident, (str, int)) and not isinstance(ident, bool)
        doc_id = clean(str(ident)) if ok and str(ident).strip() else fallback

    def field(name: str) -> str | None:
        value = obj.get(name)
        return clean(value) if isinstance(value, str) else None

    title, published, url = field("title"), field("published"), field("url")
    return _article(doc_id, clean(text), title, published, url, source, line)


def _article(doc_id, text, title, published, url, source, line, full: str | None = None) -> Article:
    if "\x00" in text:
        raise ArticleError("text contains NUL characters", source, line)
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
        "p div br li h1 h2 h3 h4 h5 h6 tr section article header footer blockquote pre ul ol"
        " table figcaption".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "body" and self._in_head:
            # </head> is optional in HTML: <body> ends the head all the same.
            self._skip = max(0, self._skip - 1)
            self._in_head = False
        if tag in self._SKIP:
            self._skip += 1
            self._in_head = self._in_head or tag == "head"
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
            if tag == "head":
                self._in_head = False
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
        raise ArticleError(f"cannot parse HTML: {type(exc).__name__}") from None
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    paragraphs = [ln for ln in lines if ln]
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split()) or None
    body = "\n\n".join(paragraphs)
    if title and not body.startswith(title):
        body = title + "\n\n" + body
    return title, body
