import type { CatalogRelation } from '../../shared/api';
import type { VerifiedQuestion } from '../../shared/api/domains/ask';
import type { ChatMessage } from '../llm/llm-client';
import { NUMERIC_COLUMNS } from './measures';
import { semanticLayer, type SemanticLayer } from './semantic-layer';

export interface PromptInput {
  question: string;
  relations: CatalogRelation[];
  verified: VerifiedQuestion[];
  /** The previous turn, so "and for Mastercard?" has something to edit. */
  previous?: { question: string; sql: string };
  layer?: SemanticLayer;
  /** 'databricks' when the query will run on a warehouse (after a mechanical translation). */
  dialect?: 'duckdb' | 'databricks';
}

const MAX_VERIFIED_EXAMPLES = 8;

/**
 * The whole prompt LLM mode sends: rules, schema with column meanings, the semantic layer's
 * measures, verified examples as prior turns, then the question. Settings show it verbatim.
 */
export function buildPrompt(input: PromptInput): ChatMessage[] {
  const layer = input.layer ?? semanticLayer;
  const schema = input.relations
    .filter((r) => r.schema === 'main' && (r.name === layer.table || r.name.startsWith('v_')))
    .map((r) => {
      const cols = r.columns.map((c) => {
        const meaning = r.name === layer.table ? layer.columnMeanings[c.name] : undefined;
        return `  ${c.name} ${c.type}${meaning ? ` -- ${meaning}` : ''}`;
      });
      return `${r.kind === 'view' ? 'VIEW' : 'TABLE'} ${r.name} (\n${cols.join(',\n')}\n)`;
    })
    .join('\n\n');
  const databricks = input.dialect === 'databricks';
  const measureSql = (m: SemanticLayer['measures'][number]) => (databricks ? (m.databricksSql ?? m.sql) : m.sql);
  const measures = layer.measures
    .map((m) => `- ${m.label}: ${measureSql(m).replace('{where}', m.filter ? ` FILTER (WHERE ${m.filter})` : '')}`)
    .join('\n');
  const system = [
    'You translate questions about payment-approval data into one DuckDB SQL query.',
    ...(databricks
      ? [
          'The query runs on a Databricks SQL warehouse: write SQL that DuckDB and Databricks SQL both accept (double-quoted identifiers are fine, they are translated).',
          'Use only functions both have, e.g. percentile_cont(p) WITHIN GROUP (ORDER BY x), max_by, count(*) FILTER (WHERE …); never quantile_cont, arg_max, strftime or list_* functions.',
        ]
      : []),
    'Rules:',
    '- Reply with exactly one read-only SELECT (or WITH … SELECT) statement in a ```sql code block, and nothing else.',
    '- Use only the tables and views listed below. Never read files or URLs, never write, attach, install, set or copy anything.',
    '- If the question cannot be answered from this data, reply with the single word UNANSWERABLE and one sentence saying why.',
    ...layer.conventions.map((c) => `- ${c}`),
    '',
    'Schema:',
    schema || `TABLE ${layer.table} (no columns found: the database may be empty)`,
    '',
    'Standard measures:',
    measures,
    '',
    'Measures also compose, as the offline engine does:',
    `- average, min, max, sum, median and percentiles (p50–p99) of a numeric column: ${NUMERIC_COLUMNS.map((c) => c.column).join(', ')}; percentile p of x is ${databricks ? 'percentile_cont(p) WITHIN GROUP (ORDER BY x)' : 'quantile_cont(x, p)'};`,
    '- distinct counts: count(DISTINCT merchant_id) for merchants; the share of rows meeting a condition: round(100*avg((condition)::INT),2);',
    '- share of the total across groups: round(100*count(*)/sum(count(*)) OVER (),2) or round(100*sum(amount)/sum(sum(amount)) OVER (),2);',
    '- a ranking of merchants by a rate keeps merchants with at least 100 transactions (HAVING count(*) >= 100) unless the question gives its own floor;',
    '- "this week vs last week" compares event_date >= today - 6 with the 7 days before; "today vs yesterday" the two dates.',
  ].join('\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  for (const v of input.verified.slice(0, MAX_VERIFIED_EXAMPLES)) {
    messages.push({ role: 'user', content: v.question }, { role: 'assistant', content: '```sql\n' + v.sql + '\n```' });
  }
  if (input.previous) {
    messages.push(
      { role: 'user', content: input.previous.question },
      { role: 'assistant', content: '```sql\n' + input.previous.sql + '\n```' },
    );
  }
  messages.push({ role: 'user', content: input.question });
  return messages;
}

/** The repair turn: the failed SQL and the database's error, asking for a corrected query. */
export function repairMessages(messages: ChatMessage[], badSql: string, error: string): ChatMessage[] {
  return [
    ...messages,
    { role: 'assistant', content: '```sql\n' + badSql + '\n```' },
    {
      role: 'user',
      content: `That query failed with this error:\n${error}\nReply with a corrected query in a \`\`\`sql code block, and nothing else.`,
    },
  ];
}

/** Pulls the SQL out of a model reply: a ```sql block, any ``` block, or a bare SELECT/WITH. */
export function extractSql(reply: string): string | undefined {
  const fenced = /```(?:sql|duckdb)?\s*\n?([\s\S]*?)```/i.exec(reply);
  if (fenced?.[1]?.trim()) return fenced[1].trim();
  const bare = /^\s*((?:SELECT|WITH|FROM)\b[\s\S]*)$/i.exec(reply);
  return bare?.[1]?.trim();
}
