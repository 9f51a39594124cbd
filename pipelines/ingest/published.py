"""Publication times: parsing them as given and the publication's local day."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateparser


def parse_published(value: object) -> tuple[datetime | None, str | None]:
    """ISO or common date strings to (UTC datetime, "+HH:MM" offset as given); a date with no zone is UTC."""
    if value in (None, ""):
        return None, None
    try:
        when = dateparser.parse(str(value))
    except (ValueError, OverflowError):
        return None, None
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc), None
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    tz = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return when.astimezone(timezone.utc), tz


def local_publication_date(published_at: datetime | None, published_tz: str | None) -> date | None:
    """The publication day in the publication's own time zone."""
    if published_at is None:
        return None
    if published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=timezone.utc)
    if published_tz and (m := re.fullmatch(r"([+-])(\d{2}):(\d{2})", published_tz)):
        sign = 1 if m.group(1) == "+" else -1
        offset = timedelta(hours=int(m.group(2)), minutes=int(m.group(3))) * sign
        return published_at.astimezone(timezone(offset)).date()
    return published_at.date()
