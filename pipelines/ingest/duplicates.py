"""Exact and near-duplicate articles.

Exact copies share the hash of their cleaned text. Near copies (the same wire
story with another headline, a trimmed paragraph or an added line) are found
with MinHash signatures of the body's word 5-grams and an LSH index (datasketch),
then confirmed by the signatures' estimated Jaccard similarity.

The original of a story is the earliest by `published_at` (unknown dates last),
then by `source_uri`, among the articles being ingested and the earlier ones
given. Earlier articles are never re-assigned: an article already in the lake
stays the original of its story, even if a copy dated earlier arrives later.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(slots=True)
class Fingerprint:
    """What duplicate detection keeps of an article; `minhash` is None where only exact copies matter."""

    article_id: str
    source_uri: str
    published_at: datetime | None
    content_hash: str
    minhash: bytes | None = None
    duplicate_of: str | None = None

    def story_order(self) -> tuple:
        """Earliest publication first, unknown dates last, then by source_uri."""
        return self.published_at or _NEVER, self.source_uri


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _minhash(signature: bytes | None = None, shingles: Iterable[bytes] = ()) -> MinHash:
    values = None if signature is None else np.frombuffer(signature, dtype=np.uint32).astype(np.uint64)
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, permutations=_permutations(), scheme=SCHEME,
                hashvalues=values)
    if shingles:
        m.update_batch(list(shingles))
    return m


def signature(body: str) -> bytes:
    """The MinHash signature of a body's word 5-grams (lower-cased), NUM_PERM 32-bit values."""
    words = _WORD.findall(body.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    return _minhash(shingles=shingles).hashvalues.astype(np.uint32).tobytes()


class DuplicateFinder:
    """Decides, for new articles, which earlier article each one repeats."""

    def __init__(self, earlier: Iterable[Fingerprint] = ()):
        self._exact: dict[str, Fingerprint] = {}
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._originals: dict[str, tuple[Fingerprint, MinHash]] = {}
        for row in sorted(earlier, key=Fingerprint.story_order):
            self._exact.setdefault(row.content_hash, row)
            if row.duplicate_of is None and row.minhash is not None:
                self._index(row)

    def _index(self, row: Fingerprint) -> None:
        if row.article_id not in self._originals:
            self._originals[row.article_id] = (row, _minhash(row.minhash))
            self._lsh.insert(row.article_id, self._originals[row.article_id][1])

    def assign(self, rows: Iterable[Fingerprint]) -> dict[str, str]:
        """{article_id: original article_id} for the rows that repeat an earlier article; each row's
        `duplicate_of` is set too."""
        originals: dict[str, str] = {}
        for row in sorted(rows, key=Fingerprint.story_order):
            row.duplicate_of = self._exact_original(row) or self._near_original(row)
            self._exact.setdefault(row.content_hash, row)
            if row.duplicate_of is None:
                self._index(row)
            else:
                originals[row.article_id] = row.duplicate_of
        return originals

    def _exact_original(self, row: Fingerprint) -> str | None:
        match = self._exact.get(row.content_hash)
        if match is None or match.article_id == row.article_id:
            return None
        return match.duplicate_of or match.article_id

    def _near_original(self, row: Fingerprint) -> str | None:
        mine = _minhash(row.minhash)
        similar = [self._originals[key][0] for key in self._lsh.query(mine)
                   if key != row.article_id and self._originals[key][1].jaccard(mine) >= THRESHOLD]
        return min(similar, key=Fingerprint.story_order).article_id if similar else None
