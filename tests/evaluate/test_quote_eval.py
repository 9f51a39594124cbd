"""`newsetl eval quotes` on tiny self-written PolNeAR-style splits: one rule per test, exact figures."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.cli import main
from pipelines.evaluate.alignment import OffsetMap
from pipelines.evaluate.polnear import read_split
from pipelines.evaluate.quotes import evaluate_quotes, quotation_marks
from pipelines.ingest import ingest_paths
from tests.conftest import CORPORA, needs

TITLE = "Harbor Council Votes\n\n"


def brat(text: str, attributions: list[tuple[str | list[str], str | None]]) -> str:
    """BRAT lines for (content, source) pairs, each snippet found in `text`; a list of snippets is one discontinuous span."""
    lines, t = [], 0

    def bound(kind: str, snippets: list[str]) -> str:
        nonlocal t
        t += 1
        ranges = [(text.index(s), text.index(s) + len(s)) for s in snippets]
        lines.append(f"T{t}\t{kind} {';'.join(f'{a} {b}' for a, b in ranges)}\t{' '.join(snippets)}")
        return f"T{t}"

    for e, (content, source) in enumerate(attributions, start=1):
        content_ref = bound("Content", content if isinstance(content, list) else [content])
        source_ref = f" Source:{bound('Source', [source])}" if source else ""
        lines.append(f"E{e}\tAttribution:{content_ref} Content:{content_ref}{source_ref}")
    return "\n".join(lines) + "\n"


def write_split(root: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """A split folder: text/NAME.txt and attributions/NAME_a1.ann for each name: (raw text, ann)."""
    for folder in ("text", "attributions"):
        (root / folder).mkdir(parents=True)
    for name, (text, ann) in articles.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"{name}_a1.ann").write_text(ann, encoding="utf-8")
    return root


def quote(article: dict, content: str, speaker: str | None = None, mention: str | None = None) -> dict:
    """A `quotes` row over snippets of the ingested text (offsets into articles.text)."""
    start = article["text"].index(content)
    row = {"article_id": article["article_id"], "text": content, "start_char": start, "end_char": start + len(content),
           "speaker": speaker, "speaker_start": None, "speaker_end": None}
    if mention:
        row["speaker_start"] = article["text"].index(mention)
        row["speaker_end"] = row["speaker_start"] + len(mention)
    return row


def ingested(split: Path) -> dict[str, dict]:
    return {a["source_uri"]: a for a in ingest_paths([split / "text"], date(2024, 1, 2), 10**6).articles}


def run_eval(tmp_path: Path, split: Path, articles: dict[str, dict], quotes: list[dict]) -> dict:
    """The command's JSON figures for `quotes` written as a `newsetl extract` output folder."""
    out = tmp_path / "predictions"
    out.mkdir()
    pq.write_table(pa.Table.from_pylist([{k: a[k] for k in ("article_id", "source_uri", "text")}
                                         for a in articles.values()]), out / "articles.parquet")
    pq.write_table(pa.Table.from_pylist(quotes, schema=pa.schema([
        ("article_id", pa.string()), ("text", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()),
        ("speaker", pa.string()), ("speaker_start", pa.int32()), ("speaker_end", pa.int32())])),
        out / "quotes.parquet")
    figures = tmp_path / "figures.json"
    assert main(["eval", "quotes", "--polnear", str(split), "--predictions", str(out), "--json", str(figures)]) == 0
    return json.loads(figures.read_text())


HUNDRED = ("the new harbor wall will shelter four hundred homes from the winter storms "
           "for at least thirty years")


@pytest.mark.parametrize(("length", "matches"), [(50, 1), (49, 0)])
def test_iou_of_one_half_matches_and_just_below_does_not(tmp_path, length, matches):
    assert len(HUNDRED) == 100
    text = f"{TITLE}The engineer said {HUNDRED}.\n"
    split = write_split(tmp_path / "dev", {"wall": (text, brat(text, [(HUNDRED, "The engineer")]))})
    articles = ingested(split)
    figures = run_eval(tmp_path, split, articles, [quote(articles["wall.txt"], HUNDRED[:length])])
    assert (figures["all"]["gold"], figures["all"]["predictions"], figures["all"]["matches"]) == (1, 1, matches)
    assert figures["all"]["content_precision"] == figures["all"]["content_recall"] == matches


