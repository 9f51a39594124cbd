"""Shared fixtures: an isolated data dir, warehouse and Dagster home per test."""
from pathlib import Path

import pytest


@pytest.fixture
def newsetl_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NEWSETL_DATA_DIR, NEWSETL_WAREHOUSE and DAGSTER_HOME into tmp_path; returns the data dir."""
    data = tmp_path / "data"
    (data / "landing").mkdir(parents=True)
    monkeypatch.setenv("NEWSETL_DATA_DIR", str(data))
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(data / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.delenv("NEWSETL_LANDING_DIR", raising=False)
    return data
