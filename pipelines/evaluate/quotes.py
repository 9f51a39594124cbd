"""Scoring the `quotes` table against PolNeAR attributions: content spans, speakers, and the direct subset.

A prediction matches a gold attribution when the intersection over union of their raw-text character
sets is at least 0.5, one to one, greedily by descending overlap. Figures are micro-averaged over articles.
"""
from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from pipelines.config import settings
from pipelines.evaluate.alignment import OffsetMap
from pipelines.evaluate.polnear import GoldArticle, GoldAttribution, read_split, span_text

MIN_IOU = 0.5
DIRECT_WINDOW = 2  # a quotation mark this many characters outside a predicted span still makes it direct
DOUBLE_MARKS = frozenset('"“”«»„')
SINGLE_MARKS = frozenset("‘’'")
CLOSING_NEIGHBOURS = frozenset(".,;:!?)")  # a single mark after one of these closes a quotation
TITLE_WORDS = frozenset({
    "Mrs", "Miss", "Sir", "Madam", "Dame", "Lord", "Lady", "Prof", "Professor", "Rev", "Reverend",
    "President", "Vice", "Prime", "Minister", "Chancellor", "Premier", "Secretary", "Deputy", "Assistant",
    "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Gov", "Governor", "Lieutenant",
    "Mayor", "Speaker", "Chairman", "Chairwoman", "Chair", "Leader", "Chief", "Director", "Commissioner",
    "Ambassador", "Attorney", "General", "Gen", "Judge", "Justice", "Sheriff", "Col", "Colonel", "Capt",
    "Captain", "Sgt", "Sergeant", "Adm", "Admiral", "Spokesman", "Spokeswoman", "Spokesperson", "Former",
    "King", "Queen", "Prince", "Princess", "Pope",
})
_NAME_TOKEN = re.compile(r"[^\W\d_]{3,}")
SUBSETS = ("all", "direct")
COLUMNS = ["subset", "gold", "pred", "content P", "content R", "content F1", "speaker acc", "e2e P", "e2e R", "e2e F1"]


@dataclass(frozen=True)
class PredictedQuote:
    """A row of `quotes` with its content and speaker mention mapped to raw-text character sets."""

    chars: frozenset[int] = field(repr=False)
    text: str
    speaker: str | None
    speaker_chars: frozenset[int] = field(repr=False)
    direct: bool


@dataclass
class Counts:
    """Tallies of one subset; the figures are ratios of them."""

    gold: int = 0
    predictions: int = 0
    matches: int = 0
    right_speakers: int = 0

    def figures(self) -> dict[str, float | int | None]:
        content_p, content_r = ratio(self.matches, self.predictions), ratio(self.matches, self.gold)
        e2e_p, e2e_r = ratio(self.right_speakers, self.predictions), ratio(self.right_speakers, self.gold)
        return {"gold": self.gold, "predictions": self.predictions, "matches": self.matches,
                "right_speakers": self.right_speakers,
                "content_precision": content_p, "content_recall": content_r, "content_f1": f1(content_p, content_r),
                "speaker_accuracy": ratio(self.right_speakers, self.matches),
                "e2e_precision": e2e_p, "e2e_recall": e2e_r, "e2e_f1": f1(e2e_p, e2e_r)}


@dataclass
class QuoteReport:
    """Everything `newsetl eval quotes` prints and writes."""

    articles: int
    rejects: int = 0
    crashes: int = 0
    extract_seconds: float | None = None
    subsets: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in SUBSETS})
    errors: list[dict] = field(default_factory=list)

    def figures(self) -> dict:
        rate = self.articles / self.extract_seconds if self.extract_seconds else None
        return {"articles": self.articles, "gold": self.subsets["all"].gold,
                "predictions": self.subsets["all"].predictions, "rejects": self.rejects, "crashes": self.crashes,
                "extract_seconds": self.extract_seconds, "articles_per_second": rate,
                **{name: counts.figures() for name, counts in self.subsets.items()}}


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@lru_cache(maxsize=4)
def quotation_marks(text: str) -> frozenset[int]:
    """Offsets of the quotation marks in text; a single mark is not one when it is an apostrophe.

    An apostrophe has a letter or digit on both sides (don't, it's, we'll), stands before a digit ('90s),
    or follows an "s" with no single quotation open in its paragraph (the voters' choice, Sanders').
    """
    marks, open_singles = set(), 0
    for i, char in enumerate(text):
        if char == "\n":
            open_singles = 0
        if char in DOUBLE_MARKS:
            marks.add(i)
        if char not in SINGLE_MARKS:
            continue
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if (before.isalnum() and after.isalnum()) or after.isdigit():
            continue
        if before in SINGLE_MARKS or after in SINGLE_MARKS:  # ''doubled'' marks
            marks.add(i)
        elif not (before.isalnum() or before in CLOSING_NEIGHBOURS):
            open_singles += 1
            marks.add(i)
        elif open_singles:
            open_singles -= 1
            marks.add(i)
        elif before not in "sS":
            marks.add(i)
    return frozenset(marks)


