import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS_BACKEND_KEY, refreshTokenKey } from '../../main/core/accounts/account-registry';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { silentLogger, type SecretStore } from '../../main/core/ports';
import {
  LEGACY_OAUTH_CLIENT_SECRET_KEY,
  OAUTH_CLIENT_ID_KEY,
  OAUTH_CLIENT_SECRET_ACCOUNT,
  OAuthClientSettings,
} from '../../main/core/settings/oauth-client-settings';
import { databaseFilePath } from '../../main/core/storage/database-file';
import {
  DEMO_OAUTH_CLIENT_ID,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../main/emulator';
import type { AppErrorData } from '../../shared/app-error';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { oauthClientProblems } from '../../shared/model/oauth-client';
import { removeDataDir, startCoreHarness, type CoreHarness, type HarnessOptions } from './helpers/core-harness';
import { MemoryKeyValueStore, MemorySecretStore } from './helpers/memory-stores';

const ID = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
const OTHER_ID = '987654321098-zyxwvutsrqponmlkjihgfedcba543210.apps.googleusercontent.com';
const SECRET = 'GOCSPX-AbCdEfGhIjKlMnOpQrStUvWx_-12';
const OLD_SECRET = 'aB3dE5gH7jK9mN1pQ3sT5vX7';

describe('the OAuth client fields', () => {
  it('accept what Google issues, trimmed, and an older secret', () => {
    expect(oauthClientProblems({ clientId: ` ${ID}\n`, clientSecret: ` ${SECRET} ` })).toEqual({});
    expect(oauthClientProblems({ clientId: ID, clientSecret: OLD_SECRET })).toEqual({});
    expect(oauthClientProblems({ clientId: ID })).toEqual({});
  });

  it.each([
    ['an empty ID', { clientId: '   ' }, { clientId: 'required' }],
    ['an ID without the suffix', { clientId: '123456789012-abcdefghijkl' }, { clientId: 'shape' }],
    [
      'an ID without its project number',
      { clientId: 'abc-abcdefghijkl.apps.googleusercontent.com' },
      { clientId: 'shape' },
    ],
    ['a web client pasted with its JSON', { clientId: `{"client_id":"${ID}"}` }, { clientId: 'shape' }],
    ['an ID far too long', { clientId: `${'1'.repeat(300)}-x.apps.googleusercontent.com` }, { clientId: 'too_long' }],
    ['an empty secret', { clientId: ID, clientSecret: ' ' }, { clientSecret: 'required' }],
    [
      'a secret with a space inside',
      { clientId: ID, clientSecret: 'GOCSPX-abcdefghij klmnopqrstuvwxyz' },
      { clientSecret: 'shape' },
    ],
    ['the ID pasted as the secret', { clientId: ID, clientSecret: ID }, { clientSecret: 'shape' }],
    ['both wrong', { clientId: 'x', clientSecret: 'y' }, { clientId: 'shape', clientSecret: 'shape' }],
  ])('refuse %s, per field', (_what, input, problems) => {
    expect(oauthClientProblems(input)).toEqual(problems);
  });
});

describe('the OAuth client settings', () => {
  const stores = () => {
    const store = new MemoryKeyValueStore();
    const secrets = new MemorySecretStore();
    return { store, secrets, settings: new OAuthClientSettings({ store, secrets, log: silentLogger }) };
  };

  it('keep the ID in the settings file and the secret in the keychain only', async () => {
    const { store, secrets, settings } = stores();
    await settings.save(ID, SECRET);
    expect(store.get(OAUTH_CLIENT_ID_KEY)).toBe(ID);
    expect([...store.entries.values()].join()).not.toContain(SECRET);
    expect(secrets.entries.get(OAUTH_CLIENT_SECRET_ACCOUNT)).toBe(SECRET);
    expect(await settings.read()).toEqual({ clientId: ID, clientSecret: SECRET });
    await settings.clear();
    expect(await settings.read()).toBeNull();
    expect(secrets.entries.size).toBe(0);
  });

  it('move a secret left in the settings file to the keychain, replacing an older one there', async () => {
    const { store, secrets, settings } = stores();
    store.set(OAUTH_CLIENT_ID_KEY, ID);
    store.set(LEGACY_OAUTH_CLIENT_SECRET_KEY, ` ${SECRET} `);
    secrets.entries.set(OAUTH_CLIENT_SECRET_ACCOUNT, OLD_SECRET);
    expect(await settings.read()).toEqual({ clientId: ID, clientSecret: SECRET });
    expect(store.get(LEGACY_OAUTH_CLIENT_SECRET_KEY)).toBeUndefined();
    expect(secrets.entries.get(OAUTH_CLIENT_SECRET_ACCOUNT)).toBe(SECRET);
  });

  it('refuse a secret no keychain would keep across the restart, and save nothing', async () => {
    const { store, secrets } = stores();
    const inMemoryOnly = Object.assign(secrets, { keepsAcrossRestarts: async () => false });
    const settings = new OAuthClientSettings({ store, secrets: inMemoryOnly, log: silentLogger });
    await expect(settings.save(ID, SECRET)).rejects.toMatchObject({
      code: 'keychain_unavailable',
      detail: { store: 'memory', reason: 'not_kept' },
    });
    expect(store.get(OAUTH_CLIENT_ID_KEY)).toBeUndefined();
    expect(secrets.entries.size).toBe(0);
    expect(await settings.read()).toBeNull();
  });

  it('go back to the demo when the keychain cannot delete the secret, saying so in the log', async () => {
    const store = new MemoryKeyValueStore();
    const warnings: string[] = [];
    const settings = new OAuthClientSettings({
      store,
      secrets: {
        get: async () => SECRET,
        set: async () => undefined,
        delete: async () => {
          throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
        },
      },
      log: { ...silentLogger, warn: (message) => void warnings.push(message) },
    });
    store.set(OAUTH_CLIENT_ID_KEY, ID);
    await settings.clear();
    expect(store.get(OAUTH_CLIENT_ID_KEY)).toBeUndefined();
    expect(await settings.read()).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it('leave the secret in the settings file while the keychain fails, and still use it', async () => {
    const store = new MemoryKeyValueStore();
    const broken: SecretStore = {
      get: async () => {
        throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
      },
      set: async () => undefined,
      delete: async () => false,
    };
    const warnings: string[] = [];
    const settings = new OAuthClientSettings({
      store,
      secrets: broken,
      log: { ...silentLogger, warn: (message) => void warnings.push(message) },
    });
    store.set(OAUTH_CLIENT_ID_KEY, ID);
    store.set(LEGACY_OAUTH_CLIENT_SECRET_KEY, SECRET);
    expect(await settings.read()).toEqual({ clientId: ID, clientSecret: SECRET });
    expect(store.get(LEGACY_OAUTH_CLIENT_SECRET_KEY)).toBe(SECRET);
    expect(warnings).toHaveLength(1);
  });
});

describe('the Google connection handlers, against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness | undefined;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
  });
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });
  afterAll(async () => {
    for (const dir of dataDirs) await removeDataDir(dir);
    await emulator.close();
  });

  const start = async (options: Omit<HarnessOptions, 'emulator'> = {}) => {
    harness = await startCoreHarness({ emulator, ...options });
    dataDirs.push(harness.dataDir);
    await harness.core.start();
    return harness;
  };
  const dispatchOf = (h: CoreHarness) => createInvokeDispatcher(h.core.handlers);
  const failure = (result: { ok: boolean; error?: AppErrorData }) => {
    expect(result.ok).toBe(false);
    return result.error!;
  };

  it('refuse a malformed client with the field named, and save nothing', async () => {
    const h = await start();
    const dispatch = dispatchOf(h);
    const badId = failure(await dispatch('backend:setOAuthClient', { clientId: 'my-client', clientSecret: SECRET }));
    expect(badId).toMatchObject({ code: 'bad_request', detail: { field: 'clientId' } });
    const badSecret = failure(await dispatch('backend:setOAuthClient', { clientId: ID, clientSecret: 'secret' }));
    expect(badSecret).toMatchObject({ code: 'bad_request', detail: { field: 'clientSecret' } });
    // A new client without its secret: Google's token endpoint would refuse every sign-in.
    const noSecret = failure(await dispatch('backend:setOAuthClient', { clientId: ID }));
    expect(noSecret).toMatchObject({ code: 'invalid_argument', detail: { field: 'clientSecret', reason: 'required' } });
    expect(h.store.get(OAUTH_CLIENT_ID_KEY)).toBeUndefined();
    expect(h.secrets.entries.has(OAUTH_CLIENT_SECRET_ACCOUNT)).toBe(false);
    expect(h.restarts.count).toBe(0);
    expect(await h.core.handlers['backend:get']({})).toEqual({ kind: 'demo', source: 'none', hasClientSecret: false });
  });

  it('save a valid client (secret in the keychain, never returned), sign the demo domains out there, and restart', async () => {
    const h = await start();
    await h.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await h.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    const tokens = [NORTHWIND_DOMAIN, LUMIERE_DOMAIN].map((domain) => h.secrets.entries.get(refreshTokenKey(domain)));
    expect(tokens.every(Boolean)).toBe(true);

    const saved = await dispatchOf(h)('backend:setOAuthClient', { clientId: ` ${ID} `, clientSecret: `${SECRET}\n` });
    const expected = { kind: 'google', source: 'settings', clientId: ID, hasClientSecret: true };
    expect(saved).toEqual({ ok: true, value: { ...expected, restarting: true } });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(h.secrets.entries.get(OAUTH_CLIENT_SECRET_ACCOUNT)).toBe(SECRET);
    expect([...h.store.entries.values()].join()).not.toContain(SECRET);
    expect(await h.core.handlers['backend:get']({})).toEqual(expected);
    expect(h.restarts.count).toBe(1);

    // Signed out on the demo backend they belong to: revoked there, nothing left to restore on Google;
    // their databases (drafts, outbox) stay for their next sign-in.
    expect(await h.core.handlers['accounts:list']({})).toEqual([]);
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      expect(h.secrets.entries.has(refreshTokenKey(domain))).toBe(false);
      expect(existsSync(databaseFilePath(h.dataDir, domain))).toBe(true);
    }
    const revokes = h.requests.filter((request) => request.url.pathname.endsWith('/revoke'));
    expect(revokes.map((request) => request.domain).sort()).toEqual([LUMIERE_DOMAIN, NORTHWIND_DOMAIN].sort());
  });

  it('keep the saved secret when only the ID is sent again, and refuse it for another client', async () => {
    const h = await start();
    await h.core.handlers['backend:setOAuthClient']({ clientId: ID, clientSecret: SECRET });
    expect(await h.core.handlers['backend:setOAuthClient']({ clientId: ID })).toMatchObject({ hasClientSecret: true });
    expect(h.secrets.entries.get(OAUTH_CLIENT_SECRET_ACCOUNT)).toBe(SECRET);
    await expect(h.core.handlers['backend:setOAuthClient']({ clientId: OTHER_ID })).rejects.toMatchObject({
      code: 'invalid_argument',
      detail: { field: 'clientSecret' },
    });
    expect(await h.core.handlers['backend:get']({})).toMatchObject({ clientId: ID });
  });

  it('while the environment sets the client: report it read-only, without the secret, and refuse changes', async () => {
    const h = await start({
      backend: { kind: 'google', source: 'env', oauthClientId: DEMO_OAUTH_CLIENT_ID, oauthClientSecret: SECRET },
    });
    const got = await h.core.handlers['backend:get']({});
    expect(got).toEqual({ kind: 'google', source: 'env', clientId: DEMO_OAUTH_CLIENT_ID, hasClientSecret: true });
    expect(JSON.stringify(got)).not.toContain(SECRET);
    for (const change of [
      () => h.core.handlers['backend:setOAuthClient']({ clientId: ID, clientSecret: SECRET }),
      () => h.core.handlers['backend:useDemo']({}),
    ]) {
      await expect(change()).rejects.toMatchObject({
        code: 'failed_precondition',
        detail: { reason: 'set_by_environment' },
      });
    }
    expect(h.store.get(OAUTH_CLIENT_ID_KEY)).toBeUndefined();
    expect(h.restarts.count).toBe(0);
  });

  it('go back to the demo: the client forgotten, the Google domains signed out, a restart', async () => {
    // "Google" here: the emulator through a client identity of its own, so a domain can sign in on it.
    const h = await start({ backend: { kind: 'google', source: 'settings', oauthClientId: DEMO_OAUTH_CLIENT_ID } });
    h.store.set(OAUTH_CLIENT_ID_KEY, DEMO_OAUTH_CLIENT_ID);
    h.secrets.entries.set(OAUTH_CLIENT_SECRET_ACCOUNT, SECRET);
    await h.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    expect(await h.core.handlers['backend:useDemo']({})).toEqual({
      kind: 'demo',
      source: 'none',
      hasClientSecret: false,
      restarting: true,
    });
    expect(h.store.get(OAUTH_CLIENT_ID_KEY)).toBeUndefined();
    expect(h.secrets.entries.size).toBe(0);
    expect(await h.core.handlers['accounts:list']({})).toEqual([]);
    expect(h.restarts.count).toBe(1);
  });

  it('on the demo already: going back to the demo forgets a saved client without restarting', async () => {
    const h = await start();
    await h.core.handlers['backend:setOAuthClient']({ clientId: ID, clientSecret: SECRET });
    await h.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    expect(await h.core.handlers['backend:useDemo']({})).toMatchObject({ kind: 'demo', restarting: false });
    expect(h.restarts.count).toBe(1);
    expect(await h.core.handlers['accounts:list']({})).toHaveLength(1);
  });

  it.each([
    ['demo domains are not restored against Google', undefined, { kind: 'google' as const, oauthClientId: ID }],
    [
      'Google domains are not restored against the demo',
      { kind: 'google' as const, oauthClientId: DEMO_OAUTH_CLIENT_ID },
      undefined,
    ],
  ])('at a start on another backend (the environment changed): %s', async (_what, before, after) => {
    const first = await start(before ? { backend: before } : {});
    await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await first.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await first.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    await first.dispose();
    harness = undefined;

    const second = await start({ reuse: first, ...(after ? { backend: after } : {}) });
    expect(await second.core.handlers['accounts:list']({})).toEqual([]);
    expect(second.store.get('accounts')).toEqual([]);
    expect(second.store.get(ACCOUNTS_BACKEND_KEY)).toBe(after ? `google:${ID}` : 'demo');
    // Not one request: no token of the other backend was sent anywhere.
    expect(second.requests).toEqual([]);
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      expect(second.secrets.entries.has(refreshTokenKey(domain))).toBe(false);
      expect(existsSync(databaseFilePath(second.dataDir, domain))).toBe(true);
    }
    expect(second.cleared.sort()).toEqual([LUMIERE_DOMAIN, NORTHWIND_DOMAIN].sort());
  });

  it('refuse a client whose secret no keychain would keep: no restart, nobody signed out', async () => {
    const secretStore = Object.assign(new MemorySecretStore(), { keepsAcrossRestarts: async () => false });
    const h = await start({ secretStore });
    await h.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    const refused = failure(await dispatchOf(h)('backend:setOAuthClient', { clientId: ID, clientSecret: SECRET }));
    expect(refused).toMatchObject({ code: 'keychain_unavailable', detail: { reason: 'not_kept' } });
    expect(h.restarts.count).toBe(0);
    expect((await h.core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([NORTHWIND_DOMAIN]);
    expect(await h.core.handlers['backend:get']({})).toEqual({ kind: 'demo', source: 'none', hasClientSecret: false });
  });

  it('keep what was typed through a switch: the draft is back when the domain signs in again', async () => {
    const first = await start();
    await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await first.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    // A sign-in answers before its first sync ends: a pass asked for now ends with the cases listed.
    expect((await first.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    const { rows } = await first.core.handlers['cases:query']({
      domain: NORTHWIND_DOMAIN,
      filters: EMPTY_CASE_FILTERS,
      sort: DEFAULT_CASE_SORT,
      offset: 0,
      limit: 1,
    });
    const caseName = rows[0]!.name;
    const body = `Typed before the switch ${Date.now()}`;
    const id = crypto.randomUUID();
    await first.core.handlers['draft:save']({
      domain: NORTHWIND_DOMAIN,
      id,
      content: { kind: 'comment', caseName, body },
    });
    await first.core.handlers['backend:setOAuthClient']({ clientId: ID, clientSecret: SECRET });
    expect(await first.core.handlers['accounts:list']({})).toEqual([]);
    await first.core.handlers['backend:useDemo']({});
    await first.dispose();
    harness = undefined;

    const second = await start({ reuse: first });
    await second.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    const drafts = await second.core.handlers['drafts:list']({ domain: NORTHWIND_DOMAIN });
    expect(drafts.map((draft) => [draft.id, draft.content])).toEqual([[id, { kind: 'comment', caseName, body }]]);
    // The other domain's drafts are its own: none of Northwind's shows there.
    await second.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    expect(await second.core.handlers['drafts:list']({ domain: LUMIERE_DOMAIN })).toEqual([]);
  });

  it('restore the domains of the same backend as before', async () => {
    const first = await start();
    await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await first.dispose();
    harness = undefined;
    const second = await start({ reuse: first });
    expect((await second.core.handlers['accounts:list']({})).map((account) => account.domain)).toEqual([
      NORTHWIND_DOMAIN,
    ]);
    expect(second.secrets.entries.has(refreshTokenKey(NORTHWIND_DOMAIN))).toBe(true);
  });
});
