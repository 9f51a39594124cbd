with source as (

    select * from {{ source('lake', 'articles') }}

),

renamed as (

    select
        cast(article_id as varchar)                 as article_id,
        cast(source_uri as varchar)                 as source_uri,
        cast(source_name as varchar)                as source_name,
        cast(url as varchar)                        as url,
        cast(title as varchar)                      as title,
        cast(byline as varchar)                     as byline,
        cast(published_at as timestamptz)           as published_at,
        cast(published_tz as varchar)               as published_tz,
        -- calendar day of publication in the publication's own UTC offset
        -- (relative dates in the text resolve in that local time); UTC day
        -- when the offset is unknown or not of the form +HH:MM / +HHMM
        case
            when regexp_full_match(published_tz, '[+-][0-9]{2}:?[0-9]{2}')
                then cast(
                    timezone('UTC', published_at)
                    + to_minutes(
                        (case when left(published_tz, 1) = '-' then -1 else 1 end)
                        * (cast(substr(published_tz, 2, 2) as integer) * 60
                           + cast(right(published_tz, 2) as integer))
                    )
                    as date)
            else cast(timezone('UTC', published_at) as date)
        end                                         as published_date,
        cast(language as varchar)                   as language,
        cast(text as varchar)                       as text,
        cast(duplicate_of as varchar)               as duplicate_of,
        duplicate_of is not null                    as is_duplicate,
        cast(source_hint as varchar)                as source_hint,
        cast(content_hash as varchar)               as content_hash,
        cast(fetched_at as timestamptz)             as fetched_at,
        cast(dateline_place as varchar)             as dateline_place,
        cast(dateline_date as date)                 as dateline_date,
        cast(ingest_date as date)                   as ingest_date

    from source

)

select * from renamed
