with source as (

    select * from {{ source('lake', 'participants') }}

),

renamed as (

    select
        cast(participant_id as varchar)             as participant_id,
        cast(article_id as varchar)                 as article_id,
        cast(actor_id as varchar)                   as actor_id,
        cast(name as varchar)                       as name,
        cast(kind as varchar)                       as kind,
        cast(title as varchar)                      as title,
        cast(affiliation as varchar)                as affiliation,
        cast(country_code as varchar)               as country_code,
        cast(mention_count as integer)              as mention_count,
        cast(first_start as integer)                as first_start,
        cast(first_end as integer)                  as first_end,
        cast(role as varchar)                       as role,
        cast(members as varchar[])                  as members,
        cast(aliases as varchar[])                  as aliases,
        cast(ingest_date as date)                   as ingest_date

    from source

)

select * from renamed
