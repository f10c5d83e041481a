import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layer boundaries from shared/ARCHITECTURE.md, enforced here so a reader can see them:
// - only src-main/shell/ may import electron;
// - core/ does no I/O and depends on nothing outside core/;
// - the renderer reaches main only through window.strongroom and may import nothing but types from contract/.
const NODE_IO_MODULES = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'net', 'node:net',
  'http', 'node:http', 'https', 'node:https', 'dgram', 'node:dgram', 'os', 'node:os', 'process', 'node:process',
  'worker_threads', 'node:worker_threads', 'better-sqlite3', 'usb', 'node-hid', 'electron',
];

// app/ and cli/ reach files only through platform/: what touches a stick or the kiosk's disk stays in one place,
// so no-follow opens, size caps and the no-secret-on-disk rule are enforced where they can be seen.
const FS_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'];

const electronOutsideShell = {
  name: 'electron',
  message: 'Only src-main/shell/ may import electron; everything else must run under plain Node.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // electron-builder loads its afterPack hook with require(), so that one file is CommonJS.
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-main/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{ts,js,mjs}', 'bin/**/*.js'],
    ignores: ['src-main/shell/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOutsideShell] }] },
  },
  {
    files: ['src-main/app/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOutsideShell,
            ...FS_MODULES.map((name) => ({ name, message: 'app/ and cli/ do no file I/O themselves: use a platform/ module (stick-files, kiosk-files).' })),
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_IO_MODULES.map((name) => ({ name, message: 'core/ holds pure rules: no I/O. Inject a port from platform/ instead.' })),
          patterns: [
            {
              group: ['../*', '!../core/*'],
              message: 'core/ depends on nothing outside core/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core/ does no I/O.' }, { name: 'process', message: 'core/ does no I/O; pass values in.' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/contract/*'],
              allowTypeImports: true,
              message: 'The renderer may import only types from the contract; it talks to main through window.strongroom.',
            },
            {
              group: ['**/src-main/*', '!**/src-main/contract', '**/src-main/*/**', '!**/src-main/contract/**'],
              message: 'The renderer may not import main-process code.',
            },
          ],
          paths: [
            { name: 'electron', message: 'The renderer is sandboxed; use window.strongroom.' },
            ...['fs', 'node:fs', 'child_process', 'node:child_process', 'path', 'node:path', 'os', 'node:os'].map((name) => ({
              name,
              message: 'The renderer has no Node APIs.',
            })),
          ],
        },
      ],
    },
  },
);
