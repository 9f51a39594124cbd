-- The contract: quotes.text is exactly articles.text[start_char:end_char]
-- (0-based, end-exclusive; DuckDB's substr is 1-based). A warning, not an
-- error: a bad span says the extractor is off, the marts are still right.
-- Checked on the newest ingest day, whose quotes and articles share it: every
-- earlier day was checked when its partition was written (the extraction
-- asset's spans_match_text check), so the nightly cost does not grow with the lake.
{{ config(severity='warn') }}
{%- set newest = newest_ingest_date(ref('stg_quotes')) %}

select quotes.quote_id, quotes.text, quotes.start_char, quotes.end_char
from {{ ref('stg_quotes') }} as quotes
inner join {{ ref('stg_articles') }} as articles
    on articles.article_id = quotes.article_id
    and articles.ingest_date = {{ newest }}
where quotes.ingest_date = {{ newest }}
    and quotes.start_char is not null
    and quotes.text is distinct from
        substr(articles.text, quotes.start_char + 1, quotes.end_char - quotes.start_char)
