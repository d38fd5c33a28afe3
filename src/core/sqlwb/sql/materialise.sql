CREATE TABLE {{table}} AS SELECT * FROM {{source}} LIMIT {{limit}}
