/**
 * Fills `{{name}}` slots of a .sql template. Slots only ever receive quoted identifiers,
 * validated integers or a statement the user asked to run — never a value from input,
 * which goes through `$name` parameters.
 */
export function fillTemplate(template: string, slots: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`The SQL template has no value for {{${name}}}.`);
    return String(value);
  });
}

/** The user's statement as a FROM source: parenthesised, trailing semicolons removed. */
export function asSource(sql: string): string {
  return `(\n${sql.replace(/[\s;]+$/u, '')}\n) AS sqlwb_source`;
}
