"""An exact copy ingested on a later day reuses the lake's extraction; a near copy is extracted itself."""
from __future__ import annotations

import json

import dagster as dg
import pyarrow.parquet as pq

from pipelines.defs.assets import extraction, raw_articles

STORY = ("South Korean Foreign Minister Park Jin met U.S. Deputy Secretary of State Wendy Sherman in Seoul on "
         "Tuesday. The two agreed to hold more talks on North Korea next month, the foreign ministry said. "
         '"We will continue to work closely together," Sherman told reporters after the meeting in Seoul.')


def _partition(data, table, day):
    return pq.read_table(data / "lake" / table / f"ingest_date={day}" / "part-0.parquet").to_pylist()


def test_exact_copy_reuses_the_earlier_days_rows_under_its_own_ids(newsetl_env):
    landing = newsetl_env / "landing"
    (landing / "yonhap.json").write_text(json.dumps({"title": "Park and Sherman meet", "text": STORY}))
    assert dg.materialize([raw_articles, extraction], partition_key="2024-01-02").success
    (landing / "copy.json").write_text(json.dumps({"title": "Park and Sherman meet", "text": STORY}))
    (landing / "near.json").write_text(json.dumps({"title": "Seoul and Washington to keep talking",
                                                   "text": STORY + " Japan welcomed the talks."}))
    assert dg.materialize([raw_articles, extraction], partition_key="2024-01-03").success

    [original] = _partition(newsetl_env, "articles", "2024-01-02")
    day2 = {a["source_uri"]: a for a in _partition(newsetl_env, "articles", "2024-01-03")}
    assert day2["copy.json"]["duplicate_of"] == day2["near.json"]["duplicate_of"] == original["article_id"]
    first = _partition(newsetl_env, "quotes", "2024-01-02")
    second = _partition(newsetl_env, "quotes", "2024-01-03")
    copied = [q for q in second if q["article_id"] == day2["copy.json"]["article_id"]]
    own = [q for q in second if q["article_id"] == day2["near.json"]["article_id"]]
    strip = ("quote_id", "article_id", "speaker_participant_id")
    assert [{k: v for k, v in q.items() if k not in strip} for q in copied] == \
           [{k: v for k, v in q.items() if k not in strip} for q in first]
    assert {q["quote_id"] for q in copied}.isdisjoint(q["quote_id"] for q in first)
    assert ('"We will continue to work closely together,"', "Wendy Sherman", "direct") in {
        (q["text"], q["speaker"], q["kind"]) for q in own}
    assert {q["quote_id"] for q in own}.isdisjoint(q["quote_id"] for q in first)
