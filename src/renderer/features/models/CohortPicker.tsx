import { useState } from 'react';
import type { Cohort } from '../../../shared/api';

/** Picks a cohort: a filter over silver (SQL boolean expression) or a CSV file read in the browser. */
export function CohortPicker({ onChange, testid }: { onChange(c: Cohort | null): void; testid: string }) {
  const [kind, setKind] = useState<'sql' | 'csv'>('sql');
  const [where, setWhere] = useState('');
  const [limit, setLimit] = useState('10000');
  const [fileNote, setFileNote] = useState('');
  const emitSql = (w: string, l: string) =>
    onChange({ kind: 'sql', where: w, limit: Math.max(1, Math.min(2_000_000, Number(l) || 10_000)) });
  return (
    <div className="cohort-picker" data-testid={testid}>
      <label>
        <input
          type="radio"
          checked={kind === 'sql'}
          onChange={() => {
            setKind('sql');
            emitSql(where, limit);
          }}
        />{' '}
        Silver rows where
      </label>
      <input
        className="cohort-where"
        data-testid={`${testid}-where`}
        placeholder="e.g. card_network = 'Visa' AND event_date >= DATE '2026-01-10' (empty: all)"
        value={where}
        disabled={kind !== 'sql'}
        onChange={(e) => {
          setWhere(e.target.value);
          emitSql(e.target.value, limit);
        }}
      />
      <label>
        limit{' '}
        <input
          className="cohort-limit"
          data-testid={`${testid}-limit`}
          value={limit}
          disabled={kind !== 'sql'}
          onChange={(e) => {
            setLimit(e.target.value);
            emitSql(where, e.target.value);
          }}
        />
      </label>
      <label>
        <input
          type="radio"
          checked={kind === 'csv'}
          onChange={() => {
            setKind('csv');
            onChange(null);
          }}
        />{' '}
        CSV file
      </label>
      <input
        type="file"
        accept=".csv,text/csv"
        data-testid={`${testid}-csv`}
        disabled={kind !== 'csv'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          void file.text().then((csv) => {
            setFileNote(`${file.name} (${(file.size / 1024).toFixed(0)} KB)`);
            onChange({ kind: 'csv', csv, fileName: file.name });
          });
        }}
      />
      {fileNote && <span className="muted">{fileNote}</span>}
    </div>
  );
}
