import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../main/core/cases/cache-file';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { EMPTY_CASE_FILTERS, type CaseQueryResult } from '../../shared/model/case-query';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const page = (domain: string) => ({
  domain,
  filters: EMPTY_CASE_FILTERS,
  sort: { key: 'title', direction: 'asc' } as const,
  offset: 10,
  limit: 25,
});

describe('restarting Partner Desk', () => {
  let emulator: RunningEmulator;
  let first: CoreHarness;
  const before = new Map<string, CaseQueryResult>();
  let threadCase = '';

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    first = await startCoreHarness({ emulator });
    const { core } = first;
    await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      await core.handlers['sync:now']({ domain });
      before.set(domain, await core.handlers['cases:query'](page(domain)));
    }
    // A case with a history, so the restart can show that the thread was kept.
    for (const row of before.get(LUMIERE_DOMAIN)!.rows) {
      const { detail } = await core.handlers['case:get']({ domain: LUMIERE_DOMAIN, name: row.name });
      if (detail && detail.comments.length > 0) {
        threadCase = row.name;
        break;
      }
    }
    expect(threadCase).not.toBe('');
    await core.handlers['accounts:reorder']({ domains: [LUMIERE_DOMAIN, NORTHWIND_DOMAIN] });
    await core.handlers['filters:set']({
      domain: NORTHWIND_DOMAIN,
      filters: { keyword: 'gmail', states: ['ACTION_REQUIRED'], priorities: ['P1', 'P2'] },
    });
    await core.handlers['settings:set']({ language: 'fr', theme: 'dark' });
    await first.dispose();
  });
  afterAll(async () => {
    await removeDataDir(first.dataDir);
    await emulator.close();
  });

  it('shows the tabs, filters, settings and cached cases at once while the server is unreachable', async () => {
    // Every connection to the server drops, sign-in endpoints included.
    emulator.control.faults.add({ route: '*', kind: 'drop-before-commit', times: Infinity });
    const second = await startCoreHarness({ emulator, reuse: first });
    try {
      const { core } = second;
      await core.start();
      const accounts = await core.handlers['accounts:list']({});
      expect(accounts.map((account) => [account.domain, account.email])).toEqual([
        [LUMIERE_DOMAIN, DEMO_USERS.claire],
        [NORTHWIND_DOMAIN, DEMO_USERS.alex],
      ]);
      for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
        expect(await core.handlers['cases:query'](page(domain))).toEqual(before.get(domain));
      }
      const cached = await core.handlers['case:get']({ domain: LUMIERE_DOMAIN, name: threadCase });
      expect(cached.source).toBe('cache');
      expect(cached.detail?.comments.length).toBeGreaterThan(0);
      expect(await core.handlers['filters:get']({ domain: NORTHWIND_DOMAIN })).toEqual({
        keyword: 'gmail',
        states: ['ACTION_REQUIRED'],
        priorities: ['P1', 'P2'],
      });
      expect(await core.handlers['filters:get']({ domain: LUMIERE_DOMAIN })).toEqual(EMPTY_CASE_FILTERS);
      expect(await core.handlers['settings:get']({})).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });

      const offline = await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
      expect(offline).toMatchObject({ state: 'offline', error: { code: 'offline' } });
      expect(offline.lastSyncedAt).toBe(before.get(NORTHWIND_DOMAIN)!.syncedAt);
      expect((await core.handlers['accounts:list']({})).every((account) => account.status === 'signed_in')).toBe(true);
      expect(await core.handlers['cases:query'](page(NORTHWIND_DOMAIN))).toEqual(before.get(NORTHWIND_DOMAIN));

      // The network comes back: the next sync works again.
      emulator.control.faults.clear();
      expect((await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    } finally {
      emulator.control.faults.clear();
      await second.dispose();
    }
  });

  it('deletes a leftover old cache file without losing what the database holds', async () => {
    const legacy = cacheFilePath(first.dataDir, NORTHWIND_DOMAIN);
    await writeFile(legacy, '{"format":1,"domain":"northwind-res');
    await writeFile(`${legacy}.4242.1700000000000.tmp`, 'half a save');
    const third = await startCoreHarness({ emulator, reuse: first });
    try {
      await third.core.start();
      // The first test synced once more since: same rows, a newer syncedAt.
      expect(await third.core.handlers['cases:query'](page(NORTHWIND_DOMAIN))).toMatchObject({
        total: before.get(NORTHWIND_DOMAIN)!.total,
        rows: before.get(NORTHWIND_DOMAIN)!.rows,
      });
      expect((await readdir(first.dataDir)).filter((name) => name.startsWith('cases-'))).toEqual([]);
      expect(third.warnings.some((warning) => warning.includes(NORTHWIND_DOMAIN) && warning.includes('ignored'))).toBe(
        true,
      );
    } finally {
      await third.dispose();
    }
  });

  it('tolerates a corrupt database: that domain starts empty and is told once, the other is intact', async () => {
    const file = databaseFilePath(first.dataDir, NORTHWIND_DOMAIN);
    const bytes = await readFile(file);
    // Damage every page after the header: the file stays a database, but nothing in it can be trusted.
    for (let at = 4096; at < bytes.length; at += 97) bytes[at] = 0xa5;
    await writeFile(file, bytes);
    const fourth = await startCoreHarness({ emulator, reuse: first });
    try {
      emulator.control.faults.add({ route: '*', kind: 'drop-before-commit', times: Infinity });
      await fourth.core.start();
      expect(await fourth.core.handlers['cases:query'](page(NORTHWIND_DOMAIN))).toMatchObject({
        total: 0,
        rows: [],
        syncedAt: null,
      });
      expect(await fourth.core.handlers['cases:query'](page(LUMIERE_DOMAIN))).toEqual(before.get(LUMIERE_DOMAIN));
      const notices = await fourth.core.handlers['notices:list']({});
      expect(notices.filter((notice) => notice.code === 'database_recovered')).toHaveLength(1);
      expect((await readdir(path.dirname(file))).some((name) => name.includes('.corrupt-'))).toBe(true);
    } finally {
      emulator.control.faults.clear();
      await fourth.dispose();
    }
  });
});
