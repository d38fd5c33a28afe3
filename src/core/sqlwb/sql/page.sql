SELECT * FROM {{source}} {{order}} LIMIT {{limit}} OFFSET {{offset}}
