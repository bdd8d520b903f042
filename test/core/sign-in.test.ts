import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenKey } from '../../main/core/accounts/account-registry';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { AppError } from '../../shared/app-error';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

describe('signing in per reseller domain', () => {
  let emulator: RunningEmulator;
  const harnesses: CoreHarness[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
  });
  afterAll(async () => {
    for (const harness of harnesses) {
      await harness.dispose();
      await removeDataDir(harness.dataDir);
    }
    await emulator.close();
  });

  const harness = async (pickUser?: (url: URL) => string | null) => {
    const created = await startCoreHarness({ emulator, pickUser });
    harnesses.push(created);
    return created;
  };

  it('signs in through the system browser with PKCE, a loopback redirect, hd and login_hint', async () => {
    const { core, browser, secrets, store } = await harness();
    const account = await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    expect(account).toMatchObject({ domain: NORTHWIND_DOMAIN, email: DEMO_USERS.alex, status: 'signed_in' });

    const url = browser.opened[0]!;
    expect(url.origin + url.pathname).toBe(emulator.endpoints.authorize);
    expect(url.searchParams.get('hd')).toBe(NORTHWIND_DOMAIN);
    expect(url.searchParams.get('login_hint')).toBe(DEMO_USERS.alex);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual(
      [
        'email',
        'https://www.googleapis.com/auth/apps.order.readonly',
        'https://www.googleapis.com/auth/cloud-platform',
        'openid',
      ].sort(),
    );
    await expect.poll(() => browser.landings.length).toBe(1);
    expect(browser.landings[0]!.status).toBe(200);
    expect(browser.landings[0]!.body).toContain('Vous pouvez fermer cet onglet');
    expect(browser.landings[0]!.body).toContain('You can close this tab');

    expect(await secrets.get(refreshTokenKey(NORTHWIND_DOMAIN))).toBeTruthy();
    expect(JSON.stringify([...store.entries])).not.toContain(await secrets.get(refreshTokenKey(NORTHWIND_DOMAIN)));
    expect(await core.handlers['accounts:list']({})).toEqual([account]);
  });

  it('refuses an account of another domain and revokes its token', async () => {
    const { core, secrets, browser } = await harness(() => DEMO_USERS.claire);
    const attempt = core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN });
    await expect(attempt).rejects.toMatchObject({ code: 'wrong_domain' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(browser.opened).toHaveLength(1);
    expect(await core.handlers['accounts:list']({})).toEqual([]);
    expect(secrets.entries.size).toBe(0);
    const revoked = emulator.control.requestLog().filter((entry) => entry.route === 'oauth.revoke');
    expect(revoked.length).toBeGreaterThan(0);
  });

  it('cancels a pending sign-in', async () => {
    const { core } = await harness(() => null);
    const attempt = core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN });
    attempt.catch(() => undefined);
    await expect.poll(async () => (await core.handlers['account:cancelSignIn']({})).cancelled).toBe(true);
    await expect(attempt).rejects.toMatchObject({ code: 'cancelled' });
    expect((await core.handlers['account:cancelSignIn']({})).cancelled).toBe(false);
  });
});
