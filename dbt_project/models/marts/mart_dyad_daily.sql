-- Who did what to whom, per day: real events (stories, however many articles told them)
-- counted per day x source country x target country x event type. An event whose sources
-- (or targets) act for several countries counts once in every source x target
-- pair; an event with no known source (or target) country has null there.

with events as (

    select * from {{ ref('fct_events') }}

),

by_source as (

    select
        events.*,
        unnest(
            case when len(source_countries) = 0 then [null::varchar] else source_countries end
        ) as dyad_source_country
    from events

),

by_pair as (

    select
        by_source.*,
        unnest(
            case when len(target_countries) = 0 then [null::varchar] else target_countries end
        ) as dyad_target_country
    from by_source

),

final as (

    select
        event_day                                   as day,
        dyad_source_country                         as source_country,
        dyad_target_country                         as target_country,
        event_type,
        count(distinct story_event_id)              as n_events,
        count(distinct event_id)                    as n_reports,
        count(distinct article_id)                  as n_articles,
        avg(goldstein)                              as mean_goldstein
    from by_pair
    group by all

)

select * from final
