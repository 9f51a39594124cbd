"""Evaluation: scoring the extraction against annotated corpora (`newsetl eval`)."""
