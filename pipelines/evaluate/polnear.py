"""PolNeAR gold attributions: raw article text, BRAT standoff annotations and the annotator choice of metadata.tsv."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

METADATA = "metadata.tsv"
# "T3\tContent 315 448;463 553\t..." and "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1"
_TEXT_BOUND = re.compile(r"^(T\d+)\t\S+ (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^E\d+\t(\S+(?: \S+)*)\s*$")
_NUMBERED_ROLE = re.compile(r"\d+$")  # BRAT numbers repeated roles: Content, Content2


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution relation: its content and source as sets of raw-text character offsets."""

    content: frozenset[int] = field(repr=False)
    content_text: str
    source: frozenset[int] = field(repr=False)
    source_text: str | None


@dataclass(frozen=True)
class GoldArticle:
    """A text file of the split (`name` is its path relative to `text/`) with one annotator's attributions."""

    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution]


def read_split(split_dir: Path, limit: int | None = None) -> list[GoldArticle]:
    """The annotated articles of a split folder (`text/`, `attributions/`), sorted by name, the first `limit`."""
    annotators = read_annotators(split_dir)
    ann_files: dict[str, list[Path]] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        ann_files.setdefault(path.stem.rpartition("_")[0], []).append(path)
    chosen = [(path, choose_annotation(ann_files.get(path.stem, []), annotators.get(path.stem, [])))
              for path in sorted((split_dir / "text").glob("*.txt"))]
    articles = []
    for text_path, ann in [(path, ann) for path, ann in chosen if ann is not None][:limit]:
        text = raw_text(text_path)
        articles.append(GoldArticle(text_path.name, text, ann.stem.rpartition("_")[2],
                                    parse_attributions(ann.read_text(encoding="utf-8"), text)))
    return articles


def read_annotators(split_dir: Path) -> dict[str, list[str]]:
    """Annotators in metadata.tsv order by file stem; metadata.tsv is in the split folder or its parent."""
    for path in (split_dir / METADATA, split_dir.parent / METADATA):
        if path.exists():
            with path.open(encoding="utf-8", newline="") as f:
                return {row["filename"]: [a for a in (row.get("annotators") or "").split("|") if a]
                        for row in csv.DictReader(f, delimiter="\t")}
    return {}


def choose_annotation(ann_files: list[Path], annotators: list[str]) -> Path | None:
    """The .ann file of the first listed annotator that has one, else the alphabetically first."""
    by_annotator = {path.stem.rpartition("_")[2]: path for path in ann_files}
    for annotator in annotators:
        if annotator in by_annotator:
            return by_annotator[annotator]
    return min(ann_files, default=None)


def raw_text(path: Path) -> str:
    """The file as the annotation offsets count it: UTF-8, byte order mark and line ends kept."""
    return path.read_bytes().decode("utf-8")


def parse_attributions(ann: str, text: str) -> list[GoldAttribution]:
    """The attribution relations (E lines) that have a Content argument, ordered by where their content starts."""
    spans: dict[str, frozenset[int]] = {}
    relations: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        if m := _TEXT_BOUND.match(line):
            ranges = (tuple(map(int, part.split())) for part in m.group(2).split(";"))
            spans[m.group(1)] = frozenset(i for start, end in ranges for i in range(start, end))
        elif m := _EVENT.match(line):
            roles: dict[str, list[str]] = {}
            for argument in m.group(1).split():
                role, _, ref = argument.partition(":")
                roles.setdefault(_NUMBERED_ROLE.sub("", role), []).append(ref)
            relations.append(roles)
    gold = []
    for roles in relations:
        content = frozenset().union(*(spans.get(ref, frozenset()) for ref in roles.get("Content", [])))
        if not content:
            continue
        source = frozenset().union(*(spans.get(ref, frozenset()) for ref in roles.get("Source", [])))
        gold.append(GoldAttribution(content, span_text(text, content), source,
                                    span_text(text, source) if source else None))
    return sorted(gold, key=lambda g: (min(g.content), max(g.content)))


def span_text(text: str, chars: frozenset[int]) -> str:
    """The text of a character set, its discontinuous pieces joined by a space as BRAT writes them."""
    pieces, previous = [], None
    for i in sorted(chars):
        if previous is not None and i != previous + 1:
            pieces.append(" ")
        pieces.append(text[i])
        previous = i
    return "".join(pieces)
