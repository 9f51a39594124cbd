"""Start a run for today's partition when files in the landing folder appear or change."""

import hashlib
import json
import os
from pathlib import Path

import dagster as dg

from pipelines.config import settings
from pipelines.defs.jobs import nightly_job
from pipelines.defs.partitions import today


def landing_snapshot(root: Path) -> dict[str, list[int]]:
    """{path relative to the landing folder: [size, mtime_ns]} of every non-hidden file."""
    snapshot: dict[str, list[int]] = {}
    if not root.is_dir():
        return snapshot
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                path = Path(dirpath) / name
                try:
                    stat = path.stat()
                except FileNotFoundError:  # removed while we looked
                    continue
                snapshot[path.relative_to(root).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return snapshot


@dg.sensor(job=nightly_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def landing_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Cursor: the JSON snapshot of the last evaluation; deletions alone do not start a run."""
    previous = json.loads(context.cursor) if context.cursor else {}
    current = landing_snapshot(settings().landing)
    cursor = json.dumps(current, sort_keys=True)
    changed = sorted(p for p, state in current.items() if previous.get(p) != state)
    if not changed:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new or changed files in the landing folder"),
                               cursor=cursor)
    key = today().isoformat()
    run_key = f"{key}:{hashlib.sha1(cursor.encode()).hexdigest()[:16]}"
    context.log.info(f"{len(changed)} new or changed landing files, e.g. {changed[:3]}")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=run_key, partition_key=key)], cursor=cursor)
