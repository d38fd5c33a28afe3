// The floor of `npm run bench -- replay-file`: plain DuckDB writing the file into a fresh database
// twice (CREATE TABLE AS read_csv / read_parquet), as bronze and silver are two copies of every event.
// Usage: node bench/peers/duckdb_floor.mjs FILE DATABASE
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [file, database] = process.argv.slice(2);
rmSync(database, { force: true });
rmSync(`${database}.wal`, { force: true });
const instance = await DuckDBInstance.create(database);
const conn = await instance.connect();
const read = file.endsWith('.parquet') ? `read_parquet('${file}')` : `read_csv('${file}')`;
await conn.run(`CREATE TABLE bronze AS SELECT * FROM ${read}`);
await conn.run(`CREATE TABLE silver AS SELECT * FROM ${read}`);
const rows = (await conn.runAndReadAll('SELECT count(*) FROM silver')).getRows()[0][0];
conn.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify({ peer: 'duckdb', records: Number(rows) }) + '\n');
