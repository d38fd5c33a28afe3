import type { Catalog, CatalogRelation, FunctionInfo } from '../../../../shared/api';

/** A relation ready for completion: lower-cased keys computed once per catalog. */
export interface IndexedRelation {
  relation: CatalogRelation;
  /** A gold view of the medallion pipeline (v_* in main): listed first. */
  gold: boolean;
}

/** The catalog and functions of a target, indexed so a suggestion costs a map lookup. */
export interface CompletionIndex {
  relations: IndexedRelation[];
  /** lower(name) and lower(schema.name) → relations. */
  byName: Map<string, IndexedRelation[]>;
  /** lower(schema) → its relations. */
  bySchema: Map<string, IndexedRelation[]>;
  functions: FunctionInfo[];
  defaultSchema: string;
}

export function buildCompletionIndex(catalog: Catalog | undefined, functions: FunctionInfo[]): CompletionIndex {
  const byName = new Map<string, IndexedRelation[]>();
  const bySchema = new Map<string, IndexedRelation[]>();
  const relations: IndexedRelation[] = [];
  const add = <K>(map: Map<K, IndexedRelation[]>, key: K, value: IndexedRelation) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const relation of catalog?.relations ?? []) {
    const entry: IndexedRelation = { relation, gold: relation.kind === 'view' && relation.name.startsWith('v_') };
    relations.push(entry);
    add(byName, relation.name.toLowerCase(), entry);
    add(byName, `${relation.schema}.${relation.name}`.toLowerCase(), entry);
    add(bySchema, relation.schema.toLowerCase(), entry);
  }
  return { relations, byName, bySchema, functions, defaultSchema: 'main' };
}

/** The relation a written name (1–3 parts) refers to, preferring the default schema. */
export function resolveRelation(index: CompletionIndex, parts: string[]): IndexedRelation | undefined {
  const key = parts.slice(-2).join('.').toLowerCase();
  const found = index.byName.get(key);
  if (!found?.length) return undefined;
  return found.find((r) => r.relation.schema === index.defaultSchema) ?? found[0];
}
