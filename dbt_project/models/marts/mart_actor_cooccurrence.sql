-- Pairs of actors seen together in an original article, with how many events link both.

with articles as (

    select article_id, coalesce(published_date, ingest_date) as seen_date
    from {{ ref('stg_articles') }}
    where not is_duplicate

),

participants as (

    select distinct participants.article_id, participants.participant_id, participants.actor_id, articles.seen_date
    from {{ ref('stg_participants') }} as participants
    inner join articles
        on articles.article_id = participants.article_id
    where participants.actor_id is not null

),

names as (

    select actor_id, name from {{ ref('dim_actors') }}

),

-- each actor once per article, so a pair meets at most once per article
article_actors as (

    select distinct article_id, actor_id, seen_date
    from participants

),

article_pairs as (

    select
        a.actor_id                                  as actor_a,
        b.actor_id                                  as actor_b,
        count(*)                                    as n_articles,
        min(a.seen_date)                            as first_seen,
        max(a.seen_date)                            as last_seen
    from article_actors as a
    inner join article_actors as b
        on a.article_id = b.article_id
        and a.actor_id < b.actor_id
    group by all

),

event_actors as (

    select distinct links.event_id, participants.actor_id
    from {{ ref('stg_event_participants') }} as links
    inner join participants
        on participants.participant_id = links.participant_id
        and participants.article_id = links.article_id

),

event_pairs as (

    select a.actor_id as actor_a, b.actor_id as actor_b, count(*) as n_events  -- event_actors is distinct
    from event_actors as a
    inner join event_actors as b
        on a.event_id = b.event_id
        and a.actor_id < b.actor_id
    group by all

),

final as (

    select
        article_pairs.actor_a,
        article_pairs.actor_b,
        name_a.name                                 as name_a,
        name_b.name                                 as name_b,
        article_pairs.n_articles,
        coalesce(event_pairs.n_events, 0)           as n_events,
        article_pairs.first_seen,
        article_pairs.last_seen
    from article_pairs
    left join event_pairs
        on event_pairs.actor_a = article_pairs.actor_a
        and event_pairs.actor_b = article_pairs.actor_b
    left join names as name_a
        on name_a.actor_id = article_pairs.actor_a
    left join names as name_b
        on name_b.actor_id = article_pairs.actor_b

)

select * from final
