-- Everything an actor did or had done to them, in date order: one row per actor x event,
-- with the counterpart actors on the other side, the evidence sentence and the article.

with events as (

    select * from {{ ref('fct_events') }}

),

sides as (

    select event_id, unnest(source_actor_ids) as actor_id, 'source' as role from events
    union all
    select event_id, unnest(target_actor_ids) as actor_id, 'target' as role from events
    union all
    select event_id, unnest(other_actor_ids) as actor_id, 'other' as role from events

),

actors as (

    select actor_id, name, country_code from {{ ref('dim_actors') }}

),

final as (

    select
        sides.actor_id,
        actors.name                                 as actor_name,
        actors.country_code                         as actor_country,
        events.event_day                            as day,
        events.event_day_source,
        events.event_id,
        events.story_event_id,
        events.event_type,
        events.cameo_root,
        events.goldstein,
        events.modality,
        sides.role,
        case sides.role
            when 'source' then events.target_actor_names
            when 'target' then events.source_actor_names
            else list_concat(events.source_actor_names, events.target_actor_names)
        end                                         as counterparts,
        case sides.role
            when 'source' then events.target_countries
            when 'target' then events.source_countries
            else list_concat(events.source_countries, events.target_countries)
        end                                         as counterpart_countries,
        events."trigger",
        events.location,
        events.evidence,
        events.article_id,
        events.url,
        events.title
    from sides
    inner join events
        on events.event_id = sides.event_id
    left join actors
        on actors.actor_id = sides.actor_id

)

select * from final
