-- The contract: events.trigger is articles.text[start_char:end_char], and the
-- evidence sentence (sentence_start, sentence_end) contains the trigger.
-- A warning, not an error: bad spans say the extractor is off.
-- Checked on the newest ingest day, whose events and articles share it: every
-- earlier day was checked when its partition was written (the extraction
-- asset's trigger_spans_match_text check), so the nightly cost does not grow
-- with the lake.
{{ config(severity='warn') }}
{%- set newest = newest_ingest_date(ref('stg_events')) %}

select events.event_id, events."trigger", events.start_char, events.end_char,
    events.sentence_start, events.sentence_end
from {{ ref('stg_events') }} as events
inner join {{ ref('stg_articles') }} as articles
    on articles.article_id = events.article_id
    and articles.ingest_date = {{ newest }}
where events.ingest_date = {{ newest }}
    and (
        (
            events.start_char is not null
            and events."trigger" is distinct from
                substr(articles.text, events.start_char + 1, events.end_char - events.start_char)
        )
        or (
            events.sentence_start is not null
            and (events.start_char < events.sentence_start or events.end_char > events.sentence_end)
        )
    )
