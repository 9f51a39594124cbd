"""Exact and near-duplicate articles across the whole lake.

Exact copies share the hash of their cleaned text. Near copies (the same wire
story with another headline, a trimmed paragraph or an added line) are found
with MinHash signatures of the body's word 5-grams and an LSH index (datasketch),
then confirmed by the signatures' estimated Jaccard similarity.

The original of a story is the earliest by `published_at` (unknown dates last),
then by `source_uri`, among the articles being ingested and the lake's
originals. The lake's partitions are not rewritten: an article already in the
lake stays the original of its story, even if a copy dated earlier arrives later.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # stored signatures are only comparable under one scheme
SHINGLE_WORDS = 5
THRESHOLD = 0.8  # estimated Jaccard similarity of the bodies' 5-gram sets
_NEVER = datetime.max.replace(tzinfo=timezone.utc)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _minhash(values: Iterable[int] | None = None, shingles: Iterable[bytes] = ()) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, permutations=_permutations(), scheme=SCHEME,
                hashvalues=None if values is None else np.asarray(values, dtype=np.uint64))
    if shingles:
        m.update_batch(list(shingles))
    return m


def signature(body: str) -> np.ndarray:
    """The MinHash signature of a body's word 5-grams (lower-cased)."""
    words = _WORD.findall(body.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    return _minhash(shingles=shingles).hashvalues.astype(np.uint32)


def story_order(row: dict) -> tuple:
    """Earliest publication first, unknown dates last, then by source_uri."""
    return row["published_at"] or _NEVER, row["source_uri"]


class DuplicateFinder:
    """Decides, for new articles, which earlier article each one repeats.

    Rows are fingerprints: `article_id`, `source_uri`, `published_at`, `content_hash`,
    `minhash` (the body's signature) and, for the lake's rows, `duplicate_of`.
    """

    def __init__(self, earlier: Iterable[dict] = ()):
        self._exact: dict[str, dict] = {}
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._rows: dict[str, dict] = {}
        self._signatures: dict[str, MinHash] = {}
        for row in sorted(earlier, key=story_order):
            self._exact.setdefault(row["content_hash"], row)
            if row["duplicate_of"] is None:
                self._index(row)

    def _index(self, row: dict) -> None:
        self._rows[row["article_id"]] = row
        self._signatures[row["article_id"]] = _minhash(row["minhash"])
        self._lsh.insert(row["article_id"], self._signatures[row["article_id"]])

    def assign(self, rows: Iterable[dict]) -> dict[str, str]:
        """{article_id: original article_id} for the rows that repeat an earlier article."""
        originals: dict[str, str] = {}
        for row in sorted(rows, key=story_order):
            original = self._exact_original(row) or self._near_original(row)
            if original is not None:
                originals[row["article_id"]] = original
                self._exact.setdefault(row["content_hash"], {**row, "duplicate_of": original})
            else:
                self._exact.setdefault(row["content_hash"], {**row, "duplicate_of": None})
                self._index(row)
        return originals

    def _exact_original(self, row: dict) -> str | None:
        match = self._exact.get(row["content_hash"])
        if match is None or match["article_id"] == row["article_id"]:
            return None
        return match["duplicate_of"] or match["article_id"]

    def _near_original(self, row: dict) -> str | None:
        mine = _minhash(row["minhash"])
        similar = [self._rows[key] for key in self._lsh.query(mine)
                   if key != row["article_id"] and self._signatures[key].jaccard(mine) >= THRESHOLD]
        return min(similar, key=story_order)["article_id"] if similar else None
