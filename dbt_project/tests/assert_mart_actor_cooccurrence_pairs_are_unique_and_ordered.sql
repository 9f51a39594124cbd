-- One row per unordered pair, stored with actor_a < actor_b.
select actor_a, actor_b, count(*) as n
from {{ ref('mart_actor_cooccurrence') }}
group by actor_a, actor_b
having count(*) > 1 or actor_a >= actor_b
