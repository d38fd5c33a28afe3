SELECT count(*) FROM {{source}}
