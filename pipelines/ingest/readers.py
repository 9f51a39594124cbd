"""One reader per input format: files to RawArticle records or Rejects.

Formats (docs/CONTRACT.md): `*.txt` (first non-empty line is the title), `*.html`
and `*.htm` (a saved web page), each with an optional `NAME.meta.json` sidecar;
`*.json` (one article object), `*.jsonl` (one per line); `*.warc`, `*.warc.gz`
(every HTML response record).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from pipelines.ingest.decode import DecodeError, decode_bytes, is_binary
from pipelines.ingest.html import read_html
from pipelines.ingest.records import RawArticle, Reject
from pipelines.ingest.warc import is_warc, read_warc

META_KEYS = ("url", "source", "published_at", "title", "byline", "language", "fetched_at")
SIDECAR_SUFFIX = ".meta.json"
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl", *HTML_SUFFIXES)
IGNORED_NAMES = ("README", "readme")


def iter_input_files(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """Every input file under the paths, sorted, with its `source_uri` (path relative to its root)."""
    for root in paths:
        if root.is_file():
            yield root, printable_name(root.name)
            continue
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or name.startswith(IGNORED_NAMES):
                    continue
                path = Path(dirpath) / name
                found.append((path, printable_name(path.relative_to(root).as_posix())))
        yield from sorted(found, key=lambda item: item[1])


def printable_name(name: str) -> str:
    """A file name as text every table can store: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(name).decode("utf-8", "replace")


def read_file(path: Path, source_uri: str, max_bytes: int) -> Iterator[RawArticle | Reject]:
    """Read one input file; never raises for bad content, yields Rejects instead, and yields at least
    one record, so every file is accounted for."""
    records = 0
    for records, item in enumerate(_read_records(path, source_uri, max_bytes), start=1):
        yield item
    if not records:
        yield Reject(source_uri, "empty", f"{path.name}: no article record in the file")


def _read_records(path: Path, source_uri: str, max_bytes: int) -> Iterator[RawArticle | Reject]:
    suffix = path.suffix.lower()
    if is_warc(path):  # the cap applies to each record, not to the archive
        yield from read_warc(path, source_uri, max_bytes)
        return
    if suffix not in ARTICLE_SUFFIXES:
        yield Reject(source_uri, "unsupported_format", f"{path.name}: file type {suffix or '(none)'} is not an article format")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Reject(source_uri, "too_large", f"{path.name}: {size} bytes, over the cap of {max_bytes} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(source_uri, "unreadable", f"{path.name}: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Reject(source_uri, "empty", f"{path.name}: the file is empty")
        return
    if suffix in HTML_SUFFIXES:
        yield _read_page(path, source_uri, data)
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield Reject(source_uri, exc.reason, f"{path.name}: {exc}")
        return
    if suffix == ".txt":
        yield _read_txt(path, source_uri, text)
    elif suffix == ".json":
        yield _from_json_text(text, source_uri, path.name)
    else:
        yield from _read_jsonl(text, source_uri, path.name)


def _read_txt(path: Path, source_uri: str, text: str) -> RawArticle | Reject:
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return Reject(source_uri, "empty", f"{path.name}: only white space")
    meta, problem = _read_sidecar(path)
    if problem:
        return Reject(source_uri, "bad_json", problem)
    title = lines[0].strip()
    body = "\n".join(lines[1:])
    if meta.get("title"):
        title = str(meta["title"]).strip()
        body = "\n".join(lines[1:]) if lines[0].strip() == title else "\n".join(lines)
    if not body.strip():
        return Reject(source_uri, "no_text", f"{path.name}: a title line but no article text")
    return RawArticle(source_uri, title, body, meta)


def _read_page(path: Path, source_uri: str, data: bytes) -> RawArticle | Reject:
    if is_binary(data):
        return Reject(source_uri, "binary", f"{path.name}: the file holds binary data, not a web page")
    meta, problem = _read_sidecar(path)
    if problem:
        return Reject(source_uri, "bad_json", problem)
    return read_html(data, source_uri, path.name, meta)


def _read_sidecar(path: Path) -> tuple[dict, str | None]:
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}, None
    try:
        meta = json.loads(decode_bytes(sidecar.read_bytes()))
    except (OSError, ValueError) as exc:
        return {}, f"{sidecar.name}: the metadata sidecar is not valid JSON ({exc})"
    if not isinstance(meta, dict):
        return {}, f"{sidecar.name}: the metadata sidecar is not a JSON object"
    return {k: meta[k] for k in META_KEYS if meta.get(k) is not None}, None


def _from_json_text(text: str, source_uri: str, where: str) -> RawArticle | Reject:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        return Reject(source_uri, "bad_json", f"{where}: not valid JSON ({exc})")
    return _from_object(obj, source_uri, where)


def _from_object(obj: object, source_uri: str, where: str) -> RawArticle | Reject:
    if not isinstance(obj, dict):
        return Reject(source_uri, "bad_json", f"{where}: expected a JSON object, found {type(obj).__name__}")
    body = obj.get("text") or obj.get("body")
    if not isinstance(body, str) or not body.strip():
        return Reject(source_uri, "no_text", f"{where}: no 'text' or 'body' string")
    meta = {k: obj[k] for k in META_KEYS if obj.get(k) is not None}
    title = meta.pop("title", None)
    return RawArticle(source_uri, str(title).strip() if title else None, body, meta)


def _read_jsonl(text: str, source_uri: str, name: str) -> Iterator[RawArticle | Reject]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        yield _from_json_text(line, f"{source_uri}#L{number}", f"{name} line {number}")
