import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESELLER_PRIVILEGES } from '../../main/google-wire/google-types';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

describe('users without a reseller privilege', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('signs them in, and the sync names the missing privilege', async () => {
    const { core } = harness;
    await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.sam });
    await core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.hugo });
    const expectations: [string, string][] = [
      [NORTHWIND_DOMAIN, RESELLER_PRIVILEGES[0]],
      [LUMIERE_DOMAIN, RESELLER_PRIVILEGES[2]],
    ];
    for (const [domain, privilege] of expectations) {
      const status = await core.handlers['sync:now']({ domain });
      expect(status).toMatchObject({
        domain,
        state: 'error',
        error: { code: 'missing_privilege', detail: { privilege } },
      });
      expect(
        (
          await core.handlers['cases:query']({
            domain,
            filters: { keyword: '', states: [], priorities: [] },
            sort: { key: 'updateTime', direction: 'desc' },
            offset: 0,
            limit: 10,
          })
        ).total,
      ).toBe(0);
    }
    // Hugo may read his customers but not their cases: they are listed, announced, and their access stays unknown.
    const hugoCustomers = await core.handlers['customers:list']({ domain: LUMIERE_DOMAIN });
    expect(hugoCustomers.length).toBeGreaterThan(0);
    expect(new Set(hugoCustomers.map((customer) => customer.access))).toEqual(new Set(['unknown']));
    expect(harness.events).toContainEqual({ channel: 'cases:changed', payload: { domain: LUMIERE_DOMAIN } });
    const accounts = await core.handlers['accounts:list']({});
    expect(accounts.map((account) => account.status)).toEqual(['signed_in', 'signed_in']);
    // Each tab learns which privilege its user lacks, and is told at once.
    expect(accounts.map((account) => [account.domain, account.missingPrivilege])).toEqual(expectations);
    const announced = harness.events.filter((event) => event.channel === 'accounts:changed').at(-1)?.payload as {
      accounts: { domain: string; missingPrivilege?: string }[];
    };
    expect(announced.accounts.map((account) => [account.domain, account.missingPrivilege])).toEqual(expectations);
    expect(harness.events).toContainEqual({
      channel: 'sync:status',
      payload: expect.objectContaining({ domain: LUMIERE_DOMAIN, state: 'error' }),
    });
  });
});

describe('app info, settings and tab order events', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'empty', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('reports the app and its backend', async () => {
    expect(await harness.core.handlers['app:info']({})).toEqual({
      version: '0.0.0-test',
      backend: 'demo',
      systemLocale: 'fr-FR',
      platform: 'linux',
    });
  });

  it('announces settings changes to every listener, and unsubscribes', async () => {
    const seen: unknown[] = [];
    const off = harness.core.onEvent((channel, payload) => {
      if (channel === 'settings:changed') seen.push(payload);
    });
    await harness.core.handlers['settings:set']({ theme: 'light' });
    off();
    await harness.core.handlers['settings:set']({ language: 'en' });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, theme: 'light' }]);
    expect(
      harness.events.filter((event) => event.channel === 'settings:changed').map((event) => event.payload),
    ).toEqual([
      { ...DEFAULT_SETTINGS, theme: 'light' },
      { ...DEFAULT_SETTINGS, language: 'en', theme: 'light' },
    ]);
    expect(await harness.core.handlers['settings:get']({})).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      theme: 'light',
    });
  });

  it('reorders the tabs and announces the new order; an empty domain syncs to an empty list', async () => {
    const { core } = harness;
    await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    const reordered = await core.handlers['accounts:reorder']({ domains: [LUMIERE_DOMAIN, NORTHWIND_DOMAIN] });
    expect(reordered.map((account) => account.domain)).toEqual([LUMIERE_DOMAIN, NORTHWIND_DOMAIN]);
    const last = harness.events.filter((event) => event.channel === 'accounts:changed').at(-1);
    expect(last?.payload).toEqual({ accounts: reordered });
    expect((await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    // A user with every privilege: no tab says one is missing.
    expect((await core.handlers['accounts:list']({})).every((account) => account.missingPrivilege === undefined)).toBe(
      true,
    );
    expect(await core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN })).toEqual([]);
    await expect(core.handlers['filters:get']({ domain: 'unknown-reseller.example' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
