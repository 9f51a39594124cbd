"""The daily partitions: one per ingest date, in the machine's local time zone.

Local time, because the ingest date is the operator's calendar day: `newsetl run`
defaults to today's local date and the nightly schedule fires at 02:00 local time.
`end_offset=1` makes today (the day still in progress) a valid partition.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dagster as dg

START_DATE = "2000-01-01"


def local_timezone() -> str:
    """IANA name of the local time zone (from `TZ` or /etc/localtime), else "UTC"."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        _, _, name = os.path.realpath("/etc/localtime").partition("zoneinfo/")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


TIMEZONE = local_timezone()
daily = dg.DailyPartitionsDefinition(start_date=START_DATE, timezone=TIMEZONE, end_offset=1)
# Every asset handles exactly one partition per run (ingest assigns the landing folder to one day).
one_partition_per_run = dg.BackfillPolicy.multi_run(max_partitions_per_run=1)


def today() -> date:
    """Today's date in the partitions' time zone (the newest partition)."""
    return datetime.now(ZoneInfo(TIMEZONE)).date()


def partition_day(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> date:
    """The ingest date of the partition being materialized or checked."""
    return date.fromisoformat(context.partition_key)
