"""Dagster definitions of newsetl, one module per concern; `pipelines.definitions` assembles them."""
