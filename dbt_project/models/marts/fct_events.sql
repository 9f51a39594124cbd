-- One row per event of an original article (events of duplicate articles are
-- left out, so counts are stories, not copies), with its article, its evidence
-- sentence and its source / target / other actors.

with events as (

    select * from {{ ref('stg_events') }}

),

articles as (

    select * from {{ ref('stg_articles') }}
    where not is_duplicate

),

participants as (

    select * from {{ ref('stg_participants') }}

),

event_participants as (

    select * from {{ ref('stg_event_participants') }}

),

-- each link with its participant; joined on the event's article too so a
-- participant id reused across articles can never fan out
event_actors as (

    select
        event_participants.event_id,
        event_participants.role,
        participants.participant_id,
        participants.actor_id,
        participants.name,
        participants.country_code,
        participants.first_start
    from event_participants
    inner join events
        on events.event_id = event_participants.event_id
    inner join participants
        on participants.participant_id = event_participants.participant_id
        and participants.article_id = events.article_id

),

-- actors listed in order of first mention
roles as (

    select
        event_id,
        list(actor_id order by first_start nulls last, participant_id)
            filter (where role = 'source')                                  as source_actor_ids,
        list(name order by first_start nulls last, participant_id)
            filter (where role = 'source')                                  as source_actor_names,
        list_sort(list_distinct(list(country_code) filter (where role = 'source')))
                                                                            as source_countries,
        first(country_code order by first_start nulls last, participant_id)
            filter (where role = 'source' and country_code is not null)    as source_country,
        list(actor_id order by first_start nulls last, participant_id)
            filter (where role = 'target')                                  as target_actor_ids,
        list(name order by first_start nulls last, participant_id)
            filter (where role = 'target')                                  as target_actor_names,
        list_sort(list_distinct(list(country_code) filter (where role = 'target')))
                                                                            as target_countries,
        first(country_code order by first_start nulls last, participant_id)
            filter (where role = 'target' and country_code is not null)    as target_country,
        list(actor_id order by first_start nulls last, participant_id)
            filter (where role not in ('source', 'target'))                 as other_actor_ids,
        list(name order by first_start nulls last, participant_id)
            filter (where role not in ('source', 'target'))                 as other_actor_names,
        count(distinct participant_id)                                      as n_participants
    from event_actors
    group by event_id

),

-- the same real-world event told by several articles shares one story: same type, same day,
-- same source and target countries (events with no day or no country are their own story)
keyed as (

    select
        events.*,
        coalesce(roles.source_countries, [])::varchar[]             as story_sources,
        coalesce(roles.target_countries, [])::varchar[]             as story_targets
    from events
    left join roles
        on roles.event_id = events.event_id

),

stories as (

    select
        event_id,
        case
            when date_precision = 'day' and event_date is not null
                and len(story_sources) + len(story_targets) > 0
                then md5(concat_ws('|', event_type, modality, event_date::varchar,
                                   array_to_string(story_sources, ','), array_to_string(story_targets, ',')))
            else md5(event_id)
        end                                                         as story_event_id
    from keyed

),

final as (

    select
        events.event_id,
        stories.story_event_id,
        events.article_id,
        events.event_type,
        events.mode,
        events.cameo_root,
        events.quad_class,
        events.goldstein,
        events.modality,
        events.is_root,
        events."trigger",
        events.start_char,
        events.end_char,
        events.event_date,
        events.date_text,
        events.date_precision,
        events.date_source,
        coalesce(events.event_date, articles.published_date, articles.ingest_date)
                                                                    as event_day,
        case
            when events.event_date is not null then 'event'
            when articles.published_date is not null then 'published'
            else 'ingested'
        end                                                         as event_day_source,
        events.location,
        events.location_country_code,
        -- offsets are 0-based and end-exclusive, DuckDB's substr is 1-based
        case
            when events.sentence_start is not null
                and events.sentence_end > events.sentence_start
                then substr(articles.text, events.sentence_start + 1,
                            events.sentence_end - events.sentence_start)
        end                                                         as evidence,
        events.sentence_start,
        events.sentence_end,
        articles.url,
        articles.title,
        articles.source_name,
        articles.published_at,
        articles.published_date,
        articles.language,
        coalesce(roles.source_actor_ids, [])::varchar[]             as source_actor_ids,
        coalesce(roles.source_actor_names, [])::varchar[]           as source_actor_names,
        coalesce(roles.source_countries, [])::varchar[]             as source_countries,
        roles.source_country,
        coalesce(roles.target_actor_ids, [])::varchar[]             as target_actor_ids,
        coalesce(roles.target_actor_names, [])::varchar[]           as target_actor_names,
        coalesce(roles.target_countries, [])::varchar[]             as target_countries,
        roles.target_country,
        coalesce(roles.other_actor_ids, [])::varchar[]              as other_actor_ids,
        coalesce(roles.other_actor_names, [])::varchar[]            as other_actor_names,
        coalesce(roles.n_participants, 0)                           as n_participants,
        events.ingest_date
    from events
    inner join articles
        on articles.article_id = events.article_id
    left join roles
        on roles.event_id = events.event_id
    inner join stories
        on stories.event_id = events.event_id

)

select
    final.*,
    count(distinct article_id) over (partition by story_event_id)  as n_story_articles
from final
