{#- The newest ingest day a relation holds, as a SQL date literal (null when it
    is empty or not built yet), read when the node runs: a constant that prunes
    the lake's partitions where a subquery would not. -#}
{% macro newest_ingest_date(relation) %}
    {%- set built = adapter.get_relation(database=relation.database, schema=relation.schema,
                                         identifier=relation.identifier) if execute else none -%}
    {%- if built is not none -%}
        {%- set newest = run_query("select max(ingest_date) from " ~ relation).columns[0].values()[0] -%}
        {{- "date '" ~ newest ~ "'" if newest is not none else "null" -}}
    {%- else -%}
        null
    {%- endif -%}
{% endmacro %}
