import silverSchema from '../pipeline/schema/payments_enriched_silver.sql?raw';
import { CATEGORIES, type CategoryType } from '../simulator/catalog';
import { quoteLiteral } from '../../shared/sql/quote';

/** Silver's category columns that are, in the database at hand, exactly their catalog ENUM type. */
export type EnumColumns = ReadonlyMap<string, CategoryType>;

/**
 * The ENUM type silver's CREATE TABLE gives each category column (`card_network network_t …`),
 * read from the schema file, so a new category column is typed here without a second list.
 */
const SCHEMA_TYPES: ReadonlyMap<string, CategoryType> = new Map(
  [...silverSchema.matchAll(/^\s*([a-z_]+)\s+([a-z_]+_t)\b/gm)]
    .filter((m): m is RegExpExecArray & [string, string, CategoryType] => (m[2] ?? '') in CATEGORIES)
    .map((m) => [m[1], m[2]]),
);

/**
 * Which columns of the table as it is (`[column, data_type]` from duckdb_columns()) hold the
 * catalog's ENUM, label for label. A silver built otherwise (text columns, another label list)
 * keeps text comparisons: the cast would fail or compare something else.
 */
export function enumColumnsOf(described: readonly (readonly [string, string])[]): EnumColumns {
  const out = new Map<string, CategoryType>();
  for (const [column, dataType] of described) {
    const type = SCHEMA_TYPES.get(column);
    if (type && dataType === `ENUM(${CATEGORIES[type].map(quoteLiteral).join(', ')})`) out.set(column, type);
  }
  return out;
}

/**
 * A category filter compared in the column's own type: `card_network = 'Visa'::network_t`, and a list
 * of values by the ENUM's codes: `enum_code(card_network) IN (enum_code('Visa'::network_t), …)`.
 * Compared as text (`card_network = 'Visa'`), DuckDB turns every row's ENUM into a string
 * first, about three times the work. Only when every value is a label of the type (an exact
 * match, as text equality is); a name the type lacks ("Antarctica") keeps the text comparison,
 * which finds no rows instead of failing the cast. Undefined when the column is not an ENUM here.
 */
export function typedValuesFilter(column: string, values: string[], negate: boolean | undefined, enums: EnumColumns): string | undefined {
  const type = enums.get(column);
  if (!type || values.length === 0) return undefined;
  const labels: readonly string[] = CATEGORIES[type];
  if (!values.every((v) => labels.includes(v))) return undefined;
  const typed = values.map((v) => `${quoteLiteral(v)}::${type}`);
  if (typed.length === 1) return `${column} ${negate ? '<>' : '='} ${typed[0]}`;
  // An IN list over an ENUM costs DuckDB as much as a text comparison; over the ENUM's codes (folded
  // to constants) it costs a single equality. NULL stays out either way, as with text.
  return `enum_code(${column}) ${negate ? 'NOT IN' : 'IN'} (${typed.map((t) => `enum_code(${t})`).join(', ')})`;
}
