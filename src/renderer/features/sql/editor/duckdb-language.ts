import type * as Monaco from 'monaco-editor/editor';
import { RESERVED_KEYWORDS, TYPE_NAMES, UNRESERVED_KEYWORDS } from '../../../../shared/sql/duckdb-keywords';

export const DUCKDB_LANGUAGE = 'duckdb-sql';

/** The Monarch grammar for DuckDB SQL; functions are filled in once the target lists them. */
function grammar(functions: string[]): Monaco.languages.IMonarchLanguage {
  return {
    defaultToken: '',
    tokenPostfix: '.sql',
    ignoreCase: true,
    keywords: [...RESERVED_KEYWORDS, ...UNRESERVED_KEYWORDS],
    typeKeywords: [...TYPE_NAMES],
    builtinFunctions: functions,
    operators: [
      '=',
      '>',
      '<',
      '<=',
      '>=',
      '<>',
      '!=',
      '||',
      '::',
      '->',
      '->>',
      '~~',
      '!~~',
      '+',
      '-',
      '*',
      '/',
      '%',
      '//',
      '**',
      '^',
      '&',
      '|',
      '<<',
      '>>',
      '@>',
      '<@',
      '&&',
    ],
    symbols: /[=><!~?:&|+\-*/^%@]+/,
    tokenizer: {
      root: [
        { include: '@comments' },
        { include: '@whitespace' },
        [/\$[A-Za-z_][\w]*\$/, { token: 'string', next: '@dollar.$0' }],
        [/\$\$/, { token: 'string', next: '@dollar.$$' }],
        [/\$[A-Za-z_]\w*|\$\d+/, 'variable'],
        [/[eE]'/, { token: 'string', next: '@estring' }],
        [/'/, { token: 'string', next: '@string' }],
        [/"/, { token: 'identifier.quote', next: '@quoted' }],
        [/\d+(\.\d+)?([eE][-+]?\d+)?|\.\d+/, 'number'],
        [/[A-Za-z_][\w$]*(?=\s*\()/, { cases: { '@builtinFunctions': 'predefined', '@keywords': 'keyword', '@default': 'identifier' } }],
        [
          /[A-Za-z_][\w$]*/,
          { cases: { '@typeKeywords': 'type', '@keywords': 'keyword', '@builtinFunctions': 'predefined', '@default': 'identifier' } },
        ],
        [/[;,.]/, 'delimiter'],
        [/[()[\]{}]/, '@brackets'],
        [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      ],
      whitespace: [[/\s+/, 'white']],
      comments: [
        [/--.*$/, 'comment'],
        [/\/\*/, { token: 'comment.quote', next: '@comment' }],
      ],
      comment: [
        [/[^*/]+/, 'comment'],
        [/\*\//, { token: 'comment.quote', next: '@pop' }],
        [/./, 'comment'],
      ],
      string: [
        [/[^']+/, 'string'],
        [/''/, 'string'],
        [/'/, { token: 'string', next: '@pop' }],
      ],
      estring: [
        [/[^'\\]+/, 'string'],
        [/\\./, 'string.escape'],
        [/''/, 'string'],
        [/'/, { token: 'string', next: '@pop' }],
      ],
      quoted: [
        [/[^"]+/, 'identifier'],
        [/""/, 'identifier'],
        [/"/, { token: 'identifier.quote', next: '@pop' }],
      ],
      dollar: [
        [/\$[A-Za-z_]?\w*\$/, { cases: { '$0==$S2': { token: 'string', next: '@pop' }, '@default': 'string' } }],
        [/[^$]+/, 'string'],
        [/\$/, 'string'],
      ],
    },
  };
}

let registered = false;

/** Registers the DuckDB SQL language (highlighting, brackets, comments) once. */
export function registerDuckdbLanguage(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: DUCKDB_LANGUAGE, aliases: ['DuckDB SQL'] });
  monaco.languages.setLanguageConfiguration(DUCKDB_LANGUAGE, {
    comments: { lineComment: '--', blockComment: ['/*', '*/'] },
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: "'", close: "'", notIn: ['string', 'comment'] },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    wordPattern: /(-?\d*\.\d\w*)|([^`~!@#%^&*()\-=+[{\]}\\|;:'",.<>/?\s]+)/g,
  });
  monaco.languages.setMonarchTokensProvider(DUCKDB_LANGUAGE, grammar([]));
}

/** Re-colours function names once the target's functions are known. */
export function setDuckdbFunctions(monaco: typeof Monaco, functions: string[]): void {
  monaco.languages.setMonarchTokensProvider(DUCKDB_LANGUAGE, grammar(functions));
}
