"""Fetch RSS/Atom feeds and save each new item's web page into the landing folder.

Feeds are listed in a YAML file (`load_sources`). `fetch_feeds` requests every feed
(conditionally, with the ETag / Last-Modified of its last 200 answer), and for each
entry whose link it has not tried before it fetches the page and writes
`landing/feeds/<feed name>/<hash>.html` (the bytes as received) with a
`<hash>.meta.json` sidecar (url, title, published_at, source, byline, feed).

State lives in `state_dir/feeds.json`: per feed URL the validators and the set of
item URLs already tried. Every item URL that was tried is recorded, whether its
page was saved or not, so it is never requested again: a failing page is reported
once, as a reject of the fetch in which it failed. Network, HTTP and parse problems
never raise; they become rejects and the other feeds and items go on.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from calendar import timegm
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import requests
import yaml

NAME_PATTERN = re.compile(r"[a-z0-9_-]+")
FETCHABLE_SCHEMES = ("http", "https")
SOURCE_KEYS = ("name", "url", "source_name")
STATE_FILE = "feeds.json"
CHUNK_BYTES = 64 * 1024
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)  # feeds have no use for them; expansion bombs do


@dataclass(frozen=True)
class FeedSource:
    """One feed: `name` is the landing folder's name, `source_name` the publisher for the sidecar."""

    name: str
    url: str
    source_name: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not NAME_PATTERN.fullmatch(self.name):
            raise ValueError(f"feed name {self.name!r} must be made of a-z, 0-9, '_' and '-' only")
        if not _is_fetchable(self.url):
            raise ValueError(f"feed url {self.url!r} must be an http:// or https:// URL")


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how much to fetch."""

    user_agent: str = "newsetl/0.1 (+https://github.com/newsetl/newsetl)"
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    min_interval: float = 1.0
    max_bytes: int = 5 * 1024 * 1024
    max_items: int = 200


@dataclass
class FetchReport:
    """What one `fetch_feeds` call did; `feeds_ok` counts feeds that answered 200 or 304."""

    pages: list[Path] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    feeds_ok: int = 0
    feeds_failed: int = 0
    items_skipped: int = 0
    not_modified: int = 0


class FetchError(Exception):
    """A request that gave no usable body; `reason` is the reject reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass
class Fetched:
    """A response read in full: status 304 comes with an empty body."""

    status: int
    final_url: str
    headers: dict[str, str]
    body: bytes


class HostRateLimiter:
    """Keeps the starts of two requests to the same host at least `min_interval` seconds apart."""

    def __init__(self, min_interval: float) -> None:
        self.min_interval = min_interval
        self._last_request: dict[str, float] = {}

    def wait(self, url: str) -> None:
        """Sleep until a request to the URL's host is allowed, and record it as made now."""
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            delay = last + self.min_interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        self._last_request[host] = time.monotonic()


def load_sources(path: Path) -> tuple[list[FeedSource], list[dict]]:
    """The feeds listed under `feeds:` in a YAML file ([] when the file is missing or lists none), and a
    `bad_source` reject for each entry refused (a name that is not a plain slug, such as "../x", a URL
    that is not http(s), ...) or for the whole file when it cannot be read; the good entries still count."""
    try:
        entries = _entries(path)
    except ValueError as exc:
        return [], [_reject(path.name, "bad_source", str(exc))]
    sources, rejects, names = [], [], set()
    for index, entry in enumerate(entries):
        try:
            source = _source_from_entry(path, index, entry)
        except ValueError as exc:
            rejects.append(_reject(f"{path.name}#feeds[{index}]", "bad_source", str(exc)))
            continue
        if source.name in names:
            rejects.append(_reject(f"{path.name}#feeds[{index}]", "bad_source",
                                   f"{path}: feeds[{index}]: the name {source.name!r} is used twice"))
            continue
        names.add(source.name)
        sources.append(source)
    return sources, rejects


