COPY (SELECT * FROM {{source}} {{order}}) TO {{path}} ({{options}})
