"""Date expressions in a sentence, resolved against the article's publication date in its own time zone."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from pipelines.ingest.dateline import MONTHS

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PATTERNS = [
    ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("mdy", rf"\b{_MONTH}\s+{_DAY},?\s+\d{{4}}\b"),
    ("dmy", rf"\b{_DAY}\s+{_MONTH},?\s+\d{{4}}\b"),
    ("md", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d{{4}})"),
    ("dm", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s+\d{{4}})"),
    ("my", rf"\b{_MONTH}\s+\d{{4}}\b"),
    ("ordinal", r"\bthe\s+(?:3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"
                r"(?!\s+(?:[a-z]+\s+)?(?:anniversary|birthday|century|time|round|largest|consecutive|day of|of the))"),
    ("weekday", rf"\b(?:(?:last|next|this|on|late|early)\s+)?{_WEEKDAY}\b"),
    ("relative", r"\b(?:yesterday|today|tonight|tomorrow|the same day|the day before|the previous day|"
                 r"(?:earlier|later|late|early)\s+this\s+(?:week|month|year)|(?:this|last|next|the past|the coming)\s+(?:week|month|year)|"
                 r"within\s+(?:days|weeks|months)|in\s+the\s+coming\s+(?:days|weeks|months)|\d+\s+(?:days|weeks)\s+ago|"
                 r"(?:two|three|four|five|six|seven)\s+(?:days|weeks)\s+ago)\b"),
    ("month", rf"\bin\s+{_MONTH}(?!\s+\d)"),
    ("year", r"\b(?:in|since|by)\s+(?:19|20)\d{2}\b"),
]
_REGEX = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in PATTERNS), re.IGNORECASE)


@dataclass
class DateExpr:
    start: int
    end: int
    text: str
    kind: str


@dataclass
class Resolved:
    value: date | None
    precision: str  # day, month, year, unknown
    source: str  # explicit or relative


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions inside text[start:end], in order."""
    out = []
    for m in _REGEX.finditer(text, start, len(text) if end is None else end):
        out.append(DateExpr(m.start(), m.end(), m.group(0), m.lastgroup))
    return out


def resolve(expr: DateExpr, pub: date | None, future: bool = False) -> Resolved:
    """The date an expression means, written on `pub`; `future` when the tense points forward."""
    t = expr.text.lower().strip()
    explicit = expr.kind in {"iso", "mdy", "dmy", "my", "year"}
    if expr.kind == "iso":
        return Resolved(date.fromisoformat(t), "day", "explicit")
    if expr.kind in {"mdy", "dmy"}:
        month, day, year = _month_in(t), int(re.search(r"\d{1,2}(?=\D)", t).group(0)), int(re.search(r"\d{4}", t).group(0))
        return Resolved(_safe_date(year, month, day), "day", "explicit")
    if expr.kind == "my":
        return Resolved(date(int(re.search(r"\d{4}", t).group(0)), _month_in(t), 1), "month", "explicit")
    if expr.kind == "year":
        return Resolved(date(int(re.search(r"\d{4}", t).group(0)), 1, 1), "year", "explicit")
    if pub is None:
        return Resolved(None, "unknown", "explicit" if explicit else "relative")
    if expr.kind in {"md", "dm"}:
        month, day = _month_in(t), int(re.search(r"\d{1,2}", t).group(0))
        return Resolved(_nearest(pub, lambda y: _safe_date(y, month, day), future, years=True), "day", "explicit")
    if expr.kind == "ordinal":
        day = int(re.search(r"\d{1,2}", t).group(0))
        return Resolved(_nearest_day_of_month(pub, day, future), "day", "relative")
    if expr.kind == "month":
        month = _month_in(t)
        return Resolved(_nearest(pub, lambda y: date(y, month, 1), future, years=True), "month", "relative")
    if expr.kind == "weekday":
        wd = WEEKDAYS[re.search(r"[a-z]+day", t).group(0)]
        delta = (pub.weekday() - wd) % 7
        if t.startswith("next") or (future and delta):
            return Resolved(pub + timedelta(days=(wd - pub.weekday()) % 7 or 7), "day", "relative")
        if t.startswith("last") and delta == 0:
            delta = 7
        return Resolved(pub - timedelta(days=delta), "day", "relative")
    return _relative(t, pub)


def _relative(t: str, pub: date) -> Resolved:
    if t == "yesterday" or t in {"the day before", "the previous day"}:
        return Resolved(pub - timedelta(days=1), "day", "relative")
    if t in {"today", "tonight"}:
        return Resolved(pub, "day", "relative")
    if t == "tomorrow":
        return Resolved(pub + timedelta(days=1), "day", "relative")
    if m := re.match(r"(\w+)\s+(days|weeks)\s+ago", t):
        n = int(m.group(1)) if m.group(1).isdigit() else {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}[m.group(1)]
        return Resolved(pub - timedelta(days=n * (7 if m.group(2) == "weeks" else 1)), "day" if m.group(2) == "days" else "unknown", "relative")
    if t.endswith("month"):
        first = pub.replace(day=1)
        if t.startswith(("last", "the past")):
            return Resolved((first - timedelta(days=1)).replace(day=1), "month", "relative")
        if t.startswith(("next", "the coming")):
            return Resolved((first + timedelta(days=32)).replace(day=1), "month", "relative")
        return Resolved(first, "month", "relative")
    if t.endswith("year"):
        if t.startswith(("last", "the past")):
            return Resolved(date(pub.year - 1, 1, 1), "year", "relative")
        if t.startswith(("next", "the coming")):
            return Resolved(date(pub.year + 1, 1, 1), "year", "relative")
        return Resolved(date(pub.year, 1, 1), "year", "relative")
    return Resolved(None, "unknown", "relative")  # weeks, "within weeks", "the same day" (inherited by the caller)


def _month_in(t: str) -> int:
    return next(MONTHS[w] for w in re.findall(r"[a-z]+", t) if w in MONTHS)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest(pub: date, make, future: bool, years: bool) -> date | None:
    for year in ((pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)):
        d = make(year)
        if d is not None and ((d >= pub) if future else (d <= pub)):
            return d
    return make(pub.year)


def _nearest_day_of_month(pub: date, day: int, future: bool) -> date | None:
    """"on the 4th": the most recent 4th not after publication, or the next one when the tense says future."""
    y, m = pub.year, pub.month
    for _ in range(3):
        d = _safe_date(y, m, day)
        if d is not None and ((d >= pub) if future else (d <= pub)):
            return d
        if future:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        else:
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return None
