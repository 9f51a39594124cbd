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

-- each event's actors per role (source, target, other), in order of first mention: one
-- ordered list per role, which the columns below are read from
role_lists as (

    select
        event_id,
        case when role in ('source', 'target') then role else 'other' end  as role_group,
        -- sorting the list is much faster than an ordered aggregate over many small groups
        list_transform(
            list_sort(list({'first': coalesce(first_start, 2147483647), 'participant_id': participant_id,
                            'actor_id': actor_id, 'name': name, 'country_code': country_code})),
            a -> {'actor_id': a.actor_id, 'name': a.name, 'country_code': a.country_code}
        )                                                                   as actors
    from event_actors
    where role is not null
    group by event_id, role_group

),

roles as (

    select
        event_id,
        any_value(actors) filter (where role_group = 'source')            as sources,
        any_value(actors) filter (where role_group = 'target')            as targets,
        any_value(actors) filter (where role_group = 'other')             as others
    from role_lists
    group by event_id

),

-- every participant linked to the event, whatever its role
counts as (

    select event_id, count(distinct participant_id) as n_participants
    from event_actors
    group by event_id

),

-- each event with its actors, joined once
with_roles as (

    select
        events.*,
        coalesce(list_transform(roles.sources, a -> a.actor_id), [])::varchar[]      as source_actor_ids,
        coalesce(list_transform(roles.sources, a -> a.name), [])::varchar[]          as source_actor_names,
        coalesce(list_sort(list_distinct(list_transform(roles.sources, a -> a.country_code))), [])::varchar[]
                                                                                     as source_countries,
        list_filter(list_transform(roles.sources, a -> a.country_code), c -> c is not null)[1]
                                                                                     as source_country,
        coalesce(list_transform(roles.targets, a -> a.actor_id), [])::varchar[]      as target_actor_ids,
        coalesce(list_transform(roles.targets, a -> a.name), [])::varchar[]          as target_actor_names,
        coalesce(list_sort(list_distinct(list_transform(roles.targets, a -> a.country_code))), [])::varchar[]
                                                                                     as target_countries,
        list_filter(list_transform(roles.targets, a -> a.country_code), c -> c is not null)[1]
                                                                                     as target_country,
        coalesce(list_transform(roles.others, a -> a.actor_id), [])::varchar[]       as other_actor_ids,
        coalesce(list_transform(roles.others, a -> a.name), [])::varchar[]           as other_actor_names,
        coalesce(counts.n_participants, 0)                                           as n_participants
    from events
    left join roles
        on roles.event_id = events.event_id
    left join counts
        on counts.event_id = events.event_id

),

-- the same real-world event told by several articles shares one story: same type, same day,
-- same source and target countries (events with no day or no country are their own story)
stories as (

    select
        *,
        case
            when date_precision = 'day' and event_date is not null
                and len(source_countries) + len(target_countries) > 0
                then md5(concat_ws('|', event_type, modality, event_date::varchar,
                                   array_to_string(source_countries, ','), array_to_string(target_countries, ',')))
            else md5(event_id)
        end                                                         as story_event_id
    from with_roles

),

final as (

    select
        events.event_id,
        events.story_event_id,
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
        events.source_actor_ids             as source_actor_ids,
        events.source_actor_names           as source_actor_names,
        events.source_countries             as source_countries,
        events.source_country,
        events.target_actor_ids             as target_actor_ids,
        events.target_actor_names           as target_actor_names,
        events.target_countries             as target_countries,
        events.target_country,
        events.other_actor_ids              as other_actor_ids,
        events.other_actor_names            as other_actor_names,
        events.n_participants                           as n_participants,
        events.ingest_date
    from stories as events
    inner join articles
        on articles.article_id = events.article_id

),

-- counted apart and joined back: a window over the wide rows would sort them all
story_articles as (

    select story_event_id, count(distinct article_id) as n_story_articles
    from final
    group by story_event_id

)

select
    final.*,
    story_articles.n_story_articles
from final
inner join story_articles
    on story_articles.story_event_id = final.story_event_id
