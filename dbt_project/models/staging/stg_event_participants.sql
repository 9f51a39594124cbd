with source as (

    select * from {{ source('lake', 'event_participants') }}

),

renamed as (

    select
        cast(event_id as varchar)                   as event_id,
        cast(participant_id as varchar)             as participant_id,
        cast(role as varchar)                       as role,
        cast(article_id as varchar)                 as article_id,
        cast(ingest_date as date)                   as ingest_date

    from source

)

select * from renamed
