-- How one country acts towards another, month by month: real events (stories) from source
-- country to target country, cooperative (CAMEO quad classes 1-2) against conflictual (3-4).

with events as (

    select * from {{ ref('fct_events') }}
    where event_type <> 'OTHER'

),

pairs as (

    select
        event_day,
        story_event_id,
        quad_class,
        goldstein,
        unnest(source_countries)                    as source_country,
        target_countries
    from events

),

directed as (

    select pairs.* exclude (target_countries), unnest(target_countries) as target_country
    from pairs

),

-- one row per story and pair, so an event told by ten articles counts once
stories as (

    select distinct event_day, story_event_id, quad_class, goldstein, source_country, target_country
    from directed
    where source_country <> target_country

),

final as (

    select
        date_trunc('month', event_day)::date        as month,
        source_country,
        target_country,
        count(*)                                    as n_events,
        count(*) filter (where quad_class in (1, 2)) as n_cooperative,
        count(*) filter (where quad_class in (3, 4)) as n_conflictual,
        avg(goldstein)                              as mean_goldstein
    from stories
    group by all

)

select * from final
