-- One row per quote of an original article (quotes of duplicate articles are
-- left out), with its speaker resolved to an actor and its article.

with quotes as (

    select * from {{ ref('stg_quotes') }}

),

articles as (

    select * from {{ ref('stg_articles') }}
    where not is_duplicate

),

participants as (

    select * from {{ ref('stg_participants') }}

),

final as (

    select
        quotes.quote_id,
        quotes.article_id,
        quotes.text                                 as quote_text,
        quotes.kind,
        quotes.cue,
        quotes.via,
        quotes.start_char,
        quotes.end_char,
        quotes.speaker,
        quotes.speaker_participant_id,
        participants.actor_id                       as speaker_actor_id,
        participants.name                           as speaker_name,
        participants.kind                           as speaker_kind,
        participants.title                          as speaker_title,
        participants.affiliation                    as speaker_affiliation,
        participants.country_code                   as speaker_country_code,
        quotes.speaker_start,
        quotes.speaker_end,
        articles.url,
        articles.title,
        articles.source_name,
        articles.published_at,
        articles.published_date,
        articles.language,
        quotes.ingest_date
    from quotes
    inner join articles
        on articles.article_id = quotes.article_id
    left join participants
        on participants.participant_id = quotes.speaker_participant_id
        and participants.article_id = quotes.article_id

)

select * from final
