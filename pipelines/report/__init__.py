"""The nightly digest: a self-contained HTML page of one ingest day, drawn from the warehouse."""
from pipelines.report.digest import Digest, collect_digest, write_digest

__all__ = ["Digest", "collect_digest", "write_digest"]
