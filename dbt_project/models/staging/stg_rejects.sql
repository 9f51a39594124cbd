with source as (

    select * from {{ source('lake', 'rejects') }}

),

renamed as (

    select
        cast(source_uri as varchar)                 as source_uri,
        cast(reason as varchar)                     as reason,
        cast(detail as varchar)                     as detail,
        cast(ingest_date as date)                   as ingest_date

    from source

)

select * from renamed