def test_matching_takes_the_best_overlaps_first(tmp_path):
    whole, head = "the ferries run early and the buses run late", "the ferries run early"
    text = f"{TITLE}The driver said {whole}.\n"
    split = write_split(tmp_path / "dev", {"bus": (text, brat(text, [(whole, "The driver"), (head, "The driver")]))})
    articles = ingested(split)
    article = articles["bus.txt"]
    # "...and the buses run" has IoU 0.54 with `head` but 0.89 with `whole`; "ferries run early" 0.81 with `head`
    # only. Pairing in order of position would give `head` the first prediction and leave `whole` unmatched.
    figures = run_eval(tmp_path, split, articles, [quote(article, "the ferries run early and the buses run"),
                                                   quote(article, "ferries run early")])
    assert (figures["all"]["gold"], figures["all"]["predictions"], figures["all"]["matches"]) == (2, 2, 2)


def test_a_gold_item_matches_one_prediction_only(tmp_path):
    said = "the fares will stay the same"
    text = f"{TITLE}The harbor master said {said}.\n"
    split = write_split(tmp_path / "dev", {"fares": (text, brat(text, [(said, "The harbor master")]))})
    articles = ingested(split)
    article = articles["fares.txt"]
    figures = run_eval(tmp_path, split, articles, [quote(article, said), quote(article, said)])
    assert (figures["all"]["gold"], figures["all"]["predictions"], figures["all"]["matches"]) == (1, 2, 1)
    assert (figures["all"]["content_precision"], figures["all"]["content_recall"]) == (0.5, 1.0)


SPEAKER_TEXT = (f"{TITLE}Mayor Lena Berg opened the meeting. She said the vote would be held in spring. "
                "Rain fell all day, the weather office said.\n")


@pytest.mark.parametrize(("content", "source", "speaker", "mention", "right"), [
    ("the vote would be held in spring", "She", None, "She", True),  # the mention overlaps the Source
    ("the vote would be held in spring", "Mayor Lena Berg", "Lena Berg", "She", True),  # shares the name "Berg"
    ("the vote would be held in spring", "Mayor Lena Berg", "Mayor Tove Dahl", "She", False),  # shares only "Mayor"
    ("the vote would be held in spring", "She", None, None, False),  # no speaker for a sourced quote
    ("Rain fell all day", None, None, "the weather office", True),  # no Source and no speaker
    ("Rain fell all day", None, "Weather Office", "the weather office", False),  # a speaker where gold has none
])
def test_speaker_right(tmp_path, content, source, speaker, mention, right):
    split = write_split(tmp_path / "dev", {"vote": (SPEAKER_TEXT, brat(SPEAKER_TEXT, [(content, source)]))})
    articles = ingested(split)
    figures = run_eval(tmp_path, split, articles, [quote(articles["vote.txt"], content, speaker, mention)])
    assert figures["all"]["matches"] == 1
    assert figures["all"]["right_speakers"] == int(right)
    assert figures["all"]["speaker_accuracy"] == figures["all"]["e2e_f1"] == float(right)


def test_apostrophes_are_not_quotation_marks():
    text = "Don't ask; it’s the '90s. ‘Fine,’ she said. \"Yes.\""
    assert [text[i] for i in sorted(quotation_marks(text))] == ["‘", "’", '"', '"']


def test_plural_possessives_are_apostrophes_unless_a_single_quotation_is_open():
    text = "She called it ‘the party’s plan’ and ‘a farce,’ said the voters’ group.\n‘Unclosed\nThe Khans' son"
    assert [text[i - 4:i + 1] for i in sorted(quotation_marks(text))] == [" it ‘", "plan’", "and ‘", "rce,’", "up.\n‘"]


