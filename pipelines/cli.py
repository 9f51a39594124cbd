"""The `newsetl` command: extract, run, query (docs/CONTRACT.md), and eval against annotated corpora."""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

from pipelines.config import REPO_ROOT, settings, usable_cores

WRITE_STATEMENT = re.compile(
    r"^\s*(insert|update|delete|create|drop|alter|copy|attach|detach|install|load|export|import|vacuum|checkpoint|"
    r"pragma|set|call|truncate|merge|replace|grant|begin|commit|rollback|use)\b", re.IGNORECASE)


def _progress(rejects: int):
    """A one-line progress report on a terminal; nothing in logs and CI."""
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        end = "\n" if done == total else ""
        print(f"\r{done}/{total} articles, {rate:.1f}/s, {rejects} rejects", end=end, file=sys.stderr, flush=True)
    return report if sys.stderr.isatty() else None


def cmd_extract(args: argparse.Namespace) -> int:
    from pipelines.extract import extract_tables
    from pipelines.ingest import ingest_paths
    from pipelines.lake import write_extract_output

    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"newsetl extract: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    day = date.fromisoformat(args.date) if args.date else datetime.now(timezone.utc).date()
    ingested = ingest_paths(paths, day, settings().max_bytes)
    for reject in ingested.rejects:
        print(f"rejected {reject['source_uri']}: {reject['reason']} ({reject['detail']})", file=sys.stderr)
    tables = extract_tables(ingested.articles, progress=_progress(len(ingested.rejects)),
                            workers=args.workers or settings().workers)
    tables["articles"] = ingested.articles
    tables["rejects"] = [dict(r, ingest_date=day) for r in ingested.rejects]
    write_extract_output(Path(args.out), tables)
    copies = len(ingested.articles) - len(ingested.originals)
    print(f"{len(ingested.articles)} articles ({copies} duplicates), {len(ingested.rejects)} rejects, "
          f"{len(tables['participants'])} participants, {len(tables['events'])} events, "
          f"{len(tables['quotes'])} quotes -> {args.out}")
    return 0


def _bench_corpus(args: argparse.Namespace) -> Path | None:
    """The corpus folder a bench cycles, or None after saying it is missing."""
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"newsetl bench {args.what}: no corpus folder at {corpus} (see --corpus)", file=sys.stderr)
        return None
    return corpus


