"""Resources: the dbt CLI, pointed at the project and the venv's dbt executable."""
from __future__ import annotations

from dagster_dbt import DbtCliResource

from pipelines.defs.project import dbt_executable, dbt_project

dbt_resource = DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable())
