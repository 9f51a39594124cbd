"""The runner's instance recovery: a run killed mid-way does not block the next one."""
import socket
from datetime import date
from pathlib import Path

import dagster as dg

from pipelines.runner import (HOST_TAG, PID_TAG, RunSummary, ensure_dagster_home, format_summary,
                              recover_instance)

POOL = "duckdb"


def dead_pid() -> int:
    """A pid that belongs to no process (the largest possible one is free on a test machine)."""
    return int(Path("/proc/sys/kernel/pid_max").read_text()) - 1


def test_recover_frees_slots_of_a_killed_run(newsetl_env):
    home = ensure_dagster_home()
    assert (home / "dagster.yaml").exists()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        storage = instance.event_log_storage
        storage.initialize_concurrency_limit_to_default(POOL)
        run = instance.create_run_for_job(
            dg.JobDefinition(graph_def=dg.GraphDefinition(name="killed", node_defs=[])),
            tags={HOST_TAG: socket.gethostname(), PID_TAG: str(dead_pid())},
        )
        instance.handle_run_event(run.run_id, dg.DagsterEvent(
            event_type_value="PIPELINE_START", job_name=run.job_name))
        assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.STARTED
        assert storage.claim_concurrency_slot(POOL, run.run_id, "warehouse").is_claimed
        assert not storage.claim_concurrency_slot(POOL, "next-run", "warehouse").is_claimed

        assert recover_instance(instance) == [run.run_id]
        assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.FAILURE
        assert run.run_id not in storage.get_concurrency_run_ids()
        assert storage.claim_concurrency_slot(POOL, "next-run", "warehouse").is_claimed


def test_format_summary():
    summary = RunSummary(date(2024, 1, 2), "abcdef1234", Path("/w/warehouse.duckdb"),
                         {"articles": 3, "rejects": 2}, [("Wendy Sherman", 4)])
    lines = format_summary(summary).splitlines()
    assert lines[0] == "warehouse: /w/warehouse.duckdb"
    assert "2024-01-02" in lines[1]
    assert any("articles" in line and line.endswith("3") for line in lines)
    assert lines[-1].strip() == "Wendy Sherman (4 quotes)"
