"""The Definitions load; job, schedule, sensor and the shipped dagster.yaml are as intended."""
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.config import REPO_ROOT
from pipelines.definitions import defs
from pipelines.defs.partitions import TIMEZONE, daily


def test_definitions_load():
    dg.Definitions.validate_loadable(defs)
    job = defs.resolve_job_def("nightly_job")
    assert job.partitions_def == daily
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {f"lake/{t}" for t in ("articles", "rejects", "participants", "quotes", "events", "event_participants")} <= keys


def test_schedule_runs_nightly_for_previous_day():
    schedule = defs.resolve_schedule_def("nightly_schedule")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == TIMEZONE
    tick = datetime(2024, 3, 5, 2, tzinfo=ZoneInfo(TIMEZONE))
    context = dg.build_schedule_context(scheduled_execution_time=tick, repository_def=defs.get_repository_def())
    [request] = schedule.evaluate_tick(context).run_requests
    assert request.partition_key == "2024-03-04"


def test_sensor_exists_and_runs_by_default():
    sensor = defs.resolve_sensor_def("landing_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert sensor.job_name == "nightly_job"


def test_today_is_a_partition():
    assert daily.get_last_partition_key() == datetime.now(ZoneInfo(TIMEZONE)).date().isoformat()
    assert daily.get_first_partition_key() == "2000-01-01"


def test_shipped_instance_config(tmp_path):
    shutil.copyfile(REPO_ROOT / "dagster.yaml", tmp_path / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        config = instance.get_concurrency_config()
        assert config.pool_config.default_pool_limit == 1
        limits = config.run_queue_config.tag_concurrency_limits
        assert {"key": "dagster/partition", "value": {"applyLimitPerUniqueValue": True}, "limit": 1} in limits
        assert instance.run_monitoring_settings["free_slots_after_run_end_seconds"] > 0
        assert not instance.telemetry_enabled
