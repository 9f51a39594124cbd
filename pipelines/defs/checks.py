"""Blocking asset checks on the lake partitions: ids, references, spans into `articles.text`, accounting."""

from collections import Counter
from collections.abc import Iterable, Iterator

import dagster as dg
import pyarrow.parquet as pq

from pipelines.config import settings
from pipelines.defs.assets import EXTRACTED, lake_key
from pipelines.defs.lake_io import read_partition
from pipelines.defs.partitions import partition_day
from pipelines.ingest.landing import MANIFEST_FILE, manifest_dir, source_file
from pipelines.lake import read_table
from pipelines.tables import ARTICLES

EXAMPLES = 5
REQUIRED_ARTICLE_COLUMNS = [name for name in ARTICLES.names if name != "ingest_date"]  # the folder holds it
NOT_NULL_ARTICLE_COLUMNS = ("article_id", "source_uri", "text", "content_hash")


def _spec(table: str, name: str, description: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(name, asset=lake_key(table), blocking=True, description=description)


INGEST_SPECS = {
    "unique_article_id": _spec("articles", "unique_article_id", "No article_id appears twice in the partition."),
    "required_columns": _spec("articles", "required_columns",
                              "Every articles column is present; ids, source_uri and text are never null."),
    "duplicate_of_exists": _spec("articles", "duplicate_of_exists",
                                 "Every duplicate_of names an article in the lake."),
    "every_record_accounted": _spec("rejects", "every_record_accounted",
                                    "Every input the day's manifest lists gave exactly the articles and rejects it "
                                    "counted (or records another day holds), and no row comes from elsewhere."),
}
EXTRACTION_SPECS = {
    (table, name): _spec(table, name, description) for table, name, description in [
        ("participants", "unique_participant_id", "No participant_id appears twice."),
        ("participants", "article_ids_exist", "Every article_id is an article of the partition."),
        ("participants", "first_span_in_range", "0 <= first_start < first_end <= len(articles.text)."),
        ("quotes", "unique_quote_id", "No quote_id appears twice."),
        ("quotes", "article_ids_exist", "Every article_id is an article of the partition."),
        ("quotes", "spans_match_text", "quotes.text == articles.text[start_char:end_char]."),
        ("events", "unique_event_id", "No event_id appears twice."),
        ("events", "article_ids_exist", "Every article_id is an article of the partition."),
        ("events", "trigger_spans_match_text", "events.trigger == articles.text[start_char:end_char]."),
        ("event_participants", "links_resolve", "Every event_id and participant_id exists in the partition."),
        ("event_participants", "unique_links", "No (event_id, participant_id, role) appears twice."),
    ]
}


def repeated(values: Iterable) -> list:
    """Values that occur more than once."""
    return sorted(v for v, n in Counter(values).items() if n > 1)


def unknown(values: Iterable, known: set) -> list:
    """Non-null values not in `known`."""
    return sorted({v for v in values if v is not None and v not in known})


def span_mismatches(rows: list[dict], texts: dict[str, str], id_col: str, value_col: str) -> list:
    """Ids of rows whose `value_col` is not exactly `text[start_char:end_char]` of their article."""
    bad = []
    for row in rows:
        text, start, end = texts.get(row["article_id"]), row["start_char"], row["end_char"]
        in_range = text is not None and start is not None and end is not None and 0 <= start < end <= len(text)
        if not in_range or text[start:end] != row[value_col]:
            bad.append(row[id_col])
    return bad


def spans_out_of_range(rows: list[dict], texts: dict[str, str]) -> list:
    """participant_ids whose first mention is not a non-empty span inside the article's text."""
    return [r["participant_id"] for r in rows
            if r["first_start"] is None or r["first_end"] is None
            or not 0 <= r["first_start"] < r["first_end"] <= len(texts.get(r["article_id"]) or "")]


def unaccounted(manifest: list[dict], article_uris: Iterable[str], reject_uris: Iterable[str]) -> list[str]:
    """Inputs whose rows differ from what the manifest counted, inputs with no record at all, and rows
    from inputs the manifest does not list (`a.jsonl#L3` comes from `a.jsonl`)."""
    found = {row["path"]: [0, 0] for row in manifest}
    bad = set()
    for column, uris in enumerate((article_uris, reject_uris)):
        for uri in uris:
            if source_file(uri) in found:
                found[source_file(uri)][column] += 1
            else:
                bad.add(source_file(uri))
    for row in manifest:
        if found[row["path"]] != [row["articles"], row["rejects"]] or not row["articles"] + row["rejects"] + row["known"]:
            bad.add(row["path"])
    return sorted(bad)


def _result(spec: dg.AssetCheckSpec, bad: list, **metadata) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=spec.asset_key, check_name=spec.name, passed=not bad,
        metadata={"failures": len(bad), "examples": dg.MetadataValue.json(bad[:EXAMPLES]), **metadata},
    )


