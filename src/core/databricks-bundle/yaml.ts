/** A YAML writer for the plain configuration trees of a bundle: maps, lists, strings, numbers, booleans. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/** Plain words and ${…} references stay bare; anything else is a JSON string, which YAML reads as a double-quoted scalar. */
function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z_/.$][\w ./${}:*-]*$/u.test(v) && !/^(true|false|null|yes|no|on|off)$/iu.test(v) && !/:\s|\s$/u.test(v)
    ? v
    : JSON.stringify(v);
}

function lines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item !== 'object') return [`${indent}- ${scalar(item)}`];
      const [first, ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first!.trimStart()}`, ...rest];
    });
  }
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      typeof v === 'object' ? [`${indent}${k}:`, ...lines(v, `${indent}  `)] : [`${indent}${k}: ${scalar(v)}`],
    );
  }
  return [`${indent}${scalar(value)}`];
}

/** The YAML text of `value` (a map), with an optional leading comment. */
export function toYaml(value: { [key: string]: YamlValue }, comment?: string): string {
  const head = comment ? comment.split('\n').map((l) => `# ${l}`) : [];
  return [...head, ...lines(value, '')].join('\n') + '\n';
}
