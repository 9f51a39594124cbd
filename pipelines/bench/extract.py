"""Extraction throughput and memory: N articles cycled from a corpus, each copy with its own id and text
key (so each is extracted as if new), in one lake partition; the bare spaCy pipeline over the same texts
is the baseline."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from pipelines.bench.measure import BENCH_DAY, in_fresh_process, timed
from pipelines.lake import Lake, write_partition


@dataclass(frozen=True)
class ExtractRun:
    """One measured pass over `articles` texts of `words` words: the bare parse or newsetl's extraction."""

    articles: int
    words: int
    seconds: float
    peak_rss_mib: float

    def __add__(self, other: ExtractRun) -> ExtractRun:
        """Two passes over different articles as one: their sums, and the higher peak."""
        return ExtractRun(self.articles + other.articles, self.words + other.words, self.seconds + other.seconds,
                          max(self.peak_rss_mib, other.peak_rss_mib))

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds


def corpus_articles(corpus: Path) -> list[dict]:
    """The corpus's articles as ingest makes them (originals only)."""
    from pipelines.ingest import ingest_paths

    articles = ingest_paths([corpus], BENCH_DAY, 5 * 1024 * 1024).originals
    if not articles:
        raise ValueError(f"no articles under {corpus}")
    return articles


def write_article_lake(articles: list[dict], lake: Path, n: int, start: int = 0) -> int:
    """A lake whose BENCH_DAY partition holds `n` articles cycled from `articles`, from the `start`th on;
    the words they hold."""
    rows = [{**a, "article_id": f"{a['article_id']}-{i}", "content_hash": f"{a['content_hash']}-{i}",
             "duplicate_of": None} for i, a in enumerate(islice(cycle(articles), start, start + n), start=start)]
    write_partition(lake, "articles", BENCH_DAY, rows)
    return sum(len(a["text"].split()) for a in rows)


def _bare_parse(lake: str, model_name: str) -> float:
    """Seconds for loading the model and running every component over the partition's texts (read first)."""
    import spacy

    from pipelines.config import FALLBACK_MODEL

    source = Lake(lake)
    texts = source.read(source.part_file("articles", BENCH_DAY), columns=["text"]).column("text").to_pylist()

    def parse() -> None:
        try:
            nlp = spacy.load(model_name)
        except OSError:
            nlp = spacy.load(FALLBACK_MODEL)
        for _ in nlp.pipe(texts):
            pass

    return timed(parse)[0]


def _extraction(lake: str, model_name: str, workers: int) -> float:
    """Seconds for extracting the partition into the lake, as the extraction asset does."""
    from pipelines.extract.partition import extract_partition

    return timed(lambda: extract_partition(Path(lake), BENCH_DAY, model_name, workers))[0]


def measure_bare_parse(lake: Path, model_name: str, articles: int, words: int) -> ExtractRun:
    measured = in_fresh_process(_bare_parse, str(lake), model_name)
    return ExtractRun(articles, words, measured.result, measured.peak_rss_mib)


def measure_extraction(lake: Path, model_name: str, workers: int, articles: int, words: int) -> ExtractRun:
    measured = in_fresh_process(_extraction, str(lake), model_name, workers)
    return ExtractRun(articles, words, measured.result, measured.peak_rss_mib)
