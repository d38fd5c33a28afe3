// A small JSON Schema checker for hand-written schema excerpts: type, enum, required, properties,
// additionalProperties (false or a schema), items and local $ref. Returns every violation with its path.
export interface SchemaNode {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number';
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  $defs?: Record<string, SchemaNode>;
}

function typeOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/** Violations of `schema` by `value`, as "path: problem" lines (empty when it conforms). */
export function checkSchema(value: unknown, schema: SchemaNode, root: SchemaNode = schema, path = '$'): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//u, '');
    const target = root.$defs?.[name];
    if (!target) return [`${path}: unknown $ref ${schema.$ref}`];
    return checkSchema(value, target, root, path);
  }
  if (schema.type && typeOf(value) !== schema.type) return [`${path}: expected ${schema.type}, got ${typeOf(value)}`];
  if (schema.enum && !schema.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const out: string[] = [];
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => out.push(...checkSchema(v, schema.items!, root, `${path}[${i}]`)));
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) out.push(`${path}: missing required ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const known = schema.properties?.[key];
      if (known) out.push(...checkSchema(v, known, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}: unknown field ${key}`);
      else if (typeof schema.additionalProperties === 'object')
        out.push(...checkSchema(v, schema.additionalProperties, root, `${path}.${key}`));
    }
  }
  return out;
}
