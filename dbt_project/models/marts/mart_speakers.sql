-- Who is quoted how often: one row per actor that is the resolved speaker of
-- at least one quote in an original article.

with quotes as (

    select * from {{ ref('fct_quotes') }}
    where speaker_actor_id is not null

),

actors as (

    select * from {{ ref('dim_actors') }}

),

title_counts as (

    select speaker_actor_id, speaker_title, count(*) as n
    from quotes
    where speaker_title is not null
    group by all

),

top_titles as (

    select
        speaker_actor_id,
        first(speaker_title order by n desc, speaker_title) as title
    from title_counts
    group by speaker_actor_id

),

stats as (

    select
        speaker_actor_id,
        count(*)                                            as n_quotes,
        count(*) filter (where kind = 'direct')             as n_direct_quotes,
        count(distinct article_id)                          as n_articles,
        min(coalesce(published_date, ingest_date))          as first_seen,
        max(coalesce(published_date, ingest_date))          as last_seen,
        -- the longest direct quote, else the longest quote of any kind
        first(quote_id order by (kind = 'direct') desc, length(quote_text) desc nulls last, quote_id)
                                                            as sample_quote_id,
        first(quote_text order by (kind = 'direct') desc, length(quote_text) desc nulls last, quote_id)
                                                            as sample_quote
    from quotes
    group by speaker_actor_id

),

final as (

    select
        stats.speaker_actor_id                              as actor_id,
        actors.name,
        actors.kind,
        top_titles.title,
        actors.country_code,
        stats.n_quotes,
        stats.n_direct_quotes,
        stats.n_articles,
        stats.first_seen,
        stats.last_seen,
        stats.sample_quote,
        stats.sample_quote_id
    from stats
    left join actors
        on actors.actor_id = stats.speaker_actor_id
    left join top_titles
        on top_titles.speaker_actor_id = stats.speaker_actor_id

)

select * from final
