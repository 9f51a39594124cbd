-- The contract: events.trigger is articles.text[start_char:end_char], and the
-- evidence sentence (sentence_start, sentence_end) contains the trigger.
-- A warning, not an error: bad spans say the extractor is off.
{{ config(severity='warn') }}

select events.event_id, events."trigger", events.start_char, events.end_char,
    events.sentence_start, events.sentence_end
from {{ ref('stg_events') }} as events
inner join {{ ref('stg_articles') }} as articles
    on articles.article_id = events.article_id
where (
        events.start_char is not null
        and events."trigger" is distinct from
            substr(articles.text, events.start_char + 1, events.end_char - events.start_char)
    )
    or (
        events.sentence_start is not null
        and (events.start_char < events.sentence_start or events.end_char > events.sentence_end)
    )
