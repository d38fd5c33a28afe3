SELECT * FROM read_csv($path)
