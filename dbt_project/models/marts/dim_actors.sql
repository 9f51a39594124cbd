-- One row per actor (person, organization, country, group) seen in an original
-- article. name, kind, country_code and affiliation are the most frequent
-- non-null value over the articles the actor appears in.

with participants as (

    select * from {{ ref('stg_participants') }}
    where actor_id is not null

),

articles as (

    select * from {{ ref('stg_articles') }}
    where not is_duplicate

),

appearances as (

    select
        participants.*,
        coalesce(articles.published_date, articles.ingest_date) as seen_date
    from participants
    inner join articles
        on articles.article_id = participants.article_id

),

-- how often each actor carries each value of each attribute
attribute_counts as (

    select actor_id, attribute, value, count(*) as n
    from appearances
    unpivot (value for attribute in (name, kind, country_code, affiliation))
    group by all

),

-- the most frequent value; ties broken alphabetically so builds are stable
top_attributes as (

    select
        actor_id,
        first(value order by n desc, value) filter (where attribute = 'name')         as name,
        first(value order by n desc, value) filter (where attribute = 'kind')         as kind,
        first(value order by n desc, value) filter (where attribute = 'country_code') as country_code,
        first(value order by n desc, value) filter (where attribute = 'affiliation')  as affiliation
    from attribute_counts
    group by actor_id

),

alias_values as (

    select actor_id, unnest(aliases) as alias from appearances
    union all
    select actor_id, name as alias from appearances

),

aliases as (

    select actor_id, list_sort(list_distinct(list(alias))) as aliases
    from alias_values
    group by actor_id

),

-- each title with the first and last day it was seen, oldest first: "titles over time"
title_spells as (

    select actor_id, title, min(seen_date) as first_seen, max(seen_date) as last_seen
    from appearances
    where title is not null
    group by all

),

title_history as (

    select
        actor_id,
        list({'title': title, 'first_seen': first_seen, 'last_seen': last_seen}
             order by first_seen, title)            as title_history
    from title_spells
    group by actor_id

),

stats as (

    select
        actor_id,
        list_sort(list_distinct(list(title)))       as titles,
        count(distinct article_id)                  as n_articles,
        sum(mention_count)                          as n_mentions,
        min(seen_date)                              as first_seen,
        max(seen_date)                              as last_seen
    from appearances
    group by actor_id

),

final as (

    select
        stats.actor_id,
        top_attributes.name,
        top_attributes.kind,
        top_attributes.country_code,
        top_attributes.affiliation,
        stats.titles,
        title_history.title_history,
        coalesce(aliases.aliases, [])::varchar[]    as aliases,
        stats.n_articles,
        stats.n_mentions,
        stats.first_seen,
        stats.last_seen
    from stats
    left join top_attributes
        on top_attributes.actor_id = stats.actor_id
    left join aliases
        on aliases.actor_id = stats.actor_id
    left join title_history
        on title_history.actor_id = stats.actor_id

)

select * from final
