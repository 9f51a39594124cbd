"""`dagster-webserver -w workspace.yaml` loads the code location and lists assets, schedule and sensor."""
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from pipelines.config import REPO_ROOT
from pipelines.defs.project import dbt_project

REQUIRED_MODELS = {"fct_events", "fct_quotes", "dim_actors", "mart_speakers", "mart_dyad_daily",
                   "mart_actor_cooccurrence", "mart_actor_timeline", "mart_country_stance"}
LAKE_TABLES = ("articles", "rejects", "participants", "quotes", "events", "event_participants")
STARTUP_SECONDS = 180
QUERY = """
{
  workspaceOrError {
    ... on Workspace {
      locationEntries {
        name loadStatus
        locationOrLoadError { __typename ... on PythonError { message } }
      }
    }
  }
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes {
        name
        assetNodes { assetKey { path } }
        schedules { name cronSchedule scheduleState { status } }
        sensors { name sensorState { status } }
      }
    }
  }
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dbt_models() -> set[str]:
    manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
    return {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "model"}


def query_until_loaded(url: str, process: subprocess.Popen) -> dict:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "dagster-webserver exited early"
        try:
            data = requests.post(url, json={"query": QUERY}, timeout=10).json()["data"]
        except (requests.ConnectionError, requests.Timeout, KeyError, ValueError):
            time.sleep(1)
            continue
        [entry] = data["workspaceOrError"]["locationEntries"]
        error = entry["locationOrLoadError"] or {}
        assert error.get("__typename") != "PythonError", error.get("message")
        if entry["loadStatus"] == "LOADED" and data["repositoriesOrError"].get("nodes"):
            return data
        time.sleep(1)
    pytest.fail(f"the code location did not load within {STARTUP_SECONDS} s")


def test_webserver_graphql(tmp_path, newsetl_env):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    webserver = Path(sys.executable).parent / "dagster-webserver"
    process = subprocess.Popen(
        [str(webserver), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        data = query_until_loaded(f"http://127.0.0.1:{port}/graphql", process)
    finally:
        process.terminate()
        process.wait(timeout=30)

    [repo] = data["repositoriesOrError"]["nodes"]
    keys = {"/".join(node["assetKey"]["path"]) for node in repo["assetNodes"]}
    models = dbt_models()
    assert REQUIRED_MODELS <= models
    assert {f"lake/{t}" for t in LAKE_TABLES} | models <= keys
    schedules = {s["name"]: s for s in repo["schedules"]}
    assert schedules["nightly_schedule"]["cronSchedule"] == "0 2 * * *"
    assert schedules["nightly_schedule"]["scheduleState"]["status"] == "RUNNING"
    sensors = {s["name"]: s for s in repo["sensors"]}
    assert sensors["landing_sensor"]["sensorState"]["status"] == "RUNNING"
