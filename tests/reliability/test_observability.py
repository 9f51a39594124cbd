"""Each asset reports what came in, went out and was refused; a failed run names the input and the reason."""
from __future__ import annotations

import json

import dagster as dg

import pipelines.extract
from pipelines.defs.assets import extraction, raw_articles


def _metadata(result, asset: str) -> dict:
    [event] = [e for e in result.get_asset_materialization_events()
               if e.asset_key.to_user_string() == asset]
    return {k: v.value for k, v in event.materialization.metadata.items()}


def test_ingest_and_extraction_report_counts_in_out_and_refused(newsetl_env):
    landing = newsetl_env / "landing"
    (landing / "a.json").write_text(json.dumps({"title": "Talks", "text": "The ministers met in Seoul on Monday."}))
    (landing / "b.json").write_text(json.dumps({"title": "Talks", "text": "The ministers met in Seoul on Monday."}))
    (landing / "bad.json").write_text("{not json")
    result = dg.materialize([raw_articles, extraction], partition_key="2024-01-02")
    articles = _metadata(result, "lake/articles")
    assert (articles["files_read"], articles["dagster/row_count"], articles["duplicates"], articles["rejects"]) == (
        3, 2, 1, 1)
    assert _metadata(result, "lake/rejects")["reasons"] == {"bad_json": 1}
    assert _metadata(result, "lake/participants")["articles_in"] == 2


def test_a_failed_extraction_names_the_article_and_the_reason(newsetl_env, monkeypatch):
    landing = newsetl_env / "landing"
    (landing / "calm.json").write_text(json.dumps({"title": "Calm", "text": "All is calm in Seoul, officials said."}))
    (landing / "loud.json").write_text(json.dumps({"title": "Loud", "text": "The boiler explodes in Seoul."}))
    real = pipelines.extract.extract_article

    def extract_article(doc, article, lex):
        if "explodes" in article["text"]:
            raise ValueError("a rule met a sentence it cannot read")
        return real(doc, article, lex)

    monkeypatch.setattr(pipelines.extract, "extract_article", extract_article)
    result = dg.materialize([raw_articles, extraction], partition_key="2024-01-02", raise_on_error=False)
    assert not result.success
    [failure] = [e for e in result.all_events if e.is_step_failure]
    message = failure.step_failure_data.error.message
    assert "loud.json" in message and "a rule met a sentence it cannot read" in message
