import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../main/core/cases/cache-file';
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
      expect(await core.handlers['settings:get']({})).toEqual({ language: 'fr', theme: 'dark' });

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

  it('tolerates a corrupt cache file: that domain starts empty, the rest is intact', async () => {
    await writeFile(cacheFilePath(first.dataDir, NORTHWIND_DOMAIN), '{"format":1,"domain":"northwind-res');
    const third = await startCoreHarness({ emulator, reuse: first });
    try {
      await third.core.start();
      const northwind = await third.core.handlers['cases:query'](page(NORTHWIND_DOMAIN));
      expect(northwind).toMatchObject({ total: 0, rows: [], syncedAt: null });
      expect(await third.core.handlers['cases:query'](page(LUMIERE_DOMAIN))).toEqual(before.get(LUMIERE_DOMAIN));
      expect(third.warnings.some((warning) => warning.includes(NORTHWIND_DOMAIN) && warning.includes('ignored'))).toBe(
        true,
      );
    } finally {
      await third.dispose();
    }
  });
});
