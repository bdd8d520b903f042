import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Lints one-line probe files with the repository's own eslint.config.js, as if they sat in
 * each layer, and expects the boundary rules to refuse what crosses a layer and to accept
 * what stays inside. Type information is switched off for the probes (they are not on disk,
 * so no tsconfig includes them); the boundary rules do not need it.
 */
const root = join(__dirname, '../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parser'}: ${message.message}`);
}

const BOUNDARY = 'boundaries/import-boundaries';
const IPC = 'no-restricted-imports';

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['main/core/probe.ts', "import { app } from 'electron';", BOUNDARY],
    ['main/core/api/probe.ts', "import keytar from 'keytar';", BOUNDARY],
    ['main/core/probe.ts', "import Store from 'electron-store';", BOUNDARY],
    ['main/core/probe.ts', "import { createFileLogger } from '../electron/logger';", BOUNDARY],
    ['main/core/cases/probe.ts', "import { startEmulator } from '../../emulator';", BOUNDARY],
    ['renderer/features/case-list/probe.tsx', "import type { AppCore } from '../../../main/core/app-core';", BOUNDARY],
    ['renderer/probe.ts', "export { SCOPES } from '../main/google-wire/google-types';", BOUNDARY],
    ['renderer/store/probe.ts', "import { readFile } from 'node:fs/promises';", BOUNDARY],
    ['renderer/store/probe.ts', "import path from 'path';", BOUNDARY],
    ['renderer/ui/probe.ts', "import { ipcRenderer } from 'electron';", BOUNDARY],
    ['renderer/ui/probe.ts', "import { x } from '../../test/renderer/fake-bridge';", BOUNDARY],
    ['shared/model/probe.ts', "import type { Clock } from '../../main/core/ports';", BOUNDARY],
    ['shared/ipc/probe.ts', "import type { AppStores } from '../../renderer/store/app-stores';", BOUNDARY],
    ['shared/probe.ts', "import { createHash } from 'node:crypto';", BOUNDARY],
    ['main/emulator/probe.ts', "import { AppError } from '../core/api/rpc-error-mapper';", BOUNDARY],
    ['main/emulator/routes/probe.ts', "export type { ApiClients } from '../../core/api/api-client';", BOUNDARY],
    ['main/emulator/probe.ts', "const core = await import('../core/app-core');\nexport { core };", BOUNDARY],
    ['main/google-wire/probe.ts', "import type { Clock } from '../core/ports';", BOUNDARY],
    ['main/electron/probe.ts', "import { ipcMain } from 'electron';", IPC],
    ['main/electron/probe.ts', "import type { IpcRenderer } from 'electron';", IPC],
    ['main/core/probe.ts', "import type { IpcMain } from 'electron';", IPC],
    ['main/core/cases/probe.ts', "import Database from 'better-sqlite3';\nexport { Database };", BOUNDARY],
    ['renderer/store/probe.ts', "import Database from 'better-sqlite3';\nexport { Database };", BOUNDARY],
  ])('%s: %s is refused', async (file, code, rule) => {
    expect((await problems(file, code)).filter((problem) => problem.startsWith(`${rule}:`))).toHaveLength(1);
  });

  it.each([
    [
      'main/core/probe.ts',
      "import { readFile } from 'node:fs/promises';\nimport { SCOPES } from '../google-wire/google-types';\nimport { AppError } from '../../shared/app-error';\nexport { readFile, SCOPES, AppError };",
    ],
    ['main/emulator/probe.ts', "import { SCOPES } from '../google-wire/google-types';\nexport { SCOPES };"],
    ['main/core/storage/probe.ts', "import Database from 'better-sqlite3';\nexport { Database };"],
    [
      'renderer/ui/probe.ts',
      "import type { CaseSummary } from '../../shared/model/case';\nimport { create } from 'zustand';\nexport type { CaseSummary };\nexport { create };",
    ],
    [
      'main/electron/probe.ts',
      "import { app } from 'electron';\nimport type { Clock } from '../core/ports';\nexport type { Clock };\nexport { app };",
    ],
    ['main/electron/ipc-bridge.ts', "import type { IpcMain } from 'electron';\nexport type { IpcMain };"],
    ['main/preload.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

/**
 * The type-aware rules, on a probe at the repository root: no tsconfig includes that path,
 * so it is given the test tsconfig as its default project (lintText needs no file on disk).
 */
const typed = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['lint-probe.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['lint-probe.ts'], defaultProject: 'tsconfig.test.json' },
      },
    },
  },
});

async function typedProblems(code: string): Promise<string[]> {
  const [result] = await typed.lintText(`${code}\n`, { filePath: join(root, 'lint-probe.ts') });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `parser: ${message.message}`);
}

describe('type-aware rules (eslint.config.js)', () => {
  const work = 'async function work(): Promise<number> {\n  return 1;\n}\n';

  it.each([
    ['@typescript-eslint/no-floating-promises', `${work}work();`],
    [
      '@typescript-eslint/no-misused-promises',
      `${work}export const run: () => void = async () => {\n  await work();\n};`,
    ],
    [
      '@typescript-eslint/switch-exhaustiveness-check',
      "export function label(shape: 'a' | 'b'): string {\n  switch (shape) {\n    case 'a':\n      return 'A';\n  }\n  return '';\n}",
    ],
    [
      '@typescript-eslint/consistent-type-imports',
      "import { AppError } from './shared/app-error';\nexport const none: AppError | null = null;",
    ],
  ])('%s bites', async (rule, code) => {
    expect(await typedProblems(code)).toEqual([rule]);
  });

  it('accepts the same code written as the rules want it', async () => {
    expect(
      await typedProblems(
        `${work}void work();\nexport const run: () => void = () => {\n  void work();\n};\nimport type { AppError } from './shared/app-error';\nexport const none: AppError | null = null;`,
      ),
    ).toEqual([]);
  });
});
