import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenKey } from '../../main/core/accounts/account-registry';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { MemorySecretStore } from '../core/helpers/memory-stores';
import { startCoreHarness, type CoreHarness } from '../core/helpers/core-harness';
import {
  FakeKeytar,
  FakeSafeStorage,
  LIBSECRET_ERRORS,
  LOAD_ERRORS,
  machine,
  startRun,
  type Machine,
  type RunOptions,
} from './secret-store-fakes';

/**
 * The real core against the emulator, its keychain being main's store chooser over fake
 * keytar and safeStorage: what a user sees when the keychain goes away, comes back, or
 * fails during a sign-out, over several starts of the app on one machine.
 */
let emulator: RunningEmulator;
const harnesses: CoreHarness[] = [];
const computers: Machine[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
});
afterAll(async () => {
  for (const harness of harnesses) await harness.dispose();
  await emulator.close();
  for (const computer of computers) rmSync(computer.dir, { recursive: true, force: true });
});

function newMachine(): Machine {
  const computer = machine();
  computers.push(computer);
  return computer;
}

/** One start of the app: a core whose keychain is this run's store chooser. */
async function start(computer: Machine, options: RunOptions) {
  const { store } = startRun(computer, options);
  const harness = await startCoreHarness({
    emulator,
    reuse: { secrets: new MemorySecretStore(), store: computer.settings, dataDir: computer.dir },
    secretStore: store,
  });
  harnesses.push(harness);
  await harness.core.start();
  return harness;
}

async function stop(harness: CoreHarness) {
  harnesses.splice(harnesses.indexOf(harness), 1);
  await harness.dispose();
}

const statuses = async (harness: CoreHarness) =>
  Object.fromEntries((await harness.core.handlers['accounts:list']({})).map((a) => [a.domain, a.status]));

async function signInBoth(harness: CoreHarness) {
  await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
  await harness.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
}

describe('sign-ins across starts when the keychain changes', () => {
  it('tells which domains could not be read back when the keychain is gone, and signs nobody out', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('kwallet5');
    const first = await start(computer, { keytar, safeStorage });
    await signInBoth(first);
    await stop(first);

    const without = await start(computer, { keytar: new Error(LOAD_ERRORS[1]), safeStorage });
    expect(await statuses(without)).toEqual({ [NORTHWIND_DOMAIN]: 'needs_sign_in', [LUMIERE_DOMAIN]: 'needs_sign_in' });
    const notices = await without.core.handlers['notices:list']({});
    expect(notices.map((notice) => [notice.code, notice.facts])).toEqual([
      ['secrets_unreachable', { reason: 'load_failed', domains: `${NORTHWIND_DOMAIN}, ${LUMIERE_DOMAIN}` }],
    ]);
    await stop(without);

    const back = await start(computer, { keytar, safeStorage });
    expect(await statuses(back)).toEqual({ [NORTHWIND_DOMAIN]: 'signed_in', [LUMIERE_DOMAIN]: 'signed_in' });
    expect(await back.core.handlers['notices:list']({})).toEqual([]);
    await expect(back.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).resolves.toMatchObject({
      state: 'idle',
    });
    await stop(back);
  });

  it('moves every domain from the safeStorage file into the keychain once it works, still signed in', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const first = await start(computer, { keytar: new Error(LIBSECRET_ERRORS[0]), safeStorage });
    await signInBoth(first);
    expect(readFileSync(computer.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    await stop(first);

    const keytar = new FakeKeytar();
    const second = await start(computer, { keytar, safeStorage });
    expect(await statuses(second)).toEqual({ [NORTHWIND_DOMAIN]: 'signed_in', [LUMIERE_DOMAIN]: 'signed_in' });
    expect(keytar.has(refreshTokenKey(NORTHWIND_DOMAIN))).toBe(true);
    expect(keytar.has(refreshTokenKey(LUMIERE_DOMAIN))).toBe(true);
    expect(readFileSync(computer.file, 'utf8')).toBe('');
    await expect(second.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN })).resolves.toMatchObject({
      state: 'idle',
    });
    await stop(second);
  });

  it('signs out even when the keychain fails to delete, and the domain signs in cleanly at the next start', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const first = await start(computer, { keytar, safeStorage });
    await signInBoth(first);
    keytar.failures = { delete: new Error(LIBSECRET_ERRORS[4]) };
    await first.core.handlers['account:signOut']({ domain: LUMIERE_DOMAIN });
    expect(await statuses(first)).toEqual({ [NORTHWIND_DOMAIN]: 'signed_in' });
    expect(keytar.has(refreshTokenKey(LUMIERE_DOMAIN))).toBe(true);
    expect(first.warnings).toContain(`Could not delete the keychain entry of ${LUMIERE_DOMAIN}; signing out anyway`);
    await stop(first);

    keytar.failures = {};
    const next = await start(computer, { keytar, safeStorage });
    expect(await statuses(next)).toEqual({ [NORTHWIND_DOMAIN]: 'signed_in' });
    // The stale entry went at start; Northwind's stays, untouched.
    expect(keytar.has(refreshTokenKey(LUMIERE_DOMAIN))).toBe(false);
    expect(keytar.has(refreshTokenKey(NORTHWIND_DOMAIN))).toBe(true);
    const again = await next.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    expect(again.status).toBe('signed_in');
    await expect(next.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN })).resolves.toMatchObject({ state: 'idle' });
    await stop(next);
  });

  it('refuses a sign-in it cannot keep with keychain_unavailable, not keytar’s raw error', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const first = await start(computer, { keytar, safeStorage: new FakeSafeStorage('gnome_libsecret') });
    await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    keytar.failures = { set: new Error(LIBSECRET_ERRORS[4]) };
    await expect(
      first.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire }),
    ).rejects.toMatchObject({ code: 'keychain_unavailable', detail: { store: 'keytar', reason: 'no_secret_service' } });
    expect(await statuses(first)).toEqual({ [NORTHWIND_DOMAIN]: 'signed_in' });
    await stop(first);
  });
});
