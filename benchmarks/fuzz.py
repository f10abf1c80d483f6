"""Fuzz the readers and the extractor for a given number of seconds.

    python benchmarks/fuzz.py --seconds 600            # atheris (coverage-guided) if installed
    python benchmarks/fuzz.py --seconds 60 --engine random

Each input becomes an article file of some suffix (.txt .md .html .json .jsonl), goes
through ``read_file`` and, for every article it yields, through ``extract``; one input in
``--export-every`` is also assembled and written as JSON. Checked on every input:

- the readers raise nothing but ArticleError, and no text holds a lone surrogate;
- the extractor raises nothing, and every mention, quote and unresolved name is
  ``article.text[start:end]``;
- the JSON and GeoJSON serialise and encode as UTF-8.

A violation is recorded (not fatal, so one run finds several): its input is saved to
``--crashes`` as ``<kind>-<hash>`` with the traceback beside it, and the run goes on.
At the end a summary line gives the time, the number of inputs and the findings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl")
# Words that lead the extractor into its branches; also the libFuzzer dictionary.
FRAGMENTS = [
    "Mosul", "Tal Afar", "Baghdad", "Baquba", "Tikrit", "Samarra", "Kirkuk", "Fallujah",
    "Ramadi", "Erbil", "Syria", "Iraq", "Nineveh", "Anbar", "the Iraqi capital",
    "the Iraq-Syria border", "ISIS", "ISIL", "militants", "Iraqi troops", "Kurdish forces",
    "peshmerga", "Shiite militias", "the army", "insurgents", "seized", "captured", "took",
    "overran", "fell to", "gained control of", "controls", "in the hands of", "withdrew from",
    "fled", "fighting", "clashes in", "closing in on", "surrounded", "besieged", "didn't",
    "denied", "if", "were to fall", "according to", "said", "Gen. Mohammed al-Quraishi",
    "June 10, 2014", "2014-06-15", "37 miles northeast of", "25 miles (40 km)",
    "miles north of", "km south of", "within 60 miles of", "50 to 60 miles", "the city",
    "the town of", "which", ". ", ".\n\n", ", ", '"', "\u2019", "\u201c", "\u201d",
    "<p>", "</p>", "<script>", "</script>", "<title>", "&amp;", '{"text": "', '"}',
    "\\ud800", "\\u0000", "\n",
]  # fmt: skip


class Target:
    """The code under test, loaded once; ``run`` checks one input."""

    def __init__(self, crashes: Path, export_every: int):
        from mapper.actors import load_actors
        from mapper.gazetteer import load_gazetteer

        self.gaz = load_gazetteer(ROOT / "gazetteer.yaml")
        self.actors = load_actors(ROOT / "actors.yaml")
        self.crashes = crashes
        self.export_every = export_every
        self.tmp = Path(tempfile.mkdtemp(prefix="mapper-fuzz-", dir=_ram_dir()))
        self.runs = 0
        self.articles = 0
        self.findings: dict[str, str] = {}

    def run(self, suffix: str, raw: bytes) -> None:
        """One input: never raises; a violation is saved and counted."""
        self.runs += 1
        try:
            self._check(suffix, raw)
        except Exception as exc:  # noqa: BLE001 - every exception is a finding
            self._record(suffix, raw, exc)

    def _check(self, suffix: str, raw: bytes) -> None:
        from mapper.articles import read_file
        from mapper.build import assemble, extract
        from mapper.errors import ArticleError
        from mapper.export import dumps, situation_to_dict, situation_to_geojson
        from mapper.model import Article

        path = self.tmp / f"input{suffix}"
        path.write_bytes(raw)
        try:
            items = list(read_file(path))
        except ArticleError:
            return
        results = []
        for item in items:
            if not isinstance(item, Article):
                continue
            self.articles += 1
            text = item.text
            for s in (text, item.id, item.title or "", item.url or ""):
                s.encode("utf-8")
            r = extract(item, self.gaz, self.actors)
            for m in r.mentions:
                assert text[m.start : m.end] == m.text, ("mention", m)
            for c in r.control_claims:
                assert text[c.start : c.end] == c.quote, ("control claim", c)
            for d in r.distance_claims:
                assert text[d.start : d.end] == d.quote, ("distance claim", d)
            for u in r.unresolved:
                assert text[u.start : u.end] == u.text, ("unresolved", u)
            results.append(r)
        if results and self.runs % self.export_every == 0:
            s = assemble(results, self.gaz, self.actors)
            for obj in (situation_to_dict(s), situation_to_geojson(s)):
                dumps(obj).encode("utf-8")

    def _record(self, suffix: str, raw: bytes, exc: BaseException) -> None:
        tb = traceback.extract_tb(exc.__traceback__)
        where = next((f for f in reversed(tb) if "/mapper/" in f.filename), tb[-1])
        key = f"{type(exc).__name__}@{Path(where.filename).name}:{where.lineno}"
        if key in self.findings:
            return
        digest = hashlib.sha1(raw).hexdigest()[:12]
        self.crashes.mkdir(parents=True, exist_ok=True)
        name = f"{type(exc).__name__}-{digest}{suffix}"
        (self.crashes / name).write_bytes(raw)
        (self.crashes / f"{name}.traceback").write_text("".join(traceback.format_exception(exc)))
        self.findings[key] = name
        print(f"FINDING {key}: {exc!r:.200} -> {self.crashes / name}", file=sys.stderr)

    def summary(self, seconds: float) -> str:
        """One line: how long, how many inputs and articles, what was found."""
        found = ", ".join(f"{k} ({v})" for k, v in self.findings.items()) or "nothing"
        return (
            f"fuzz: {seconds:.0f} s, {self.runs:,} inputs, {self.articles:,} articles "
            f"extracted, {len(self.findings)} distinct findings: {found}"
        )


def _ram_dir() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _split(data: bytes) -> tuple[str, bytes]:
    # The first byte picks the suffix, the rest is the file.
    if not data:
        return ".txt", b""
    return SUFFIXES[data[0] % len(SUFFIXES)], data[1:]


def _random_input(rnd: random.Random) -> bytes:
    """A plausible or hostile article file, for the engine without coverage guidance."""
    pieces = []
    for _ in range(rnd.randrange(1, 120)):
        r = rnd.random()
        if r < 0.6:
            pieces.append(rnd.choice(FRAGMENTS))
        elif r < 0.8:
            pieces.append("".join(chr(rnd.randrange(1, 0x3000)) for _ in range(rnd.randrange(8))))
        elif r < 0.9:
            pieces.append(str(rnd.randrange(10 ** rnd.randrange(1, 30))))
        else:
            pieces.append(" ")
    text = " ".join(pieces)
    kind = rnd.randrange(5)
    if kind == 0:
        body = json.dumps({"text": text, "title": text[:40]}).encode()
    elif kind == 1:
        body = text.encode("utf-8", "surrogatepass")
    elif kind == 2:
        body = text.encode("utf-16") if rnd.random() < 0.5 else text.encode("cp1252", "replace")
    elif kind == 3:
        body = bytes(rnd.randrange(256) for _ in range(rnd.randrange(300)))
    else:
        body = text.encode("utf-8", "replace")
    if rnd.random() < 0.3 and body:  # flip a few bytes
        b = bytearray(body)
        for _ in range(rnd.randrange(1, 6)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        body = bytes(b)
    return bytes([rnd.randrange(256)]) + body


def run_random(target: Target, seconds: float, seed: int) -> None:
    """Random generation and mutation until the time is up."""
    rnd = random.Random(seed)
    start = time.monotonic()
    report = start + 60
    while (now := time.monotonic()) < start + seconds:
        target.run(*_split(_random_input(rnd)))
        if now >= report:
            report = now + 60
            print(target.summary(now - start), flush=True)


def _dict_escape(s: str) -> str:
    # libFuzzer dictionaries know only \\, \" and \xNN escapes.
    out = []
    for byte in s.encode("utf-8"):
        ch = chr(byte)
        out.append(ch if 32 <= byte < 127 and ch not in '\\"' else f"\\x{byte:02x}")
    return "".join(out)


def run_atheris(target: Target, seconds: float, corpus: Path, max_len: int) -> None:
    """Coverage-guided fuzzing with atheris (libFuzzer), seeded with the example reports."""
    import atheris

    corpus.mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(sorted((ROOT / "mapper" / "examples").iterdir())):
        if p.suffix in SUFFIXES:
            data = bytes([SUFFIXES.index(p.suffix)]) + p.read_bytes()[: max_len - 1]
            (corpus / f"seed-{i}").write_bytes(data)
    dict_path = corpus.parent / "fuzz.dict"
    dict_path.write_text("".join(f'"{_dict_escape(f)}"\n' for f in FRAGMENTS))

    start = time.monotonic()
    report = [start + 60]

    def test_one(data: bytes) -> None:
        target.run(*_split(data))
        now = time.monotonic()
        if now >= report[0]:
            report[0] = now + 60
            print(target.summary(now - start), flush=True)
        if now - start >= seconds:
            # libFuzzer would end the process from C, past Python's atexit: end it here.
            print(target.summary(now - start), flush=True)
            os._exit(1 if target.findings else 0)

    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={int(seconds) + 60}",
        f"-max_len={max_len}",
        f"-dict={dict_path}",
        "-timeout=60",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, test_one)
    atheris.Fuzz()


def main() -> int:
    """Parse the options, fuzz, print the summary."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    ap.add_argument("--crashes", type=Path, default=Path("fuzz-findings"))
    ap.add_argument("--corpus", type=Path, default=Path("fuzz-corpus"))
    ap.add_argument("--max-len", type=int, default=8192, help="largest input, bytes")
    ap.add_argument("--export-every", type=int, default=50, help="assemble + JSON every N")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "random"
        else:
            engine = "atheris"
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["mapper"]):
            import mapper.articles  # noqa: F401
            import mapper.build  # noqa: F401
            import mapper.claims  # noqa: F401
            import mapper.mentions  # noqa: F401
            import mapper.text  # noqa: F401
    target = Target(args.crashes, args.export_every)
    start = time.monotonic()
    if engine == "atheris":
        run_atheris(target, args.seconds, args.corpus, args.max_len)  # exits by itself
    run_random(target, args.seconds, args.seed)
    print(target.summary(time.monotonic() - start), flush=True)
    return 1 if target.findings else 0


if __name__ == "__main__":
    sys.exit(main())
