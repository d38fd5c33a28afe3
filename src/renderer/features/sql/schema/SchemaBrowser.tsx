import { useMemo, useState } from 'react';
import type { Catalog, CatalogRelation } from '../../../../shared/api';
import { identifierInsert } from '../completion/suggest';
import { ColumnProfilePanel, type ProfileRef } from './ColumnProfilePanel';
import './schema-browser.css';

interface Props {
  target: string;
  /** The target's live catalog (the page reads it once, for this panel and for autocomplete). */
  catalog?: Catalog;
  /** Why the catalog could not be read. */
  error?: string;
  /** Whether the target can profile columns (the local database); a warehouse only lists. */
  canProfile: boolean;
  /** Double-click: the name goes into the editor at the cursor. */
  onInsert(text: string): void;
}

const relationName = (r: CatalogRelation) =>
  r.schema === 'main' ? identifierInsert(r.name) : `${identifierInsert(r.schema)}.${identifierInsert(r.name)}`;

/** A type short enough for the side panel: ENUM('Retail', …) shows as ENUM (the full type is its tooltip). */
const shortType = (type: string) => type.replace(/^(ENUM|STRUCT|MAP|UNION)\(.*$/s, '$1');

/** A side panel of the target's tables and views, their columns with types and row counts, and a column profile. */
export function SchemaBrowser({ target, catalog, error, canProfile, onInsert }: Props) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [profile, setProfile] = useState<ProfileRef | undefined>();
  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = (catalog?.relations ?? []).filter(
      (r) => !needle || r.name.toLowerCase().includes(needle) || r.columns.some((c) => c.name.toLowerCase().includes(needle)),
    );
    const byName = (a: CatalogRelation, b: CatalogRelation) => a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name);
    return [
      { kind: 'table', label: 'Tables', relations: shown.filter((r) => r.kind === 'table').sort(byName) },
      { kind: 'view', label: 'Views', relations: shown.filter((r) => r.kind === 'view').sort(byName) },
    ];
  }, [catalog, filter]);
  const toggle = (key: string) => {
    const next = new Set(open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };

  return (
    <aside className="schema-browser" data-testid="schema-browser" aria-label="Schema browser">
      <input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder="Filter tables and columns"
        aria-label="Filter tables and columns"
        data-testid="schema-filter"
      />
      {error && <div className="error-box">{error}</div>}
      {!catalog && !error && <div className="muted">Reading the schema…</div>}
      <div className="schema-tree">
        {catalog &&
          groups.map((g) => (
            <section key={g.kind} className="schema-group" data-testid={`schema-group-${g.kind}`}>
              <h3>
                {g.label} <span className="muted">{g.relations.length}</span>
              </h3>
              {g.relations.length === 0 && <div className="muted small">None{filter ? ' match' : ''}.</div>}
              <ul>
                {g.relations.map((r) => {
                  const key = `${r.schema}.${r.name}`;
                  const expanded = open.has(key) || (filter.length > 0 && g.relations.length <= 3);
                  return (
                    <li key={key} data-testid="schema-relation" data-name={r.name}>
                      <button
                        className="schema-relation"
                        aria-expanded={expanded}
                        onClick={() => toggle(key)}
                        onDoubleClick={() => onInsert(relationName(r))}
                        title={`${key} (double-click to insert)`}
                      >
                        <span className="caret" aria-hidden="true">
                          {expanded ? '▾' : '▸'}
                        </span>
                        <span className="schema-name">{r.schema === 'main' ? r.name : key}</span>
                        <span className="muted small schema-count" data-testid="schema-row-count">
                          {r.rowCount !== null ? `${r.rowCount.toLocaleString('en-US')} rows` : r.kind}
                        </span>
                      </button>
                      {expanded && (
                        <ul className="schema-columns">
                          {r.columns.map((c) => (
                            <li key={c.name}>
                              <button
                                className="schema-column"
                                data-testid="schema-column"
                                data-name={c.name}
                                aria-pressed={profile?.relation === r.name && profile.schema === r.schema && profile.column === c.name}
                                onClick={() => canProfile && setProfile({ target, schema: r.schema, relation: r.name, column: c.name })}
                                onDoubleClick={() => onInsert(identifierInsert(c.name))}
                                title={canProfile ? 'Click to profile, double-click to insert' : 'Double-click to insert'}
                              >
                                <span className="schema-name">{c.name}</span>
                                <span className="schema-type" title={c.type}>
                                  {shortType(c.type)}
                                </span>
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        {!canProfile && catalog && (
          <div className="muted small">Column profiles run on the local database; this target lists its tables only.</div>
        )}
      </div>
      {profile && profile.target === target && <ColumnProfilePanel at={profile} onClose={() => setProfile(undefined)} />}
    </aside>
  );
}