def cmd_bench_ingest(args: argparse.Namespace) -> int:
    from pipelines.bench.ingest import format_ingest_table, measure_ingest

    if (corpus := _bench_corpus(args)) is None:
        return 2
    sizes = sorted({max(1, args.n // 10), args.n})
    print(format_ingest_table([measure_ingest(corpus, n, settings().max_bytes) for n in sizes]))
    return 0


def cmd_bench_extract(args: argparse.Namespace) -> int:
    from pipelines.bench.measure import machine
    from pipelines.bench.report import format_table, read_previous, write_last
    from pipelines.bench.suite import BenchOptions, run_bench

    if (corpus := _bench_corpus(args)) is None:
        return 2
    cfg = settings()
    options = BenchOptions(corpus, args.n, args.big, args.days, args.day_articles, args.workers or usable_cores(),
                           cfg.spacy_model, cfg.max_bytes, args.dbt_scale)
    header, figures = run_bench(options)
    last = Path(args.last)
    print(format_table(figures, header, read_previous(last)))
    write_last(last, figures, machine())
    print(f"\nfigures saved to {last} for the next run to compare with")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from pipelines.runner import RunFailed, format_summary, run_partition

    day = date.fromisoformat(args.date) if args.date else date.today()
    try:
        summary = run_partition(day)
    except RunFailed as exc:
        print(f"newsetl run: {exc}", file=sys.stderr)
        return 1
    print(format_summary(summary))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    if WRITE_STATEMENT.match(args.sql):
        print("newsetl query: the warehouse is opened read-only; statements that write are refused", file=sys.stderr)
        return 2
    warehouse = settings().warehouse
    if not warehouse.exists():
        print(f"newsetl query: no warehouse at {warehouse}; run `newsetl run` first", file=sys.stderr)
        return 1
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException as exc:
        print(f"newsetl query: the warehouse is busy (a build is writing it); try again shortly ({exc})", file=sys.stderr)
        return 1
    try:
        result = con.sql(args.sql)
        if result is None:
            return 0
        columns, rows = result.columns, result.fetchall()
    except duckdb.Error as exc:
        print(f"newsetl query: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif args.format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=str, ensure_ascii=False, indent=1))
    else:
        print(format_table(columns, rows))
    return 0


def cmd_eval_quotes(args: argparse.Namespace) -> int:
    from pipelines.evaluate.quotes import COLUMNS, evaluate_quotes, report_rows, report_summary

    split = Path(args.polnear)
    if not (split / "text").is_dir() or not (split / "attributions").is_dir():
        print(f"newsetl eval quotes: {split} is not a PolNeAR split folder (text/ and attributions/)", file=sys.stderr)
        return 2
    predictions = Path(args.predictions) if args.predictions else None
    if predictions and not (predictions / "quotes.parquet").exists():
        print(f"newsetl eval quotes: no quotes.parquet in {predictions}; run `newsetl extract` first", file=sys.stderr)
        return 2
    report = evaluate_quotes(split, predictions, args.limit, progress=_progress(0))
    print(format_table(COLUMNS, report_rows(report)))
    print(report_summary(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report.figures(), indent=2) + "\n")
    write_errors(args.errors, report.errors)
    return 0


def cmd_eval_participants(args: argparse.Namespace) -> int:
    from pipelines.evaluate.participants import COLUMNS, evaluate_participants

    if (paths := _annotated_set(args, "participants")) is None:
        return 2
    report = evaluate_participants(*paths)
    print(format_table(COLUMNS, [scores.row(system) for system, scores in report.systems.items()]))
    one, seen = report.systems["newsetl"].one_id_share()
    print(f"{report.articles} articles; {one} of {seen} people found in two or more articles have one actor_id; "
          f"extraction {report.seconds:.1f} s ({report.articles / max(report.seconds, 1e-9):.2f} articles/s)")
    write_errors(args.errors, report.systems["newsetl"].errors)
    return 0


def cmd_eval_events(args: argparse.Namespace) -> int:
    from pipelines.evaluate.events import COLUMNS, evaluate_events

    if (paths := _annotated_set(args, "events")) is None:
        return 2
    report = evaluate_events(*paths)
    print(format_table(COLUMNS, report.rows()))
    print(f"{report.articles} articles; extraction {report.seconds:.1f} s "
          f"({report.articles / max(report.seconds, 1e-9):.2f} articles/s)")
    write_errors(args.errors, report.tally.errors)
    return 0


def _annotated_set(args: argparse.Namespace, table: str) -> tuple[Path, Path] | None:
    """The annotations and the news corpus an `eval` command reads, or None (with a message) if missing."""
    gold, corpus = Path(args.gold), Path(args.corpus)
    if not gold.exists() or not corpus.is_dir():
        print(f"newsetl eval {table}: need the annotations ({gold}) and the news corpus ({corpus})", file=sys.stderr)
        return None
    return gold, corpus


def write_errors(path: str | None, errors: list[dict]) -> None:
    """Misses and false positives of an evaluation, one JSON object per line, when a path is given."""
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(e, ensure_ascii=False, default=str) + "\n" for e in errors)


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """A plain text table: header, rule, one line per row, nothing after the last row."""
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    def line(values):
        return " | ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()
    return "\n".join([line(columns), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsetl", description="News articles to events, participants and quotes.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract the tables from article files into DIR/<table>.parquet")
    p.add_argument("paths", nargs="+", help="article files or folders (searched recursively)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--workers", type=int, default=None,
                   help="extraction processes, each with its own copy of the model (default: NEWSETL_WORKERS, "
                        "else every core); same output")
    p.add_argument("--date", help="ingest date to record (default: today, UTC)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("run", help="materialize the whole asset graph for one daily partition")
    p.add_argument("--date", help="partition YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("query", help="run read-only SQL against the warehouse")
    p.add_argument("sql")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="a table for the terminal (default), or CSV / JSON for a pipe")
    p.set_defaults(func=cmd_query)
    add_eval_parsers(sub.add_parser("eval", help="score the extraction against an annotated corpus"))
    bench = sub.add_parser("bench", help="measure speed and memory").add_subparsers(dest="what", required=True)
    p = bench.add_parser("ingest", help="ingest N article files (and N/10) cycled from a corpus; files/s, peak memory")
    p.add_argument("--n", type=int, default=20_000, help="files in the larger run (default 20000)")
    p.add_argument("--corpus", default=str(REPO_ROOT.parent / "shared" / "corpora" / "news"),
                   help="folder of article files to cycle (default ../shared/corpora/news)")
    p.set_defaults(func=cmd_bench_ingest)
    p = bench.add_parser("extract", help="extraction against the bare spaCy pipeline (1 and all workers), memory at "
                                         "two sizes, the 30th partition against the 1st, dbt build at a million events")
    p.add_argument("--n", type=int, default=2_000, help="articles, cycled from the corpus (default 2000)")
    p.add_argument("--big", type=int, default=20_000,
                   help="articles for the second memory figure (default 20000; 0: skip)")
    p.add_argument("--workers", type=int, default=0, help="workers of the 'all workers' runs (default 0: every core)")
    p.add_argument("--days", type=int, default=30, help="the partition compared with the 1st (default 30; 0: skip)")
    p.add_argument("--day-articles", type=int, default=40, help="article files per day in that comparison (default 40)")
    p.add_argument("--dbt-scale", type=float, default=1.0,
                   help="resampled lake for dbt build: 1.0 is 1M events, 2M participants, 1M quotes (0: skip)")
    p.add_argument("--last", default="bench/last.json", help="the previous run's figures (default bench/last.json)")
    p.add_argument("--corpus", default=str(REPO_ROOT.parent / "shared" / "corpora" / "news"),
                   help="folder of article files to cycle (default ../shared/corpora/news)")
    p.set_defaults(func=cmd_bench_extract)
    args = parser.parse_args(argv)
    return args.func(args)


def add_eval_parsers(parser: argparse.ArgumentParser) -> None:
    """`newsetl eval <table>`: one sub-command per table scored, each with its own function."""
    sub = parser.add_subparsers(dest="table", required=True)
    p = sub.add_parser("quotes", help="score quotes against PolNeAR attributions: content, speaker, direct subset")
    p.add_argument("--polnear", required=True, help="a PolNeAR split folder, e.g. corpora/polnear/dev")
    p.add_argument("--predictions", help="score this `newsetl extract` output folder instead of extracting now")
    p.add_argument("--limit", type=int, help="only the first N articles by name")
    p.add_argument("--json", help="write the figures to this JSON file")
    p.add_argument("--errors", help="write misses, false positives and wrong speakers to this JSONL file")
    p.set_defaults(func=cmd_eval_quotes)
    for table, func, what in (("participants", cmd_eval_participants, "person participants"),
                              ("events", cmd_eval_events, "events and root events")):
        p = sub.add_parser(table, help=f"score {what} against the hand-annotated news set")
        p.add_argument("--gold", default=str(REPO_ROOT / "tests" / "evaluate" / f"{table}_gold.yml"),
                       help="the annotations (default: the project's own set)")
        p.add_argument("--corpus", default=str(REPO_ROOT.parent / "shared" / "corpora" / "news"),
                       help="the folder the annotated files are named relative to")
        p.add_argument("--errors", help="write misses, false positives and wrong attributes to this JSONL file")
        p.set_defaults(func=func)


if __name__ == "__main__":
    sys.exit(main())