def test_direct_subset_holds_quotations_and_marks_just_outside_predictions(tmp_path):
    quoted, apostrophes, single = "“We won't close the pier,”", "the council's plan isn't final", "‘a fair deal’"
    text = (f"{TITLE}{quoted} the mayor said. She said {apostrophes}. "
            f"The union called it {single} on Friday.\n")
    ann = brat(text, [(quoted, "the mayor"), (apostrophes, "She"), (single, "The union")])
    split = write_split(tmp_path / "dev", {"pier": (text, ann)})
    articles = ingested(split)
    article = articles["pier.txt"]
    figures = run_eval(tmp_path, split, articles, [
        quote(article, "We won't close the pier"),  # marks just outside: “ before, ,” within 2 characters after
        quote(article, apostrophes),  # apostrophes only: not direct
        quote(article, "a fair deal"),  # inside single quotation marks
    ])
    assert (figures["direct"]["gold"], figures["direct"]["predictions"]) == (2, 2)
    assert figures["direct"]["matches"] == 2  # "We won't close the pier" is 23 of the 26 quoted characters
    assert (figures["all"]["gold"], figures["all"]["predictions"], figures["all"]["matches"]) == (3, 3, 3)


def test_offsets_map_back_through_ingest_cleaning(tmp_path):
    raw = ("Harbor  Council Votes\n\nBy Jane Doe\n   The   council   said the   pier   would   reopen in May.  \n"
           "Copyright 2024 Harbor Times. All rights reserved.\n")
    content = "the   pier   would   reopen in May"
    split = write_split(tmp_path / "dev", {"pier": (raw, brat(raw, [(content, "The   council")]))})
    articles = ingested(split)
    article = articles["pier.txt"]
    assert article["text"] == "Harbor Council Votes\n\nThe council said the pier would reopen in May."
    cleaned_start = article["text"].index("the pier")
    assert OffsetMap(article["text"], raw).span(cleaned_start, cleaned_start + len("the pier would reopen in May")) == (
        raw.index(content), raw.index(content) + len(content))
    figures = run_eval(tmp_path, split, articles, [quote(article, "the pier would reopen in May", None, "The council")])
    assert (figures["all"]["matches"], figures["all"]["right_speakers"]) == (1, 1)


def test_gold_reads_the_first_listed_annotator_and_discontinuous_content(tmp_path):
    text = f"{TITLE}“The pier,” she said, “opens in May.” Nobody disagreed.\n"
    split = write_split(tmp_path / "dev", {"pier": (text, brat(text, [(["“The pier,”", "“opens in May.”"], "she")]))})
    (split / "attributions" / "pier_b2.ann").write_text(brat(text, [("Nobody disagreed", None)]), encoding="utf-8")
    (split / "attributions" / "pier_c3.ann").write_text(
        "T1\tCue 0 6\tHarbor\nE1\tAttribution:T1 Cue:T1\n", encoding="utf-8")  # a relation without Content
    [alphabetical] = read_split(split)
    assert alphabetical.annotator == "a1"
    assert [(g.content_text, g.source_text) for g in alphabetical.attributions] == [
        ("“The pier,” “opens in May.”", "she")]
    (tmp_path / "metadata.tsv").write_text("compartment\tfilename\tannotators\ndev\tpier\tc3|b2|a1\n", encoding="utf-8")
    [listed] = read_split(split)
    assert listed.annotator == "c3"
    assert listed.attributions == []


def test_an_article_whose_extraction_raises_counts_as_a_crash(tmp_path, monkeypatch):
    import pipelines.extract

    def extract_tables(articles, progress=None):
        if any("explodes" in a["text"] for a in articles):
            raise RuntimeError("boom")
        return {"quotes": []}

    monkeypatch.setattr(pipelines.extract, "extract_tables", extract_tables)
    split = write_split(tmp_path / "dev", {
        "calm": (f"{TITLE}All is calm, the captain said.\n", ""),
        "loud": (f"{TITLE}The boiler explodes, the engineer said.\n", brat(f"{TITLE}The boiler explodes, the "
                                                                           "engineer said.\n",
                                                                           [("The boiler explodes", "the engineer")])),
    })
    report = evaluate_quotes(split)
    assert (report.articles, report.crashes, report.subsets["all"].gold) == (2, 1, 1)


def test_polnear_dev_runs_without_crashes(tmp_path):
    dev = CORPORA / "polnear" / "dev"
    needs(dev)
    figures = tmp_path / "figures.json"
    assert main(["eval", "quotes", "--polnear", str(dev), "--limit", "5", "--json", str(figures)]) == 0
    report = json.loads(figures.read_text())
    assert (report["articles"], report["crashes"]) == (5, 0)
    assert report["all"]["gold"] > 0 and report["all"]["predictions"] > 0
