"""Shared fixtures: where the shared corpora are, and extract output loaded as row lists."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipelines.config import REPO_ROOT
from pipelines.tables import TABLE_NAMES

SHARED = REPO_ROOT.parent / "shared"
SEED = SHARED / "samples" / "seed"
CORPORA = SHARED / "corpora"


def load_output(out: Path) -> dict[str, list[dict]]:
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in TABLE_NAMES}


def needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
