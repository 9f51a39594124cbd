"""Shared fixtures: where the shared corpora are, and extract output loaded as row lists."""
from __future__ import annotations

import hashlib
import os
import json
from pathlib import Path

import duckdb

import pyarrow.parquet as pq
import pytest

from pipelines.config import REPO_ROOT
from pipelines.tables import TABLE_NAMES

SHARED = REPO_ROOT.parent / "shared"
SEED = SHARED / "samples" / "seed"
CORPORA = SHARED / "corpora"


def rows_digest(rows: list) -> str:
    """A content hash of a set of rows (order does not matter)."""
    lines = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def warehouse_digest(warehouse: Path) -> dict[str, str]:
    """A content hash of every table and view the dbt build made."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        models = [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1").fetchall()]
        return {model: rows_digest(con.execute(f"select * from {model}").fetchall()) for model in models}


def load_output(out: Path) -> dict[str, list[dict]]:
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in TABLE_NAMES}


def needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")


@pytest.fixture
def newsetl_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NEWSETL_DATA_DIR, NEWSETL_WAREHOUSE and DAGSTER_HOME into tmp_path; returns the data dir."""
    data = tmp_path / "data"
    (data / "landing").mkdir(parents=True)
    monkeypatch.setenv("NEWSETL_DATA_DIR", str(data))
    monkeypatch.setenv("NEWSETL_WAREHOUSE", str(data / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.delenv("NEWSETL_LANDING_DIR", raising=False)
    monkeypatch.delenv("NEWSETL_LAKE", raising=False)
    return data


CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Headless, and no connection of Chromium's own (sync, updates, background requests) leaves the machine
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,1000")


@pytest.fixture
def browser(tmp_path: Path):
    """Debian's Chromium driven by Selenium through Debian's chromedriver (`make browser` installs both)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are missing: `make test` installs them with `make browser`")
        pytest.skip("chromium is not installed here (make browser)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot_path(tmp_path: Path, name: str) -> Path:
    """Where a test saves a screenshot: NEWSETL_SCREENSHOTS (e.g. docs/screenshots, to refresh the README's)
    or the test's own folder."""
    folder = Path(os.environ.get("NEWSETL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
