-- mart_dyad_daily has one row per day x source_country x target_country x
-- event_type (nulls included as their own value).
select day, source_country, target_country, event_type, count(*) as n_rows
from {{ ref('mart_dyad_daily') }}
group by all
having count(*) > 1
