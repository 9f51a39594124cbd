with source as (

    select * from {{ source('lake', 'quotes') }}

),

renamed as (

    select
        cast(quote_id as varchar)                   as quote_id,
        cast(article_id as varchar)                 as article_id,
        cast(text as varchar)                       as text,
        cast(start_char as integer)                 as start_char,
        cast(end_char as integer)                   as end_char,
        cast(kind as varchar)                       as kind,
        cast(speaker as varchar)                    as speaker,
        cast(speaker_participant_id as varchar)     as speaker_participant_id,
        cast(speaker_start as integer)              as speaker_start,
        cast(speaker_end as integer)                as speaker_end,
        cast(cue as varchar)                        as cue,
        cast(via as varchar)                        as via,
        cast(cue_start as integer)                  as cue_start,
        cast(cue_end as integer)                    as cue_end,
        cast(ingest_date as date)                   as ingest_date

    from source

)

select * from renamed
