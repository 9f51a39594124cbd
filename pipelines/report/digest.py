"""What one ingest day brought, from the warehouse: counts, charts, speakers, new actors, top stories.

`collect_digest` reads the marts of one `ingest_date` (read-only); `write_digest` renders them into
`reports/YYYY-MM-DD.html`, a page with its charts inline as SVG (matplotlib) and no script or link
to the network, so it opens anywhere, offline.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import matplotlib
from jinja2 import Environment, PackageLoader, select_autoescape

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after choosing the non-interactive backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
                None: "other (no PLOVER type)"}
QUAD_COLOURS = {1: "#4c9a2a", 2: "#1f6f8b", 3: "#e0a800", 4: "#c0392b", None: "#999999"}
TOP = 10


@dataclass
class Digest:
    """The figures and rows of one day's digest."""

    day: date
    articles: int = 0
    duplicates: int = 0
    rejects: int = 0
    reject_reasons: list[tuple] = field(default_factory=list)
    events: int = 0
    quotes: int = 0
    timeline: list[tuple] = field(default_factory=list)  # (event day, quad class, events)
    dyads: list[tuple] = field(default_factory=list)  # (source country, target country, events, articles)
    speakers: list[dict] = field(default_factory=list)
    new_actors: list[dict] = field(default_factory=list)
    stories: list[dict] = field(default_factory=list)

    @property
    def received(self) -> int:
        return self.articles + self.rejects

    def summary_markdown(self, path: Path | None = None) -> str:
        """The headline figures, for the asset's metadata in the Dagster UI."""
        lines = [f"**{self.day.isoformat()}**: {self.received} inputs, {self.articles} articles "
                 f"({self.duplicates} copies), {self.rejects} rejected; {self.events} events, {self.quotes} quotes."]
        if self.speakers:
            lines.append("Most quoted: " + ", ".join(f"{s['name']} ({s['n_quotes']})" for s in self.speakers[:3]) + ".")
        if self.stories:
            top = self.stories[0]
            articles = f"{top['articles']} article{'' if top['articles'] == 1 else 's'}"
            lines.append(f"Most reported story: {top['event_type']} \"{top['trigger']}\" in {articles}.")
        if path is not None:
            lines.append(f"Digest: `{path}`")
        return "\n\n".join(lines)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    result = con.execute(sql, params)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def collect_digest(warehouse: Path, day: date) -> Digest:
    """The digest of `day` (an ingest date) from the warehouse, opened read-only."""
    digest = Digest(day)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(digest.articles, digest.duplicates)] = con.execute(
            "select count(*), count(*) filter (where is_duplicate) from stg_articles where ingest_date = ?",
            [day]).fetchall()
        digest.reject_reasons = con.execute(
            "select reason, count(*) from stg_rejects where ingest_date = ? group by reason order by 2 desc, 1",
            [day]).fetchall()
        digest.rejects = sum(n for _, n in digest.reject_reasons)
        [(digest.events,)] = con.execute("select count(*) from fct_events where ingest_date = ?", [day]).fetchall()
        [(digest.quotes,)] = con.execute("select count(*) from fct_quotes where ingest_date = ?", [day]).fetchall()
        digest.timeline = con.execute(
            "select event_day, quad_class, count(*) from fct_events where ingest_date = ? and event_day is not null "
            "group by all order by event_day, quad_class nulls last", [day]).fetchall()
        digest.dyads = con.execute(
            "select source_country, target_country, count(distinct story_event_id), count(distinct article_id) "
            "from fct_events where ingest_date = ? and source_country is not null and target_country is not null "
            "and source_country <> target_country group by all order by 3 desc, 4 desc, 1, 2 limit ?",
            [day, TOP]).fetchall()
        digest.speakers = _rows(con, """
            with day_quotes as (
                select *, row_number() over (partition by speaker_actor_id
                                             order by kind = 'direct' desc, length(quote_text) desc, quote_id) as k
                from fct_quotes where ingest_date = ? and speaker_actor_id is not null)
            select speaker_actor_id as actor_id, any_value(speaker_name) as name,
                   any_value(speaker_title) as title, any_value(speaker_country_code) as country_code,
                   count(*) as n_quotes, any_value(quote_text) filter (where k = 1) as quote,
                   any_value(url) filter (where k = 1) as url, any_value(title) filter (where k = 1) as article
            from day_quotes group by speaker_actor_id order by n_quotes desc, name limit ?""", [day, TOP])
        digest.new_actors = _rows(con, """
            select p.actor_id, any_value(p.name) as name, any_value(p.kind) as kind,
                   any_value(p.country_code) as country_code, any_value(p.title) as title,
                   count(distinct p.article_id) as articles
            from stg_participants p join stg_articles a using (article_id)
            where not a.is_duplicate and p.kind <> 'country'
            group by p.actor_id
            having min(a.ingest_date) = ? and max(a.ingest_date) = ?
            order by articles desc, name limit ?""", [day, day, 2 * TOP])
        digest.stories = _rows(con, """
            select story_event_id, any_value(event_type) as event_type, any_value(trigger) as trigger,
                   any_value(evidence) as evidence, max(n_story_articles) as articles,
                   any_value(url) as url, any_value(title) as article
            from fct_events where ingest_date = ?
            group by story_event_id order by articles desc, story_event_id limit ?""", [day, TOP])
    return digest


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]  # inline: no XML declaration or doctype


def timeline_chart(digest: Digest) -> str | None:
    """Stacked bars: the day's events by the day they happened, one colour per quad class."""
    if not digest.timeline:
        return None
    days = sorted({d for d, _, _ in digest.timeline})
    fig, ax = plt.subplots(figsize=(8, 3))
    bottom = [0] * len(days)
    for quad, label in QUAD_CLASSES.items():
        counts = [sum(n for d, q, n in digest.timeline if d == day and q == quad) for day in days]
        if any(counts):
            ax.bar([d.isoformat() for d in days], counts, bottom=bottom, color=QUAD_COLOURS[quad], label=label)
            bottom = [b + c for b, c in zip(bottom, counts)]
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Events reported today, by the day they happened and quad class")
    ax.legend(fontsize=8, frameon=False)
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _svg(fig)


def dyad_chart(digest: Digest) -> str | None:
    """Horizontal bars: the country pairs with the most events (stories, not copies)."""
    if not digest.dyads:
        return None
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(digest.dyads) + 1))
    labels = [f"{s} → {t}" for s, t, _, _ in digest.dyads][::-1]
    ax.barh(labels, [n for _, _, n, _ in digest.dyads][::-1], color="#1f6f8b")
    ax.set_xlabel("events")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Top country dyads (source → target)")
    return _svg(fig)


def render_digest(digest: Digest) -> str:
    env = Environment(loader=PackageLoader("pipelines.report"), autoescape=select_autoescape())
    return env.get_template("digest.html.j2").render(
        d=digest, timeline_svg=timeline_chart(digest), dyad_svg=dyad_chart(digest), quad_classes=QUAD_CLASSES)


def write_digest(warehouse: Path, reports: Path, day: date) -> tuple[Path, Digest]:
    """Write `reports/YYYY-MM-DD.html` for `day`; returns its path and the figures."""
    digest = collect_digest(warehouse, day)
    path = reports / f"{day.isoformat()}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_digest(digest), encoding="utf-8")
    tmp.replace(path)
    return path, digest
