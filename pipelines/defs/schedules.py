"""Nightly at 02:00 (partition time zone): build the previous day's partition."""

from datetime import timedelta

import dagster as dg

from pipelines.defs.jobs import nightly_job
from pipelines.defs.partitions import TIMEZONE

NIGHTLY_CRON = "0 2 * * *"


@dg.schedule(cron_schedule=NIGHTLY_CRON, job=nightly_job, execution_timezone=TIMEZONE,
             default_status=dg.DefaultScheduleStatus.RUNNING)
def nightly_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Yesterday is complete at 02:00; `end_offset=1` would otherwise point a partitioned schedule at today."""
    key = (context.scheduled_execution_time.date() - timedelta(days=1)).isoformat()
    return dg.RunRequest(run_key=key, partition_key=key)
