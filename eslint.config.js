import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importBoundaryConfigs } from './eslint-rules/import-boundaries.js';

/** The only files that touch Electron's IPC objects: the two bridges, and the entry points handing them over. */
const IPC_FILES = [
  'main/electron/ipc-bridge.ts',
  'main/electron/preload-bridge.ts',
  'main/index.ts',
  'main/preload.ts',
];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'test-output/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: each file is checked with the tsconfig that includes it.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...importBoundaryConfigs,
  {
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    ignores: IPC_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer', 'IpcMain', 'IpcRenderer'],
              message: 'Only main/electron/ipc-bridge.ts and main/electron/preload-bridge.ts talk to Electron IPC.',
            },
          ],
        },
      ],
    },
  },
);
