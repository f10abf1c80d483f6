"""The readers: every kind of broken or hostile article file is skipped with a reason."""

from __future__ import annotations

import json
import os

import pytest

from mapper import articles
from mapper.articles import clean, decode, html_to_text, read_articles
from mapper.errors import ArticleError
from mapper.model import Article, Skipped

STORY = "Mosul, June 10, 2014\n\nMilitants seized Mosul on Tuesday, officials said.\n"


def _read(path) -> tuple[list[Article], list[Skipped]]:
    items = list(read_articles([path]))
    return (
        [a for a in items if isinstance(a, Article)],
        [s for s in items if isinstance(s, Skipped)],
    )


def _one_skip(path) -> Skipped:
    arts, skips = _read(path)
    assert arts == [] and len(skips) == 1, (arts, skips)
    return skips[0]


# --- encodings -------------------------------------------------------------------------


def test_utf8_with_bom_is_read_without_the_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    (art,), _ = _read(p)
    assert art.text == STORY


def test_legacy_encoding_is_detected(tmp_path):
    p = tmp_path / "a.txt"
    text = "Militants seized Mosul, said the café owner, whose façade was hit by “shells”.\n" * 5
    p.write_bytes(text.encode("cp1252"))
    (art,), _ = _read(p)
    assert "café" in art.text and "façade" in art.text


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(STORY.encode("utf-16"))
    (art,), _ = _read(p)
    assert art.text == STORY


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"\x1f\x8b\x08\x00" + os.urandom(2000),
        b"Militants seized Mosul. " * 1000 + b"\x00" + b"more text " * 10,
    ],
    ids=["png", "gzip", "nul-after-8k"],
)
def test_binary_file_is_skipped(tmp_path, raw):
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    skip = _one_skip(p)
    assert "binary" in skip.reason or "cannot decode" in skip.reason
    assert skip.source == str(p)


def test_control_characters_mean_binary(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) * 50 + b"text")
    assert "binary" in _one_skip(p).reason


def test_undecodable_bytes_without_a_fitting_encoding_are_skipped(tmp_path):
    with pytest.raises(ArticleError) as err:
        decode(os.urandom(64) + b"\xff\xfe\xfd" * 10 + b"\x81\x8d\x8f\x90\x9d", "x.txt")
    assert "decode" in err.value.message or "binary" in err.value.message


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"], ids=["empty", "blank"])
def test_empty_file_is_skipped(tmp_path, content):
    p = tmp_path / "a.md"
    p.write_bytes(content)
    assert "empty" in _one_skip(p).reason


def test_fifty_megabyte_file_is_skipped_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: the test stays fast
    skip = _one_skip(p)
    assert "52,428,800 bytes is over the 5,000,000-byte limit" in skip.reason


def test_one_line_megabyte_article_under_the_limit_is_read(tmp_path):
    line = "Militants seized Mosul and fighting continued near Tal Afar. " * 40_000
    p = tmp_path / "long.txt"
    p.write_text(line)
    (art,), _ = _read(p)
    assert len(art.text) == len(line) > 2_000_000


def test_file_that_grows_past_the_limit_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_ARTICLE_BYTES", 100)
    p = tmp_path / "a.txt"
    p.write_text("x" * 101)
    assert "limit" in _one_skip(p).reason


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(STORY)
    real_open = type(p).open

    def deny(self, *a, **k):
        if self == p:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    monkeypatch.setattr(type(p), "open", deny)
    assert _one_skip(p).reason == "cannot read: Permission denied"


# --- JSON and JSONL --------------------------------------------------------------------


def test_malformed_json_names_the_line(tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{\n  "text": "Mosul",\n  "title": oops\n}')
    skip = _one_skip(p)
    assert skip.reason.startswith("invalid JSON") and skip.line == 3


def test_deeply_nested_json_is_skipped(tmp_path):
    p = tmp_path / "a.json"
    p.write_text("[" * 200_000 + "]" * 200_000)
    assert "nested too deeply" in _one_skip(p).reason


def test_json_list_keeps_good_items_and_names_bad_ones(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"text": STORY}, {"title": "no text"}, 7, {"text": STORY}]))
    arts, skips = _read(p)
    assert [a.id for a in arts] == ["a.json#1", "a.json#4"]
    assert [s.reason for s in skips] == [
        "item 2: object has no 'text' string",
        "item 3: expected a JSON object with a 'text' field",
    ]


