"""The Dagster UI in a real browser: the asset graph, the schedule and the digest are shown, and a
materialization launched from the UI runs."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from selenium.common.exceptions import ElementClickInterceptedException, NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from pipelines.config import REPO_ROOT
from tests.conftest import screenshot_path

STARTUP_SECONDS = 180
RUNS = "{ runsOrError { ... on Runs { results { runId status tags { key value } } } } }"
PIPELINE_NODES = ("feed_pages", "articles", "participants", "quotes", "events", "fct_events", "fct_quotes",
                  "stg_articles", "digest")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(base: str, query: str) -> dict:
    return requests.post(f"{base}/graphql", json={"query": query}, timeout=10).json()["data"]


@pytest.fixture
def dagster_dev(tmp_path, newsetl_env, monkeypatch):
    """`dagster dev` (webserver and daemon, as `make ui` starts them) on a free loopback port."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    sources = tmp_path / "sources.yml"
    sources.write_text("feeds: []\n")
    monkeypatch.setenv("NEWSETL_SOURCES", str(sources))
    port = _free_port()
    process = subprocess.Popen([str(Path(sys.executable).parent / "dagster"), "dev", "-w", "workspace.yaml",
                                "-h", "127.0.0.1", "-p", str(port)], cwd=REPO_ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        assert process.poll() is None, "dagster dev exited early"
        try:
            if _graphql(base, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name } } } }")[
                    "repositoriesOrError"]["nodes"]:
                break
        except (requests.ConnectionError, requests.Timeout, KeyError, TypeError, ValueError):
            pass
        assert time.monotonic() < deadline, f"the UI did not load the code location within {STARTUP_SECONDS} s"
        time.sleep(1)
    yield base
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def _text(browser) -> str:
    return browser.find_element(By.TAG_NAME, "body").text


def _wait_for(browser, *words: str, seconds: float = 60) -> None:
    WebDriverWait(browser, seconds).until(lambda b: all(w in _text(b) for w in words))


def _click(browser, xpath: str, seconds: float = 60) -> None:
    """Click once the element is there and no dialog still sliding in covers it."""
    def clicked(b) -> bool:
        try:
            b.find_element(By.XPATH, xpath).click()
        except (NoSuchElementException, ElementClickInterceptedException):
            return False
        return True
    WebDriverWait(browser, seconds).until(clicked)


def _dismiss_welcome(browser) -> None:
    """The UI greets a new user with a newsletter dialog; "Skip" closes it for good."""
    for button in browser.find_elements(By.XPATH, "//button[normalize-space(.)='Skip']"):
        button.click()


def test_the_ui_shows_the_pipeline_and_launches_a_materialization(dagster_dev, browser, tmp_path):
    browser.get(f"{dagster_dev}/assets/reports/digest?view=lineage&lineageScope=upstream&lineageDepth=10")
    _wait_for(browser, "digest", "fct_events")
    _dismiss_welcome(browser)
    _wait_for(browser, *PIPELINE_NODES)  # the whole graph upstream of the digest, from the feeds to the marts
    time.sleep(1)  # let the graph finish its layout before the picture
    browser.save_screenshot(str(screenshot_path(tmp_path, "ui-asset-graph.png")))

    browser.get(f"{dagster_dev}/automation")
    _wait_for(browser, "nightly_schedule", "landing_sensor")

    browser.get(f"{dagster_dev}/assets/landing/feed_pages")
    _wait_for(browser, "feed_pages")
    _dismiss_welcome(browser)
    _click(browser, "//button[contains(., 'Materialize')]")
    _wait_for(browser, "Launch runs to materialize")
    _click(browser, "//button[normalize-space(.)='Latest']", seconds=120)  # today's partition only; the dialog
    # lists every day since 2000 and once took over 60 s to offer the button in CI
    _click(browser, "//button[normalize-space(.)='Launch 1 run']")

    deadline = time.monotonic() + STARTUP_SECONDS
    while True:  # the daemon dequeues the run and executes it
        runs = _graphql(dagster_dev, RUNS)["runsOrError"]["results"]
        if runs and runs[0]["status"] in {"SUCCESS", "FAILURE", "CANCELED"}:
            break
        assert time.monotonic() < deadline, f"the run launched from the UI did not finish: {runs}"
        time.sleep(1)
    [run] = runs
    tags = {t["key"]: t["value"] for t in run["tags"]}
    assert run["status"] == "SUCCESS" and tags["dagster/from_ui"] == "true"
