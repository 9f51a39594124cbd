"""The landing sensor: a run for today's partition on new or changed files, else a skip."""
import json
import os

import dagster as dg

from pipelines.defs.partitions import today
from pipelines.defs.sensors import landing_sensor


def evaluate(cursor: str | None) -> dg.SensorResult:
    return landing_sensor(dg.build_sensor_context(cursor=cursor))


def test_new_file_requests_todays_partition(newsetl_env):
    assert evaluate(None).skip_reason is not None  # empty landing folder
    article = newsetl_env / "landing" / "a.txt"
    article.write_text("Title\n\nBody.\n", encoding="utf-8")
    first = evaluate(None)
    [request] = first.run_requests
    assert request.partition_key == today().isoformat()
    assert json.loads(first.cursor) == {"a.txt": [article.stat().st_size, article.stat().st_mtime_ns]}

    unchanged = evaluate(first.cursor)
    assert not unchanged.run_requests and unchanged.skip_reason is not None

    article.write_text("Title\n\nA longer body.\n", encoding="utf-8")
    changed = evaluate(unchanged.cursor)
    assert len(changed.run_requests) == 1 and changed.run_requests[0].run_key != request.run_key


def test_deleting_a_file_does_not_start_a_run(newsetl_env):
    landing = newsetl_env / "landing"
    for name in ("a.txt", "b.txt"):
        (landing / name).write_text("Title\n\nBody.\n", encoding="utf-8")
    cursor = evaluate(None).cursor
    os.remove(landing / "b.txt")
    result = evaluate(cursor)
    assert not result.run_requests and "b.txt" not in json.loads(result.cursor)
