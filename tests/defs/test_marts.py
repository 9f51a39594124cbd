"""The analytics marts on a warehouse built by `run_partition` from the seed article, the samples and two
wires' reports of the same launch."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.config import REPO_ROOT
from pipelines.runner import run_partition
from tests.conftest import SEED, needs, screenshot_path

DAY = date(2022, 10, 5)

TWO_REPORTS = {
    "wire_a.json": {"title": "North Korea fires missile over Japan", "url": "https://wire-a.example/nk-missile",
                    "published_at": "2022-10-04T12:00:00+09:00",
                    "text": "North Korea fired a ballistic missile over Japan on Tuesday, the first such launch in five "
                            "years. Japan's prime minister Fumio Kishida condemned the launch as outrageous."},
    "wire_b.json": {"title": "Pyongyang launches missile across Japan", "url": "https://wire-b.example/launch",
                    "published_at": "2022-10-04T18:30:00+09:00",
                    "text": "In a sharp escalation, North Korea on Tuesday fired a ballistic missile that flew over "
                            "Japan and landed in the Pacific Ocean, officials in Tokyo said."},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The data folder after `run_partition` on the seed article, the samples and two wires' reports of one launch."""
    needs(SEED)
    data = tmp_path_factory.mktemp("marts") / "data"
    landing = data / "landing"
    landing.mkdir(parents=True)
    for path in list(SEED.iterdir()) + list((REPO_ROOT / "data" / "samples").iterdir()):
        if path.is_file() and not path.name.startswith("README"):
            shutil.copy(path, landing / path.name)
    for name, article in TWO_REPORTS.items():
        (landing / name).write_text(json.dumps(article), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSETL_DATA_DIR", str(data))
        mp.setenv("NEWSETL_WAREHOUSE", str(data / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(data.parent / "dagster_home"))
        mp.delenv("NEWSETL_LANDING_DIR", raising=False)
        summary = run_partition(DAY)
    assert summary.digest == data / "reports" / f"{DAY}.html"
    return data


@pytest.fixture(scope="module")
def warehouse(built):
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True) as con:
        yield con


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_seed_dyads_hold_the_calls_and_the_condemnations_of_north_korea(warehouse):
    consult = rows(warehouse, "select source_country, target_country from mart_dyad_daily "
                              "where day = date '2022-10-04' and event_type = 'CONSULT' order by all")
    # the trilateral call is one event with the three countries as parties; Park called Blinken and Hayashi
    assert {("KOR", None), ("USA", None), ("JPN", None), ("KOR", "USA"), ("KOR", "JPN")} <= set(consult)
    accuse = rows(warehouse, "select distinct target_country from mart_dyad_daily where event_type = 'ACCUSE' "
                             "and day = date '2022-10-04' and target_country is not null")
    assert accuse == [("PRK",)]


def test_timeline_of_park_jin(warehouse):
    timeline = rows(warehouse, "select day, event_type, role, counterparts from mart_actor_timeline "
                               "where actor_name = 'Park Jin' and event_type = 'CONSULT' order by all")
    assert (date(2022, 10, 4), "CONSULT", "source", ["Antony Blinken"]) in timeline
    assert (date(2022, 10, 4), "CONSULT", "source", ["Yoshimasa Hayashi"]) in timeline


def test_country_stance_separates_cooperation_from_conflict(warehouse):
    stance = rows(warehouse, "select n_cooperative, n_conflictual from mart_country_stance "
                             "where month = date '2022-10-01' and source_country = 'KOR' and target_country = 'PRK'")
    assert stance and stance[0][0] == 0 and stance[0][1] >= 1


def test_stories_told_twice_are_one_event(warehouse):
    [(stories, reports)] = rows(warehouse, "select count(distinct story_event_id), count(*) from fct_events")
    assert stories <= reports
    [(bad,)] = rows(warehouse, "select count(*) from fct_events where n_story_articles < 1")
    assert bad == 0


def test_one_launch_told_by_two_outlets_is_one_real_event_carried_by_two_articles(warehouse):
    assert rows(warehouse, "select n_events, n_reports, n_articles from mart_dyad_daily where day = date '2022-10-04' "
                           "and event_type = 'MOBILIZE' and source_country = 'PRK' and target_country = 'JPN'") == [(1, 2, 2)]
    timeline = rows(warehouse, "select day, \"trigger\", counterpart_countries, evidence, url from mart_actor_timeline "
                               "where actor_name = 'North Korea' and event_type = 'MOBILIZE' and url like '%.example/%' "
                               "order by url")
    assert timeline == [
        (date(2022, 10, 4), "fired", ["JPN"], "North Korea fired a ballistic missile over Japan on Tuesday, the first "
         "such launch in five years.", "https://wire-a.example/nk-missile"),
        (date(2022, 10, 4), "fired", ["JPN"], "In a sharp escalation, North Korea on Tuesday fired a ballistic missile "
         "that flew over Japan and landed in the Pacific Ocean, officials in Tokyo said.", "https://wire-b.example/launch")]


def cookbook() -> list[tuple[str, str]]:
    """(question, SQL) of every recipe in docs/queries.md."""
    text = (REPO_ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    return re.findall(r"^## (.+?)\n\n(?:[^`]*?\n\n)?```sql\n(.*?)```", text, re.S | re.M)


def test_the_cookbook_has_a_dozen_questions():
    assert len(cookbook()) >= 12


@pytest.mark.parametrize("question,sql", cookbook(), ids=[q.split(".")[0] for q, _ in cookbook()])
def test_every_cookbook_query_answers_on_the_samples(warehouse, question, sql):
    assert rows(warehouse, sql), question


def test_the_nightly_digest_shows_the_day(built):
    page = (built / "reports" / f"{DAY}.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2  # the quad-class timeline and the dyads, inline
    assert "<script" not in page and "src=" not in page and "<link" not in page  # nothing loaded from anywhere
    assert "KOR → PRK" in page  # the seed's condemnations of the launch
    assert "Wendy Sherman" in page and "Deputy Secretary of State" in page
    assert '<div class="count"><b>10</b>articles</div>' in page


def test_the_digest_opens_offline_in_chromium_with_its_charts(built, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get((built / "reports" / f"{DAY}.html").as_uri())
    charts = browser.find_elements(By.CSS_SELECTOR, "figure svg")
    assert len(charts) == 2 and all(c.size["height"] > 100 and c.size["width"] > 300 for c in charts)
    assert "Wendy Sherman" in browser.find_element(By.ID, "speakers").text
    browser.set_window_size(1200, browser.execute_script("return document.body.scrollHeight") + 100)
    browser.save_screenshot(str(screenshot_path(tmp_path, "digest.png")))


def test_every_model_and_column_is_documented_for_dbt_docs(built, tmp_path):
    """`make docs` serves what `dbt docs generate` writes: every model and every column described."""
    target = tmp_path / "docs-target"
    copy = shutil.copy(built / "warehouse.duckdb", tmp_path / "warehouse.duckdb")  # the module's reader holds the file
    env = {**os.environ, "NEWSETL_DATA_DIR": str(built), "NEWSETL_WAREHOUSE": str(copy)}
    subprocess.run([str(Path(sys.executable).with_name("dbt")), "docs", "generate", "--profiles-dir", ".",
                    "--target-path", str(target)], cwd=REPO_ROOT / "dbt_project", env=env, check=True,
                   capture_output=True)
    assert (target / "index.html").exists()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    undocumented = []
    for node_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model":
            continue
        described = {name for name, column in node["columns"].items() if column.get("description")}
        built_columns = {name.lower() for name in catalog["nodes"][node_id]["columns"]}
        undocumented += [node["name"]] if not node.get("description") else []
        undocumented += [f"{node['name']}.{c}" for c in sorted(built_columns - described)]
    assert undocumented == []