def gold_is_direct(text: str, gold: GoldAttribution) -> bool:
    return not gold.content.isdisjoint(quotation_marks(text))


def span_is_direct(text: str, start: int, end: int) -> bool:
    marks = quotation_marks(text)
    return any(i in marks for i in range(max(start - DIRECT_WINDOW, 0), min(end + DIRECT_WINDOW, len(text))))


def iou(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match(gold: list[GoldAttribution], predictions: list[PredictedQuote]) -> list[tuple[int, int, float]]:
    """(gold index, prediction index, IoU) pairs: one to one, greedily by descending IoU, IoU >= MIN_IOU."""
    candidates = sorted(((score, g, p) for g, item in enumerate(gold) for p, pred in enumerate(predictions)
                         if (score := iou(item.content, pred.chars)) >= MIN_IOU),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for score, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p, score))
    return sorted(pairs)


def name_tokens(text: str) -> set[str]:
    """Capitalized words of three letters or more that are not titles ("Clinton", not "Senator")."""
    return {t for t in _NAME_TOKEN.findall(text) if t[0].isupper() and t not in TITLE_WORDS}


def speaker_is_right(gold: GoldAttribution, pred: PredictedQuote) -> bool:
    """The speaker mention overlaps the gold Source or the speaker's name shares a name word with it.

    A gold attribution without a Source is right only when the prediction has no speaker.
    """
    if gold.source_text is None:
        return pred.speaker is None
    if pred.speaker_chars & gold.source:
        return True
    return pred.speaker is not None and bool(name_tokens(pred.speaker) & name_tokens(gold.source_text))


def predicted_quotes(gold_articles: list[GoldArticle], articles: list[dict],
                     quotes: list[dict]) -> dict[str, list[PredictedQuote]]:
    """The quote rows of each gold article (matched by `source_uri`), mapped from `articles.text` to the raw file."""
    by_name = {a.name: a for a in gold_articles}
    article_of = {a["article_id"]: a for a in articles if a["source_uri"] in by_name}
    maps = {article_id: OffsetMap(a["text"], by_name[a["source_uri"]].text) for article_id, a in article_of.items()}
    predictions: dict[str, list[PredictedQuote]] = {a.name: [] for a in gold_articles}
    for row in sorted(quotes, key=lambda q: (q["article_id"], q["start_char"], q["end_char"])):
        article = article_of.get(row["article_id"])
        if article is None:
            continue
        raw = by_name[article["source_uri"]].text
        offsets = maps[row["article_id"]]
        content = offsets.span(row["start_char"], row["end_char"])
        speaker = (offsets.span(row["speaker_start"], row["speaker_end"])
                   if row.get("speaker_start") is not None and row.get("speaker_end") is not None else None)
        predictions[article["source_uri"]].append(PredictedQuote(
            chars=frozenset(range(*content)) if content else frozenset(),
            text=row["text"],
            speaker=row.get("speaker"),
            speaker_chars=frozenset(range(*speaker)) if speaker else frozenset(),
            direct=content is not None and span_is_direct(raw, *content)))
    return predictions


def score(gold_articles: list[GoldArticle], predictions: dict[str, list[PredictedQuote]], report: QuoteReport) -> None:
    """Add every article's counts for all attributions and the direct subset, and the errors of `all`, to the report."""
    for article in gold_articles:
        preds = predictions.get(article.name, [])
        gold_direct = [gold_is_direct(article.text, g) for g in article.attributions]
        for subset in SUBSETS:
            gold = [g for g, d in zip(article.attributions, gold_direct) if subset == "all" or d]
            subset_preds = [p for p in preds if subset == "all" or p.direct]
            pairs = match(gold, subset_preds)
            counts = report.subsets[subset]
            counts.gold += len(gold)
            counts.predictions += len(subset_preds)
            counts.matches += len(pairs)
            counts.right_speakers += sum(speaker_is_right(gold[g], subset_preds[p]) for g, p, _ in pairs)
            if subset == "all":
                report.errors.extend(article_errors(article, gold_direct, preds, pairs))


