import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFilePath, quarantinePath } from '../../main/core/storage/database-file';
import { silentLogger, systemClock, type Clock } from '../../main/core/ports';
import { SettingsFileStore, writeFileAtomic } from '../../main/core/settings/settings-file-store';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const page = (domain: string) => ({
  domain,
  filters: EMPTY_CASE_FILTERS,
  sort: { key: 'title', direction: 'asc' } as const,
  offset: 0,
  limit: 5,
});

describe('restoring the remembered domains, each on its own', () => {
  let emulator: RunningEmulator;
  let first: CoreHarness;
  let northwindRows: string[] = [];
  let storedAccounts: unknown[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    first = await startCoreHarness({ emulator });
    const { core } = first;
    await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    northwindRows = (await core.handlers['cases:query'](page(NORTHWIND_DOMAIN))).rows.map((row) => row.name);
    expect(northwindRows.length).toBeGreaterThan(0);
    await first.dispose();
    storedAccounts = first.store.get<unknown[]>('accounts') ?? [];
    expect(storedAccounts).toHaveLength(2);
  });
  afterAll(async () => {
    await removeDataDir(first.dataDir);
    await emulator.close();
  });

  it('skips bad entries first in the list and a domain whose database cannot open; the others come up', async () => {
    const bad = [
      { domain: '../../x', email: 'x@x', displayName: 'x' },
      { domain: 'NORTHWIND-RESELLER.EXAMPLE', email: DEMO_USERS.alex, displayName: 'Alex' },
    ];
    first.store.set('accounts', [...bad, ...storedAccounts]);

    // Lumière's database: a folder SQLite cannot open, whose move aside fails too (the place is taken).
    const now = Date.parse('2026-11-29T12:00:00Z');
    const file = databaseFilePath(first.dataDir, LUMIERE_DOMAIN);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    mkdirSync(file);
    mkdirSync(quarantinePath(file, now), { recursive: true });
    writeFileSync(`${quarantinePath(file, now)}/taken`, '');
    const clock: Clock = { now: () => now, setTimeout: systemClock.setTimeout };

    const second = await startCoreHarness({ emulator, reuse: first, clock });
    try {
      const { core } = second;
      await core.start();
      expect((await core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([NORTHWIND_DOMAIN]);
      const query = await core.handlers['cases:query'](page(NORTHWIND_DOMAIN));
      expect(query.rows.map((row) => row.name)).toEqual(northwindRows);
      await expect(core.handlers['cases:query'](page(LUMIERE_DOMAIN))).rejects.toThrow();

      const notices = await core.handlers['notices:list']({});
      expect(notices.map((notice) => [notice.code, notice.facts.entry])).toEqual([
        ['account_skipped', '../../x'],
        ['account_skipped', 'NORTHWIND-RESELLER.EXAMPLE'],
        ['account_skipped', LUMIERE_DOMAIN],
      ]);
      expect(second.warnings.some((line) => line.includes('../../x'))).toBe(true);
      expect(second.warnings.some((line) => line.includes(`Could not restore ${LUMIERE_DOMAIN}`))).toBe(true);

      // Nothing is deleted: the bad entries wait for a hand fix, Lumière for the next start.
      await core.handlers['accounts:reorder']({ domains: [NORTHWIND_DOMAIN] });
      expect(first.store.get('accounts')).toEqual([...storedAccounts, ...bad]);
    } finally {
      await second.dispose();
    }

    rmSync(file, { recursive: true });
    const third = await startCoreHarness({ emulator, reuse: first });
    try {
      await third.core.start();
      expect((await third.core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([
        NORTHWIND_DOMAIN,
        LUMIERE_DOMAIN,
      ]);
      expect((await third.core.handlers['notices:list']({})).map((notice) => notice.facts.entry)).toEqual([
        '../../x',
        'NORTHWIND-RESELLER.EXAMPLE',
      ]);
    } finally {
      await third.dispose();
    }
  });
});

describe('the settings file damaged under a running core', () => {
  let emulator: RunningEmulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    dir = mkdtempSync(join(tmpdir(), 'pd-settings-core-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  });

  it('keeps answering settings, accounts and filters, tells once, and the next start has every account', async () => {
    const file = join(dir, 'partner-desk.json');
    const openSettings = () =>
      new SettingsFileStore({
        path: file,
        write: (values) => writeFileAtomic(file, JSON.stringify(values)),
        log: silentLogger,
      });
    const first = await startCoreHarness({ emulator, settings: openSettings() });
    const { core } = first;
    try {
      await core.start();
      await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
      await core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
      const filters = { keyword: 'drive', states: ['NEW' as const], priorities: [] };
      await core.handlers['filters:set']({ domain: LUMIERE_DOMAIN, filters });
      await core.handlers['settings:set']({ language: 'fr' });

      for (const damaged of ['', '{"accounts": [', 'null', '{"accounts": 3}']) {
        writeFileSync(file, damaged);
        expect(await core.handlers['settings:get']({})).toEqual({
          ...DEFAULT_SETTINGS,
          language: 'fr',
          theme: 'system',
        });
        expect((await core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([
          NORTHWIND_DOMAIN,
          LUMIERE_DOMAIN,
        ]);
        expect(await core.handlers['filters:get']({ domain: LUMIERE_DOMAIN })).toEqual(filters);
      }
      writeFileSync(file, 'garbage');
      expect(await core.handlers['settings:set']({ theme: 'dark' })).toEqual({
        ...DEFAULT_SETTINGS,
        language: 'fr',
        theme: 'dark',
      });
      const notices = await core.handlers['notices:list']({});
      expect(notices.map((notice) => [notice.code, notice.facts.source])).toEqual([
        ['settings_recovered', 'last_good'],
      ]);

      // Damaged again after the notice was dismissed: told again.
      await core.handlers['notice:dismiss']({ id: notices[0]!.id });
      writeFileSync(file, '[');
      expect(await core.handlers['settings:get']({})).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });
      expect((await core.handlers['notices:list']({})).map((notice) => notice.code)).toEqual(['settings_recovered']);
    } finally {
      await first.dispose();
    }

    // Damaged while nothing read it, then a restart: every account comes back from the last-good copy.
    writeFileSync(file, '{"acc');
    const second = await startCoreHarness({ emulator, reuse: first, settings: openSettings() });
    try {
      await second.core.start();
      expect((await second.core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([
        NORTHWIND_DOMAIN,
        LUMIERE_DOMAIN,
      ]);
      expect(await second.core.handlers['settings:get']({})).toEqual({
        ...DEFAULT_SETTINGS,
        language: 'fr',
        theme: 'dark',
      });
      const notices = await second.core.handlers['notices:list']({});
      expect(notices.map((notice) => [notice.code, notice.facts.source])).toEqual([
        ['settings_recovered', 'last_good'],
      ]);
    } finally {
      await second.dispose();
      await removeDataDir(first.dataDir);
    }
  });
});
