with source as (

    select * from {{ source('lake', 'events') }}

),

renamed as (

    select
        cast(event_id as varchar)                   as event_id,
        cast(article_id as varchar)                 as article_id,
        cast(event_type as varchar)                 as event_type,
        cast(mode as varchar)                       as mode,
        cast(cameo_root as varchar)                 as cameo_root,
        cast(quad_class as tinyint)                 as quad_class,
        cast(goldstein as float)                    as goldstein,
        cast("trigger" as varchar)                  as "trigger",
        cast(start_char as integer)                 as start_char,
        cast(end_char as integer)                   as end_char,
        cast(event_date as date)                    as event_date,
        cast(date_text as varchar)                  as date_text,
        cast(date_precision as varchar)             as date_precision,
        cast(location as varchar)                   as location,
        cast(modality as varchar)                   as modality,
        cast(is_root as boolean)                    as is_root,
        cast(date_source as varchar)                as date_source,
        cast(location_country_code as varchar)      as location_country_code,
        cast(sentence_start as integer)             as sentence_start,
        cast(sentence_end as integer)               as sentence_end,
        cast(ingest_date as date)                   as ingest_date

    from source

)

select * from renamed
