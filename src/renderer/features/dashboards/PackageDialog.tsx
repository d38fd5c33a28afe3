import { useState } from 'react';
import type { Filters } from '../../../shared/dashboards/filters';
import { ModalForm } from '../../components/ModalForm';

export interface PackageChoice {
  filters: Filters;
  content: 'rows' | 'aggregates';
  note: string;
}

function clamp(date: string, bounds: { min?: string; max?: string }): string {
  if (bounds.min && date < bounds.min) return bounds.min;
  if (bounds.max && date > bounds.max) return bounds.max;
  return date;
}

/** Asks what a bundle carries: its date range, row-level data or aggregates only, and a note for the reader. */
export function PackageDialog({
  filters,
  bounds,
  onCancel,
  onPackage,
}: {
  filters: Filters;
  bounds: { min?: string; max?: string };
  onCancel(): void;
  onPackage(choice: PackageChoice): void;
}) {
  // A preset range can start before the first event; the snapshot starts where the data does.
  const [dateFrom, setDateFrom] = useState(clamp(filters.dateFrom, bounds));
  const [dateTo, setDateTo] = useState(clamp(filters.dateTo, bounds));
  const [content, setContent] = useState<PackageChoice['content']>('rows');
  const [note, setNote] = useState('');
  const backwards = dateFrom > dateTo;
  return (
    <ModalForm
      label="Package dashboard"
      testId="package-dialog"
      className="package-dialog"
      onSubmit={() => {
        if (!backwards) onPackage({ filters: { ...filters, dateFrom, dateTo }, content, note });
      }}
      onCancel={onCancel}
    >
      <h2>Package dashboard</h2>
      <p className="muted">One file that opens offline, read-only, with a snapshot of the data.</p>
      <div className="package-dates">
        <label className="field">
          <span>From</span>
          <input type="date" {...bounds} value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} data-testid="package-from" />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" {...bounds} value={dateTo} onChange={(e) => setDateTo(e.target.value)} data-testid="package-to" />
        </label>
      </div>
      {backwards && (
        <div className="error-box" role="alert">
          The start date is after the end date.
        </div>
      )}
      <fieldset className="package-content">
        <legend>Data</legend>
        <label>
          <input
            type="radio"
            name="content"
            checked={content === 'rows'}
            onChange={() => setContent('rows')}
            data-testid="package-content-rows"
          />{' '}
          Row-level data: filters and drill-down keep working (larger)
        </label>
        <label>
          <input
            type="radio"
            name="content"
            checked={content === 'aggregates'}
            onChange={() => setContent('aggregates')}
            data-testid="package-content-aggregates"
          />{' '}
          Aggregates only: the numbers on screen, no transactions (smaller; filters fixed as now)
        </label>
      </fieldset>
      <label className="field">
        <span>Note for the reader (optional)</span>
        <textarea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="package-note" />
      </label>
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={backwards} data-testid="package-confirm">
          Package
        </button>
      </div>
    </ModalForm>
  );
}
