CREATE TABLE {{table}} AS {{select}}
