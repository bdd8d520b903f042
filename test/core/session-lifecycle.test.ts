import { access } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenKey } from '../../main/core/accounts/account-registry';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { emulatorClock } from './helpers/case-action-fixtures';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const TOKEN_TTL_SEC = 300;

const firstPage = (domain: string) => ({
  domain,
  filters: EMPTY_CASE_FILTERS,
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 50,
});

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('domain sessions over time: refresh, revocation, sign-out', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      manualClock: true,
      accessTokenTtlSec: TOKEN_TTL_SEC,
    });
    // The core reads the same time as the emulator, so "shortly before expiry" means the same to both.
    harness = await startCoreHarness({ emulator, clock: emulatorClock(emulator) });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await harness.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    await harness.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('refreshes the access token before it expires, without a refused request', async () => {
    const tokenCalls = () => emulator.control.requestLog().filter((entry) => entry.route === 'oauth.token').length;
    const before = tokenCalls();
    emulator.control.clearRequestLog();
    emulator.control.clock.advance((TOKEN_TTL_SEC - 30) * 1000);
    const status = await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    expect(status.state).toBe('idle');
    const log = emulator.control.requestLog();
    expect(log.filter((entry) => entry.route === 'oauth.token' && entry.status === 200)).toHaveLength(1);
    expect(log.filter((entry) => entry.status === 401)).toEqual([]);
    expect(before).toBeGreaterThan(0);
  });

  it('asks only the revoked domain to sign in again; its cache stays readable; the other keeps syncing', async () => {
    const { core } = harness;
    const cachedBefore = await core.handlers['cases:query'](firstPage(NORTHWIND_DOMAIN));
    emulator.control.revokeUserTokens(DEMO_USERS.alex);
    const expired = harness.waitForEvent('accounts:changed', ({ accounts }) =>
      accounts.some((account) => account.domain === NORTHWIND_DOMAIN && account.status === 'needs_sign_in'),
    );
    const status = await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    expect(status).toMatchObject({ state: 'error', error: { code: 'session_expired' } });
    const { accounts } = await expired;
    expect(accounts.find((account) => account.domain === LUMIERE_DOMAIN)?.status).toBe('signed_in');

    expect(await core.handlers['cases:query'](firstPage(NORTHWIND_DOMAIN))).toEqual(cachedBefore);
    expect((await core.handlers['sync:now']({ domain: LUMIERE_DOMAIN })).state).toBe('idle');
    expect((await core.handlers['sync:status']({ domain: NORTHWIND_DOMAIN })).error?.code).toBe('session_expired');

    const again = await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    expect(again.status).toBe('signed_in');
    expect((await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    expect((await core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([
      NORTHWIND_DOMAIN,
      LUMIERE_DOMAIN,
    ]);
  });

  it('signs out one domain: token revoked, keychain entry, browser data, database and filters gone', async () => {
    const { core, secrets } = harness;
    await core.handlers['filters:set']({
      domain: LUMIERE_DOMAIN,
      filters: { keyword: 'drive', states: ['NEW'], priorities: [] },
    });
    await core.handlers['case:get']({
      domain: LUMIERE_DOMAIN,
      name: (await core.handlers['cases:query'](firstPage(LUMIERE_DOMAIN))).rows[0]!.name,
    });
    const file = databaseFilePath(harness.dataDir, LUMIERE_DOMAIN);
    expect(await exists(file)).toBe(true);
    const token = await secrets.get(refreshTokenKey(LUMIERE_DOMAIN));
    expect(token).toBeTruthy();
    emulator.control.clearRequestLog();

    await core.handlers['account:signOut']({ domain: LUMIERE_DOMAIN });

    expect(
      emulator.control.requestLog().filter((entry) => entry.route === 'oauth.revoke' && entry.status === 200),
    ).toHaveLength(1);
    expect(await secrets.get(refreshTokenKey(LUMIERE_DOMAIN))).toBeNull();
    expect(await secrets.get(refreshTokenKey(NORTHWIND_DOMAIN))).toBeTruthy();
    expect(harness.cleared).toEqual([LUMIERE_DOMAIN]);
    expect(await exists(file)).toBe(false);
    expect(await exists(`${file}-wal`)).toBe(false);
    expect(await exists(databaseFilePath(harness.dataDir, NORTHWIND_DOMAIN))).toBe(true);
    expect(harness.store.get(`filters.${LUMIERE_DOMAIN}`)).toBeUndefined();
    expect((await core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([NORTHWIND_DOMAIN]);
    await expect(core.handlers['cases:query'](firstPage(LUMIERE_DOMAIN))).rejects.toMatchObject({ code: 'not_found' });
    expect((await core.handlers['cases:query'](firstPage(NORTHWIND_DOMAIN))).total).toBeGreaterThan(0);
  });
});

describe('a token the server refuses before the app expected it to expire', () => {
  it('is refreshed and the request sent again', async () => {
    const emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      manualClock: true,
      accessTokenTtlSec: TOKEN_TTL_SEC,
    });
    // The core keeps real time while the emulator jumps ahead: from the core's view the token is still fresh.
    const harness = await startCoreHarness({ emulator });
    try {
      await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
      await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
      emulator.control.clearRequestLog();
      emulator.control.clock.advance(2 * TOKEN_TTL_SEC * 1000);
      expect((await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
      const log = emulator.control.requestLog();
      const refused = log.findIndex((entry) => entry.status === 401);
      const refreshed = log.findIndex((entry) => entry.route === 'oauth.token' && entry.status === 200);
      expect(refused).toBeGreaterThanOrEqual(0);
      expect(refreshed).toBeGreaterThan(refused);
      expect((await harness.core.handlers['accounts:list']({}))[0]?.status).toBe('signed_in');
    } finally {
      await harness.dispose();
      await removeDataDir(harness.dataDir);
      await emulator.close();
    }
  });
});
