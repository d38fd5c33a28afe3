import type { ExportContext } from './export-context';

/**
 * The header an exported page carries (PDF via print, PNG): hidden on screen, shown when printing
 * and while a PNG is captured. Real text, so a PDF's is selectable and searchable.
 */
export function ExportHeader({ context }: { context: ExportContext }) {
  return (
    <header className="export-header" data-testid="export-header">
      <div className="export-header-title">{context.title}</div>
      <div className="export-header-meta">
        <span data-testid="export-filters">Filters: {context.filters}</span>
        <span data-testid="export-data-time">{context.dataTime}</span>
        <span data-testid="export-source">{context.source}</span>
        <span>{context.generated}</span>
      </div>
    </header>
  );
}
