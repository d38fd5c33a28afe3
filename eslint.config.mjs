// Lint: TypeScript rules plus the layering and Electron-security rules of ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream'];
const restrict = (groups, message) => groups.map((group) => ({ group: [group], message }));

// Electron security (SECURITY.md). ESLint keeps only the last `no-restricted-syntax` that matches a
// file, so every file gets ONE list: all bans, minus the one its module exists to do.
const webPreferenceBans = [
  { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration must stay false.' },
  { selector: "Property[key.name='nodeIntegrationInWorker'][value.value=true]", message: 'nodeIntegrationInWorker must stay false.' },
  { selector: "Property[key.name='nodeIntegrationInSubFrames'][value.value=true]", message: 'nodeIntegrationInSubFrames must stay false.' },
  { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'contextIsolation must stay true.' },
  { selector: "Property[key.name='sandbox'][value.value=false]", message: 'sandbox must stay true.' },
  { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity must stay on.' },
  { selector: "Property[key.name='allowRunningInsecureContent'][value.value=true]", message: 'No insecure content.' },
  { selector: "Property[key.name='experimentalFeatures'][value.value=true]", message: 'No experimental features.' },
  { selector: "Property[key.name='enableBlinkFeatures']", message: 'No Blink feature flags.' },
  { selector: "Property[key.name='webviewTag'][value.value=true]", message: 'No <webview>.' },
  {
    selector: "CallExpression[callee.property.name='exposeInMainWorld'] > Identifier[name='ipcRenderer']",
    message: 'Never expose ipcRenderer itself.',
  },
  {
    selector: "CallExpression[callee.property.name='loadURL'] > Literal[value=/^(https?|file):/]",
    message: 'The app loads only its own app:// content.',
  },
  {
    selector: "CallExpression[callee.property.name='loadURL'] > TemplateLiteral[quasis.0.value.raw=/^(https?|file):/]",
    message: 'The app loads only its own app:// content.',
  },
];
const electronBans = {
  window: [
    { selector: "NewExpression[callee.name='BrowserWindow']", message: 'Only src/main/window.ts creates windows.' },
    { selector: "NewExpression[callee.property.name='BrowserWindow']", message: 'Only src/main/window.ts creates windows.' },
  ],
  openExternal: [{ selector: "MemberExpression[property.name='openExternal']", message: 'Use safeOpenExternal() from external-links.ts.' }],
  ipc: [
    {
      selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|handleOnce|on|once|addListener)$/]",
      message: 'IPC handlers only through the validated transport (ipc-transport.ts).',
    },
  ],
};
const electronExceptions = { window: 'src/main/window.ts', openExternal: 'src/main/external-links.ts', ipc: 'src/main/ipc-transport.ts' };

function electronSecurityBlocks() {
  const bans = (except) => Object.entries(electronBans).flatMap(([name, list]) => (name === except ? [] : list));
  return [
    { files: ['src/main/**', 'src/preload/**'], rules: { 'no-restricted-syntax': ['error', ...webPreferenceBans, ...bans()] } },
    ...Object.entries(electronExceptions).map(([name, file]) => ({
      files: [file],
      rules: { 'no-restricted-syntax': ['error', ...webPreferenceBans, ...bans(name)] },
    })),
  ];
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.ci-out/**', 'test-results/**', 'bench/.data/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
      // Prettier wraps code at 140; only a long string, template or pattern may run past, and never past 160 otherwise.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(['electron', 'react', 'react-dom', ...node], 'src/shared runs everywhere: no runtime-specific imports.'),
            ...restrict(
              ['**/core/**', '**/main/**', '**/renderer/**', '**/server/**', '**/cli/**'],
              'src/shared imports nothing from other layers.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/server/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(
              ['electron', 'electron/*'],
              'Only src/main and src/preload may import electron (importing it triggers its binary download).',
            ),
            ...restrict(['**/renderer/**', '**/main/**'], 'Core, server and CLI never import the renderer or Electron main.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(['electron', ...node], 'The renderer runs sandboxed: no Node or Electron.'),
            ...restrict(['**/core/**', '**/server/**', '**/cli/**', '**/main/**'], 'The renderer reaches core only through api/client.ts.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    ignores: ['src/renderer/api/client.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'medallion', message: 'Use the typed client in src/renderer/api/client.ts.' },
      ],
      // docs/architecture.md, Renderer conventions: a component reads a store through a selector, never the whole store
      // (live events update stores several times a second; a whole-store subscription redraws on each).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name=/^use[A-Z]\\w*Store$/][arguments.length=0]',
          message: 'Select what the component shows: useFooStore((s) => s.x), or useFooStore(useShallow((s) => ({ a: s.a, b: s.b }))).',
        },
      ],
    },
  },
  ...electronSecurityBlocks(),
  {
    files: ['test/**', 'bench/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