@dg.multi_asset_check(specs=list(INGEST_SPECS.values()), name="ingest_checks")
def ingest_checks(context: dg.AssetCheckExecutionContext) -> Iterator[dg.AssetCheckResult]:
    day = partition_day(context)
    articles = read_partition("articles", day)
    rows = articles.to_pylist()
    yield _result(INGEST_SPECS["unique_article_id"], repeated(r["article_id"] for r in rows))
    missing = [c for c in REQUIRED_ARTICLE_COLUMNS if c not in articles.column_names]
    nulls = [c for c in NOT_NULL_ARTICLE_COLUMNS if c in articles.column_names and articles[c].null_count]
    yield _result(INGEST_SPECS["required_columns"], missing + [f"{c} has nulls" for c in nulls])
    every_id = set(read_table(settings().lake, "articles", columns=["article_id"])["article_id"].to_pylist())
    yield _result(INGEST_SPECS["duplicate_of_exists"], unknown((r["duplicate_of"] for r in rows), every_id))
    path = manifest_dir(settings().manifests, day) / MANIFEST_FILE
    manifest = pq.read_table(path).to_pylist() if path.exists() else []
    rejects = read_partition("rejects", day).column("source_uri").to_pylist()
    yield _result(INGEST_SPECS["every_record_accounted"],
                  unaccounted(manifest, [r["source_uri"] for r in rows], rejects) + ([] if path.exists() else ["no manifest"]),
                  inputs=len(manifest), articles=len(rows), rejects=len(rejects))


@dg.multi_asset_check(specs=list(EXTRACTION_SPECS.values()), name="extraction_checks")
def extraction_checks(context: dg.AssetCheckExecutionContext) -> Iterator[dg.AssetCheckResult]:
    day = partition_day(context)
    texts = {r["article_id"]: r["text"] for r in read_partition("articles", day).select(["article_id", "text"]).to_pylist()}
    tables = {t: read_partition(t, day).to_pylist() for t in EXTRACTED}
    specs = EXTRACTION_SPECS
    for table, id_col in (("participants", "participant_id"), ("quotes", "quote_id"), ("events", "event_id")):
        yield _result(specs[table, f"unique_{id_col}"], repeated(r[id_col] for r in tables[table]))
        yield _result(specs[table, "article_ids_exist"], unknown((r["article_id"] for r in tables[table]), set(texts)))
    yield _result(specs["participants", "first_span_in_range"], spans_out_of_range(tables["participants"], texts))
    yield _result(specs["quotes", "spans_match_text"], span_mismatches(tables["quotes"], texts, "quote_id", "text"))
    yield _result(specs["events", "trigger_spans_match_text"],
                  span_mismatches(tables["events"], texts, "event_id", "trigger"))
    links = tables["event_participants"]
    event_ids = {r["event_id"] for r in tables["events"]}
    participant_ids = {r["participant_id"] for r in tables["participants"]}
    yield _result(specs["event_participants", "links_resolve"],
                  unknown((r["event_id"] for r in links), event_ids)
                  + unknown((r["participant_id"] for r in links), participant_ids))
    yield _result(specs["event_participants", "unique_links"],
                  [list(k) for k in repeated((r["event_id"], r["participant_id"], r["role"]) for r in links)])
