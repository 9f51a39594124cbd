"""Datelines at the head of a report ("BEIJING --", "Pyongyang, December 24 (KCNA) --")."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
DATELINE = re.compile(r"(?m)^(?P<place>[A-Z][A-Za-z.' /]{1,40}?)(?:,\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}))?"
                      r"(?:\s+\((?P<agency>[A-Za-z .]+)\))?\s*(?:--|[-–—])\s")
DATELINE_LAG = timedelta(days=3)  # a dateline may be a day or two older than the publication time
HEAD_CHARS = 600  # a dateline opens the body: look no further than its first lines
NOT_PLACES = {"FILE", "PHOTO", "VIDEO", "WATCH", "UPDATE", "UPDATED", "EXCLUSIVE", "BREAKING", "ANALYSIS", "OPINION"}


@dataclass(frozen=True)
class Dateline:
    """A dateline as found in the text: where it stands, the place and the month and day as written."""

    start: int
    end: int
    place: str
    month: int | None
    day: int | None


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline opening the body that starts at `start`, if any: a place in capitals ("BEIJING --"),
    or a place with a day or an agency ("Pyongyang, December 24 (KCNA) --"); not "FILE -" of a caption."""
    m = DATELINE.search(text, start, min(len(text), start + HEAD_CHARS))
    if m is None or m.group("place").strip() in NOT_PLACES:
        return None
    if not (m.group("place").isupper() or m.group("day") or m.group("agency")):
        return None
    month = MONTHS.get((m.group("month") or "").lower())
    day = int(m.group("day")) if month and m.group("day") else None
    return Dateline(m.start(), m.end(), m.group("place").strip(), month, day)


def dateline_date(text: str, pub: date | None, start: int = 0) -> date | None:
    """The local date of the dateline, in the publication's year, when it falls within a few days before
    publication."""
    found = find_dateline(text, start)
    if found is None or pub is None or found.month is None:
        return None
    for year in (pub.year, pub.year - 1):
        try:
            day = date(year, found.month, found.day)
        except ValueError:
            return None
        if timedelta(0) <= pub - day <= DATELINE_LAG:
            return day
    return None
