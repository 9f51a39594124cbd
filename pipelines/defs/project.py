"""The dbt project, and making sure its manifest is current before `@dbt_assets` reads it.

`DbtProject.prepare_if_dev()` runs `dbt parse` only under `dagster dev` and needs
`dbt` on PATH. Instead, importing this module runs `dbt parse` with the venv's dbt
under `dagster dev` and whenever the manifest is missing (a fresh clone) or older
than a file of the dbt project, so every entry point (CLI, webserver, tests) sees
the current models.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from pipelines.config import REPO_ROOT

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


def dbt_executable() -> str:
    """The dbt next to this Python (the venv's), else whatever `dbt` is on PATH."""
    local = Path(sys.executable).parent / "dbt"
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR)
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "models/**/*", "macros/**/*", "tests/**/*")


def manifest_is_stale() -> bool:
    """True when the manifest is missing or older than any file it is parsed from."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(p.stat().st_mtime > built for pattern in PROJECT_FILES
               for p in DBT_PROJECT_DIR.glob(pattern) if p.is_file())


def prepare_manifest() -> Path:
    """Run `dbt parse` into the project's target folder; returns the manifest path."""
    DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()).cli(
        ["parse", "--quiet"], target_path=dbt_project.target_path
    ).wait()
    return dbt_project.manifest_path


if os.getenv("DAGSTER_IS_DEV_CLI") or manifest_is_stale():
    prepare_manifest()
