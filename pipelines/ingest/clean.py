"""Cleaning a raw article: title, byline, copyright lines, white space, metadata.

The cleaned `text` is the headline, a blank line, then the body; every offset
the extractors report indexes into it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from pipelines.ingest.decode import repair_text
from pipelines.ingest.dateline import Dateline, find_dateline
from pipelines.ingest.published import parse_published
from pipelines.ingest.records import RawArticle

# "[Asia Economy Reporter Yoo In-ho]" -> source hint "Asia Economy", byline "Yoo In-ho"
_BRACKET_BYLINE = re.compile(
    r"^\s*\[\s*(?P<hint>[^\]\n]*?)\s*(?:Reporter|Correspondent|Staff Writer|Editor)s?\s+(?P<name>[^\]\n]+?)\s*\]\s*"
)
# "By Jane Doe" or "By Jane Doe and John Roe, Reuters" alone on the first body line
_BY_LINE = re.compile(r"^\s*By\s+(?P<name>[A-Z][^\n]{1,80}?)\s*$")
# "Xinhua | Updated: 2017-09-15 17:52"
_UPDATED_LINE = re.compile(r"^\s*(?P<source>[^|\n]{2,60}?)\s*\|\s*(?:Updated|Published)\s*:?\s*(?P<date>[^\n]*)$")
# Page furniture a page leaves inside the article body, as a whole line: ads, sign-up and share prompts,
# media placeholders, separators
FURNITURE = re.compile(
    r"^(?:advertisement(?: -)?(?: continue reading(?: the main story| below))?|skip (?:ad|advertisement)|"
    r"story continues below(?: advertisement)?|continue reading(?: the main story)?|read more:?|"
    r"share (?:this|on \w+)(?: article| story)?|(?:also )?read(?: also)?:.{0,120}|click here to .{0,80}|"
    r"(?:accept|reject) (?:all )?cookies|sign up for .{0,80}newsletter.{0,40}|newsletter sign up\b.*|"
    r"sign up for .{0,300}(?:please verify you.re not a robot|subscribe).*|"
    r"(?:image|photo) (?:copyright|source)\b.{0,80}|photo|video|image|scroll down for video|"
    r"chat with us in facebook messenger\b.*|we pay for your stories!.*|"
    r"keep up with this story and more by subscribing now|npr transcripts are created on a rush deadline\b.*|"
    r"sign up for breaking news emails\b.*|for more .{1,40} coverage: https?://.*|"
    r"[_=*~-]{3,})$",
    re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
_SITE_IN_COPYRIGHT = re.compile(r"(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)
LOST_CHAR = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")  # "Ant?nio": a letter the encoding lost
_BYLINE_LINES = 3  # a byline stands in one of the first lines of the body, after any subtitle
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Words run together where a page set a name in bold ("ComradeKim Jong Unand"): a title glued to the
# name after it, and a short word glued to the name before it.
_GLUED_TITLE = re.compile(r"\b(Comrades?|President|Chairman|Secretary|Marshal|Generalissimos?|General|Premier|Leader|"
                          r"Minister|HE|Mr|Mrs|Ms|Dr)(?=[A-Z][a-z])")
_GLUED_AND = re.compile(r"(?<=[a-z])and(?=[A-Z][a-z])")  # "Kim Il SungandKim Jong Il"
_CAMEL = re.compile(r"\b([A-Z][a-z]{2,}|[a-z]{2,})([A-Z][a-z]{2,})\b")  # "DailyZhang", "toKim"
_NAME_WORD = re.compile(r"(?<=[a-z] )[A-Z][a-z]+\b")
_NAME_PAIR = re.compile(r"\b(?=([A-Z][a-z]+) ([A-Z][a-z]*)\b(?![a-z]))")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")


@dataclass
class CleanArticle:
    """An article ready for the `articles` table (ids and partition are added by the caller)."""

    source_uri: str
    title: str
    text: str
    body_start: int
    source_name: str | None
    url: str | None
    byline: str | None
    source_hint: str | None
    published_at: datetime | None
    published_tz: str | None
    language: str | None
    site_domain: str | None
    fetched_at: datetime | None
    dateline: Dateline | None
    lost_chars: list[int]


def clean_article(raw: RawArticle) -> CleanArticle:
    """Turn a raw record into the cleaned text and metadata the tables hold."""
    lines = [_SPACES.sub(" ", line).strip() for line in repair_text(raw.body).replace("\r\n", "\n").split("\n")]
    title = _SPACES.sub(" ", repair_text(raw.title or "")).strip()
    lines = _drop_leading_blank(lines)
    if not title and lines:
        title, lines = lines[0], _drop_leading_blank(lines[1:])
    if lines and lines[0] == title:
        lines = _drop_leading_blank(lines[1:])

    byline, source_hint = raw.meta.get("byline"), None
    for i in range(min(_BYLINE_LINES, len(lines))):
        lines[i], hint, name = _strip_byline(lines[i])
        if name:
            byline = byline or name
            source_hint = hint
            if not lines[i]:
                del lines[i]
            lines = _drop_leading_blank(lines)
            break
    if lines and (m := _UPDATED_LINE.match(lines[0])):
        source_hint = source_hint or m.group("source")
        lines = _drop_leading_blank(lines[1:])

    site_domain = None
    kept = []
    for line in lines:
        if FURNITURE.match(line):
            continue
        if _COPYRIGHT.search(line):
            if site := _SITE_IN_COPYRIGHT.search(line.split("©")[-1]):
                site_domain = site_domain or site.group(1).lower()
            continue
        kept.append(line)
    body = unglue_words("\n".join(_collapse_blank_runs(kept)).strip())
    published_at, published_tz = parse_published(raw.meta.get("published_at"))
    text = f"{title}\n\n{body}"
    return CleanArticle(
        source_uri=raw.source_uri,
        title=title,
        text=text,
        body_start=len(title) + 2,
        source_name=_str_or_none(raw.meta.get("source")),
        url=_str_or_none(raw.meta.get("url")),
        byline=_str_or_none(byline),
        source_hint=_str_or_none(source_hint),
        published_at=published_at,
        published_tz=published_tz,
        language=_str_or_none(raw.meta.get("language")),
        site_domain=site_domain,
        fetched_at=parse_published(raw.meta.get("fetched_at"))[0],
        dateline=find_dateline(text, len(title) + 2),
        lost_chars=[m.start() for m in LOST_CHAR.finditer(text)],
    )


def unglue_words(text: str) -> str:
    """Put back the space lost between a title and a name ("ComradeKim"), between two words that also
    stand alone in the text ("China DailyZhang Yuanxun"), between a lower-case word and a capitalized
    one that stands alone ("wishedKim"), and between a name and the word after it
    ("Kim Jong Unreceived") when the name also stands alone elsewhere in the text ("Jong Un")."""
    text = _GLUED_AND.sub(" and ", _GLUED_TITLE.sub(r"\1 ", text))
    words = set(re.findall(r"\b[A-Z][a-z]+\b", text))

    def split_camel(m: re.Match) -> str:
        first_stands = m.group(1).islower() or m.group(1) in words
        return f"{m.group(1)} {m.group(2)}" if first_stands and m.group(2) in words else m.group(0)
    text = _CAMEL.sub(split_camel, text)

    # "Jong Un" standing alone somewhere: (previous word, word) pairs of capitalized words
    pairs = {(m.group(1), m.group(2)) for m in _NAME_PAIR.finditer(text)}
    seconds = {second for _, second in pairs}

    def split(m: re.Match) -> str:
        word = m.group(0)
        cuts = [k for k in range(2, len(word) - 1) if word[:k] in seconds]
        before = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start()) if cuts else None
        for k in cuts if before else ():
            if (before.group(0)[:-1], word[:k]) in pairs:
                return f"{word[:k]} {word[k:]}"
        return word
    return _NAME_WORD.sub(split, text)


def _strip_byline(line: str) -> tuple[str, str | None, str | None]:
    if m := _BRACKET_BYLINE.match(line):
        return line[m.end():], m.group("hint") or None, m.group("name")
    if m := _BY_LINE.match(line):
        return "", None, m.group("name")
    return line, None, None


def _drop_leading_blank(lines: list[str]) -> list[str]:
    i = 0
    while i < len(lines) and not lines[i]:
        i += 1
    return lines[i:]


def _collapse_blank_runs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = repair_text(str(value)).strip()
    return s or None
