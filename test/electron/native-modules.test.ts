import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteBindingFor } from '../../main/electron/native-modules';

describe('sqliteBindingFor', () => {
  const dirs: string[] = [];
  const mainDir = (content?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-native-'));
    dirs.push(dir);
    if (content !== undefined) writeFileSync(join(dir, 'native-modules.json'), content);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the Electron build npm start recorded', () => {
    const binding = join(tmpdir(), 'x', 'better_sqlite3.node');
    expect(sqliteBindingFor(mainDir(JSON.stringify({ betterSqlite3: binding })), false)).toBe(binding);
  });

  it('lets a packaged app load the module electron-builder rebuilt', () => {
    expect(sqliteBindingFor(mainDir(JSON.stringify({ betterSqlite3: '/x.node' })), true)).toBeUndefined();
  });

  it('falls back to node_modules without a record or with a damaged one', () => {
    expect(sqliteBindingFor(mainDir(), false)).toBeUndefined();
    expect(sqliteBindingFor(mainDir(JSON.stringify({ other: 1 })), false)).toBeUndefined();
    expect(sqliteBindingFor(mainDir('{"betterSqlite3": '), false)).toBeUndefined();
  });
});
