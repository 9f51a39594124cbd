"""Mapping character offsets of an ingested (cleaned) article text back to the raw file it was read from."""
from __future__ import annotations

from rapidfuzz.distance import Indel


class OffsetMap:
    """Where each character of the cleaned text stands in the raw text, by a character alignment of the two."""

    def __init__(self, cleaned: str, raw: str):
        self._raw_index: list[int | None] = [None] * len(cleaned)
        for op in Indel.opcodes(cleaned, raw):
            if op.tag == "equal":
                for offset in range(op.src_end - op.src_start):
                    self._raw_index[op.src_start + offset] = op.dest_start + offset

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The raw [start, end) from the first to the last aligned character of cleaned [start, end); None if none is."""
        aligned = [i for i in self._raw_index[max(start, 0):end] if i is not None]
        return (aligned[0], aligned[-1] + 1) if aligned else None