def _entries(path: Path) -> list:
    if not path.exists():
        return []
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if document is None:
        return []
    if not isinstance(document, dict) or "feeds" not in document:
        raise ValueError(f"{path}: expected a top-level `feeds:` key")
    entries = document["feeds"] or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: `feeds:` must be a list of {{name, url, source_name}} entries")
    return entries


def _source_from_entry(path: Path, index: int, entry: object) -> FeedSource:
    where = f"{path}: feeds[{index}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping with name and url, got {entry!r}")
    where += f" (name {entry.get('name')!r})"
    unknown = sorted(str(key) for key in entry if key not in SOURCE_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown keys {', '.join(unknown)}; allowed: {', '.join(SOURCE_KEYS)}")
    for key in ("name", "url"):
        if not isinstance(entry.get(key), str):
            raise ValueError(f"{where}: `{key}` is required and must be a string")
    source_name = entry.get("source_name")
    if source_name is not None and not isinstance(source_name, str):
        raise ValueError(f"{where}: `source_name` must be a string")
    try:
        return FeedSource(entry["name"], entry["url"], source_name)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc


def fetch_feeds(sources: list[FeedSource], landing: Path, state_dir: Path, policy: FetchPolicy = FetchPolicy(),
                session: requests.Session | None = None) -> FetchReport:
    """Fetch every feed and the pages of its new items into `landing/feeds/<name>/`; never raises for bad feeds."""
    session = session or requests.Session()
    session.headers["User-Agent"] = policy.user_agent
    limiter = HostRateLimiter(policy.min_interval)
    state_path = state_dir / STATE_FILE
    state = _load_state(state_path)
    report = FetchReport()
    for source in sources:
        feed_state = dict(state.get(source.url, {}))
        if _fetch_feed(source, feed_state, landing, policy, session, limiter, report):
            state[source.url] = feed_state
            _save_state(state_path, state)
    return report


def _fetch_feed(source: FeedSource, feed_state: dict, landing: Path, policy: FetchPolicy,
                session: requests.Session, limiter: HostRateLimiter, report: FetchReport) -> bool:
    """Fetch one feed and its new items into the report; True when `feed_state` changed."""
    conditional: dict[str, str] = {}
    if feed_state.get("etag"):
        conditional["If-None-Match"] = feed_state["etag"]
    if feed_state.get("last_modified"):
        conditional["If-Modified-Since"] = feed_state["last_modified"]
    try:
        feed = _get(session, source.url, policy, limiter, conditional)
    except FetchError as exc:
        report.rejects.append(_reject(source.url, exc.reason, exc.detail))
        report.feeds_failed += 1
        return False
    if feed.status == 304:
        report.feeds_ok += 1
        report.not_modified += 1
        return False
    if ENTITY_DECLARATION.search(feed.body[:64 * 1024]):
        report.rejects.append(_reject(source.url, "bad_feed", f"{source.url}: the feed declares XML entities "
                                      "(refused: entity expansion can blow up a parser)"))
        report.feeds_failed += 1
        return False
    base = urljoin(feed.final_url, feed.headers.get("content-location", ""))
    parsed = feedparser.parse(feed.body, response_headers={**feed.headers, "content-location": base})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no feed format recognised"
        report.rejects.append(_reject(source.url, "bad_feed", f"{source.url}: not an RSS/Atom feed: {problem}"))
        report.feeds_failed += 1
        return False
    report.feeds_ok += 1
    seen = set(feed_state.get("seen", []))
    publisher = source.source_name or parsed.feed.get("title")
    for entry in parsed.entries[:policy.max_items]:
        link = entry.get("link")
        if not link:
            continue
        if link in seen:
            report.items_skipped += 1
            continue
        seen.add(link)
        page = _fetch_item(source, entry, link, publisher, landing, policy, session, limiter, report)
        if page:
            report.pages.append(page)
    feed_state.update(etag=feed.headers.get("etag"), last_modified=feed.headers.get("last-modified"),
                      seen=sorted(seen))
    return True


def _fetch_item(source: FeedSource, entry: dict, link: str, publisher: str | None, landing: Path,
                policy: FetchPolicy, session: requests.Session, limiter: HostRateLimiter,
                report: FetchReport) -> Path | None:
    """Save one item's page and sidecar; the page's path, or None after adding a reject."""
    if not _is_fetchable(link):
        report.rejects.append(_reject(link, "bad_url", f"{link}: only http:// and https:// links are fetched"))
        return None
    try:
        page = _get(session, link, policy, limiter)
    except FetchError as exc:
        report.rejects.append(_reject(link, exc.reason, exc.detail))
        return None
    folder = landing / "feeds" / source.name
    stem = hashlib.sha256(link.encode("utf-8")).hexdigest()[:16]
    meta = {
        "url": page.final_url,
        "title": entry.get("title"),
        "published_at": _published_at(entry),
        "source": publisher,
        "byline": entry.get("author"),
        "feed": source.url,
    }
    sidecar = json.dumps({key: value for key, value in meta.items() if value}, ensure_ascii=False, indent=2)
    _write_atomic(folder / f"{stem}.meta.json", sidecar.encode("utf-8"))
    html_path = folder / f"{stem}.html"
    _write_atomic(html_path, page.body)
    return html_path


def _get(session: requests.Session, url: str, policy: FetchPolicy, limiter: HostRateLimiter,
         headers: dict[str, str] | None = None) -> Fetched:
    """GET a URL within the policy's limits; raises FetchError unless the answer is 2xx (or 304 to `headers`).

    Redirects are followed by requests, which refuses non-http(s) targets (InvalidSchema -> fetch_failed).
    """
    limiter.wait(url)
    try:
        with session.get(url, headers=headers, timeout=(policy.connect_timeout, policy.read_timeout),
                         stream=True) as response:
            status = response.status_code
            if 400 <= status < 600:
                raise FetchError(f"http_{status // 100}xx", f"{response.url}: HTTP {status} {response.reason}")
            if not (200 <= status < 300 or (status == 304 and headers)):
                raise FetchError("fetch_failed", f"{response.url}: unexpected HTTP status {status}")
            body = bytearray()
            for chunk in response.iter_content(CHUNK_BYTES):
                body += chunk
                if len(body) > policy.max_bytes:
                    raise FetchError("too_large", f"{response.url}: over the cap of {policy.max_bytes} bytes")
            return Fetched(status, response.url, {k.lower(): v for k, v in response.headers.items()}, bytes(body))
    except requests.RequestException as exc:
        raise FetchError("fetch_failed", f"{url}: {type(exc).__name__}: {exc}") from exc


def _published_at(entry: dict) -> str | None:
    """The entry's published (else updated) time as ISO 8601 in UTC, or None."""
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(timegm(moment), tz=timezone.utc).isoformat()


def _is_fetchable(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in FETCHABLE_SCHEMES and bool(parts.netloc)


def _reject(source_uri: str, reason: str, detail: str) -> dict:
    return {"source_uri": source_uri, "reason": reason, "detail": detail}


def _load_state(path: Path) -> dict[str, dict]:
    """Per feed URL: {"etag", "last_modified", "seen": [item URLs]}; {} before the first fetch."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["feeds"]


def _save_state(path: Path, state: dict[str, dict]) -> None:
    _write_atomic(path, json.dumps({"feeds": state}, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.replace(temp_name, path)
    except BaseException:
        os.unlink(temp_name)
        raise


def failures_path(state_dir: Path, day: date) -> Path:
    """The fetch failures recorded on an ingest day, which that day's ingest turns into rejects."""
    return state_dir / "failures" / f"{day.isoformat()}.jsonl"


def read_failures(state_dir: Path, day: date) -> list[dict]:
    path = failures_path(state_dir, day)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def record_failures(state_dir: Path, day: date, rejects: list[dict]) -> None:
    """Add one fetch's failures to the day's, one row per URL."""
    rows = {row["source_uri"]: row for row in read_failures(state_dir, day) + rejects}
    _write_atomic(failures_path(state_dir, day), "".join(json.dumps(row) + "\n" for row in rows.values()).encode())
