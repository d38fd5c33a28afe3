import type { ExplainOutput, PlanNode } from '../../../../shared/api';

function Node({ node, total }: { node: PlanNode; total: number | null }) {
  const share = total && node.timingMs !== null ? Math.min(100, (100 * node.timingMs) / total) : null;
  const details = Object.entries(node.details).filter(([k]) => k !== 'Estimated Cardinality');
  return (
    <li className="plan-node" data-testid="plan-node">
      <div className="plan-line">
        <span className="plan-name">{node.name}</span>
        {node.timingMs !== null && (
          <span className="plan-time">{node.timingMs < 1 ? node.timingMs.toFixed(2) : node.timingMs.toFixed(1)} ms</span>
        )}
        {node.rows !== null && <span className="muted">{node.rows.toLocaleString()} rows</span>}
        {node.details['Estimated Cardinality'] && (
          <span className="muted">~{Number(node.details['Estimated Cardinality']).toLocaleString()} est.</span>
        )}
        {share !== null && (
          <span className="plan-bar" title={`${share.toFixed(1)}% of the query time`}>
            <span style={{ width: `${share}%` }} />
          </span>
        )}
      </div>
      {details.length > 0 && (
        <div className="plan-details">
          {details.map(([k, v]) => (
            <div key={k}>
              <span className="muted">{k}:</span> {v}
            </div>
          ))}
        </div>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c, i) => (
            <Node key={i} node={c} total={total} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** EXPLAIN / EXPLAIN ANALYZE as an indented operator tree, with time bars when analysed. */
export function PlanTree({ plan }: { plan: ExplainOutput }) {
  return (
    <div className="plan-tree" data-testid="plan-tree">
      <div className="muted">
        {plan.analyzed ? `EXPLAIN ANALYZE · total ${plan.totalMs?.toFixed(1) ?? '?'} ms` : 'EXPLAIN (estimated plan; nothing was run)'}
      </div>
      <ul>
        <Node node={plan.plan} total={plan.totalMs} />
      </ul>
    </div>
  );
}
