"""What readers produce: raw article records and rejects."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawArticle:
    """An article as read from its file, before cleaning."""

    source_uri: str
    title: str | None
    body: str
    meta: dict = field(default_factory=dict)


@dataclass
class Reject:
    """An input that could not become an article, with a reason a person can act on."""

    source_uri: str
    reason: str
    detail: str

    def row(self) -> dict:
        return {"source_uri": self.source_uri, "reason": self.reason, "detail": self.detail}
