import { useConnectionsStore } from './connections-store';
import { useShallow } from 'zustand/react/shallow';
import { visibleRows } from './tree-model';

const ICONS: Record<string, string> = { catalog: '▣', schema: '▤', table: '▦', view: '◫', column: '·' };

/** Catalogs → schemas → tables/views → columns, each level loaded when opened; the search filters what is loaded. */
export function CatalogTree() {
  const { children, expanded, loading, search, setSearch, toggle, treeError, choosePullSource, pullSource } = useConnectionsStore(
    useShallow((s) => ({
      children: s.children,
      expanded: s.expanded,
      loading: s.loading,
      search: s.search,
      setSearch: s.setSearch,
      toggle: s.toggle,
      treeError: s.treeError,
      choosePullSource: s.choosePullSource,
      pullSource: s.pullSource,
    })),
  );
  const rows = visibleRows(children, expanded, search);
  return (
    <div className="conn-tree" data-testid="conn-tree">
      <input
        type="search"
        placeholder="Search loaded catalogs, tables, columns…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        aria-label="Search the catalog"
        data-testid="conn-tree-search"
      />
      {treeError && (
        <div className="error-box" role="alert" data-testid="conn-tree-error">
          {treeError}
        </div>
      )}
      {loading[''] && <div className="muted">Loading catalogs…</div>}
      <ul role="tree">
        {rows.map(({ node, depth }) => {
          const leaf = node.item.kind === 'column';
          const relation = node.item.kind === 'table' || node.item.kind === 'view';
          const selected = relation && pullSource && [pullSource.catalog, pullSource.schema, pullSource.table].join('/') === node.key;
          return (
            <li
              key={node.key}
              role="treeitem"
              aria-expanded={leaf ? undefined : Boolean(expanded[node.key])}
              className={selected ? 'selected' : undefined}
              style={{ paddingLeft: 8 + depth * 16 }}
              data-testid={`conn-node-${node.key}`}
            >
              <button
                type="button"
                className="conn-node"
                onClick={() => {
                  if (!leaf) void toggle(node.path);
                  if (relation) choosePullSource(node.path);
                }}
              >
                <span className="conn-twisty">{leaf ? '' : expanded[node.key] ? '▾' : '▸'}</span>
                <span className="conn-icon">{ICONS[node.item.kind]}</span>
                {node.item.name}
                {node.item.type && node.item.kind === 'column' && <span className="muted conn-type"> {node.item.type}</span>}
                {loading[node.key] && <span className="muted"> …</span>}
              </button>
              {node.item.comment && <span className="muted conn-comment">{node.item.comment}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