def test_lone_surrogates_become_replacement_characters(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(
        '{"text": "Militants \\ud800seized Mosul \\udfff.", "title": "T\\udc00", '
        '"id": "x\\ud83d", "url": "http://e/\\ud800", "published": "2014-06-10"}'
    )
    (art,), _ = _read(p)
    for value in (art.text, art.title, art.url):
        value.encode("utf-8")  # would raise on a surrogate
        assert "\ufffd" in value
    assert art.text == "Militants \ufffdseized Mosul \ufffd."
    # A real pair, written as two escapes, stays the character it stands for.
    p.write_text('{"text": "Mosul \\ud83d\\ude00"}')
    (art,), _ = _read(p)
    assert art.text == "Mosul \U0001f600"


def test_jsonl_skips_bad_lines_and_names_them(tmp_path):
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        "",
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps(["list"]),
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "Mosul\u0000fell"}),
        json.dumps({"text": STORY}),
    ]
    p.write_text("\n".join(lines) + "\n")
    arts, skips = _read(p)
    assert [a.id for a in arts] == ["a", "feed.jsonl#8"]
    assert [(s.line, s.reason) for s in skips] == [
        (3, "invalid JSON: Expecting property name enclosed in double quotes"),
        (4, "object has no 'text' string"),
        (5, "expected a JSON object with a 'text' field"),
        (6, "empty article: no text"),
        (7, "text contains NUL characters"),
    ]
    assert arts[0].line == 1 and arts[1].line == 8


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_line_read(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_JSONL_LINE_BYTES", 1000)
    p = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "x " * 3_000_000})
    p.write_text(big + "\n" + json.dumps({"id": "ok", "text": STORY}) + "\n")
    arts, skips = _read(p)
    assert [a.id for a in arts] == ["ok"] and arts[0].line == 2
    assert skips[0].line == 1 and f"line of {len(big) + 1:,} bytes" in skips[0].reason


def test_jsonl_with_undecodable_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_bytes(b'{"text": "a\x00b"}\n' + json.dumps({"text": STORY}).encode() + b"\n")
    arts, skips = _read(p)
    assert len(arts) == 1 and skips[0].line == 1 and "NUL" in skips[0].reason


def test_duplicate_ids_are_made_unique(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps({"id": "same", "text": STORY}) for _ in range(3)))
    arts, _ = _read(p)
    assert [a.id for a in arts] == ["same", "same#2", "same#3"]


# --- HTML ------------------------------------------------------------------------------


def test_html_drops_scripts_styles_and_handlers():
    html = (
        "<html><head><title>Mosul &amp; Tal Afar</title><script>var x = '<p>Mosul</p>';"
        "</script><style>p{}</style></head><body onload='evil()'><p>Militants seized "
        "<b>Mosul</b>.</p><script>alert('Tal Afar')</script><noscript>enable js</noscript>"
        "<p>Fighting &lt;script&gt; went on.</p></body></html>"
    )
    title, body = html_to_text(html)
    assert title == "Mosul & Tal Afar"
    assert body == "Mosul & Tal Afar\n\nMilitants seized Mosul.\n\nFighting <script> went on."


def test_html_without_closing_head_keeps_the_body():
    title, body = html_to_text("<html><head><title>T</title><body><p>Militants seized Mosul.")
    assert body == "T\n\nMilitants seized Mosul."


def test_html_of_only_script_is_skipped(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<script>document.write('Militants seized Mosul')</script>")
    assert "empty" in _one_skip(p).reason


def test_unclosed_script_swallows_the_rest_but_does_not_crash(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<p>Militants seized Mosul.</p><script>while(1){}")
    (art,), _ = _read(p)
    assert art.text == "Militants seized Mosul."


# --- names -----------------------------------------------------------------------------


def test_undecodable_file_name_gives_a_writable_id(tmp_path):
    name = os.fsdecode(b"bad\xffname.txt")
    p = tmp_path / name
    p.write_text(STORY)
    (art,), _ = _read(p)
    assert art.id == "bad\ufffdname.txt"
    art.id.encode("utf-8")


def test_clean_keeps_length():
    s = "a\ud800b\udfffc"
    assert clean(s) == "a\ufffdb\ufffdc" and len(clean(s)) == len(s)