def article_errors(article: GoldArticle, gold_direct: list[bool], preds: list[PredictedQuote],
                   pairs: list[tuple[int, int, float]]) -> list[dict]:
    """Misses, false positives and wrong speakers of one article, for error analysis."""
    def gold_fields(g: int) -> dict:
        item = article.attributions[g]
        return {"gold_text": item.content_text, "gold_source": item.source_text, "gold_direct": gold_direct[g]}

    def pred_fields(p: int) -> dict:
        pred = preds[p]
        mention = span_text(article.text, pred.speaker_chars) if pred.speaker_chars else None
        return {"pred_text": pred.text, "speaker": pred.speaker, "speaker_mention": mention, "pred_direct": pred.direct}

    matched_gold, matched_pred = {g for g, _, _ in pairs}, {p for _, p, _ in pairs}
    errors = [{"article": article.name, "error": "miss", **gold_fields(g)}
              for g in range(len(article.attributions)) if g not in matched_gold]
    errors += [{"article": article.name, "error": "false_positive", **pred_fields(p)}
               for p in range(len(preds)) if p not in matched_pred]
    errors += [{"article": article.name, "error": "wrong_speaker", "iou": round(overlap, 3), **gold_fields(g),
                **pred_fields(p)}
               for g, p, overlap in pairs if not speaker_is_right(article.attributions[g], preds[p])]
    return errors


def extract_quote_rows(gold_articles: list[GoldArticle], text_dir: Path, report: QuoteReport,
                       progress: Callable[[int, int], None] | None = None) -> tuple[list[dict], list[dict]]:
    """(articles, quotes) rows by the product's own path: ingest the files, then extract.

    Should extraction raise, it is run again article by article and the articles that raise count as crashes.
    """
    from pipelines.extract import extract_tables
    from pipelines.ingest import ingest_paths

    day = datetime.now(timezone.utc).date()
    ingested = ingest_paths([text_dir / a.name for a in gold_articles], day, settings().max_bytes)
    report.rejects = len(ingested.rejects)
    started = time.monotonic()
    try:
        quotes = extract_tables(ingested.articles, progress=progress)["quotes"]
    except Exception:  # a crash is a figure of the report, not the end of the evaluation
        quotes = []
        copies: dict[str, list[dict]] = {}
        for article in ingested.articles:
            if article["duplicate_of"] is not None:
                copies.setdefault(article["duplicate_of"], []).append(article)
        for article in ingested.originals:
            group = [article] + copies.get(article["article_id"], [])
            try:
                quotes += extract_tables(group)["quotes"]
            except Exception as exc:
                report.crashes += len(group)
                print(f"newsetl eval: extraction raised on {article['source_uri']}: {exc!r}", file=sys.stderr)
    report.extract_seconds = time.monotonic() - started
    return ingested.articles, quotes


def read_quote_rows(out_dir: Path) -> tuple[list[dict], list[dict]]:
    """(articles, quotes) rows of an existing `newsetl extract --out` folder."""
    import pyarrow.parquet as pq

    articles = pq.read_table(out_dir / "articles.parquet", columns=["article_id", "source_uri", "text"]).to_pylist()
    return articles, pq.read_table(out_dir / "quotes.parquet").to_pylist()


def evaluate_quotes(split_dir: Path, predictions_dir: Path | None = None, limit: int | None = None,
                    progress: Callable[[int, int], None] | None = None) -> QuoteReport:
    """Score the quotes of a PolNeAR split folder, extracted now or read from `predictions_dir`."""
    gold_articles = read_split(split_dir, limit)
    report = QuoteReport(articles=len(gold_articles))
    if predictions_dir is None:
        articles, quotes = extract_quote_rows(gold_articles, split_dir / "text", report, progress)
    else:
        articles, quotes = read_quote_rows(predictions_dir)
    score(gold_articles, predicted_quotes(gold_articles, articles, quotes), report)
    return report


def report_rows(report: QuoteReport) -> list[list[str]]:
    """One row per subset under COLUMNS, ratios to three decimals, "-" where undefined."""
    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    rows = []
    for name in SUBSETS:
        f = report.subsets[name].figures()
        rows.append([name, str(f["gold"]), str(f["predictions"])] + [cell(f[key]) for key in (
            "content_precision", "content_recall", "content_f1", "speaker_accuracy",
            "e2e_precision", "e2e_recall", "e2e_f1")])
    return rows


def report_summary(report: QuoteReport) -> str:
    """The line under the table: articles, rejects, crashes, extraction time."""
    line = f"{report.articles} articles, {report.rejects} rejected by ingest, {report.crashes} crashes"
    if report.extract_seconds is not None:
        line += (f", extraction {report.extract_seconds:.1f} s "
                 f"({report.articles / max(report.extract_seconds, 1e-9):.2f} articles/s)")
    return line
