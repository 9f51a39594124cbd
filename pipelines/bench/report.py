"""The bench's one table: each figure of this run, the previous run's (from `bench/last.json`), the
target and whether it is met; and the file the next run compares with."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One measured figure. `at_least`/`at_most` give the target, if the figure has one."""

    key: str
    label: str
    value: float
    unit: str = ""
    digits: int = 1
    at_least: float | None = None
    at_most: float | None = None

    def show(self, value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value:,.{self.digits}f}{self.unit}"

    @property
    def target(self) -> str:
        if self.at_least is not None:
            return f">= {self.show(self.at_least)}"
        if self.at_most is not None:
            return f"<= {self.show(self.at_most)}"
        return ""

    @property
    def verdict(self) -> str:
        if self.at_least is not None:
            return "met" if self.value >= self.at_least else "MISSED"
        if self.at_most is not None:
            return "met" if self.value <= self.at_most else "MISSED"
        return ""


def read_previous(path: Path) -> dict:
    """The previous run's file ({} if there is none or it cannot be read)."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def format_table(figures: list[Figure], header: list[str], previous: dict) -> str:
    """The header lines, then one line per figure: label, this run, previous run, target, verdict."""
    before = previous.get("figures", {})
    rows = [("figure", "this run", f"previous ({previous.get('when', 'none')})", "target", "")]
    rows += [(f.label, f.show(f.value), f.show(before.get(f.key)), f.target, f.verdict) for f in figures]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [*header, ""]
    for row in rows:
        lines.append("  ".join([row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:4], widths[1:4])]
                               + [row[4]]).rstrip())
    return "\n".join(lines)


def write_last(path: Path, figures: list[Figure], machine: str) -> None:
    """Save this run's figures for the next run to compare with."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine,
        "figures": {f.key: round(f.value, 4) for f in figures},
    }, indent=2) + "\n")
