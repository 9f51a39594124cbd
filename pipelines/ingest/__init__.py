"""Ingest: input files to cleaned `articles` rows and `rejects` rows."""
from pipelines.ingest.ingest import Ingested, ingest_paths

__all__ = ["Ingested", "ingest_paths"]
